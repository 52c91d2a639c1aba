/* handscroll places map (issue 14): a map that works offline. When the map comes into view (never
   before: a page whose map is never seen loads no map code), Leaflet, its cluster plugin and the
   Natural Earth coastlines and borders shipped with the reader load from our own host; the base is
   drawn as vector layers, tiles only on top and only when configured. Towns and sites are labelled
   markers, gathered into a numbered cluster where they crowd (four places in Shenyang); a country is
   outlined, a region drawn by its extent, never pinned at a centroid ("Russia" is not a dot in
   Siberia). Without JavaScript or Leaflet the list of places stands alone. */
(function () {
  "use strict";

  var loaded = {};

  function load(url, kind) {
    if (!url) { return Promise.resolve(); }
    if (!loaded[url]) {
      loaded[url] = new Promise(function (resolve, reject) {
        var tag = document.createElement(kind === "css" ? "link" : "script");
        if (kind === "css") { tag.rel = "stylesheet"; tag.href = url; } else { tag.src = url; }
        tag.onload = function () { resolve(); };
        tag.onerror = function () { reject(new Error(url)); };
        document.head.appendChild(tag);
      });
    }
    return loaded[url];
  }

  function number(item, name) { return parseFloat(item.getAttribute(name)); }

  function countryOutline(L, name) {
    var atlas = window.handscrollWorldAtlas;
    if (!atlas || !window.topojson) { return null; }
    var found = null;
    var aliases = { "United States": "United States of America" };
    window.topojson.feature(atlas, atlas.objects.countries).features.forEach(function (country) {
      if (country.properties.name === name || country.properties.name === aliases[name]) { found = country; }
    });
    return found && L.geoJSON(found, { interactive: false, style: { color: "#9b2f1f", weight: 2, fillColor: "#9b2f1f", fillOpacity: 0.12 } });
  }

  function label(L, layer, name, where) {
    layer.bindTooltip(name, { permanent: true, direction: where || "right", className: "map-label", offset: [4, 0] });
  }

  function draw(box) {
    var L = window.L;
    var section = box.parentNode;
    var items = Array.prototype.slice.call(section.querySelectorAll("[data-places] [data-lat]"));
    box.hidden = false;
    var note = section.querySelector("[data-map-note]");
    if (note) { note.hidden = true; }
    var credit = box.getAttribute("data-base-attribution") || "";
    var map = L.map(box, { scrollWheelZoom: false, worldCopyJump: true, minZoom: 1, maxZoom: 12 });
    map.setView([30, 110], 3); // a view first: permanent labels need one to be placed
    map.attributionControl.setPrefix(false);
    var atlas = window.handscrollWorldAtlas;
    if (atlas && window.topojson) {
      L.geoJSON(window.topojson.feature(atlas, atlas.objects.countries), {
        interactive: false,
        style: { color: "#8a7f70", weight: 0.8, fillColor: "#fffdf8", fillOpacity: 1 }
      }).addTo(map);
      map.attributionControl.addAttribution(credit);
    }
    var tiles = box.getAttribute("data-tiles");
    if (tiles) {
      var span = document.createElement("span");
      span.textContent = box.getAttribute("data-attribution") || "";
      L.tileLayer(tiles, { maxZoom: 18, opacity: 0.85, attribution: span.innerHTML }).addTo(map);
    }
    var cluster = L.markerClusterGroup ? L.markerClusterGroup({ maxClusterRadius: 36, showCoverageOnHover: false }) : L.layerGroup();
    var bounds = L.latLngBounds([]);
    var wide = L.latLngBounds([]);
    var markers = 0;
    items.forEach(function (item) {
      var lat = number(item, "data-lat");
      var lon = number(item, "data-lon");
      if (!isFinite(lat) || !isFinite(lon)) { return; }
      var name = item.getAttribute("data-name") || "";
      var modern = item.getAttribute("data-modern") || "";
      var kind = item.getAttribute("data-kind");
      var extent = (item.getAttribute("data-bbox") || "").split(",").map(Number);
      var outline = kind === "country" || kind === "region" ? countryOutline(L, modern) : null;
      if (outline) {
        outline.addTo(map);
        label(L, L.marker([lat, lon], { opacity: 0, keyboard: false, interactive: false }).addTo(map), name, "center");
        wide.extend(outline.getBounds());
      } else if (kind === "region" && extent.length === 4 && extent.every(isFinite)) {
        var area = L.rectangle([[extent[0], extent[1]], [extent[2], extent[3]]], {
          interactive: false, color: "#9b2f1f", weight: 1.5, dashArray: "6 4", fillOpacity: 0.06
        }).addTo(map);
        label(L, L.marker([lat, lon], { opacity: 0, keyboard: false, interactive: false }).addTo(map), name, "center");
        bounds.extend(area.getBounds());
      } else {
        var text = modern && modern !== name ? name + " (" + modern + ")" : name;
        var marker = L.marker([lat, lon], { title: text, alt: text });
        label(L, marker, name);
        var link = item.querySelector(".place-mentions a");
        if (link) { marker.on("click", function () { window.location.hash = link.getAttribute("href"); }); }
        cluster.addLayer(marker);
        bounds.extend([lat, lon]);
        markers += 1;
      }
    });
    cluster.addTo(map);
    var view = bounds.isValid() ? bounds : wide;
    if (view.isValid()) { map.fitBounds(view, { padding: [32, 32], maxZoom: 7 }); }
    box.setAttribute("data-markers", String(markers));
    box.setAttribute("data-drawn", "true");
  }

  function start(box) {
    var urls = ["data-leaflet-css", "data-cluster-css"].map(function (name) { return box.getAttribute(name); });
    Promise.all(urls.map(function (url) { return load(url, "css"); }))
      .then(function () { return load(box.getAttribute("data-leaflet-js")); })
      .then(function () {
        return Promise.all([
          load(box.getAttribute("data-cluster-js")),
          load(box.getAttribute("data-topojson-js")),
          load(box.getAttribute("data-world-js"))
        ]).catch(function () { return null; }); // without them: plain markers on no base
      })
      .then(function () {
        if (window.L) { draw(box); }
      }, function () { /* no Leaflet: the list stands alone, its note says why */ });
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-map]"), function (box) {
    if (!box.getAttribute("data-leaflet-js")) { return; }
    if (!("IntersectionObserver" in window)) { start(box); return; }
    // The map is hidden until drawn, so watch the note (or list) where it will appear.
    var place = box.parentNode.querySelector("[data-map-note]") || box.parentNode;
    var watcher = new IntersectionObserver(function (entries) {
      if (entries.some(function (entry) { return entry.isIntersecting; })) {
        watcher.disconnect();
        start(box);
      }
    }, { rootMargin: "400px 0px" });
    watcher.observe(place);
  });
})();
