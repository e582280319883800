// eventwire charts: reads the JSON the page embeds and draws it with Chart.js (served by
// eventwire from the installed chartkick package). Without Chart.js the tables below the
// charts still carry the figures.
(function () {
  "use strict";

  // Cooperation in cool colours, conflict in warm ones, roughly by PLOVER's quad classes.
  var TYPE_COLOURS = {
    AGREE: "#2b8cbe", CONSULT: "#74a9cf", COOPERATE: "#0570b0", SUPPORT: "#3690c0",
    AID: "#41ae76", CONCEDE: "#66c2a4", RETREAT: "#99d8c9",
    REQUEST: "#bdbdbd", ACCUSE: "#fdae6b", REJECT: "#fd8d3c", PROTEST: "#fdd0a2",
    THREATEN: "#f16913", SANCTION: "#d94801", MOBILIZE: "#a63603",
    COERCE: "#cb181d", ASSAULT: "#67000d"
  };

  function data(id) {
    var element = document.getElementById(id);
    return element ? JSON.parse(element.textContent) : null;
  }

  function ready() {
    if (typeof window.Chart === "undefined") {
      return false;
    }
    window.Chart.defaults.font.family = "system-ui, sans-serif";
    window.Chart.defaults.animation = false;
    return true;
  }

  function dyadCharts() {
    var d = data("dyad-data");
    if (!d) { return; }
    new window.Chart(document.getElementById("dyad-counts"), {
      type: "bar",
      data: {
        labels: d.labels,
        datasets: d.types.map(function (type) {
          return { label: type, data: d.counts[type], backgroundColor: TYPE_COLOURS[type] || "#888" };
        })
      },
      options: {
        maintainAspectRatio: false,
        scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } }
      }
    });
    new window.Chart(document.getElementById("dyad-goldstein"), {
      type: "line",
      data: {
        labels: d.labels,
        datasets: [{
          label: "mean Goldstein",
          data: d.goldstein,
          spanGaps: true,
          borderColor: "#444",
          pointBackgroundColor: d.goldstein.map(function (g) {
            return g === null ? "#888" : (g >= 0 ? "#2b8cbe" : "#cb181d");
          }),
          pointRadius: 4
        }]
      },
      options: {
        maintainAspectRatio: false,
        scales: { y: { min: -10, max: 10 } },
        plugins: { legend: { display: false } }
      }
    });
  }

  function actorChart() {
    var d = data("actor-data");
    if (!d) { return; }
    new window.Chart(document.getElementById("actor-chart"), {
      type: "bar",
      data: {
        labels: d.labels,
        datasets: [
          { label: "as source", data: d.source, backgroundColor: "#2b8cbe" },
          { label: "as target", data: d.target, backgroundColor: "#fd8d3c" }
        ]
      },
      options: { maintainAspectRatio: false, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } }
    });
  }

  if (ready()) {
    dyadCharts();
    actorChart();
    document.documentElement.setAttribute("data-charts", "drawn");
  }
})();
