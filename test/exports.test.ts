/** The package root offers what the README and issues promise, under those names. */
import * as root from '../src/index.js';

/**
 * The public surface, pinned: a name added to or dropped from an entry point fails here, so every
 * change to what users can import is deliberate (and goes with the README). Types are checked by
 * the README's examples and the type check; this pins the runtime names.
 */
const SURFACE: Record<string, string> = {
  '.': 'EventBridgeApiError MAX_DEFINITION_BYTES States StatesError StepwrightError airflowDags appflow assertNoProblems assertValidDefinition athena awsSdk batch bedrock buildDefinition choice compile conditions context databrew datasync dms dynamodb ecs emr emrServerless errorOutput eventBridge execute executionRolePolicy expr fail firehose flink formatProblem glue glueCrawlerStateChange glueJobStateChange http importDefinition input isStepwrightError isWorkflow kinesis lambda loadConfig loadProject loadSchedulesFile map nextFireTimes parallel pass pollUntil pollVariables projectFiles redshiftData ref result retries rule s3 s3ObjectCreated sagemaker schedule sdkResource sequence serviceResource sfn sns sqs stepFunctionsExecutionStatusChange substitutions succeed task taskToken testEventPattern toAslJson transformInput validateDefinition variable wait workflow',
  deploy: 'DEFAULT_ALIAS MAX_SLOTS OWNER_TAG apply backfill ciRolePolicy cloudFormationTemplate deploy destroy plan rollback',
  engine: 'MAX_WALL_TIME_EXCEEDED MOCK_EXHAUSTED StartExecutionError StatesError UNMOCKED_TASK executeDefinition isStatesError',
  iam: 'executionRolePolicy',
  schedules: 'EventBridgeApiError LIMITS RESERVED_VARIABLES SLOT_STARTER_WORKFLOW UNIVERSAL_START_EXECUTION checkRule checkSchedule compileEventPattern glueCrawlerStateChange glueJobStateChange isTimeZone loadSchedulesFile matchesEvent nextFireTimes parseCron parseScheduleExpression parseSchedulesYaml resolverFor rule s3ObjectCreated schedule select slotExecutionName slotStamp slotStarterDefinition startsThroughSlotStarter stepFunctionsExecutionStatusChange testEventPattern toCreateScheduleInput toPutRuleInput toPutTargetsInput transformInput validateEventPattern validateTargetInput',
  serve: 'projectStateMachines readMockConfig startEndpoint',
  testing: 'CoverageCollector checkScenario coverage coverageTable describeFailure describeRun endpointOutcomeTable formatRunPath fromMockConfig isScenarioFile loadScenarioFile machineModel outcomeTable renderReport runScenario runScenarioFiles runScenarioFilesOnEndpoint runWorkflow stepwrightMatchers testCaseName toDot toMermaid toMockConfig toSvg uncovered workflowNameOf',
};

test.each(Object.entries(SURFACE))('stepwright%s exports exactly its documented names', async (entry, names) => {
  const module = (await import(entry === '.' ? '../src/index.js' : `../src/${entry}/index.js`)) as Record<string, unknown>;
  expect(Object.keys(module).sort().join(' ')).toBe(names);
});

test('package.json offers each entry point to ES module and CommonJS consumers, built from src/<entry>/index.ts', () => {
  const pkg = require('../package.json') as { exports: Record<string, unknown> };
  for (const entry of [...Object.keys(SURFACE), 'testing/jest']) {
    const key = entry === '.' ? '.' : `./${entry}`;
    const path = entry === '.' ? 'index' : `${entry}/index`;
    expect(pkg.exports[key]).toEqual({
      import: { types: `./dist/${path}.d.ts`, default: `./dist/${path}.js` },
      require: { types: `./dist/cjs/${path}.d.ts`, default: `./dist/cjs/${path}.js` },
    });
  }
});

test('airflowDags works from the root as the README shows: the DAG files of a project, for a chosen Airflow version and target', async () => {
  const project = await root.loadProject({ root: require('node:path').join(__dirname, '..') });
  const dags = root.airflowDags(project, { out: 'out', airflow: 2 });
  expect(dags.major).toBe(2);
  expect(dags.files.map((f) => f.path)).toContain('out/dags/train.yaml');
  expect(dags.dags.find((d) => d.dagId === 'train')!.tasks.find((t) => t.task_id === 'good_enough')!.operator).toBe('airflow.operators.python.BranchPythonOperator');
}, 60_000);

test('testEventPattern, transformInput and nextFireTimes work from the root as the issue describes', () => {
  const event = { id: '1', account: '123456789012', source: 'aws.s3', time: '2026-11-01T00:00:00Z', region: 'eu-west-1', 'detail-type': 'Object Created', resources: [], detail: { object: { key: 'raw/a.json' } } };
  expect(root.testEventPattern({ source: ['aws.s3'], detail: { object: { key: [{ prefix: 'raw/' }] } } }, JSON.stringify(event))).toBe(true);
  expect(root.transformInput(event, { inputPathsMap: { key: '$.detail.object.key' }, inputTemplate: '{"key": "<key>"}' })).toBe('{"key": "raw/a.json"}');
  expect(root.nextFireTimes('cron(0 2 L * ? *)', { timezone: 'Europe/Berlin', from: new Date('2026-11-01T00:00:00Z'), count: 2 })).toEqual([new Date('2026-11-30T01:00:00Z'), new Date('2026-12-31T01:00:00Z')]);
  expect(() => root.testEventPattern('{"source": "aws.s3"}', JSON.stringify(event))).toThrow(/InvalidEventPatternException|must be an object or an array/);
});
