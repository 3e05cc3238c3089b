/* Zoom buttons for the inline flowcharts. Without JavaScript a chart keeps its drawn size and its box
   scrolls both ways (and the browser's own zoom works); this only adds zoom in, zoom out and fit. */
(function () {
  var figures = document.querySelectorAll(".flow-chart");
  Array.prototype.forEach.call(figures, function (fig) {
    var svg = fig.querySelector("svg.chart"), bar = fig.querySelector(".chart-zoom");
    if (!svg || !bar) return;
    var drawn = parseFloat(svg.style.width) || 0, zoom = 1;
    function apply() {
      svg.style.width = zoom ? (drawn * zoom).toFixed(2) + "rem" : "100%";
    }
    bar.hidden = false;
    var box = svg.parentNode;  // start at the top of the chart's middle, where the flow begins
    box.scrollLeft = Math.max(0, (box.scrollWidth - box.clientWidth) / 2);
    bar.addEventListener("click", function (e) {
      var how = e.target.getAttribute && e.target.getAttribute("data-zoom");
      if (!how) return;
      if (how === "fit") zoom = 0;
      else zoom = Math.max(0.25, Math.min(4, (zoom || 1) * (how === "in" ? 1.25 : 0.8)));
      apply();
    });
  });
})();
