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

  // Events per period by type (stacked) and the mean Goldstein score per period: the dyad page
  // and the overview. With `d.link`, a click on a bar opens that period's events of that type.
  function typeCharts(d, countsId, goldsteinId) {
    var options = {
      maintainAspectRatio: false,
      scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } }
    };
    if (d.link) {
      options.onClick = function (event, elements, chart) {
        if (!elements.length) { return; }
        var start = d.labels[elements[0].index];
        var type = chart.data.datasets[elements[0].datasetIndex].label;
        var end = new Date(start + "T00:00:00Z");
        if (d.period === "month") {
          end.setUTCMonth(end.getUTCMonth() + 1);
          end.setUTCDate(0);
        } else {
          end.setUTCDate(end.getUTCDate() + (d.period === "week" ? 6 : 0));
        }
        window.location.href = d.link + "?type=" + encodeURIComponent(type) + "&since=" + start +
          "&until=" + end.toISOString().slice(0, 10);
      };
    }
    new window.Chart(document.getElementById(countsId), {
      type: "bar",
      data: {
        labels: d.labels,
        datasets: d.types.map(function (type) {
          return { label: type, data: d.counts[type], backgroundColor: TYPE_COLOURS[type] || "#888" };
        })
      },
      options: options
    });
    new window.Chart(document.getElementById(goldsteinId), {
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

  function dyadCharts() {
    var d = data("dyad-data");
    if (d) { typeCharts(d, "dyad-counts", "dyad-goldstein"); }
  }

  function overviewCharts() {
    var d = data("overview-data");
    if (d) { typeCharts(d, "overview-counts", "overview-goldstein"); }
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
    overviewCharts();
    actorChart();
    document.documentElement.setAttribute("data-charts", "drawn");
  }
})();
