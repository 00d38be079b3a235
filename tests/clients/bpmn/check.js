// Reads each BPMN file given with bpmn-moddle (every warning is a failure)
// and lints it with bpmnlint under tests/clients/bpmn/.bpmnlintrc (every
// report, error or warning, is a failure). Prints one line per problem and
// exits 1 if there was any. Usage: node check.js RCFILE FILE...
'use strict';
const fs = require('fs');
const BpmnModdleModule = require('bpmn-moddle');
const BpmnModdle = BpmnModdleModule.BpmnModdle || BpmnModdleModule.default || BpmnModdleModule;
const { Linter } = require('bpmnlint');
const NodeResolver = require('bpmnlint/lib/resolver/node-resolver');

async function main() {
  const [rcFile, ...files] = process.argv.slice(2);
  const config = JSON.parse(fs.readFileSync(rcFile, 'utf8'));
  let problems = 0;
  for (const file of files) {
    const xml = fs.readFileSync(file, 'utf8');
    const moddle = new BpmnModdle();
    let parsed;
    try {
      parsed = await moddle.fromXML(xml, 'bpmn:Definitions');
    } catch (err) {
      console.log(`${file}: bpmn-moddle could not read it: ${err.message}`);
      problems++;
      continue;
    }
    for (const w of parsed.warnings) {
      console.log(`${file}: bpmn-moddle warning: ${w.message}`);
      problems++;
    }
    // A linter per file: some rules keep state between the files they see.
    const linter = new Linter({ config, resolver: new NodeResolver({ require }) });
    const results = await linter.lint(parsed.rootElement);
    for (const [rule, reports] of Object.entries(results)) {
      for (const r of reports) {
        console.log(`${file}: bpmnlint ${r.category} ${rule}: ${r.id}: ${r.message}`);
        problems++;
      }
    }
  }
  console.log(`${files.length} files, ${problems} problems`);
  process.exit(problems ? 1 : 0);
}
main().catch(err => { console.error(err); process.exit(2); });
