/**
 * `stepwright import` as a user runs it: ASL files and SAM/CloudFormation templates become
 * workflow modules that `stepwright build` turns back into the same definitions, placeholders
 * included (read from stepwright.config.json); bad input is a located message and exit 1.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// In this process (main() called directly), but for one case that checks what a user's shell sees.
import { stepwright, stepwrightProcess, STACK_LINE, type CliResult } from '../cli/run-cli.js';

jest.setTimeout(120_000);

const definition = {
  Comment: 'Orders',
  StartAt: 'Charge',
  States: {
    Charge: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Parameters: { FunctionName: '${ChargeFunctionArn}', 'Payload.$': '$' },
      Retry: [{ ErrorEquals: ['States.TaskFailed'], IntervalSeconds: 30, MaxAttempts: 2 }],
      Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'Failed' }],
      Next: 'Ship',
    },
    Ship: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage', Parameters: { QueueUrl: '${ShipQueueUrl}', 'MessageBody.$': '$' }, End: true },
    Failed: { Type: 'Fail', Error: 'OrderFailed' },
  },
};

/** A project folder: stepwright.config.json, and `stepwright` resolving to this repository through its tsconfig. */
function project(config: Record<string, unknown> = { region: 'eu-west-1', account: '123456789012' }): string {
  const dir = mkdtempSync(join(tmpdir(), 'stepwright-import-'));
  writeFileSync(join(dir, 'stepwright.config.json'), JSON.stringify(config));
  return dir;
}

const substituted = (d: unknown, values: Record<string, string>) =>
  JSON.parse(Object.entries(values).reduce((text, [k, v]) => text.split(`\${${k}}`).join(v), JSON.stringify(d)));

describe('an ASL file', () => {
  const dir = project({ region: 'eu-west-1', account: '123456789012', substitutions: { ChargeFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:charge', ShipQueueUrl: 'https://sqs.eu-west-1.amazonaws.com/123456789012/ship' } });
  writeFileSync(join(dir, 'orders.asl.json'), JSON.stringify(definition, null, 2));
  let first: CliResult;
  beforeAll(async () => {
    first = await stepwright(['import', 'orders.asl.json', '--name', 'orders'], dir);
  });

  test('becomes workflows/<name>.ts, reading its placeholders from the config', () => {
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(first.stdout).toContain('workflows/orders.ts  ← orders.asl.json  (compiles back to the same definition');
    expect(first.stdout).toContain('reads ChargeFunctionArn, ShipQueueUrl from stepwright.config.json');
    const source = readFileSync(join(dir, 'workflows', 'orders.ts'), 'utf8');
    expect(source).toContain("const { ChargeFunctionArn, ShipQueueUrl } = substitutions('ChargeFunctionArn', 'ShipQueueUrl');");
    expect(source).toContain("{ FunctionName: ChargeFunctionArn, Payload: ref('$') },\n  { retryOnServiceExceptions: false },");
    expect(source).toContain("sqs.sendMessage('Ship', { QueueUrl: ShipQueueUrl, MessageBody: ref('$') })");
    expect(source).toContain("interval: '30s'");
    expect(source).not.toContain('arn:aws:lambda:eu-west-1:123456789012:function:charge');
  });

  test('stepwright build turns it back into the definition, with the config’s values', async () => {
    const built = await stepwright(['build', '--out', 'out', '--quiet'], dir);
    expect(built.stderr).toBe('');
    expect(built.status).toBe(0);
    const asl = JSON.parse(readFileSync(join(dir, 'out', 'asl', 'orders.asl.json'), 'utf8'));
    expect(asl).toEqual({ ...substituted(definition, { ChargeFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:charge', ShipQueueUrl: 'https://sqs.eu-west-1.amazonaws.com/123456789012/ship' }), QueryLanguage: undefined });
    expect(asl).not.toHaveProperty('QueryLanguage');
  });

  test('an existing module is never replaced without --force', async () => {
    writeFileSync(join(dir, 'workflows', 'orders.ts'), '// mine\n');
    const again = await stepwright(['import', 'orders.asl.json', '--name', 'orders'], dir);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('workflows/orders.ts › workflow "orders": already exists; nothing was written');
    expect(readFileSync(join(dir, 'workflows', 'orders.ts'), 'utf8')).toBe('// mine\n');
    expect((await stepwright(['import', 'orders.asl.json', '--name', 'orders', '--force'], dir)).status).toBe(0);
    expect(readFileSync(join(dir, 'workflows', 'orders.ts'), 'utf8')).toContain("export default workflow('orders'");
  });

  test('--out writes where it is told, and nowhere else', async () => {
    const r = await stepwright(['import', 'orders.asl.json', '--name', 'orders2', '--out', 'elsewhere/o.ts'], dir);
    expect(r.status).toBe(0);
    expect(existsSync(join(dir, 'elsewhere', 'o.ts'))).toBe(true);
    expect(existsSync(join(dir, 'workflows', 'orders2.ts'))).toBe(false);
  });
});

describe('a SAM template', () => {
  const dir = project();
  mkdirSync(join(dir, 'statemachine'));
  writeFileSync(join(dir, 'statemachine', 'orders.asl.json'), JSON.stringify(definition));
  writeFileSync(
    join(dir, 'template.yaml'),
    `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  OrdersMachine:
    Type: AWS::Serverless::StateMachine
    Properties:
      Name: orders
      Type: EXPRESS
      DefinitionUri: statemachine/orders.asl.json
      DefinitionSubstitutions:
        ChargeFunctionArn: !GetAtt ChargeFunction.Arn
        ShipQueueUrl: !Ref ShipQueue
      Tags:
        team: shop
  Refunds:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      DefinitionString: !Sub |
        {
          "StartAt": "Refund",
          "States": {
            "Refund": { "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Parameters": { "FunctionName": "\${RefundFunction.Arn}", "Payload.$": "$" }, "End": true }
          }
        }
  Audit:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      StateMachineName: audit
      Definition:
        StartAt: Log
        States:
          Log:
            Type: Task
            Resource: arn:aws:states:::dynamodb:putItem
            Parameters:
              TableName: !Ref AuditTable
              Item: { id: { 'S.$': '$$.Execution.Id' } }
            End: true
  ChargeFunction:
    Type: AWS::Serverless::Function
`,
  );
  let r: CliResult;
  beforeAll(async () => {
    r = await stepwright(['import', 'template.yaml'], dir);
  });

  test('every state machine becomes a module, placeholders and all', () => {
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('workflows/orders.ts  ← template.yaml › Resources.OrdersMachine');
    expect(r.stdout).toContain('workflows/Refunds.ts  ← template.yaml › Resources.Refunds');
    expect(r.stdout).toContain('workflows/audit.ts  ← template.yaml › Resources.Audit');
    // What the template gives for each placeholder, to copy into the config.
    expect(r.stdout).toContain('"ChargeFunctionArn": "!GetAtt ChargeFunction.Arn"');
    const orders = readFileSync(join(dir, 'workflows', 'orders.ts'), 'utf8');
    expect(orders).toContain("type: 'EXPRESS',");
    expect(orders).toContain("tags: { team: 'shop' },");
    expect(readFileSync(join(dir, 'workflows', 'Refunds.ts'), 'utf8')).toContain("const { 'RefundFunction.Arn': refundFunctionArn } = substitutions('RefundFunction.Arn');");
    expect(readFileSync(join(dir, 'workflows', 'audit.ts'), 'utf8')).toContain("dynamodb.putItem('Log', { TableName: AuditTable, Item: { id: { S: ref('$$.Execution.Id') } } })");
  });

  test('without the values in the config, build says which to set', async () => {
    const built = await stepwright(['build', '--out', 'out'], dir);
    expect(built.status).toBe(1);
    expect(built.stderr).toContain('stepwright.config.json › field substitutions.ChargeFunctionArn: is not set, and a workflow reads it');
  });

  test('with them, build gives each definition back', async () => {
    const values = { ChargeFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:charge', ShipQueueUrl: 'https://sqs/ship', 'RefundFunction.Arn': 'arn:aws:lambda:eu-west-1:123456789012:function:refund', AuditTable: 'audit' };
    writeFileSync(join(dir, 'stepwright.config.json'), JSON.stringify({ region: 'eu-west-1', account: '123456789012', substitutions: values }));
    const built = await stepwright(['build', '--out', 'out', '--quiet'], dir);
    expect(built.stderr).toBe('');
    expect(JSON.parse(readFileSync(join(dir, 'out', 'asl', 'orders.asl.json'), 'utf8'))).toEqual(substituted(definition, values));
    expect(JSON.parse(readFileSync(join(dir, 'out', 'asl', 'audit.asl.json'), 'utf8')).States.Log.Parameters).toEqual({ TableName: 'audit', Item: { id: { 'S.$': '$$.Execution.Id' } } });
  });
});

describe('bad input', () => {
  const dir = project();

  test('invalid JSON: the line and column, exit 1, nothing written', () => {
    writeFileSync(join(dir, 'broken.asl.json'), '{\n  "StartAt": "A",\n  "States": { "A": { "Type": "Pass", } }\n}');
    const r = stepwrightProcess(['import', 'broken.asl.json', '--name', 'broken'], dir);
    expect(r.status).toBe(1);
    expect(r.stderr).not.toMatch(STACK_LINE);
    expect(r.stderr).toMatch(/^broken\.asl\.json:3:\d+: is not valid JSON/m);
    expect(existsSync(join(dir, 'workflows'))).toBe(false);
  });

  test('invalid YAML: the line, exit 1', async () => {
    writeFileSync(join(dir, 'broken.yaml'), 'StartAt: A\nStates:\n  A: { Type: Pass\n');
    const r = await stepwright(['import', 'broken.yaml', '--name', 'broken'], dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/broken\.yaml:\d+:\d+: is not valid YAML/);
  });

  test('a template with no state machine', async () => {
    writeFileSync(join(dir, 'empty.yaml'), 'Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n');
    const r = await stepwright(['import', 'empty.yaml'], dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('empty.yaml:1:1: has no state machine');
  });

  test('a definition the validator rejects is imported anyway, with its problems; unknown fields are kept and said', async () => {
    writeFileSync(join(dir, 'odd.asl.json'), JSON.stringify({ StartAt: 'A', States: { A: { Type: 'Pass', Nxt: 'B', End: true }, B: { Type: 'Succeed' } } }, null, 2));
    const r = await stepwright(['import', 'odd.asl.json', '--name', 'odd'], dir);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/odd\.asl\.json:6:7 › workflow "odd" › state "A" › field Nxt: is not a field stepwright knows for a Pass; it is kept as written \(extraFields\)\n\s+fix: did you mean "Next"\?/);
    expect(r.stdout).toContain('state "B": is not reachable from StartAt, so the imported workflow leaves it out');
    expect(r.stdout).toContain('the definition:');
    expect(readFileSync(join(dir, 'workflows', 'odd.ts'), 'utf8')).toContain("extraFields: { Nxt: 'B' }");
  });

  test('not a definition at all', async () => {
    writeFileSync(join(dir, 'list.json'), '[1, 2]');
    const r = await stepwright(['import', 'list.json', '--name', 'list'], dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('is not a state machine definition');
  });
});
