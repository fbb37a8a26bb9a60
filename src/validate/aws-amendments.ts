/**
 * Where asl-validator's schemas are stricter than AWS, the verdict follows AWS: each amendment below
 * replaces one node of one schema, names what AWS accepts and where that was seen (an execution
 * recorded on AWS in ../shared/conformance/sfn-executions, or an AWS document). Every other node of
 * the schemas stays asl-validator's. An amendment states the node it expects to replace, so a new
 * asl-validator release that changes that node fails loudly instead of being silently overwritten.
 */
import { isDeepStrictEqual } from 'node:util';
import type { JsonSchema } from './asl-validator-parts.js';

interface Amendment {
  schema: string;
  /** Keys from the schema's root to the node replaced. */
  path: (string | number)[];
  /** The node as asl-validator ships it. */
  was: unknown;
  now: unknown;
  /** What AWS accepts, and the recording or document that shows it. */
  why: string;
}

const RECORDED = 'recorded on AWS: sfn-executions';

export const AMENDMENTS: Amendment[] = [
  {
    schema: 'jsonata.json',
    path: ['definitions', 'jsonata'],
    was: { $comment: 'A string that is a JSONata expression', type: 'string', pattern: '^\\{% .+ %\\}$', format: 'jsonata_string' },
    now: { $comment: 'A string that is a JSONata expression', type: 'string', format: 'jsonata_string' },
    why:
      'An expression is a string that starts with "{%" and ends with "%}", nothing before or after (AWS\'s Step Functions skill, aws/agent-toolkit-for-aws ' +
      'references/transforming-data.md). The schema also required a space inside each brace and one line: AWS runs "{% $states.input%}" (its own samples, ' +
      'workflows-collection); a line break is whitespace to the JSONata parser, which checks the syntax (checkExpressions).',
  },
  {
    schema: 'jsonata.json',
    path: ['definitions', 'not_jsonata'],
    was: { $comment: 'A string that is not a JSONata expression', type: 'string', pattern: '^(?!\\{% )(.+)(?! %\\})$' },
    now: { $comment: 'A string that is not a JSONata expression', type: 'string' },
    why: `Any string is a valid literal, the empty string and " {% states.input %} " included: AWS outputs the latter as written (${RECORDED} test_output.py::test_base_cases[BASE_LITERALS]).`,
  },
  {
    schema: 'jsonata.json',
    path: ['definitions', 'maybe_jsonata'],
    was: { oneOf: [{ $ref: '#/definitions/not_jsonata' }, { $ref: '#/definitions/jsonata' }] },
    now: { type: 'string' },
    why: 'In a JSONata template a string is an expression when it is exactly "{% ... %}" and a literal otherwise; expressions are parsed by stepwright\'s own check.',
  },
  {
    schema: 'jsonata.json',
    path: ['definitions', 'output'],
    was: { oneOf: [{ $ref: '#/definitions/jsonata' }, { $ref: '#/definitions/_jsonata_template_object' }] },
    now: {},
    why: `Output may be any JSON value: null, true, 42, "text", a list (${RECORDED} test_output.py::test_base_output_any_non_dict[NULL|BOOL|INT|STR_LIT|LIST_RICH], test_base_scenarios.py::test_escape_sequence_parsing[ESCAPE_SEQUENCES_JSONATA_COMPARISON_OUTPUT]).`,
  },
  {
    schema: 'jsonata.json',
    path: ['definitions', '_jsonata_template_object', 'patternProperties', '^.+$'],
    was: {
      $comment: 'Require string fields to be maybe_jsonata',
      oneOf: [
        { type: ['number', 'boolean', 'null'] },
        { $ref: '#/definitions/maybe_jsonata' },
        { type: 'array', items: { $ref: '#/definitions/jsonata_template' } },
        { $ref: '#/definitions/_jsonata_template_object' },
      ],
    },
    now: {},
    why: `A field of a JSONata template may hold any JSON value, lists of lists and "key.$" fields included, which AWS keeps as literal keys (${RECORDED} test_output.py::test_base_cases[BASE_LITERALS], test_base_output_any_non_dict[LIST_RICH]).`,
  },
  {
    schema: 'jsonata.json',
    path: ['definitions', 'condition'],
    was: { $ref: '#/definitions/jsonata' },
    now: { oneOf: [{ $ref: '#/definitions/jsonata' }, { type: 'boolean' }] },
    why: `A Choice rule's Condition may be the literal true or false (${RECORDED} test_base_scenarios.py::test_choice_condition_constant_jsonata).`,
  },
  {
    schema: 'map.json',
    path: ['definitions', 'ToleratedFailurePercentage'],
    was: { type: 'integer', minimum: 0, maximum: 100 },
    now: { type: 'number', minimum: 0, maximum: 100 },
    why: `ToleratedFailurePercentage may be a fraction such as 0.5 (${RECORDED} test_base_scenarios.py::test_map_state_tolerated_failure_values[percentage_literal]).`,
  },
  {
    schema: 'paths.json',
    path: ['definitions', '_payload_template_object', 'patternProperties', '^.+(([^.][^$])|([^.][$]))$', 'oneOf', 1, 'items'],
    was: { $ref: '#/definitions/asl_payload_template' },
    now: { $ref: '#/definitions/_payload_template_item' },
    why: `A list in a JSONPath payload template may hold null and any string, "{% ... %}" included, as literals (${RECORDED} test_assign_base.py::test_base_cases[BASE_CONSTANT_LITERALS]).`,
  },
  {
    schema: 'paths.json',
    path: ['definitions', 'asl_payload_template', 'oneOf', 1, 'items'],
    was: { $ref: '#/definitions/asl_payload_template' },
    now: { $ref: '#/definitions/_payload_template_item' },
    why: 'As above, for a list inside a list.',
  },
  {
    schema: 'paths.json',
    path: ['definitions', '_payload_template_item'],
    was: undefined,
    now: {
      $comment: 'An item of a list in a payload template: any JSON value; objects are payload templates',
      oneOf: [{ $ref: '#/definitions/_payload_template_object' }, { type: 'array', items: { $ref: '#/definitions/_payload_template_item' } }, { type: ['boolean', 'number', 'string', 'null'] }],
    },
    why: 'The item type the two amendments above refer to.',
  },
];

/** Equal as JSON, key order aside (compared as plain values, whichever realm built them). */
function sameJson(a: unknown, b: unknown): boolean {
  const plain = (v: unknown) => (v === undefined ? undefined : JSON.parse(JSON.stringify(v)));
  return isDeepStrictEqual(plain(a), plain(b));
}

/** Applies every amendment to asl-validator's schemas (by file name), in place. */
export function amendSchemas(schemas: Map<string, JsonSchema>): void {
  for (const amendment of AMENDMENTS) {
    const root = schemas.get(amendment.schema);
    if (!root) throw new Error(`asl-validator has no schema ${amendment.schema}: update aws-amendments.ts`);
    let node: Record<string | number, unknown> = root;
    for (const key of amendment.path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
    const last = amendment.path[amendment.path.length - 1]!;
    if (!sameJson(node?.[last], amendment.was)) {
      throw new Error(`asl-validator's ${amendment.schema} changed at ${amendment.path.join('/')}: review the amendment in aws-amendments.ts`);
    }
    node[last] = structuredClone(amendment.now);
  }
}
