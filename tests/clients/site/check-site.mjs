// Opens a site built by `ladder build` in headless Chromium and checks what
// a reader needs, on the index and on every policy page:
//   - screenshots at 1280x800 and 390x844 (artefacts, for people to look at);
//   - no chart text rendered under 12 CSS px at the default zoom;
//   - no horizontal scroll on a phone, except inside the chart's own area;
//   - every stage and step of the procedure in the text version, in order
//     (read from the policy's JSON, the engine contract);
//   - every link's scheme is https, http, mailto, tel or relative, and every
//     relative link names a file that exists (or an id on the page);
//   - ids unique on each page, and every SVG file parses as XML;
//   - axe-core: zero violations; html-validate: zero errors;
//   - every Mermaid chart (NAME.mmd) renders with Mermaid itself, and a
//     broken one is refused (so a pass means something).
// Usage: node check-site.mjs SITE_DIR SHOTS_DIR [README_SHOT]
// Prints one line per problem and exits 1 if there is any.

import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import puppeteer from 'puppeteer-core';
import { HtmlValidate, FileSystemConfigLoader } from 'html-validate';

const require = createRequire(import.meta.url);
const [site, shots, readmeShot] = process.argv.slice(2).map((p) => p && path.resolve(p));
const problems = [];
const fail = (page, message) => problems.push(`${page}: ${message}`);

const pages = fs.readdirSync(site).filter((f) => f.endsWith('.html')).sort();
fs.mkdirSync(shots, { recursive: true });

// html-validate, with the recommended rules.
const validator = new HtmlValidate(new FileSystemConfigLoader({
  extends: ['html-validate:recommended'],
  rules: {
    // Graphviz writes SVG attributes in its own style; the SVG is checked
    // as XML below instead.
    'attribute-misuse': 'off',
    // A policy's formal title is what a reader searches for; cut to 70
    // characters, two procedures of one board would read alike in a tab.
    'long-title': 'off',
  },
}));
for (const file of pages) {
  const report = await validator.validateFile(path.join(site, file));
  for (const result of report.results) {
    for (const m of result.messages) {
      if (m.severity >= 2) fail(file, `html-validate ${m.ruleId} at ${m.line}:${m.column}: ${m.message}`);
    }
  }
}

const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

try {
  for (const file of pages) {
    const name = file.replace(/\.html$/, '');
    const page = await browser.newPage();
    // The page must need no network: any request that is not a local file fails the test.
    await page.setRequestInterception(true);
    page.on('request', (req) => {
      if (!req.url().startsWith('file:')) {
        fail(file, `requests ${req.url()}`);
        req.abort();
      } else {
        req.continue();
      }
    });
    const url = 'file://' + path.join(site, file);
    for (const [width, height, label] of [[1280, 800, 'laptop'], [390, 844, 'phone']]) {
      await page.setViewport({ width, height, deviceScaleFactor: 1 });
      await page.goto(url, { waitUntil: 'load' });
      await page.screenshot({ path: path.join(shots, `${name}-${label}.png`) });
      await page.screenshot({ path: path.join(shots, `${name}-${label}-full.png`), fullPage: true });
      if (readmeShot && label === 'laptop' && name === 'halton') {
        fs.mkdirSync(path.dirname(readmeShot), { recursive: true });
        // The top of the page with the start of its chart.
        await page.screenshot({
          path: readmeShot,
          clip: { x: 0, y: 0, width: 1280, height: 1400 },
          captureBeyondViewport: true,
        });
      }
      const layout = await page.evaluate(() => {
        const small = [];
        for (const t of document.querySelectorAll('svg text')) {
          if (!t.textContent.trim()) continue;
          const size = parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a;
          if (size < 11.99) small.push(`${size.toFixed(1)}px "${t.textContent.trim().slice(0, 40)}"`);
        }
        return {
          small,
          scrollWidth: document.documentElement.scrollWidth,
          innerWidth: window.innerWidth,
        };
      });
      for (const s of layout.small.slice(0, 5)) fail(file, `chart text under 12px at ${width} wide: ${s}`);
      if (layout.scrollWidth > layout.innerWidth) {
        fail(file, `the page scrolls sideways at ${width} wide (${layout.scrollWidth}px of content)`);
      }
    }

    // Links, ids and the text version.
    const facts = await page.evaluate(() => {
      const ids = [...document.querySelectorAll('[id]')].map((e) => e.id);
      const links = [...document.querySelectorAll('a[href]')].map((a) => a.getAttribute('href'));
      const stages = [...document.querySelectorAll('ol.stages > li')].map((li) => li.id);
      return { ids, links, stages };
    });
    const seen = new Set();
    for (const id of facts.ids) {
      if (seen.has(id)) fail(file, `the id "${id}" is used twice`);
      seen.add(id);
    }
    for (const href of facts.links) {
      const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(href);
      if (scheme) {
        if (!['https', 'http', 'mailto', 'tel'].includes(scheme[1].toLowerCase())) {
          fail(file, `a link with the scheme "${scheme[1]}:" (${href})`);
        }
      } else if (href.startsWith('#')) {
        if (!seen.has(decodeURIComponent(href.slice(1)))) fail(file, `a link to a missing id ${href}`);
      } else if (!href.startsWith('./')) {
        fail(file, `a relative link that does not start with ./ (${href})`);
      } else if (!fs.existsSync(path.join(site, decodeURIComponent(href.slice(2))))) {
        fail(file, `a link to a missing file ${href}`);
      }
    }
    if (name !== 'index') {
      const json = JSON.parse(fs.readFileSync(path.join(site, `${name}.json`), 'utf8'));
      // The JSON's ids, with the dot of a step's id as a dash (`threshold-step-1`).
      const expected = json.stages.map((s) => s.id)
        .concat(...(json.procedures || []).map((p) => p.steps.map((s) => s.id)))
        .map((id) => id.replace('.', '-'));
      if (JSON.stringify(facts.stages) !== JSON.stringify(expected)) {
        fail(file, `the text version's stages are ${JSON.stringify(facts.stages)}, expected ${JSON.stringify(expected)}`);
      }
      const svgFile = path.join(site, `${name}.svg`);
      if (fs.existsSync(svgFile)) {
        const parsed = await page.evaluate((text) => {
          const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
          return doc.querySelector('parsererror')?.textContent ?? null;
        }, fs.readFileSync(svgFile, 'utf8'));
        if (parsed) fail(`${name}.svg`, `does not parse as XML: ${parsed}`);
      }
    }

    // axe-core, at the laptop width.
    await page.setViewport({ width: 1280, height: 800 });
    await page.goto(url, { waitUntil: 'load' });
    await page.evaluate(axeSource);
    const axe = await page.evaluate(async () => {
      const r = await window.axe.run(document);
      return r.violations.map((v) => `${v.id} (${v.impact}): ${v.help} [${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}]`);
    });
    for (const v of axe) fail(file, `axe-core: ${v}`);
    await page.close();
  }

  // Mermaid, rendered in the same browser; each chart is kept as an
  // artefact beside the screenshots.
  const page = await browser.newPage();
  await page.setContent('<!DOCTYPE html><html lang="en"><body></body></html>');
  await page.addScriptTag({ path: require.resolve('mermaid/dist/mermaid.min.js') });
  const render = (text) => page.evaluate(async (t) => {
    try {
      window.mermaid.initialize({ startOnLoad: false });
      const { svg } = await window.mermaid.render('m' + Math.random().toString(36).slice(2), t);
      return { svg };
    } catch (e) {
      return { error: String(e.message || e).slice(0, 300) };
    }
  }, text);
  if (!(await render('flowchart TD\n  a[ --> ')).error) fail('mermaid', 'a broken chart was not refused');
  for (const file of fs.readdirSync(site).filter((f) => f.endsWith('.mmd')).sort()) {
    const result = await render(fs.readFileSync(path.join(site, file), 'utf8'));
    if (result.error) fail(file, `Mermaid cannot draw it: ${result.error}`);
    else {
      // Mermaid's SVG holds HTML labels, so it is kept inside a page.
      fs.writeFileSync(path.join(shots, file.replace(/\.mmd$/, '-mermaid.html')),
        `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${file}</title></head><body>${result.svg}</body></html>`);
    }
  }
  await page.close();
} finally {
  await browser.close();
}

for (const p of problems) console.log(p);
console.log(`checked ${pages.length} pages: ${problems.length} problems`);
process.exit(problems.length ? 1 : 0);
