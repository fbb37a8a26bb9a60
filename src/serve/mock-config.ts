/**
 * Mocked service integrations the way Step Functions Local does them: a MockConfigFile
 * (`StateMachines.<machine>.TestCases.<case>` maps Task states to `MockedResponses`), chosen per
 * execution by starting `<stateMachineArn>#<TestCaseName>`. The endpoint calls no AWS service, so
 * every other Task fails with `stepwright.UnmockedTask` naming the state, except a
 * `.waitForTaskToken` Task, which waits for SendTaskSuccess / SendTaskFailure. The file is read
 * again when it changes, so a running endpoint picks up new test cases.
 */
import { readFileSync, statSync } from 'node:fs';
import type { StateMachineDefinition } from '../model/asl.js';
import { StepwrightError } from '../model/errors.js';
import { parseJsonSource } from '../model/json-source.js';
import { parseResource } from '../model/resource.js';
import { sites } from '../model/walk.js';
import { UNMOCKED_TASK, type MockConfigFile, type Mocks, type MockResponses } from '../engine/index.js';
import { errors } from './errors.js';

export class MockConfigSource {
  private loaded: { mtimeMs: number; config: MockConfigFile } | undefined;

  /** `file`: a MockConfigFile.json; `base`: test cases known without a file (the project's scenarios). */
  constructor(
    readonly file: string | undefined,
    private readonly base: MockConfigFile | undefined = undefined,
  ) {
    if (file) this.loaded = { mtimeMs: statSync(file).mtimeMs, config: readMockConfig(file) };
  }

  /** The file's test cases over the base ones (the file wins where both name a machine's case). */
  current(): MockConfigFile {
    if (this.file) {
      let mtimeMs: number | undefined;
      try {
        mtimeMs = statSync(this.file).mtimeMs;
      } catch {
        mtimeMs = undefined; // removed while running: keep what was read
      }
      if (mtimeMs !== undefined && mtimeMs !== this.loaded?.mtimeMs) {
        try {
          this.loaded = { mtimeMs, config: readMockConfig(this.file) };
        } catch (e) {
          throw errors.validationMessage(`The mock config ${this.file} no longer reads: ${(e as Error).message}`);
        }
      }
    }
    return merge(this.base, this.loaded?.config);
  }

  /** The engine's mocks for one execution of `machine` (its name), under `testCase` if given. */
  mocksFor(definition: StateMachineDefinition, machine: string, stateMachineArn: string, testCase: string | undefined): Mocks {
    const mocks: Record<string, MockResponses | (() => { Throw: { Error: string; Cause: string } })> = {};
    let cases: Record<string, string> = {};
    const config = this.current();
    if (testCase !== undefined) {
      const test = config.StateMachines?.[machine]?.TestCases?.[testCase];
      if (!test) {
        throw errors.invalidName(`Invalid mock test case name '${testCase}' for state machine '${machine}': ${this.file || this.base ? 'the mock config has no such test case' : 'no mock config was given (--mock-config or SFN_MOCK_CONFIG)'}`);
      }
      cases = test;
    }
    const tasks = new Map(sites(definition).filter((s) => s.state.Type === 'Task').map((s) => [s.name, s.state]));
    for (const [state, responseName] of Object.entries(cases)) {
      if (!tasks.has(state)) throw errors.validationMessage(`Test case '${testCase}' mocks '${state}', which is not a Task state of ${machine}`);
      const responses = config.MockedResponses?.[responseName];
      if (!responses) throw errors.validationMessage(`Test case '${testCase}' uses mocked response '${responseName}', which the mock config does not define`);
      mocks[state] = responses;
    }
    for (const [name, state] of tasks) {
      if (name in mocks || state.Type !== 'Task') continue;
      if (parseResource(state.Resource).pattern === 'waitForTaskToken') continue; // answered by SendTask*
      const where = testCase === undefined ? `start the execution as '${stateMachineArn}#<TestCase>' with a MockConfigFile that mocks it` : `add it to StateMachines.${machine}.TestCases.${testCase} in the MockConfigFile`;
      const cause = `Task state '${name}' calls '${state.Resource}', and the local endpoint makes no call to AWS: ${where}`;
      mocks[name] = () => ({ Throw: { Error: UNMOCKED_TASK, Cause: cause } });
    }
    return mocks as Mocks;
  }
}

/** Reads and checks a MockConfigFile; a broken one is a StepwrightError naming the file and line. */
export function readMockConfig(file: string): MockConfigFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new StepwrightError({ file, message: 'cannot read the mock config', fix: 'give the path of a Step Functions Local MockConfigFile.json' });
  }
  const parsed = parseJsonSource(text);
  if ('errors' in parsed) {
    throw new StepwrightError(parsed.errors.map((e) => ({ file, line: e.line, column: e.column, message: `not valid JSON: ${e.message}`, fix: 'fix the JSON syntax' })));
  }
  const config = parsed.source.value as MockConfigFile;
  const problem = (field: string, message: string, fix: string) => new StepwrightError({ file, ...parsed.source.position([field]), field, message, fix });
  if (!config || typeof config !== 'object' || typeof config.StateMachines !== 'object' || config.StateMachines === null) {
    throw problem('StateMachines', 'not a Step Functions Local MockConfigFile', 'give a file with "StateMachines" and "MockedResponses"');
  }
  if (typeof config.MockedResponses !== 'object' || config.MockedResponses === null) {
    throw problem('MockedResponses', 'is missing', 'add "MockedResponses": { "<name>": { "0": { "Return": ... } } }');
  }
  return config;
}

function merge(a: MockConfigFile | undefined, b: MockConfigFile | undefined): MockConfigFile {
  if (!a) return b ?? { StateMachines: {}, MockedResponses: {} };
  if (!b) return a;
  const StateMachines: MockConfigFile['StateMachines'] = { ...a.StateMachines };
  for (const [machine, m] of Object.entries(b.StateMachines ?? {})) StateMachines[machine] = { TestCases: { ...StateMachines[machine]?.TestCases, ...m.TestCases } };
  return { StateMachines, MockedResponses: { ...a.MockedResponses, ...b.MockedResponses } };
}
