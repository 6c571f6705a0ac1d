/* Live totals and star-minimum warnings on the council member's scoring sheet (no dependencies). */
(function () {
    "use strict";
    var sheet = document.querySelector("[data-ocop-sheet]");
    if (!sheet) { return; }
    var lang = document.documentElement.lang || "vi";
    var format = new Intl.NumberFormat(lang, { maximumFractionDigits: 2, useGrouping: false });

    function checkedPoints(leaf) {
        var checked = leaf.querySelector("input[type=radio]:checked");
        return checked ? parseFloat(checked.getAttribute("data-points")) : null;
    }

    function warn(leaf) {
        var box = leaf.querySelector(".ocop-leaf__warning");
        var points = checkedPoints(leaf);
        if (!box) { return; }
        var stars = [];
        if (points !== null) {
            leaf.querySelectorAll("input[data-min-star]").forEach(function (option) {
                var star = option.getAttribute("data-min-star");
                if (points < parseFloat(option.getAttribute("data-points")) && stars.indexOf(star) < 0) {
                    stars.push(star);
                }
            });
        }
        stars.sort();
        if (stars.length) {
            box.textContent = box.getAttribute("data-warning-template").replace(
                "%(stars)s", stars.map(function (s) { return s + "★"; }).join(", "));
            box.hidden = false;
        } else {
            box.textContent = "";
            box.hidden = true;
        }
    }

    function update() {
        var parts = {};
        var overall = 0;
        sheet.querySelectorAll("[data-leaf]").forEach(function (leaf) {
            var points = checkedPoints(leaf);
            var part = leaf.getAttribute("data-part");
            parts[part] = (parts[part] || 0) + (points || 0);
            overall += points || 0;
        });
        sheet.querySelectorAll("[data-total-part]").forEach(function (el) {
            var value = Math.round((parts[el.getAttribute("data-total-part")] || 0) * 100) / 100;
            el.textContent = format.format(value);
            el.setAttribute("data-value", value.toFixed(2));
        });
        var total = document.getElementById("ocop-total");
        if (total) {
            var value = Math.round(overall * 100) / 100;
            total.textContent = format.format(value);
            total.setAttribute("data-value", value.toFixed(2));
        }
    }

    sheet.addEventListener("change", function (event) {
        if (event.target.type !== "radio") { return; }
        warn(event.target.closest("[data-leaf]"));
        update();
    });
})();
