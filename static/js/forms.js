// A refused form shows its first error, and a saved one keeps its row in view: after a page load with an error summary, and after htmx swaps a
// refused form (422) in place — on a phone the error may sit far below the button that was tapped.
(function () {
  "use strict";
  function showFirstError(root) {
    var target = root.querySelector("#error-summary, [aria-invalid=true]");
    if (!target) return;
    target.scrollIntoView({ block: "center" });
    if (target.matches("input, select, textarea")) target.focus({ preventScroll: true });
  }
  document.addEventListener("DOMContentLoaded", function () { showFirstError(document); });
  document.addEventListener("htmx:afterSettle", function (event) {
    // An outerHTML swap replaced the target: look in the page, where the refused form now is.
    var xhr = event.detail && event.detail.xhr;
    if (xhr && xhr.status === 422) showFirstError(document);
    // A saved edit redraws the page around the row: keep the user at that row.
    var body = document.getElementById("page-body");
    var row = xhr && xhr.status === 200 && body && body.dataset.anchor && document.getElementById(body.dataset.anchor);
    if (row) {
      var box = row.getBoundingClientRect();
      if (box.top < 0 || box.bottom > window.innerHeight) row.scrollIntoView({ block: "center" });
    }
  });
})();
