/* Oscar's dashboard image upload: hide the upload button once the chosen file shows as a preview;
   say so when it cannot (what Oscar's inline onload/onerror did; the Content-Security-Policy refuses
   inline handlers). Load and error events do not bubble: listen in the capture phase, once per page. */
(function () {
  "use strict";
  if (window.ocopImageInputReady) {
    return;
  }
  window.ocopImageInputReady = true;

  function uploadButton(image) {
    var widget = image.closest(".image-input");
    return widget ? widget.querySelector("button") : null;
  }

  document.addEventListener("load", function (event) {
    var image = event.target;
    if (image.matches && image.matches("img[data-image-preview]")) {
      var button = uploadButton(image);
      if (button) {
        button.style.display = "none";
      }
    }
  }, true);

  document.addEventListener("error", function (event) {
    var image = event.target;
    if (image.matches && image.matches("img[data-image-preview]") && image.getAttribute("src")) {
      var button = uploadButton(image);
      if (button) {
        button.style.display = "";
      }
      window.alert(image.dataset.unrecognised);
    }
  }, true);
})();
