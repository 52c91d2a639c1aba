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

/* Glossary mentions: each link to a term's entry becomes a disclosure button that opens a small card with the
   English, Traditional and Simplified Chinese, pinyin and note (copied from the page's own glossary,
   so no text is ever parsed as HTML). Enter, Space, a click or a tap open it; Escape or a click
   elsewhere closes it. Without this script the mentions stay links to the glossary list. */
(function () {
  "use strict";

  var links = document.querySelectorAll("a.term[data-term]");
  if (!links.length) { return; }
  var popup = document.createElement("div");
  popup.className = "term-popup";
  popup.id = "term-popup";
  popup.setAttribute("role", "region");
  popup.setAttribute("aria-label", "Glossary entry");
  popup.hidden = true;
  document.body.appendChild(popup);
  var open = null;

  function place(button) {
    var rect = button.getBoundingClientRect();
    var width = Math.min(352, document.documentElement.clientWidth - 24);
    var left = Math.max(12, Math.min(rect.left, document.documentElement.clientWidth - width - 12));
    popup.style.width = width + "px";
    popup.style.left = (left + window.pageXOffset) + "px";
    popup.style.top = (rect.bottom + window.pageYOffset + 8) + "px";
  }

  function close() {
    if (!open) { return; }
    open.setAttribute("aria-expanded", "false");
    popup.hidden = true;
    open = null;
  }

  function show(button) {
    var entry = document.getElementById(button.getAttribute("data-term"));
    if (!entry) { return; }
    popup.textContent = "";
    Array.prototype.forEach.call(entry.children, function (child) {
      var copy = child.cloneNode(true);
      copy.removeAttribute("id");
      popup.appendChild(copy);
    });
    var more = document.createElement("a");
    more.href = "#" + entry.id;
    more.className = "term-popup-more";
    more.textContent = "See it in the glossary";
    popup.appendChild(more);
    popup.hidden = false;
    place(button);
    button.setAttribute("aria-expanded", "true");
    open = button;
  }

  // The link stays a link (so a long name wraps like the words around it) and becomes a
  // disclosure button: role, state, Space as well as Enter.
  Array.prototype.forEach.call(links, function (link) {
    link.setAttribute("role", "button");
    link.setAttribute("aria-expanded", "false");
    link.setAttribute("aria-controls", "term-popup");
    function toggle(event) {
      event.preventDefault();
      event.stopPropagation();
      if (open === link) { close(); return; }
      close();
      show(link);
    }
    link.addEventListener("click", toggle);
    link.addEventListener("keydown", function (event) {
      if (event.key === " " || event.key === "Spacebar") { toggle(event); }
    });
  });

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && open) {
      var button = open;
      close();
      button.focus();
    }
  });
  document.addEventListener("click", function (event) {
    if (open && !popup.contains(event.target)) { close(); }
  });
  window.addEventListener("resize", function () { if (open) { place(open); } });
})();

/* Print (issue 14): every picture must be loaded when the page prints (a lazy one prints blank, and a
   print is laid out at once), so once the page has loaded and the browser is idle the remaining
   pictures load in the background; before printing, every model answer opens, and answers the
   reader had not opened fold again afterwards. */
(function () {
  "use strict";

  function loadAll() {
    Array.prototype.forEach.call(document.querySelectorAll("img[loading='lazy']"), function (img) {
      img.loading = "eager";
    });
  }
  window.addEventListener("load", function () {
    if (window.requestIdleCallback) { window.requestIdleCallback(loadAll, { timeout: 3000 }); } else { window.setTimeout(loadAll, 1500); }
  });

  var opened = [];
  window.addEventListener("beforeprint", function () {
    loadAll();
    Array.prototype.forEach.call(document.querySelectorAll("details.answer:not([open])"), function (details) {
      details.open = true;
      opened.push(details);
    });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (details) { details.open = false; });
    opened = [];
  });
})();
