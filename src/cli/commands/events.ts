/**
 * `stepwright events test RULE --event FILE`: does the event match the rule, and what would each
 * target receive? `stepwright events simulate [RULE] --event FILE --mocks FILE`: then run the
 * target workflows on the embedded executor with that input.
 */
import { parseArgs } from 'node:util';
import type { JsonValue } from '../../model/asl.js';
import { StepwrightError } from '../../model/errors.js';
import { execute } from '../../compile/execute.js';
import { EventBridgeApiError, testEventPattern, transformInput, type RuleSpec, type RuleTarget } from '../../schedules/index.js';
import { loadConfig } from '../../project/config.js';
import type { Io } from '../io.js';
import { readJsonFile, readJsonText } from '../json-input.js';
import { loadProjectSchedules } from '../../project/schedules.js';
import { findWorkflowFiles, loadWorkflows } from '../../project/load.js';

export const usage = `stepwright events test RULE --event FILE
stepwright events simulate [RULE] --event FILE [--mocks FILE]

test:      says whether the event matches the rule's pattern, and prints what each target receives
           (after InputPath or InputTransformer). Exits 1 when it does not match.
simulate:  for every matching rule (or RULE), runs each workflow target on the embedded executor
           with the transformed input and the mocks. Exits 1 when nothing matched or a run failed.`;

export async function run(argv: string[], io: Io): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub !== 'test' && sub !== 'simulate') throw new StepwrightError({ message: `unknown subcommand "${sub ?? ''}"`, fix: 'stepwright events test RULE --event FILE' });
  const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { event: { type: 'string' }, mocks: { type: 'string' } } });
  if (!values.event) throw new StepwrightError({ field: '--event', message: 'is required', fix: 'give a sample event: --event schedules/samples/s3-object-created.json' });
  const { text: eventText, value: event } = readJsonText(values.event, 'event file');
  const { rules } = loadProjectSchedules();
  const named = positionals[0];
  if (sub === 'test' && !named) throw new StepwrightError({ message: 'name the rule to test', fix: `stepwright events test ${rules[0]?.name ?? 'RULE'} --event ${values.event}` });
  const candidates = named ? rules.filter((r) => r.name === named) : rules;
  if (named && candidates.length === 0) {
    throw new StepwrightError({ file: 'schedules/', workflow: named, message: 'no rule has this name', fix: `use one of: ${rules.map((r) => r.name).join(', ') || '(none defined)'}` });
  }

  const config = loadConfig();
  const matched: { rule: RuleSpec; target: RuleTarget; input: string | undefined }[] = [];
  for (const rule of candidates) {
    if (!rule.eventPattern) continue;
    let matches: boolean;
    try {
      matches = testEventPattern(rule.eventPattern, eventText);
    } catch (error) {
      if (error instanceof EventBridgeApiError) throw new StepwrightError({ file: values.event, workflow: rule.name, message: `${error.code}: ${error.message}`, fix: 'the event must be an EventBridge event with id, account, source, time, region and detail-type' });
      throw error;
    }
    io.out(`${matches ? '✓ matches' : '✗ does not match'} rule ${rule.name}`);
    if (!matches) continue;
    const ruleArn = config.region && config.account ? `arn:aws:events:${config.region}:${config.account}:rule/${rule.name}` : undefined;
    for (const target of rule.targets) {
      const input = transformInput(event, { inputPath: target.inputPath, inputPathsMap: target.inputTransformer?.inputPathsMap, inputTemplate: target.inputTransformer?.inputTemplate, input: target.input === undefined ? undefined : JSON.stringify(target.input) }, { ruleName: rule.name, ruleArn, targetId: target.id });
      io.out(`  → ${target.workflow ? `workflow ${target.workflow}` : target.arn} receives ${input === undefined ? '(nothing: the event is not delivered)' : input}`);
      matched.push({ rule, target, input });
    }
  }
  if (sub === 'test') return matched.length > 0 ? 0 : 1;
  return simulate(matched, values.mocks, io);
}

async function simulate(matched: { rule: RuleSpec; target: RuleTarget; input: string | undefined }[], mocksFile: string | undefined, io: Io): Promise<number> {
  const runs = matched.filter((m) => m.target.workflow && m.input !== undefined);
  if (runs.length === 0) {
    io.out('no workflow target received the event; nothing to run');
    return 1;
  }
  const mocks = mocksFile ? (readJsonFile(mocksFile, 'mock file') as Record<string, never>) : undefined;
  const workflows = new Map((await loadWorkflows(findWorkflowFiles('workflows'))).map((l) => [l.workflow.name, l.workflow]));
  let ok = true;
  for (const { rule, target, input } of runs) {
    const workflow = workflows.get(target.workflow!);
    if (!workflow) {
      throw new StepwrightError({ workflow: rule.name, field: 'targets.workflow', message: `targets workflow "${target.workflow}", which is not in workflows/`, fix: 'name a workflow defined in workflows/*.ts' });
    }
    let parsed: JsonValue;
    try {
      parsed = JSON.parse(input!) as JsonValue;
    } catch {
      throw new StepwrightError({ workflow: rule.name, field: 'targets.inputTransformer', message: `the target receives text that is not JSON, so a workflow cannot start with it: ${input}`, fix: 'make the InputTemplate produce a JSON object' });
    }
    const result = await execute(workflow, parsed, { mocks });
    ok &&= result.status === 'SUCCEEDED';
    io.out(`\n${rule.name} → ${target.workflow}: ${result.status}`);
    io.out(result.status === 'SUCCEEDED' ? JSON.stringify(result.output, null, 2) : `error: ${result.error}\ncause: ${result.cause}`);
  }
  return ok ? 0 : 1;
}
