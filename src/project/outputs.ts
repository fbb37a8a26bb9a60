/**
 * The files a build writes, as values: the project rendered into out/. Writing them (atomically,
 * removing stale ones) is the CLI's job; deploy and the other readers use the project value itself.
 */
import { join } from 'node:path';
import type { Project } from './project.js';

export interface OutputFile {
  path: string;
  contents: string;
}

/** The folders of out/ a full build owns: it removes what it did not write there. */
export const OUTPUT_FOLDERS = ['asl', 'iam', 'schedules', 'rules'] as const;

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

export function projectFiles(project: Project, out: string): OutputFile[] {
  const files: OutputFile[] = [];
  for (const w of project.workflows) {
    files.push({ path: join(out, 'asl', `${w.name}.asl.json`), contents: w.asl });
    // The generated slot starter's role is derived at deploy time from the schedules it serves.
    if (w.workflow) files.push({ path: join(out, 'iam', `${w.name}.policy.json`), contents: json(w.policy) });
  }
  for (const s of project.schedules) files.push({ path: schedulePath(out, { name: s.name, group: s.input.GroupName }), contents: json(s.input) });
  for (const r of project.rules) files.push({ path: join(out, 'rules', `${r.name}.json`), contents: json({ PutRule: r.putRule, PutTargets: r.putTargets }) });
  return files;
}

/** Schedule names are unique within a group, so a schedule in a group gets the group's folder (the project value puts every schedule in one). */
export function schedulePath(out: string, schedule: { name: string; group?: string }): string {
  return schedule.group === undefined ? join(out, 'schedules', `${schedule.name}.json`) : join(out, 'schedules', schedule.group, `${schedule.name}.json`);
}
