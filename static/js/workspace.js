/* The score sheet, for a day's work:
   - subtotals and the total follow what is typed (4,5 and 4.5 both count), with the same rule as
     the server (criteria not assessed leave the maximum);
   - Enter moves down, Shift+Enter up, the arrows between cells; a column pasted from Excel fills
     the cells below; values are checked as they are typed;
   - groups fold; remarks grow as they are written; rows where the appraised score differs from
     the self-assessed one are marked;
   - nothing typed is lost: a warning before leaving with unsaved changes, a copy kept in this
     browser until the server has it (after a session that ended, it comes back), a session kept
     alive while someone types, a save button that cannot be pressed twice;
   - evidence files are attached and removed within their row.
   Without JavaScript the sheet is a plain form that works the same. */
(function () {
  "use strict";
  var sheet = document.getElementById("scoresheet");
  if (!sheet) { return; }
  var data = sheet.dataset;
  var separator = data.separator || ",";
  var column = data.sum || "points";
  var storageKey = "parindex-draft:" + data.draft;
  var saveButton = document.getElementById("save");
  var statusLine = document.getElementById("sheet-status");
  var submitting = false;

  /* Numbers ---------------------------------------------------------------------------- */

  function parse(text) {
    var value = String(text || "").trim().replace(",", ".");
    if (value === "") { return { empty: true, value: 0 }; }
    if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(value)) { return { problem: "invalid" }; }
    var decimals = (value.split(".")[1] || "").replace(/0+$/, "").length;
    var number = parseFloat(value);
    if (decimals > 2) { return { problem: "decimals" }; }
    if (number < 0) { return { problem: "negative" }; }
    return { value: number };
  }

  function cents(value) { return Math.round(value * 100); }

  function format(hundredths) {
    return (hundredths / 100).toFixed(2).replace(".", separator);
  }

  function maxOf(row) {
    var cell = row.querySelector("[data-max]");
    return cell ? parseFloat(cell.dataset.max) : 0;
  }

  /* Checking as typed ------------------------------------------------------------------ */

  function check(input) {
    var row = input.closest("tr");
    var result = parse(input.value);
    var problem = result.problem;
    if (!problem && !result.empty && row && cents(result.value) > cents(maxOf(row))) { problem = "above"; }
    var note = input.parentNode.querySelector(".live-error");
    if (!problem) {
      if (input.dataset.live) { input.removeAttribute("aria-invalid"); delete input.dataset.live; }
      if (note) { note.remove(); }
      return true;
    }
    var message = "“" + input.value.trim() + "” " + data["msg" + problem.charAt(0).toUpperCase() + problem.slice(1)];
    if (problem === "above") { message += " " + String(maxOf(row)).replace(".", separator); }
    if (!note) {
      note = document.createElement("span");
      note.className = "field-error live-error";
      note.id = input.id + "-live";
      input.parentNode.appendChild(note);
    }
    note.textContent = message;
    input.setAttribute("aria-invalid", "true");
    input.setAttribute("aria-describedby", note.id);
    input.dataset.live = "1";
    return false;
  }

  /* Totals, the same rule as the server ----------------------------------------------- */

  function recompute() {
    var groups = {}, total = 0, max = 0;
    sheet.querySelectorAll("tr.leaf").forEach(function (row) {
      var group = row.dataset.group;
      var input = row.querySelector("input[data-field='" + column + "']");
      var shown = row.querySelector(column === "points" ? ".points-value" : ".self-value");
      var box = row.querySelector("input[data-field='not_assessed']");
      var notAssessed = box ? box.checked : row.dataset.na === "1";
      var parsed = parse(input ? input.value : (shown ? shown.textContent : ""));
      var points = notAssessed || parsed.problem ? 0 : cents(parsed.value);
      groups[group] = groups[group] || { points: 0, max: 0 };
      groups[group].points += points;
      if (!notAssessed) { groups[group].max += cents(maxOf(row)); max += cents(maxOf(row)); }
      total += points;
      markDifference(row);
    });
    sheet.querySelectorAll("output.subtotal").forEach(function (out) {
      var g = groups[out.dataset.group];
      out.textContent = g ? format(g.points) + "/" + format(g.max) : "";
    });
    var totalOut = document.getElementById("total-score");
    var maxOut = document.getElementById("total-max");
    if (totalOut) { totalOut.textContent = format(total); }
    if (maxOut) { maxOut.textContent = format(max); }
  }

  function valueIn(row, field, shownClass) {
    var input = row.querySelector("input[data-field='" + field + "']");
    var shown = row.querySelector(shownClass);
    var parsed = parse(input ? input.value : (shown ? shown.textContent : ""));
    return parsed.empty || parsed.problem ? null : cents(parsed.value);
  }

  function markDifference(row) {
    if (!row.querySelector("td.appraised")) { return; }
    var self = valueIn(row, "self_points", ".self-value");
    var appraised = valueIn(row, "points", ".points-value");
    row.classList.toggle("differs", row.dataset.na !== "1" && self !== null && appraised !== self);
  }

  /* Moving like Excel ------------------------------------------------------------------ */

  function cellsIn(field) {
    return Array.prototype.slice.call(sheet.querySelectorAll("tr.leaf:not(.folded) [data-field='" + field + "']"))
      .filter(function (el) { return el.type !== "hidden" && el.type !== "checkbox"; });
  }

  function move(from, step) {
    var cells = cellsIn(from.dataset.field);
    var next = cells[cells.indexOf(from) + step];
    if (next) { next.focus(); if (next.select) { next.select(); } }
    return Boolean(next);
  }

  function moveAcross(from, step) {
    var row = from.closest("tr");
    var cells = Array.prototype.slice.call(row.querySelectorAll("input[type=text], textarea, input[type=checkbox]"));
    var next = cells[cells.indexOf(from) + step];
    if (next) { next.focus(); if (next.select) { next.select(); } }
    return Boolean(next);
  }

  sheet.addEventListener("keydown", function (event) {
    var el = event.target;
    if (!el.dataset || !el.dataset.field) { return; }
    var isNumber = el.classList.contains("points");
    if (event.key === "Enter" && isNumber) {
      event.preventDefault();  // Enter moves down, as in Excel; it does not send the form
      move(el, event.shiftKey ? -1 : 1);
    } else if ((event.key === "ArrowDown" || event.key === "ArrowUp") && isNumber) {
      event.preventDefault();
      move(el, event.key === "ArrowDown" ? 1 : -1);
    } else if ((event.key === "ArrowDown" || event.key === "ArrowUp") && el.tagName === "TEXTAREA" && event.altKey) {
      event.preventDefault();
      move(el, event.key === "ArrowDown" ? 1 : -1);
    } else if (event.key === "ArrowRight" && isNumber && el.selectionStart === el.value.length) {
      if (moveAcross(el, 1)) { event.preventDefault(); }
    } else if (event.key === "ArrowLeft" && isNumber && el.selectionEnd === 0) {
      if (moveAcross(el, -1)) { event.preventDefault(); }
    }
  });

  // As in Excel, a cell one arrives in is typed over: its value is selected on focus, and the
  // click that focused it does not undo the selection.
  sheet.addEventListener("focusin", function (event) {
    var el = event.target;
    if (el.classList && el.classList.contains("points")) {
      el.select();
      el.dataset.justFocused = "1";
    }
  });
  sheet.addEventListener("mouseup", function (event) {
    var el = event.target;
    if (el.dataset && el.dataset.justFocused) {
      event.preventDefault();
      delete el.dataset.justFocused;
    }
  });
  sheet.addEventListener("keydown", function (event) {
    if (event.target.dataset) { delete event.target.dataset.justFocused; }
  }, true);

  // A column copied from Excel (values separated by line breaks) fills this cell and the ones below.
  sheet.addEventListener("paste", function (event) {
    var el = event.target;
    if (!el.classList || !el.classList.contains("points")) { return; }
    var text = (event.clipboardData || window.clipboardData).getData("text");
    var lines = text.replace(/\r/g, "").split("\n");
    while (lines.length && lines[lines.length - 1].trim() === "") { lines.pop(); }
    if (lines.length < 2) { return; }
    event.preventDefault();
    var cells = cellsIn(el.dataset.field);
    var start = cells.indexOf(el);
    lines.forEach(function (line, i) {
      var cell = cells[start + i];
      if (!cell) { return; }
      cell.value = line.split("\t")[0].trim();
      check(cell);
    });
    changed();
    var last = cells[Math.min(start + lines.length, cells.length) - 1];
    if (last) { last.focus(); }
  });

  /* Groups that fold, remarks that grow ------------------------------------------------ */

  sheet.querySelectorAll("button.fold").forEach(function (button) {
    button.addEventListener("click", function () {
      var open = button.getAttribute("aria-expanded") !== "true";
      button.setAttribute("aria-expanded", open ? "true" : "false");
      sheet.querySelectorAll("tr[data-group='" + button.dataset.fold + "']").forEach(function (row) {
        if (row !== button.closest("tr")) { row.classList.toggle("folded", !open); }
      });
    });
  });

  /* "Take this value": the self-assessed score into the appraised cell (the button shows only with scripts) ----- */

  sheet.querySelectorAll("button.take").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var input = button.closest("td").querySelector("input.points");
      input.value = button.dataset.value;
      input.dispatchEvent(new Event("input", { bubbles: true }));
      input.focus();
    });
  });

  function grow(area) {
    area.style.height = "auto";
    area.style.height = Math.max(area.scrollHeight + 2, 30) + "px";
  }
  sheet.querySelectorAll("textarea").forEach(function (area) {
    if (area.value) { grow(area); }
    area.addEventListener("input", function () { grow(area); });
    area.addEventListener("focus", function () { grow(area); });
  });

  /* What is not saved yet --------------------------------------------------------------- */

  function editable() {
    return Array.prototype.slice.call(sheet.querySelectorAll("[data-field]"))
      .filter(function (el) { return el.name && el.type !== "hidden"; });
  }

  function initialOf(el) {
    var initial = document.getElementById("initial-" + el.id);
    if (!initial) { return el.type === "checkbox" ? false : ""; }
    return el.type === "checkbox" ? initial.value === "True" : initial.value;
  }

  function valueOf(el) { return el.type === "checkbox" ? el.checked : el.value; }

  function same(a, b) {
    if (typeof a === "boolean") { return a === b; }
    var x = parse(a), y = parse(b);
    if (!x.problem && !y.problem && !x.empty && !y.empty) { return cents(x.value) === cents(y.value); }
    return String(a).trim() === String(b).trim();
  }

  function unsaved() {
    return editable().filter(function (el) { return !same(valueOf(el), initialOf(el)); });
  }

  function remember(changes) {
    try {
      if (!changes.length) { window.localStorage.removeItem(storageKey); return; }
      var draft = {};
      changes.forEach(function (el) { draft[el.name] = { value: valueOf(el), initial: initialOf(el) }; });
      window.localStorage.setItem(storageKey, JSON.stringify(draft));
    } catch (e) { /* private mode or full storage: the warning before leaving still applies */ }
  }

  function changed() {
    recompute();
    var changes = unsaved();
    remember(changes);
    if (statusLine) {
      statusLine.textContent = changes.length ? data.msgUnsaved + " " + changes.length : "";
    }
    active = true;
  }

  // Values typed before (and not saved: the session ended, the page was closed) come back, where
  // nobody changed the value since.
  function restore() {
    var draft;
    try { draft = JSON.parse(window.localStorage.getItem(storageKey) || "null"); } catch (e) { draft = null; }
    if (!draft) { return; }
    var back = [];
    editable().forEach(function (el) {
      var kept = draft[el.name];
      if (!kept || !same(kept.initial, initialOf(el)) || same(kept.value, valueOf(el))) { return; }
      if (el.type === "checkbox") { el.checked = kept.value; } else { el.value = kept.value; }
      if (el.classList.contains("points")) { check(el); }
      if (el.tagName === "TEXTAREA") { grow(el); }
      back.push(el);
    });
    var notice = document.getElementById("restored");
    if (back.length && notice) {
      notice.textContent = data.msgRestored + " " + back.length;
      notice.hidden = false;
    }
    changed();
  }

  sheet.addEventListener("input", function (event) {
    if (event.target.classList && event.target.classList.contains("points")) { check(event.target); }
    changed();
  });
  sheet.addEventListener("change", changed);

  window.addEventListener("beforeunload", function (event) {
    if (submitting || !unsaved().length) { return undefined; }
    event.preventDefault();
    event.returnValue = "";  // the browser asks whether to leave
    return "";
  });

  sheet.addEventListener("submit", function (event) {
    if (submitting) { event.preventDefault(); return; }
    submitting = true;
    if (saveButton) {
      saveButton.disabled = true;  // a second click sends nothing
      saveButton.textContent = data.msgSaving;
    }
  });
  window.addEventListener("pageshow", function () {
    submitting = false;
    if (saveButton) { saveButton.disabled = false; }
  });

  /* The session stays alive while someone types ----------------------------------------- */

  var active = false;
  var token = sheet.querySelector("input[name=csrfmiddlewaretoken]");
  window.setInterval(function () {
    if (!active || !data.keepAlive) { return; }
    active = false;
    fetch(data.keepAlive, {
      method: "POST", credentials: "same-origin",
      headers: { "X-CSRFToken": token ? token.value : "" },
    }).then(function (response) {
      var expired = document.getElementById("expired");
      if (response.status === 401 && expired) { expired.hidden = false; }
    }).catch(function () { /* offline for a moment: try again at the next tick */ });
  }, 4 * 60 * 1000);

  /* Evidence within its row --------------------------------------------------------------- */

  function renderFiles(cell, files) {
    var list = cell.querySelector("ul.files");
    list.textContent = "";
    files.forEach(function (file) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = file.url;
      link.textContent = file.name;
      item.appendChild(link);
      if (file.remove) {
        var remove = document.createElement("button");
        remove.type = "button";
        remove.textContent = "×";
        remove.setAttribute("aria-label", data.msgRemove + " " + file.name);
        remove.addEventListener("click", function () { send(cell, file.remove, null); });
        item.appendChild(remove);
      }
      list.appendChild(item);
    });
    var count = cell.querySelector("a.manage");
    if (count) { count.textContent = files.length + " " + data.msgFiles; }
  }

  function send(cell, url, files) {
    var body = new FormData();
    body.append("csrfmiddlewaretoken", token ? token.value : "");
    if (files) { Array.prototype.forEach.call(files, function (file) { body.append("file", file); }); }
    var status = cell.querySelector(".evidence-status");
    fetch(url, { method: "POST", body: body, credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) { return response.json().then(function (json) { return [response, json]; }); })
      .then(function (result) {
        renderFiles(cell, result[1].files || []);
        status.textContent = (result[1].errors || []).join(" ");
      })
      .catch(function () { status.textContent = "…"; });
  }

  sheet.querySelectorAll("td.evidence[data-can-attach]").forEach(function (cell) {
    var label = document.createElement("label");
    label.className = "attach";
    var input = document.createElement("input");
    input.type = "file";
    input.multiple = true;
    label.appendChild(document.createTextNode(data.msgAttach));
    label.appendChild(input);
    var status = document.createElement("span");
    status.className = "field-error evidence-status";
    status.setAttribute("role", "status");
    cell.appendChild(label);
    cell.appendChild(status);
    input.addEventListener("change", function () {
      if (input.files.length) { send(cell, cell.dataset.evidence, input.files); }
      input.value = "";
    });
    // The files already there get their remove button.
    renderFiles(cell, Array.prototype.map.call(cell.querySelectorAll("ul.files li"), function (item) {
      var link = item.querySelector("a");
      return { name: link.textContent, url: link.getAttribute("href"), remove: item.dataset.remove || "" };
    }));
  });

  restore();
  recompute();
})();
