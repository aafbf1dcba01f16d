// The admin's share-links page: "Copy" puts a link on the clipboard; a link's box selects itself on focus.
document.addEventListener("click", (event) => {
  const button = event.target.closest("button[data-copy]");
  if (!button) return;
  const field = document.getElementById(button.dataset.copy);
  field.select();
  const done = () => { button.textContent = button.dataset.copied; };
  if (navigator.clipboard) {
    navigator.clipboard.writeText(field.value).then(done, () => document.execCommand("copy") && done());
  } else if (document.execCommand("copy")) {
    done();
  }
});
document.addEventListener("focusin", (event) => {
  if (event.target.matches("input[data-share-link]")) event.target.select();
});
