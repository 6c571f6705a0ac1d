/* Links that go back, print or close a popup: what Oscar's templates did with inline onclick
   handlers, which the Content-Security-Policy refuses. Loaded on every page (oscar/base.html). */
(function () {
  "use strict";
  var actions = {
    "data-history-back": function () { window.history.back(); },
    "data-print-page": function () { window.print(); },
    "data-close-window": function () { window.close(); },
  };
  document.addEventListener("click", function (event) {
    if (!event.target.closest) {
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
