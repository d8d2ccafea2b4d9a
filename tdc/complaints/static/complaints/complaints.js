// Citizen reports: small progressive enhancements; every page works without them.
(function () {
  "use strict";

  // Show the identity fields only when the reporter chooses to give their identity.
  function syncIdentity() {
    const chosen = document.querySelector('input[name="identity_mode"]:checked');
    const block = document.getElementById("identity-fields");
    if (!block) {
      return;
    }
    const confidential = chosen && chosen.value === "confidential";
    block.classList.toggle("d-none", !confidential);
  }

  document.addEventListener("change", function (event) {
    if (event.target && event.target.name === "identity_mode") {
      syncIdentity();
    }
  });
  document.addEventListener("DOMContentLoaded", syncIdentity);

  // Copy the receipt code.
  document.addEventListener("click", function (event) {
    const button = event.target.closest("[data-copy-target]");
    if (!button) {
      return;
    }
    const source = document.getElementById(button.dataset.copyTarget);
    if (source && navigator.clipboard) {
      navigator.clipboard.writeText(source.textContent.trim()).then(function () {
        button.textContent = button.dataset.copiedLabel || button.textContent;
      });
    }
  });

  // Download the receipt as a small text file; print the page (the print style keeps the code).
  document.addEventListener("click", function (event) {
    const download = event.target.closest("[data-download-receipt]");
    if (download) {
      const blob = new Blob([download.dataset.text + "\n"], { type: "text/plain;charset=utf-8" });
      const link = document.createElement("a");
      link.href = URL.createObjectURL(blob);
      link.download = download.dataset.filename || "ma-tiep-nhan.txt";
      document.body.appendChild(link);
      link.click();
      link.remove();
      URL.revokeObjectURL(link.href);
      return;
    }
    if (event.target.closest("[data-print]")) {
      window.print();
    }
  });
})();
