import { parseResource } from '../../src/model/resource.js';

describe("a Task's Resource, read once for the executor, IAM and the summary", () => {
  test.each([
    ['arn:aws:states:::lambda:invoke', 'integration', 'lambda', 'invoke', 'requestResponse', 'lambda', 'invoke'],
    ['arn:aws:states:::aws-sdk:s3:listBuckets.waitForTaskToken', 'aws-sdk', 's3', 'listBuckets', 'waitForTaskToken', 'aws-sdk:s3', 'listBuckets.waitForTaskToken'],
    ['arn:aws:states:::glue:startJobRun.sync', 'integration', 'glue', 'startJobRun', 'sync', 'glue', 'startJobRun.sync'],
    ['arn:aws:states:::states:startExecution.sync:2', 'integration', 'states', 'startExecution', 'sync', 'states', 'startExecution.sync:2'],
    ['arn:aws-cn:states:::sns:publish', 'integration', 'sns', 'publish', 'requestResponse', 'sns', 'publish'],
    ['arn:aws:lambda:us-east-1:123456789012:function:f', 'lambda-function', 'lambda', 'invoke', 'requestResponse', 'lambda', 'arn:aws:lambda:us-east-1:123456789012:function:f'],
    ['arn:aws:states:us-east-1:123456789012:activity:review', 'activity', 'states', '', 'requestResponse', 'activity', 'arn:aws:states:us-east-1:123456789012:activity:review'],
    ['arn:aws:states:::glue:start job', 'unknown', 'states', '', 'requestResponse', 'glue', 'start job'],
  ])('%s', (arn, kind, service, action, pattern, resourceType, resource) => {
    expect(parseResource(arn)).toEqual({ kind, service, action, pattern, resourceType, resource });
  });
});
