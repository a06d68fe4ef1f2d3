/* The score sheet: group and total subtotals follow what is typed (4,5 and 4.5 both count). */
(function () {
  "use strict";
  var sheet = document.getElementById("scoresheet");
  if (!sheet) { return; }
  var separator = sheet.dataset.separator || ",";
  var field = sheet.dataset.sum || "points";  // the score being entered: self-assessed or appraised

  function number(text) {
    var value = parseFloat(String(text || "").trim().replace(",", "."));
    return isNaN(value) ? 0 : value;
  }

  function format(value) {
    return value.toFixed(2).replace(".", separator);
  }

  function recompute() {
    var groups = {}, total = 0, max = 0;
    sheet.querySelectorAll("tr.leaf").forEach(function (row) {
      var group = row.dataset.group;
      var input = row.querySelector("input[data-field='" + field + "']");
      var shown = row.querySelector(field === "points" ? ".points-value" : ".self-value");
      var na = row.querySelector("input[data-field='not_assessed']");
      var notAssessed = na ? na.checked : false;
      var rowMax = number(row.querySelector("[data-max]").dataset.max);
      var points = notAssessed ? 0 : number(input ? input.value : (shown ? shown.textContent : "0"));
      groups[group] = groups[group] || { points: 0, max: 0 };
      groups[group].points += points;
      if (!notAssessed) { groups[group].max += rowMax; max += rowMax; }
      total += points;
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

  sheet.addEventListener("input", recompute);
  sheet.addEventListener("change", recompute);
  recompute();
})();
