/* Reuse calculator: progressive enhancement only; the page works without it.
 * - After a submission, focus moves to the error summary or to the results, so keyboard and
 *   screen-reader users land on what changed (the results' summary is also a status message).
 * - Component fields suggest published components as you type, from the read API (?q=).
 * - Size labels follow the unit chosen (function points or person-days).
 */
(function () {
  "use strict";

  function focusOutcome() {
    var target = document.getElementById("error-summary") || document.getElementById("results");
    if (!target) return;
    target.focus({ preventScroll: true });
    target.scrollIntoView({ block: "start" });
  }

  function debounce(fn, wait) {
    var timer = null;
    return function () {
      var args = arguments, self = this;
      window.clearTimeout(timer);
      timer = window.setTimeout(function () { fn.apply(self, args); }, wait);
    };
  }

  function setUpSuggestions(form) {
    var api = form.getAttribute("data-component-api");
    var list = document.getElementById("component-options");
    if (!api || !list || !window.fetch) return;
    var latest = 0;
    var suggest = debounce(function (input) {
      var text = input.value.trim();
      if (text.length < 2) return;
      var request = ++latest;
      var url = api + "?page_size=8&complete=true&q=" + encodeURIComponent(text);
      fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.json() : { results: [] }; })
        .then(function (data) {
          if (request !== latest) return; // an older answer arriving late
          while (list.firstChild) list.removeChild(list.firstChild);
          (data.results || []).forEach(function (component) {
            var option = document.createElement("option");
            option.value = component.slug;
            option.label = component.name;
            option.textContent = component.name;
            list.appendChild(option);
          });
        })
        .catch(function () { /* suggestions are a convenience: typing still works */ });
    }, 200);
    form.addEventListener("input", function (event) {
      if (event.target.hasAttribute && event.target.hasAttribute("data-component-search")) {
        suggest(event.target);
      }
    });
  }

  function setUpUnitLabels(form) {
    var names = form.querySelector("[data-unit-names]");
    if (!names) return;
    function update(unit) {
      var text = "(" + names.getAttribute(unit === "person-days" ? "data-person-days" : "data-fp") + ")";
      form.querySelectorAll("[data-unit-name]").forEach(function (span) { span.textContent = text; });
    }
    form.querySelectorAll("[data-unit-choice]").forEach(function (radio) {
      radio.addEventListener("change", function () { if (radio.checked) update(radio.value); });
    });
  }

  function start() {
    var form = document.getElementById("scenario-form");
    if (form) {
      setUpSuggestions(form);
      setUpUnitLabels(form);
    }
    focusOutcome();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
