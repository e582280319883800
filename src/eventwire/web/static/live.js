// eventwire live pages: on a server that watches sources, a page that lists what arrives (stories,
// alerts, sources) reloads itself once a watch cycle or an ingest has committed new data.
(function () {
  "use strict";
  var POLL_MS = 3000;
  var seen = null;

  function check() {
    fetch("/api/watch", { headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (state) {
        if (!state || !state.watching) { return; }
        if (seen !== null && state.generation !== seen) {
          window.location.reload();
          return;
        }
        seen = state.generation;
        window.setTimeout(check, POLL_MS);
      })
      .catch(function () { window.setTimeout(check, POLL_MS * 4); });
  }

  check();
})();
