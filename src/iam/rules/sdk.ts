/**
 * AWS SDK integrations stepwright's builders and loops use, with resources from the request. Step
 * Functions generates no policy for SDK integrations ("you must add the IAM actions yourself",
 * https://docs.aws.amazon.com/step-functions/latest/dg/supported-services-awssdk.html); actions
 * and resource types here follow each service's Service Authorization Reference page
 * (https://docs.aws.amazon.com/service-authorization/latest/reference/).
 */
import { accountWide, type Call } from '../context.js';
import type { Grant } from '../types.js';
import { arnOr, type RuleTable } from './rule.js';

const one = (action: string, resource: (call: Call) => string) => (call: Call): Grant[] => [{ actions: [action], resources: [resource(call)] }];

const crawler = (call: Call) => call.arn('glue', `crawler/${call.name('Name')}`);
const dmsTask = (call: Call) => call.name('ReplicationTaskArn');
const flinkApp = (call: Call) => call.arn('kinesisanalytics', `application/${call.name('ApplicationName')}`);
const stream = (call: Call) => call.literal('StreamARN') ?? call.arn('kinesis', `stream/${call.name('StreamName')}`);
const deliveryStream = (call: Call) => call.arn('firehose', `deliverystream/${call.name('DeliveryStreamName')}`);
const flow = (call: Call) => arnOr(call, call.name('FlowName'), (f) => call.arn('appflow', `flow/${f}`));

function dataQualityStart(call: Call): Grant[] {
  const rulesets = call.items('RulesetNames');
  const names = rulesets === undefined || rulesets === 'dynamic' || rulesets.some((r) => typeof r !== 'string' || r.startsWith('{%')) ? ['*'] : (rulesets as string[]);
  if (names[0] === '*') call.warn('RulesetNames is set at run time, so the policy allows any ruleset');
  const table = `${call.name('DataSource.GlueTable.DatabaseName')}/${call.name('DataSource.GlueTable.TableName')}`;
  return [
    { actions: ['glue:StartDataQualityRulesetEvaluationRun'], resources: names.map((n) => call.arn('glue', `dataQualityRuleset/${n}`)) },
    // The run reads the table through the Data Catalog as the passed role, which Glue checks here.
    { actions: ['glue:GetTable'], resources: [call.arn('glue', 'catalog'), call.arn('glue', `database/${table.split('/')[0]}`), call.arn('glue', `table/${table}`)] },
    ...call.passRole('Role', 'glue.amazonaws.com'),
  ];
}

/** A DescribeTaskExecution on a dynamic ARN: the executions of the tasks this machine starts. */
function dataSyncExecutions(call: Call): Grant[] {
  const literal = call.literal('TaskExecutionArn');
  if (literal !== undefined) return [{ actions: ['datasync:DescribeTaskExecution'], resources: [literal] }];
  const tasks = [...(call.scope.started.get('datasync:startTaskExecution:TaskArn') ?? [])];
  if (tasks.length === 0) call.warn('TaskExecutionArn is set at run time and no StartTaskExecution names its task, so the policy allows any task execution');
  const resources = tasks.length > 0 ? tasks.map((t) => `${t}/execution/*`) : [call.arn('datasync', 'task/*/execution/*')];
  return [{ actions: ['datasync:DescribeTaskExecution'], resources }];
}

/** ExecuteStatement or BatchExecuteStatement: the action on the cluster or workgroup, and the credentials it connects with. */
const redshiftStatement = (action: string) => (call: Call): Grant[] => {
  const cluster = call.literal('ClusterIdentifier');
  const workgroup = call.literal('WorkgroupName');
  const database = call.name('Database', '*');
  const grants: Grant[] = [];
  if (cluster !== undefined) grants.push({ actions: [action], resources: [call.arn('redshift', `cluster:${cluster}`)] });
  else {
    if (workgroup !== undefined) call.warn(`a workgroup's ARN holds its id, not its name (${workgroup}), so the policy allows any workgroup`);
    else call.warn('ClusterIdentifier/WorkgroupName is set at run time, so the policy allows any cluster and workgroup');
    grants.push({ actions: [action], resources: [call.arn('redshift-serverless', 'workgroup/*'), ...(workgroup === undefined ? [call.arn('redshift', 'cluster:*')] : [])] });
  }
  if (call.literal('SecretArn') !== undefined || call.isDynamic('SecretArn')) {
    grants.push({ actions: ['secretsmanager:GetSecretValue'], resources: [call.literal('SecretArn') ?? (call.warn('SecretArn is set at run time, so the policy allows any secret'), call.arn('secretsmanager', 'secret:*'))] });
  } else if (cluster !== undefined && (call.literal('DbUser') !== undefined || call.isDynamic('DbUser'))) {
    grants.push({ actions: ['redshift:GetClusterCredentials'], resources: [call.arn('redshift', `dbuser:${cluster}/${call.name('DbUser')}`), call.arn('redshift', `dbname:${cluster}/${database}`)] });
  } else if (cluster !== undefined) {
    grants.push({ actions: ['redshift:GetClusterCredentialsWithIAM'], resources: [call.arn('redshift', `dbname:${cluster}/${database}`)] });
  } else {
    grants.push({ actions: ['redshift-serverless:GetCredentials'], resources: [call.arn('redshift-serverless', 'workgroup/*')] });
  }
  return grants;
};

export const sdkRules: RuleTable = {
  'aws-sdk:glue:startCrawler': one('glue:StartCrawler', crawler),
  'aws-sdk:glue:getCrawler': one('glue:GetCrawler', crawler),
  'aws-sdk:glue:startDataQualityRulesetEvaluationRun': dataQualityStart,
  'aws-sdk:glue:getDataQualityRulesetEvaluationRun': one('glue:GetDataQualityRulesetEvaluationRun', (call) => call.arn('glue', 'dataQualityRuleset/*')),
  'aws-sdk:databasemigration:startReplicationTask': one('dms:StartReplicationTask', dmsTask),
  'aws-sdk:databasemigration:describeReplicationTasks': (call) => [accountWide(call, ['dms:DescribeReplicationTasks'])],
  'aws-sdk:datasync:startTaskExecution': one('datasync:StartTaskExecution', (call) => call.name('TaskArn')),
  'aws-sdk:datasync:describeTaskExecution': dataSyncExecutions,
  'aws-sdk:kinesisanalyticsv2:startApplication': one('kinesisanalytics:StartApplication', flinkApp),
  'aws-sdk:kinesisanalyticsv2:stopApplication': one('kinesisanalytics:StopApplication', flinkApp),
  'aws-sdk:kinesisanalyticsv2:describeApplication': one('kinesisanalytics:DescribeApplication', flinkApp),
  'aws-sdk:redshiftdata:executeStatement': redshiftStatement('redshift-data:ExecuteStatement'),
  'aws-sdk:redshiftdata:batchExecuteStatement': redshiftStatement('redshift-data:BatchExecuteStatement'),
  // Statement actions have no resource type; AWS narrows them with redshift-data:statement-owner-iam-userid.
  'aws-sdk:redshiftdata:describeStatement': (call) => [accountWide(call, ['redshift-data:DescribeStatement'])],
  'aws-sdk:redshiftdata:getStatementResult': (call) => [accountWide(call, ['redshift-data:GetStatementResult'])],
  'aws-sdk:redshiftdata:cancelStatement': (call) => [accountWide(call, ['redshift-data:CancelStatement'])],
  'aws-sdk:kinesis:putRecord': one('kinesis:PutRecord', stream),
  'aws-sdk:kinesis:putRecords': one('kinesis:PutRecords', stream),
  'aws-sdk:kinesis:describeStreamSummary': one('kinesis:DescribeStreamSummary', stream),
  'aws-sdk:firehose:putRecordBatch': one('firehose:PutRecordBatch', deliveryStream),
  'aws-sdk:firehose:describeDeliveryStream': one('firehose:DescribeDeliveryStream', deliveryStream),
  'aws-sdk:appflow:startFlow': one('appflow:StartFlow', flow),
  'aws-sdk:appflow:describeFlowExecutionRecords': one('appflow:DescribeFlowExecutionRecords', flow),
};

/** SDK service names whose IAM prefix differs. */
export const IAM_PREFIX: Record<string, string> = {
  databasemigration: 'dms',
  redshiftdata: 'redshift-data',
  kinesisanalyticsv2: 'kinesisanalytics',
  sfn: 'states',
  emrserverless: 'emr-serverless',
  emr: 'elasticmapreduce',
  emrcontainers: 'emr-containers',
  cloudwatchlogs: 'logs',
  elasticloadbalancingv2: 'elasticloadbalancing',
  sesv2: 'ses',
  efs: 'elasticfilesystem',
  opensearch: 'es',
  lexmodelsv2: 'lex',
  lexruntimev2: 'lex',
  bedrockruntime: 'bedrock',
  bedrockagentruntime: 'bedrock',
  iotdataplane: 'iot',
  sagemakerruntime: 'sagemaker',
};
