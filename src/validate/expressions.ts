/**
 * Every expression in a definition must parse: JSONata `{% %}` in JSONata states; paths, payload
 * templates (`key.$`) and intrinsic functions in JSONPath states. Parsing uses the executor's own
 * parsers, so what validates is what runs.
 */
import type { Problem } from '../model/errors.js';
import type { ChoiceRule, State } from '../model/asl.js';
import { checkIntrinsicSyntax, looksLikeIntrinsic } from '../model/expressions/intrinsic.js';
import { checkJsonataSyntax, isJsonataExpression } from '../model/expressions/jsonata.js';
import { checkPathSyntax } from '../model/expressions/path.js';
import type { StateSite } from '../model/walk.js';
import { isPlainObject } from './pointer.js';

const PATH_FIELDS = ['InputPath', 'OutputPath', 'ResultPath', 'ItemsPath', 'SecondsPath', 'TimestampPath', 'TimeoutSecondsPath', 'HeartbeatSecondsPath', 'MaxConcurrencyPath', 'ToleratedFailurePercentagePath', 'ToleratedFailureCountPath'];
const TEMPLATE_FIELDS = ['Parameters', 'ResultSelector', 'ItemSelector', 'Assign'];

export function checkExpressions(site: StateSite): Problem[] {
  return site.language === 'JSONata' ? checkJsonata(site) : checkJsonPath(site);
}

/** Fields that hold names or fixed words, never an expression. */
const NOT_EXPRESSIONS = new Set(['Type', 'Next', 'Default', 'End', 'Comment', 'QueryLanguage', 'ErrorEquals', 'Branches', 'ItemProcessor', 'Iterator', 'Choices', 'Retry', 'Catch']);

/**
 * A string is a JSONata expression when it starts with `{%` and ends with `%}`, exactly; any other
 * string is a literal, `" {% $x %} "` included: AWS outputs that one as written (recorded:
 * test_output.py::test_base_cases[BASE_LITERALS]).
 */
function checkJsonata({ name, state }: StateSite): Problem[] {
  const problems: Problem[] = [];
  const visit = (value: unknown, field: string) => {
    if (typeof value === 'string') {
      if (isJsonataExpression(value)) {
        const message = checkJsonataSyntax(value);
        if (message) problems.push({ state: name, field, message: `JSONata expression does not parse: ${message}`, fix: 'correct the expression (https://docs.jsonata.org)' });
      }
    } else if (Array.isArray(value)) value.forEach((v, i) => visit(v, `${field}[${i}]`));
    else if (isPlainObject(value)) for (const [k, v] of Object.entries(value)) visit(v, `${field}.${k}`);
  };
  const fields = (object: Record<string, unknown>, prefix: string) => {
    for (const [field, value] of Object.entries(object)) if (!NOT_EXPRESSIONS.has(field)) visit(value, `${prefix}${field}`);
  };
  fields(state as unknown as Record<string, unknown>, '');
  // Choice rules, retriers and catchers: their names and targets are not expressions either.
  for (const list of ['Choices', 'Retry', 'Catch'] as const) {
    const entries = (state as unknown as Record<string, unknown>)[list];
    if (Array.isArray(entries)) entries.forEach((entry, i) => (isPlainObject(entry) ? fields(entry, `${list}[${i}].`) : undefined));
  }
  return problems;
}

function checkJsonPath({ name, state }: StateSite): Problem[] {
  const problems: Problem[] = [];
  const fields = state as unknown as Record<string, unknown>;
  const path = (value: unknown, field: string, intrinsicAllowed = false) => {
    if (typeof value !== 'string') return;
    const message = intrinsicAllowed && looksLikeIntrinsic(value) ? checkIntrinsicSyntax(value) : checkPathSyntax(value);
    if (message) problems.push({ state: name, field, message: `"${value}" does not parse: ${message}`, fix: intrinsicAllowed ? 'write a path such as "$.field", "$$.Execution.Id", "$variable", or an intrinsic function such as "States.Format(...)"' : 'write a path such as "$.field" or "$"' });
  };
  for (const field of PATH_FIELDS) if (fields[field] !== undefined && fields[field] !== null) path(fields[field], field);
  for (const field of ['ErrorPath', 'CausePath']) path(fields[field], field, true);

  const template = (value: unknown, field: string) => {
    if (Array.isArray(value)) value.forEach((v, i) => template(v, `${field}[${i}]`));
    else if (value && typeof value === 'object') {
      for (const [key, v] of Object.entries(value)) {
        if (key.endsWith('.$')) path(v, `${field}.${key}`, true);
        else template(v, `${field}.${key}`);
      }
    }
  };
  for (const field of TEMPLATE_FIELDS) if (fields[field] !== undefined) template(fields[field], field);
  if ('Catch' in state && Array.isArray(state.Catch)) {
    state.Catch.forEach((c, i) => {
      if (!isPlainObject(c)) return;
      if (c.ResultPath) path(c.ResultPath, `Catch[${i}].ResultPath`);
      if (c.Assign) template(c.Assign, `Catch[${i}].Assign`);
    });
  }
  if (state.Type === 'Choice' && Array.isArray(state.Choices)) state.Choices.forEach((rule, i) => checkRule(rule, `Choices[${i}]`, path, template));
  return problems;
}

function checkRule(rule: ChoiceRule, field: string, path: (v: unknown, f: string) => void, template: (v: unknown, f: string) => void): void {
  if (!isPlainObject(rule)) return;
  if (rule.Variable !== undefined) path(rule.Variable, `${field}.Variable`);
  for (const [key, value] of Object.entries(rule)) if (key.endsWith('Path')) path(value, `${field}.${key}`);
  if (Array.isArray(rule.And)) rule.And.forEach((r, i) => checkRule(r, `${field}.And[${i}]`, path, template));
  if (Array.isArray(rule.Or)) rule.Or.forEach((r, i) => checkRule(r, `${field}.Or[${i}]`, path, template));
  if (rule.Not) checkRule(rule.Not, `${field}.Not`, path, template);
  if (rule.Assign) template(rule.Assign, `${field}.Assign`);
}

/** `States.ALL` must stand alone in its ErrorEquals and be the last retrier or catcher. */
export function checkErrorLists({ name, state }: StateSite): Problem[] {
  const problems: Problem[] = [];
  for (const kind of ['Retry', 'Catch'] as const) {
    const list = (state as State & Record<string, unknown>)[kind];
    if (!Array.isArray(list)) continue;
    list.forEach((entry: { ErrorEquals?: unknown }, i: number) => {
      const errors = entry?.ErrorEquals;
      if (!Array.isArray(errors) || errors.length === 0) {
        problems.push({ state: name, field: `${kind}[${i}].ErrorEquals`, message: 'must list at least one error name', fix: 'e.g. ["States.ALL"] or ["States.TaskFailed"]' });
        return;
      }
      if (errors.includes('States.ALL')) {
        if (errors.length > 1) problems.push({ state: name, field: `${kind}[${i}].ErrorEquals`, message: 'States.ALL must be the only error name in its list', fix: 'move the other names to an earlier entry, or drop them (States.ALL matches them)' });
        if (i !== list.length - 1) problems.push({ state: name, field: `${kind}[${i}].ErrorEquals`, message: `States.ALL must be in the last ${kind === 'Retry' ? 'retrier' : 'catcher'}; entries after it can never match`, fix: `move this ${kind === 'Retry' ? 'retrier' : 'catcher'} to the end` });
      }
    });
  }
  return problems;
}
