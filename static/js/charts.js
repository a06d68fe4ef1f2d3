/* Charts are drawn on the server (SVG) and shown as images: the page needs no script to read them.
   This script offers the interactive chart (hover for every figure): when the pointer enters a
   chart, or its button is pressed, plotly (and its stylesheet) is fetched once, the chart's figure
   is fetched, and the interactive chart takes the place of the image at the same size.
   On a narrow screen the unit names are shortened on the axis (hover shows them whole). */
(function () {
  "use strict";
  var script = document.currentScript;
  var plotlyUrl = script && script.dataset.plotly;
  var plotlyCss = script && script.dataset.plotlyCss;
  var config = { displayModeBar: false, responsive: true, scrollZoom: false };
  var NARROW = 600;
  var loading = null;

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
      // The legend above the bars, and each threshold label on its own line above it: on a narrow
      // screen the thresholds (80%, 90%…) are too close to share one.
      var notes = (layout.annotations || []).slice().sort(function (a, b) { return a.x - b.x; });
      notes.forEach(function (note, i) {
        note.xanchor = "right";
        note.yshift = 24 + 14 * (notes.length - 1 - i);
        note.font = Object.assign({}, note.font, { size: 10 });
      });
      layout.xaxis = Object.assign({}, layout.xaxis, { title: { text: "" } });
      layout.legend = { orientation: "h", x: 0, y: 1.0, yanchor: "bottom" };
      layout.margin.t = 48 + 14 * notes.length;
    }
    return layout;
  }

  function plotly() {
    if (window.Plotly) { return Promise.resolve(window.Plotly); }
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        if (plotlyCss && !document.getElementById("plotly.js-style-global")) {
          // plotly's own rules, as a file: a strict Content-Security-Policy forbids the ones it would inject
          var link = document.createElement("link");
          link.rel = "stylesheet";
          link.href = plotlyCss;
          link.id = "plotly.js-style-global";
          link.className = "no-inline-styles";
          document.head.appendChild(link);
        }
        var tag = document.createElement("script");
        tag.src = plotlyUrl;
        tag.onload = function () { resolve(window.Plotly); };
        tag.onerror = reject;
        document.head.appendChild(tag);
      });
    }
    return loading;
  }

  function interactive(div) {
    if (div.dataset.drawn || !plotlyUrl) { return; }
    div.dataset.drawn = "1";
    var image = div.querySelector("img");
    var box = image ? image.getBoundingClientRect() : null;
    Promise.all([plotly(), fetch(div.dataset.figureUrl).then(function (r) { return r.json(); })])
      .then(function (loaded) {
        var Plotly = loaded[0], figure = loaded[1];
        var width = div.clientWidth;
        if (box) {  // the same place on the page: nothing below moves
          div.style.height = Math.round(box.height) + "px";
          figure.layout.height = Math.round(box.height);
        }
        if (figure.layout.meta && figure.layout.meta.kind === "heatmap" && width < NARROW) {
          figure.layout.yaxis = Object.assign({}, figure.layout.yaxis, { categoryarray: figure.data[0].y });
        }
        div.textContent = "";
        Plotly.newPlot(div, figure.data, forNarrowScreens(figure.layout, width), config);
      })
      .catch(function () { delete div.dataset.drawn; });
  }

  function start() {
    var plots = Array.prototype.slice.call(document.querySelectorAll(".plot[data-figure-url]"));
    plots.forEach(function (div) {
      div.addEventListener("pointerenter", function () { interactive(div); }, { once: true });
      div.addEventListener("click", function () { interactive(div); }, { once: true });
    });
    document.querySelectorAll("button.interactive").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        var div = document.getElementById(button.dataset.plot);
        if (div) { interactive(div); }
        button.hidden = true;
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
