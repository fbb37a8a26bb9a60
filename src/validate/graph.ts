/**
 * Checks of the state graph: transitions land on existing states of the same machine, every state
 * is reachable from StartAt, each machine can end, state names are unique and short enough.
 */
import type { Problem } from '../model/errors.js';
import type { StateMachineDefinition } from '../model/asl.js';
import { machines, transitions, type Machine } from '../model/walk.js';

const MAX_NAME_LENGTH = 80;
const NEXTABLE = new Set(['Task', 'Pass', 'Wait', 'Parallel', 'Map']);

function where(machine: Machine): string {
  return machine.owner ? ` (inside ${machine.owner.field} of "${machine.owner.state}")` : '';
}

export function checkGraph(definition: StateMachineDefinition): Problem[] {
  const problems: Problem[] = [];
  const seen = new Map<string, Machine>();

  for (const machine of machines(definition)) {
    const names = Object.keys(machine.States ?? {});
    const fix = names.length > 0 ? `use one of: ${names.slice(0, 8).map((n) => `"${n}"`).join(', ')}${names.length > 8 ? ', ...' : ''}` : 'add the state';

    if (typeof machine.StartAt !== 'string' || !(machine.StartAt in (machine.States ?? {}))) {
      problems.push({
        state: machine.owner?.state,
        field: machine.owner ? `${machine.owner.field}.StartAt` : 'StartAt',
        message: `StartAt "${machine.StartAt}" is not a state${where(machine)}`,
        fix,
      });
      continue;
    }

    let dangling = false;
    for (const name of names) {
      const state = machine.States[name]!;
      if (state === null || typeof state !== 'object' || Array.isArray(state)) {
        problems.push({ state: name, message: `States.${name} is ${JSON.stringify(state)}, not a state object${where(machine)}`, fix: 'every entry of States must be a state ({ "Type": ... }); machine-level fields such as QueryLanguage belong beside StartAt' });
        continue;
      }
      if (name.length > MAX_NAME_LENGTH) {
        problems.push({ state: name, message: `the name is ${name.length} characters; AWS allows at most ${MAX_NAME_LENGTH}`, fix: 'shorten the state name' });
      }
      if (seen.has(name)) {
        problems.push({ state: name, message: `the name "${name}" is used by more than one state${where(machine)}`, fix: 'state names must be unique across the whole machine, branches and Map processors included; rename one' });
      }
      seen.set(name, machine);
      if (NEXTABLE.has(state.Type)) {
        const s = state as { Next?: string; End?: boolean };
        if (s.Next === undefined && s.End !== true) problems.push({ state: name, field: 'Next', message: 'has neither Next nor End', fix: 'give Next (the following state) or End: true' });
        if (s.Next !== undefined && s.End === true) problems.push({ state: name, field: 'End', message: 'has both Next and End', fix: 'keep one of them' });
      }
      for (const [field, target] of transitions(state)) {
        if (!(target in machine.States)) {
          dangling = true;
          problems.push({ state: name, field, message: `goes to "${target}", which is not a state${where(machine)}`, fix });
        }
      }
    }

    // Reachability from StartAt, and whether any reachable state ends the machine.
    const reached = new Set<string>([machine.StartAt]);
    const queue = [machine.StartAt];
    let canEnd = false;
    while (queue.length > 0) {
      const state = machine.States[queue.shift()!];
      if (!state || typeof state !== 'object') continue;
      if (state.Type === 'Succeed' || state.Type === 'Fail' || (state as { End?: boolean }).End === true) canEnd = true;
      for (const [, target] of transitions(state)) {
        if (!reached.has(target) && target in machine.States) {
          reached.add(target);
          queue.push(target);
        }
      }
    }
    for (const name of names) {
      const state = machine.States[name];
      if (!reached.has(name) && state !== null && typeof state === 'object') {
        problems.push({ state: name, message: `is unreachable: no transition from StartAt "${machine.StartAt}" leads to it${where(machine)}`, fix: 'connect it with Next, a Choice rule, Default or a Catch, or remove it' });
      }
    }
    // A transition to nowhere already explains a machine that cannot end; say it once.
    if (!canEnd && !dangling) {
      problems.push({
        state: machine.owner?.state,
        field: machine.owner?.field,
        message: `${machine.owner ? 'this branch' : 'the state machine'} can never end: no reachable state has End: true or is a Succeed or Fail state`,
        fix: 'end a path with End: true, a Succeed or a Fail state',
      });
    }
  }
  return problems;
}
