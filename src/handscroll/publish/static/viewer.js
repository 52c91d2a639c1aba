/* handscroll viewer (issue 14): "View larger" opens the picture in a dialog with deep zoom.
   OpenSeadragon (npm, served from our own host) draws the picture's IIIF level-0 tiles, given to it
   as an object, so nothing is fetched but tiles and the viewer works from file:// too. The dialog
   is modal: Tab stays inside, Escape closes it and focus goes back to the link. Arrow keys pan,
   + and - (or the buttons) zoom; fingers pinch and drag. Without this script, or when the viewer
   cannot load, the link opens the largest picture itself. */
(function () {
  "use strict";

  var script = document.currentScript;
  var library = script ? script.getAttribute("data-openseadragon") : "";
  var dialog = document.querySelector("[data-viewer]");
  var links = document.querySelectorAll("a[data-viewer-open]");
  if (!dialog || !library || !links.length || typeof dialog.showModal !== "function") { return; }

  var canvas = dialog.querySelector("[data-viewer-canvas]");
  var title = dialog.querySelector("[data-viewer-title]");
  var caption = dialog.querySelector("[data-viewer-caption]");
  var viewer = null;
  var opener = null;
  var loading = null;

  // OpenSeadragon adds an inline <style> unless an element `style` with this mark exists; the
  // page's policy forbids inline styles, so a "style" element of no markup language stands in (it
  // is never a style sheet), and the one rule is in handscroll.css.
  function markStyle() {
    if (document.querySelector("style[data-openseadragon-mobile-css]")) { return; }
    var style = document.createElementNS("urn:x-handscroll:placeholder", "style");
    style.setAttribute("data-openseadragon-mobile-css", "true");
    document.head.appendChild(style);
  }

  function load() {
    if (window.OpenSeadragon) { return Promise.resolve(); }
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        markStyle();
        var tag = document.createElement("script");
        tag.src = library;
        tag.onload = function () { if (window.OpenSeadragon) { resolve(); } else { reject(); } };
        tag.onerror = reject;
        document.head.appendChild(tag);
      });
      loading.catch(function () { loading = null; });
    }
    return loading;
  }

  function source(link) {
    var factors = (link.getAttribute("data-scale-factors") || "1").split(",").map(Number);
    var tile = Number(link.getAttribute("data-tile"));
    return {
      "@context": "http://iiif.io/api/image/3/context.json",
      id: link.getAttribute("data-tiles"),
      type: "ImageService3",
      protocol: "http://iiif.io/api/image",
      profile: "level0",
      width: Number(link.getAttribute("data-width")),
      height: Number(link.getAttribute("data-height")),
      tiles: [{ width: tile, height: tile, scaleFactors: factors }]
    };
  }

  function describe(link) {
    var figure = link.closest("figure");
    var number = figure && figure.querySelector(".figure-number");
    title.textContent = number ? number.textContent : "";
    caption.textContent = "";
    if (figure) {
      Array.prototype.forEach.call(figure.querySelectorAll("figcaption > p:not(.figure-head)"), function (line) {
        var copy = document.createElement("p");
        copy.textContent = line.textContent;
        caption.appendChild(copy);
      });
    }
  }

  function open(link) {
    opener = link;
    describe(link);
    dialog.showModal();
    document.documentElement.classList.add("has-viewer");
    viewer = window.OpenSeadragon({
      element: canvas,
      tileSources: source(link),
      showNavigationControl: false,
      visibilityRatio: 1,
      minZoomImageRatio: 1,
      maxZoomPixelRatio: 2,
      gestureSettingsTouch: { pinchRotate: false },
      crossOriginPolicy: false
    });
    viewer.addHandler("open", function () {
      dialog.setAttribute("data-viewer-ready", "true");
      // Every tile of the present view has been drawn (and again after each move).
      viewer.world.getItemAt(0).addHandler("fully-loaded-change", function (event) {
        dialog.setAttribute("data-viewer-drawn", String(event.fullyLoaded));
      });
    });
    // + and - zoom by a step each press (OpenSeadragon's own keys creep while held, barely on a tap).
    viewer.addHandler("canvas-key", function (event) {
      var key = event.originalEvent.key;
      var step = { "+": 1.5, "=": 1.5, "-": 1 / 1.5, "_": 1 / 1.5, "−": 1 / 1.5 }[key];
      if (!step) { return; }
      event.preventDefaultAction = true;
      if (event.originalEvent.type === "keydown") { zoom(step); }
    });
    // How far in the reader has zoomed (1: the whole picture), for anyone who needs to know.
    viewer.addHandler("zoom", function (event) {
      var home = viewer.viewport.getHomeZoom();
      dialog.setAttribute("data-zoom", (event.zoom / home).toFixed(2));
    });
    var focusable = canvas.querySelector(".openseadragon-canvas");
    if (focusable) {
      focusable.setAttribute("role", "application");
      focusable.setAttribute("aria-label", dialog.getAttribute("data-canvas-label") || "");
      focusable.focus();
    }
  }

  function zoom(step) {
    if (!viewer) { return; }
    if (step === 0) { viewer.viewport.goHome(); } else { viewer.viewport.zoomBy(step); }
    viewer.viewport.applyConstraints();
  }

  function close() {
    if (viewer) { viewer.destroy(); viewer = null; }
    canvas.textContent = "";
    dialog.removeAttribute("data-viewer-ready");
    dialog.removeAttribute("data-viewer-drawn");
    dialog.removeAttribute("data-zoom");
    document.documentElement.classList.remove("has-viewer");
    if (opener) { opener.focus(); opener = null; }
  }

  Array.prototype.forEach.call(links, function (link) {
    link.addEventListener("click", function (event) {
      if (event.defaultPrevented || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) { return; }
      event.preventDefault();
      load().then(function () { open(link); }, function () { window.location.href = link.href; });
    });
  });

  dialog.addEventListener("close", close);
  dialog.querySelector("[data-viewer-close]").addEventListener("click", function () { dialog.close(); });
  Array.prototype.forEach.call(dialog.querySelectorAll("[data-viewer-zoom]"), function (button) {
    var how = button.getAttribute("data-viewer-zoom");
    button.addEventListener("click", function () { zoom({ "in": 1.5, out: 1 / 1.5 }[how] || 0); });
  });
})();
