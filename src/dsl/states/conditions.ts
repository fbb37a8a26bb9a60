/**
 * JSONPath Choice rules, one function per ASL comparison operator, plus and/or/not.
 * (JSONata states use a `{% %}` Condition instead: `expr('$states.input.score >= 0.9')`.)
 */
import type { ChoiceRule } from '../../model/asl.js';

const CONDITION = Symbol.for('stepwright.condition');

/** A Choice rule without its Next. */
export type Condition = Omit<ChoiceRule, 'Next' | 'Condition' | 'Assign' | 'Output'> & { readonly [CONDITION]?: true };

const compare =
  <V>(operator: keyof ChoiceRule) =>
  (variable: string, value: V): Condition =>
    ({ Variable: variable, [operator]: value }) as Condition;

export const conditions = {
  and: (...rules: Condition[]): Condition => ({ And: rules as ChoiceRule[] }),
  or: (...rules: Condition[]): Condition => ({ Or: rules as ChoiceRule[] }),
  not: (rule: Condition): Condition => ({ Not: rule as ChoiceRule }),

  stringEquals: compare<string>('StringEquals'),
  stringEqualsPath: compare<string>('StringEqualsPath'),
  stringLessThan: compare<string>('StringLessThan'),
  stringLessThanPath: compare<string>('StringLessThanPath'),
  stringGreaterThan: compare<string>('StringGreaterThan'),
  stringGreaterThanPath: compare<string>('StringGreaterThanPath'),
  stringLessThanEquals: compare<string>('StringLessThanEquals'),
  stringLessThanEqualsPath: compare<string>('StringLessThanEqualsPath'),
  stringGreaterThanEquals: compare<string>('StringGreaterThanEquals'),
  stringGreaterThanEqualsPath: compare<string>('StringGreaterThanEqualsPath'),
  /** `*` matches any run of characters; `\\*` a literal star. */
  stringMatches: compare<string>('StringMatches'),

  numericEquals: compare<number>('NumericEquals'),
  numericEqualsPath: compare<string>('NumericEqualsPath'),
  numericLessThan: compare<number>('NumericLessThan'),
  numericLessThanPath: compare<string>('NumericLessThanPath'),
  numericGreaterThan: compare<number>('NumericGreaterThan'),
  numericGreaterThanPath: compare<string>('NumericGreaterThanPath'),
  numericLessThanEquals: compare<number>('NumericLessThanEquals'),
  numericLessThanEqualsPath: compare<string>('NumericLessThanEqualsPath'),
  numericGreaterThanEquals: compare<number>('NumericGreaterThanEquals'),
  numericGreaterThanEqualsPath: compare<string>('NumericGreaterThanEqualsPath'),

  booleanEquals: compare<boolean>('BooleanEquals'),
  booleanEqualsPath: compare<string>('BooleanEqualsPath'),

  timestampEquals: compare<string>('TimestampEquals'),
  timestampEqualsPath: compare<string>('TimestampEqualsPath'),
  timestampLessThan: compare<string>('TimestampLessThan'),
  timestampLessThanPath: compare<string>('TimestampLessThanPath'),
  timestampGreaterThan: compare<string>('TimestampGreaterThan'),
  timestampGreaterThanPath: compare<string>('TimestampGreaterThanPath'),
  timestampLessThanEquals: compare<string>('TimestampLessThanEquals'),
  timestampLessThanEqualsPath: compare<string>('TimestampLessThanEqualsPath'),
  timestampGreaterThanEquals: compare<string>('TimestampGreaterThanEquals'),
  timestampGreaterThanEqualsPath: compare<string>('TimestampGreaterThanEqualsPath'),

  isNull: (variable: string, value = true): Condition => ({ Variable: variable, IsNull: value }),
  isPresent: (variable: string, value = true): Condition => ({ Variable: variable, IsPresent: value }),
  isNumeric: (variable: string, value = true): Condition => ({ Variable: variable, IsNumeric: value }),
  isString: (variable: string, value = true): Condition => ({ Variable: variable, IsString: value }),
  isBoolean: (variable: string, value = true): Condition => ({ Variable: variable, IsBoolean: value }),
  isTimestamp: (variable: string, value = true): Condition => ({ Variable: variable, IsTimestamp: value }),
};
