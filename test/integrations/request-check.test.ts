/**
 * The build checks each literal request against the request shape in AWS's own API model
 * (src/integrations/request-shapes.generated.ts, from scripts/request-shapes.mjs): what TypeScript's
 * types catch, caught for JavaScript users, hand-written tasks and SDK calls too.
 */
import { awsSdk, dynamodb, ecs, emr, emrServerless, expr, glue, ref, task, type Chainable } from '../../src/index.js';
import { checkRequest, checkRequests } from '../../src/integrations/request-check.js';
import { build } from './helpers.js';

const problems = (start: Chainable, language: 'JSONata' | 'JSONPath' = 'JSONata') => checkRequests(build(start, language)).map(({ state, field, message, fix }) => ({ state, field, message, fix }));
// A JavaScript user (or one who silences the type checker) gets no help from the types: these are the calls the build must catch.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const untyped = (value: unknown): any => value;

test('the issue’s Glue call: an unknown field with the one meant, a wrong type, a missing field, a job bookmark value Glue does not have', () => {
  const convert = glue.startJobRun('Convert', untyped({ JobNam: 'x', NumberOfWorkers: 'ten' }), untyped({ jobBookmark: 'on' }));
  expect(problems(convert)).toEqual([
    { state: 'Convert', field: 'Arguments.JobNam', message: 'Glue StartJobRun has no field "JobNam"', fix: 'did you mean "JobName"?' },
    { state: 'Convert', field: 'Arguments.NumberOfWorkers', message: '"ten" is a string, but Glue StartJobRun takes a whole number here', fix: expect.stringContaining('JSONata expression') },
    { state: 'Convert', field: 'Arguments.JobName', message: 'Glue StartJobRun needs JobName, and the request has none', fix: 'add JobName to the request' },
    {
      state: 'Convert',
      field: 'Arguments.Arguments.--job-bookmark-option',
      message: '"job-bookmark-on" is not a value Glue StartJobRun accepts for --job-bookmark-option: job-bookmark-enable, job-bookmark-disable, job-bookmark-pause',
      fix: "with glue.startJobRun, set { jobBookmark: 'enable' | 'disable' | 'pause' }",
    },
  ]);
  // The same in JSONPath, where the request is Parameters.
  expect(problems(glue.startJobRun(untyped({ JobName: 'x', WorkerType: 'G.1x' })), 'JSONPath')).toEqual([
    { state: 'StartJobRun x', field: 'Parameters.WorkerType', message: expect.stringMatching(/^"G\.1x" is not a value Glue StartJobRun accepts here: Standard, G\.1X/), fix: 'did you mean "G.1X"?' },
  ]);
});

test('enumerations and nested fields: an ECS launch type, a container override', () => {
  const run = ecs.runTask('Run', untyped({ TaskDefinition: 'etl', LaunchType: 'FARGAT', Overrides: { ContainerOverrides: [{ Name: 'app', Comand: ['go'] }] } }));
  expect(problems(run)).toEqual([
    expect.objectContaining({ field: 'Arguments.LaunchType', message: expect.stringContaining('"FARGAT" is not a value ECS RunTask accepts here'), fix: 'did you mean "FARGATE"?' }),
    expect.objectContaining({ field: 'Arguments.Overrides.ContainerOverrides[0].Comand', message: 'ECS RunTask has no field "Comand" in Overrides.ContainerOverrides[0]', fix: 'did you mean "Command"?' }),
  ]);
});

test('values computed at run time are present but not checked: JSONata expressions, JSONPath key.$ fields', () => {
  expect(problems(glue.startJobRun({ JobName: 'x', NumberOfWorkers: expr('$states.input.workers') }))).toEqual([]);
  expect(problems(glue.startJobRun({ JobName: ref('$.job'), NumberOfWorkers: ref('$.workers') }), 'JSONPath')).toEqual([]);
  expect(problems(task('Whole request computed', { resource: 'arn:aws:states:::glue:startJobRun', arguments: expr('$states.input.request') }))).toEqual([]);
});

test('Step Functions’ own request where it differs from the API: EMR addStep takes ClusterId and one Step', () => {
  expect(problems(emr.addStep('Step', untyped({ ClusterId: 'j-1', Steps: [{ Name: 's', HadoopJarStep: { Jar: 'x.jar' } }] })))).toEqual([
    expect.objectContaining({ field: 'Arguments.Steps', message: 'EMR AddJobFlowSteps has no field "Steps"', fix: 'did you mean "Step"?' }),
    expect.objectContaining({ field: 'Arguments.Step', message: 'EMR AddJobFlowSteps needs Step, and the request has none' }),
  ]);
});

test('a union takes one member: an EMR Serverless job driver is Spark or Hive', () => {
  const run = emrServerless.startJobRun('Spark', { ApplicationId: 'a', ExecutionRoleArn: 'r', JobDriver: { SparkSubmit: { EntryPoint: 's3://b/job.py' }, Hive: { Query: 'select 1' } } });
  expect(problems(run)).toEqual([expect.objectContaining({ field: 'Arguments.JobDriver', message: 'takes exactly one of SparkSubmit, Hive, not SparkSubmit and Hive' })]);
  // A map's values are checked against its value shape: DynamoDB attribute values.
  expect(problems(dynamodb.getItem('Get', untyped({ TableName: 't', Key: { pk: { s: 'a' } } })))).toEqual([expect.objectContaining({ field: 'Arguments.Key.pk.s', fix: 'did you mean "S"?' })]);
});

test('hand-written tasks and SDK calls on a known resource are checked too; unknown resources are not', () => {
  expect(problems(task('Hand-written', { resource: 'arn:aws:states:::aws-sdk:glue:getCrawler', arguments: { Nmae: 'c' } }))).toEqual([
    expect.objectContaining({ field: 'Arguments.Nmae', fix: 'did you mean "Name"?' }),
    expect.objectContaining({ field: 'Arguments.Name', message: 'Glue GetCrawler needs Name, and the request has none' }),
  ]);
  expect(problems(awsSdk('glue', 'getCrawler', { Name: 7 }))).toEqual([expect.objectContaining({ field: 'Arguments.Name', message: '7 is a whole number, but Glue GetCrawler takes a string here' })]);
  expect(checkRequest('arn:aws:states:::aws-sdk:ec2:describeInstances', { Anything: 1 }, 'JSONata')).toEqual([]);
});
