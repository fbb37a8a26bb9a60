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

/** Every schedules file; with `workflows`, each target must name one of them. */
export function loadProjectSchedules(files = findScheduleFiles(), workflows?: ReadonlySet<string>): ProjectSchedules {
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
  // Outputs are named after entries, so two entries of one kind with one name would overwrite each other.
  for (const [kind, list] of [['schedule', out.schedules], ['rule', out.rules]] as const) {
    const seen = new Map<string, string>();
    for (const entry of list) {
      const key = kind === 'schedule' ? `${(entry as ScheduleSpec).group ?? 'default'}/${entry.name}` : entry.name;
      const other = seen.get(key);
      if (other) problems.push({ file: entry.file, [kind]: entry.name, message: `another ${kind} has this name (in ${other})`, fix: `give each ${kind} its own name` });
      seen.set(key, entry.file);
    }
  }
  if (problems.length > 0) throw new StepwrightError(problems);
  return out;
}
