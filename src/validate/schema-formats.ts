/**
 * The formats asl-validator's schemas name, as the precompiled validators call them
 * (schema-validators.generated.ts reads this object once, when it loads). asl-validator registers a
 * different set of format functions for each option set; here each function reads the options of
 * the check under way instead, so one compiled validator serves every option set.
 */
import { isJsonataExpression } from '../model/expressions/jsonata.js';
import { dateTimeFormat, isArnFormatValid, isValidAslPath, type PathContext } from './asl-validator-parts.js';

export interface SchemaOptions {
  /** Check JSONPath syntax in path fields (asl-validator's `checkPaths`). */
  checkPaths?: boolean;
  /** Check that Task Resources are ARNs (asl-validator's `checkArn`). */
  checkArn?: boolean;
}

/** The options of the check under way (validation is synchronous: one check at a time). */
let current: Required<SchemaOptions> = { checkPaths: true, checkArn: true };

/** Runs `check` with the formats reading `options` (asl-validator's defaults: both on). */
export function withSchemaOptions<T>(options: SchemaOptions, check: () => T): T {
  const saved = current;
  current = { checkPaths: options.checkPaths ?? true, checkArn: options.checkArn ?? true };
  try {
    return check();
  } finally {
    current = saved;
  }
}

/** AWS's JSONPath (Jayway) reads `a.[0]` as `a[0]`, and AWS's own samples use it; asl-path-validator does not know the form. */
function jaywayDotBracket(path: string): string {
  return path.replace(/(?<!\.)\.\[/g, '[');
}

const path = (context: PathContext) => (value: string) => !current.checkPaths || isValidAslPath(jaywayDotBracket(value), context);

/** Every format the schemas use, by name. Object-valued formats (date-time) are called as `.validate`. */
export const formats = {
  // asl-validator parses `{% %}` strings with JSONata here; stepwright's own check parses them with
  // the executor's parser and says where (checkExpressions), so the schema only asks for the braces.
  jsonata_string: (value: string) => isJsonataExpression(value),
  maybe_jsonata_string: () => true,
  asl_path: path('PATH'),
  asl_ref_path: path('REFERENCE_PATH'),
  asl_result_path: path('RESULT_PATH'),
  // A `key.$` value that is not an intrinsic function is a path, parsed by stepwright's own check
  // with the executor's parser: asl-path-validator's grammar rejects filters AWS runs, such as
  // `$.items[?(@.id == $.wanted)]`. Intrinsic calls keep its verdict: it checks argument types.
  asl_payload_template: (value: string) => !current.checkPaths || !value.trim().startsWith('States.') || isValidAslPath(jaywayDotBracket(value), 'PAYLOAD_TEMPLATE'),
  asl_arn: (value: string) => !current.checkArn || isArnFormatValid(value),
  // ajv-formats' date-time, which asl-validator registers (the only one of its formats the schemas use).
  'date-time': dateTimeFormat,
};
