/* handscroll "Check yourself" (issue 15). Without this script every item still works: radios and
   fields can be filled in and each answer sits in a <details>. With it: a Check button and feedback
   in a live region, Move up / Move down buttons to put events in order (no dragging needed), one
   item at a time or all, and progress with items due again later kept in this browser only
   (localStorage; nothing is sent anywhere). */
(function () {
  "use strict";

  var STORE = "handscroll-checks";
  var DAYS = [1, 3, 7, 21, 60];
  var DAY = 24 * 60 * 60 * 1000;

  function load() {
    try { return JSON.parse(window.localStorage.getItem(STORE) || "{}") || {}; } catch (e) { return {}; }
  }

  function save(progress) {
    try { window.localStorage.setItem(STORE, JSON.stringify(progress)); } catch (e) { /* private mode */ }
  }

  function orderOf(item) {
    return Array.prototype.map.call(item.querySelectorAll("[data-order] > li"), function (li) {
      return li.getAttribute("data-index");
    }).join(" ");
  }

  function answered(item) {
    var kind = item.getAttribute("data-kind");
    var answer = item.getAttribute("data-answer");
    if (kind === "order") { return orderOf(item) === answer; }
    if (kind === "date") {
      var field = item.querySelector("input");
      var value = field.value.trim();
      if (!/^[0-9]{1,4}$/.test(value)) { return null; }
      var tolerance = parseInt(item.getAttribute("data-tolerance") || "0", 10);
      return Math.abs(parseInt(value, 10) - parseInt(answer, 10)) <= tolerance;
    }
    var chosen = item.querySelector("input[type=radio]:checked");
    if (!chosen) { return null; }
    return chosen.value === answer;
  }

  /* The section's words in the page's language (data-words, from the catalogue), with {name} filled. */
  function say(words, key, values) {
    return (words[key] || key).replace(/\{(\w+)\}/g, function (all, name) {
      return values && name in values ? String(values[name]) : all;
    });
  }

  function dueText(entry, words) {
    if (!entry) { return ""; }
    var days = Math.round((entry.due - Date.now()) / DAY);
    if (days < 1) { return say(words, "due_now"); }
    return say(words, days === 1 ? "due_day" : "due_days", { days: days });
  }

  function setup(section) {
    var items = Array.prototype.slice.call(section.querySelectorAll("[data-check]"));
    var words = JSON.parse(section.getAttribute("data-words") || "{}");
    var progress = load();
    var mode = section.querySelector("[data-checks-mode]");
    var status = section.querySelector("[data-checks-progress]");
    var toggle = section.querySelector("[data-one-at-a-time]");
    var current = 0;
    var single = false;

    function summary() {
      var right = 0, due = 0, now = Date.now();
      items.forEach(function (item) {
        var entry = progress[item.getAttribute("data-check")];
        if (entry && entry.box > 0) { right += 1; }
        if (!entry || entry.due <= now) { due += 1; }
      });
      status.textContent = say(words, "progress", { right: right, total: items.length, due: due });
    }

    function show() {
      items.forEach(function (item, index) { item.hidden = single && index !== current; });
    }

    items.forEach(function (item, index) {
      var id = item.getAttribute("data-check");
      var feedback = item.querySelector("[data-feedback]");
      var due = item.querySelector("[data-due]");
      var answerText = item.querySelector(".answer-body");
      item.querySelector(".check-actions").hidden = false;
      due.textContent = dueText(progress[id], words);
      Array.prototype.forEach.call(item.querySelectorAll(".check-moves"), function (moves) { moves.hidden = false; });
      var map = item.querySelector(".check-map");
      if (map) {
        // A click on a lettered marker chooses that place; keyboard users have the radios below.
        map.addEventListener("click", function (event) {
          var marker = event.target.closest("[data-choose]");
          if (!marker) { return; }
          var radio = item.querySelector("input[type=radio][value='" + marker.getAttribute("data-choose") + "']");
          radio.checked = true;
          radio.focus();
        });
      }
      var list = item.querySelector("[data-order]");
      if (list) {
        var live = document.createElement("p");
        live.className = "visually-hidden";
        live.setAttribute("role", "status");
        list.parentNode.appendChild(live);
        list.addEventListener("click", function (event) {
          var button = event.target.closest("[data-move]");
          if (!button) { return; }
          var li = button.closest("li");
          var step = parseInt(button.getAttribute("data-move"), 10);
          var other = step < 0 ? li.previousElementSibling : li.nextElementSibling;
          if (!other) { live.textContent = say(words, step < 0 ? "first" : "last"); return; }
          list.insertBefore(li, step < 0 ? other : other.nextElementSibling);
          button.focus();
          var position = Array.prototype.indexOf.call(list.children, li) + 1;
          live.textContent = say(words, "moved", { position: position, total: list.children.length });
        });
      }
      item.querySelector("[data-check-answer]").addEventListener("click", function () {
        var result = answered(item);
        if (result === null) {
          feedback.textContent = say(words, "empty");
          return;
        }
        var entry = progress[id] || { box: 0, due: 0 };
        entry.box = result ? Math.min(entry.box + 1, DAYS.length) : 0;
        entry.due = Date.now() + (result ? DAYS[entry.box - 1] * DAY : 10 * 60 * 1000);
        progress[id] = entry;
        save(progress);
        feedback.textContent = "";
        var verdict = document.createElement("strong");
        verdict.textContent = say(words, result ? "right" : "wrong") + " ";
        feedback.appendChild(verdict);
        Array.prototype.forEach.call(answerText.children, function (p) {
          feedback.appendChild(p.cloneNode(true));
        });
        feedback.className = "check-feedback " + (result ? "is-right" : "is-wrong");
        due.textContent = dueText(entry, words);
        summary();
        if (single && index + 1 < items.length) { current = index + 1; }
      });
    });

    mode.hidden = false;
    var next = document.createElement("button");
    next.type = "button";
    next.textContent = say(words, "next");
    next.hidden = true;
    mode.insertBefore(next, status);
    next.addEventListener("click", function () {
      current = (current + 1) % items.length;
      show();
      items[current].querySelector("legend").setAttribute("tabindex", "-1");
      items[current].querySelector("legend").focus();
    });
    toggle.addEventListener("click", function () {
      single = !single;
      toggle.setAttribute("aria-pressed", single ? "true" : "false");
      next.hidden = !single;
      var now = Date.now();
      current = 0;
      for (var i = 0; i < items.length; i += 1) {
        var entry = progress[items[i].getAttribute("data-check")];
        if (!entry || entry.due <= now) { current = i; break; }
      }
      show();
    });
    summary();
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-checks]"), setup);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
