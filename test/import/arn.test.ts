/**
 * `stepwright import --arn`: a state machine created through the real Step Functions SDK client on
 * moto's server (loopback), read back with DescribeStateMachine and ListTagsForResource.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateStateMachineCommand, SFNClient } from '@aws-sdk/client-sfn';
import { stepwrightProcess as stepwright } from '../cli/run-cli.js';
import { describeWithMoto } from '../support/moto.js';

jest.setTimeout(120_000);

const definition = {
  Comment: 'Deployed by hand',
  StartAt: 'Wait a bit',
  States: {
    'Wait a bit': { Type: 'Wait', Seconds: 90, Next: 'Notify' },
    Notify: { Type: 'Task', Resource: 'arn:aws:states:::sns:publish', Parameters: { TopicArn: 'arn:aws:sns:ap-south-2:123456789012:ops', 'Message.$': '$.text' }, End: true },
  },
};

describeWithMoto('import --arn', (endpoint) => {
  const region = 'ap-south-2'; // moto keeps regions apart: this one is ours
  const env = { AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing', AWS_REGION: region };
  let arn: string;

  beforeAll(async () => {
    Object.assign(process.env, env);
    const client = new SFNClient({ region, endpoint, credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' } });
    const created = await client.send(
      new CreateStateMachineCommand({ name: `orders-${process.pid}`, definition: JSON.stringify(definition), roleArn: 'arn:aws:iam::123456789012:role/sfn', tags: [{ key: 'team', value: 'ops' }] }),
    );
    arn = created.stateMachineArn!;
    client.destroy();
  });

  test('writes the deployed machine as a workflow module that compiles to its definition', () => {
    const dir = mkdtempSync(join(tmpdir(), 'stepwright-arn-'));
    writeFileSync(join(dir, 'stepwright.config.json'), JSON.stringify({ region, account: '123456789012' }));
    const r = stepwright(['import', '--arn', arn, '--endpoint', endpoint, '--name', 'orders'], dir);
    // (On Node 20 the AWS SDK warns on stderr that its 2027 releases will need Node 22.)
    expect(r.stderr).not.toContain('problem');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`workflows/orders.ts  ← ${arn}  (compiles back to the same definition`);
    const source = readFileSync(join(dir, 'workflows', 'orders.ts'), 'utf8');
    expect(source).toContain("wait('Wait a bit', { seconds: '1m30s' })");
    expect(source).toContain("sns.publish('Notify', { TopicArn: 'arn:aws:sns:ap-south-2:123456789012:ops', Message: ref('$.text') })");
    expect(source).toContain("tags: { team: 'ops' },");
    const built = stepwright(['build', '--out', 'out', '--quiet'], dir);
    expect(built.stderr).toBe('');
    expect(JSON.parse(readFileSync(join(dir, 'out', 'asl', 'orders.asl.json'), 'utf8'))).toEqual(definition);
  });

  test('the endpoint can come from AWS_ENDPOINT_URL; the name from the machine', () => {
    const dir = mkdtempSync(join(tmpdir(), 'stepwright-arn-'));
    const r = stepwright(['import', '--arn', arn], dir, { ...env, AWS_ENDPOINT_URL: endpoint });
    expect(r.status).toBe(0);
    expect(readFileSync(join(dir, 'workflows', `orders-${process.pid}.ts`), 'utf8')).toContain(`export default workflow('orders-${process.pid}'`);
  });

  test('a machine that does not exist is a clear message, exit 1', () => {
    const missing = arn.replace(/stateMachine:.*$/, 'stateMachine:nope');
    const r = stepwright(['import', '--arn', missing, '--endpoint', endpoint], mkdtempSync(join(tmpdir(), 'stepwright-arn-')));
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`field --arn: DescribeStateMachine ${missing} failed: StateMachineDoesNotExist`);
  });
});
