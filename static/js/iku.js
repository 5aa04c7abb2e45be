// IKU Kecamatan: the project's own behaviour. No inline scripts anywhere, so the
// Content-Security-Policy can forbid them.
document.addEventListener("change", function (event) {
  // <select data-kirim-otomatis> submits its form on change (a button is there for no-JS users).
  var target = event.target;
  if (target.matches && target.matches("select[data-kirim-otomatis]") && target.form) {
    if (typeof target.form.requestSubmit === "function") {
      target.form.requestSubmit();
    } else {
      target.form.submit();
    }
  }
});
