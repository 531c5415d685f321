// Shared devices: once signed out, this browser keeps no copy of a visit draft the server already holds.
// A copy not yet sent stays until it is sent (the sheet offers it back after signing in): typed text is
// never thrown away. Runs when "Sign out" is pressed and on any page shown signed out (an expired session).
(function () {
  "use strict";
  var PREFIX = "salescamp.visit.";

  function forgetSentDrafts() {
    try {
      for (var i = localStorage.length - 1; i >= 0; i--) {
        var key = localStorage.key(i);
        if (!key || key.indexOf(PREFIX) !== 0) continue;
        var copy = null;
        try { copy = JSON.parse(localStorage.getItem(key)); } catch (e) { copy = null; }
        if (!copy || copy.synced) localStorage.removeItem(key);
      }
    } catch (e) { /* storage disabled: nothing was kept */ }
  }

  document.addEventListener("submit", function (event) {
    if (event.target.matches("form.logout")) forgetSentDrafts();
  });
  document.addEventListener("DOMContentLoaded", function () {
    if (!document.querySelector("form.logout")) forgetSentDrafts();
  });
})();
