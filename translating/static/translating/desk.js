/* The side-by-side view (translating/desk.html): while the translator writes in a Markdown field, the
 * source's block at the same place (same heading section, same paragraph within it) is highlighted and
 * scrolled into view, and scrolling the text scrolls the source alongside. Without it the page is a plain
 * form with the source beside it. No dependencies, no inline code (the admin's CSP).
 */
(function () {
  "use strict";

  var HEADING = /^ {0,3}#{1,6}(\s|$)/;
  var FENCE = /^ {0,3}(```|~~~)/;

  // The caret's block as (section, index): blocks are separated by blank lines, a heading starts a new
  // section, fenced code is one block whatever it holds (translating.alignment's rule, simplified).
  function place(text, caret) {
    var section = 0, index = -1, inBlock = false, inFence = false, offset = 0;
    var lines = text.split("\n");
    for (var n = 0; n < lines.length; n++) {
      var line = lines[n];
      if (offset > caret && inBlock) break;
      if (inFence) {
        if (FENCE.test(line)) inFence = false;
      } else if (!line.trim()) {
        inBlock = false;
      } else if (HEADING.test(line)) {
        section += 1; index = 0; inBlock = false;
      } else {
        if (!inBlock) { index += 1; inBlock = true; }
        if (FENCE.test(line)) inFence = true;
      }
      offset += line.length + 1;
      if (offset > caret) break;
    }
    return { section: section, index: Math.max(index, 0) };
  }

  function follow(pane, area) {
    var current = null;
    function highlight() {
      var at = place(area.value, area.selectionStart);
      var block = pane.querySelector('.desk-block[data-section="' + at.section + '"][data-index="' + at.index + '"]');
      if (!block) {
        var inSection = pane.querySelectorAll('.desk-block[data-section="' + at.section + '"]');
        block = inSection.length ? inSection[inSection.length - 1] : null;
      }
      if (block === current) return;
      if (current) current.classList.remove("desk-current");
      current = block;
      if (!block) return;
      block.classList.add("desk-current");
      var top = block.offsetTop, bottom = top + block.offsetHeight;
      if (top < pane.scrollTop || bottom > pane.scrollTop + pane.clientHeight) {
        pane.scrollTo({ top: Math.max(top - 8, 0), behavior: "smooth" });
      }
    }
    ["keyup", "click", "focus", "input"].forEach(function (name) {
      area.addEventListener(name, highlight);
    });
    area.addEventListener("scroll", function () {
      var range = area.scrollHeight - area.clientHeight;
      if (range > 0) pane.scrollTop = (area.scrollTop / range) * (pane.scrollHeight - pane.clientHeight);
    });
  }

  document.querySelectorAll(".desk-blocks[data-for]").forEach(function (pane) {
    var area = document.getElementById(pane.getAttribute("data-for"));
    if (area) follow(pane, area);
  });
})();
