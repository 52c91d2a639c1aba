/* handscroll gallery: drag with the mouse, arrow keys, Home and End, previous/next buttons, a live
   counter that follows focus and scrolling and counts notes as steps of their own, and #fig-N /
   #note-N addresses kept up to date as the reader moves (history.replaceState, issue 14). Without
   this script the gallery is a plain horizontally scrollable list. */
(function () {
  "use strict";

  var reduceMotion = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  var STEPS = /^(fig|note)-[0-9]+$/;

  function setup(root) {
    var track = root.querySelector(".gallery-track");
    if (!track) { return null; }
    var items = Array.prototype.slice.call(track.children);
    if (!items.length) { return null; }
    var controls = root.querySelector("[data-gallery-controls]");
    var prev = root.querySelector("[data-gallery-prev]");
    var next = root.querySelector("[data-gallery-next]");
    var counter = root.querySelector("[data-gallery-counter]");
    var current = root.querySelector("[data-gallery-current]");
    var label = root.querySelector("[data-gallery-label]");
    var index = 0;
    var drag = null;
    var settleTimer = 0;
    var moved = false; // the reader has moved the strip: from then on the address follows it
    var dragged = false; // a drag just ended: the click that follows it is not a click

    root.classList.add("is-enhanced");
    if (controls) { controls.hidden = false; }

    // Where items come to rest: the track's start padding, which is where the first item sits
    // (read from layout because the padding is a CSS max() that computed styles do not resolve).
    function startPadding() {
      return items[0].offsetLeft;
    }

    function maxScroll() {
      return track.scrollWidth - track.clientWidth;
    }

    function targetLeft(item) {
      return Math.max(0, Math.min(item.offsetLeft - startPadding(), maxScroll()));
    }

    // Items differ in width (each is as wide as its picture), so the room after the last item is
    // measured: just enough for the last item, too, to come to rest at the start.
    function fitTail() {
      track.style.setProperty("--tail", "0px");
      var last = items[items.length - 1];
      var missing = last.offsetLeft - startPadding() - maxScroll();
      track.style.setProperty("--tail", Math.max(1, Math.ceil(missing)) + "px");
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

    // A photograph shows "3 / 10"; a note is a step of its own and shows "Note 1".
    function figurePosition(i) {
      var position = 0;
      for (var k = 0; k <= i; k += 1) {
        if (items[k].hasAttribute("data-figure")) { position += 1; }
      }
      return Math.max(1, position);
    }

    function show(i) {
      index = i;
      var item = items[i];
      items.forEach(function (other) { other.toggleAttribute("data-shown", other === item); });
      var note = item.hasAttribute("data-note");
      if (current) {
        var text = note ? item.getAttribute("data-note") : String(figurePosition(i));
        if (current.textContent !== text) { current.textContent = text; }
      }
      if (counter) {
        counter.classList.toggle("is-note", note);
        if (label) {
          label.textContent = counter.getAttribute(note ? "data-note-label" : "data-figure-label") || "";
        }
      }
      if (prev) { prev.disabled = i <= 0; }
      if (next) { next.disabled = i >= items.length - 1; }
      if (moved && item.id && window.location.hash !== "#" + item.id && window.history.replaceState) {
        window.history.replaceState(window.history.state, "", "#" + item.id);
      }
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

    function byReader() { moved = true; }

    track.addEventListener("scroll", settle, { passive: true });
    ["wheel", "touchstart", "pointerdown", "keydown"].forEach(function (name) {
      track.addEventListener(name, byReader, { passive: true });
    });

    if (prev) { prev.addEventListener("click", function () { moved = true; goTo(index - 1); }); }
    if (next) { next.addEventListener("click", function () { moved = true; goTo(index + 1); }); }

    track.addEventListener("keydown", function (event) {
      var moves = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: items.length - 1 };
      if (Object.prototype.hasOwnProperty.call(moves, event.key) && !event.altKey && !event.ctrlKey && !event.metaKey) {
        event.preventDefault();
        goTo(moves[event.key]);
      }
    });

    // Tabbing into a caption or a "view larger" link brings its item to the start, and the counter
    // and the address follow (issue 14: they used to stay on Figure 1).
    track.addEventListener("focusin", function (event) {
      if (event.target === track) { return; }
      for (var i = 0; i < items.length; i += 1) {
        if (items[i].contains(event.target)) {
          moved = true;
          if (i !== index || Math.abs(targetLeft(items[i]) - track.scrollLeft) > 2) { goTo(i); }
          return;
        }
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
      dragged = true;
      window.setTimeout(function () { dragged = false; }, 0);
      goTo(target);
    }
    track.addEventListener("pointerup", endDrag);
    track.addEventListener("pointercancel", endDrag);
    track.addEventListener("dragstart", function (event) { event.preventDefault(); });
    // A click that ends a drag is not a click on a link or a "view larger" button.
    track.addEventListener("click", function (event) {
      if (dragged) { event.preventDefault(); event.stopPropagation(); }
    }, true);

    fitTail();
    window.addEventListener("resize", function () { fitTail(); goTo(index, true); });
    show(0);
    return { items: items, goTo: goTo, root: root };
  }

  function openHash(galleries) {
    var id = decodeURIComponent(window.location.hash.slice(1));
    if (!STEPS.test(id)) { return; }
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
