/**
 * Glue, Athena, EMR, EMR Serverless, DataBrew, Batch and ECS (optimised integrations). Actions per
 * pattern follow AWS's "IAM policies for ..." pages in the Step Functions developer guide:
 * - glue: https://docs.aws.amazon.com/step-functions/latest/dg/connect-glue.html#glue-iam
 * - athena: https://docs.aws.amazon.com/step-functions/latest/dg/athena-iam.html
 * - emr: https://docs.aws.amazon.com/step-functions/latest/dg/emr-iam.html
 * - emr-serverless: https://docs.aws.amazon.com/step-functions/latest/dg/emr-serverless-iam.html
 * - databrew: https://docs.aws.amazon.com/step-functions/latest/dg/databrew-iam.html
 * - batch: https://docs.aws.amazon.com/step-functions/latest/dg/batch-iam.html
 * - ecs: https://docs.aws.amazon.com/step-functions/latest/dg/ecs-iam.html
 * Where AWS's template uses `*` but the service supports resource-level permissions (Glue jobs,
 * DataBrew jobs, Batch queues and job definitions), the resource named in the request is used.
 */
import { accountWide, syncRule, type Call } from '../context.js';
import type { Grant } from '../types.js';
import { arnOr, type RuleTable } from './rule.js';

const sync = (call: Call) => call.pattern === 'sync';

function glueJob(call: Call): Grant[] {
  const job = call.arn('glue', `job/${call.name('JobName')}`);
  return [{ actions: sync(call) ? ['glue:StartJobRun', 'glue:GetJobRun', 'glue:GetJobRuns', 'glue:BatchStopJobRun'] : ['glue:StartJobRun'], resources: [job] }];
}

function athenaQuery(call: Call): Grant[] {
  const workGroup = call.arn('athena', `workgroup/${call.name('WorkGroup', 'primary')}`);
  const actions = sync(call)
    ? ['athena:StartQueryExecution', 'athena:StopQueryExecution', 'athena:GetQueryExecution', 'athena:GetDataCatalog']
    : ['athena:StartQueryExecution', 'athena:GetDataCatalog'];
  // The query reads tables wherever their data lives, which the definition does not say.
  call.warn('Athena reads the queried tables from S3 and the Glue Data Catalog, which the definition does not name; s3 and glue catalog access is granted account-wide as in AWS\'s template; narrow it to your data');
  return [
    { actions, resources: [workGroup, call.arn('athena', 'datacatalog/*')] },
    {
      actions: ['s3:GetBucketLocation', 's3:GetObject', 's3:ListBucket', 's3:ListBucketMultipartUploads', 's3:ListMultipartUploadParts', 's3:AbortMultipartUpload', 's3:CreateBucket', 's3:PutObject'],
      resources: [`arn:${call.scope.partition}:s3:::*`],
    },
    {
      // AWS's list: DDL statements (CREATE/DROP TABLE, partitions) need the write actions too.
      actions: [
        'glue:CreateDatabase', 'glue:GetDatabase', 'glue:GetDatabases', 'glue:UpdateDatabase', 'glue:DeleteDatabase',
        'glue:CreateTable', 'glue:UpdateTable', 'glue:GetTable', 'glue:GetTables', 'glue:DeleteTable', 'glue:BatchDeleteTable',
        'glue:BatchCreatePartition', 'glue:CreatePartition', 'glue:UpdatePartition', 'glue:GetPartition', 'glue:GetPartitions',
        'glue:BatchGetPartition', 'glue:DeletePartition', 'glue:BatchDeletePartition',
      ],
      resources: ['catalog', 'database/*', 'table/*', 'userDefinedFunction/*'].map((r) => call.arn('glue', r)),
    },
    accountWide(call, ['lakeformation:GetDataAccess']),
  ];
}

function emrStep(call: Call): Grant[] {
  const cluster = call.arn('elasticmapreduce', `cluster/${call.name('ClusterId')}`);
  const grants: Grant[] = [{ actions: sync(call) ? ['elasticmapreduce:AddJobFlowSteps', 'elasticmapreduce:DescribeStep', 'elasticmapreduce:CancelSteps'] : ['elasticmapreduce:AddJobFlowSteps'], resources: [cluster] }];
  if (sync(call)) grants.push(syncRule(call, 'StepFunctionsGetEventForEMRAddJobFlowStepsRule'));
  return [...grants, ...call.passRole('ExecutionRoleArn', undefined)];
}

function emrServerlessJob(call: Call): Grant[] {
  const app = `/applications/${call.name('ApplicationId')}`;
  const grants: Grant[] = [{ actions: ['emr-serverless:StartJobRun'], resources: [call.arn('emr-serverless', app)] }];
  if (sync(call)) {
    grants.push({ actions: ['emr-serverless:GetJobRun', 'emr-serverless:CancelJobRun'], resources: [call.arn('emr-serverless', `${app}/jobruns/*`)] });
    grants.push(syncRule(call, 'StepFunctionsGetEventsForEMRServerlessJobRule'));
  }
  return [...grants, ...call.passRole('ExecutionRoleArn', 'emr-serverless.amazonaws.com')];
}

function dataBrewJob(call: Call): Grant[] {
  const job = call.arn('databrew', `job/${call.name('Name')}`);
  return [{ actions: sync(call) ? ['databrew:StartJobRun', 'databrew:ListJobRuns', 'databrew:StopJobRun'] : ['databrew:StartJobRun'], resources: [job] }];
}

function batchJob(call: Call): Grant[] {
  const queue = call.name('JobQueue');
  const definition = call.name('JobDefinition');
  const definitionArn = arnOr(call, definition, (d) => call.arn('batch', `job-definition/${d}${d === '*' || d.includes(':') ? '' : ':*'}`));
  const grants: Grant[] = [{ actions: ['batch:SubmitJob'], resources: [arnOr(call, queue, (q) => call.arn('batch', `job-queue/${q}`)), definitionArn] }];
  if (sync(call)) {
    grants.push({ actions: ['batch:TerminateJob'], resources: [call.arn('batch', 'job/*')] }, accountWide(call, ['batch:DescribeJobs']));
    grants.push(syncRule(call, 'StepFunctionsGetEventsForBatchJobsRule'));
  }
  return grants;
}

function ecsTask(call: Call): Grant[] {
  const family = call.name('TaskDefinition');
  const taskDefinition = arnOr(call, family, (f) => call.arn('ecs', `task-definition/${f}${f === '*' || f.includes(':') ? '' : ':*'}`));
  const cluster = (call.literal('Cluster') ?? (call.isDynamic('Cluster') ? '*' : 'default')).split('/').pop()!;
  if (call.isDynamic('Cluster')) call.warn('Cluster is set at run time, so StopTask and DescribeTasks allow tasks in any cluster');
  const grants: Grant[] = [{ actions: ['ecs:RunTask'], resources: [taskDefinition] }];
  if (sync(call)) {
    grants.push({ actions: ['ecs:StopTask', 'ecs:DescribeTasks'], resources: [call.arn('ecs', `task/${cluster}/*`)] });
    grants.push(syncRule(call, 'StepFunctionsGetEventsForECSTaskRule'));
  }
  // RunTask passes the task definition's task and execution roles to ECS; only overrides name them here.
  const overrides = [...call.passRole('Overrides.TaskRoleArn', 'ecs-tasks.amazonaws.com'), ...call.passRole('Overrides.ExecutionRoleArn', 'ecs-tasks.amazonaws.com')];
  if (overrides.length === 0) {
    call.warn("RunTask passes the task definition's roles, which the definition does not name; iam:PassRole allows any role passed to ecs-tasks.amazonaws.com (name them in Overrides.TaskRoleArn/ExecutionRoleArn to narrow it)");
    overrides.push({ actions: ['iam:PassRole'], resources: [call.arn('iam', 'role/*', { region: '' })], condition: { StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } } });
  }
  return [...grants, ...overrides];
}

export const analyticsRules: RuleTable = {
  'glue:startJobRun': glueJob,
  'athena:startQueryExecution': athenaQuery,
  'athena:stopQueryExecution': (call) => [{ actions: ['athena:StopQueryExecution'], resources: [call.arn('athena', 'workgroup/*')] }],
  'athena:getQueryExecution': (call) => [{ actions: ['athena:GetQueryExecution'], resources: [call.arn('athena', 'workgroup/*')] }],
  'athena:getQueryResults': (call) => {
    call.warn('GetQueryResults reads the results from the work group\'s output location, which the definition does not name; s3:GetObject is granted on any bucket as in AWS\'s template');
    return [
      { actions: ['athena:GetQueryResults'], resources: [call.arn('athena', 'workgroup/*')] },
      { actions: ['s3:GetObject'], resources: [`arn:${call.scope.partition}:s3:::*`] },
    ];
  },
  'elasticmapreduce:addStep': emrStep,
  'emr-serverless:startJobRun': emrServerlessJob,
  'databrew:startJobRun': dataBrewJob,
  'batch:submitJob': batchJob,
  'ecs:runTask': ecsTask,
};
