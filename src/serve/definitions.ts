/**
 * Definitions as the API receives them (JSON text), checked by stepwright's validator: the
 * validator's problems become CreateStateMachine's InvalidDefinition message and
 * ValidateStateMachineDefinition's diagnostics, located by JSON pointer as AWS locates them.
 */
import type { StateMachineDefinition, StateMachineType } from '../model/asl.js';
import type { Problem } from '../model/errors.js';
import { parseResource } from '../model/resource.js';
import { sites, subMachines } from '../model/walk.js';
import { validateDefinition } from '../validate/index.js';
import { errors } from './errors.js';

export interface Diagnostic {
  severity: 'ERROR';
  code: string;
  message: string;
  location?: string;
}

/** The definition's problems as AWS's diagnostics (empty when it is valid). */
export function diagnose(text: string, type: StateMachineType = 'STANDARD'): { definition?: StateMachineDefinition; diagnostics: Diagnostic[] } {
  let definition: StateMachineDefinition;
  try {
    definition = JSON.parse(text) as StateMachineDefinition;
  } catch (e) {
    return { diagnostics: [{ severity: 'ERROR', code: 'INVALID_JSON_DESCRIPTION', message: (e as Error).message }] };
  }
  const pointers = statePointers(definition);
  const problems: Problem[] = [...validateDefinition(definition), ...(type === 'EXPRESS' ? expressProblems(definition) : [])];
  const diagnostics = problems.map((p): Diagnostic => {
    const location = p.state !== undefined ? `${pointers.get(p.state) ?? `/States/${p.state}`}${p.field ? `/${fieldPointer(p.field)}` : ''}` : p.field ? `/${fieldPointer(p.field)}` : undefined;
    return { severity: 'ERROR', code: 'SCHEMA_VALIDATION_FAILED', message: p.fix ? `${p.message} (${p.fix})` : p.message, ...(location ? { location } : {}) };
  });
  return diagnostics.length === 0 ? { definition, diagnostics } : { diagnostics };
}

/** The parsed definition, or InvalidDefinition with every problem, as CreateStateMachine answers. */
export function checkDefinition(text: string, type: StateMachineType = 'STANDARD'): StateMachineDefinition {
  const { definition, diagnostics } = diagnose(text, type);
  if (definition) return definition;
  throw errors.invalidDefinition(diagnostics.map((d) => `${d.code}: ${d.message}${d.location ? ` at ${d.location}` : ''}`).join(', '));
}

/** Express workflows run neither `.sync` nor `.waitForTaskToken` integrations (AWS rejects them at creation). */
function expressProblems(definition: StateMachineDefinition): Problem[] {
  const out: Problem[] = [];
  for (const { name, state } of sites(definition)) {
    if (state.Type !== 'Task' || typeof state.Resource !== 'string') continue;
    const pattern = parseResource(state.Resource).pattern;
    if (pattern === 'sync' || pattern === 'waitForTaskToken') {
      out.push({ state: name, field: 'Resource', message: `Express state machine does not support '.${pattern === 'sync' ? 'sync' : 'waitForTaskToken'}' service integration` });
    }
  }
  return out;
}

/** `Retry[0].ErrorEquals` → `Retry/0/ErrorEquals`. */
function fieldPointer(field: string): string {
  return field.replace(/\[(\d+)\]/g, '.$1').split('.').filter(Boolean).join('/');
}

/** Each state's JSON pointer, nested ones included (`/States/P/Branches/0/States/A`). */
function statePointers(definition: StateMachineDefinition): Map<string, string> {
  const out = new Map<string, string>();
  const visit = (machine: { States?: Record<string, unknown> }, base: string) => {
    for (const [name, state] of Object.entries(machine.States ?? {})) {
      if (state === null || typeof state !== 'object') continue;
      const at = `${base}/States/${name}`;
      if (!out.has(name)) out.set(name, at);
      for (const [field, sub] of subMachines(state as never)) visit(sub as never, `${at}/${fieldPointer(field)}`);
    }
  };
  if (definition && typeof definition === 'object') visit(definition as never, '');
  return out;
}
