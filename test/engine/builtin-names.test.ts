/**
 * State names, keys and variable names that are also names on Object.prototype (`__proto__`,
 * `constructor`, `valueOf`, `toString`, `hasOwnProperty`) are names like any other.
 */
import type { StateMachineDefinition } from '../../src/model/asl.js';
import { executeDefinition as execute } from '../../src/engine/index.js';

const BUILT_INS = ['__proto__', 'constructor', 'valueOf', 'toString', 'hasOwnProperty'];

/** JSON.parse, as a definition read from a file: `__proto__` becomes an own key, not the prototype. */
const parse = (text: string): StateMachineDefinition => JSON.parse(text) as StateMachineDefinition;

describe('object built-in names', () => {
  test.each(BUILT_INS)('a state named %s runs like any other', async (name) => {
    const def = parse(`{"StartAt":"Start","States":{"Start":{"Type":"Pass","Next":${JSON.stringify(name)}},${JSON.stringify(name)}:{"Type":"Pass","Result":{"reached":${JSON.stringify(name)}},"End":true}}}`);
    const run = await execute(def, {});
    expect(run).toMatchObject({ status: 'SUCCEEDED', output: { reached: name } });
    expect(run.history.map((e) => e.stateEnteredEventDetails?.name).filter(Boolean)).toEqual(['Start', name]);
  });

  test.each(BUILT_INS)('a transition to a missing state named %s fails with States.Runtime instead of crashing', async (name) => {
    const def = parse(`{"StartAt":"Pick","States":{"Pick":{"Type":"Choice","Choices":[{"Variable":"$.x","IsPresent":true,"Next":"Pick"}],"Default":${JSON.stringify(name)}}}}`);
    const run = await execute(def, {});
    expect(run).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
    expect(run.cause).toContain(`'${name}'`);
  });

  test.each(BUILT_INS)('a Task named %s takes its mock, and a Map so named its itemReaders entry', async (name) => {
    const task = parse(`{"StartAt":${JSON.stringify(name)},"States":{${JSON.stringify(name)}:{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","End":true}}}`);
    const mocks = JSON.parse(`{${JSON.stringify(name)}:[{"Return":{"ok":1}}]}`);
    expect(await execute(task, {}, { mocks })).toMatchObject({ status: 'SUCCEEDED', output: { ok: 1 } });
    const unmocked = await execute(task, {});
    expect(unmocked.error).toBe('stepwright.UnmockedTask');

    const map = parse(
      `{"StartAt":${JSON.stringify(name)},"States":{${JSON.stringify(name)}:{"Type":"Map","ItemReader":{"Resource":"arn:aws:states:::s3:getObject","ReaderConfig":{"InputType":"JSON"},"Parameters":{"Bucket":"b","Key":"k"}},"ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}}}`,
    );
    const itemReaders = JSON.parse(`{${JSON.stringify(name)}:[1,2]}`);
    expect(await execute(map, {}, { itemReaders })).toMatchObject({ status: 'SUCCEEDED', output: [1, 2] });
  });

  test('keys named __proto__ in Parameters, Output and Assign stay ordinary keys', async () => {
    const jsonPath = parse('{"StartAt":"A","States":{"A":{"Type":"Pass","Parameters":{"__proto__":{"polluted":true},"constructor":1},"Next":"B"},"B":{"Type":"Pass","End":true}}}');
    const run = await execute(jsonPath, {});
    expect(run.status).toBe('SUCCEEDED');
    expect(Object.keys(run.output as object)).toEqual(['__proto__', 'constructor']);
    expect(JSON.stringify(run.output)).toBe('{"__proto__":{"polluted":true},"constructor":1}');
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();

    const jsonata = parse(
      '{"QueryLanguage":"JSONata","StartAt":"A","States":{"A":{"Type":"Pass","Assign":{"valueOf":"{% 7 %}","toString":"{% 8 %}"},"Output":{"__proto__":"{% 1 %}"},"Next":"B"},"B":{"Type":"Pass","Output":"{% [$valueOf, $toString, $states.input] %}","End":true}}}',
    );
    const assigned = await execute(jsonata, {});
    expect(assigned.status).toBe('SUCCEEDED');
    expect(JSON.stringify(assigned.output)).toBe('[7,8,{"__proto__":1}]');
  });
});
