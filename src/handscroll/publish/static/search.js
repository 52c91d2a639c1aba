/* Static-site search (issues 5, 11): answers the search form without a server, also from file://.
   search/meta.js says where the index's chunks begin; a query loads only the chunks holding its
   keys and the files of the features it shows, each a <script> that hands its data to
   window.handscrollSearchChunk (publish/search_index.py says what the keys are). Folding mirrors
   src/handscroll/store/query.py; results are built with DOM nodes and textContent, never
   innerHTML, so library text cannot become markup.
   Nothing here decides what Chinese is or how English stems (issue 9): the Han ranges come from
   the index (text/cjk.py), the stems of the library's words too (text/stem.py), and a word the
   library lacks is stemmed by the Porter2 script (vendor/porter2.js, the same Snowball English
   algorithm) when the site has it. */
(function () {
  "use strict";
  var META = null, TOKEN = null, IS_HAN = null, HAN_SPLIT = null, HAN_CHARS = null;
  var MAX_QUERY = 500, MAX_CLAUSES = 12, PAGE = 10, FIRST = 2, BATCH = 10, SNIPPET = 200;
  var waiting = {}, promises = {}, T2S = {}, STEMS = {}, ROOT = "", FOLDER = "", WORDS = {};

  /* Chunks and feature files are scripts calling this with their data. */
  window.handscrollSearchChunk = function (name, data) {
    if (waiting[name]) { waiting[name](data); delete waiting[name]; }
  };

  function base() {
    var src = document.querySelector("script[data-search-meta]");
    return src ? src.getAttribute("src").replace(/meta\.js$/, "") : "search/";
  }

  /* A chunk or feature file, loaded once by a <script src> (file:// pages cannot fetch). */
  function load(name) {
    if (!promises[name]) {
      promises[name] = new Promise(function (resolve, reject) {
        waiting[name] = resolve;
        var script = document.createElement("script");
        script.src = META.base + name + ".js";
        script.onerror = function () { reject(new Error("cannot load " + name)); };
        document.head.appendChild(script);
      });
    }
    return promises[name];
  }

  /* The index of the chunk whose keys would hold `key` (chunks are sorted by their first key). */
  function chunkOf(key) {
    var lo = 0, hi = META.chunks.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (META.chunks[mid] <= key) { lo = mid; } else { hi = mid - 1; }
    }
    return lo;
  }

  /* The values of these keys (those the index has), each chunk loaded once. */
  function lookup(keys) {
    var names = {};
    keys.forEach(function (key) { names["k/" + chunkOf(key)] = true; });
    return Promise.all(Object.keys(names).map(load)).then(function (chunks) {
      var found = {};
      chunks.forEach(function (chunk) {
        keys.forEach(function (key) { if (Object.prototype.hasOwnProperty.call(chunk, key)) { found[key] = chunk[key]; } });
      });
      return found;
    });
  }

  /* Every stem starting with `prefix`, with its postings. */
  function lookupPrefix(prefix) {
    var names = [];
    for (var n = chunkOf(prefix); n <= chunkOf(prefix + "\uffff"); n++) { names.push("k/" + n); }
    return Promise.all(names.map(load)).then(function (chunks) {
      var found = {};
      chunks.forEach(function (chunk) {
        Object.keys(chunk).forEach(function (key) {
          if (key.indexOf(prefix) === 0 && key.slice(-2) === "|s") { found[key] = chunk[key]; }
        });
      });
      return found;
    });
  }

  function useMeta(meta) {
    META = meta;
    META.base = base();
    /* Links go to the feature's page in this page's interface language when it has one (issue 12). */
    ROOT = META.base.replace(/search\/$/, "");
    FOLDER = (meta.folders || {})[document.documentElement.lang] || "";
    TOKEN = new RegExp("[" + meta.han + "]|(?:(?![" + meta.han + "])[\\p{L}\\p{N}])+", "gu");
    IS_HAN = new RegExp("^[" + meta.han + "]$", "u");
    HAN_SPLIT = new RegExp("[" + meta.han + "]+|[^" + meta.han + "]+", "gu");
    HAN_CHARS = new RegExp("[" + meta.han + "]", "gu");
  }

  function foldChar(ch, t2s) {
    var plain = ch.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
    plain = plain ? plain.charAt(0) : " ";
    return t2s[plain] || plain;
  }

  /* Tokens of a text with their [start, end) in the original text. A character outside the
     BMP (Han Extension B and on) is two code units and may fold to one (𨋢 to 䢂), so each
     folded code unit remembers where its character starts in the original text. */
  function tokens(text, t2s) {
    var folded = "", at = [];
    for (var i = 0; i < text.length; i++) {
      var code = text.charCodeAt(i), start = i, ch = text.charAt(i);
      if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) { ch = text.substr(i, 2); i++; }
      var piece = ch.length === 2 ? t2s[ch] || ch : foldChar(ch, t2s);
      for (var k = 0; k < piece.length; k++) { at.push(start); }
      folded += piece;
    }
    at.push(text.length);
    var out = [], m;
    TOKEN.lastIndex = 0;
    while ((m = TOKEN.exec(folded)) !== null) { out.push([m[0], at[m.index], at[m.index + m[0].length]]); }
    return out;
  }

  /* As text/stem.py: only plain Latin words have a stem of their own. */
  function stem(word) {
    if (Object.prototype.hasOwnProperty.call(STEMS, word)) { return STEMS[word]; }
    if (/^[a-z]+$/.test(word) && window.handscrollPorter2) { return window.handscrollPorter2.stem(word); }
    return word;
  }

  function words(text) { return tokens(text, T2S).map(function (t) { return t[0]; }); }

  /* The loose words and phrases of a query, as store/query.py parse_query cuts them. */
  function pieces(text) {
    var out = [], piece, re = /"([^"]*)(?:"|$)|([\p{L}\p{N}]+)(\*)?/gu;
    while ((piece = re.exec(text)) !== null) {
      if (piece[1] !== undefined) { out.push({ phrase: piece[1] }); continue; }
      var runs = piece[2].match(HAN_SPLIT) || [];
      runs.forEach(function (run, i) { out.push({ word: run, star: piece[3] !== undefined && i === runs.length - 1 }); });
    }
    return out;
  }

  /* The keys parsing may need: every word's stem, place names of one to three words, pinyin runs. */
  function parseKeys(parts) {
    var keys = [], loose = [];
    function flush() {
      for (var at = 0; at < loose.length; at++) {
        for (var size = 1; size <= 4 && at + size <= loose.length; size++) {
          var run = loose.slice(at, at + size);
          var folded = words(run.map(function (p) { return p.word; }).join(" "));
          if (size <= 3) { keys.push(folded.join(" ") + "|p"); }
          keys.push(folded.join("") + "|r");
        }
      }
      loose = [];
    }
    parts.forEach(function (part) {
      var text = part.phrase !== undefined ? part.phrase : part.word;
      words(text).forEach(function (word) { keys.push(word + "|w"); });
      if (part.phrase !== undefined) { flush(); } else { loose.push(part); }
    });
    flush();
    return keys;
  }

  /* User text -> clauses (all must match), each a list of alternatives {tokens, prefix}, with the text typed. */
  function parse(parts, found) {
    var clauses = [], plain = [], loose = [];
    function aliases(folded) {
      var alternatives = [{ tokens: folded, prefix: false }];
      (found[folded.join(" ") + "|p"] || []).forEach(function (alias) {
        if (alias !== folded.join(" ")) { alternatives.push({ tokens: alias.split(" "), prefix: false }); }
      });
      return alternatives;
    }
    function flush() {
      var at = 0;
      while (at < loose.length) {
        var matched = false;
        for (var size = 3; size >= 2 && !matched; size--) {
          var chunk = loose.slice(at, at + size);
          if (chunk.length !== size || chunk.some(function (part) { return part.star; })) { continue; }
          var typed = chunk.map(function (part) { return part.word; }).join(" ");
          var name = words(typed);
          if (name.length && found[name.join(" ") + "|p"]) {
            clauses.push({ text: typed, alternatives: aliases(name) });
            plain.push(null);
            at += size;
            matched = true;
          }
        }
        if (matched) { continue; }
        var part = loose[at++], folded = words(part.word);
        if (!folded.length) { continue; }
        if (part.star && !IS_HAN.test(folded[folded.length - 1])) {
          clauses.push({ text: part.word + "*", alternatives: [{ tokens: folded, prefix: true }] });
          plain.push(null);
          continue;
        }
        var alternatives = aliases(folded);
        clauses.push({ text: part.word, alternatives: alternatives });
        plain.push(alternatives.length === 1 && folded.length === 1 && /^[a-z]+$/.test(folded[0]) ? folded[0] : null);
      }
      loose = [];
    }
    parts.forEach(function (part) {
      if (part.phrase === undefined) { loose.push(part); return; }
      flush();
      var phrase = words(part.phrase);
      if (phrase.length) { clauses.push({ text: '"' + part.phrase.trim() + '"', alternatives: [{ tokens: phrase, prefix: false }] }); plain.push(null); }
    });
    flush();
    return readings(clauses.slice(0, MAX_CLAUSES), plain.slice(0, MAX_CLAUSES), found);
  }

  /* A run of 1-4 plain words that reads as a glossary term's pinyin becomes one clause
     that also matches the term's characters (as store/pinyin_terms.py does). */
  function readings(clauses, plain, found) {
    var out = [], at = 0;
    while (at < clauses.length) {
      var merged = false;
      for (var size = Math.min(4, clauses.length - at); size >= 1 && !merged; size--) {
        var run = plain.slice(at, at + size);
        if (run.some(function (word) { return word === null; })) { continue; }
        var chars = found[run.join("") + "|r"];
        if (!chars) { continue; }
        var alternatives = [{ tokens: run, prefix: false }];
        chars.forEach(function (c) { alternatives.push({ tokens: c.split(" "), prefix: false }); });
        out.push({ text: clauses.slice(at, at + size).map(function (c) { return c.text; }).join(" "), alternatives: alternatives });
        at += size;
        merged = true;
      }
      if (!merged) { out.push(clauses[at]); at++; }
    }
    return out;
  }

  /* Postings as the index writes them: [title ids, terms ids, body id/count pairs], ids as gaps. */
  function decode(postings) {
    var out = { t: {}, x: {}, b: {} }, id = 0, i;
    for (i = 0, id = 0; i < postings[0].length; i++) { id += postings[0][i]; out.t[id] = 1; }
    for (i = 0, id = 0; i < postings[1].length; i++) { id += postings[1][i]; out.x[id] = 1; }
    for (i = 0, id = 0; i < postings[2].length; i += 2) { id += postings[2][i]; out.b[id] = postings[2][i + 1]; }
    return out;
  }

  /* Candidate features of a clause from the postings alone, with a score per field like the server's
     weights. A phrase of several words is checked against the text when its feature is loaded. */
  function candidates(clause, postings) {
    var docs = {};
    clause.alternatives.forEach(function (alt) {
      var per = alt.tokens.map(function (token, k) {
        var key = stem(token) + "|s";
        if (alt.prefix && k === alt.tokens.length - 1) {
          var merged = { t: {}, x: {}, b: {} }, start = stem(token);
          Object.keys(postings).forEach(function (other) {
            if (other.indexOf(start) !== 0 || other.slice(-2) !== "|s") { return; }
            var p = decode(postings[other]);
            ["t", "x", "b"].forEach(function (f) { Object.keys(p[f]).forEach(function (d) { merged[f][d] = (merged[f][d] || 0) + p[f][d]; }); });
          });
          return merged;
        }
        return postings[key] ? decode(postings[key]) : { t: {}, x: {}, b: {} };
      });
      var all = {};
      Object.keys(per[0].t).concat(Object.keys(per[0].x), Object.keys(per[0].b)).forEach(function (d) { all[d] = true; });
      Object.keys(all).forEach(function (d) {
        var inAll = per.every(function (p) { return p.t[d] || p.x[d] || p.b[d]; });
        if (!inAll) { return; }
        var t = per.every(function (p) { return p.t[d]; }) ? 1 : 0;
        var x = per.every(function (p) { return p.x[d]; }) ? 1 : 0;
        var b = Math.min.apply(null, per.map(function (p) { return p.b[d] || 0; }));
        var score = 10 * t + 6 * x + Math.min(b, 5);
        docs[d] = Math.max(docs[d] || 0, score);
      });
    });
    return docs;
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
      for (var k = 0; k < n && ok; k++) { ok = same(toks[i + k][0], alt.tokens[k], k === n - 1 && alt.prefix); }
      if (ok) { found.push([toks[i][1], toks[i + n - 1][2]]); }
    }
    return found;
  }

  /* Spans of a clause, and the other forms it matched, folded ("Mukden" typed, "shenyang" found). */
  function matchClause(toks, clause, aliases) {
    var spans = [];
    clause.alternatives.forEach(function (alt, n) {
      var found = matchAlternative(toks, alt);
      if (n && found.length && aliases) { aliases.push([words(clause.text).join(" "), alt.tokens.join(" ")]); }
      spans = spans.concat(found);
    });
    return spans;
  }

  /* A loaded feature checked against every clause: null when a clause does not match in one field. */
  function check(doc, clauses) {
    var t2s = doc.m || {}, title = tokens(doc.t, t2s), terms = tokens(doc.x, t2s);
    var sections = doc.f.map(function (s) { return tokens(s[2], t2s); });
    for (var c = 0; c < clauses.length; c++) {
      var anywhere = matchClause(title, clauses[c]).length || matchClause(terms, clauses[c]).length ||
        sections.some(function (toks) { return matchClause(toks, clauses[c]).length; });
      if (!anywhere) { return null; }
    }
    var hits = [], prompts = {};
    doc.f.forEach(function (section, i) {
      if (section[3] === "question") { prompts[section[1]] = section[2]; }
      var spans = [], matched = 0, aliases = [];
      clauses.forEach(function (clause) {
        var s = matchClause(sections[i], clause, aliases);
        if (s.length) { matched++; spans = spans.concat(s); }
      });
      if (!matched) { return; }
      /* A match in a model answer is placed, never shown (issue 14). */
      var answer = section[3] === "answer";
      hits.push({ section: section, text: answer ? prompts[section[1]] || "" : section[2], spans: answer ? [] : spans, matched: matched, aliases: aliases });
    });
    hits.sort(function (a, b) { return b.matched - a.matched; });
    return hits;
  }

  /* The snippet as DOM nodes: text and <mark> elements, never parsed HTML. */
  function snippet(text, spans, tag) {
    spans = spans.slice().sort(function (a, b) { return a[0] - b[0]; });
    var lo = spans.length ? Math.max(0, spans[0][0] - Math.floor(SNIPPET / 3)) : 0;
    var hi = Math.min(text.length, lo + SNIPPET), cursor = lo, p = document.createElement(tag || "p");
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

  function paragraph(className, text) {
    var p = document.createElement("p");
    p.className = className;
    p.textContent = text;
    return p;
  }

  /* A message in the page's language (data-words, from the catalogue), its %(name)s filled. */
  function say(key, fallback, values) {
    return (WORDS[key] || fallback).replace(/%\((\w+)\)s/g, function (all, name) {
      return values && name in values ? String(values[name]) : all;
    });
  }

  /* Where in a feature a section is, in the page's language: the index keeps the English label. */
  function where(section) {
    var number = /\d+/.exec(section[0]), kind = section[3];
    if (!number || !WORDS[kind] || (kind === "note" && section[0].indexOf("Extended reading") !== 0)) { return section[0]; }
    return say(kind, section[0], { number: number[0] });
  }

  /* Each work once, where its best edition ranks, shown in this page's language when that edition
     matched too (issue 12): the meta gives each feature the distance back to its work's first. */
  function oneAWork(order) {
    var works = META.works, langs = META.langs || [], at = {}, out = [];
    if (!works) { return order; }
    var mine = (META.locales || []).indexOf(document.documentElement.lang);
    order.forEach(function (d) {
      var key = d - (works[d] || 0);
      if (at[key] === undefined) { at[key] = out.length; out.push(d); }
      else if (langs[d] === mine && langs[out[at[key]]] !== mine) { out[at[key]] = d; }
    });
    return out;
  }

  function link(doc, section) {
    var folders = doc.v || [""], folder = folders.indexOf(FOLDER) >= 0 ? FOLDER : folders[0];
    return ROOT + folder + doc.u + (section && section[1] ? "#" + section[1] : "");
  }

  function card(result, older) {
    var doc = result.doc, hits = result.hits, best = hits[0];
    var li = document.createElement("li"), h2 = document.createElement("h2"), a = document.createElement("a");
    li.className = "search-result";
    h2.setAttribute("lang", doc.l || "en");
    a.href = link(doc, best && best.section);
    a.textContent = doc.t;
    h2.appendChild(a);
    li.appendChild(h2);
    if (best) {
      li.appendChild(paragraph("search-where", where(best.section)));
      li.appendChild(snippet(best.text, best.spans));
    } else if (doc.f.length) {
      li.appendChild(snippet(doc.f[0][2], []));
    }
    var notes = {};
    hits.forEach(function (hit) {
      hit.aliases.forEach(function (pair) {
        pair.forEach(function (form) {
          var name = older[form + "|o"];
          if (name && !notes[name[0]]) { notes[name[0]] = true; li.appendChild(paragraph("search-name", say("older", "%(name)s is an older name of %(modern)s.", { name: name[0], modern: name[1] }))); }
        });
      });
    });
    if (hits.length > 1) {
      var details = document.createElement("details"), summary = document.createElement("summary"), ol = document.createElement("ol");
      details.className = "search-more";
      summary.textContent = say("more_here", "%(count)s more in this feature", { count: hits.length - 1 });
      details.appendChild(summary);
      hits.slice(1).forEach(function (hit) {
        var item = document.createElement("li"), place = document.createElement("a");
        place.href = link(doc, hit.section);
        place.textContent = where(hit.section);
        item.appendChild(place);
        item.appendChild(document.createTextNode(": "));
        item.appendChild(snippet(hit.text, hit.spans, "span"));
        ol.appendChild(item);
      });
      details.appendChild(ol);
      li.appendChild(details);
    }
    return li;
  }

  /* Search: parse (loading the keys parsing needs), gather candidates from the postings, then
     load features best first, checking each, and show a page of them as they come: the first
     result needs the chunks of the query's words and a file or two, not the whole index. */
  function search(text, show) {
    text = text.replace(/\p{C}/gu, " ").slice(0, MAX_QUERY);
    var parts = pieces(text), clauses = [], older = {};
    var han = text.match(HAN_CHARS) || [];
    return lookup(han.map(function (c) { return c + "|t"; })).then(function (found) {
      Object.keys(found).forEach(function (key) { T2S[key.slice(0, -2)] = found[key]; });
      return lookup(parseKeys(parts));
    }).then(function (found) {
      Object.keys(found).forEach(function (key) { if (key.slice(-2) === "|w") { STEMS[key.slice(0, -2)] = found[key]; } });
      clauses = parse(parts, found);
      var keys = [], prefixes = [];
      clauses.forEach(function (clause) {
        if (clause.alternatives.length > 1) {  /* a place's names: which of them are older ones */
          keys.push(words(clause.text).join(" ") + "|o");
          clause.alternatives.forEach(function (alt) { keys.push(alt.tokens.join(" ") + "|o"); });
        }
        clause.alternatives.forEach(function (alt) {
          alt.tokens.forEach(function (token, k) {
            if (alt.prefix && k === alt.tokens.length - 1) { prefixes.push(stem(token)); } else { keys.push(stem(token) + "|s"); }
          });
        });
      });
      return Promise.all([lookup(keys)].concat(prefixes.map(lookupPrefix)));
    }).then(function (found) {
      var postings = Object.assign.apply(null, [{}].concat(found));
      Object.keys(postings).forEach(function (key) { if (key.slice(-2) === "|o") { older[key] = postings[key]; } });
      if (!clauses.length) { show([], 0, true, older, null); return; }
      var scores = null;
      clauses.forEach(function (clause) {
        var docs = candidates(clause, postings);
        if (scores === null) { scores = docs; return; }
        var both = {};
        Object.keys(docs).forEach(function (d) { if (scores[d] !== undefined) { both[d] = scores[d] + docs[d]; } });
        scores = both;
      });
      var order = oneAWork(Object.keys(scores).sort(function (a, b) { return scores[b] - scores[a] || a - b; }));
      /* Single words (and prefixes) are exact from the postings; a phrase is checked in the text. */
      var exact = clauses.every(function (clause) { return clause.alternatives.every(function (alt) { return alt.tokens.length === 1; }); });
      var results = [], at = 0, wanted = PAGE;
      function next() {
        if (results.length >= wanted || at >= order.length) {
          var done = at >= order.length;
          var total = exact ? order.length : done ? results.length : null;
          show(results, total, done || exact, older, done ? null : more);
          return Promise.resolve();
        }
        var batch = order.slice(at, at + (at ? BATCH : FIRST));
        at += batch.length;
        return Promise.all(batch.map(function (d) { return load("d/" + d); })).then(function (docs) {
          docs.forEach(function (doc, i) {
            var hits = check(doc, clauses);
            if (hits !== null) { results.push({ doc: doc, hits: hits, score: scores[batch[i]] }); }
          });
          if (results.length < wanted && at < order.length) { show(results, undefined, false, older, null); }
          return next();
        });
      }
      function more() { wanted += PAGE; return next(); }
      return next();
    });
  }

  /* The list, the count, and a button for the next page when there is one. `total` is
     undefined while results are still coming, null when only "more than" is known. */
  function render(list, status, results, total, exact, older, more) {
    list.textContent = "";
    results.forEach(function (result) { list.appendChild(card(result, older)); });
    var button = document.querySelector("[data-search-more]");
    if (button) { button.remove(); }
    if (total === undefined) { status.textContent = say("searching", "Searching…"); return; }
    if (total === null || !exact) {
      status.textContent = say("more_than", "More than %(count)s features found.", { count: results.length.toLocaleString("en") });
    } else {
      status.textContent = total === 1 ? say("one", "1 feature found.") : say("many", "%(count)s features found.", { count: total.toLocaleString("en") });
    }
    if (more) {
      button = document.createElement("button");
      button.type = "button";
      button.className = "search-more-results";
      button.setAttribute("data-search-more", "");
      button.textContent = say("more_results", "More results");
      button.addEventListener("click", function () { button.disabled = true; more(); });
      list.parentNode.insertBefore(button, list.nextSibling);
    }
  }

  function start() {
    var form = document.querySelector("[data-search-form]");
    var input = document.querySelector("[data-search-input]");
    var list = document.querySelector("[data-search-results]");
    var status = document.querySelector("[data-search-status]");
    if (!window.HANDSCROLL_SEARCH || !form || !input || !list || !status) { return; }
    useMeta(window.HANDSCROLL_SEARCH);
    try { WORDS = JSON.parse(status.getAttribute("data-words") || "{}"); } catch (e) { WORDS = {}; }
    var latest = 0;
    function run() {
      var mine = ++latest;
      if (!input.value.trim()) {
        list.textContent = "";
        status.textContent = say("type", "Type a word, a phrase in quotes, a name in Chinese or pinyin to search.");
        return;
      }
      status.textContent = say("searching", "Searching…");
      search(input.value, function (results, total, exact, older, more) {
        if (mine === latest) { render(list, status, results, total, exact, older, more); }
      }).catch(function () {
        if (mine === latest) { status.textContent = say("unreadable", "The search index could not be read."); }
      });
    }
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

  window.handscrollSearch = { search: search, stem: stem };
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
