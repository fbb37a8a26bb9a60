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
  })
  .next(fail('Ingest failed', { error: expr('$states.input.Error'), cause: expr('$states.input.Cause') }));

// Before anything else the day is fixed, from the input or the execution's start.
const resolveDay = pass('Resolve partition', {
  assign: {
    runDate: expr('$exists($states.input.date) ? $states.input.date : $substring($states.context.Execution.StartTime, 0, 10)'),
  },
  output: expr(
    `{ "date": $runDate, "prefix": "raw/year=" & $substring($runDate, 0, 4) & "/month=" & $substring($runDate, 5, 2) & "/day=" & $substring($runDate, 8, 2) & "/" }`,
  ),
});

const crawl = glue.startCrawler('fraud-raw-transactions', {
  name: 'Catalog raw partition',
  pollEvery: '30s',
  maxPolls: 40,
  retry: retries.throttling(),
  catch: failed,
});

const toParquet = glue
  .startJobRun(
    'Convert to Parquet',
    {
      JobName: 'transactions-raw-to-parquet',
      Arguments: {
        '--run_date': variable('runDate'),
        '--source': expr(`'s3://${buckets.landing}/' & $states.input.prefix`),
        '--target': `s3://${buckets.curated}/transactions/`,
      },
      WorkerType: 'G.1X',
      NumberOfWorkers: 10,
    },
    { jobBookmark: 'enable', timeout: '2h', output: expr('{ "date": $runDate, "jobRunId": $states.result.Id }') },
  )
  .retry(retries.throttling())
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

// Keep the input shape documented next to the workflow.
export const sampleInput = { date: '2026-11-01' } satisfies { date?: string };
void input;
