// The framework editor: each group's sum of its criteria and the set's total, as the maxima are typed.
(function () {
  "use strict";
  const form = document.getElementById("framework-form");
  if (!form) return;
  const sep = document.documentElement.lang === "en" ? "." : ",";
  function read(text) {
    const value = Number(String(text || "").trim().replace(",", "."));
    return text && String(text).trim() !== "" && Number.isFinite(value) ? Math.round(value * 100) : null;
  }
  function show(cents) {
    const text = (cents / 100).toFixed(2).replace(/\.?0+$/, "");
    return text.replace(".", sep);
  }
  function update() {
    const rows = [...form.querySelectorAll("tbody tr")].map((tr) => ({
      tr,
      code: tr.querySelector("input[name$='-code']").value.trim(),
      max: tr.querySelector("input[name$='-max']"),
      removed: tr.querySelector("input[name$='-delete']").checked,
    })).filter((row) => row.code && !row.removed);
    const codes = new Set(rows.map((row) => row.code));
    const leafSum = new Map();
    function sum(code) {
      if (leafSum.has(code)) return leafSum.get(code);
      const kids = rows.filter((row) => row.code.startsWith(code + ".") && !row.code.slice(code.length + 1).includes("."));
      let total;
      if (kids.length === 0) total = read(rows.find((row) => row.code === code).max.value) || 0;
      else total = kids.reduce((acc, kid) => acc + sum(kid.code), 0);
      leafSum.set(code, total);
      return total;
    }
    let total = 0;
    for (const row of rows) {
      const cell = row.tr.querySelector(".sum");
      const isGroup = rows.some((other) => other.code.startsWith(row.code + "."));
      if (isGroup) {
        const value = sum(row.code);
        const typed = read(row.max.value);
        cell.textContent = show(value);
        cell.classList.toggle("differs", typed !== null && typed !== value);
      } else {
        cell.textContent = "";
      }
      if (!row.code.includes(".") || !codes.has(row.code.slice(0, row.code.lastIndexOf(".")))) total += sum(row.code);
    }
    document.getElementById("framework-total").textContent = show(total);
  }
  form.addEventListener("input", update);
  form.addEventListener("change", update);
  update();
})();
