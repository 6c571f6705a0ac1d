/* What wagtail-localize's admin pages do in inline scripts, which the Content-Security-Policy refuses: the
   chooser URLs its translation editor opens (from this <script> element's data attributes, put there by
   marketplace/cms/wagtail_hooks.py), and the "select all" box of its "Translate" form. */
(function () {
  "use strict";
  var script = document.currentScript;
  if (typeof window.chooserUrls === "undefined") {
    window.chooserUrls = {
      imageChooser: script.dataset.imageChooser,
      documentChooser: script.dataset.documentChooser,
      pageChooser: script.dataset.pageChooser,
    };
  }
  document.addEventListener("DOMContentLoaded", function () {
    var selectAll = document.querySelector('[name="select_all"]');
    if (!selectAll) {
      return;
    }
    var locales = document.querySelectorAll('[name="locales"]');
    selectAll.addEventListener("change", function () {
      for (var i = 0; i < locales.length; i++) {
        locales[i].checked = selectAll.checked;
      }
    });
  });
})();
