// A refused form shows its first error: after a page load with an error summary, and after htmx swaps a
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
  });
})();
