/**
 * What the generated module can name: the DSL and the integrations, as the package root exports
 * them. The importer evaluates its code tree in this scope, so what it checks is what the printed
 * module will build.
 */
import * as dsl from '../dsl/index.js';
import * as integrations from '../integrations/index.js';
import { namesIn, type Code } from './code.js';

export const SCOPE_VALUES: Readonly<Record<string, unknown>> = { ...dsl, ...integrations };

/** Names the generated module may import from 'stepwright'. */
export const IMPORTABLE: ReadonlySet<string> = new Set([
  'workflow', 'task', 'pass', 'choice', 'wait', 'succeed', 'fail', 'parallel', 'map', 'expr', 'input', 'result', 'errorOutput', 'context', 'variable', 'ref',
  'States', 'conditions', 'retries', 'awsSdk', 'substitutions', ...Object.keys(integrations),
]);

/**
 * The scope to evaluate a piece of code on its own: the DSL, and each placeholder (a name starting
 * with NUL until the module names it) as the `${Name}` text it stands for.
 */
export function scopeFor(code: Code): Map<string, unknown> {
  const scope = new Map<string, unknown>(Object.entries(SCOPE_VALUES));
  for (const name of namesIn(code)) if (name.startsWith('\u0000')) scope.set(name, `\${${name.slice(1)}}`);
  return scope;
}
