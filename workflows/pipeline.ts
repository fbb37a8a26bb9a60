/**
 * pipeline: ingest, transform and train chained as nested executions (StartExecution `.sync:2`,
 * so each step ends when the child does and its output arrives as JSON). A failed child is caught
 * and reported once, here.
 */
import { expr, fail, input, result, sfn, sns, workflow, type IntegrationOptions } from 'stepwright';
import { alertsTopic, arn } from './config.js';

const failed = sns
  .publish('Notify pipeline failed', {
    TopicArn: alertsTopic,
    Subject: 'fraud pipeline failed',
    Message: expr("'pipeline ' & $states.context.Execution.Name & ' failed: ' & $states.input.Error"),
  }, { output: input() }) // keep the error for the Fail state
  .next(fail('Pipeline failed', { error: expr('$states.input.Error'), cause: expr('$states.input.Cause') }));

// Children run through their `live` alias, so a rollback of one (stepwright rollback) applies here too.
// They get the parent's execution id so the console links the runs. Starting one can be
// throttled when the account runs many executions; that is retried, a failed child is not.
// `input` is a JSONata expression giving the child's input object.
const child = (workflowName: string, input: string, options: IntegrationOptions = {}) =>
  sfn
    .startExecution(`Run ${workflowName}`, {
      StateMachineArn: arn.live(workflowName),
      Input: expr(`$merge([${input}, { "AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID": $states.context.Execution.Id }])`),
    }, { output: result('Output'), ...options })
    .retry({ errors: ['StepFunctions.ExecutionLimitExceededException'], interval: '1m', maxAttempts: 5, backoffRate: 2, jitter: 'FULL' })
    .catch(failed);

// Ingest gets the pipeline's input as it is (a date, a scheduled time, or nothing) and resolves the
// day; transform and train then work on that day, so a scheduled run with no input stays consistent.
export default workflow('pipeline', {
  comment: 'The daily fraud platform run: ingest, then features, then training',
  timeout: '12h',
  tags: { team: 'fraud-platform' },
  start: child('ingest', '$states.input', { assign: { runDate: expr('$states.result.Output.date') } })
    .next(child('transform', '{ "dates": [$runDate] }'))
    .next(child('train', '{ "date": $runDate }')),
});
