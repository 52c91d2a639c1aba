/* handscroll places map: Leaflet, served from our own host, draws a marker for each place the page
   lists. Without JavaScript or Leaflet the list stands alone; without tiles (offline) the markers
   still show on a blank ground. */
(function () {
  "use strict";

  function escapeHtml(text) {
    var span = document.createElement("span");
    span.textContent = text;
    return span.innerHTML;
  }

  function setup(box) {
    var section = box.parentNode;
    var list = section.querySelector("[data-places]");
    if (!list || !window.L) { return; }
    var places = Array.prototype.slice.call(list.querySelectorAll("[data-lat]"));
    if (!places.length) { return; }
    box.hidden = false;
    var note = section.querySelector("[data-map-note]");
    if (note) { note.hidden = true; }
    var map = window.L.map(box, { scrollWheelZoom: false });
    var tiles = box.getAttribute("data-tiles");
    if (tiles) {
      window.L.tileLayer(tiles, {
        maxZoom: 18,
        attribution: escapeHtml(box.getAttribute("data-attribution") || "")
      }).addTo(map);
    }
    var points = [];
    places.forEach(function (item) {
      var lat = parseFloat(item.getAttribute("data-lat"));
      var lon = parseFloat(item.getAttribute("data-lon"));
      if (!isFinite(lat) || !isFinite(lon)) { return; }
      var name = item.getAttribute("data-name") || "";
      var modern = item.getAttribute("data-modern") || "";
      var label = document.createElement("div");
      var strong = document.createElement("strong");
      strong.textContent = name;
      label.appendChild(strong);
      if (modern && modern !== name) {
        label.appendChild(document.createTextNode(" (today " + modern + ")"));
      }
      window.L.marker([lat, lon], { title: name, alt: name }).bindPopup(label).addTo(map);
      points.push([lat, lon]);
    });
    if (points.length === 1) {
      map.setView(points[0], 6);
    } else {
      map.fitBounds(points, { padding: [28, 28], maxZoom: 7 });
    }
    box.setAttribute("data-markers", String(points.length));
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-map]"), setup);
})();
