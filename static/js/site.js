/*
 * Reader-site enhancements. Everything works without this file: the carousel is then a plain list of
 * featured posts and the language switcher plain links. Loaded with `defer` from a static file (CSP: no
 * inline scripts).
 *
 * Carousel: one slide at a time, previous/next buttons, one button per slide (position), arrow/Home/End
 * keys, swipe on touch screens, automatic advance that pauses on hover and focus and can be paused by a
 * button, and never starts for readers who prefer reduced motion.
 */
(function () {
  "use strict";

  var reducedMotion = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)");

  function Carousel(root) {
    this.root = root;
    this.track = root.querySelector(".carousel-track");
    this.slides = Array.prototype.slice.call(root.querySelectorAll(".carousel-slide"));
    this.controls = root.querySelector(".carousel-controls");
    this.dots = Array.prototype.slice.call(root.querySelectorAll("[data-carousel-goto]"));
    this.toggle = root.querySelector("[data-carousel-toggle]");
    this.interval = parseInt(root.getAttribute("data-interval"), 10) || 7000;
    this.index = 0;
    this.timer = null;
    this.hovered = false;
    this.focused = false;
    // Reduced motion: no automatic advance at all (the reader can still move with the buttons).
    this.playing = !(reducedMotion && reducedMotion.matches);
  }

  Carousel.prototype.init = function () {
    if (this.slides.length < 2 || !this.controls) return;
    var self = this;
    this.root.classList.add("is-enhanced");
    this.controls.hidden = false;
    this.root.setAttribute("tabindex", "-1");

    this.root.querySelector("[data-carousel-prev]").addEventListener("click", function () { self.show(self.index - 1, true); });
    this.root.querySelector("[data-carousel-next]").addEventListener("click", function () { self.show(self.index + 1, true); });
    this.dots.forEach(function (dot) {
      dot.addEventListener("click", function () { self.show(parseInt(dot.getAttribute("data-carousel-goto"), 10), true); });
    });
    if (this.toggle) {
      this.toggle.addEventListener("click", function () { self.setPlaying(!self.playing); });
    }

    this.root.addEventListener("keydown", function (event) {
      var keys = { ArrowLeft: -1, ArrowRight: 1 };
      if (event.key in keys) {
        self.show(self.index + keys[event.key], true);
        event.preventDefault();
      } else if (event.key === "Home") {
        self.show(0, true);
        event.preventDefault();
      } else if (event.key === "End") {
        self.show(self.slides.length - 1, true);
        event.preventDefault();
      }
    });

    this.root.addEventListener("mouseenter", function () { self.hovered = true; self.schedule(); });
    this.root.addEventListener("mouseleave", function () { self.hovered = false; self.schedule(); });
    this.root.addEventListener("focusin", function () { self.focused = true; self.schedule(); });
    this.root.addEventListener("focusout", function (event) {
      if (!self.root.contains(event.relatedTarget)) { self.focused = false; self.schedule(); }
    });

    var startX = null;
    this.track.addEventListener("touchstart", function (event) { startX = event.touches[0].clientX; }, { passive: true });
    this.track.addEventListener("touchend", function (event) {
      if (startX === null) return;
      var dx = event.changedTouches[0].clientX - startX;
      startX = null;
      if (Math.abs(dx) > 40) self.show(self.index + (dx < 0 ? 1 : -1), true);
    });

    if (reducedMotion && reducedMotion.addEventListener) {
      reducedMotion.addEventListener("change", function (event) { if (event.matches) self.setPlaying(false); });
    }
    this.show(0, false);
    this.setPlaying(this.playing);
  };

  Carousel.prototype.show = function (index, byReader) {
    var count = this.slides.length;
    this.index = (index + count) % count;
    this.track.style.transform = "translateX(" + (-100 * this.index) + "%)";
    var current = this.index;
    this.slides.forEach(function (slide, i) {
      var hidden = i !== current;
      slide.setAttribute("aria-hidden", hidden ? "true" : "false");
      slide.classList.toggle("is-current", !hidden);
      // Links on hidden slides leave the tab order, so keyboard focus never lands off screen.
      Array.prototype.forEach.call(slide.querySelectorAll("a"), function (link) {
        if (hidden) link.setAttribute("tabindex", "-1"); else link.removeAttribute("tabindex");
      });
    });
    this.dots.forEach(function (dot, i) {
      if (i === current) dot.setAttribute("aria-current", "true"); else dot.removeAttribute("aria-current");
    });
    // Announce changes the reader asked for; automatic ones stay silent.
    this.track.setAttribute("aria-live", byReader ? "polite" : "off");
    this.root.setAttribute("data-current", String(current + 1));
    this.schedule();
  };

  Carousel.prototype.setPlaying = function (playing) {
    this.playing = playing;
    if (this.toggle) {
      var label = this.toggle.getAttribute(playing ? "data-label-pause" : "data-label-play");
      this.toggle.querySelector(".carousel-toggle-label").textContent = label;
      this.toggle.querySelector(".carousel-toggle-icon").textContent = playing ? "❚❚" : "▶";
    }
    this.root.setAttribute("data-playing", playing ? "true" : "false");
    this.schedule();
  };

  Carousel.prototype.schedule = function () {
    var self = this;
    window.clearTimeout(this.timer);
    this.timer = null;
    if (!this.playing || this.hovered || this.focused) return;
    this.timer = window.setTimeout(function () { self.show(self.index + 1, false); }, this.interval);
  };

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-carousel]"), function (root) {
      new Carousel(root).init();
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
