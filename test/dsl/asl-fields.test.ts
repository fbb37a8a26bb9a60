/**
 * The DSL can say everything a valid definition says, so imported definitions round-trip exactly:
 * an unsaid top-level QueryLanguage, a state repeating the machine's QueryLanguage, Map's older
 * Iterator and Parameters fields, a processor without ProcessorConfig, Version, and fields newer
 * than the DSL.
 */
import { compile, map, pass, ref, workflow } from '../../src/index.js';

test('declareQueryLanguage: false leaves out the default JSONPath, and only that', () => {
  const jsonPath = workflow('old', { queryLanguage: 'JSONPath', declareQueryLanguage: false, start: pass('A') });
  expect(compile(jsonPath)).toEqual({ StartAt: 'A', States: { A: { Type: 'Pass', End: true } } });
  // JSONata is not ASL's default: leaving it out would change the machine, so it is written.
  const jsonata = workflow('new', { declareQueryLanguage: false, start: pass('A') });
  expect(compile(jsonata).QueryLanguage).toBe('JSONata');
});

test('a state may repeat the machine’s QueryLanguage', () => {
  const flow = workflow('twice', { queryLanguage: 'JSONPath', start: pass('A', { queryLanguage: 'JSONPath', declareQueryLanguage: true }).next(pass('B')) });
  const { States } = compile(flow);
  expect(States.A).toEqual({ Type: 'Pass', QueryLanguage: 'JSONPath', Next: 'B' });
  expect(States.B).toEqual({ Type: 'Pass', End: true });
});

test('Map: Iterator, Parameters and no ProcessorConfig, as older definitions write them', () => {
  const flow = workflow('legacy', {
    queryLanguage: 'JSONPath',
    start: map('Each', { itemsPath: '$.items', parameters: { item: ref('$$.Map.Item.Value') }, processorField: 'Iterator', processorConfig: false, processor: pass('Inner') }),
  });
  expect(compile(flow).States.Each).toEqual({
    Type: 'Map',
    ItemsPath: '$.items',
    Parameters: { 'item.$': '$$.Map.Item.Value' },
    Iterator: { StartAt: 'Inner', States: { Inner: { Type: 'Pass', End: true } } },
    End: true,
  });
});

test('Version and fields the DSL does not know are written as given', () => {
  const flow = workflow('extra', { version: '1.0', extraFields: { Future: true }, start: pass('A', { extraFields: { Later: { x: 1 } } }) });
  const definition = compile(flow);
  expect(definition).toMatchObject({ Version: '1.0', Future: true });
  expect(definition.States.A).toEqual({ Type: 'Pass', End: true, Later: { x: 1 } });
});
