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
})();
