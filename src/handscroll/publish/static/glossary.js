/* handscroll glossary filter (issue 14): typing in the box shows only the terms whose English,
   Chinese (Traditional or Simplified) or pinyin (with or without tones) holds what was typed, and
   the letters that still have terms; a count says how many are shown. Without this script the box
   stays hidden and the A-Z index and the list work alone. */
(function () {
  "use strict";

  var box = document.querySelector("[data-glossary-filter-box]");
  var input = document.querySelector("[data-glossary-filter]");
  if (!box || !input) { return; }
  var cards = Array.prototype.slice.call(document.querySelectorAll(".glossary-entries .term-card"));
  var letters = Array.prototype.slice.call(document.querySelectorAll(".glossary-entries [data-letter]"));
  var shown = document.querySelector("[data-glossary-shown]");
  box.hidden = false;

  function plain(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[\s'’-]+/g, "");
  }

  var haystacks = cards.map(function (card) {
    var forms = card.getAttribute("data-search") || "";
    return forms.toLowerCase() + " " + plain(forms);
  });

  function filter() {
    var wanted = input.value.trim().toLowerCase();
    var folded = plain(wanted);
    var count = 0;
    cards.forEach(function (card, i) {
      var match = !wanted || haystacks[i].indexOf(wanted) >= 0 || (folded && haystacks[i].indexOf(folded) >= 0);
      card.hidden = !match;
      if (match) { count += 1; }
    });
    letters.forEach(function (letter) {
      var next = letter.nextElementSibling;
      var any = false;
      while (next && !next.hasAttribute("data-letter")) {
        if (!next.hidden) { any = true; }
        next = next.nextElementSibling;
      }
      letter.hidden = !any;
    });
    if (shown) {
      shown.textContent = wanted ? (shown.getAttribute("data-template") || "{count}").replace("{count}", String(count)) : "";
    }
  }

  input.addEventListener("input", filter);
})();
