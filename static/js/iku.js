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

document.addEventListener("keydown", function (event) {
  // Escape in a desa-document cell being edited in place cancels it like its Batal button; the
  // refreshed cell then takes the focus back (autofocus), so the keyboard stays where it was.
  if (event.key !== "Escape" || !event.target.closest) {
    return;
  }
  var cell = event.target.closest('td[data-status="sunting"]');
  var batal = cell && cell.querySelector("button[data-batal]");
  if (batal) {
    event.preventDefault();
    batal.click();
  }
});

document.addEventListener("htmx:afterSettle", function () {
  // A job that finished while its status page was open starts its download once (pekerjaan/status.html);
  // the button stays for a second try. Only after an HTMX swap: reopening a finished job downloads nothing.
  var tautan = document.querySelector("a[data-unduh-otomatis]:not([data-diunduh])");
  if (tautan) {
    tautan.setAttribute("data-diunduh", "1");
    window.location.assign(tautan.href);
  }
});
