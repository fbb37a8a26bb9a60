#!/usr/bin/env node
/**
 * The `stepwright` command. Each subcommand is one module in ./commands, thin over the library.
 * User errors print their problems (no stack trace) and exit 1; anything else is a bug: exit 2.
 */
import { readFileSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatProblem, isStepwrightError } from '../model/errors.js';
import { closest } from '../model/suggest.js';
import { libraryLocation } from '../project/module-loader.js';
import { processIo, type Io } from './io.js';

interface Command {
  usage: string;
  run(argv: string[], io: Io): Promise<number>;
}

const COMMANDS: Record<string, () => Promise<Command>> = {
  build: () => import('./commands/build.js'),
  validate: () => import('./commands/validate.js'),
  exec: () => import('./commands/exec.js'),
  schedules: () => import('./commands/schedules.js'),
  events: () => import('./commands/events.js'),
  test: () => import('./commands/test.js'),
  graph: () => import('./commands/graph.js'),
  serve: () => import('./commands/serve.js'),
  import: () => import('./commands/import.js'),
  dags: () => import('./commands/dags.js'),
  plan: () => import('./commands/plan.js'),
  deploy: () => import('./commands/deploy.js'),
  rollback: () => import('./commands/rollback.js'),
  destroy: () => import('./commands/destroy.js'),
  backfill: () => import('./commands/backfill.js'),
};

const HELP = `stepwright: author, test and ship AWS Step Functions workflows

usage: stepwright <command> [options]

commands:
  build [files...]      compile workflows/*.ts to validated out/asl/*.asl.json
  validate FILE...      validate any ASL definition file
  exec TARGET           run a workflow or ASL file on the embedded executor, with mocks
  schedules next        next fire times of every schedule, in its own time zone
  events test RULE      does a sample event match a rule, and what does each target receive
  events simulate       event → matching rules → transformed input → workflow run, with mocks
  test [files...]       run workflows/*.scenarios.yaml on the executor: outcomes, coverage, HTML report
  graph WORKFLOW        draw a workflow: --format svg | mermaid | dot
  serve                 the Step Functions API on localhost over the executor (--port 8083)
  import FILE | --arn   an ASL file, a SAM/CloudFormation template or a deployed machine as workflows/<name>.ts
  dags                  the workflows as Airflow DAGs for Amazon MWAA (dag-factory YAML) and COMPARISON.md
  plan                  what deploy would change in the AWS account, resource by resource (--json)
  deploy                make the account match the project (asks first on a terminal; --yes)
  rollback WORKFLOW     move the workflow's alias back to the previous version (--to N)
  destroy               delete everything the project owns in the account, and nothing else
  backfill WORKFLOW     one execution per past schedule slot: --from DAY --to DAY

Run "stepwright <command> --help" for a command's options; "stepwright --version" for the version.`;

/**
 * Runs one command and returns its exit code: 0, 1 for anything the user can fix (printed without a
 * stack trace), 2 for a bug in stepwright. Tests call it in-process; the `stepwright` bin calls it once.
 */
export async function main(argv: string[], io: Io = processIo): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (error) {
    io.err(`stepwright: internal error (please report it)\n${(error as Error)?.stack ?? String(error)}`);
    return 2;
  }
}

async function dispatch(argv: string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--version' || name === '-v' || name === 'version') {
    io.out(version());
    return 0;
  }
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(HELP);
    return name ? 0 : 1;
  }
  const load = COMMANDS[name];
  if (!load) {
    const near = closest(name, Object.keys(COMMANDS));
    io.err(`stepwright: unknown command "${name}"${near ? ` (did you mean "${near}"?)` : ''}\n\n${HELP}`);
    return 1;
  }
  const command = await load();
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(command.usage);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (isStepwrightError(error)) {
      const count = error.problems.length;
      io.err(`${error.problems.map(formatProblem).join('\n')}\n\n${count} problem${count === 1 ? '' : 's'}.`);
      return 1;
    }
    const code = (error as NodeJS.ErrnoException)?.code;
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) {
      io.err(`${optionProblem(name, error as Error, command.usage)}\n\n${command.usage}`);
      return 1;
    }
    throw error;
  }
}

/** Node's parseArgs messages, said in the command's terms: which option, and the one meant. */
function optionProblem(command: string, error: Error, usage: string): string {
  const known = [...new Set(usage.match(/--[a-z][a-z-]*/g) ?? [])];
  const unknown = /Unknown option '([^']+)'/.exec(error.message)?.[1];
  if (unknown) {
    const near = closest(unknown, known);
    return `stepwright ${command}: unknown option ${unknown}${near ? ` (did you mean ${near}?)` : ''}`;
  }
  const missing = /Option '(-\S+)(?:, (-\S+))?[^']*' argument missing/.exec(error.message);
  if (missing) return `stepwright ${command}: ${missing[2] ?? missing[1]} needs a value`;
  const positional = /Unexpected argument '([^']+)'/.exec(error.message)?.[1];
  if (positional) return `stepwright ${command}: unexpected argument "${positional}"`;
  return `stepwright ${command}: ${error.message.split('. ')[0]}`;
}

/** The package's version, from the package.json beside the library's folder (src/ or dist/). */
function version(): string {
  const library = libraryLocation();
  try {
    const pkg = JSON.parse(readFileSync(join(fileURLToPath(library.root), '..', 'package.json'), 'utf8')) as { version?: string };
    return pkg.version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/** Run as the `stepwright` command (not when a test imports main() to call it in-process). */
if (isEntryPoint()) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}

function isEntryPoint(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    // npm's bin link is a symlink to this file; tsx runs the .ts source directly.
    return /[\\/]cli[\\/]main\.[cm]?[jt]s$/.test(realpathSync(script));
  } catch {
    return false;
  }
}
