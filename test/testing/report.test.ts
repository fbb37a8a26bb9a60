/** What the report, the coverage table and the diagrams say (a new user's first hour: items 9 and 10). */
import { choice, conditions, expr, pass, succeed, task, workflow, compile } from '../../src/index.js';
import { CoverageCollector, coverageTable } from '../../src/testing/coverage.js';
import { gapsHtml } from '../../src/testing/report.js';
import { toDot, toMermaid } from '../../src/diagrams/index.js';

test('no runs is no coverage: 0 (shown as –), never "100% of nothing"', () => {
  const report = new CoverageCollector().report();
  expect(report.total.states.percent).toBe(0);
  expect(report.total.transitions.percent).toBe(0);
  expect(coverageTable(report)).toMatch(/all\s+0\s+0\/0\s+–\s+0\/0\s+–/);
});

test('"not covered" is a list, one item per state or edge', () => {
  expect(gapsHtml(['train: state "Notify" never entered', 'train: "Good enough?" otherwise → "Notify" never taken'])).toBe(
    '<p class="gap">Not covered (2):</p>\n  <ul class="gap"><li>train: state &quot;Notify&quot; never entered</li><li>train: &quot;Good enough?&quot; otherwise → &quot;Notify&quot; never taken</li></ul>',
  );
});

describe('diagrams', () => {
  const jsonata = compile(workflow('scored', { start: choice('Good enough?').when(expr('$states.input.auc >= 0.9'), succeed('Register')).otherwise(succeed('Keep')) }));
  const jsonpath = compile(
    workflow('rows', {
      queryLanguage: 'JSONPath',
      start: choice('Rows?')
        .when(conditions.numericGreaterThan('$.rows', 0), succeed('Load'))
        .when(conditions.and(conditions.stringEquals('$.status', 'EMPTY'), conditions.isPresent('$.day')), succeed('Skip'))
        .otherwise(succeed('Odd')),
    }),
  );

  test('a Choice edge says its condition, not "rule 1"', () => {
    expect(toMermaid(jsonata)).toContain('-->|"$states.input.auc >= 0.9"|');
    expect(toMermaid(jsonata)).toContain('-->|"otherwise"|');
    const dot = toDot(jsonpath);
    expect(dot).toContain('label="$.rows > 0"');
    expect(dot).toContain('label="$.status == \\"EMPTY\\" and $.day is present"');
    expect(dot).not.toContain('rule 1');
  });

  test('retriers go one per line, long error names cut, so a box grows taller, not the drawing wider', () => {
    const errors = ['Glue.ConcurrentRunsExceededException', 'Glue.ThrottlingException', 'Glue.ResourceNumberLimitExceededException'];
    const definition = compile(
      workflow('retries', {
        start: task('A state with a rather long name for its box', { resource: 'arn:aws:states:::glue:startJobRun.sync', arguments: { JobName: 'j' } })
          .retry({ errors, maxAttempts: 5 })
          .retry({ errors: ['States.TaskFailedBecauseTheServiceSaidSoAndThenSomeMoreWords'], maxAttempts: 2 })
          .next(pass('Done')),
      }),
    );
    const label = /"A state[^"]*" \[label="([^"]*)"/.exec(toDot(definition))![1]!;
    expect(label.split('\\n')).toEqual(['A state with a rather long name for its box', 'Task', '↻ Glue.ConcurrentRunsExceededException +2 ×5', '↻ States.TaskFailedBecauseTheServiceSaidS… ×2']);
  });
});
