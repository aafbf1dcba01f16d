/*
 * Reader features that need a script, each optional: without this file (or without JavaScript) the header is
 * shown unfolded, the theme follows the system, "Back to top" is a link in the footer, code blocks are plain,
 * and the Mastodon share form asks the server for the redirect. Loaded with `defer` from a static file (CSP:
 * no inline scripts); translated texts come from data attributes written by the templates.
 *
 * - theme switch: automatic → light → dark, remembered in localStorage (js/early.js applies it before paint);
 * - header below 1280 px: the menu button and the one-tap search;
 * - back to top: shown once the reader has scrolled a screen down;
 * - a copy button on every code block of a post;
 * - share: the Web Share API button where the browser has it; Mastodon opens the reader's server directly
 *   and remembers it.
 */
(function () {
  "use strict";

  var root = document.documentElement;

  function storage(key, value) {
    try {
      if (value === undefined) return window.localStorage.getItem(key);
      if (value === null) window.localStorage.removeItem(key);
      else window.localStorage.setItem(key, value);
    } catch (error) {
      return null; // storage blocked: the choice lasts for this page only
    }
    return null;
  }

  // Theme -------------------------------------------------------------------------------------------------
  var THEMES = ["auto", "light", "dark"];

  function currentTheme() {
    var chosen = root.getAttribute("data-theme");
    return chosen === "light" || chosen === "dark" ? chosen : "auto";
  }

  function showTheme(button) {
    var theme = currentTheme();
    button.setAttribute("data-state", theme);
    button.querySelector(".theme-switch-label").textContent = button.getAttribute("data-label-" + theme);
  }

  function initThemeSwitch(button) {
    button.hidden = false;
    showTheme(button);
    button.addEventListener("click", function () {
      var next = THEMES[(THEMES.indexOf(currentTheme()) + 1) % THEMES.length];
      if (next === "auto") root.removeAttribute("data-theme");
      else root.setAttribute("data-theme", next);
      storage("theme", next === "auto" ? null : next);
      showTheme(button);
    });
  }

  // Header ------------------------------------------------------------------------------------------------
  function initHeader(header) {
    var menuButton = header.querySelector("[data-menu-toggle]");
    var searchToggle = header.querySelector("[data-search-toggle]");
    var searchInput = header.querySelector(".header-search input[type=search]");

    function setOpen(part, toggle, open) {
      header.classList.toggle("is-" + part + "-open", open);
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
    }

    if (menuButton) {
      menuButton.hidden = false;
      menuButton.addEventListener("click", function () {
        var open = menuButton.getAttribute("aria-expanded") !== "true";
        setOpen("menu", menuButton, open);
        if (open && searchToggle) setOpen("search", searchToggle, false);
      });
    }
    if (searchToggle && searchInput) {
      // A link to the search page without this script; here one tap opens the field and brings the keyboard.
      searchToggle.setAttribute("role", "button");
      searchToggle.addEventListener("click", function (event) {
        event.preventDefault();
        var open = searchToggle.getAttribute("aria-expanded") !== "true";
        setOpen("search", searchToggle, open);
        if (open) {
          if (menuButton) setOpen("menu", menuButton, false);
          searchInput.focus();
        }
      });
    }
    header.addEventListener("keydown", function (event) {
      if (event.key !== "Escape") return;
      if (menuButton && menuButton.getAttribute("aria-expanded") === "true") {
        setOpen("menu", menuButton, false);
        menuButton.focus();
      } else if (searchToggle && searchToggle.getAttribute("aria-expanded") === "true") {
        setOpen("search", searchToggle, false);
        searchToggle.focus();
      }
    });
  }

  // Back to top -------------------------------------------------------------------------------------------
  function initBackToTop(link) {
    var shown = false;
    function update() {
      var past = window.scrollY > window.innerHeight;
      if (past !== shown) {
        shown = past;
        link.classList.toggle("is-shown", past);
      }
    }
    window.addEventListener("scroll", update, { passive: true });
    update();
    link.addEventListener("click", function (event) {
      event.preventDefault();
      window.scrollTo({ top: 0 }); // smooth unless the reader prefers reduced motion (CSS scroll-behavior)
      var brand = document.querySelector(".brand");
      if (brand) brand.focus({ preventScroll: true });
    });
  }

  // Copy buttons on code blocks ---------------------------------------------------------------------------
  function announce(message) {
    var status = document.getElementById("live-status");
    if (!status) {
      status = document.createElement("div");
      status.id = "live-status";
      status.className = "visually-hidden";
      status.setAttribute("role", "status");
      document.body.appendChild(status);
    }
    status.textContent = "";
    window.setTimeout(function () { status.textContent = message; }, 50);
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var done = document.execCommand("copy");
      document.body.removeChild(area);
      if (done) resolve(); else reject(new Error("copy refused"));
    });
  }

  function makeCodeScrollable() {
    // A code block wider than the column scrolls sideways: keyboard readers must be able to reach it.
    Array.prototype.forEach.call(document.querySelectorAll(".prose pre"), function (pre) {
      if (!pre.hasAttribute("tabindex")) pre.setAttribute("tabindex", "0");
    });
  }

  function initCopyButtons(container) {
    var label = container.getAttribute("data-copy-label");
    var copied = container.getAttribute("data-copied-label");
    var failed = container.getAttribute("data-copy-failed-label");
    Array.prototype.forEach.call(container.querySelectorAll("pre"), function (pre) {
      var block = pre.parentElement.classList.contains("highlight") ? pre.parentElement : pre;
      if (block === pre) {
        var wrapper = document.createElement("div");
        pre.parentElement.insertBefore(wrapper, pre);
        wrapper.appendChild(pre);
        block = wrapper;
      }
      block.classList.add("code-block");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "copy-code";
      button.textContent = label;
      button.addEventListener("click", function () {
        var code = pre.querySelector("code") || pre;
        copyText(code.innerText.replace(/\n$/, "")).then(
          function () { button.textContent = copied; announce(copied); },
          function () { button.textContent = failed; announce(failed); }
        );
        window.setTimeout(function () { button.textContent = label; }, 2000);
      });
      block.insertBefore(button, block.firstChild);
    });
  }

  // Share -------------------------------------------------------------------------------------------------
  var HOST = /^[a-z0-9-]+(\.[a-z0-9-]+)+(:[0-9]{1,5})?$/i;

  function mastodonHost(value) {
    // "mastodon.social", "https://mastodon.social/", "@me@mastodon.social": the server's host name.
    var host = value.trim().replace(/^https?:\/\//i, "").replace(/\/.*$/, "");
    if (host.indexOf("@") !== -1) host = host.split("@").pop();
    return HOST.test(host) ? host.toLowerCase() : "";
  }

  function initShare(share) {
    var native = share.querySelector("[data-share-native]");
    if (native && navigator.share) {
      native.hidden = false;
      native.addEventListener("click", function () {
        navigator.share({ title: native.getAttribute("data-title"), url: native.getAttribute("data-url") }).catch(function () {});
      });
    }
    var form = share.querySelector("[data-mastodon-form]");
    if (!form) return;
    var input = form.querySelector("input[name=instance]");
    var remembered = storage("mastodon-instance");
    if (remembered && !input.value) input.value = remembered;
    form.addEventListener("submit", function (event) {
      var host = mastodonHost(input.value);
      if (!host) return; // the server answers with the form and a message
      event.preventDefault();
      storage("mastodon-instance", host);
      var text = form.querySelector("input[name=text]").value;
      window.location.href = "https://" + host + "/share?text=" + encodeURIComponent(text);
    });
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-theme-switch]"), initThemeSwitch);
    Array.prototype.forEach.call(document.querySelectorAll("[data-header]"), initHeader);
    Array.prototype.forEach.call(document.querySelectorAll("[data-back-to-top]"), initBackToTop);
    makeCodeScrollable();
    Array.prototype.forEach.call(document.querySelectorAll("[data-copy-label]"), initCopyButtons);
    Array.prototype.forEach.call(document.querySelectorAll("[data-share]"), initShare);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
