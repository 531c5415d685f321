// A refused form shows its first error: after a page load with an error summary, and after htmx swaps a
// refused form (422) in place — on a phone the error may sit far below the button that was tapped.
(function () {
  "use strict";
  function showFirstError(root) {
    var target = root.querySelector("#error-summary, [aria-invalid=true], .errorlist");
    if (!target) return;
    target.scrollIntoView({ block: "center" });
    var field = target.matches("input, select, textarea") ? target : null;
    if (!field && target.classList.contains("errorlist")) {
      field = target.parentElement && target.parentElement.querySelector("input, select, textarea");
    }
    if (field) field.focus({ preventScroll: true });
  }
  document.addEventListener("DOMContentLoaded", function () {
    if (document.getElementById("error-summary")) showFirstError(document);
  });
  document.addEventListener("htmx:afterSwap", function (event) {
    var xhr = event.detail && event.detail.xhr;
    if (xhr && xhr.status === 422) showFirstError(event.detail.target);
  });
})();
