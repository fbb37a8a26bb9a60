/**
 * The HTML report (`out/report/index.html`): one self-contained page with the scenario outcomes,
 * the coverage table, and each workflow's diagram with covered edges green and uncovered red.
 */
import type { CoverageReport } from './coverage.js';
import { describeEdge, uncovered } from './coverage.js';
import { toSvg } from '../diagrams/index.js';
import { describeFailure } from './suite.js';
import type { ScenarioOutcome } from './scenarios.js';

export async function renderReport(report: CoverageReport, outcomes: ScenarioOutcome[] = []): Promise<string> {
  const sections: string[] = [];
  for (const [name, w] of Object.entries(report.workflows)) {
    const svg = await toSvg(w.definition, { title: name, coverage: w });
    const missing = w.edges.filter((e) => !w.transitions.counts[e.id]).map(describeEdge);
    const runs = outcomes.filter((o) => o.workflow === name);
    sections.push(`<section id="${esc(name)}">
  <h2>${esc(name)} <small>${w.states.percent}% of states, ${w.transitions.percent}% of transitions, ${w.runs} run${w.runs === 1 ? '' : 's'}</small></h2>
  ${runs.length > 0 ? `<ul class="outcomes">${runs.map(outcomeItem).join('')}</ul>` : ''}
  ${gapsHtml(missing)}
  <div class="diagram">${svg.replace(/^[\s\S]*?(<svg)/, '$1')}</div>
</section>`);
  }
  const t = report.total;
  const passed = outcomes.filter((o) => o.passed).length;
  const rows = Object.entries(report.workflows)
    .map(([name, w]) => `<tr><td><a href="#${esc(name)}">${esc(name)}</a></td><td>${w.runs}</td><td>${w.states.covered}/${w.states.total}</td><td>${bar(w.states.percent)}</td><td>${w.transitions.covered}/${w.transitions.total}</td><td>${bar(w.transitions.percent)}</td></tr>`)
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>stepwright test report</title>
<style>
  body { font: 14px/1.45 -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color: #24292f; margin: 24px 32px; }
  h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 18px; border-bottom: 1px solid #d0d7de; padding-bottom: 4px; margin-top: 32px; }
  h2 small { font-weight: normal; color: #57606a; font-size: 13px; margin-left: 8px; }
  table { border-collapse: collapse; margin: 12px 0; } td, th { padding: 4px 12px; border-bottom: 1px solid #d0d7de; text-align: left; }
  .bar { display: inline-block; width: 90px; height: 8px; background: #ffebe9; border-radius: 4px; vertical-align: middle; margin-right: 6px; }
  .bar i { display: block; height: 100%; background: #2da44e; border-radius: 4px; }
  .legend span { margin-right: 16px; } .ok { color: #1a7f37; } .bad { color: #cf222e; }
  ul.outcomes { list-style: none; padding: 0; margin: 8px 0; } ul.outcomes li { margin: 2px 0; }
  details pre { background: #f6f8fa; padding: 8px; overflow-x: auto; font-size: 12px; }
  .gap { color: #9a6700; } .full { color: #1a7f37; }
  ul.gap { margin: 4px 0 8px; padding-left: 20px; } ul.gap li { margin: 1px 0; }
  /* Drawn at its own size, scrolled when wider than the page: a scaled-down diagram cannot be read. */
  .diagram { overflow-x: auto; } .diagram svg { max-width: none; height: auto; }
</style>
</head>
<body>
<h1>stepwright test report</h1>
<p>${outcomes.length > 0 ? `${passed} of ${outcomes.length} scenarios passed. ` : ''}Coverage: ${t.states.percent}% of states (${t.states.covered}/${t.states.total}), ${t.transitions.percent}% of transitions (${t.transitions.covered}/${t.transitions.total}).</p>
<p class="legend"><span class="ok">━ covered</span><span class="bad">╍ not covered</span><span>╌ Catch edges dashed</span><span>↻ Retry (retriers exercised / declared)</span></p>
<table>
<tr><th>workflow</th><th>runs</th><th>states</th><th></th><th>transitions</th><th></th></tr>
${rows}
</table>
${uncovered(report).length === 0 ? '' : `<p class="gap">${uncovered(report).length} gaps listed per workflow below.</p>`}
${sections.join('\n')}
</body>
</html>
`;
}

/** What a workflow's runs never reached: one item per state or edge. */
export function gapsHtml(missing: string[]): string {
  if (missing.length === 0) return '<p class="full">Every state and transition covered.</p>';
  return `<p class="gap">Not covered (${missing.length}):</p>\n  <ul class="gap">${missing.map((m) => `<li>${esc(m)}</li>`).join('')}</ul>`;
}

function outcomeItem(o: ScenarioOutcome): string {
  const mark = o.passed ? '<span class="ok">✓</span>' : '<span class="bad">✗</span>';
  const detail = o.passed ? '' : `<details><summary>why</summary><pre>${esc(describeFailure(o))}</pre></details>`;
  return `<li>${mark} ${esc(o.scenario.name)} <small>(${esc(o.run?.status ?? 'not run')})</small>${detail}</li>`;
}

function bar(percent: number): string {
  return `<span class="bar"><i style="width:${percent}%"></i></span>${percent}%`;
}

function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
