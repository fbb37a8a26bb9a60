import { CoverageCollector, loadScenarioFile, machineModel, runScenario, runWorkflow, toDot, toMermaid, toMockConfig } from 'stepwright/testing';
import { executeDefinition as execute } from 'stepwright/engine';
import type { StepwrightError } from 'stepwright';
import { fanOut, work } from './fixtures.js';

describe('coverage', () => {
  test('counts states and each kind of transition; Choice rules to one target are one edge', async () => {
    const collector = new CoverageCollector();
    collector.record(await runWorkflow(fanOut, { items: [1] }, { mocks: { Work: work() } }));
    let report = collector.report().workflows['state machine']!;
    expect(machineModel(fanOut).edges.filter((e) => e.from === 'Big?').map((e) => e.label)).toEqual(['rule 1, rule 2', 'default']);
    expect(report.states.counts).toMatchObject({ 'Fan out': 1, Work: 1, Small: 1, Recover: 0, Failed: 0 });
    expect(report.transitions.counts).toMatchObject({ 'Fan out catch#0': 0, 'Work retry#0': 0, 'Big? -> Small': 1, 'Big? -> Done': 0 });
    expect(report.transitions.percent).toBeLessThan(100);

    collector.record(await runWorkflow(fanOut, { items: [60, 2] }, { mocks: { Work: work({ busy: [2] }) } }));
    collector.record(await runWorkflow(fanOut, { items: [3] }, { mocks: { Work: work({ broken: [3] }) } }));
    report = collector.report().workflows['state machine']!;
    expect(report.runs).toBe(3);
    expect(report.states.percent).toBe(100);
    expect(report.transitions).toMatchObject({ covered: report.transitions.total, percent: 100 });
  });
});

const file = 'workflows/fan-out.scenarios.yaml';

describe('scenario files', () => {
  test('a YAML syntax error is reported once, at its own line and column', () => {
    const text = `scenarios:\n  - name: ok\n    expect: { status: SUCCEEDED }\n  - name: broken\n    input: { a: 1\n    expect: {}\n`;
    let problems: StepwrightError['problems'] = [];
    try {
      loadScenarioFile(file, text);
    } catch (error) {
      problems = (error as StepwrightError).problems;
    }
    expect(problems).toEqual([expect.objectContaining({ file, line: 6, message: expect.stringMatching(/^not valid YAML: /) })]);
  });

  test('an alias bomb is a located user error, not a crash', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]', ...'bcdefgh'.split('').map((c, i) => `${c}: &${c} [${Array(10).fill(`*${'abcdefgh'[i]}`).join(', ')}]`), 'scenarios:', '  - name: boom', '    input: *h'].join('\n');
    expect(() => loadScenarioFile(file, bomb)).toThrow(expect.objectContaining({ problems: [expect.objectContaining({ file, message: expect.stringContaining('expands too many YAML aliases') })] }) as unknown as StepwrightError);
  });

  test('problems are located at the line of the scenario, with a fix', () => {
    const text = `scenarios:\n  - name: ok\n    expect: { status: SUCCEEDED }\n  - name: typo\n    expect:\n      stauts: FAILED\n`;
    expect(() => loadScenarioFile(file, text)).toThrow(expect.objectContaining({
      problems: [expect.objectContaining({ file, line: 6, column: 7, workflow: 'fan-out', scenario: 'typo', field: 'expect.stauts', fix: expect.stringContaining('status') })],
    }) as unknown as StepwrightError);
  });

  test('a scenario runs with its mocks and reports each unmet expectation', async () => {
    const text = [
      'scenarios:',
      '  - name: a busy item is retried',
      '    input: { items: [1, 2] }',
      '    mocks:',
      '      Work:',
      '        - Return: { Payload: 2 }',
      "        - Throw: { Error: Busy, Cause: 'try later' }",
      '        - Return: { Payload: 4 }',
      '    expect:',
      '      output: { total: 7 }',
      '      retried: { Work: 1 }',
      '      path: [Fan out, Pause, Recover]',
    ].join('\n');
    const [scenario] = loadScenarioFile(file, text).scenarios;
    const outcome = await runScenario(fanOut, scenario!, 'fan-out');
    expect(outcome.passed).toBe(false);
    expect(outcome.failures.map((f) => f.message)).toEqual(['the output (after "Done") differs', 'expected "Recover" after "Pause", but the run went "Big?" → "Small" → "Done"']);
  });

  test('a mock for a state that does not exist is a located problem, not a crash', async () => {
    const [scenario] = loadScenarioFile(file, 'scenarios:\n  - name: typo\n    mocks: { Wrok: [ { Return: 1 } ] }\n').scenarios;
    const outcome = await runScenario(fanOut, scenario!, 'fan-out');
    expect(outcome.problem?.problems[0]).toMatchObject({ file: `${file}:2`, state: 'Wrok', message: expect.stringContaining('scenario "typo"') });
  });
});

describe('Step Functions Local mock config', () => {
  test('an exported test case drives the executor like the scenario did', async () => {
    const text = 'scenarios:\n  - name: One busy item!\n    input: { items: [2] }\n    mocks:\n      Work:\n        - Throw: { Error: Busy }\n        - Return: { Payload: 4 }\n';
    const scenarios = loadScenarioFile(file, text);
    const config = toMockConfig([scenarios]);
    expect(config.StateMachines['fan-out']!.TestCases).toEqual({ 'one-busy-item': { Work: 'fan-out/one-busy-item/Work' } });
    expect(config.MockedResponses['fan-out/one-busy-item/Work']).toEqual({ '0': { Throw: { Error: 'Busy' } }, '1': { Return: { Payload: 4 } } });
    const run = await execute(fanOut, { items: [2] }, { mocks: { config, testCase: 'one-busy-item' } });
    expect(run).toMatchObject({ status: 'SUCCEEDED', output: { total: 4 } });
  });
});

describe('diagrams', () => {
  test('DOT nests the Map, dashes Catch edges, marks retries and colours coverage', () => {
    const dot = toDot(fanOut, { title: 'fan-out' });
    expect(dot).toContain('subgraph "cluster_Fan out"');
    expect(dot).toContain('"Fan out" -> "Recover" [style=dashed, label="catch States.ALL"');
    expect(dot).toContain('Work\\nTask\\n↻ Busy ×2');
    const counts = (names: string[]) => Object.fromEntries(names.map((n) => [n, 0]));
    const covered = toDot(fanOut, { coverage: { states: { counts: counts(['Work']) }, transitions: { counts: {} } } });
    expect(covered).toMatch(/"Work" \[label=[^\]]*color="#cf222e"/);
  });

  test('Mermaid draws the same states with the Map as a subgraph', () => {
    const mermaid = toMermaid(fanOut);
    expect(mermaid).toContain('subgraph s0_box ["Map: Fan out"]');
    expect(mermaid).toContain('s0 -.->|"catch States.ALL"|');
    expect(mermaid).toContain('{"Big?"}');
  });
});
