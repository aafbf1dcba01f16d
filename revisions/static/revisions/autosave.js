/* Autosave of the admin's change forms to this browser's storage (revisions.forms, RevisionsAdminMixin).
 *
 * Every few seconds and shortly after each edit, the form's fields (every language tab: they are all in
 * the page) are kept in localStorage under the page's address. When the form is opened again with a kept
 * draft newer than the version the server shows, an offer to restore it appears. A restored draft also
 * brings back the version token it was typed over, so saving it is checked against that version: if
 * someone saved since, the save is refused with their changes shown (optimistic locking) instead of
 * silently replacing them. A successful save (the admin's success message after a submit) clears the
 * draft. No inline code, no dependencies (the CSP has no 'unsafe-inline').
 */
(function () {
  "use strict";

  var PREFIX = "bitacora-autosave:";
  var EVERY_MS = 5000;
  var AFTER_INPUT_MS = 800;
  var TOKEN = "revision_token";
  var SKIPPED = { csrfmiddlewaretoken: true };
  var SKIPPED_TYPES = { file: true, submit: true, button: true, reset: true, image: true, hidden: true };

  function storage() {
    try {
      return window.localStorage;
    } catch (error) {
      return null; // storage disabled: no autosave, nothing breaks
    }
  }

  function read(key) {
    var store = storage();
    try {
      return store ? JSON.parse(store.getItem(key) || "null") : null;
    } catch (error) {
      return null;
    }
  }

  function write(key, value) {
    var store = storage();
    try {
      if (store) store.setItem(key, JSON.stringify(value));
    } catch (error) {
      /* quota exceeded: keep working without the draft */
    }
  }

  function forget(key) {
    var store = storage();
    if (store) store.removeItem(key);
  }

  function fields(form) {
    return Array.prototype.filter.call(form.elements, function (element) {
      return element.name && !SKIPPED[element.name] && element.name !== TOKEN && !SKIPPED_TYPES[element.type];
    });
  }

  function valueOf(element) {
    if (element.type === "checkbox" || element.type === "radio") return element.checked;
    if (element.multiple) {
      return Array.prototype.filter.call(element.options, function (option) { return option.selected; })
        .map(function (option) { return option.value; });
    }
    return element.value;
  }

  function setValue(element, value) {
    if (element.type === "checkbox" || element.type === "radio") {
      element.checked = Boolean(value);
    } else if (element.multiple && Array.isArray(value)) {
      Array.prototype.forEach.call(element.options, function (option) {
        option.selected = value.indexOf(option.value) !== -1;
      });
    } else if (typeof value === "string") {
      element.value = value;
    }
  }

  function snapshot(form) {
    // [name, n, value]: the n-th field of that name, so fields added or removed elsewhere change nothing.
    var seen = {};
    return fields(form).map(function (element) {
      seen[element.name] = (seen[element.name] || 0) + 1;
      return [element.name, seen[element.name] - 1, valueOf(element)];
    });
  }

  function same(a, b) {
    return JSON.stringify(a) === JSON.stringify(b);
  }

  function apply(form, values, withEvents) {
    var byName = {};
    fields(form).forEach(function (element) {
      (byName[element.name] = byName[element.name] || []).push(element);
    });
    values.forEach(function (entry) {
      var element = (byName[entry[0]] || [])[entry[1]];
      if (!element) return; // a field the form no longer has
      setValue(element, entry[2]);
      if (withEvents) {
        element.dispatchEvent(new Event("input", { bubbles: true })); // the Markdown editor's preview
        element.dispatchEvent(new Event("change", { bubbles: true }));
      }
    });
  }

  function clearSavedDrafts() {
    // After a submit, the admin's success message means the draft reached the server.
    var store = storage();
    if (!store || !document.querySelector(".messagelist .success")) return;
    for (var i = store.length - 1; i >= 0; i -= 1) {
      var key = store.key(i);
      if (key && key.indexOf(PREFIX) === 0 && (read(key) || {}).pending) forget(key);
    }
  }

  function offer(form, token, draft, key, answered) {
    var box = document.createElement("div");
    box.className = "autosave-offer";
    box.setAttribute("role", "region");
    box.setAttribute("aria-live", "polite");
    box.setAttribute("aria-label", token.dataset.restore || "Restore");
    var text = document.createElement("p");
    var when = new Date(draft.savedAt).toLocaleString(document.documentElement.lang || undefined);
    text.textContent = (token.dataset.question || "Restore unsaved changes from %(time)s?").replace("%(time)s", when);
    var restore = document.createElement("button");
    restore.type = "button";
    restore.className = "autosave-restore";
    restore.textContent = token.dataset.restore || "Restore";
    var discard = document.createElement("button");
    discard.type = "button";
    discard.className = "autosave-discard";
    discard.textContent = token.dataset.discard || "Discard";
    box.appendChild(text);
    box.appendChild(restore);
    box.appendChild(discard);
    form.parentNode.insertBefore(box, form);

    restore.addEventListener("click", function () {
      apply(form, draft.fields, true);
      apply(form, draft.fields, false); // again: a title's change event may have refilled its slug
      if (draft.base) token.value = draft.base; // saving is checked against the version it was typed over
      box.textContent = token.dataset.restored || "Restored.";
      answered();
    });
    discard.addEventListener("click", function () {
      forget(key);
      box.remove();
      answered();
    });
  }

  function isNewer(draft, token) {
    if (draft.base && draft.base === token.value) return true; // typed over the version shown now
    var serverTime = Date.parse(token.dataset.savedAt || "");
    return isNaN(serverTime) || draft.savedAt > serverTime;
  }

  function start() {
    clearSavedDrafts();
    var token = document.querySelector("input[name=" + TOKEN + "][data-autosave]");
    var form = token && token.form;
    if (!form) return;
    var key = PREFIX + window.location.pathname;
    var draft = read(key);
    // A refused save shows the typing in the form, not on the server: keep a draft of it whatever happens.
    var failedSave = Boolean(document.querySelector(".errornote, .errorlist"));
    var initial = failedSave ? null : snapshot(form);
    var waiting = false; // an offer not yet answered: its draft is left as it is

    if (draft && failedSave) {
      draft.pending = false;
      write(key, draft);
    } else if (draft && !same(draft.fields, initial) && isNewer(draft, token)) {
      waiting = true;
      offer(form, token, draft, key, function () { waiting = false; save(false); });
    } else if (draft) {
      forget(key); // older than the version shown, or nothing in it that the form lacks
    }

    function save(pending) {
      if (waiting) return;
      var values = snapshot(form);
      if (!pending && initial && same(values, initial)) {
        forget(key); // nothing typed, or typing undone
        return;
      }
      write(key, { savedAt: Date.now(), base: token.value, fields: values, pending: Boolean(pending) });
    }
    var timer = null;
    form.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { save(false); }, AFTER_INPUT_MS);
    });
    form.addEventListener("change", function () { save(false); });
    form.addEventListener("submit", function () { waiting = false; save(true); });
    setInterval(function () { save(false); }, EVERY_MS);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
