/**
 * transform: feature engineering over the new partitions. A Map runs an Athena CTAS per day
 * (at most 4 at once, retried with jitter when Athena throttles), then a Glue job compacts the
 * feature set. Written in JSONPath, to show both query languages at work.
 */
import { fail, glue, map, athena, ref, retries, sns, States, workflow } from 'stepwright';
import { alertsTopic, buckets } from './config.js';

const notifyFailure = sns
  .publish('Notify transform failed', {
    TopicArn: alertsTopic,
    Subject: 'fraud transform failed',
    Message: States.format('transform failed: {} - {}', ref('$.error.Error'), ref('$.error.Cause')),
  }, { resultPath: null }) // keep the error for the Fail state
  .next(fail('Transform failed', { errorPath: '$.error.Error', causePath: '$.error.Cause' }));

const buildFeatures = athena
  .startQueryExecution('Build daily features', {
    QueryString: States.format(
      "INSERT INTO features.daily SELECT card_id, dt, count(*) AS txn_count, sum(amount) AS amount_sum, max(amount) AS amount_max FROM curated.transactions WHERE dt = '{}' GROUP BY card_id, dt",
      ref('$.date'),
    ),
    QueryExecutionContext: { Database: 'features' },
    WorkGroup: 'fraud-etl',
    ResultConfiguration: { OutputLocation: `s3://${buckets.athenaResults}/features/` },
  }, {
    resultSelector: { queryExecutionId: ref('$.QueryExecution.QueryExecutionId'), state: ref('$.QueryExecution.Status.State') },
    resultPath: '$.query',
  })
  .retry(retries.throttling({ errors: ['Athena.TooManyRequestsException', 'Athena.ThrottlingException'], jitter: 'FULL' }));

const perDay = map('Features per day', {
  itemsPath: '$.dates',
  itemSelector: { date: ref('$$.Map.Item.Value') },
  maxConcurrency: 4,
  processor: buildFeatures,
  resultPath: '$.features',
}).catch(notifyFailure, { resultPath: '$.error' });

const compact = glue
  .startJobRun('Compact feature set', {
    JobName: 'features-compact',
    Arguments: { '--dates': States.jsonToString(ref('$.dates')) },
  }, { resultSelector: { jobRunId: ref('$.Id'), state: ref('$.JobRunState') }, resultPath: '$.compaction' })
  .retry(retries.throttling())
  .catch(notifyFailure, { resultPath: '$.error' });

export default workflow('transform', {
  comment: 'Daily features for the fraud model, one Athena query per partition',
  queryLanguage: 'JSONPath',
  timeout: '3h',
  tags: { team: 'fraud-data', stage: 'transform' },
  start: perDay.next(compact),
});
