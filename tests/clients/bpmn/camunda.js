// Checks BPMN files against Camunda's own compatibility rules
// (bpmnlint-plugin-camunda-compat), as Camunda Modeler does before it
// deploys: the FEEL files for Camunda 8 (the rules also parse every FEEL
// expression), the JUEL files for Camunda 7.
// Usage: node camunda.js cloud 8-6 FILE...  |  node camunda.js platform 7-22 FILE...
// Errors fail, and so does any warning or note but these, which ask for
// what ladder leaves to the engine on purpose: Camunda 8's own user-task
// implementation (a `zeebe:userTask` extension, which would tie the file
// to one engine) and Camunda 7's history time to live (an engine setting).
'use strict';
const fs = require('fs');
const BpmnModdleModule = require('bpmn-moddle');
const BpmnModdle = BpmnModdleModule.BpmnModdle || BpmnModdleModule.default || BpmnModdleModule;
const { Linter } = require('bpmnlint');
const NodeResolver = require('bpmnlint/lib/resolver/node-resolver');

const ALLOWED = new Set([
  'camunda-compat/zeebe-user-task',
  'camunda-compat/user-task-definition',
  'camunda-compat/history-time-to-live'
]);

async function main() {
  const [platform, version, ...files] = process.argv.slice(2);
  const platformName = platform === 'cloud' ? 'Camunda Cloud' : 'Camunda Platform';
  let problems = 0;
  for (const file of files) {
    // The modeller records the target engine on the definitions; the
    // rules pick their checks by it.
    const xml = fs.readFileSync(file, 'utf8').replace(
      '<bpmn:definitions ',
      '<bpmn:definitions xmlns:modeler="http://camunda.org/schema/modeler/1.0" ' +
        `modeler:executionPlatform="${platformName}" modeler:executionPlatformVersion="${version.replace('-', '.')}.0" `
    );
    const { rootElement } = await new BpmnModdle().fromXML(xml);
    const linter = new Linter({
      config: { extends: `plugin:camunda-compat/camunda-${platform}-${version}` },
      resolver: new NodeResolver({ require })
    });
    const results = await linter.lint(rootElement);
    for (const [rule, reports] of Object.entries(results)) {
      for (const r of reports) {
        if (r.category !== 'error' && ALLOWED.has(rule)) continue;
        console.log(`${file}: ${r.category} ${rule}: ${r.id}: ${r.message}`);
        problems++;
      }
    }
  }
  console.log(`${files.length} files, ${problems} problems`);
  process.exit(problems ? 1 : 0);
}
main().catch(err => { console.error(err); process.exit(2); });
