/**
 * Fragments for repeated shapes: states (or chains of states) written the same way more than once,
 * differing in names and values, import as one function called once per use, parameterised by
 * what differs. The module builds the same ASL byte for byte and type-checks; small repeats, and
 * repeats that differ where the DSL takes only some literals, stay written out.
 */
import { compile, importDefinition } from '../../src/index.js';
import { GeneratedModules } from './generated.js';

jest.setTimeout(120_000);

const modules = new GeneratedModules();
afterAll(() => modules.remove());

function imported(definition: unknown, name: string) {
  const result = importDefinition(definition, { name });
  return { ...result, path: modules.write(result.source) };
}

/** As in AWS's shared-fallback sample: three Lambda tasks, the same retry and catch, each its own function. */
const lambdaTask = (name: string, next: string | undefined) => ({
  Type: 'Task',
  Resource: 'arn:aws:states:::lambda:invoke',
  Output: '{% $states.result.Payload %}',
  Arguments: { FunctionName: `arn:aws:lambda:us-east-1:123456789012:function:${name}Arn`, Payload: '{% $states.input %}' },
  Retry: [
    {
      ErrorEquals: ['Lambda.ServiceException', 'Lambda.AWSLambdaException', 'Lambda.SdkClientException', 'Lambda.TooManyRequestsException'],
      IntervalSeconds: 1,
      MaxAttempts: 3,
      BackoffRate: 2,
      JitterStrategy: 'FULL',
    },
  ],
  Catch: [{ ErrorEquals: ['States.ALL'], Next: 'FallbackState', Output: { FailedStateName: '{% $states.context.State.Name %}' } }],
  ...(next ? { Next: next } : { End: true }),
});
const sharedFallback = {
  Comment: 'Three Lambda tasks with a common fallback state',
  QueryLanguage: 'JSONata',
  StartAt: 'FirstLambdaState',
  States: {
    FirstLambdaState: lambdaTask('First', 'SecondLambdaState'),
    SecondLambdaState: lambdaTask('Second', 'ThirdLambdaState'),
    ThirdLambdaState: lambdaTask('Third', undefined),
    FallbackState: { Type: 'Pass', End: true },
  },
};

/** Three Parallel branches doing the same two steps for different tables. */
const branch = (table: string) => ({
  StartAt: `Export ${table}`,
  States: {
    [`Export ${table}`]: {
      Type: 'Task',
      Resource: 'arn:aws:states:::athena:startQueryExecution.sync',
      Arguments: {
        QueryString: `UNLOAD (SELECT * FROM ${table}) TO 's3://exports/${table}/' WITH (format = 'PARQUET')`,
        WorkGroup: 'exports',
        ResultConfiguration: { OutputLocation: 's3://athena-results/exports/' },
      },
      Output: '{% { "queryId": $states.result.QueryExecution.QueryExecutionId } %}',
      Next: `Record ${table}`,
    },
    [`Record ${table}`]: {
      Type: 'Task',
      Resource: 'arn:aws:states:::dynamodb:putItem',
      Arguments: { TableName: 'exports', Item: { table: { S: table }, queryId: { S: '{% $states.input.queryId %}' } } },
      End: true,
    },
  },
});
const parallelExports = {
  QueryLanguage: 'JSONata',
  StartAt: 'Export tables',
  States: { 'Export tables': { Type: 'Parallel', Branches: [branch('orders'), branch('refunds'), branch('chargebacks')], End: true } },
};

/** Repeats too small to be worth a function. */
const smallRepeats = {
  QueryLanguage: 'JSONata',
  StartAt: 'One',
  States: { One: { Type: 'Pass', Output: { n: 1 }, Next: 'Two' }, Two: { Type: 'Pass', Output: { n: 2 }, End: true } },
};

/** Two Glue jobs, alike but for their name and WorkerType: a field that takes only some literals, so not a parameter. */
const glueJob = (name: string, worker: string, next?: string) => ({
  Type: 'Task',
  Resource: 'arn:aws:states:::glue:startJobRun.sync',
  Arguments: { JobName: 'convert-transactions', WorkerType: worker, NumberOfWorkers: 10, Arguments: { '--source': 's3://landing/raw/', '--target': 's3://curated/transactions/' } },
  Retry: [{ ErrorEquals: ['Glue.ConcurrentRunsExceededException'], IntervalSeconds: 60, MaxAttempts: 5, BackoffRate: 2 }],
  ...(next ? { Next: next } : { End: true }),
});
const glueJobs = { QueryLanguage: 'JSONata', StartAt: 'Small', States: { Small: glueJob('Small', 'G.1X', 'Large'), Large: glueJob('Large', 'G.2X') } };

const fallback = imported(sharedFallback, 'shared-fallback');
const exports = imported(parallelExports, 'exports');
const small = imported(smallRepeats, 'small');
const jobs = imported(glueJobs, 'jobs');

test('three like tasks become one function, called with each name and function', () => {
  expect(fallback.source).toContain(
    [
      'function lambdaState(name: string, functionName: string) {',
      "  return lambda.invoke(name, { FunctionName: functionName, Payload: input() }, { output: result('Payload') })",
      "    .catch(fallbackState, { output: { FailedStateName: context('State.Name') } });",
      '}',
    ].join('\n'),
  );
  expect(fallback.source).toContain(
    [
      "  start: lambdaState('FirstLambdaState', 'arn:aws:lambda:us-east-1:123456789012:function:FirstArn')",
      "    .next(lambdaState('SecondLambdaState', 'arn:aws:lambda:us-east-1:123456789012:function:SecondArn'))",
      "    .next(lambdaState('ThirdLambdaState', 'arn:aws:lambda:us-east-1:123456789012:function:ThirdArn')),",
    ].join('\n'),
  );
  // Written once, not three times.
  expect(fallback.source.match(/FailedStateName/g)).toHaveLength(1);
  expect(fallback.exact).toBe(true);
});

test('a repeated chain of states becomes a function returning the chain', () => {
  expect(exports.source).toContain('function exportStep(name: string, recordName: string, queryString: string, table: string) {\n  return athena.startQueryExecution(');
  expect(exports.source).toContain("dynamodb.putItem(recordName, {\n        TableName: 'exports',\n        Item: { table: { S: table }, queryId: { S: input('queryId') } },");
  expect(exports.source).toContain("branches: [\n    exportStep(\n      'Export orders',\n      'Record orders',");
  expect(exports.exact).toBe(true);
});

test('small repeats, and repeats that differ in a field of literal choices, stay written out', () => {
  expect(small.source).not.toContain('function ');
  expect(jobs.source).not.toContain('function ');
  expect(jobs.source).toContain("WorkerType: 'G.1X'");
  expect(jobs.source).toContain("WorkerType: 'G.2X'");
});

test.each([
  ['shared fallback', fallback, sharedFallback],
  ['parallel exports', exports, parallelExports],
  ['Glue jobs', jobs, glueJobs],
])('%s: the module builds the same definition', async (_, module, definition) => {
  expect(compile(await modules.load(module.path))).toEqual(definition);
});

test('every module type-checks', () => {
  expect(modules.typeCheck()).toBe('');
});
