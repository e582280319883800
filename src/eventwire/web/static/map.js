// eventwire maps: country shapes (Natural Earth, served by eventwire from an installed package)
// drawn as SVG, with a circle per place sized by its number of events. No map library, no tile
// server: the page works offline. Plate carrée projection: x is longitude, y is minus latitude.
(function () {
  "use strict";

  var SVG = "http://www.w3.org/2000/svg";
  var WORLD = { west: -180, east: 180, north: 84, south: -58 };
  var MIN_SPAN = { lon: 24, lat: 14 };
  var PAD = 0.25;
  var ZOOM_STEP = 1.25;

  function el(name, attrs) {
    var node = document.createElementNS(SVG, name);
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    return node;
  }

  function tone(g) {
    if (g === null || g === undefined || Math.abs(g) < 0.5) { return "neutral"; }
    return g > 0 ? "coop" : "conflict";
  }

  function query(params) {
    return Object.keys(params).filter(function (k) { return params[k]; }).map(function (k) {
      return encodeURIComponent(k) + "=" + encodeURIComponent(params[k]);
    }).join("&");
  }

  // The box to show: the whole world, or the points with a margin (story maps).
  function bounds(points, fit) {
    if (!fit || !points.length) { return WORLD; }
    var lons = points.map(function (p) { return p.lon; });
    var lats = points.map(function (p) { return p.lat; });
    var west = Math.min.apply(null, lons), east = Math.max.apply(null, lons);
    var south = Math.min.apply(null, lats), north = Math.max.apply(null, lats);
    var padLon = Math.max((east - west) * PAD, (MIN_SPAN.lon - (east - west)) / 2, 2);
    var padLat = Math.max((north - south) * PAD, (MIN_SPAN.lat - (north - south)) / 2, 2);
    return { west: west - padLon, east: east + padLon, north: Math.min(north + padLat, 85), south: Math.max(south - padLat, -85) };
  }

  function ringPath(ring) {
    return "M" + ring.map(function (pt) { return pt[0] + "," + (-pt[1]); }).join("L") + "Z";
  }

  function drawCountries(layer, shapes) {
    shapes.countries.forEach(function (country) {
      var path = el("path", { d: country.rings.map(ringPath).join(""), "class": "land", "fill-rule": "evenodd" });
      var title = el("title");
      title.textContent = country.name;
      path.appendChild(title);
      layer.appendChild(path);
    });
  }

  function drawPoints(layer, points, link, unit) {
    var largest = Math.max.apply(null, points.map(function (p) { return p.n; }).concat([1]));
    // Largest first, so that small places stay clickable on top of big ones.
    points.slice().sort(function (a, b) { return b.n - a.n; }).forEach(function (p) {
      var r = unit * (1.6 + 5.5 * Math.sqrt(p.n / largest));
      var href = "/map?" + query(Object.assign({}, link, { place: p.key })) + "#events-here";
      var anchor = el("a", { href: href, "class": "point-link" });
      var fallback = p.n_fallback === p.n;
      var circle = el("circle", {
        cx: p.lon, cy: -p.lat, r: r,
        "class": "point " + tone(p.goldstein) + (fallback ? " fallback" : ""),
        "data-key": p.key, "data-n": p.n
      });
      var title = el("title");
      title.textContent = p.place_name + " (" + p.feature_type + (p.place_country ? ", " + p.place_country : "") + "): " +
        p.n + " event" + (p.n === 1 ? "" : "s") + (p.goldstein === null ? "" : ", mean Goldstein " + p.goldstein.toFixed(1)) +
        (fallback ? "; placed at the country of the action" : "");
      circle.appendChild(title);
      anchor.appendChild(circle);
      layer.appendChild(anchor);
    });
  }

  // Wheel to zoom around the pointer, drag to pan: the view box moves, the drawing stays.
  function interactive(svg, box) {
    var view = { x: box.west, y: -box.north, w: box.east - box.west, h: box.north - box.south };
    var full = { w: view.w, h: view.h };
    function apply() { svg.setAttribute("viewBox", [view.x, view.y, view.w, view.h].join(" ")); }
    svg.addEventListener("wheel", function (event) {
      event.preventDefault();
      var rect = svg.getBoundingClientRect();
      var fx = (event.clientX - rect.left) / rect.width, fy = (event.clientY - rect.top) / rect.height;
      var factor = event.deltaY < 0 ? 1 / ZOOM_STEP : ZOOM_STEP;
      var w = Math.min(full.w * 2, view.w * factor), h = Math.min(full.h * 2, view.h * factor);
      view.x += (view.w - w) * fx; view.y += (view.h - h) * fy; view.w = w; view.h = h;
      apply();
    }, { passive: false });
    var drag = null;
    svg.addEventListener("pointerdown", function (event) {
      if (event.target.closest && event.target.closest("a")) { return; }
      drag = { x: event.clientX, y: event.clientY, vx: view.x, vy: view.y };
    });
    window.addEventListener("pointermove", function (event) {
      if (!drag) { return; }
      var rect = svg.getBoundingClientRect();
      view.x = drag.vx - (event.clientX - drag.x) * view.w / rect.width;
      view.y = drag.vy - (event.clientY - drag.y) * view.h / rect.height;
      apply();
    });
    window.addEventListener("pointerup", function () { drag = null; });
    apply();
  }

  function draw(container, data, shapes) {
    var box = bounds(data.points, data.fit);
    var svg = el("svg", { "class": "map-svg", role: "img", "aria-label": "map of events by place", preserveAspectRatio: "xMidYMid meet" });
    var sea = el("rect", { x: -540, y: -270, width: 1080, height: 540, "class": "sea" });
    var land = el("g", { "class": "countries" });
    var dots = el("g", { "class": "points" });
    svg.appendChild(sea);
    svg.appendChild(land);
    svg.appendChild(dots);
    if (shapes) { drawCountries(land, shapes); }
    drawPoints(dots, data.points, data.link || {}, (box.east - box.west) / 360);
    container.textContent = "";
    container.appendChild(svg);
    interactive(svg, box);
    var note = document.createElement("p");
    note.className = "muted map-status";
    note.textContent = data.points.length + " place" + (data.points.length === 1 ? "" : "s") +
      (shapes ? "" : " (country shapes unavailable: pip install 'eventwire[web]')") + " · wheel to zoom, drag to pan";
    container.appendChild(note);
    container.setAttribute("data-drawn", "true");
  }

  var maps = Array.prototype.slice.call(document.querySelectorAll(".map[data-source]"));
  if (!maps.length) { return; }
  fetch("/static/vendor/countries.json").then(function (response) {
    return response.ok ? response.json() : null;
  }).catch(function () { return null; }).then(function (shapes) {
    maps.forEach(function (container) {
      var source = document.getElementById(container.getAttribute("data-source"));
      draw(container, JSON.parse(source.textContent), shapes);
    });
    document.documentElement.setAttribute("data-map", "drawn");
  });
})();
