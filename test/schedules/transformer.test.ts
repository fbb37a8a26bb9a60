/**
 * InputTransformer semantics beyond the recorded corpus, each from an AWS recording (localstack's
 * tests/aws/services/events/test_events_inputs.py, snapshots taken against AWS) or the EventBridge
 * guide's "input transformation" page:
 * - an object or array placed inside quotes in a JSON template: AWS inserts its JSON, quotes and all
 *   ("EventBridge does not add quotes to variables that represent JSON objects or arrays. Do not add
 *   quotes for variables that represent JSON objects or arrays"), the template is no longer JSON and
 *   the event is not delivered;
 * - the same inside a text template: quotes removed ("EventBridge removes any internal quotes to
 *   ensure a valid string");
 * - `<aws.events.event>` is the event without detail in EventBridge's shape (`detailType`), and
 *   `<aws.events.event.json>` the whole event as sent.
 */
import { transformInput } from '../../src/schedules/index.js';

const event = {
  version: '0',
  id: '6b1d0f7e-0000-4000-8000-000000000001',
  'detail-type': 'core.update-account-command',
  source: 'core.update-account-command',
  account: '111111111111',
  time: '2024-05-01T12:00:00Z',
  region: 'us-east-1',
  resources: [],
  detail: { command: 'update-account', payload: { acc_id: '0a787ecb-4015', sf_id: 'baz' }, listsingle: ['HIGH'], listmulti: ['ACTIVE', 'INACTIVE'] },
};
const inputPathsMap = { userId: '$.detail.payload.acc_id', payload: '$.detail.payload', listsingle: '$.detail.listsingle', listmulti: '$.detail.listmulti', systemstring: '$.detail.awsAccountId' };
const transform = (inputTemplate: string) => transformInput(event, { inputPathsMap, inputTemplate }, { ruleName: 'r', ruleArn: 'arn:aws:events:us-east-1:111111111111:rule/r' });

describe('an object or array inside quotes in a JSON template: not delivered', () => {
  test.each([
    // recorded: test_input_transformer_nested_keys_replacement_not_valid
    ['{"payload": "<payload>"}'],
    ['{"singlelistitem": "<listsingle>"}'],
    ['{"not_valid": "users-service/users/<payload>", "bod": <payload>}'],
  ])('%s', (template) => {
    expect(transform(template)).toBeUndefined();
  });

  test('the same values outside quotes are delivered as JSON', () => {
    expect(JSON.parse(transform('{"bod": <payload>, "list": <listmulti>}')!)).toEqual({ bod: { acc_id: '0a787ecb-4015', sf_id: 'baz' }, list: ['ACTIVE', 'INACTIVE'] });
  });
});

describe('in a text template, objects and arrays lose their quotes', () => {
  // recorded: test_input_transformer_nested_keys_replacement["<listmulti> multiple list items"] and the long one
  test.each([
    ['"<listmulti> multiple list items"', '"[ACTIVE,INACTIVE] multiple list items"'],
    [
      '"<listsingle> single list item <listmulti> multiple list items <systemstring> system account id <payload> payload <userId> user id"',
      '"[HIGH] single list item [ACTIVE,INACTIVE] multiple list items  system account id {acc_id:0a787ecb-4015,sf_id:baz} payload 0a787ecb-4015 user id"',
    ],
  ])('%s', (template, delivered) => {
    expect(transform(template)).toBe(delivered);
  });

  test('a list placed in a JSON template with a string beside it', () => {
    // recorded: test_input_transformer_nested_keys_replacement[{"method": "PUT", ..., "bod": [<userId>, "hardcoded"]}]
    expect(JSON.parse(transform('{"method": "PUT", "path": "users-service/users/<userId>", "bod": [<userId>, "hardcoded"]}')!)).toEqual({ method: 'PUT', path: 'users-service/users/0a787ecb-4015', bod: ['0a787ecb-4015', 'hardcoded'] });
  });
});

describe('the reserved event variables', () => {
  // recorded: test_input_transformer_predefined_variables[{"originalEvent": <aws.events.event>, "originalEventJson": <aws.events.event.json>}]
  const delivered = JSON.parse(transformInput(event, { inputTemplate: '{"originalEvent": <aws.events.event>, "originalEventJson": <aws.events.event.json>}' })!) as Record<string, unknown>;

  test('<aws.events.event> is the event without detail, with detailType, in EventBridge\u2019s order', () => {
    expect(delivered.originalEvent).toEqual({
      id: event.id,
      account: '111111111111',
      detailType: 'core.update-account-command',
      time: '2024-05-01T12:00:00Z',
      source: 'core.update-account-command',
      region: 'us-east-1',
      resources: [],
      version: '0',
    });
    expect(Object.keys(delivered.originalEvent as object)).toEqual(['id', 'account', 'detailType', 'time', 'source', 'region', 'resources', 'version']);
  });

  test('<aws.events.event.json> is the whole event, detail and detail-type as sent', () => {
    expect(delivered.originalEventJson).toEqual(event);
  });

  test('inside quotes they break the JSON, and the event is not delivered', () => {
    expect(transformInput(event, { inputTemplate: '{"original": "<aws.events.event.json>"}' })).toBeUndefined();
  });
});
