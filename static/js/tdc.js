// TĐC page behaviours, loaded as a file so that the Content-Security-Policy forbids inline script.
document.addEventListener("click", (event) => {
  const target = event.target.closest("[data-confirm]");
  if (target && !window.confirm(target.dataset.confirm)) {
    event.preventDefault();
  }
});
