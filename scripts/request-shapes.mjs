#!/usr/bin/env node
// Generates src/integrations/request-shapes.generated.ts: the request shapes of the AWS API calls
// stepwright's typed integrations make, taken from AWS's own API models (botocore's
// `botocore/data/<service>/<version>/service-2.json`, the models every AWS SDK is generated from),
// so that `stepwright build` checks a literal request as the service would: unknown fields, missing
// required fields, wrong types, values outside an enumeration.
//
// How it was made:
//   1. a checkout of https://github.com/boto/botocore (any recent commit; the output names the one used)
//   2. node scripts/request-shapes.mjs <botocore checkout> [commit]
// Only the operations in OPERATIONS below are written, with the shapes their inputs reach.
//
// Step Functions sends these requests with two differences the script applies (the Step Functions
// developer guide, "Call other AWS services" and each service's page):
//   - field names are PascalCase, even where the service's own API is camelCase (ECS, Batch,
//     EMR Serverless, Step Functions itself);
//   - a few optimised integrations take a different request than the API (OVERLAYS below):
//     EMR's addStep takes ClusterId and one Step (the API: JobFlowId and Steps), Bedrock's invokeModel
//     adds Input/Output S3 locations, and fields Step Functions serialises for you (SNS Message, SQS
//     MessageBody, EventBridge Detail, Step Functions Input) take any JSON, as blobs do.
// Idempotency tokens are optional (the model marks some required; SDKs fill them in).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Step Functions resource (`service:action` as in the ARN, `aws-sdk:` for SDK integrations) → botocore service and operation. */
const OPERATIONS = [
  ['glue:startJobRun', 'glue', 'StartJobRun'],
  ['aws-sdk:glue:startCrawler', 'glue', 'StartCrawler'],
  ['aws-sdk:glue:getCrawler', 'glue', 'GetCrawler'],
  ['aws-sdk:glue:startDataQualityRulesetEvaluationRun', 'glue', 'StartDataQualityRulesetEvaluationRun'],
  ['aws-sdk:glue:getDataQualityRulesetEvaluationRun', 'glue', 'GetDataQualityRulesetEvaluationRun'],
  ['aws-sdk:s3:listObjectsV2', 's3', 'ListObjectsV2'],
  ['aws-sdk:s3:getObject', 's3', 'GetObject'],
  ['aws-sdk:s3:putObject', 's3', 'PutObject'],
  ['aws-sdk:s3:copyObject', 's3', 'CopyObject'],
  ['aws-sdk:databasemigration:startReplicationTask', 'dms', 'StartReplicationTask'],
  ['aws-sdk:databasemigration:describeReplicationTasks', 'dms', 'DescribeReplicationTasks'],
  ['aws-sdk:kinesis:putRecord', 'kinesis', 'PutRecord'],
  ['aws-sdk:kinesis:putRecords', 'kinesis', 'PutRecords'],
  ['aws-sdk:firehose:putRecordBatch', 'firehose', 'PutRecordBatch'],
  ['aws-sdk:appflow:startFlow', 'appflow', 'StartFlow'],
  ['aws-sdk:datasync:startTaskExecution', 'datasync', 'StartTaskExecution'],
  ['aws-sdk:datasync:describeTaskExecution', 'datasync', 'DescribeTaskExecution'],
  ['aws-sdk:kinesisanalyticsv2:startApplication', 'kinesisanalyticsv2', 'StartApplication'],
  ['aws-sdk:kinesisanalyticsv2:stopApplication', 'kinesisanalyticsv2', 'StopApplication'],
  ['aws-sdk:kinesisanalyticsv2:describeApplication', 'kinesisanalyticsv2', 'DescribeApplication'],
  ['aws-sdk:redshiftdata:executeStatement', 'redshift-data', 'ExecuteStatement'],
  ['aws-sdk:redshiftdata:describeStatement', 'redshift-data', 'DescribeStatement'],
  ['aws-sdk:redshiftdata:getStatementResult', 'redshift-data', 'GetStatementResult'],
  ['emr-serverless:startJobRun', 'emr-serverless', 'StartJobRun'],
  ['elasticmapreduce:addStep', 'emr', 'AddJobFlowSteps'],
  ['athena:startQueryExecution', 'athena', 'StartQueryExecution'],
  ['athena:getQueryResults', 'athena', 'GetQueryResults'],
  ['batch:submitJob', 'batch', 'SubmitJob'],
  ['ecs:runTask', 'ecs', 'RunTask'],
  ['databrew:startJobRun', 'databrew', 'StartJobRun'],
  ['sagemaker:createTrainingJob', 'sagemaker', 'CreateTrainingJob'],
  ['sagemaker:createProcessingJob', 'sagemaker', 'CreateProcessingJob'],
  ['sagemaker:createTransformJob', 'sagemaker', 'CreateTransformJob'],
  ['sagemaker:createHyperParameterTuningJob', 'sagemaker', 'CreateHyperParameterTuningJob'],
  ['sagemaker:createModel', 'sagemaker', 'CreateModel'],
  ['sagemaker:createEndpointConfig', 'sagemaker', 'CreateEndpointConfig'],
  ['sagemaker:createEndpoint', 'sagemaker', 'CreateEndpoint'],
  ['sagemaker:updateEndpoint', 'sagemaker', 'UpdateEndpoint'],
  ['bedrock:invokeModel', 'bedrock-runtime', 'InvokeModel'],
  ['lambda:invoke', 'lambda', 'Invoke'],
  ['sns:publish', 'sns', 'Publish'],
  ['sqs:sendMessage', 'sqs', 'SendMessage'],
  ['events:putEvents', 'events', 'PutEvents'],
  ['dynamodb:getItem', 'dynamodb', 'GetItem'],
  ['dynamodb:putItem', 'dynamodb', 'PutItem'],
  ['dynamodb:updateItem', 'dynamodb', 'UpdateItem'],
  ['dynamodb:deleteItem', 'dynamodb', 'DeleteItem'],
  ['states:startExecution', 'stepfunctions', 'StartExecution'],
];

/** Where Step Functions' request differs from the API's input (see the header). Member names as written after PascalCase. */
const OVERLAYS = {
  'elasticmapreduce:addStep': { rename: { JobFlowId: 'ClusterId' }, single: { Steps: 'Step' } },
  'bedrock:invokeModel': { any: ['Body'], add: { Input: { o: { S3Uri: 's' }, r: ['S3Uri'] }, Output: { o: { S3Uri: 's' }, r: ['S3Uri'] } } },
  'sns:publish': { any: ['Message'] },
  'sqs:sendMessage': { any: ['MessageBody'] },
  'events:putEvents': { anyNested: { PutEventsRequestEntry: ['Detail'] } },
  'states:startExecution': { any: ['Input'] },
};

const [checkout, commit = 'unknown'] = process.argv.slice(2);
if (!checkout) {
  process.stderr.write('usage: node scripts/request-shapes.mjs <botocore checkout> [commit]\n');
  process.exit(1);
}

const models = new Map();
function model(service) {
  if (!models.has(service)) {
    const dir = join(checkout, 'botocore', 'data', service);
    const version = readdirSync(dir).filter((v) => /^\d{4}-\d{2}-\d{2}$/.test(v)).sort().pop();
    models.set(service, { ...JSON.parse(readFileSync(join(dir, version, 'service-2.json'), 'utf8')), version });
  }
  return models.get(service);
}

const pascal = (name) => name.charAt(0).toUpperCase() + name.slice(1);
const PRIMITIVE = { string: 's', integer: 'i', long: 'i', float: 'n', double: 'n', boolean: 'b', timestamp: 't', blob: '*' };

/**
 * Compact shapes: 's' string, 'i' integer, 'n' number, 'b' boolean, 't' timestamp, '*' any JSON;
 * ['e', ...values] an enumeration; { l: T } a list; { m: T } a map of string keys;
 * { o: { Member: T }, r: [required], u: 1 if exactly one member may be set }; '#Name' a named shape
 * (structures and enumerations are named, as recursion and reuse need).
 */
function encode(service, name, shapes, overlay) {
  const shape = model(service).shapes[name];
  if (PRIMITIVE[shape.type]) {
    if (shape.type === 'string' && shape.enum) {
      shapes[name] ??= ['e', ...shape.enum];
      return `#${name}`;
    }
    return PRIMITIVE[shape.type];
  }
  if (shape.type === 'list') return { l: encode(service, shape.member.shape, shapes, overlay) };
  if (shape.type === 'map') return { m: encode(service, shape.value.shape, shapes, overlay) };
  if (shape.type !== 'structure') throw new Error(`${service} ${name}: unknown shape type ${shape.type}`);
  if (shapes[name]) return `#${name}`;
  const out = { o: {}, r: [] };
  shapes[name] = out; // before the members: a structure may reach itself
  const anyMembers = new Set([...(overlay.anyNested?.[name] ?? [])]);
  for (const [member, ref] of Object.entries(shape.members)) {
    const field = pascal(member);
    out.o[field] = anyMembers.has(field) ? '*' : encode(service, ref.shape, shapes, overlay);
  }
  out.r = (shape.required ?? []).filter((m) => !shape.members[m]?.idempotencyToken).map(pascal);
  if (shape.union) out.u = 1;
  if (out.r.length === 0) delete out.r;
  return `#${name}`;
}

const operations = {};
const services = {};
for (const [resource, service, operation] of OPERATIONS) {
  const api = model(service);
  const op = api.operations[operation];
  if (!op?.input) throw new Error(`${service} has no operation ${operation} with an input`);
  const overlay = OVERLAYS[resource] ?? {};
  services[service] ??= { api: `${api.metadata.serviceId} ${api.version}`, shapes: {} };
  const { shapes } = services[service];
  // The overlaid input is its own shape, so the service's other operations keep the model's.
  const input = overlay.rename || overlay.single || overlay.any || overlay.add ? `${op.input.shape}@${resource}` : op.input.shape;
  encode(service, op.input.shape, shapes, overlay);
  if (input !== op.input.shape) {
    const base = structuredClone(shapes[op.input.shape]);
    const members = Object.entries(base.o).map(([field, type]) => {
      if (overlay.rename?.[field]) return [overlay.rename[field], type];
      if (overlay.single?.[field]) return [overlay.single[field], type.l];
      if (overlay.any?.includes(field)) return [field, '*'];
      return [field, type];
    });
    base.o = Object.fromEntries([...members, ...Object.entries(overlay.add ?? {})]);
    base.r = (base.r ?? []).map((f) => overlay.rename?.[f] ?? overlay.single?.[f] ?? f);
    shapes[input] = base;
  }
  operations[resource] = { service, operation, input: `#${input}` };
}

const header = `/**
 * GENERATED by scripts/request-shapes.mjs from AWS's API models (botocore commit ${commit}); do not edit.
 * The request shapes of the calls stepwright's typed integrations make, as Step Functions sends them
 * (PascalCase fields; the optimised integrations' own differences applied). See the script for how.
 */
import type { RequestShapes } from './request-check.js';

`;
const body = `export const REQUEST_SHAPES: RequestShapes = ${JSON.stringify({ operations, services })};\n`;
writeFileSync(new URL('../src/integrations/request-shapes.generated.ts', import.meta.url), header + body);
const count = Object.values(services).reduce((n, s) => n + Object.keys(s.shapes).length, 0);
process.stdout.write(`wrote src/integrations/request-shapes.generated.ts: ${OPERATIONS.length} operations of ${Object.keys(services).length} services, ${count} shapes, ${(header.length + body.length) / 1024 | 0} KiB\n`);
