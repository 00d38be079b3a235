// Bundles the editor's JavaScript with esbuild: called by `cargo xtask
// editor` as `node build.mjs GEN_DIR OUT_DIR`, where GEN_DIR holds what the
// xtask generated (wasm-bindgen's glue and module, the examples).
// One classic script, so that the page also works opened from a file.
import { build } from "esbuild";
import fs from "node:fs";
import path from "node:path";

const [gen, out] = process.argv.slice(2).map((p) => path.resolve(p));
if (!gen || !out) {
  console.error("usage: node build.mjs GEN_DIR OUT_DIR");
  process.exit(2);
}

const result = await build({
  metafile: true,
  entryPoints: [path.join(import.meta.dirname, "src/main.js")],
  bundle: true,
  format: "iife",
  target: "es2022",
  minify: true,
  legalComments: "linked",
  outfile: path.join(out, "editor.js"),
  alias: { "ladder-gen": gen },
  // The WebAssembly of ladder goes inside the script, so that the page
  // fetches nothing (file:// pages may not fetch at all).
  loader: { ".wasm": "binary" },
  // wasm-bindgen's glue only reads import.meta.url when no module is given.
  define: { "import.meta.url": "\"\"" },
  logLevel: "warning",
});

// Every npm package inside the bundle, with its licence, so that a board
// publishing the folder publishes the notices with it.
const packages = new Map();
for (const input of Object.keys(result.metafile.inputs)) {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
  if (match) packages.set(match[1], path.join(import.meta.dirname, "node_modules", match[1]));
}
let notices =
  "The ladder editor bundles ladder (MIT OR Apache-2.0), compiled to WebAssembly\n" +
  "with the Rust crates it uses (each MIT and/or Apache-2.0; Cargo.lock lists them),\n" +
  "and these npm packages.\n" +
  "Viz.js also contains Graphviz (Eclipse Public License 1.0, https://www.graphviz.org)\n" +
  "and Expat (MIT, https://libexpat.github.io) in object code form.\n";
for (const [name, dir] of [...packages].sort()) {
  const meta = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8"));
  notices += `\n${"=".repeat(72)}\n${name} ${meta.version}: ${meta.license}\n`;
  const file = fs.readdirSync(dir).find((f) => /^licen[cs]e/i.test(f));
  if (file) notices += `\n${fs.readFileSync(path.join(dir, file), "utf8").trim()}\n`;
}
fs.writeFileSync(path.join(out, "THIRD-PARTY-LICENSES.txt"), notices);
