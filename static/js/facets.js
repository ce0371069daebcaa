/* Catalogue facets. The page works without this file (checkboxes, an "Apply filters" button,
   <details> for the phone drawer, "show all" links); with it:
   - ticking or unticking a value (or removing a chip) searches at once, and the next page
     puts the focus on the results' heading (not back at the top);
   - long facets get a box that filters their list as you type;
   - on phones the filters drawer starts closed, above the results. */
(function () {
  "use strict";
  var FOCUS_KEY = "reuse-facets-focus-results";
  var form = document.getElementById("catalogue-search");
  if (!form) return;

  function store(value) {
    try {
      if (value) { window.sessionStorage.setItem(FOCUS_KEY, "1"); }
      else { window.sessionStorage.removeItem(FOCUS_KEY); }
    } catch (error) { /* storage refused: focus stays where the browser puts it */ }
  }
  function stored() {
    try { return window.sessionStorage.getItem(FOCUS_KEY) === "1"; } catch (error) { return false; }
  }

  document.addEventListener("change", function (event) {
    var box = event.target;
    if (!box.matches || !box.matches('input[type="checkbox"][form="catalogue-search"]')) return;
    store(true);
    if (form.requestSubmit) { form.requestSubmit(); } else { form.submit(); }
  });

  // Removing a chip is a facet change too.
  document.querySelectorAll(".chips a.chip").forEach(function (chip) {
    chip.addEventListener("click", function () { store(true); });
  });

  document.querySelectorAll("[data-apply-filters]").forEach(function (button) {
    button.hidden = true;  // every change searches at once
  });

  if (stored()) {
    store(false);
    var heading = document.getElementById("results-title");
    if (heading) { heading.focus(); }
  }

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  document.querySelectorAll("[data-facet-filter]").forEach(function (box) {
    var list = document.getElementById(box.getAttribute("data-facet-filter"));
    var input = box.querySelector("input");
    if (!list || !input) return;
    box.hidden = false;
    input.addEventListener("input", function () {
      var wanted = fold(input.value.trim());
      list.querySelectorAll("li").forEach(function (item) {
        var checked = item.querySelector("input:checked");
        item.hidden = !checked && wanted !== "" && fold(item.textContent).indexOf(wanted) === -1;
      });
    });
  });

  var drawer = document.querySelector("[data-filters-drawer]");
  var phone = window.matchMedia("(max-width: 40em)");
  if (drawer) {
    if (phone.matches) { drawer.open = false; }
    var widen = function () { if (!phone.matches) { drawer.open = true; } };
    if (phone.addEventListener) { phone.addEventListener("change", widen); }
  }
})();
