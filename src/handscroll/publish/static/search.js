/* Static-site search (issue 5): reads window.HANDSCROLL_SEARCH (search-index.js) and
   answers the search form without a server, also from file://. Folding mirrors
   src/handscroll/store/query.py; results are built with DOM nodes and textContent,
   never innerHTML, so library text cannot become markup.
   Nothing here decides what Chinese is or how English stems (issue 9): the Han
   ranges come from the index (text/cjk.py), the stems of the library's words too
   (text/stem.py), and a word the library lacks is stemmed by the Porter2 script
   (vendor/porter2.js, the same Snowball English algorithm) when the site has it. */
(function () {
  "use strict";
  var TOKEN = null, IS_HAN = null, HAN_SPLIT = null, STEMS = {};
  var MAX_QUERY = 500, MAX_CLAUSES = 12, MAX_RESULTS = 50, SNIPPET = 200;

  function useIndex(index) {
    TOKEN = new RegExp("[" + index.han + "]|(?:(?![" + index.han + "])[\\p{L}\\p{N}])+", "gu");
    IS_HAN = new RegExp("^[" + index.han + "]$", "u");
    HAN_SPLIT = new RegExp("[" + index.han + "]+|[^" + index.han + "]+", "gu");
    STEMS = index.stems || {};
  }

  function foldChar(ch, t2s) {
    var plain = ch.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
    plain = plain ? plain.charAt(0) : " ";
    return t2s[plain] || plain;
  }

  /* Tokens of a text with their [start, end) in the original text. */
  function tokens(text, t2s) {
    var folded = "";
    for (var i = 0; i < text.length; i++) {
      var code = text.charCodeAt(i);
      /* A character outside the BMP (Han Extension B and on) is kept as it is: two
         code units, so offsets still fit the original text. */
      if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) { folded += text.substr(i, 2); i++; continue; }
      folded += foldChar(text.charAt(i), t2s);
    }
    var out = [], m;
    TOKEN.lastIndex = 0;
    while ((m = TOKEN.exec(folded)) !== null) { out.push([m[0], m.index, m.index + m[0].length]); }
    return out;
  }

  /* As text/stem.py: only plain Latin words have a stem of their own. */
  function stem(word) {
    if (Object.prototype.hasOwnProperty.call(STEMS, word)) { return STEMS[word]; }
    if (/^[a-z]+$/.test(word) && window.handscrollPorter2) { return window.handscrollPorter2.stem(word); }
    return word;
  }

  function words(text, t2s) { return tokens(text, t2s).map(function (t) { return t[0]; }); }

  /* A run of 1-4 plain words that reads as a glossary term's pinyin becomes one clause
     that also matches the term's characters (as store/pinyin_terms.py does). */
  function expandReadings(clauses, plain, index) {
    var out = [], at = 0;
    while (at < clauses.length) {
      var merged = false;
      for (var size = Math.min(4, clauses.length - at); size >= 1 && !merged; size--) {
        var run = plain.slice(at, at + size);
        if (run.some(function (word) { return word === null; })) { continue; }
        var found = index.readings[run.join("")];
        if (!found) { continue; }
        var alternatives = [{ tokens: run, prefix: false }];
        found.forEach(function (chars) { alternatives.push({ tokens: chars.split(" "), prefix: false }); });
        out.push(alternatives);
        at += size;
        merged = true;
      }
      if (!merged) { out.push(clauses[at]); at++; }
    }
    return out;
  }

  /* Clauses for a run of loose words, as store/query.py _word_clauses: a Han run and a
     Latin run are two words, and place names of two or three words are one clause. */
  function wordClauses(pending, index, clauses, plain) {
    var parts = [];
    pending.forEach(function (item) {
      var runs = item.word.match(HAN_SPLIT) || [];
      runs.forEach(function (run, i) { parts.push({ word: run, star: item.star && i === runs.length - 1 }); });
    });
    var at = 0;
    function aliases(folded) {
      var alternatives = [{ tokens: folded, prefix: false }];
      (index.places[folded.join(" ")] || []).forEach(function (alias) {
        if (alias !== folded.join(" ")) { alternatives.push({ tokens: alias.split(" "), prefix: false }); }
      });
      return alternatives;
    }
    while (at < parts.length) {
      var matched = false;
      for (var size = 3; size >= 2 && !matched; size--) {
        var chunk = parts.slice(at, at + size);
        if (chunk.length !== size || chunk.some(function (part) { return part.star; })) { continue; }
        var name = words(chunk.map(function (part) { return part.word; }).join(" "), index.t2s);
        if (name.length && index.places[name.join(" ")]) {
          clauses.push(aliases(name));
          plain.push(null);
          at += size;
          matched = true;
        }
      }
      if (matched) { continue; }
      var part = parts[at++], folded = words(part.word, index.t2s);
      if (!folded.length) { continue; }
      if (part.star && !IS_HAN.test(folded[folded.length - 1])) {
        clauses.push([{ tokens: folded, prefix: true }]);
        plain.push(null);
        continue;
      }
      var alternatives = aliases(folded);
      clauses.push(alternatives);
      plain.push(alternatives.length === 1 && folded.length === 1 && /^[a-z]+$/.test(folded[0]) ? folded[0] : null);
    }
    pending.length = 0;
  }

  /* User text -> clauses (all must match), each a list of alternatives {tokens, prefix}. */
  function parse(text, index) {
    text = text.replace(/\p{C}/gu, " ").slice(0, MAX_QUERY);
    var clauses = [], plain = [], pending = [], piece, re = /"([^"]*)(?:"|$)|([\p{L}\p{N}]+)(\*)?/gu;
    while ((piece = re.exec(text)) !== null) {
      if (piece[1] !== undefined) {
        wordClauses(pending, index, clauses, plain);
        var phrase = words(piece[1], index.t2s);
        if (phrase.length) { clauses.push([{ tokens: phrase, prefix: false }]); plain.push(null); }
        continue;
      }
      pending.push({ word: piece[2], star: piece[3] !== undefined });
    }
    wordClauses(pending, index, clauses, plain);
    return expandReadings(clauses.slice(0, MAX_CLAUSES), plain.slice(0, MAX_CLAUSES), index);
  }

  /* As the server's index decides: same stem, or for a prefix a stem starting with the prefix's. */
  function same(word, token, prefix) {
    return prefix ? stem(word).indexOf(stem(token)) === 0 : stem(word) === stem(token);
  }

  /* Spans of text (as tokens) matching one alternative. */
  function matchAlternative(toks, alt) {
    var found = [], n = alt.tokens.length;
    for (var i = 0; i + n <= toks.length; i++) {
      var ok = true;
      for (var k = 0; k < n && ok; k++) {
        var word = toks[i + k][0], token = alt.tokens[k];
        ok = same(word, token, k === n - 1 && alt.prefix);
      }
      if (ok) { found.push([toks[i][1], toks[i + n - 1][2]]); }
    }
    return found;
  }

  function matchClause(toks, clause) {
    var spans = [];
    clause.forEach(function (alt) { spans = spans.concat(matchAlternative(toks, alt)); });
    return spans;
  }

  function prepare(index) {
    useIndex(index);
    index.docs.forEach(function (doc) {
      doc.tt = tokens(doc.t, index.t2s);
      doc.xt = tokens(doc.x, index.t2s);
      doc.ft = doc.f.map(function (section) { return tokens(section[2], index.t2s); });
    });
  }

  function search(index, clauses) {
    var results = [];
    index.docs.forEach(function (doc) {
      var score = 0, best = null;
      for (var c = 0; c < clauses.length; c++) {
        var inTitle = matchClause(doc.tt, clauses[c]).length, inTerms = matchClause(doc.xt, clauses[c]).length;
        var inBody = 0;
        doc.ft.forEach(function (toks) { inBody += matchClause(toks, clauses[c]).length; });
        if (!inTitle && !inTerms && !inBody) { return; }
        score += 10 * Math.min(inTitle, 1) + 6 * Math.min(inTerms, 1) + Math.min(inBody, 5);
      }
      doc.ft.forEach(function (toks, i) {
        var spans = [], hit = 0;
        clauses.forEach(function (clause) {
          var s = matchClause(toks, clause);
          if (s.length) { hit++; spans = spans.concat(s); }
        });
        if (hit && (best === null || hit > best.hit)) { best = { hit: hit, section: i, spans: spans }; }
      });
      results.push({ doc: doc, score: score, best: best });
    });
    results.sort(function (a, b) { return b.score - a.score || a.doc.t.localeCompare(b.doc.t); });
    return results;
  }

  /* The snippet as DOM nodes: text and <mark> elements, never parsed HTML. */
  function snippet(text, spans) {
    spans.sort(function (a, b) { return a[0] - b[0]; });
    var lo = spans.length ? Math.max(0, spans[0][0] - Math.floor(SNIPPET / 3)) : 0;
    var hi = Math.min(text.length, lo + SNIPPET), cursor = lo, p = document.createElement("p");
    p.className = "search-snippet";
    if (lo > 0) { p.appendChild(document.createTextNode("…")); }
    spans.forEach(function (span) {
      var start = Math.max(span[0], cursor), end = Math.min(span[1], hi);
      if (end <= start) { return; }
      p.appendChild(document.createTextNode(text.slice(cursor, start)));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(start, end);
      p.appendChild(mark);
      cursor = end;
    });
    p.appendChild(document.createTextNode(text.slice(cursor, hi) + (hi < text.length ? "…" : "")));
    return p;
  }

  function render(list, status, query, results) {
    list.textContent = "";
    if (!query.trim()) { status.textContent = "Type a word, a phrase in quotes, a name in Chinese or pinyin to search."; return; }
    status.textContent = results.length === 1 ? "1 feature found." : results.length + " features found.";
    results.slice(0, MAX_RESULTS).forEach(function (result) {
      var li = document.createElement("li"), h2 = document.createElement("h2"), a = document.createElement("a");
      li.className = "search-result";
      var section = result.best ? result.doc.f[result.best.section] : null;
      a.href = result.doc.u + (section && section[1] ? "#" + section[1] : "");
      a.textContent = result.doc.t;
      h2.appendChild(a);
      li.appendChild(h2);
      if (section) {
        var where = document.createElement("p");
        where.className = "search-where";
        where.textContent = section[0];
        li.appendChild(where);
        li.appendChild(snippet(section[2], result.best.spans));
      } else if (result.doc.f.length) {
        li.appendChild(snippet(result.doc.f[0][2], []));
      }
      list.appendChild(li);
    });
  }

  function start() {
    var index = window.HANDSCROLL_SEARCH;
    var form = document.querySelector("[data-search-form]");
    var input = document.querySelector("[data-search-input]");
    var list = document.querySelector("[data-search-results]");
    var status = document.querySelector("[data-search-status]");
    if (!index || !form || !input || !list || !status) { return; }
    prepare(index);
    function run() { render(list, status, input.value, input.value.trim() ? search(index, parse(input.value, index)) : []); }
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var url = new URL(window.location.href);
      url.searchParams.set("q", input.value);
      try { window.history.replaceState(null, "", url.toString()); } catch (e) { /* file:// may refuse */ }
      run();
    });
    var asked = new URLSearchParams(window.location.search).get("q");
    if (asked) { input.value = asked; run(); }
  }

  window.handscrollSearch = { parse: parse, search: search, prepare: prepare, stem: stem };
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
