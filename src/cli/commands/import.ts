/** `stepwright import`: existing state machines (ASL files, SAM/CloudFormation templates, deployed ARNs) as workflow modules. */
import { existsSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { formatProblem, StepwrightError, type Problem } from '../../model/errors.js';
import { loadConfig, CONFIG_FILE } from '../../project/index.js';
import { importDefinition, type ImportOptions, type ImportResult } from '../../import/index.js';
import { describeDeployed } from '../../import/deployed.js';
import { isTemplate, machinesOfTemplate, readSource } from '../../import/template.js';
import { writeFilesAtomically } from '../output.js';
import type { Io } from '../io.js';

export const usage = `stepwright import FILE [--name NAME] [--out PATH] [--force]
stepwright import --arn ARN [--name NAME] [--out PATH] [--force] [--endpoint URL]

Writes existing state machines as TypeScript workflow modules:
  FILE.asl.json / .yaml    one definition; --name names the workflow (default: the file's name)
  template.yaml / .json    every state machine of a SAM or CloudFormation template
  --arn ARN                a deployed machine, read with DescribeStateMachine (--endpoint or
                           AWS_ENDPOINT_URL for a local Step Functions endpoint)

Each goes to workflows/<name>.ts, or --out (a file for one machine, a folder for several).
Existing files are left alone unless --force; nothing is written unless every module can be.
\${Name} placeholders become values read from "substitutions" in ${CONFIG_FILE}.`;

interface Planned {
  path: string;
  from: string;
  result: ImportResult;
  substitutions: Record<string, string>;
}

export async function run(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { name: { type: 'string' }, out: { type: 'string' }, force: { type: 'boolean', default: false }, arn: { type: 'string' }, endpoint: { type: 'string' }, region: { type: 'string' } },
  });
  if (values.arn === undefined && positionals.length !== 1) {
    throw new StepwrightError({ message: positionals.length === 0 ? 'nothing to import' : 'import takes one file at a time', fix: 'stepwright import statemachine.asl.json --name orders, stepwright import template.yaml, or stepwright import --arn <state machine ARN>' });
  }
  const imports: { options: ImportOptions; definition: unknown; from: string; substitutions: Record<string, string> }[] = [];
  const problems: Problem[] = [];

  if (values.arn !== undefined) {
    const deployed = await describeDeployed(values.arn, { ...(values.endpoint ? { endpoint: values.endpoint } : {}), ...(values.region ? { region: values.region } : {}) });
    const name = values.name ?? deployed.name;
    imports.push({ definition: deployed.definition, from: values.arn, substitutions: {}, options: { name, source: `Imported from ${values.arn} by stepwright import.`, ...(deployed.type ? { type: deployed.type } : {}), ...(deployed.tags ? { tags: deployed.tags } : {}) } });
  } else {
    const file = positionals[0]!;
    const source = readSource(file);
    if (isTemplate(source.value)) {
      const found = machinesOfTemplate(source, file);
      problems.push(...found.problems);
      const only = found.machines.length === 1 ? found.machines[0] : undefined;
      for (const machine of found.machines) {
        const name = only && values.name ? values.name : machine.name;
        imports.push({
          definition: machine.definition,
          from: `${file} › ${machine.resource}`,
          substitutions: machine.substitutions,
          options: { name, file: machine.file, at: machine.at, position: machine.position, source: `Imported from ${machine.resource} of ${file} by stepwright import.`, ...(machine.type ? { type: machine.type } : {}), ...(machine.tags ? { tags: machine.tags } : {}) },
        });
      }
      if (found.machines.length > 1 && values.name) problems.push({ file, field: '--name', message: 'names one workflow, but the template has several; each keeps its own name' });
    } else {
      const name = values.name ?? basename(file).replace(/(\.asl)?\.(json|ya?ml)$/i, '');
      imports.push({ definition: source.value, from: file, substitutions: {}, options: { name, file, position: source.position } });
    }
  }
  if (imports.length === 0) throw new StepwrightError(problems);

  const folder = workflowsFolder();
  const planned: Planned[] = [];
  for (const item of imports) {
    const result = importDefinition(item.definition, item.options);
    planned.push({ path: target(values.out, result.name, imports.length, folder), from: item.from, result, substitutions: item.substitutions });
  }
  const paths = planned.map((p) => p.path);
  const clashes = planned.filter((p, i) => paths.indexOf(p.path) !== i);
  if (clashes.length > 0) throw new StepwrightError(clashes.map((p) => ({ file: p.path, workflow: p.result.name, message: 'two imported workflows would be written here', fix: 'give the state machines different names' })));
  const existing = values.force ? [] : planned.filter((p) => existsSync(p.path));
  if (existing.length > 0) {
    throw new StepwrightError(existing.map((p) => ({ file: p.path, workflow: p.result.name, message: 'already exists; nothing was written', fix: 'pass --force to replace it, or --out to write elsewhere' })));
  }
  writeFilesAtomically(planned.map((p) => ({ path: p.path, contents: p.result.source })));

  for (const p of planned) {
    const states = (p.result.source.match(/^/gm) ?? []).length;
    io.out(`${p.path}  ← ${p.from}  (${p.result.exact ? 'compiles back to the same definition' : 'compiles to an equivalent definition, not the same one: see below'}, ${states} lines)`);
    const said = [...p.result.problems.map((x) => ({ ...x, message: `the definition: ${x.message}` })), ...p.result.notes];
    for (const problem of said) io.out(`  ${formatProblem(problem).replace(/\n/g, '\n  ')}`);
    if (p.result.placeholders.length > 0) {
      const entries = p.result.placeholders.map((k) => `    ${JSON.stringify(k)}: ${JSON.stringify(p.substitutions[k] ?? '')}`);
      io.out(`  reads ${p.result.placeholders.join(', ')} from ${CONFIG_FILE}; set them there:\n  "substitutions": {\n${entries.join(',\n')}\n  }`);
    }
  }
  for (const problem of problems) io.err(formatProblem(problem));
  return 0;
}

function workflowsFolder(): string {
  try {
    return loadConfig('.').workflows;
  } catch {
    return 'workflows'; // a config with problems still says nothing better; build will report them
  }
}

/** `--out` as a file for one module, or a folder (existing, ending in /, or for several); else the workflows folder. */
function target(out: string | undefined, name: string, count: number, folder: string): string {
  if (out === undefined) return relative('.', join(folder, `${name}.ts`)) || `${name}.ts`;
  const isFolder = count > 1 || out.endsWith('/') || (existsSync(out) && statSync(out).isDirectory());
  return isFolder ? join(out, `${name}.ts`) : out;
}
