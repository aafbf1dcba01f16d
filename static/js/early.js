/*
 * Loaded without `defer` in <head>, before the first paint: marks the page as scripted so the CSS can lay
 * out the carousel as one slide from the start. Without it, the page painted the carousel as a full list
 * and then collapsed it when site.js ran (a large layout shift). Readers without JavaScript never get the
 * class and keep the plain list.
 */
document.documentElement.classList.add("js");
