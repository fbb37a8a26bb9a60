/**
 * pipeline: ingest, transform and train chained as nested executions (StartExecution `.sync:2`,
 * so each step ends when the child does and its output arrives as JSON). A failed child is caught
 * and reported once, here.
 */
import { context, expr, fail, input, result, sfn, sns, workflow } from 'stepwright';
import { alertsTopic, arn } from './config.js';

const failed = sns
  .publish('Notify pipeline failed', {
    TopicArn: alertsTopic,
    Subject: 'fraud pipeline failed',
    Message: expr("'pipeline ' & $states.context.Execution.Name & ' failed: ' & $states.input.Error"),
  }, { output: input() }) // keep the error for the Fail state
  .next(fail('Pipeline failed', { error: expr('$states.input.Error'), cause: expr('$states.input.Cause') }));

// Children get the parent's execution id so the console links the runs.
const child = (workflowName: string, payload: Record<string, unknown>) =>
  sfn
    .startExecution(`Run ${workflowName}`, {
      StateMachineArn: arn.stateMachine(workflowName),
      Input: { ...payload, AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID: context('Execution.Id') },
    }, { output: result('Output') })
    .catch(failed);

export default workflow('pipeline', {
  comment: 'The daily fraud platform run: ingest, then features, then training',
  timeout: '12h',
  tags: { team: 'fraud-platform' },
  start: child('ingest', { date: expr('$states.input.date') })
    .next(child('transform', { dates: expr('[$states.input.date]') }))
    .next(child('train', { date: expr('$states.input.date') })),
});
