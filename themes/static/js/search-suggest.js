/* The header search box: product suggestions while typing, as a WAI-ARIA 1.2 combobox with a listbox popup.
   Without this file (or without fetch) the box is a plain search form that opens the search page.
   Keys: ArrowDown/ArrowUp move through the suggestions (wrapping), Enter opens the highlighted product (or
   searches when none is), Escape closes the list (and clears the box when it is already closed).
   Mouse and touch: pressing a suggestion keeps the focus in the box and opens the product. */
(function () {
  "use strict";

  var DEBOUNCE_MS = 150;
  var MIN_CHARS = 2;
  var MAX_CHARS = 200;

  function setup(form) {
    var input = form.querySelector("input[name='q']");
    var listbox = form.querySelector("[data-suggest-listbox]");
    var endpoint = form.getAttribute("data-search-suggest");
    if (!input || !listbox || !endpoint || !window.fetch || !window.AbortController) {
      return;
    }
    var items = [];
    var active = -1;
    var timer = null;
    var controller = null;

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listbox.id);

    function options() {
      return listbox.querySelectorAll("[role='option']");
    }

    function setActive(index) {
      var all = options();
      for (var i = 0; i < all.length; i += 1) {
        all[i].setAttribute("aria-selected", i === index ? "true" : "false");
      }
      active = index;
      if (index >= 0 && all[index]) {
        input.setAttribute("aria-activedescendant", all[index].id);
        if (all[index].scrollIntoView) {
          all[index].scrollIntoView({ block: "nearest" });
        }
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function isOpen() {
      return !listbox.hidden;
    }

    function open() {
      if (!items.length) {
        close();
        return;
      }
      listbox.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }

    function close() {
      setActive(-1);
      listbox.hidden = true;
      input.setAttribute("aria-expanded", "false");
    }

    function render(data) {
      items = data;
      listbox.textContent = "";
      data.forEach(function (item, index) {
        var option = document.createElement("li");
        option.id = listbox.id + "-" + index;
        option.className = "site-search__option";
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.setAttribute("data-index", String(index));
        option.textContent = item.title;
        listbox.appendChild(option);
      });
      active = -1;
      if (items.length && document.activeElement === input) {
        open();
      } else {
        close();
      }
    }

    function abort() {
      if (controller) {
        controller.abort();
        controller = null;
      }
    }

    function load(query) {
      abort();
      controller = new AbortController();
      fetch(endpoint + "?q=" + encodeURIComponent(query), {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
        signal: controller.signal,
      })
        .then(function (response) {
          if (!response.ok) {
            throw new Error("HTTP " + response.status);
          }
          return response.json();
        })
        .then(function (data) {
          if (input.value.trim() === query) {
            render(Array.isArray(data) ? data.filter(function (item) { return item && item.url; }) : []);
          }
        })
        .catch(function () {
          /* Aborted by a newer keystroke, or the network failed: the form still searches on Enter. */
        });
    }

    function schedule() {
      window.clearTimeout(timer);
      var query = input.value.trim();
      if (query.length < MIN_CHARS || query.length > MAX_CHARS) {
        abort();
        render([]);
        return;
      }
      timer = window.setTimeout(function () { load(query); }, DEBOUNCE_MS);
    }

    function follow(index) {
      var item = items[index];
      if (item && item.url) {
        close();
        window.location.assign(item.url);
      }
    }

    input.addEventListener("input", schedule);

    input.addEventListener("keydown", function (event) {
      var count = items.length;
      switch (event.key) {
        case "ArrowDown":
          if (!count) {
            return;
          }
          event.preventDefault();
          if (!isOpen()) {
            open();
            setActive(0);
          } else {
            setActive(active + 1 < count ? active + 1 : 0);
          }
          break;
        case "ArrowUp":
          if (!count) {
            return;
          }
          event.preventDefault();
          if (!isOpen()) {
            open();
            setActive(count - 1);
          } else {
            setActive(active > 0 ? active - 1 : count - 1);
          }
          break;
        case "Enter":
          if (isOpen() && active >= 0) {
            event.preventDefault();
            follow(active);
          }
          break;
        case "Escape":
          if (isOpen()) {
            event.preventDefault();
            close();
          } else if (input.value) {
            event.preventDefault();
            input.value = "";
            abort();
            render([]);
          }
          break;
        default:
          break;
      }
    });

    input.addEventListener("focus", function () {
      if (items.length && input.value.trim()) {
        open();
      }
    });

    input.addEventListener("blur", close);

    /* Pressing a suggestion (mouse or touch) must not take the focus away first, or the list closes. */
    listbox.addEventListener("mousedown", function (event) {
      event.preventDefault();
    });

    listbox.addEventListener("click", function (event) {
      var option = event.target.closest ? event.target.closest("[role='option']") : null;
      if (option) {
        follow(Number(option.getAttribute("data-index")));
      }
    });

    listbox.addEventListener("mousemove", function (event) {
      var option = event.target.closest ? event.target.closest("[role='option']") : null;
      if (option) {
        var index = Number(option.getAttribute("data-index"));
        if (index !== active) {
          setActive(index);
        }
      }
    });
  }

  document.querySelectorAll("form[data-search-suggest]").forEach(setup);
})();
