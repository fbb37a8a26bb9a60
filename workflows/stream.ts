/**
 * stream: the health check of the streaming path, every 15 minutes. Card transactions arrive on a
 * Kinesis data stream; a Managed Service for Apache Flink application scores them; Firehose
 * delivers the scored records to S3. The check:
 * 1. the Kinesis stream is ACTIVE (or UPDATING, which still takes writes) and the Firehose stream
 *    is ACTIVE; otherwise it alerts and stops before touching anything;
 * 2. the scoring application is RUNNING: started (from its latest snapshot) when it is READY,
 *    waited for when it is STARTING, UPDATING or AUTOSCALING, and left alone, with an alert, in any
 *    other state (stopping, rolling back, maintenance: a person decides);
 * 3. a canary transaction put on the stream lands in S3 within 5 minutes: the scoring job passes
 *    records flagged `canary` through, and Firehose's dynamic partitioning writes them under
 *    `canary/<canary_id>/` (60-second buffer), so one ListObjectsV2 on that prefix says whether it
 *    arrived.
 * Nothing is ever stopped: a failed check alerts (SNS) and fails the run. Written in JSONPath; the
 * polling loops are JSONata states, which AWS allows in a JSONPath machine.
 */
import { awsSdk, choice, conditions, expr, fail, firehose, flink, kinesis, pass, pollUntil, ref, sdkResource, sns, States, succeed, workflow } from 'stepwright';
import { alertsTopic, buckets, streaming } from './config.js';

const alert = sns
  .publish('Alert stream unhealthy', {
    TopicArn: alertsTopic,
    Subject: 'fraud stream health check failed',
    Message: States.format('stream health check {} failed: {} - {}', ref('$$.Execution.Name'), ref('$.error.Error'), ref('$.error.Cause')),
  }, { resultPath: null }) // keep the error for the Fail state
  .next(fail('Stream unhealthy', { errorPath: '$.error.Error', causePath: '$.error.Cause' }));

const onError = { resultPath: '$.error' };

const describeStream = kinesis
  .describeStreamSummary('Describe transaction stream', { StreamName: streaming.kinesisStream }, {
    resultSelector: { status: ref('$.StreamDescriptionSummary.StreamStatus') },
    resultPath: '$.kinesis',
  })
  .retry(kinesis.retries.throttling())
  .catch(alert, onError);

const describeDelivery = firehose
  .describeDeliveryStream('Describe delivery stream', { DeliveryStreamName: streaming.firehoseStream }, {
    resultSelector: { status: ref('$.DeliveryStreamDescription.DeliveryStreamStatus') },
    resultPath: '$.firehose',
  })
  .retry(firehose.retries.throttling())
  .catch(alert, onError);

const describeApp = flink
  .describeApplication('Describe scoring app', { ApplicationName: streaming.flinkApplication }, {
    resultSelector: { status: ref('$.ApplicationDetail.ApplicationStatus') },
    resultPath: '$.flink',
  })
  .catch(alert, onError);

const streamsActive = choice('Streams active?')
  .when(
    conditions.and(
      conditions.or(conditions.stringEquals('$.kinesis.status', 'ACTIVE'), conditions.stringEquals('$.kinesis.status', 'UPDATING')),
      conditions.stringEquals('$.firehose.status', 'ACTIVE'),
    ),
    describeApp,
  )
  .otherwise(
    pass('Describe inactive streams', {
      parameters: { Error: 'Stream.NotActive', Cause: States.format('kinesis stream is {}, firehose stream is {}', ref('$.kinesis.status'), ref('$.firehose.status')) },
      resultPath: '$.error',
    }).next(alert),
  );

// Checks at once, then every 30 seconds for up to 10 minutes.
const appRunning = flink.waitForApplication({ ApplicationName: streaming.flinkApplication }, {
  name: 'Scoring app',
  pollEvery: '30s',
  maxPolls: 20,
  catch: { handler: alert, ...onError },
});

const startApp = awsSdk('kinesisanalyticsv2', 'startApplication', {
  ApplicationName: streaming.flinkApplication,
  RunConfiguration: { ApplicationRestoreConfiguration: { ApplicationRestoreType: 'RESTORE_FROM_LATEST_SNAPSHOT' } },
}, { name: 'Start scoring app', resultPath: null })
  .catch(alert, onError);
startApp.next(appRunning);

const appState = choice('Scoring app running?')
  .when(conditions.stringEquals('$.flink.status', 'READY'), startApp)
  .when(
    conditions.or(...['RUNNING', 'STARTING', 'UPDATING', 'AUTOSCALING'].map((s) => conditions.stringEquals('$.flink.status', s))),
    appRunning,
  )
  .otherwise(
    pass('Describe unsafe app state', {
      parameters: { Error: 'Stream.ScoringAppNotStartable', Cause: States.format('the scoring application is {}; not touching it', ref('$.flink.status')) },
      resultPath: '$.error',
    }).next(alert),
  );

describeApp.next(appState);

// The canary: one transaction flagged as such, put on the stream; then a bounded wait for it in S3.
const CANARY_POLLS = 10;
const canary = pollUntil({
  name: 'Canary',
  start: {
    resource: sdkResource('kinesis', 'putRecord'),
    arguments: {
      StreamName: streaming.kinesisStream,
      PartitionKey: expr('$states.context.Execution.Name'),
      Data: expr('$string({ "canary_id": $states.context.Execution.Name, "card_id": "canary", "amount": 0, "currency": "EUR", "sent_at": $states.context.State.EnteredTime })'),
    },
    keep: { sequenceNumber: '$states.result.SequenceNumber' },
  },
  check: {
    resource: sdkResource('s3', 'listObjectsV2'),
    arguments: () => ({ Bucket: buckets.stream, Prefix: expr("'canary/' & $states.context.Execution.Name & '/'"), MaxKeys: 1 }),
  },
  status: "$states.result.KeyCount > 0 ? 'DELIVERED' : 'NOT_YET'",
  succeeded: ['DELIVERED'],
  errors: { timeout: 'Stream.CanaryNotDelivered' },
  timeoutCause: `the canary record was not in s3://${buckets.stream}/canary/ after ${CANARY_POLLS} polls (5 minutes)`,
  pollEvery: '30s',
  maxPolls: CANARY_POLLS,
  catch: { handler: alert, ...onError },
  output: (v) => expr(`$merge([$states.input, { "canary": { "sequenceNumber": ${v.sequenceNumber}, "polls": ${v.polls} } }])`),
});

appRunning.next(canary).next(succeed('Stream healthy'));

export default workflow('stream', {
  comment: 'Health check of the streaming path: streams active, scoring app running, a canary delivered to S3',
  queryLanguage: 'JSONPath',
  timeout: '20m',
  tags: { team: 'fraud-platform', stage: 'stream' },
  start: describeStream.next(describeDelivery).next(streamsActive),
});
