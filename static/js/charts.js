/* Draw the charts whose figures the page carries in <script type="application/json"> elements.
   Each chart is drawn when it comes near the screen; without JavaScript the text and tables remain. */
(function () {
  "use strict";
  var config = { displayModeBar: false, responsive: true, scrollZoom: false };

  function draw(div) {
    if (div.dataset.drawn) { return; }
    var source = document.getElementById(div.dataset.figure);
    if (!source || !window.Plotly) { return; }
    div.dataset.drawn = "1";
    var figure = JSON.parse(source.textContent);
    window.Plotly.newPlot(div, figure.data, figure.layout, config);
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
