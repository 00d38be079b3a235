// Bundles the editor's JavaScript with esbuild: called by `cargo xtask
// editor` as `node build.mjs GEN_DIR OUT_DIR`, where GEN_DIR holds what the
// xtask generated (wasm-bindgen's glue and module, the examples).
// One classic script, so that the page also works opened from a file.
import { build } from "esbuild";
import path from "node:path";

const [gen, out] = process.argv.slice(2).map((p) => path.resolve(p));
if (!gen || !out) {
  console.error("usage: node build.mjs GEN_DIR OUT_DIR");
  process.exit(2);
}

await build({
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
