// The editor's CodeMirror 6, bundled by esbuild with `npm run build` (package.json) into
// node_modules/.cache/handscroll/codemirror.js and served from /edit/static/ (issue 13).
// Nothing from node_modules is committed; the editor works as a plain textarea without it.
import { EditorView, basicSetup } from "codemirror";
import { EditorState } from "@codemirror/state";
import { keymap } from "@codemirror/view";
import { markdown } from "@codemirror/lang-markdown";
import { linter, lintGutter, setDiagnostics } from "@codemirror/lint";

window.HandscrollCodeMirror = {
  EditorView,
  EditorState,
  basicSetup,
  keymap,
  markdown,
  linter,
  lintGutter,
  setDiagnostics,
};
