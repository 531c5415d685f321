// Draft safety and quick entry for the visit sheet (拜访信息表): nothing typed is ever lost, nothing
// untyped is ever saved, and the sheet tells the truth about its copies.
// - every change is kept in this browser (localStorage) at once, and saved to the server shortly after; a
//   sheet not yet saved is created by that first save (an untouched sheet leaves no draft);
// - offline or failing saves stay local and are retried when the connection returns; a sheet sent for
//   review while offline goes as soon as the connection is back;
// - on return, this device's copy is offered back only when it holds text the page lacks, naming the fields;
// - a save from another device is never overwritten silently: one banner shows both copies side by side.
(function () {
  "use strict";
  var PREFIX = "salescamp.visit.";
  var submitted = document.getElementById("visit-submitted");
  if (submitted) {
    // Applied to the project: the local safety copy has done its job.
    try { localStorage.removeItem(PREFIX + submitted.dataset.sheet); } catch (e) { /* ignore */ }
    return;
  }
  var form = document.getElementById("visit-form");
  if (!form) return;
  var storageKey = PREFIX + (form.dataset.sheet || "new." + form.dataset.newKey);
  var statusEl = document.getElementById("save-status");
  var versionInput = form.querySelector('input[name="version"]');
  var csrf = form.querySelector('input[name="csrfmiddlewaretoken"]').value;
  var restoreBanner = document.getElementById("restore-banner");
  var conflictBanner = document.getElementById("conflict-banner");
  var IGNORED = { csrfmiddlewaretoken: 1, version: 1, client_key: 1, quick: 1, device: 1, force: 1 };
  var timer = null;
  var saving = false;
  var pending = false;
  var blocked = false; // a conflict waits for the rep's choice
  var unsent = false; // typed since the last save the server confirmed
  var submitWhenOnline = false;
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
      if (!IGNORED[key]) list.push([key, value]);
    });
    return list;
  }

  function byName(list) {
    var values = {};
    list.forEach(function (pair) { (values[pair[0]] = values[pair[0]] || []).push(String(pair[1]).trim()); });
    return values;
  }

  function keepLocal(synced) {
    try {
      localStorage.setItem(storageKey, JSON.stringify({
        entries: entries(), at: Date.now(), synced: synced, version: versionInput.value
      }));
    } catch (e) { /* storage full or disabled: the server copy still protects the rep */ }
  }

  function readLocal() {
    try { return JSON.parse(localStorage.getItem(storageKey) || "null"); } catch (e) { return null; }
  }

  function setStatus(text, state) {
    statusEl.textContent = text;
    statusEl.dataset.state = state || "";
  }

  // The words of a field on the page: its label, or for a repeating row the group's heading.
  function fieldLabel(name) {
    var row = /^([a-z_]+)-\d+-/.exec(name);
    var el = row ? form.querySelector('[data-rows="' + row[1] + '"]') : form.querySelector('[name="' + name + '"]');
    if (!el) return name;
    var label = !row && form.querySelector('label[for="f-' + name + '"]');
    if (label) return label.textContent.trim();
    var set = el.closest("fieldset");
    var legend = set && set.querySelector("legend");
    return legend ? legend.textContent.trim() : name;
  }

  // The fields where `stored` holds text that the page (the server's copy) lacks or says otherwise.
  function differing(stored) {
    var mine = byName(stored.entries);
    var page = byName(entries());
    var labels = [];
    Object.keys(mine).forEach(function (name) {
      var a = mine[name].filter(Boolean).join("\n");
      var b = (page[name] || []).filter(Boolean).join("\n");
      if (a && a !== b) {
        var words = fieldLabel(name);
        if (labels.indexOf(words) === -1) labels.push(words);
      }
    });
    return labels;
  }

  function adopt(result) {
    // The first save created the sheet: from now on this page edits it.
    if (!result.sheet || form.dataset.sheet) return;
    var old = storageKey;
    form.dataset.sheet = String(result.sheet);
    storageKey = PREFIX + result.sheet;
    try { localStorage.removeItem(old); } catch (e) { /* ignore */ }
    form.dataset.autosaveUrl = result.autosave_url;
    form.action = result.edit_url;
    history.replaceState(null, "", result.edit_url);
  }

  function save(force) {
    if (blocked && !force) return;
    if (saving) { pending = true; return; }
    saving = true;
    pending = false;
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
      if (result.status === 200 && result.data.untouched) {
        setStatus("", "");
      } else if (result.status === 200) {
        blocked = false;
        adopt(result.data);
        unsent = pending;
        versionInput.value = result.data.version;
        keepLocal(!pending);
        setStatus(form.dataset.msgSaved + " " + result.data.saved_at + " · v" + result.data.version, "saved");
        var diagnosis = document.getElementById("diagnosis");
        if (diagnosis && typeof result.data.diagnosis === "string") diagnosis.innerHTML = result.data.diagnosis;
        conflictBanner.hidden = true;
        if (submitWhenOnline && !pending) { submitWhenOnline = false; sendForReview(); return; }
      } else if (result.status === 409 && result.data.conflict) {
        blocked = true;
        showConflict(result.data);
      } else if (result.status === 409 && result.data.submitted) {
        blocked = true;
        setStatus(form.dataset.msgSubmitted, "conflict");
      } else {
        setStatus(form.dataset.msgOffline, "offline");
      }
      if (pending && !blocked) save(false);
    }).catch(function () {
      saving = false;
      setStatus(submitWhenOnline ? form.dataset.msgQueued : form.dataset.msgOffline, "offline");
    });
  }

  function cell(tag, text) {
    var el = document.createElement(tag);
    el.textContent = text;
    return el;
  }

  function showConflict(info) {
    restoreBanner.hidden = true; // one banner: the conflict says everything the restore offer would
    conflictBanner.querySelector(".conflict-text").textContent = form.dataset.msgConflict
      .replace("%(time)s", info.saved_at).replace("%(who)s", info.saved_by);
    var table = conflictBanner.querySelector(".differences");
    table.textContent = "";
    var head = document.createElement("tr");
    [conflictBanner.dataset.field, conflictBanner.dataset.mine, conflictBanner.dataset.theirs].forEach(function (text) {
      head.appendChild(cell("th", text));
    });
    table.appendChild(head);
    (info.differences || []).forEach(function (row) {
      var tr = document.createElement("tr");
      var th = cell("th", row.label);
      th.scope = "row";
      tr.appendChild(th);
      tr.appendChild(cell("td", row.mine));
      tr.appendChild(cell("td", row.theirs));
      table.appendChild(tr);
    });
    conflictBanner.hidden = false;
    conflictBanner.scrollIntoView({ block: "start" });
    setStatus(conflictBanner.querySelector(".conflict-text").textContent, "conflict");
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

  // The conflict banner's "keep mine": save over theirs, on purpose. "Take theirs" reloads their copy.
  conflictBanner.querySelector('[data-action="keep-mine"]').addEventListener("click", function (event) {
    event.preventDefault(); blocked = false; conflictBanner.hidden = true; save(true);
  });
  var theirs = conflictBanner.querySelector('[data-action="load-theirs"]');
  if (theirs) theirs.addEventListener("click", function () { localStorage.removeItem(storageKey); });

  // ---- repeating rows ---------------------------------------------------------------------------------
  function nextIndex(container) {
    var highest = -1;
    container.querySelectorAll("[name]").forEach(function (el) {
      var match = /^[a-z_]+-(\d+)-/.exec(el.name);
      if (match) highest = Math.max(highest, Number(match[1]));
    });
    return highest + 1;
  }

  function addRow(group, templateId, index) {
    var container = form.querySelector('[data-rows="' + group + '"]');
    var template = document.getElementById(templateId || "tpl-" + group);
    var at = index === undefined ? nextIndex(container) : index;
    container.insertAdjacentHTML("beforeend", template.innerHTML.split("__i__").join(String(at)));
    return container.lastElementChild;
  }

  function check(row, field, value) {
    var input = row.querySelector('input[type=radio][name$="-' + field + '"][value="' + (value || "") + '"]');
    if (input) input.checked = true;
  }

  // A person of the chain met: their row, prefilled with what the chain says (one tap changes it).
  function addKnown(contact, label, prefill) {
    var row = addRow("met", "tpl-met_known");
    row.querySelector("input.met-contact").value = contact;
    row.querySelector(".met-name").textContent = label;
    check(row, "role", prefill.role);
    check(row, "stance", prefill.stance);
    check(row, "depth", prefill.depth);
    return row;
  }

  function chipFor(contact) {
    return form.querySelector('.add-met[data-contact="' + contact + '"]');
  }

  form.querySelectorAll(".add-met").forEach(function (chip) {
    chip.addEventListener("click", function (event) {
      event.preventDefault();
      if (chip.hasAttribute("data-new")) {
        var row = addRow("met");
        row.querySelector("input[type=text]").focus();
      } else if (chip.getAttribute("aria-pressed") === "true") {
        var hidden = form.querySelector('input.met-contact[value="' + chip.dataset.contact + '"]');
        if (hidden) hidden.closest("[data-row]").remove();
        chip.setAttribute("aria-pressed", "false");
      } else {
        addKnown(chip.dataset.contact, chip.dataset.label, chip.dataset);
        chip.setAttribute("aria-pressed", "true");
      }
      changed();
    });
  });
  var other = form.querySelector(".add-met-select");
  if (other) other.addEventListener("change", function () {
    var option = other.selectedOptions[0];
    if (option && option.value) addKnown(option.value, option.dataset.label, {});
    other.value = "";
  });

  form.addEventListener("click", function (event) {
    var remove = event.target.closest("[data-remove-row]");
    if (remove) {
      var row = remove.closest("[data-row]");
      var hidden = row.querySelector("input.met-contact");
      var chip = hidden && chipFor(hidden.value);
      if (chip) chip.setAttribute("aria-pressed", "false");
      row.remove();
      changed();
      return;
    }
    var day = event.target.closest("[data-date]");
    if (day) {
      document.getElementById(day.dataset.for).value = day.dataset.date;
      day.parentElement.querySelectorAll("[data-date]").forEach(function (chip) {
        chip.setAttribute("aria-pressed", chip === day ? "true" : "false");
      });
      changed();
    }
  });

  document.querySelectorAll("[data-add]").forEach(function (button) {
    button.addEventListener("click", function () {
      var row = addRow(button.dataset.add);
      var first = row.querySelector("input:not([type=hidden]), select, textarea");
      if (first) first.focus();
    });
  });

  // ---- this device's copy back ------------------------------------------------------------------------
  function restore(stored) {
    // Rows are rebuilt from the stored copy (the page's rows may be other people, or fewer).
    var groups = {};
    stored.entries.forEach(function (pair) {
      var match = /^([a-z_]+)-(\d+)-([a-z_]+)$/.exec(pair[0]);
      if (!match) return;
      var rows = groups[match[1]] = groups[match[1]] || {};
      rows[match[2]] = rows[match[2]] || {};
      rows[match[2]][match[3]] = pair[1];
    });
    Object.keys(groups).forEach(function (group) {
      var container = form.querySelector('[data-rows="' + group + '"]');
      if (!container) return;
      container.textContent = "";
      Object.keys(groups[group]).sort(function (a, b) { return a - b; }).forEach(function (index) {
        var contact = group === "met" && groups[group][index].contact;
        if (contact) {
          var chip = chipFor(contact);
          var option = form.querySelector('.add-met-select option[value="' + contact + '"]');
          addRow("met", "tpl-met_known", index);
          container.lastElementChild.querySelector(".met-name").textContent =
            chip ? chip.dataset.label : option ? option.dataset.label : "";
          if (chip) chip.setAttribute("aria-pressed", "true");
        } else {
          addRow(group, null, index);
        }
      });
    });
    var values = byName(stored.entries);
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || IGNORED[el.name] || el.type === "submit" || el.type === "button") return;
      var list = values[el.name] || [];
      if (el.type === "checkbox" || el.type === "radio") el.checked = list.indexOf(el.value) !== -1;
      else el.value = list.length ? list[0] : "";
    });
    setStatus(form.dataset.msgRestored, "saving");
    save(false);
  }

  var stored = readLocal();
  if (stored && !stored.synced) {
    var fields = differing(stored);
    if (!fields.length) {
      // The server holds everything this copy says (a draft saved with the button, a refused submit).
      localStorage.removeItem(storageKey);
    } else {
      restoreBanner.querySelector(".restore-time").textContent = new Date(stored.at).toLocaleString();
      var list = restoreBanner.querySelector(".differing");
      fields.forEach(function (words) { list.appendChild(cell("li", words)); });
      restoreBanner.hidden = false;
      restoreBanner.scrollIntoView({ block: "start" });
      restoreBanner.querySelector('[data-action="restore"]').addEventListener("click", function () {
        restoreBanner.hidden = true; restore(stored);
      });
      restoreBanner.querySelector('[data-action="discard"]').addEventListener("click", function () {
        restoreBanner.hidden = true; localStorage.removeItem(storageKey);
      });
    }
  }

  // ---- sending -----------------------------------------------------------------------------------------
  function sendForReview() {
    var field = document.createElement("input");
    field.type = "hidden"; field.name = "action"; field.value = "submit";
    form.appendChild(field);
    form.submit();
  }

  form.addEventListener("submit", function (event) {
    var submitter = event.submitter;
    if (navigator.onLine === false && submitter && submitter.value === "submit") {
      // Offline: kept here, and sent for review the moment the connection is back.
      event.preventDefault();
      keepLocal(false);
      submitWhenOnline = true;
      setStatus(form.dataset.msgQueued, "offline");
      window.addEventListener("online", function () { save(false); }, { once: true });
      return;
    }
    keepLocal(false);
    var field = form.querySelector('input[name="device"]') || document.createElement("input");
    field.type = "hidden"; field.name = "device"; field.value = device;
    form.appendChild(field);
  });
})();
