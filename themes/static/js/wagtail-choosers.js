/* Start one of Wagtail's date / time / date-time pickers, as its inline script did (which the
   Content-Security-Policy refuses). Included right after the widget's <input>, so it runs where the
   inline script ran; the widget's id and options come from this <script> element's data attributes. */
(function () {
  "use strict";
  var script = document.currentScript;
  var start = {
    date: window.initDateChooser,
    time: window.initTimeChooser,
    datetime: window.initDateTimeChooser,
  }[script.dataset.chooser];
  if (start) {
    start(script.dataset.target, JSON.parse(script.dataset.config));
  }
})();
