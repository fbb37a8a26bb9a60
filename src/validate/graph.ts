/**
 * Checks of the state graph: transitions land on existing states of the same machine, every state
 * is reachable from StartAt, each machine can end, state names are unique and usable.
 * Names are looked up as the machine's own keys only: `toString` or `__proto__` is a missing state
 * like any other name, not something every object has.
 */
import type { Problem } from '../model/errors.js';
import type { State, StateMachineDefinition } from '../model/asl.js';
import { machines, transitions, type Machine } from '../model/walk.js';
import { isPlainObject } from './pointer.js';

const MAX_NAME_LENGTH = 80;
const NEXTABLE = new Set(['Task', 'Pass', 'Wait', 'Parallel', 'Map']);
const LINE_BREAK = /[\n\r\u2028\u2029]/;

function where(machine: Machine): string {
  return machine.owner ? ` (inside ${machine.owner.field} of "${machine.owner.state}")` : '';
}

export function checkGraph(definition: StateMachineDefinition): Problem[] {
  const problems: Problem[] = [];
  const seen = new Set<string>();

  for (const machine of machines(definition)) {
    if (!isPlainObject(machine.States)) {
      // The top level's States was checked by the caller; a nested machine's is reported here.
      if (machine.owner) problems.push({ state: machine.owner.state, field: `${machine.owner.field}.States`, message: `is ${describe(machine.States)}, not an object of states`, fix: 'give the states as an object keyed by state name' });
      continue;
    }
    const states = machine.States;
    const has = (name: string) => Object.hasOwn(states, name);
    const names = Object.keys(states);
    const fix = names.length > 0 ? `use one of: ${names.slice(0, 8).map((n) => JSON.stringify(n)).join(', ')}${names.length > 8 ? ', ...' : ''}` : 'add the state';
    const startField = machine.owner ? `${machine.owner.field}.StartAt` : 'StartAt';

    let startsAt: string | undefined;
    if (machine.StartAt === undefined) {
      problems.push({ state: machine.owner?.state, field: startField, message: `is missing: a machine must name its first state${where(machine)}`, fix });
    } else if (typeof machine.StartAt !== 'string') {
      problems.push({ state: machine.owner?.state, field: startField, message: `is ${describe(machine.StartAt)}; it must be the name of the first state${where(machine)}`, fix });
    } else if (!has(machine.StartAt)) {
      problems.push({ state: machine.owner?.state, field: startField, message: `StartAt ${JSON.stringify(machine.StartAt)} is not a state${where(machine)}`, fix });
    } else {
      startsAt = machine.StartAt;
    }

    let dangling = false;
    for (const name of names) {
      const state = states[name];
      problems.push(...checkName(name, seen, machine));
      seen.add(name);
      if (!isPlainObject(state)) {
        problems.push({ state: name, message: `States.${name} is ${describe(state)}, not a state object${where(machine)}`, fix: 'every entry of States must be a state ({ "Type": ... }); machine-level fields such as QueryLanguage belong beside StartAt' });
        continue;
      }
      if (NEXTABLE.has(state.Type as string)) {
        const s = state as { Next?: unknown; End?: unknown };
        if (s.Next === undefined && s.End !== true) problems.push({ state: name, field: 'Next', message: 'has neither Next nor End', fix: 'give Next (the following state) or End: true' });
        if (s.Next !== undefined && s.End === true) problems.push({ state: name, field: 'End', message: 'has both Next and End', fix: 'keep one of them' });
      }
      for (const [field, target] of transitions(state as unknown as State)) {
        if (!has(target)) {
          dangling = true;
          problems.push({ state: name, field, message: `goes to ${JSON.stringify(target)}, which is not a state${where(machine)}`, fix });
        }
      }
    }
    if (startsAt === undefined) continue;

    // Reachability from StartAt, and whether any reachable state ends the machine.
    const reached = new Set<string>([startsAt]);
    const queue = [startsAt];
    let canEnd = false;
    for (let i = 0; i < queue.length; i++) {
      const state = states[queue[i]!];
      if (!isPlainObject(state)) continue;
      if (state.Type === 'Succeed' || state.Type === 'Fail' || state.End === true) canEnd = true;
      for (const [, target] of transitions(state as unknown as State)) {
        if (!reached.has(target) && has(target)) {
          reached.add(target);
          queue.push(target);
        }
      }
    }
    for (const name of names) {
      if (!reached.has(name) && isPlainObject(states[name])) {
        problems.push({ state: name, message: `is unreachable: no transition from StartAt ${JSON.stringify(startsAt)} leads to it${where(machine)}`, fix: 'connect it with Next, a Choice rule, Default or a Catch, or remove it' });
      }
    }
    // A transition to nowhere already explains a machine that cannot end; say it once.
    if (!canEnd && !dangling) {
      problems.push({
        state: machine.owner?.state,
        field: machine.owner?.field ?? 'States',
        message: `${machine.owner ? 'this branch' : 'the state machine'} can never end: no reachable state has End: true or is a Succeed or Fail state`,
        fix: 'end a path with End: true, a Succeed or a Fail state',
      });
    }
  }
  return problems;
}

/** A state name AWS takes: 1 to 80 characters on one line, unique across the whole machine. */
function checkName(name: string, seen: Set<string>, machine: Machine): Problem[] {
  const problems: Problem[] = [];
  const length = [...name].length;
  if (length === 0) problems.push({ state: name, message: `a state name is empty${where(machine)}`, fix: 'name the state' });
  if (length > MAX_NAME_LENGTH) problems.push({ state: name, message: `the name is ${length} characters; AWS allows at most ${MAX_NAME_LENGTH}`, fix: 'shorten the state name' });
  if (LINE_BREAK.test(name)) problems.push({ state: name, message: `the name ${JSON.stringify(name)} contains a line break; a state name is one line`, fix: 'remove the line break from the state name (and from every Next, Default and StartAt that names it)' });
  if (seen.has(name)) problems.push({ state: name, message: `the name ${JSON.stringify(name)} is used by more than one state${where(machine)}`, fix: 'state names must be unique across the whole machine, branches and Map processors included; rename one' });
  return problems;
}

function describe(value: unknown): string {
  if (value === undefined) return 'missing';
  if (Array.isArray(value)) return 'a list';
  return value !== null && typeof value === 'object' ? 'an object' : JSON.stringify(value);
}
