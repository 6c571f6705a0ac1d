/* OCOP marketplace: small progressive enhancements. Every page works without this file. */
(function () {
  "use strict";

  var WARDS_URL = "/api/divisions/wards/";
  var WIDE = window.matchMedia ? window.matchMedia("(min-width: 992px)") : null;

  document.documentElement.classList.remove("no-js");
  document.documentElement.classList.add("js");

  /* Province select → reload the commune/ward options of the same form. */
  function placeholderOption(select) {
    var first = select.options[0];
    return first && first.value === "" ? first.cloneNode(true) : null;
  }

  function fillWards(wardSelect, wards, keep) {
    var placeholder = placeholderOption(wardSelect);
    wardSelect.innerHTML = "";
    if (placeholder) {
      wardSelect.appendChild(placeholder);
    }
    wards.forEach(function (ward) {
      var option = document.createElement("option");
      option.value = String(ward.code);
      option.textContent = ward.name;
      if (option.value === keep) {
        option.selected = true;
      }
      wardSelect.appendChild(option);
    });
  }

  function onProvinceChange(event) {
    var provinceSelect = event.target;
    var scope = provinceSelect.form || document;
    var wardSelect = scope.querySelector("[data-ward-select]");
    if (!wardSelect) {
      return;
    }
    var code = provinceSelect.value;
    var keep = wardSelect.value;
    if (!code) {
      fillWards(wardSelect, [], "");
      return;
    }
    wardSelect.disabled = true;
    wardSelect.setAttribute("aria-busy", "true");
    fetch(WARDS_URL + encodeURIComponent(code) + "/", {
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("HTTP " + response.status);
        }
        return response.json();
      })
      .then(function (data) {
        fillWards(wardSelect, data.wards || [], keep);
      })
      .catch(function () {
        /* Leave the options as they were: submitting the form reloads them on the server. */
      })
      .then(function () {
        wardSelect.disabled = false;
        wardSelect.removeAttribute("aria-busy");
      });
  }

  /* Selects marked data-autosubmit (the sort) submit their form on change. */
  function onAutosubmitChange(event) {
    var form = event.target.form;
    if (!form) {
      return;
    }
    if (form.requestSubmit) {
      form.requestSubmit();
    } else {
      form.submit();
    }
  }

  document.addEventListener("change", function (event) {
    var target = event.target;
    if (!(target instanceof HTMLSelectElement)) {
      return;
    }
    if (target.hasAttribute("data-province-select")) {
      onProvinceChange(event);
    }
    if (target.hasAttribute("data-autosubmit")) {
      onAutosubmitChange(event);
    }
  });

  /* GET forms marked data-drop-empty leave unset fields out of the URL (?stars=4, not ?stars=4&ward=&...). */
  document.addEventListener("formdata", function (event) {
    var form = event.target;
    if (!form.hasAttribute || !form.hasAttribute("data-drop-empty")) {
      return;
    }
    var empty = [];
    event.formData.forEach(function (value, key) {
      if (value === "" && empty.indexOf(key) === -1) {
        empty.push(key);
      }
    });
    empty.forEach(function (key) {
      var kept = event.formData.getAll(key).filter(function (value) { return value !== ""; });
      event.formData.delete(key);
      kept.forEach(function (value) { event.formData.append(key, value); });
    });
  });

  /* The filter panel is folded on phones and open on wide screens. */
  function syncFilters() {
    if (!WIDE) {
      return;
    }
    document.querySelectorAll("details[data-filters]").forEach(function (details) {
      if (WIDE.matches) {
        details.open = true;
      }
    });
  }

  /* The product menu closes on Escape and on a click outside it. */
  function closeMenus(except) {
    document.querySelectorAll("details[data-site-menu][open]").forEach(function (details) {
      if (details !== except) {
        details.open = false;
      }
    });
  }

  document.addEventListener("click", function (event) {
    var inside = event.target.closest ? event.target.closest("details[data-site-menu]") : null;
    closeMenus(inside);
  });

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      var open = document.querySelector("details[data-site-menu][open]");
      if (open) {
        open.open = false;
        open.querySelector("summary").focus();
      }
    }
  });

  /* Keep the current checkout step in view when the step list scrolls sideways. */
  function showCurrentStep() {
    var current = document.querySelector(".checkout-steps__item.is-active");
    if (!current) {
      return;
    }
    var list = current.parentElement;
    list.scrollLeft = current.offsetLeft - list.offsetLeft - (list.clientWidth - current.offsetWidth) / 2;
  }

  function ready() {
    syncFilters();
    showCurrentStep();
    if (WIDE && WIDE.addEventListener) {
      WIDE.addEventListener("change", syncFilters);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }

  /* Oscar's page behaviour (an inline onload script in Oscar's templates, which the
     Content-Security-Policy refuses); page-specific inits follow in the nonce-marked script. */
  if (window.oscar && window.jQuery) {
    window.jQuery(function () {
      window.oscar.init();
    });
  }
})();
