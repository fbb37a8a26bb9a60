/**
 * Catch: the first Catcher whose ErrorEquals matches the error wins. The error output is
 * `{ Error, Cause }`. In JSONPath it goes through the Catcher's ResultPath into the state's raw
 * input (default `$`: the error output replaces it); in JSONata it is `$states.errorOutput` and
 * the Catcher's Output (default: the error output). Assign sees the error output as well.
 */
import type { Catcher, JsonObject, JsonValue } from '../model/asl.js';
import { errorMatches } from './errors-match.js';
import { assignJsonPath, assignJsonata, jsonata, resultPath } from './io.js';
import type { StateEnv, StateResult } from './runtime.js';


export function errorOutput(e: { error: string; cause: string }): JsonObject {
  return { Error: e.error, Cause: e.cause };
}

export async function applyCatch(env: StateEnv, catchers: Catcher[] | undefined, e: { error: string; cause: string }): Promise<StateResult | undefined> {
  const catcher = catchers?.find((c) => errorMatches(c.ErrorEquals, e.error));
  if (!catcher) return undefined;
  const errOut = errorOutput(e);
  if (env.queryLanguage === 'JSONata') {
    const extra = { errorOutput: errOut };
    const assigned = await assignJsonata(env, catcher.Assign, extra);
    const output: JsonValue = catcher.Output !== undefined ? await jsonata(env, catcher.Output, 'Output', extra) : errOut;
    return { output, next: catcher.Next, assigned };
  }
  const assigned = assignJsonPath(env, catcher.Assign, errOut);
  const output = resultPath(env, env.input, errOut, catcher.ResultPath);
  return { output, next: catcher.Next, assigned };
}
