import { parseResource } from '../../src/engine/states/task.js';

describe('Task resources as history names them', () => {
  test.each([
    ['arn:aws:states:::lambda:invoke', 'lambda', 'invoke', false, 'request-response'],
    ['arn:aws:states:::aws-sdk:s3:listBuckets.waitForTaskToken', 'aws-sdk:s3', 'listBuckets.waitForTaskToken', false, 'waitForTaskToken'],
    ['arn:aws:states:::glue:startJobRun.sync', 'glue', 'startJobRun.sync', false, 'sync'],
    ['arn:aws:states:::states:startExecution.sync:2', 'states', 'startExecution.sync:2', false, 'sync'],
    ['arn:aws:lambda:us-east-1:123456789012:function:f', 'lambda', 'arn:aws:lambda:us-east-1:123456789012:function:f', true, 'request-response'],
  ])('%s', (arn, resourceType, resource, legacyLambda, pattern) => {
    expect(parseResource(arn)).toEqual({ resourceType, resource, legacyLambda, pattern });
  });
});
