// The printable page: the chart, the timeline last shown and the policy
// text in one HTML file with nothing to load, for printing or for
// attaching to an e-mail.
function escape(text) {
  return text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);
}

export function printablePage({ text, svg, timeline, title }) {
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)}</title>
<style>
body { font-family: system-ui, sans-serif; margin: 2rem; color: #1a1a1a; }
svg { max-width: 100%; height: auto; }
table { border-collapse: collapse; margin: 1rem 0; }
th, td { border: 1px solid #999; padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; }
pre { white-space: pre-wrap; font-size: 0.85rem; }
@media print { h2 { break-before: page; } }
</style>
</head>
<body>
<h1>${escape(title)}</h1>
<h2>Flowchart</h2>
${svg}
<h2>Timeline</h2>
${timeline || "<p>No timeline was chosen.</p>"}
<h2>The policy as written</h2>
<pre>${escape(text)}</pre>
</body>
</html>
`;
}
