/**
 * cdc: change data capture of the core-banking card-accounts tables. A DMS full-load-and-CDC task
 * replicates them to S3 (a full load, then change files); once its full load is complete, a Spark
 * job on EMR Serverless merges the change files into the curated Iceberg table and exports the
 * day's snapshot; the day is then loaded into Redshift through the Data API.
 *
 * Rerunning for the same day is safe, and that is by design at each step:
 * - The replication task is started only when it is not running: `ready` → start-replication,
 *   `stopped`/`failed` → resume-processing (which continues from the task's checkpoint). A task that
 *   is running or starting is left alone and only watched.
 * - The merge is a MERGE INTO on the account key, ordered by each change's commit timestamp, so
 *   applying the same change files twice leaves the same table; the export for the day is
 *   overwritten.
 * - The load is one BatchExecuteStatement, which Redshift runs as one transaction: COPY the day's
 *   export into a temporary staging table, DELETE the day from the target, INSERT it from staging.
 *   A rerun replaces the day instead of adding it twice, and a failed load leaves the table as it
 *   was. (The day is checked to be a date before it reaches any SQL.)
 *
 * A failure stops nothing that was running before the run started: the workflow never stops the
 * replication task (its ongoing CDC is the source of tomorrow's changes, and a stop would fire the
 * cdc-on-replication-failure rule). It stops only what it started itself: the Spark job run when its
 * state times out (Step Functions cancels a `.sync` job), and the Redshift batch when it overruns its
 * polls (CancelStatement, which rolls the transaction back). Every failure publishes to the alerts
 * topic, then fails the run with the original error.
 *
 * Triggers: the nightly schedule (`scheduledTime`: loads the day before), the rule on the task's
 * failure or stop (`detectedAt`, `trigger: dms-event`: resumes the task and reloads the day before),
 * or a manual run with `date`. An event-triggered run does not resume a task that failed less than
 * an hour into its run: resuming it would fail again and fire the rule again, a restart loop.
 */
import { awsSdk, choice, dms, emrServerless, expr, fail, input, pass, pollVariables, redshiftData, sns, succeed, variable, workflow } from 'stepwright';
import { alertsTopic, buckets, cdc } from './config.js';

const failed = sns
  .publish('Notify cdc failed', {
    TopicArn: alertsTopic,
    Subject: 'fraud cdc failed',
    Message: expr("'cdc of ' & $runDate & ' failed: ' & $states.input.Error & ' - ' & $states.input.Cause"),
  }, { output: input() }) // keep the error for the Fail state
  .next(fail('CDC failed', { error: expr('$states.input.Error'), cause: expr('$states.input.Cause') }));

const resolveDay = pass('Resolve day', {
  assign: {
    runDate: expr(`(
      $dayBefore := function($time) { $fromMillis($toMillis($time) - 86400000, '[Y0001]-[M01]-[D01]') };
      $exists($states.input.date) ? $string($states.input.date)
        : $exists($states.input.scheduledTime) ? $dayBefore($states.input.scheduledTime)
        : $exists($states.input.detectedAt) ? $dayBefore($states.input.detectedAt)
        : $dayBefore($states.context.Execution.StartTime)
    )`),
    trigger: expr("$exists($states.input.trigger) ? $states.input.trigger : 'manual'"),
  },
});

const describeTask = dms
  .describeReplicationTasks('Describe replication task', {
    Filters: [{ Name: 'replication-task-arn', Values: [cdc.replicationTask] }],
    WithoutSettings: true,
  }, {
    assign: {
      taskStatus: expr('$states.result.ReplicationTasks[0].Status'),
      // How long the task ran before it stopped or failed (0 when DMS does not say).
      taskRanMs: expr('$exists($states.result.ReplicationTasks[0].ReplicationTaskStats.ElapsedTimeMillis) ? $states.result.ReplicationTasks[0].ReplicationTaskStats.ElapsedTimeMillis : 0'),
    },
  })
  .retry(dms.retries.throttling())
  .catch(failed);

// Checks at once, then every 5 minutes for up to 3 hours. Starts nothing.
const fullLoad = dms.waitForReplicationTask({ ReplicationTaskArn: cdc.replicationTask }, {
  name: 'Full load',
  until: 'full-load-complete',
  pollEvery: '5m',
  maxPolls: 36,
  retry: dms.retries.throttling(),
  catch: failed,
});

const startTask = awsSdk('databasemigration', 'startReplicationTask', {
  ReplicationTaskArn: cdc.replicationTask,
  StartReplicationTaskType: variable('startType'),
}, { name: 'Start replication task', output: input() })
  .retry(dms.retries.throttling())
  .catch(failed);
startTask.next(fullLoad);

const startOrResume = choice('Start or resume?')
  .when(expr("$taskStatus in ['running', 'starting']"), fullLoad, { assign: { replication: 'already running' } })
  .when(expr("$trigger = 'dms-event' and $taskStatus = 'failed' and $taskRanMs < 3600000"),
    pass('Describe restart loop', {
      output: expr("{ 'Error': 'DMS.RestartLoop', 'Cause': 'the replication task failed ' & $string($round($taskRanMs / 60000)) & ' minutes into its run; not resuming it from an event' }"),
    }).next(failed))
  .when(expr("$taskStatus = 'ready'"), startTask, { assign: { startType: 'start-replication', replication: 'started' } })
  .when(expr("$taskStatus in ['stopped', 'failed']"), startTask, { assign: { startType: 'resume-processing', replication: 'resumed' } })
  .otherwise(
    pass('Describe busy task', {
      output: expr("{ 'Error': 'DMS.ReplicationTaskBusy', 'Cause': 'the replication task is ' & $taskStatus & '; not starting it' }"),
    }).next(failed),
  );

const exportPrefix = `s3://${buckets.curated}/exports/card_accounts/`;

const merge = emrServerless
  .startJobRun('Merge change files', {
    ApplicationId: cdc.sparkApplicationId,
    ExecutionRoleArn: cdc.sparkJobRole,
    Name: expr("'cdc-merge-' & $runDate"),
    JobDriver: {
      SparkSubmit: {
        EntryPoint: `s3://${buckets.code}/cdc/merge_card_accounts.py`,
        EntryPointArguments: [
          '--run-date', variable('runDate'),
          '--changes', `s3://${buckets.cdc}/core_banking/card_accounts/`,
          '--table', 'curated.card_accounts',
          '--export', expr(`'${exportPrefix}' & $runDate & '/'`),
        ],
        SparkSubmitParameters: '--conf spark.executor.cores=4 --conf spark.executor.memory=16g --conf spark.sql.extensions=org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions',
      },
    },
    ExecutionTimeoutMinutes: 120,
  }, { timeout: '2h15m', assign: { mergeJobRunId: expr('$states.result.JobRunId') } })
  .retry(emrServerless.retries.throttling())
  .catch(failed);

// One transaction: the day is replaced whole, or the table is left as it was.
const stage = 'stage_card_accounts';
const target = 'analytics.card_accounts_daily';
const LOAD = 'Load the day';
const loadFailed = choice('Load overran?')
  .when(
    expr("$states.input.Error = 'RedshiftData.StatementTimeout'"),
    redshiftData
      .cancelStatement('Cancel the load', { Id: expr(pollVariables(LOAD, 'statementId').statementId!) }, { output: input() })
      .catch(failed)
      .next(failed),
  )
  .otherwise(failed);

const load = redshiftData.batchExecuteStatement({
  ClusterIdentifier: cdc.redshiftCluster,
  Database: cdc.redshiftDatabase,
  StatementName: expr("'cdc-load-' & $runDate"),
  Sqls: [
    `CREATE TEMP TABLE ${stage} (LIKE ${target})`,
    expr(`"COPY ${stage} FROM '${exportPrefix}" & $runDate & "/' IAM_ROLE '${cdc.redshiftCopyRole}' FORMAT AS PARQUET"`),
    expr(`"DELETE FROM ${target} WHERE snapshot_date = '" & $runDate & "'"`),
    `INSERT INTO ${target} SELECT * FROM ${stage}`,
  ],
}, {
  name: LOAD,
  pollEvery: '30s',
  maxPolls: 60,
  retry: redshiftData.retries.throttling(),
  catch: loadFailed,
  output: (v) => expr(`{ "date": $runDate, "replication": $replication, "mergeJobRunId": $mergeJobRunId, "loadStatementId": ${v.statementId} }`),
});

describeTask.next(startOrResume);
fullLoad.next(merge).next(load).next(succeed('Day loaded'));

const validDay = choice('Valid day?')
  .when(expr('$contains($runDate, /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/)'), describeTask)
  .otherwise(pass('Describe invalid day', { output: expr("{ 'Error': 'CDC.InvalidDate', 'Cause': 'not a day (YYYY-MM-DD): ' & $runDate }") }).next(failed));

export default workflow('cdc', {
  comment: 'Replicate the card-accounts tables with DMS, merge the changes with Spark, load the day into Redshift',
  timeout: '8h',
  tags: { team: 'fraud-data', stage: 'ingest' },
  start: resolveDay.next(validDay),
});
