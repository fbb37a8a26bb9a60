/**
 * asl-validator's schemas run precompiled (src/validate/schema-validators.generated.ts, written by
 * scripts/schema-validators.ts), and so does the config file's (src/project/config-validator.generated.ts).
 * The committed modules must be what the script makes from the installed asl-validator, Ajv,
 * amendments and config schema, and the ASL validators must answer exactly as the schemas compiled
 * now with asl-validator's formats do, for every option set. (The config file's errors are pinned
 * by test/project.)
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { generatedFiles } from '../../scripts/schema-validators.js';
import { aslSchemas, aslValidatorAjv, dateTimeFormat, isArnFormatValid, isValidAslPath } from '../../src/validate/asl-validator-parts.js';
import { amendSchemas } from '../../src/validate/aws-amendments.js';
import { withSchemaOptions } from '../../src/validate/schema-formats.js';
import { machine, nested } from '../../src/validate/schema-validators.generated.js';
import { validateDefinition } from '../../src/index.js';
import { isJsonataExpression } from '../../src/model/expressions/jsonata.js';

type Validate = ((value: unknown) => boolean) & { errors?: unknown[] | null };

test.each(generatedFiles().map((file) => [relative(process.cwd(), file.path), file.source]))('%s is what the installed asl-validator, Ajv, amendments and config schema make', (path, fresh) => {
  if (readFileSync(path, 'utf8') !== fresh) {
    throw new Error(`${path} is stale (asl-validator, Ajv, aws-amendments.ts or config-schema.ts changed): run \`npx tsx scripts/schema-validators.ts\` and commit the result`);
  }
});

/** The schemas compiled now, the formats chosen by option set as asl-validator does (its json-schema-errors.js). */
function compiledNow(options: { checkPaths: boolean; checkArn: boolean }): { machine: Validate; nested: Validate } {
  const { Ajv } = aslValidatorAjv();
  const schemas = aslSchemas();
  amendSchemas(schemas);
  const ajv = new Ajv({ schemas: [...schemas.values()], allowUnionTypes: true });
  const always = () => true;
  const dot = (p: string) => p.replace(/(?<!\.)\.\[/g, '[');
  ajv.addFormat('date-time', dateTimeFormat as never);
  ajv.addFormat('jsonata_string', (v: string) => isJsonataExpression(v));
  ajv.addFormat('maybe_jsonata_string', always);
  ajv.addFormat('asl_path', options.checkPaths ? (v: string) => isValidAslPath(dot(v), 'PATH') : always);
  ajv.addFormat('asl_ref_path', options.checkPaths ? (v: string) => isValidAslPath(dot(v), 'REFERENCE_PATH') : always);
  ajv.addFormat('asl_result_path', options.checkPaths ? (v: string) => isValidAslPath(dot(v), 'RESULT_PATH') : always);
  ajv.addFormat('asl_payload_template', options.checkPaths ? (v: string) => !v.trim().startsWith('States.') || isValidAslPath(dot(v), 'PAYLOAD_TEMPLATE') : always);
  ajv.addFormat('asl_arn', options.checkArn ? isArnFormatValid : always);
  const get = (id: string) => ajv.getSchema(`http://asl-validator.cloud/${id}#`) as unknown as Validate;
  return { machine: get('state-machine.json'), nested: get('base-state-machine.json') };
}

/** Every state given the definition's QueryLanguage, as the schema check does before validating. */
function prepared(definition: Record<string, unknown>, language = (definition.QueryLanguage as string | undefined) ?? 'JSONPath'): Record<string, unknown> {
  const states = definition.States as Record<string, Record<string, unknown>> | undefined;
  if (!states) return definition;
  const withLanguage = Object.entries(states).map(([name, state]) => {
    const copy: Record<string, unknown> = { QueryLanguage: language, ...state };
    if (copy.ItemProcessor) copy.ItemProcessor = prepared(copy.ItemProcessor as Record<string, unknown>, language);
    return [name, copy];
  });
  return { ...definition, States: Object.fromEntries(withLanguage) };
}

const task = (fields: Record<string, unknown>) => ({ StartAt: 'T', States: { T: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', End: true, ...fields } } });

/** When the schemas reject it: always, never, or only with that option on. */
type Rejected = 'always' | 'never' | 'checkPaths' | 'checkArn';

/** Valid and invalid definitions, touching every format and the usual ways a definition goes wrong. */
const DEFINITIONS: [string, Record<string, unknown>, Rejected][] = [
  ['a valid Pass', { StartAt: 'A', States: { A: { Type: 'Pass', End: true } } }, 'never'],
  ['a Resource that is not an ARN', task({ Resource: 'my-function' }), 'checkArn'],
  ['a malformed InputPath', task({ InputPath: '$..[' }), 'checkPaths'],
  ['a malformed ResultPath', task({ ResultPath: 'result' }), 'checkPaths'],
  ['a malformed reference path in a Choice', { StartAt: 'C', States: { C: { Type: 'Choice', Choices: [{ Variable: 'x', StringEquals: 'a', Next: 'D' }], Default: 'D' }, D: { Type: 'Succeed' } } }, 'checkPaths'],
  ['an intrinsic call with a wrong argument', task({ Parameters: { 'n.$': 'States.MathAdd($.a)' } }), 'checkPaths'],
  ['a valid intrinsic call', task({ Parameters: { 'n.$': 'States.MathAdd($.a, 1)' } }), 'never'],
  ['a Wait Timestamp that is no date-time', { StartAt: 'W', States: { W: { Type: 'Wait', Timestamp: 'tomorrow', End: true } } }, 'always'],
  ['a Wait Timestamp that is a date-time', { StartAt: 'W', States: { W: { Type: 'Wait', Timestamp: '2026-01-01T00:00:00Z', End: true } } }, 'never'],
  ['a JSONata Arguments that is no expression', { QueryLanguage: 'JSONata', StartAt: 'T', States: { T: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Arguments: '$states.input', End: true } } }, 'always'],
  ['a JSONata Arguments expression', { QueryLanguage: 'JSONata', StartAt: 'T', States: { T: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Arguments: '{% $states.input %}', End: true } } }, 'never'],
  ['an unknown state type', { StartAt: 'A', States: { A: { Type: 'Paws', End: true } } }, 'always'],
  ['a missing StartAt', { States: { A: { Type: 'Pass', End: true } } }, 'always'],
  ['a field no state has', { StartAt: 'A', States: { A: { Type: 'Pass', End: true, Colour: 'red' } } }, 'always'],
  ['a state name over 80 characters', { StartAt: 'A', States: { A: { Type: 'Pass', Next: 'x'.repeat(81) }, ['x'.repeat(81)]: { Type: 'Pass', End: true } } }, 'always'],
  ['a Map with a bad ToleratedFailurePercentage', { StartAt: 'M', States: { M: { Type: 'Map', ToleratedFailurePercentage: 120, ItemProcessor: { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } }, End: true } } }, 'always'],
];

describe.each([
  { checkPaths: true, checkArn: true },
  { checkPaths: false, checkArn: true },
  { checkPaths: true, checkArn: false },
  { checkPaths: false, checkArn: false },
])('with %o, the precompiled validators answer as the schemas compiled now', (options) => {
  const now = compiledNow(options);
  test.each(DEFINITIONS)('%s', (_title, raw, rejected) => {
    const definition = prepared(raw);
    const valid = rejected === 'never' || (rejected !== 'always' && !options[rejected]);
    expect(withSchemaOptions(options, () => (machine as Validate)(definition))).toBe(valid);
    for (const [precompiled, compiled] of [
      [machine as Validate, now.machine],
      [nested as Validate, now.nested],
    ] as const) {
      const verdict = withSchemaOptions(options, () => precompiled(definition));
      expect(verdict).toBe(compiled(definition));
      expect(precompiled.errors ?? null).toEqual(compiled.errors ?? null);
    }
  });
});

test('one set of validators serves every option set, call after call', () => {
  const notAnArn = task({ Resource: 'my-function', InputPath: '$..[' });
  const strict = validateDefinition(notAnArn, { remember: false });
  expect(strict.map((p) => p.message).join('\n')).toMatch(/Resource|InputPath/);
  expect(validateDefinition(notAnArn, { remember: false, checkArn: false, checkPaths: false })).toEqual([]);
  expect(validateDefinition(notAnArn, { remember: false })).toEqual(strict);
});
