/* The Markdown editor (editing.widgets.MarkdownEditor): toolbar, keyboard shortcuts, word count and reading
 * time, a live preview rendered by the server, and the image library's picker.
 *
 * No dependencies and no inline code (the site's CSP has no 'unsafe-inline'). Text is inserted with
 * execCommand("insertText") where the browser has it, so Ctrl+Z undoes a toolbar action like typing does.
 */
(function () {
  "use strict";

  var WORDS_PER_MINUTE = 200; // blog.rendering.WORDS_PER_MINUTE
  var WORD = /[\p{L}\p{N}_]+/gu; // Python's \w, which blog.rendering.count_words uses

  function countWords(text) {
    var found = text.match(WORD);
    return found ? found.length : 0;
  }

  function csrfToken(element) {
    var form = element.closest("form");
    var input = form && form.querySelector("input[name=csrfmiddlewaretoken]");
    if (input) return input.value;
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  function replaceRange(textarea, start, end, text, selectStart, selectEnd) {
    textarea.focus();
    textarea.setSelectionRange(start, end);
    var done = false;
    try {
      done = document.execCommand("insertText", false, text);
    } catch (error) {
      done = false;
    }
    if (!done || textarea.value.slice(start, start + text.length) !== text) {
      textarea.setRangeText(text, start, end, "end");
      textarea.dispatchEvent(new Event("input", { bubbles: true }));
    }
    textarea.setSelectionRange(start + selectStart, start + selectEnd);
  }

  function wrap(textarea, before, after, placeholder) {
    var start = textarea.selectionStart, end = textarea.selectionEnd;
    var selected = textarea.value.slice(start, end) || placeholder;
    replaceRange(textarea, start, end, before + selected + after, before.length, before.length + selected.length);
  }

  function lineBounds(textarea) {
    var value = textarea.value;
    var start = value.lastIndexOf("\n", textarea.selectionStart - 1) + 1;
    var end = value.indexOf("\n", textarea.selectionEnd);
    return [start, end === -1 ? value.length : end];
  }

  function prefixLines(textarea, prefixFor, placeholder) {
    var bounds = lineBounds(textarea);
    var lines = (textarea.value.slice(bounds[0], bounds[1]) || placeholder).split("\n");
    var text = lines
      .map(function (line, index) {
        return prefixFor(index) + line.replace(/^(#{1,6}\s+|>\s?|[-*+]\s+|\d+\.\s+)/, "");
      })
      .join("\n");
    replaceRange(textarea, bounds[0], bounds[1], text, 0, text.length);
  }

  function Editor(root) {
    this.root = root;
    this.textarea = root.querySelector("textarea");
    this.preview = root.querySelector(".md-preview");
    this.toggle = root.querySelector("[data-action=preview]");
    this.message = root.querySelector(".md-message");
    this.strings = root.querySelector(".md-strings").dataset;
    this.timer = null;
    this.sent = null;
    this.bind();
    this.count();
  }

  Editor.prototype.bind = function () {
    var editor = this;
    this.root.querySelector(".md-toolbar").addEventListener("click", function (event) {
      var button = event.target.closest("button[data-action]");
      if (button) editor.run(button.dataset.action);
    });
    this.textarea.addEventListener("keydown", function (event) {
      var action = editor.shortcut(event);
      if (action) {
        event.preventDefault();
        editor.run(action);
      }
    });
    this.textarea.addEventListener("input", function () {
      editor.count();
      editor.schedulePreview();
    });
  };

  Editor.prototype.shortcut = function (event) {
    if (!(event.ctrlKey || event.metaKey) || event.altKey) return null;
    var key = event.key.toLowerCase();
    if (!event.shiftKey) return { b: "bold", i: "italic", k: "link", e: "code" }[key] || null;
    var code = event.code;
    if (key === "p") return "preview";
    if (key === "i") return this.root.dataset.pickerUrl ? "image" : null;
    if (code === "Digit8") return "list";
    if (code === "Digit7") return "numbered";
    if (code === "Digit9") return "quote";
    return null;
  };

  Editor.prototype.run = function (action) {
    var textarea = this.textarea, s = this.strings;
    switch (action) {
      case "bold": return wrap(textarea, "**", "**", s.boldText);
      case "italic": return wrap(textarea, "*", "*", s.italicText);
      case "link": return this.link();
      case "code": return this.code();
      case "heading2": return prefixLines(textarea, function () { return "## "; }, s.headingText);
      case "heading3": return prefixLines(textarea, function () { return "### "; }, s.headingText);
      case "list": return prefixLines(textarea, function () { return "- "; }, s.itemText);
      case "numbered": return prefixLines(textarea, function (i) { return i + 1 + ". "; }, s.itemText);
      case "quote": return prefixLines(textarea, function () { return "> "; }, s.quoteText);
      case "image": return this.openPicker();
      case "preview": return this.togglePreview();
    }
  };

  Editor.prototype.link = function () {
    var textarea = this.textarea;
    var start = textarea.selectionStart, end = textarea.selectionEnd;
    var label = textarea.value.slice(start, end) || this.strings.linkText;
    var text = "[" + label + "](https://)";
    // The address is selected, ready to be typed or pasted over.
    replaceRange(textarea, start, end, text, label.length + 3, text.length - 1);
  };

  Editor.prototype.code = function () {
    var textarea = this.textarea;
    var selected = textarea.value.slice(textarea.selectionStart, textarea.selectionEnd);
    if (selected.indexOf("\n") === -1) return wrap(textarea, "`", "`", this.strings.codeText);
    return wrap(textarea, "```\n", selected.endsWith("\n") ? "```\n" : "\n```", "");
  };

  Editor.prototype.count = function () {
    var words = countWords(this.textarea.value);
    this.showCounts(words, Math.max(1, Math.ceil(words / WORDS_PER_MINUTE)));
  };

  Editor.prototype.showCounts = function (words, minutes) {
    this.root.querySelector(".md-words").textContent = String(words);
    this.root.querySelector(".md-minutes").textContent = String(minutes);
  };

  Editor.prototype.togglePreview = function () {
    var showing = this.preview.hidden;
    this.preview.hidden = !showing;
    this.root.classList.toggle("md-previewing", showing);
    this.toggle.setAttribute("aria-pressed", String(showing));
    this.toggle.title = showing ? this.strings.hidePreview : this.strings.showPreview;
    if (showing) this.refreshPreview();
  };

  Editor.prototype.schedulePreview = function () {
    if (this.preview.hidden) return;
    var editor = this;
    clearTimeout(this.timer);
    this.timer = setTimeout(function () { editor.refreshPreview(); }, 400);
  };

  Editor.prototype.refreshPreview = function () {
    var editor = this, text = this.textarea.value;
    if (text === this.sent) return;
    this.sent = text;
    var body = new URLSearchParams({ text: text, language: this.root.dataset.language });
    fetch(this.root.dataset.previewUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrfToken(this.root), "X-Requested-With": "XMLHttpRequest" },
      body: body,
    })
      .then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.json();
      })
      .then(function (data) {
        if (editor.sent !== text) return; // a newer request is on its way
        editor.preview.innerHTML = data.html; // sanitised by the server (blog.rendering, nh3)
        editor.showCounts(data.words, data.reading_minutes);
        editor.message.textContent = "";
        editor.root.dispatchEvent(new CustomEvent("md-preview", { bubbles: true }));
      })
      .catch(function () {
        editor.sent = null;
        editor.message.textContent = editor.strings.previewError;
      });
  };

  Editor.prototype.openPicker = function () {
    var editor = this, s = this.strings;
    var selection = [this.textarea.selectionStart, this.textarea.selectionEnd];
    var dialog = document.createElement("dialog");
    dialog.className = "md-picker";
    var titleId = this.textarea.id + "-picker-title";
    dialog.setAttribute("aria-labelledby", titleId);
    var heading = document.createElement("h2");
    heading.id = titleId;
    heading.textContent = s.pickerTitle;
    var search = document.createElement("input");
    search.type = "search";
    search.className = "md-picker-search";
    search.setAttribute("aria-label", s.searchLabel);
    search.placeholder = s.searchLabel;
    var results = document.createElement("ul");
    results.className = "md-picker-results";
    var footer = document.createElement("p");
    footer.className = "md-picker-footer";
    var close = document.createElement("button");
    close.type = "button";
    close.className = "md-button";
    close.textContent = s.closeLabel;
    footer.appendChild(close);
    dialog.append(heading, search, results, footer);
    document.body.appendChild(dialog);

    function finish(markdown) {
      dialog.close();
      if (markdown) {
        var before = editor.textarea.value.slice(0, selection[0]);
        var text = (before && !before.endsWith("\n\n") ? (before.endsWith("\n") ? "\n" : "\n\n") : "") + markdown + "\n";
        replaceRange(editor.textarea, selection[0], selection[1], text, text.length, text.length);
      } else {
        editor.textarea.focus();
      }
    }

    function show(data) {
      results.textContent = "";
      if (data.upload_url && !footer.querySelector("a")) {
        var upload = document.createElement("a");
        upload.href = data.upload_url;
        upload.target = "_blank";
        upload.rel = "noopener";
        upload.textContent = data.upload_label;
        footer.prepend(upload);
      }
      if (!data.results.length) {
        var empty = document.createElement("li");
        empty.textContent = s.noImages;
        results.appendChild(empty);
      }
      data.results.forEach(function (image) {
        var item = document.createElement("li");
        var button = document.createElement("button");
        button.type = "button";
        button.className = "md-picker-choice";
        button.dataset.markdown = image.markdown;
        var thumbnail = document.createElement("img");
        thumbnail.src = image.thumbnail;
        thumbnail.alt = "";
        thumbnail.width = image.thumbnail_width;
        thumbnail.height = image.thumbnail_height;
        var label = document.createElement("span");
        label.textContent = image.alt;
        button.append(thumbnail, label);
        item.appendChild(button);
        results.appendChild(item);
      });
    }

    var timer = null;
    function load() {
      var url = new URL(editor.root.dataset.pickerUrl, window.location.href);
      url.searchParams.set("q", search.value);
      url.searchParams.set("language", editor.root.dataset.language);
      fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) { return response.json(); })
        .then(show);
    }
    search.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(load, 250);
    });
    search.addEventListener("keydown", function (event) {
      if (event.key === "Enter") event.preventDefault(); // never submits the post's form
    });
    results.addEventListener("click", function (event) {
      var choice = event.target.closest(".md-picker-choice");
      if (choice) finish(choice.dataset.markdown);
    });
    close.addEventListener("click", function () { finish(null); });
    dialog.addEventListener("close", function () { dialog.remove(); });
    dialog.addEventListener("cancel", function () { setTimeout(function () { editor.textarea.focus(); }, 0); });
    dialog.showModal();
    load();
  };

  function start() {
    document.querySelectorAll(".md-editor").forEach(function (root) {
      if (!root.mdEditor) root.mdEditor = new Editor(root);
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
