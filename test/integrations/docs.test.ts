/**
 * docs/builders/*.md are true: every example (a ```ts block exporting a workflow) builds without a
 * problem, its requests pass the request-shape check, and the worked mock after it (a ```yaml
 * scenario file) runs on the executor with every expectation met.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildDefinition } from '../../src/compile/build.js';
import { isWorkflow, type Workflow } from '../../src/dsl/workflow.js';
import { checkRequests } from '../../src/integrations/request-check.js';
import { loadScenarioFile } from '../../src/testing/scenarios.js';
import { describeFailure, runScenarioFiles } from '../../src/testing/suite.js';

const DOCS = resolve(__dirname, '..', '..', 'docs', 'builders');
const tmp = mkdtempSync(join(tmpdir(), 'stepwright-docs-'));

interface Example {
  page: string;
  line: number;
  ts: string;
  yaml?: string;
}

function examples(page: string): Example[] {
  const text = readFileSync(join(DOCS, page), 'utf8');
  const out: Example[] = [];
  const fence = /^```(ts|yaml)\n([\s\S]*?)^```$/gm;
  for (let m = fence.exec(text); m; m = fence.exec(text)) {
    const line = text.slice(0, m.index).split('\n').length;
    if (m[1] === 'ts' && /export default workflow\(/.test(m[2]!)) out.push({ page, line, ts: m[2]! });
    else if (m[1] === 'yaml' && out.length > 0 && out[out.length - 1]!.yaml === undefined && /^workflow: /m.test(m[2]!)) out[out.length - 1]!.yaml = m[2]!;
  }
  return out;
}

const all = readdirSync(DOCS).filter((f) => f.endsWith('.md')).sort().flatMap(examples);

test('the pages have examples, each with its worked mock', () => {
  expect(all.length).toBeGreaterThan(20);
  expect(all.filter((e) => e.yaml === undefined).map((e) => `${e.page}:${e.line}`)).toEqual([]);
});

test.each(all.map((e) => [`${e.page}:${e.line}`, e] as const))('%s builds, passes the request check, and its worked mock passes', async (label, example) => {
  const file = join(tmp, `${label.replace(/[^\w]/g, '_')}.ts`);
  writeFileSync(file, example.ts);
  const exported = ((await import(file)) as { default: unknown }).default;
  expect(isWorkflow(exported)).toBe(true);
  const workflow = exported as Workflow;
  expect(checkRequests(buildDefinition(workflow))).toEqual([]);
  const scenarios = loadScenarioFile(`${label}.scenarios.yaml`, example.yaml!);
  expect(scenarios.workflow).toBe(workflow.name);
  const outcomes = await runScenarioFiles([scenarios], new Map([[workflow.name, workflow]]));
  expect(outcomes.filter((o) => !o.passed).map(describeFailure)).toEqual([]);
});
