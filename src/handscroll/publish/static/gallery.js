/* handscroll gallery: drag with the mouse, arrow keys, previous/next buttons, a live counter and
   #fig-N deep links. Without this script the gallery is a plain horizontally scrollable list. */
(function () {
  "use strict";

  var reduceMotion = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;

  function setup(root) {
    var track = root.querySelector(".gallery-track");
    if (!track) { return null; }
    var items = Array.prototype.slice.call(track.children);
    if (!items.length) { return null; }
    var controls = root.querySelector("[data-gallery-controls]");
    var prev = root.querySelector("[data-gallery-prev]");
    var next = root.querySelector("[data-gallery-next]");
    var current = root.querySelector("[data-gallery-current]");
    var index = 0;
    var drag = null;
    var settleTimer = 0;

    root.classList.add("is-enhanced");
    if (controls) { controls.hidden = false; }

    // Where items come to rest: the track's start padding, which is where the first item sits
    // (read from layout because the padding is a CSS max() that computed styles do not resolve).
    function startPadding() {
      return items[0].offsetLeft;
    }

    function targetLeft(item) {
      return Math.max(0, Math.min(item.offsetLeft - startPadding(), track.scrollWidth - track.clientWidth));
    }

    function nearest() {
      var left = track.scrollLeft;
      var best = 0;
      var bestDistance = Infinity;
      items.forEach(function (item, i) {
        var distance = Math.abs(targetLeft(item) - left);
        if (distance < bestDistance - 1) { best = i; bestDistance = distance; }
      });
      return best;
    }

    // The counter counts photographs: on a note card it shows the photograph before it.
    function figurePosition(i) {
      var position = 0;
      for (var k = 0; k <= i; k += 1) {
        if (items[k].hasAttribute("data-figure")) { position += 1; }
      }
      return Math.max(1, position);
    }

    function show(i) {
      index = i;
      if (current) {
        var text = String(figurePosition(i));
        if (current.textContent !== text) { current.textContent = text; }
      }
      if (prev) { prev.disabled = i <= 0; }
      if (next) { next.disabled = i >= items.length - 1; }
    }

    function goTo(i, instant) {
      i = Math.max(0, Math.min(items.length - 1, i));
      show(i);
      track.scrollTo({ left: targetLeft(items[i]), behavior: instant || reduceMotion ? "instant" : "smooth" });
    }

    function settle() {
      window.clearTimeout(settleTimer);
      settleTimer = window.setTimeout(function () {
        if (!drag) { show(nearest()); }
      }, 120);
    }

    track.addEventListener("scroll", settle, { passive: true });

    if (prev) { prev.addEventListener("click", function () { goTo(index - 1); }); }
    if (next) { next.addEventListener("click", function () { goTo(index + 1); }); }

    track.addEventListener("keydown", function (event) {
      var moves = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: items.length - 1 };
      if (Object.prototype.hasOwnProperty.call(moves, event.key) && !event.altKey && !event.ctrlKey && !event.metaKey) {
        event.preventDefault();
        goTo(moves[event.key]);
      }
    });

    // Mouse drag: fingers and pens already scroll (and snap) natively.
    track.addEventListener("pointerdown", function (event) {
      if (event.pointerType !== "mouse" || event.button !== 0) { return; }
      drag = { x: event.clientX, left: track.scrollLeft, from: index, moved: false, id: event.pointerId };
    });
    track.addEventListener("pointermove", function (event) {
      if (!drag || event.pointerId !== drag.id) { return; }
      var dx = event.clientX - drag.x;
      if (!drag.moved && Math.abs(dx) > 4) {
        drag.moved = true;
        track.classList.add("is-dragging");
        track.setPointerCapture(event.pointerId);
      }
      if (drag.moved) { track.scrollLeft = drag.left - dx; }
    });
    function endDrag(event) {
      if (!drag || event.pointerId !== drag.id) { return; }
      var state = drag;
      drag = null;
      if (track.hasPointerCapture(event.pointerId)) { track.releasePointerCapture(event.pointerId); }
      if (!state.moved) { return; }
      var dx = event.clientX - state.x;
      var target = nearest();
      // A deliberate drag always moves at least one step in its direction.
      if (target === state.from && Math.abs(dx) > 40) { target = state.from + (dx < 0 ? 1 : -1); }
      track.classList.remove("is-dragging");
      goTo(target);
    }
    track.addEventListener("pointerup", endDrag);
    track.addEventListener("pointercancel", endDrag);
    track.addEventListener("dragstart", function (event) { event.preventDefault(); });

    show(0);
    return { items: items, goTo: goTo, root: root };
  }

  function openHash(galleries) {
    var id = decodeURIComponent(window.location.hash.slice(1));
    if (!/^fig-[0-9]+$/.test(id)) { return; }
    var target = document.getElementById(id);
    galleries.forEach(function (gallery) {
      var i = gallery.items.indexOf(target);
      if (i >= 0) {
        gallery.root.scrollIntoView({ block: "start", behavior: "instant" });
        gallery.goTo(i, true);
      }
    });
  }

  function init() {
    var galleries = [];
    Array.prototype.forEach.call(document.querySelectorAll("[data-gallery]"), function (root) {
      var gallery = setup(root);
      if (gallery) { galleries.push(gallery); }
    });
    openHash(galleries);
    // The browser's own jump to the fragment can come after this script runs; settle it again.
    window.addEventListener("load", function () { openHash(galleries); });
    window.addEventListener("hashchange", function () { openHash(galleries); });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
