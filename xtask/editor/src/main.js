// The ladder editor: the policy text in CodeMirror, checked after every
// change by ladder itself compiled to WebAssembly (src/wasm.rs), with the
// flowchart drawn by Graphviz compiled to WebAssembly and the timeline for
// a chosen date. Nothing leaves the page: no request is made after it has
// loaded, and the draft is kept in this browser's local storage.
import { EditorState } from "@codemirror/state";
import {
  EditorView,
  drawSelection,
  highlightActiveLine,
  highlightActiveLineGutter,
  keymap,
  lineNumbers,
} from "@codemirror/view";
import { defaultKeymap, history, historyKeymap } from "@codemirror/commands";
import { HighlightStyle, syntaxHighlighting } from "@codemirror/language";
import { setDiagnostics } from "@codemirror/lint";
import { tags } from "@lezer/highlight";
import { instance as vizInstance } from "@viz-js/viz";

import initLadder, * as ladder from "ladder-gen/ladder.js";
import ladderWasm from "ladder-gen/ladder_bg.wasm";
import EXAMPLES from "ladder-gen/examples.json";

import { ladder as ladderLanguage } from "./ladder-mode.js";
import { printablePage } from "./printable.js";

const DRAFT_KEY = "ladder-editor-draft";
const $ = (id) => document.getElementById(id);

/** Today in the manager's own time zone, as YYYY-MM-DD. */
function isoDate(d) {
  const pad = (n) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
const TODAY = isoDate(new Date());

// What the test and the status line read: milliseconds per check and per
// redraw of the chart.
const timings = { check: [], redraw: [] };
const state = { name: "draft.ladder", lastClean: null, svg: null, timer: null };

const highlight = HighlightStyle.define([
  { tag: tags.keyword, color: "#6f2a8a", fontWeight: "600" },
  { tag: tags.string, color: "#1d6b2a" },
  { tag: tags.comment, color: "#555555", fontStyle: "italic" },
  { tag: tags.number, color: "#0b4f8a" },
  { tag: tags.labelName, color: "#8a3000", fontWeight: "600" },
]);

const theme = EditorView.theme({
  "&": { fontSize: "1rem", border: "1px solid #767676", borderRadius: "4px" },
  "&.cm-focused": { outline: "3px solid #1f5fa8", outlineOffset: "1px" },
  ".cm-scroller": { fontFamily: "ui-monospace, Menlo, Consolas, monospace", lineHeight: "1.5" },
  ".cm-gutters": { backgroundColor: "#f2f2f2", color: "#4a4a4a", borderRight: "1px solid #c8c8c8" },
  ".cm-activeLine": { backgroundColor: "#f3f7fc" },
  ".cm-activeLineGutter": { backgroundColor: "#e2ebf6", color: "#1a1a1a" },
});

let view;
let viz;

function severityForEditor(s) {
  return s === "advice" ? "info" : s;
}

/** Checks the text, underlines what is wrong and lists it, then redraws. */
function update() {
  state.timer = null;
  const text = view.state.doc.toString();
  const calendar = $("calendar").value;
  const t0 = performance.now();
  const report = JSON.parse(ladder.check(state.name, text, TODAY, calendar, false));
  timings.check.push(performance.now() - t0);
  const length = view.state.doc.length;
  view.dispatch(
    setDiagnostics(
      view.state,
      report.diagnostics.map((d) => ({
        from: Math.min(d.from, length),
        to: Math.min(Math.max(d.to, d.from), length),
        severity: severityForEditor(d.severity),
        source: d.code,
        message: words(d),
      })),
    ),
  );
  showDiagnostics(report);
  saveDraft(text);
  if (report.clean) {
    state.lastClean = text;
    redraw(text);
    showTimeline();
  } else {
    $("chart-note").textContent =
      "The chart and the timeline show the last version without errors. Put right the errors listed under the editor to update them.";
  }
}

/** A problem in the CLI's words: the message, what its span shows (such
 * as `did you mean ...`), and the fix. */
function words(d) {
  return [d.message, d.primary_label && `here: ${d.primary_label}`, d.help && `help: ${d.help}`]
    .filter(Boolean)
    .join("\n");
}

function schedule() {
  if (state.timer !== null) clearTimeout(state.timer);
  state.timer = setTimeout(update, 120);
}

function showDiagnostics(report) {
  $("summary").textContent = report.summary;
  const list = $("diagnostics");
  list.replaceChildren();
  for (const d of report.diagnostics) {
    const item = document.createElement("li");
    item.className = `diagnostic ${d.severity}`;
    const button = document.createElement("button");
    button.type = "button";
    button.className = "goto";
    button.dataset.line = d.line;
    button.dataset.code = d.code;
    const where = document.createElement("span");
    where.className = "where";
    where.textContent = `Line ${d.line}, column ${d.column}`;
    const what = document.createElement("span");
    what.className = "what";
    const word = d.severity === "advice" ? "note" : d.severity;
    what.textContent = `${word}[${d.code}]: ${d.message}`;
    button.append(where, what);
    if (d.primary_label) {
      const label = document.createElement("span");
      label.className = "where";
      label.textContent = d.primary_label;
      button.append(label);
    }
    button.addEventListener("click", () => {
      view.dispatch({ selection: { anchor: d.from, head: d.to }, scrollIntoView: true });
      view.focus();
    });
    item.append(button);
    if (d.help) {
      const help = document.createElement("p");
      help.className = "help";
      help.textContent = `help: ${d.help}`;
      item.append(help);
    }
    list.append(item);
  }
  if ($("report").open) showReport();
}

/** The whole report as `ladder check` prints it, drawn when opened. */
function showReport() {
  $("report-text").textContent = ladder.check_human(
    state.name,
    view.state.doc.toString(),
    TODAY,
    $("calendar").value,
  );
}

/** Draws the chart of a policy without errors. */
async function redraw(text) {
  const t0 = performance.now();
  let dot;
  try {
    dot = ladder.dot(state.name, text, TODAY);
  } catch (message) {
    $("chart-note").textContent = String(message);
    return;
  }
  if (!viz) viz = await vizInstance();
  // A later keystroke may have drawn a newer chart meanwhile.
  if (text !== state.lastClean) return;
  const svg = viz.renderSVGElement(dot);
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-labelledby", "chart-title");
  svg.removeAttribute("width");
  svg.removeAttribute("height");
  $("chart").replaceChildren(svg);
  state.svg = svg.outerHTML;
  timings.redraw.push(performance.now() - t0);
  $("chart-note").textContent = "";
  $("timing").textContent = `Checked in ${last(timings.check)} ms; chart drawn in ${last(timings.redraw)} ms.`;
}

function last(list) {
  return list.length ? list[list.length - 1].toFixed(1) : "-";
}

/** The deadlines for a concern raised on the chosen date. */
function showTimeline() {
  const out = $("timeline");
  const message = $("timeline-message");
  const text = state.lastClean;
  out.replaceChildren();
  message.textContent = "";
  if (!text) return;
  const raised = $("raised").value;
  if (!raised) {
    message.textContent = "Choose the date the concern was raised.";
    return;
  }
  let data;
  try {
    data = JSON.parse(ladder.timeline(state.name, text, TODAY, $("calendar").value, raised, true));
  } catch (error) {
    message.textContent = String(error);
    return;
  }
  const table = document.createElement("table");
  const caption = document.createElement("caption");
  caption.textContent = `Deadlines for a concern raised on ${data.raised.weekday} ${data.raised.date}`;
  const head = table.createTHead().insertRow();
  for (const name of ["Date", "Stage", "Deadline"]) {
    const th = document.createElement("th");
    th.scope = "col";
    th.textContent = name;
    head.append(th);
  }
  table.append(caption);
  const body = table.createTBody();
  for (const row of data.deadlines) {
    const tr = body.insertRow();
    tr.insertCell().textContent = row.date
      ? `${row.date.weekday} ${row.date.date}${row.date.bank_holiday ? ` (${row.date.bank_holiday})` : ""}`
      : row.no_date || "";
    tr.insertCell().textContent = row.stage_label;
    const notes = row.notes.length ? ` (${row.notes.join("; ")})` : "";
    tr.insertCell().textContent = `${row.hard ? "" : "aim: "}${row.what}${notes}`;
  }
  out.append(table);
  const final = data.final_deadline;
  if (final && final.date) {
    const p = document.createElement("p");
    p.id = "final-deadline";
    p.textContent = `Final deadline: ${final.date.date} ${final.date.weekday} (${final.stage_label}: ${final.what})`;
    out.append(p);
  }
}

function saveDraft(text) {
  try {
    localStorage.setItem(DRAFT_KEY, JSON.stringify({ name: state.name, text }));
  } catch {
    // Storage may be full or switched off; the page still works.
  }
}

function loadDraft() {
  try {
    const draft = JSON.parse(localStorage.getItem(DRAFT_KEY) || "null");
    if (draft && typeof draft.text === "string") return draft;
  } catch {
    // A damaged draft is ignored, and the first example opens instead.
  }
  return null;
}

function replaceText(text, name) {
  state.name = name;
  view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
}

function download(name, type, content) {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function say(text) {
  $("status").textContent = text;
}

function stem() {
  return state.name.replace(/\.ladder$/, "");
}

function wire() {
  const select = $("example");
  for (const example of EXAMPLES) {
    const option = document.createElement("option");
    option.value = example.name;
    option.textContent = example.title;
    select.append(option);
  }
  $("open-example").addEventListener("click", () => {
    const example = EXAMPLES.find((e) => e.name === select.value);
    if (!example) return;
    replaceText(example.text, example.name);
    say(`Opened ${example.title}. Undo (Ctrl+Z) brings back what was there before.`);
  });
  $("fmt").addEventListener("click", () => {
    try {
      const formatted = ladder.fmt(state.name, view.state.doc.toString());
      replaceText(formatted, state.name);
      say("Formatted.");
    } catch (error) {
      say(String(error));
    }
  });
  $("report").addEventListener("toggle", () => {
    if ($("report").open) showReport();
  });
  $("raised").value = TODAY;
  $("raised").addEventListener("change", showTimeline);
  $("calendar").addEventListener("change", () => update());
  $("save-ladder").addEventListener("click", () =>
    download(state.name, "text/plain", view.state.doc.toString()),
  );
  $("save-json").addEventListener("click", () => {
    try {
      download(`${stem()}.json`, "application/json", ladder.json(state.name, view.state.doc.toString(), TODAY));
    } catch (error) {
      say(String(error));
    }
  });
  $("save-svg").addEventListener("click", () => {
    if (!state.svg) return say("There is no chart yet: fix the errors first.");
    download(`${stem()}.svg`, "image/svg+xml", state.svg);
  });
  $("save-page").addEventListener("click", () => {
    if (!state.lastClean) return say("There is nothing to print yet: fix the errors first.");
    download(
      `${stem()}.html`,
      "text/html",
      printablePage({
        text: state.lastClean,
        svg: state.svg || "",
        timeline: $("timeline").innerHTML,
        title: /^\s*policy\s+"([^"]*)"/m.exec(state.lastClean)?.[1] || stem(),
      }),
    );
  });
}

async function main() {
  await initLadder({ module_or_path: ladderWasm });
  $("version").textContent = `ladder ${ladder.version()}`;
  wire();
  const draft = loadDraft();
  const first = draft || EXAMPLES[0];
  state.name = first.name || "draft.ladder";
  view = new EditorView({
    parent: $("editor"),
    state: EditorState.create({
      doc: first.text,
      extensions: [
        lineNumbers(),
        highlightActiveLineGutter(),
        highlightActiveLine(),
        drawSelection(),
        history(),
        keymap.of([...defaultKeymap, ...historyKeymap]),
        ladderLanguage,
        syntaxHighlighting(highlight),
        theme,
        EditorView.lineWrapping,
        // An explicit tabindex: the text is focusable anyway (contenteditable),
        // but checkers such as axe-core only see it so.
        EditorView.contentAttributes.of({
          "aria-label": "Policy text",
          "aria-describedby": "editor-help",
          tabindex: "0",
        }),
        EditorView.updateListener.of((u) => {
          if (!u.docChanged) return;
          // What the status said about the last button no longer holds.
          if (u.transactions.some((tr) => tr.isUserEvent("input") || tr.isUserEvent("delete"))) say("");
          schedule();
        }),
      ],
    }),
  });
  update();
  document.body.dataset.ready = "true";
}

window.ladderEditor = { timings, get view() { return view; }, ladder };
main().catch((error) => {
  say(`The editor could not start: ${error}`);
  throw error;
});
