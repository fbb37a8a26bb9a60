/** The project's schedules and rules: every `schedules/*.yaml`, loaded and checked, names unique. */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { StepwrightError, isStepwrightError, type Problem } from '../model/errors.js';
import { loadSchedulesFile, type RuleSpec, type ScheduleSpec } from '../schedules/index.js';

export interface ProjectSchedules {
  schedules: (ScheduleSpec & { file: string })[];
  rules: (RuleSpec & { file: string })[];
}

export function findScheduleFiles(dir = 'schedules'): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => join(dir, f));
}

/**
 * Every schedules file; with `workflows`, each target must name one of them. `group` is where a
 * schedule that names none goes (deploy puts it in the project's group; Scheduler alone, in "default").
 */
export function loadProjectSchedules(files = findScheduleFiles(), workflows?: ReadonlySet<string>, group = 'default'): ProjectSchedules {
  const out: ProjectSchedules = { schedules: [], rules: [] };
  const problems: Problem[] = [];
  for (const file of files) {
    try {
      const loaded = loadSchedulesFile(file, { workflows });
      out.schedules.push(...loaded.schedules.map((s) => ({ ...s, file })));
      out.rules.push(...loaded.rules.map((r) => ({ ...r, file })));
    } catch (error) {
      if (!isStepwrightError(error)) throw error;
      problems.push(...error.problems);
    }
  }
  // Two entries of one kind with one name (schedules: in one group) would be one resource, and overwrite each other's output.
  for (const [kind, list] of [['schedule', out.schedules], ['rule', out.rules]] as const) {
    const seen = new Map<string, { file: string; grouped: boolean }>();
    for (const entry of list) {
      const named = kind === 'schedule' ? (entry as ScheduleSpec).group : undefined;
      const key = kind === 'schedule' ? `${named ?? group}/${entry.name}` : entry.name;
      const other = seen.get(key);
      if (other) {
        const implicit = kind === 'schedule' && (named === undefined || !other.grouped);
        problems.push({
          file: entry.file,
          [kind]: entry.name,
          message: `another ${kind} has this name${kind === 'schedule' ? ` in group "${named ?? group}"` : ''} (in ${other.file})`,
          fix: implicit ? `give each schedule its own name or group (a schedule that names no group is in "${group}")` : `give each ${kind} its own name`,
        });
      }
      seen.set(key, { file: entry.file, grouped: named !== undefined });
    }
  }
  if (problems.length > 0) throw new StepwrightError(problems);
  return out;
}
