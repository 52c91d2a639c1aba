// The editor page: CodeMirror 6 over the text area when its bundle loaded (else the plain text
// area), autosave to the working copy, problems and structure refreshed from the server's reading,
// the preview reloaded, and "go to line". All text from the server goes in with textContent.
(function () {
  "use strict";
  var csrfMeta = document.querySelector('meta[name="csrf-token"]');
  var csrf = csrfMeta ? csrfMeta.getAttribute("content") : "";

  document.querySelectorAll("form.ed-schedule").forEach(function (form) {
    form.addEventListener("submit", function () {
      form.elements.tz.value = String(-new Date().getTimezoneOffset());
    });
  });

  var form = document.getElementById("ed-form");
  var area = document.getElementById("markdown");
  if (!form || !area) return;
  var CM = window.HandscrollCodeMirror;
  var view = null;
  var timer = null;
  var generation = 0;
  var statusBox = document.getElementById("autosave-status");
  var label = document.querySelector('label[for="markdown"]');

  function text() {
    return view ? view.state.doc.toString() : area.value;
  }

  function say(message) {
    if (statusBox) statusBox.textContent = message;
  }

  if (CM) {
    if (label) label.id = "markdown-label";
    var nonceMeta = document.querySelector('meta[name="csp-nonce"]');
    view = new CM.EditorView({
      doc: area.value,
      extensions: [
        CM.EditorView.cspNonce.of(nonceMeta ? nonceMeta.getAttribute("content") : ""),
        CM.basicSetup,
        CM.markdown(),
        CM.EditorView.lineWrapping,
        CM.lintGutter(),
        CM.EditorState.readOnly.of(area.readOnly),
        CM.EditorView.contentAttributes.of({
          "aria-labelledby": "markdown-label",
          "aria-describedby": "autosave-status",
          lang: area.lang || "en",
          spellcheck: "true",
        }),
        CM.EditorView.updateListener.of(function (update) {
          if (update.docChanged) {
            area.value = text();
            schedule();
          }
        }),
      ],
    });
    area.hidden = true;
    area.parentNode.insertBefore(view.dom, area.nextSibling);
    if (label) {
      label.addEventListener("click", function () {
        view.focus();
      });
    }
  } else {
    area.addEventListener("input", schedule);
  }

  function schedule() {
    if (area.readOnly || !form.dataset.autosave) return;
    clearTimeout(timer);
    say("Changes not kept yet…");
    timer = setTimeout(autosave, 700);
  }

  function autosave() {
    var mine = ++generation;
    var body = new FormData();
    body.append("csrf", csrf);
    body.append("markdown", text());
    body.append("base_id", form.elements.base_id.value);
    fetch(form.dataset.autosave, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { Accept: "application/json", "X-CSRF-Token": csrf },
    })
      .then(function (response) {
        return response.json().then(function (data) {
          return { ok: response.ok, data: data };
        });
      })
      .then(function (answer) {
        if (mine !== generation) return;
        if (!answer.ok) {
          say("Not kept: " + (answer.data.error || "the server refused"));
          return;
        }
        var at = new Date(answer.data.saved_at);
        say("Kept as your working copy at " + at.toLocaleTimeString() + " (not a revision until you save).");
        showReading(answer.data.reading);
        var frame = document.getElementById("ed-preview-frame");
        if (frame) frame.src = form.dataset.preview + "?t=" + Date.now();
      })
      .catch(function () {
        say("The server could not be reached; your text is still here.");
      });
  }

  function element(tag, className, content) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (content) node.textContent = content;
    return node;
  }

  function lineLink(line, content) {
    var link = element("a", "", content);
    link.href = "#markdown";
    link.dataset.line = String(line);
    return link;
  }

  function showReading(reading) {
    var problems = document.getElementById("ed-problems");
    if (problems) {
      problems.replaceChildren();
      reading.problems.forEach(function (p) {
        var item = element("li", p.blocking ? "ed-blocking" : "ed-warn");
        if (p.line) {
          item.append(lineLink(p.line, "line " + p.line), ": ");
        }
        item.append(p.message);
        if (p.blocking) item.append(" ", element("strong", "", "(blocks publishing)"));
        problems.append(item);
      });
      if (!reading.problems.length) {
        problems.append(element("li", "ed-ok", "None: the text reads, and every figure has alt text."));
      }
    }
    var structure = document.getElementById("ed-structure");
    if (structure && reading.readable) {
      structure.replaceChildren();
      reading.parts.forEach(function (part) {
        var item = element("li", "ed-part ed-part-" + part.kind);
        if (part.kind === "figure") {
          var img = element("img", "ed-thumb");
          img.src = "/edit/pictures/" + encodeURIComponent(part.media) + "/thumb.webp";
          img.alt = "";
          img.width = 80;
          img.height = 60;
          item.append(img);
        }
        var head = element("p", "ed-part-head");
        head.append(part.line ? lineLink(part.line, part.label) : part.label);
        if (part.media) head.append(" ", element("code", "", part.media));
        item.append(head);
        if (part.kind === "figure") {
          var alt = element("p", "ed-alt");
          if (part.alt) alt.textContent = "Alt text: " + part.alt;
          else if (part.default_alt) alt.textContent = "Alt text (the picture's default): " + part.default_alt;
          else alt.append(element("strong", "ed-missing", "No alt text"));
          item.append(alt);
        }
        part.texts.forEach(function (t) {
          item.append(element("p", "ed-part-text", t));
        });
        structure.append(item);
      });
    }
    if (view && CM.setDiagnostics) {
      var doc = view.state.doc;
      var diagnostics = reading.problems
        .filter(function (p) {
          return p.line > 0 && p.line <= doc.lines;
        })
        .map(function (p) {
          var line = doc.line(p.line);
          return { from: line.from, to: line.to, severity: p.blocking ? "error" : "warning", message: p.message };
        });
      view.dispatch(CM.setDiagnostics(view.state, diagnostics));
    }
  }

  function goToLine(number) {
    if (view) {
      var line = view.state.doc.line(Math.min(Math.max(1, number), view.state.doc.lines));
      view.dispatch({ selection: { anchor: line.from }, scrollIntoView: true });
      view.focus();
    } else {
      var lines = area.value.split("\n");
      var offset = 0;
      for (var i = 0; i < number - 1 && i < lines.length; i++) offset += lines[i].length + 1;
      area.focus();
      area.setSelectionRange(offset, offset);
    }
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[data-line]") : null;
    if (link) {
      event.preventDefault();
      goToLine(parseInt(link.dataset.line, 10));
    }
  });

  form.addEventListener("submit", function () {
    area.value = text();
    clearTimeout(timer);
  });
})();
