/* Draw the charts whose figures the page carries in <script type="application/json"> elements.
   Each chart is drawn when it comes near the screen; without JavaScript the text and tables remain.
   On a narrow screen the unit names are shortened on the axis (hover shows them whole). */
(function () {
  "use strict";
  var config = { displayModeBar: false, responsive: true, scrollZoom: false };
  var NARROW = 600;

  // Names arrive escaped for plotly (&amp; &lt; …): shorten the text they stand for, not the escapes.
  function decode(text) {
    var area = document.createElement("textarea");
    area.innerHTML = text;
    return area.value;
  }

  function encode(text) {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }

  function shorten(name, length) {
    var text = decode(name);
    return encode(text.length > length ? text.slice(0, length - 1) + "…" : text);
  }

  function forNarrowScreens(layout, width) {
    var kind = layout.meta && layout.meta.kind;
    if (width >= NARROW || !kind) { return layout; }
    var length = Math.max(12, Math.round(width / 24));
    var names = layout.yaxis.categoryarray || null;
    layout.margin = { l: 4, r: 8, t: layout.margin.t, b: 30 };
    layout.font = Object.assign({}, layout.font, { size: 11 });
    if (names) {
      layout.yaxis = Object.assign({}, layout.yaxis, {
        tickmode: "array", tickvals: names, ticktext: names.map(function (n) { return shorten(n, length); })
      });
    }
    if (kind === "bars") {
      layout.xaxis = Object.assign({}, layout.xaxis, { title: { text: "" } });
      layout.legend = { orientation: "h", x: 0, y: 1.0, yanchor: "bottom" };
      layout.margin.t = 48;
      (layout.annotations || []).forEach(function (a) { a.text = ""; });
    }
    return layout;
  }

  function draw(div) {
    if (div.dataset.drawn) { return; }
    var source = document.getElementById(div.dataset.figure);
    if (!source || !window.Plotly) { return; }
    div.dataset.drawn = "1";
    var figure = JSON.parse(source.textContent);
    if (figure.layout.meta && figure.layout.meta.kind === "heatmap" && div.clientWidth < NARROW) {
      var names = figure.data[0].y;
      figure.layout.yaxis = Object.assign({}, figure.layout.yaxis, { categoryarray: names });
    }
    window.Plotly.newPlot(div, figure.data, forNarrowScreens(figure.layout, div.clientWidth), config);
  }

  function start() {
    var plots = Array.prototype.slice.call(document.querySelectorAll(".plot[data-figure]"));
    if (!plots.length) { return; }
    if (!("IntersectionObserver" in window)) { plots.forEach(draw); return; }
    var observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (entry.isIntersecting) { draw(entry.target); observer.unobserve(entry.target); }
      });
    }, { rootMargin: "600px 0px" });
    plots.forEach(function (div) { observer.observe(div); });
    window.addEventListener("beforeprint", function () { plots.forEach(draw); });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
