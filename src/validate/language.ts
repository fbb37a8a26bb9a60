/**
 * Fields that belong to one query language only. A JSONata state has Arguments/Output/Items and
 * `{% %}` values; a JSONPath state has the five path fields, `*Path` variants and `key.$` templates.
 * AWS rejects a definition that mixes them; we say which field to use instead. (A `key.$` field in a
 * JSONata template is not an error: AWS keeps it as a literal key, recorded in
 * test_output.py::test_base_cases[BASE_LITERALS].)
 */
import type { Problem } from '../model/errors.js';
import type { ChoiceRule, QueryLanguage } from '../model/asl.js';
import type { StateSite } from '../model/walk.js';
import { isPlainObject } from './pointer.js';

/** JSONPath-only fields, with what a JSONata state uses instead. */
const JSONPATH_ONLY: Record<string, string> = {
  InputPath: 'read the input in Arguments/Output with {% $states.input... %}',
  OutputPath: 'shape the output with Output',
  Parameters: 'use Arguments (Pass states: Output)',
  ResultSelector: 'shape the result with Output ({% $states.result... %})',
  ResultPath: 'combine input and result in Output, e.g. {% $merge([$states.input, {"r": $states.result}]) %}',
  Result: 'use Output',
  ItemsPath: 'use Items: "{% $states.input... %}"',
  SecondsPath: 'use Seconds: "{% ... %}"',
  TimestampPath: 'use Timestamp: "{% ... %}"',
  TimeoutSecondsPath: 'use TimeoutSeconds: "{% ... %}"',
  HeartbeatSecondsPath: 'use HeartbeatSeconds: "{% ... %}"',
  ErrorPath: 'use Error: "{% ... %}"',
  CausePath: 'use Cause: "{% ... %}"',
  MaxConcurrencyPath: 'use MaxConcurrency: "{% ... %}"',
  ToleratedFailurePercentagePath: 'use ToleratedFailurePercentage: "{% ... %}"',
  ToleratedFailureCountPath: 'use ToleratedFailureCount: "{% ... %}"',
};

/** JSONata-only fields, with what a JSONPath state uses instead. */
const JSONATA_ONLY: Record<string, string> = {
  Arguments: 'use Parameters (with "key.$" for paths)',
  Output: 'use ResultSelector, ResultPath and OutputPath',
  Items: 'use ItemsPath',
};

const SWITCH = {
  JSONata: "or set this state's QueryLanguage to JSONPath (only possible when the machine's top-level QueryLanguage is JSONPath)",
  JSONPath: "or set this state's QueryLanguage to JSONata",
};

const LANGUAGES: unknown[] = ['JSONata', 'JSONPath'];

/** A QueryLanguage that is neither JSONata nor JSONPath, at the top level (state undefined) or on a state. */
export function checkLanguageName(value: unknown, state?: string): Problem[] {
  if (value === undefined || LANGUAGES.includes(value)) return [];
  return [{ ...(state !== undefined ? { state } : {}), field: 'QueryLanguage', message: `is ${JSON.stringify(value) ?? String(value)}; it must be "JSONata" or "JSONPath"`, fix: 'write "JSONata" or "JSONPath", or leave it out (JSONPath)' }];
}

export function checkLanguage(site: StateSite, top: QueryLanguage | undefined): Problem[] {
  const { name, state } = site;
  const problems: Problem[] = checkLanguageName(state.QueryLanguage, name);
  // An unknown QueryLanguage is reported above; the state's fields are read as JSONPath, AWS's default.
  const language: QueryLanguage = site.language === 'JSONata' ? 'JSONata' : 'JSONPath';
  const misplaced = language === 'JSONata' ? JSONPATH_ONLY : JSONATA_ONLY;
  const other = language === 'JSONata' ? 'JSONPath' : 'JSONata';

  if (state.QueryLanguage === 'JSONPath' && top === 'JSONata') {
    problems.push({
      state: name,
      field: 'QueryLanguage',
      message: 'is JSONPath, but the machine is JSONata; AWS does not allow JSONPath states in a JSONata machine',
      fix: 'convert the state to JSONata, or make the top-level QueryLanguage JSONPath and mark the JSONata states',
    });
  }
  for (const field of Object.keys(state)) {
    if (field in misplaced) {
      problems.push({ state: name, field, message: `is a ${other} field, but this state uses ${language}`, fix: `${misplaced[field]}, ${SWITCH[language]}` });
    }
  }
  const catchers = 'Catch' in state && Array.isArray(state.Catch) ? state.Catch : [];
  catchers.forEach((catcher, i) => {
    if (!isPlainObject(catcher)) return;
    if (language === 'JSONata' && 'ResultPath' in catcher) {
      problems.push({ state: name, field: `Catch[${i}].ResultPath`, message: 'is a JSONPath field, but this state uses JSONata', fix: 'use Output with {% $states.errorOutput %}' });
    }
    if (language === 'JSONPath' && 'Output' in catcher) {
      problems.push({ state: name, field: `Catch[${i}].Output`, message: 'is a JSONata field, but this state uses JSONPath', fix: 'use ResultPath' });
    }
  });
  if (state.Type === 'Choice' && Array.isArray(state.Choices)) problems.push(...checkChoiceRules(name, state.Choices, language));
  return problems;
}

function checkChoiceRules(name: string, rules: ChoiceRule[], language: QueryLanguage): Problem[] {
  const problems: Problem[] = [];
  rules.forEach((rule, i) => {
    const field = `Choices[${i}]`;
    if (!isPlainObject(rule)) return;
    if (language === 'JSONata' && rule.Condition === undefined) {
      problems.push({ state: name, field: `${field}.Condition`, message: 'is missing: JSONata Choice rules test a Condition', fix: `write Condition: "{% ... %}"${rule.Variable ? ` instead of Variable "${rule.Variable}" and its comparison` : ''}` });
    }
    if (language === 'JSONPath' && rule.Condition !== undefined) {
      problems.push({ state: name, field: `${field}.Condition`, message: 'is a JSONata field, but this state uses JSONPath', fix: 'use Variable with a comparison operator (StringEquals, NumericGreaterThan, ...), or set QueryLanguage: JSONata on the state' });
    }
  });
  return problems;
}
