/* Dossier screens: choosing a product pre-selects its product set (the page works without this). */
(function () {
    "use strict";
    var form = document.querySelector("[data-ocop-create]");
    if (!form) { return; }
    var product = form.querySelector("[data-product-select]");
    var productSet = form.querySelector("select[name=product_set]");
    if (!product || !productSet) { return; }
    product.addEventListener("change", function () {
        var chosen = product.options[product.selectedIndex];
        var setId = chosen ? chosen.getAttribute("data-set") : "";
        if (setId) { productSet.value = setId; }
    });
}());
