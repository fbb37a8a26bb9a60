/**
 * saas: merchant accounts from Salesforce, through an on-demand AppFlow flow that writes them to
 * the landing bucket (saas/salesforce/merchant_accounts/), then a Glue crawler that brings the new
 * files into the Data Catalog. AppFlow has no `.sync`: the flow run is followed by polling
 * DescribeFlowExecutionRecords for the run StartFlow returned. A flow still running from before
 * (AppFlow answers ConflictException) is waited for by retrying the start. Any failure notifies
 * and fails the run; the flow is incremental on LastModifiedDate, so a rerun pulls what is new.
 */
import { appflow, expr, fail, glue, input, retries, sns, succeed, workflow } from 'stepwright';
import { alertsTopic, saas } from './config.js';

const failed = sns
  .publish('Notify saas failed', {
    TopicArn: alertsTopic,
    Subject: 'fraud saas ingest failed',
    Message: expr("'saas ingest of ' & $states.context.Execution.Name & ' failed: ' & $states.input.Error & ' - ' & $states.input.Cause"),
  }, { output: input() }) // keep the error for the Fail state
  .next(fail('SaaS ingest failed', { error: expr('$states.input.Error'), cause: expr('$states.input.Cause') }));

// Checks every minute for up to an hour. Throttling, and a previous run of the flow still in
// progress (ConflictException), are retried with backoff: up to about 40 minutes in all.
const pull = appflow.runFlow({ FlowName: saas.flow }, {
  name: 'Pull merchant accounts',
  pollEvery: '1m',
  maxPolls: 60,
  retry: retries.throttling({ errors: ['Appflow.ThrottlingException', 'Appflow.ConflictException'], interval: '1m', maxAttempts: 6, maxDelay: '10m', comment: 'throttled, or a previous run still in progress' }),
  catch: failed,
  output: (v) => expr(`{ "flowRunId": ${v.executionId} }`),
});

const crawl = glue.startCrawler(saas.crawler, {
  name: 'Catalog merchant accounts',
  pollEvery: '30s',
  maxPolls: 40,
  retry: glue.retries.throttling({ errors: ['Glue.ThrottlingException', 'Glue.CrawlerRunningException'] }),
  catch: failed,
});

export default workflow('saas', {
  comment: 'Pull Salesforce merchant accounts with AppFlow, then catalog them',
  timeout: '3h',
  tags: { team: 'fraud-data', stage: 'ingest' },
  start: pull.next(crawl).next(succeed('Accounts landed')),
});
