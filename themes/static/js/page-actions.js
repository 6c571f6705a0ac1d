/* Links that go back, print or close a popup: what Oscar's templates did with inline onclick
   handlers, which the Content-Security-Policy refuses; and "copy" buttons ([data-copy="text"], e.g. the
   bank transfer's account, amount and reference), which say so with their data-copied-text.
   Loaded on every page (oscar/base.html). */
(function () {
  "use strict";
  var actions = {
    "data-history-back": function () { window.history.back(); },
    "data-print-page": function () { window.print(); },
    "data-close-window": function () { window.close(); },
  };
  function copy(button) {
    var text = button.getAttribute("data-copy");
    var done = function () {
      if (button.hasAttribute("data-copied-text")) {
        button.textContent = button.getAttribute("data-copied-text");
      }
      button.setAttribute("data-copied", "true");
    };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(done, function () {});
    }
  }
  document.addEventListener("click", function (event) {
    if (!event.target.closest) {
      return;
    }
    var copyButton = event.target.closest("[data-copy]");
    if (copyButton) {
      event.preventDefault();
      copy(copyButton);
      return;
    }
    Object.keys(actions).some(function (attribute) {
      if (event.target.closest("[" + attribute + "]")) {
        event.preventDefault();
        actions[attribute]();
        return true;
      }
      return false;
    });
  });
})();
