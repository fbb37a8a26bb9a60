/** The package root offers what the README and issues promise, under those names. */
import * as root from '../src/index.js';

test('the package root exports the documented API', () => {
  const exported = root as Record<string, unknown>;
  for (const name of ['workflow', 'compile', 'buildDefinition', 'validateDefinition', 'execute', 'executionRolePolicy', 'testEventPattern', 'transformInput', 'nextFireTimes', 'schedule', 'rule', 'awsSdk', 'pollUntil']) {
    expect([name, typeof exported[name]]).toEqual([name, 'function']);
  }
  for (const service of ['glue', 'athena', 'sagemaker', 'lambda', 'sns', 'sfn', 'emrServerless', 'dms', 'bedrock']) {
    expect([service, typeof exported[service]]).toEqual([service, 'object']);
  }
});

test('testEventPattern, transformInput and nextFireTimes work from the root as the issue describes', () => {
  const event = { id: '1', account: '123456789012', source: 'aws.s3', time: '2026-11-01T00:00:00Z', region: 'eu-west-1', 'detail-type': 'Object Created', resources: [], detail: { object: { key: 'raw/a.json' } } };
  expect(root.testEventPattern({ source: ['aws.s3'], detail: { object: { key: [{ prefix: 'raw/' }] } } }, JSON.stringify(event))).toBe(true);
  expect(root.transformInput(event, { inputPathsMap: { key: '$.detail.object.key' }, inputTemplate: '{"key": "<key>"}' })).toBe('{"key": "raw/a.json"}');
  expect(root.nextFireTimes('cron(0 2 L * ? *)', { timezone: 'Europe/Berlin', from: new Date('2026-11-01T00:00:00Z'), count: 2 })).toEqual([new Date('2026-11-30T01:00:00Z'), new Date('2026-12-31T01:00:00Z')]);
  expect(() => root.testEventPattern('{"source": "aws.s3"}', JSON.stringify(event))).toThrow(/InvalidEventPatternException|must be an object or an array/);
});
