// Scan a barcode with the camera where the browser has BarcodeDetector (Chromium on Android);
// elsewhere the button stays hidden and the number is typed. No data leaves the phone.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var button = document.getElementById("scan-button");
    var video = document.getElementById("scan-video");
    var input = document.getElementById("id_gtin");
    var form = document.getElementById("gtin-form");
    if (!button || !("BarcodeDetector" in window) || !navigator.mediaDevices) return;
    button.classList.remove("d-none");
    button.addEventListener("click", function () {
      var detector = new window.BarcodeDetector({ formats: ["ean_13", "ean_8", "upc_a", "upc_e"] });
      navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } }).then(function (stream) {
        video.srcObject = stream;
        video.classList.remove("d-none");
        video.play();
        var tick = function () {
          detector.detect(video).then(function (codes) {
            if (codes.length) {
              stream.getTracks().forEach(function (t) { t.stop(); });
              input.value = codes[0].rawValue;
              form.submit();
            } else {
              window.requestAnimationFrame(tick);
            }
          }).catch(function () { window.requestAnimationFrame(tick); });
        };
        tick();
      }).catch(function () { button.classList.add("d-none"); });
    });
  });
})();
