// Checks FEEL-flavoured BPMN files against Camunda's own compatibility
// rules for Camunda 8 (bpmnlint-plugin-camunda-compat, which also parses
// every FEEL expression), as Camunda Modeler does before it deploys.
// Errors fail; the warnings that only recommend Camunda's own user-task
// implementation (a `zeebe:userTask` extension, which ladder does not
// write so that the file stays engine-neutral) are allowed; any other
// warning fails. Usage: node camunda8.js VERSION FILE...  (VERSION: 8-6)
'use strict';
const fs = require('fs');
const BpmnModdleModule = require('bpmn-moddle');
const BpmnModdle = BpmnModdleModule.BpmnModdle || BpmnModdleModule.default || BpmnModdleModule;
const { Linter } = require('bpmnlint');
const NodeResolver = require('bpmnlint/lib/resolver/node-resolver');

const ALLOWED = new Set(['camunda-compat/zeebe-user-task', 'camunda-compat/user-task-definition']);

async function main() {
  const [version, ...files] = process.argv.slice(2);
  let problems = 0;
  for (const file of files) {
    // The modeller records the target engine on the definitions; the
    // rules pick their checks by it.
    const xml = fs.readFileSync(file, 'utf8').replace(
      '<bpmn:definitions ',
      '<bpmn:definitions xmlns:modeler="http://camunda.org/schema/modeler/1.0" ' +
        `modeler:executionPlatform="Camunda Cloud" modeler:executionPlatformVersion="${version.replace('-', '.')}.0" `
    );
    const { rootElement } = await new BpmnModdle().fromXML(xml);
    const linter = new Linter({
      config: { extends: `plugin:camunda-compat/camunda-cloud-${version}` },
      resolver: new NodeResolver({ require })
    });
    const results = await linter.lint(rootElement);
    for (const [rule, reports] of Object.entries(results)) {
      for (const r of reports) {
        if (r.category === 'warn' && ALLOWED.has(rule)) continue;
        console.log(`${file}: ${r.category} ${rule}: ${r.id}: ${r.message}`);
        problems++;
      }
    }
  }
  console.log(`${files.length} files, ${problems} problems`);
  process.exit(problems ? 1 : 0);
}
main().catch(err => { console.error(err); process.exit(2); });
