/** `stepwright graph WORKFLOW`: the workflow's diagram as SVG (Graphviz), Mermaid or DOT. */
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildDefinition } from '../../compile/build.js';
import { StepwrightError } from '../../model/errors.js';
import { toDot, toMermaid, toSvg } from '../../diagrams/index.js';
import { writeFilesAtomically } from '../output.js';
import { validateDefinition } from '../../validate/index.js';
import { loadRunTarget } from '../target.js';
import type { Io } from '../io.js';

export const usage = `stepwright graph <workflow.ts | definition.asl.json> [options]

Draws the workflow: states, transitions, Catch edges (dashed), Retry marks (↻), Parallel
branches and Map processors nested. SVG is laid out by Graphviz (WebAssembly, no install).

  --format svg|mermaid|dot   default svg
  --out FILE                 default out/graph/<workflow>.<svg|mmd|dot>; "-" prints it
  --workflow NAME            which workflow, when the module exports several`;

const EXTENSIONS = { svg: 'svg', mermaid: 'mmd', dot: 'dot' } as const;

export async function run(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { format: { type: 'string', default: 'svg' }, out: { type: 'string' }, workflow: { type: 'string' } },
  });
  const format = values.format as keyof typeof EXTENSIONS;
  if (!(format in EXTENSIONS)) {
    throw new StepwrightError({ field: '--format', message: `unknown format "${values.format}"`, fix: 'use --format svg, mermaid or dot' });
  }
  if (positionals.length !== 1) {
    throw new StepwrightError({ message: 'give one workflow module or ASL file', fix: 'e.g. stepwright graph workflows/pipeline.ts --format svg' });
  }
  const target = await loadRunTarget(positionals[0]!, values.workflow);
  const definition = target.kind === 'workflow' ? buildDefinition(target.workflow, target.file) : target.definition;
  if (target.kind === 'definition') {
    // A drawing of an invalid machine would show edges to states that do not exist: say what is wrong instead.
    const problems = validateDefinition(definition);
    if (problems.length > 0) throw new StepwrightError(problems.map((p) => ({ file: target.file, ...p })));
  }
  const name = target.kind === 'workflow' ? target.workflow.name : basename(target.file).replace(/(\.asl)?\.json$/, '');
  const text = format === 'svg' ? await toSvg(definition, { title: name }) : format === 'mermaid' ? toMermaid(definition) : toDot(definition, { title: name });
  if (values.out === '-') {
    io.out(text.trimEnd());
    return 0;
  }
  const path = values.out ?? join('out', 'graph', `${name}.${EXTENSIONS[format]}`);
  // The default path is named after the workflow: it must stay in out/graph whatever the name holds.
  writeFilesAtomically([{ path, contents: text }], values.out === undefined ? join('out', 'graph') : undefined);
  io.out(`wrote ${path}`);
  return 0;
}
