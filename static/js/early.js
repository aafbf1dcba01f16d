/*
 * Loaded without `defer` in <head>, before the first paint (a static file: the CSP allows no inline script).
 *
 * 1. Marks the page as scripted so the CSS can lay out the carousel as one slide and fold the header's menu
 *    from the start. Without it, the page painted the carousel as a full list and then collapsed it when
 *    site.js ran (a large layout shift). Readers without JavaScript never get the class and keep the plain
 *    list and the unfolded header.
 * 2. Applies the theme the reader chose on this browser (features.js stores it), so a dark page never
 *    flashes light first. No choice stored: no attribute, and the CSS follows the system's preference.
 */
document.documentElement.classList.add("js");
try {
  var chosenTheme = window.localStorage.getItem("theme");
  if (chosenTheme === "light" || chosenTheme === "dark") {
    document.documentElement.setAttribute("data-theme", chosenTheme);
  }
} catch (error) {
  // Storage blocked (private mode, a policy): the system's preference applies.
}
