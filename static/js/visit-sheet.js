// Draft safety for the visit sheet (拜访信息表): nothing typed is ever lost.
// - every change is kept in this browser (localStorage) at once, and saved to the server shortly after;
// - offline or failing saves stay local and are retried when the connection returns;
// - on return, a local copy newer than the server's is offered back;
// - a save from another device is never overwritten silently: the rep chooses.
(function () {
  "use strict";
  var submitted = document.getElementById("visit-submitted");
  if (submitted) {
    // Applied to the project: the local safety copy has done its job.
    try { localStorage.removeItem("salescamp.visit." + submitted.dataset.sheet); } catch (e) { /* ignore */ }
    return;
  }
  var form = document.getElementById("visit-form");
  if (!form) return;
  var sheetId = form.dataset.sheet;
  var storageKey = "salescamp.visit." + sheetId;
  var statusEl = document.getElementById("save-status");
  var versionInput = form.querySelector('input[name="version"]');
  var csrf = form.querySelector('input[name="csrfmiddlewaretoken"]').value;
  var timer = null;
  var saving = false;
  var pending = false;
  var blocked = false; // a conflict waits for the rep's choice
  var unsent = false; // typed since the last save the server confirmed
  var device = (function () {
    // Identifies this tab (it survives a reload), so a save racing the reload is not taken for another device's.
    try {
      var id = sessionStorage.getItem("salescamp.device");
      if (!id) { id = String(Date.now()) + Math.random().toString(16).slice(2); sessionStorage.setItem("salescamp.device", id); }
      return id;
    } catch (e) { return ""; }
  })();

  function entries() {
    var list = [];
    new FormData(form).forEach(function (value, key) {
      if (key !== "csrfmiddlewaretoken") list.push([key, value]);
    });
    return list;
  }

  function keepLocal(synced) {
    try {
      localStorage.setItem(storageKey, JSON.stringify({
        entries: entries(), at: Date.now(), synced: synced, version: versionInput.value
      }));
    } catch (e) { /* storage full or disabled: the server copy still protects the rep */ }
  }

  function setStatus(text, state) {
    statusEl.textContent = text;
    statusEl.dataset.state = state || "";
  }

  function save(force) {
    if (blocked && !force) return;
    if (saving) { pending = true; return; }
    saving = true;
    setStatus(form.dataset.msgSaving, "saving");
    var body = new FormData(form);
    if (force) body.set("force", "1");
    body.set("device", device);
    fetch(form.dataset.autosaveUrl, {
      method: "POST", body: body, credentials: "same-origin",
      headers: { "X-CSRFToken": csrf, "Accept": "application/json" }
    }).then(function (response) {
      return response.json().then(function (data) { return { status: response.status, data: data }; });
    }).then(function (result) {
      saving = false;
      if (result.status === 200) {
        blocked = false;
        unsent = pending;
        versionInput.value = result.data.version;
        keepLocal(true);
        setStatus(form.dataset.msgSaved + " " + result.data.saved_at + " · v" + result.data.version, "saved");
        var diagnosis = document.getElementById("diagnosis");
        if (diagnosis && typeof result.data.diagnosis === "string") diagnosis.innerHTML = result.data.diagnosis;
        document.getElementById("conflict-banner").hidden = true;
      } else if (result.status === 409 && result.data.conflict) {
        blocked = true;
        showConflict(result.data);
      } else if (result.status === 409 && result.data.submitted) {
        blocked = true;
        setStatus(form.dataset.msgSubmitted, "conflict");
      } else {
        setStatus(form.dataset.msgOffline, "offline");
      }
      if (pending && !blocked) { pending = false; save(false); }
    }).catch(function () {
      saving = false;
      setStatus(form.dataset.msgOffline, "offline");
    });
  }

  function showConflict(info) {
    var banner = document.getElementById("conflict-banner");
    banner.querySelector(".conflict-text").textContent = form.dataset.msgConflict
      .replace("%(time)s", info.saved_at).replace("%(who)s", info.saved_by);
    banner.hidden = false;
    banner.scrollIntoView({ block: "start" });
    setStatus(banner.querySelector(".conflict-text").textContent, "conflict");
  }

  function changed() {
    unsent = true;
    keepLocal(false);
    clearTimeout(timer);
    timer = setTimeout(function () { save(false); }, 1200);
  }

  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  window.addEventListener("online", function () { save(false); });
  // Only unsent typing is kept at leaving: signing out has just removed the copy of a sent draft.
  window.addEventListener("pagehide", function () { if (unsent) keepLocal(false); });
  setInterval(function () {
    var stored = readLocal();
    if (stored && !stored.synced && navigator.onLine !== false) save(false);
  }, 15000);

  // The conflict banner's "keep mine": save over theirs, on purpose.
  var keep = document.querySelector('[data-action="keep-mine"]');
  if (keep) keep.addEventListener("click", function (event) { event.preventDefault(); blocked = false; save(true); });
  var theirs = document.querySelector('[data-action="load-theirs"]');
  if (theirs) theirs.addEventListener("click", function () { localStorage.removeItem(storageKey); });

  // Repeating groups: clone the row template with the next index.
  document.querySelectorAll("[data-add]").forEach(function (button) {
    button.addEventListener("click", function () {
      var group = button.dataset.add;
      var container = form.querySelector('[data-rows="' + group + '"]');
      var template = document.getElementById("tpl-" + group);
      var index = container.children.length;
      var html = template.innerHTML.split("__i__").join(String(index));
      container.insertAdjacentHTML("beforeend", html);
      var first = container.lastElementChild.querySelector("input, select, textarea");
      if (first) first.focus();
    });
  });

  function readLocal() {
    try { return JSON.parse(localStorage.getItem(storageKey) || "null"); } catch (e) { return null; }
  }

  function restore(stored) {
    // Make sure every repeating row in the stored copy exists before filling fields.
    stored.entries.forEach(function (pair) {
      var match = /^([a-z_]+)-(\d+)-/.exec(pair[0]);
      if (!match) return;
      var container = form.querySelector('[data-rows="' + match[1] + '"]');
      var template = document.getElementById("tpl-" + match[1]);
      while (container && template && container.children.length <= Number(match[2])) {
        container.insertAdjacentHTML("beforeend",
          template.innerHTML.split("__i__").join(String(container.children.length)));
      }
    });
    var values = {};
    stored.entries.forEach(function (pair) { (values[pair[0]] = values[pair[0]] || []).push(pair[1]); });
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.name === "csrfmiddlewaretoken" || el.name === "version" || el.type === "submit") return;
      var list = values[el.name] || [];
      if (el.type === "checkbox" || el.type === "radio") el.checked = list.indexOf(el.value) !== -1;
      else el.value = list.length ? list[0] : "";
    });
    setStatus(form.dataset.msgRestored, "saving");
    save(false);
  }

  // On return: offer the local copy if it is newer than what the server has.
  var stored = readLocal();
  var serverSaved = Number(form.dataset.serverSaved || 0);
  if (stored && !stored.synced && stored.at > serverSaved) {
    var banner = document.getElementById("restore-banner");
    banner.querySelector(".restore-time").textContent = new Date(stored.at).toLocaleString();
    banner.hidden = false;
    banner.scrollIntoView({ block: "start" });
    banner.querySelector('[data-action="restore"]').addEventListener("click", function () {
      banner.hidden = true; restore(stored);
    });
    banner.querySelector('[data-action="discard"]').addEventListener("click", function () {
      banner.hidden = true; localStorage.removeItem(storageKey);
    });
  }
  form.addEventListener("submit", function () {
    keepLocal(false);
    var field = form.querySelector('input[name="device"]') || document.createElement("input");
    field.type = "hidden"; field.name = "device"; field.value = device;
    form.appendChild(field);
  });
})();
