// "Print this handout" buttons: shown and wired only when JavaScript runs, so the page
// needs no inline event handlers.
for (const button of document.querySelectorAll("[data-print]")) {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
}
