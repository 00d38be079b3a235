// Runs the real WebAssembly build of ladder (what the editor page runs) on
// the five shipped policies and every UI fixture, and compares each output
// with the command line's, byte for byte: the check drawn for people and
// as JSON, the compiled JSON and the DOT chart (or the same refusal).
//
//   node test/compare.mjs GEN_DIR LADDER_BINARY REPOSITORY
//
// Prints one line per difference and then `N passed, N failed`.
import fs from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { pathToFileURL } from "node:url";

const [gen, binary, root] = process.argv.slice(2).map((p) => path.resolve(p));
const ladder = await import(pathToFileURL(path.join(gen, "ladder.js")).href);
await ladder.default({ module_or_path: fs.readFileSync(path.join(gen, "ladder_bg.wasm")) });

const TODAY = "2026-11-22";
const files = [];
for (const folder of ["policies", "tests/ui"]) {
  for (const name of fs.readdirSync(path.join(root, folder)).sort()) {
    if (name.endsWith(".ladder")) files.push(`${folder}/${name}`);
  }
}

/** `ladder ARGS` in the repository: standard output and standard error. */
function cli(args) {
  const run = spawnSync(binary, args, { cwd: root, encoding: "utf8" });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** A wasm call's result in the CLI's terms: output, or the refusal. */
function wasm(call) {
  try {
    return { ok: true, text: call() };
  } catch (error) {
    return { ok: false, text: String(error) };
  }
}

let passed = 0;
let failed = 0;
function same(what, got, want) {
  if (got === want) {
    passed += 1;
  } else {
    failed += 1;
    let at = 0;
    while (at < got.length && got[at] === want[at]) at += 1;
    console.log(`FAILED: ${what} differs at byte ${at}: wasm ${JSON.stringify(got.slice(at, at + 60))} cli ${JSON.stringify(want.slice(at, at + 60))}`);
  }
}

for (const file of files) {
  const text = fs.readFileSync(path.join(root, file), "utf8");
  same(`${file}: check`, ladder.check_human(file, text, TODAY, ""), cli(["check", "--color", "never", "--today", TODAY, file]).stdout);
  same(`${file}: check --format json`, ladder.check_json(file, text, TODAY, ""), cli(["check", "--format", "json", "--today", TODAY, file]).stdout);
  same(`${file}: check --format short`, ladder.check_short(file, text, TODAY, ""), cli(["check", "--format", "short", "--today", TODAY, file]).stdout);
  for (const [name, call, args] of [
    ["json", () => ladder.json(file, text, TODAY), ["json", "--today", TODAY, file]],
    ["dot", () => ladder.dot(file, text, TODAY), ["graph", "--today", TODAY, file]],
  ]) {
    const got = wasm(call);
    const want = cli(args);
    if (got.ok !== (want.status === 0)) {
      failed += 1;
      console.log(`FAILED: ${file}: ${name}: wasm ${got.ok ? "compiled" : "refused"}, cli exited ${want.status}`);
      continue;
    }
    same(`${file}: ${name}`, got.text, got.ok ? want.stdout : want.stderr);
  }
}
// The timeline across Christmas 2026, for people and as JSON, with the
// policy's own bank holidays and Scotland's. `ladder timeline` checks
// review dates against the real today, so the module is given it too.
const now = new Date();
const today = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, "0")}-${String(now.getDate()).padStart(2, "0")}`;
for (const file of files.filter((f) => f.startsWith("policies/"))) {
  const text = fs.readFileSync(path.join(root, file), "utf8");
  for (const calendar of ["", "scotland"]) {
    for (const json of [false, true]) {
      const args = ["timeline", "--raised", "2026-12-21", file];
      if (calendar) args.push("--calendar", calendar);
      if (json) args.push("--format", "json");
      const want = cli(args);
      const got = wasm(() => ladder.timeline(file, text, today, calendar, "2026-12-21", json));
      same(`${file}: ${args.join(" ")}`, got.text, got.ok ? want.stdout : want.stderr);
    }
  }
}
console.log(`compared ${files.length} files`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && files.length > 5 ? 0 : 1);
