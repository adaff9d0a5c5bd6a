// Charts of the monitoring dashboard, drawn with Chart.js from the data the page
// already shows in its tables (json_script). Without JavaScript the tables remain.
(function () {
  "use strict";
  var source = document.getElementById("dashboard-charts");
  if (!source || typeof Chart === "undefined") {
    return;
  }
  var charts = JSON.parse(source.textContent);
  var colours = ["#01689b", "#8a5300", "#39870c", "#a90061", "#42145f", "#007bc7",
                 "#5c3d00", "#275937", "#ca005d", "#154273", "#673327", "#4a5259"];
  var format = new Intl.NumberFormat(document.documentElement.lang || "nl");
  function draw(id, spec, type) {
    var canvas = document.getElementById(id);
    if (!canvas || !spec) {
      return;
    }
    canvas.parentElement.hidden = false;
    new Chart(canvas, {
      type: type,
      data: {
        labels: spec.labels,
        datasets: spec.datasets.map(function (dataset, index) {
          var colour = colours[index % colours.length];
          return {
            label: dataset.label,
            data: dataset.data,
            borderColor: colour,
            backgroundColor: colour,
            pointStyle: ["circle", "rect", "triangle", "rectRot", "star", "crossRot"][index % 6],
            spanGaps: false
          };
        })
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        plugins: {
          title: { display: true, text: spec.title },
          tooltip: {
            callbacks: {
              label: function (context) {
                return context.dataset.label + ": " + format.format(context.parsed.y);
              }
            }
          }
        },
        scales: { y: { beginAtZero: true } }
      }
    });
  }
  draw("chart-line", charts.line, "line");
  draw("chart-bar", charts.bar, "bar");
}());
