/* Accessible names the admin's own widgets leave out (axe-core's serious findings on the change forms),
 * given once Django's and modeltranslation's scripts have built them:
 * - the date and time halves of a date-time field: "<field label> — Date:" / "— Time:";
 * - select2 autocompletes: named by their field's label;
 * - modeltranslation's language switch: named "Language" (translated, from this script's data-language), and
 *   showing the language the tabs opened on (the interface's; modeltranslation leaves it on the first one);
 * - language tabs: the link inside each tab (an li with role="tab") loses its href, so no interactive
 *   element is nested in another; the tab itself keeps the keyboard and the clicks (jQuery UI tabs).
 */
(function () {
  "use strict";

  var script = document.currentScript;

  function labelText(id) {
    var label = document.querySelector('label[for="' + id + '"]');
    return label ? label.textContent.replace(/:\s*$/, "").trim() : "";
  }

  function nameSplitDateTimes() {
    document.querySelectorAll("p.datetime").forEach(function (paragraph) {
      var inputs = paragraph.querySelectorAll("input");
      if (!inputs.length) return;
      var field = labelText(inputs[0].id);
      inputs.forEach(function (input) {
        var before = input.previousSibling;
        while (before && before.nodeType !== Node.TEXT_NODE) before = before.previousSibling;
        var part = before ? before.textContent.trim().replace(/:$/, "") : "";
        if (!input.getAttribute("aria-label")) input.setAttribute("aria-label", [field, part].filter(Boolean).join(" — "));
      });
    });
  }

  function nameAutocompletes() {
    document.querySelectorAll(".select2-container").forEach(function (container) {
      var select = container.previousElementSibling;
      if (!select || !select.id) return;
      var name = labelText(select.id);
      container.querySelectorAll("[role=combobox], [role=textbox], input.select2-search__field").forEach(function (part) {
        if (!part.getAttribute("aria-label")) part.setAttribute("aria-label", name);
      });
    });
  }

  function nameLanguageSwitch() {
    var select = document.getElementById("modeltranslation-main-switch");
    if (!select) return;
    if (!select.getAttribute("aria-label")) select.setAttribute("aria-label", script.dataset.language);
    // Its options are the tabs' positions; every tab row opened on the same language.
    var opened = document.querySelector(".ui-tabs-nav > li.ui-tabs-active");
    if (opened) select.value = String(Array.prototype.indexOf.call(opened.parentNode.children, opened));
  }

  function unnestTabLinks() {
    [window.jQuery, window.django && window.django.jQuery].forEach(function (jq) {
      var tabs = jq && jq.ui && jq.ui.tabs && jq.ui.tabs.prototype;
      if (!tabs || tabs.a11yPatched) return;
      var isLocal = tabs._isLocal;
      // A tab whose link lost its href still shows its own panel (never one loaded from another URL).
      tabs._isLocal = function (anchor) {
        return Boolean(anchor.dataset && anchor.dataset.href) || isLocal.call(this, anchor);
      };
      tabs.a11yPatched = true;
    });
    document.querySelectorAll("li[role=tab] > a[href]").forEach(function (link) {
      link.dataset.href = link.getAttribute("href");
      link.removeAttribute("href");
    });
  }

  function run() {
    nameSplitDateTimes();
    nameAutocompletes();
    nameLanguageSwitch();
    unnestTabLinks();
    document.documentElement.dataset.a11yReady = "true";
  }

  // After the admin's own scripts: they build their widgets in jQuery "ready" handlers, which jQuery 3 runs
  // asynchronously, possibly after "load"; a handler added now runs after theirs.
  window.addEventListener("load", function () {
    var jq = window.django && window.django.jQuery;
    if (jq) jq(function () { window.setTimeout(run, 0); });
    else run();
  });
})();
