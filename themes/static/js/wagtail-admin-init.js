/* Start what Wagtail's admin starts with inline scripts, which the Content-Security-Policy refuses:
   - chooser widgets (image, document, page, snippet, product, producer): marketplace/cms/admin_widgets.py writes
     the call as <script type="application/json" data-chooser-widget="ImageChooser" data-target="id_x">{options}</script>;
   - inline panels: marketplace/cms/templates/wagtailadmin/panels/inline_panel.html writes their options in
     <div hidden data-inline-panel="{options}">.
   What is on the page starts once every script has run; what an inline panel adds later starts when added. */
(function () {
  "use strict";

  function constructor(path) {
    return path.split(".").reduce(function (scope, name) {
      return scope && scope[name];
    }, window);
  }

  function startChooser(element) {
    var Chooser = constructor(element.dataset.chooserWidget);
    if (element.dataset.started || typeof Chooser !== "function" || !document.getElementById(element.dataset.target)) {
      return;
    }
    element.dataset.started = "true";
    new Chooser(element.dataset.target, JSON.parse(element.textContent));
  }

  function startInlinePanel(element) {
    if (element.dataset.started || typeof window.InlinePanel !== "function") {
      return;
    }
    element.dataset.started = "true";
    new window.InlinePanel(JSON.parse(element.dataset.inlinePanel));
  }

  function startAll(root) {
    if (!root.querySelectorAll) {
      return;
    }
    var selector = "script[data-chooser-widget], [data-inline-panel]";
    var found = Array.prototype.slice.call(root.querySelectorAll(selector));
    if (root.matches(selector)) {
      found.unshift(root);
    }
    found.forEach(function (element) {
      if (element.dataset.inlinePanel) {
        startInlinePanel(element);
      } else {
        startChooser(element);
      }
    });
  }

  function watch() {
    startAll(document.documentElement);
    new MutationObserver(function (mutations) {
      mutations.forEach(function (mutation) {
        mutation.addedNodes.forEach(startAll);
      });
    }).observe(document.body, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", watch);
  } else {
    watch();
  }
})();
