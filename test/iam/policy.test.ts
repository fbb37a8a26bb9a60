/**
 * executionRolePolicy over whole definitions: nested and distributed Maps, Parallel branches,
 * hand-written JSONPath ASL, SDK integrations and polling loops, merging and ordering, and the
 * warnings that replace any silent wildcard.
 */
import { appflow, awsSdk, datasync, dms, firehose, flink, glue, kinesis, lambda, map, parallel, redshiftData, ref, s3, sns, type StateMachineDefinition } from '../../src/index.js';
import { executionRolePolicy } from '../../src/iam/index.js';
import { actions, ACCOUNT, policyOf, resourcesOf } from './helpers.js';

test('hand-written JSONPath ASL: literal fields name resources, `key.$` fields are dynamic', () => {
  const definition: StateMachineDefinition = {
    StartAt: 'Publish',
    States: {
      Publish: { Type: 'Task', Resource: 'arn:aws:states:::sns:publish', Parameters: { TopicArn: 'arn:aws:sns:eu-west-1:111122223333:alerts', 'Message.$': '$.m' }, Next: 'Run' },
      Run: { Type: 'Task', Resource: 'arn:aws:states:::glue:startJobRun', Parameters: { 'JobName.$': '$.job' }, Next: 'Direct' },
      Direct: { Type: 'Task', Resource: 'arn:aws:lambda:eu-west-1:111122223333:function:legacy', Next: 'Worker' },
      Worker: { Type: 'Task', Resource: 'arn:aws:states:eu-west-1:111122223333:activity:manual-review', End: true },
    },
  };
  const { document, warnings } = executionRolePolicy(definition, ACCOUNT);
  expect(document.Statement).toEqual([
    { Effect: 'Allow', Action: ['glue:StartJobRun'], Resource: ['arn:aws:glue:eu-west-1:111122223333:job/*'] },
    { Effect: 'Allow', Action: ['lambda:InvokeFunction'], Resource: ['arn:aws:lambda:eu-west-1:111122223333:function:legacy', 'arn:aws:lambda:eu-west-1:111122223333:function:legacy:*'] },
    { Effect: 'Allow', Action: ['sns:Publish'], Resource: ['arn:aws:sns:eu-west-1:111122223333:alerts'] },
  ]);
  expect(warnings).toEqual(['state "Run": JobName is set at run time, so the policy allows any (*) in its place']);
});

test('states inside Parallel branches and inline Map processors are included', () => {
  const chain = parallel('Both', { branches: [sns.publish({ TopicArn: 'arn:aws:sns:eu-west-1:111122223333:a', Message: 'm' }), map('Each', { items: [1, 2], processor: lambda.invoke({ FunctionName: 'f' }) })] });
  expect(actions(policyOf(chain).document.Statement)).toEqual(['lambda:InvokeFunction', 'sns:Publish']);
});

describe('distributed Map', () => {
  const processor = () => glue.startJobRun({ JobName: 'per-file' });
  const distributed = () =>
    map('Files', {
      processor: processor(),
      itemReader: { Resource: 'arn:aws:states:::s3:listObjectsV2', Arguments: { Bucket: 'landing', Prefix: 'raw/' } },
      resultWriter: { Resource: 'arn:aws:states:::s3:putObject', Arguments: { Bucket: 'results', Prefix: 'runs/files' } },
    });

  test('starts child executions of itself, lists the bucket, writes results, and grants what the children call', () => {
    const { document, warnings } = policyOf(distributed(), { ...ACCOUNT, stateMachineName: 'ingest' });
    expect(resourcesOf(document.Statement, 'states:StartExecution')).toEqual(['arn:aws:states:eu-west-1:111122223333:stateMachine:ingest']);
    expect(resourcesOf(document.Statement, 'states:StopExecution')).toEqual(['arn:aws:states:eu-west-1:111122223333:execution:ingest/*']);
    expect(resourcesOf(document.Statement, 's3:ListBucket')).toEqual(['arn:aws:s3:::landing']);
    expect(resourcesOf(document.Statement, 's3:PutObject')).toEqual(['arn:aws:s3:::results/runs/files*']);
    expect(actions(document.Statement)).toEqual(
      expect.arrayContaining(['s3:AbortMultipartUpload', 's3:GetObject', 's3:ListMultipartUploadParts', 'glue:StartJobRun', 'glue:GetJobRun']),
    );
    expect(warnings).toEqual([]);
  });

  test('without the state machine name: any state machine, said in a warning', () => {
    const { document, warnings } = policyOf(distributed());
    expect(resourcesOf(document.Statement, 'states:StartExecution')).toEqual(['arn:aws:states:eu-west-1:111122223333:stateMachine:*']);
    expect(warnings).toEqual([expect.stringMatching(/^state "Files": needs permissions on the state machine itself.*stateMachineName/)]);
  });

  test('a CSV/JSON file item reader needs GetObject on that object', () => {
    const chain = map('Rows', { processor: processor(), itemReader: { Resource: 'arn:aws:states:::s3:getObject', ReaderConfig: { InputType: 'CSV', CSVHeaderLocation: 'FIRST_ROW' }, Arguments: { Bucket: 'landing', Key: 'list.csv' } } });
    expect(resourcesOf(policyOf(chain, { ...ACCOUNT, stateMachineName: 'x' }).document.Statement, 's3:GetObject')).toEqual(['arn:aws:s3:::landing/list.csv']);
  });
});

describe('SDK integrations and polling loops', () => {
  test('s3 list/get/put/copy map to the S3 actions that authorise them', () => {
    const chain = s3
      .listObjects({ Bucket: 'landing', Prefix: 'raw/' })
      .next(s3.getObject({ Bucket: 'landing', Key: 'a.json' }))
      .next(s3.putObject({ Bucket: 'curated', Key: 'a.json', Body: 'x' }))
      .next(s3.copyObject({ Bucket: 'archive', Key: 'a.json', CopySource: 'landing/a.json' }));
    expect(policyOf(chain).document.Statement).toEqual([
      { Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::landing/a.json'] },
      { Effect: 'Allow', Action: ['s3:ListBucket'], Resource: ['arn:aws:s3:::landing'] },
      { Effect: 'Allow', Action: ['s3:PutObject'], Resource: ['arn:aws:s3:::archive/a.json', 'arn:aws:s3:::curated/a.json'] },
    ]);
  });

  test('dms loop: StartReplicationTask on the task, DescribeReplicationTasks account-wide (said)', () => {
    const task = 'arn:aws:dms:eu-west-1:111122223333:task:FULL';
    const { document, warnings } = policyOf(dms.startReplicationTask({ ReplicationTaskArn: task, StartReplicationTaskType: 'reload-target' }));
    expect(document.Statement).toEqual([
      { Effect: 'Allow', Action: ['dms:DescribeReplicationTasks'], Resource: ['*'] },
      { Effect: 'Allow', Action: ['dms:StartReplicationTask'], Resource: [task] },
    ]);
    expect(warnings).toEqual(['dms:DescribeReplicationTasks supports no resource-level permissions; it is granted on *']);
  });

  test('datasync loop: the describe call follows the task the start call names (no wildcard)', () => {
    const task = 'arn:aws:datasync:eu-west-1:111122223333:task/task-0abc';
    const { document, warnings } = policyOf(datasync.startTaskExecution({ TaskArn: task }));
    expect(resourcesOf(document.Statement, 'datasync:DescribeTaskExecution')).toEqual([`${task}/execution/*`]);
    expect(warnings).toEqual([]);
  });

  test('redshift data loop on a cluster with a secret', () => {
    const secret = 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:redshift-etl-AbCd';
    const { document } = policyOf(redshiftData.executeStatement({ Sql: 'COPY ...', Database: 'dev', ClusterIdentifier: 'dw', SecretArn: secret }));
    expect(resourcesOf(document.Statement, 'redshift-data:ExecuteStatement')).toEqual(['arn:aws:redshift:eu-west-1:111122223333:cluster:dw']);
    expect(resourcesOf(document.Statement, 'secretsmanager:GetSecretValue')).toEqual([secret]);
    expect(actions(document.Statement)).toContain('redshift-data:DescribeStatement');
  });

  test('flink start loop', () => {
    expect(policyOf(flink.startApplication({ ApplicationName: 'enrich' })).document.Statement).toEqual([
      { Effect: 'Allow', Action: ['kinesisanalytics:DescribeApplication', 'kinesisanalytics:StartApplication'], Resource: ['arn:aws:kinesisanalytics:eu-west-1:111122223333:application/enrich'] },
    ]);
  });

  test('redshift data batch on a cluster with IAM credentials; cancel is account-wide (said)', () => {
    const chain = redshiftData
      .batchExecuteStatement({ Sqls: ['DELETE FROM t', 'INSERT INTO t SELECT 1'], Database: 'fraud', ClusterIdentifier: 'dw', StatementName: 'load' })
      .next(redshiftData.cancelStatement({ Id: 's-1' }));
    const { document, warnings } = policyOf(chain);
    expect(resourcesOf(document.Statement, 'redshift-data:BatchExecuteStatement')).toEqual(['arn:aws:redshift:eu-west-1:111122223333:cluster:dw']);
    expect(resourcesOf(document.Statement, 'redshift:GetClusterCredentialsWithIAM')).toEqual(['arn:aws:redshift:eu-west-1:111122223333:dbname:dw/fraud']);
    expect(resourcesOf(document.Statement, 'redshift-data:CancelStatement')).toEqual(['*']);
    expect(actions(document.Statement)).not.toContain('redshift-data:ExecuteStatement');
    expect(warnings).toContain('redshift-data:CancelStatement supports no resource-level permissions; it is granted on *');
  });

  test('stream checks: DescribeStreamSummary, DescribeDeliveryStream and DescribeApplication on the named resources, no warning', () => {
    const chain = kinesis
      .describeStreamSummary({ StreamName: 'transactions' })
      .next(firehose.describeDeliveryStream({ DeliveryStreamName: 'scored-to-s3' }))
      .next(flink.describeApplication({ ApplicationName: 'scorer' }))
      .next(flink.waitForApplication({ ApplicationName: 'scorer' }));
    const { document, warnings } = policyOf(chain);
    expect(document.Statement).toEqual([
      { Effect: 'Allow', Action: ['firehose:DescribeDeliveryStream'], Resource: ['arn:aws:firehose:eu-west-1:111122223333:deliverystream/scored-to-s3'] },
      { Effect: 'Allow', Action: ['kinesis:DescribeStreamSummary'], Resource: ['arn:aws:kinesis:eu-west-1:111122223333:stream/transactions'] },
      { Effect: 'Allow', Action: ['kinesisanalytics:DescribeApplication'], Resource: ['arn:aws:kinesisanalytics:eu-west-1:111122223333:application/scorer'] },
    ]);
    expect(warnings).toEqual([]);
  });

  test('appflow run loop: StartFlow and DescribeFlowExecutionRecords on the flow', () => {
    expect(policyOf(appflow.runFlow({ FlowName: 'salesforce-accounts' })).document.Statement).toEqual([
      { Effect: 'Allow', Action: ['appflow:DescribeFlowExecutionRecords', 'appflow:StartFlow'], Resource: ['arn:aws:appflow:eu-west-1:111122223333:flow/salesforce-accounts'] },
    ]);
  });

  test('dms wait loop and describe: DescribeReplicationTasks only, nothing that starts or stops the task', () => {
    const task = 'arn:aws:dms:eu-west-1:111122223333:task:CDC';
    const chain = dms.describeReplicationTasks({ Filters: [{ Name: 'replication-task-arn', Values: [task] }] }).next(dms.waitForReplicationTask({ ReplicationTaskArn: task }, { until: 'full-load-complete' }));
    expect(policyOf(chain).document.Statement).toEqual([{ Effect: 'Allow', Action: ['dms:DescribeReplicationTasks'], Resource: ['*'] }]);
  });

  test('any other SDK action: its IAM action on *, with a warning', () => {
    const { document, warnings } = policyOf(awsSdk('databasemigration', 'testConnection', {}, { name: 'Test' }).next(awsSdk('ec2', 'describeInstances', {}, { name: 'Describe' })));
    expect(document.Statement).toEqual([{ Effect: 'Allow', Action: ['dms:TestConnection', 'ec2:DescribeInstances'], Resource: ['*'] }]);
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/^state "Describe": stepwright does not know the resources of ec2:DescribeInstances/);
  });
});

describe('merging, ordering and options', () => {
  test('the same permission from two states appears once; output is identical across runs', () => {
    const chain = () => glue.startJobRun('A', { JobName: 'j' }).next(glue.startJobRun('B', { JobName: 'j' })).next(sns.publish({ TopicArn: 'arn:aws:sns:eu-west-1:111122223333:t', Message: 'm' }));
    const first = policyOf(chain());
    expect(first.document.Statement).toHaveLength(2);
    expect(JSON.stringify(policyOf(chain()))).toBe(JSON.stringify(first));
  });

  test('* absorbs narrower resources of the same action', () => {
    const chain = glue.startJobRun('A', { JobName: 'j' }, { pattern: 'requestResponse' }).next(glue.startJobRun('B', { JobName: ref('$.j') }, { pattern: 'requestResponse', queryLanguage: 'JSONPath' }));
    expect(resourcesOf(policyOf(chain).document.Statement, 'glue:StartJobRun')).toEqual(['arn:aws:glue:eu-west-1:111122223333:job/*']);
  });

  test('unknown region and account: * in ARNs and one warning each', () => {
    const { document, warnings } = policyOf(glue.startJobRun({ JobName: 'j' }).next(glue.startCrawler('c')), {});
    expect(resourcesOf(document.Statement, 'glue:StartCrawler')).toEqual(['arn:aws:glue:*:*:crawler/c']);
    expect(warnings).toEqual(['no account given: ARNs use * for the account (pass { account })', 'no region given: ARNs use * for the region (pass { region })']);
  });

  test('partition', () => {
    expect(resourcesOf(policyOf(glue.startCrawler('c'), { ...ACCOUNT, partition: 'aws-cn' }).document.Statement, 'glue:GetCrawler')).toEqual(['arn:aws-cn:glue:eu-west-1:111122223333:crawler/c']);
  });

  test('cross-account Credentials: the execution role only assumes the target role', () => {
    const { document, warnings } = policyOf(glue.startJobRun({ JobName: 'j' }, { credentials: { RoleArn: 'arn:aws:iam::999988887777:role/etl' } }));
    expect(document.Statement).toEqual([{ Effect: 'Allow', Action: ['sts:AssumeRole'], Resource: ['arn:aws:iam::999988887777:role/etl'] }]);
    expect(warnings[0]).toMatch(/Credentials.RoleArn; that role needs the service permissions/);
  });

  test('a resource stepwright does not know grants nothing and says so', () => {
    const definition: StateMachineDefinition = { StartAt: 'X', States: { X: { Type: 'Task', Resource: 'arn:aws:states:::mediaconvert:createJob.sync', End: true } } };
    const { document, warnings } = executionRolePolicy(definition, ACCOUNT);
    expect(document.Statement).toEqual([]);
    expect(warnings).toEqual(['state "X": no IAM table entry for mediaconvert:createJob; the policy grants nothing for it']);
  });
});
