/**
 * ingest: a day of card transactions lands in S3 under raw/year=/month=/day=; the Glue crawler
 * brings the new partition into the Data Catalog; a Glue job (with bookmarks, so reruns skip what
 * is done) converts it to Parquet; a data-quality check gates it. Any failure notifies and fails.
 */
import { choice, expr, fail, glue, input, lambda, pass, result, retries, sns, succeed, variable, workflow } from 'stepwright';
import { alertsTopic, arn, buckets } from './config.js';

const failed = sns
  .publish('Notify ingest failed', {
    TopicArn: alertsTopic,
    Subject: 'fraud ingest failed',
    Message: expr("'ingest of ' & $runDate & ' failed: ' & $states.input.Error & ' - ' & $states.input.Cause"),
  }, { output: input() }) // keep the error for the Fail state
  .next(fail('Ingest failed', { error: expr('$states.input.Error'), cause: expr('$states.input.Cause') }));

// Before anything else the day is fixed. Each trigger says it differently: a manual run gives
// `date`, the landing rule gives the object's `source` (raw/year=/month=/day=/...), and the nightly
// schedule gives `scheduledTime`, whose run ingests the day before (as does a run with no input).
// (A state's Output sees variables as they were before it, so later states read $runDate, not this one.)
const resolveDay = pass('Resolve partition', {
  assign: {
    runDate: expr(`(
      $partition := $match($string($states.input.source), /year=(\\d{4})\\/month=(\\d{2})\\/day=(\\d{2})/);
      $dayBefore := function($time) { $fromMillis($toMillis($time) - 86400000, '[Y0001]-[M01]-[D01]') };
      $exists($states.input.date) ? $states.input.date
        : $partition ? $join($partition.groups, '-')
        : $exists($states.input.scheduledTime) ? $dayBefore($states.input.scheduledTime)
        : $dayBefore($states.context.Execution.StartTime)
    )`),
  },
});

const crawl = glue.startCrawler('fraud-raw-transactions', {
  name: 'Catalog raw partition',
  pollEvery: '30s',
  maxPolls: 40,
  // Errors of service integrations carry the service's prefix (Glue.ThrottlingException): the Glue preset names them.
  retry: glue.retries.throttling(),
  catch: failed,
});

const toParquet = glue
  .startJobRun(
    'Convert to Parquet',
    {
      JobName: 'transactions-raw-to-parquet',
      Arguments: {
        '--run_date': variable('runDate'),
        '--source': expr(
          `'s3://${buckets.landing}/raw/year=' & $substring($runDate, 0, 4) & '/month=' & $substring($runDate, 5, 2) & '/day=' & $substring($runDate, 8, 2) & '/'`,
        ),
        '--target': `s3://${buckets.curated}/transactions/`,
      },
      WorkerType: 'G.1X',
      NumberOfWorkers: 10,
    },
    { jobBookmark: 'enable', timeout: '2h', output: expr('{ "date": $runDate, "jobRunId": $states.result.Id }') },
  )
  .retry(glue.retries.throttling())
  .catch(failed);

const checkQuality = lambda
  .invoke('Check data quality', { FunctionName: arn.lambda('fraud-dq-check'), Payload: { date: variable('runDate'), table: 'curated.transactions' } }, { output: result('Payload') })
  .catch(failed);

const gate = choice('Quality passed?')
  .when(expr('$states.input.passed = true'), succeed('Ingested', { output: expr('{ "date": $runDate, "rows": $states.input.rowCount }') }))
  .otherwise(
    pass('Describe quality failure', {
      output: expr('{ "Error": "DataQuality.Failed", "Cause": $join($states.input.failedRules, ", ") }'),
    }).next(failed),
  );

export default workflow('ingest', {
  comment: 'Land a day of transactions: catalog, convert to Parquet, check quality',
  timeout: '4h',
  tags: { team: 'fraud-data', stage: 'ingest' },
  start: resolveDay.next(crawl).next(toParquet).next(checkQuality).next(gate),
});

