/**
 * Jest matchers for workflow runs. Install them with one line of setup:
 *   import 'stepwright/testing/jest';   // or expect.extend(stepwrightMatchers)
 * A failing matcher says where the run diverged, prints the path it took and Jest's diff.
 */
import { formatRunPath } from './format.js';
import { checkCalled, checkCaught, checkFailed, checkOutput, checkRetried, checkSucceeded, checkVariables, checkVisited, type CheckResult } from './expectations.js';
import type { WorkflowRun } from './run.js';

/** The part of Jest's matcher context we use (kept structural: jest is a peer, not a dependency). */
interface MatcherContext {
  isNot?: boolean;
  equals(a: unknown, b: unknown): boolean;
  utils: {
    diff(a: unknown, b: unknown, options?: { aAnnotation?: string; bAnnotation?: string }): string | null;
    matcherHint(name: string, received?: string, expected?: string, options?: { isNot?: boolean }): string;
    printExpected(value: unknown): string;
    printReceived(value: unknown): string;
  };
}

type MatcherResult = { pass: boolean; message: () => string };

function result(ctx: MatcherContext, name: string, run: unknown, check: (run: WorkflowRun) => CheckResult, expectedArg = 'expected'): MatcherResult {
  if (!isRun(run)) {
    return { pass: false, message: () => `${ctx.utils.matcherHint(name, 'run', expectedArg)}\n\nReceived value must be the result of runWorkflow(), got ${ctx.utils.printReceived(run)}` };
  }
  const r = check(run);
  return {
    pass: r.pass,
    message: () => {
      const said = `${r.message[0]!.toUpperCase()}${r.message.slice(1)}.`;
      const parts = [ctx.utils.matcherHint(name, 'run', expectedArg, { isNot: ctx.isNot }), '', ctx.isNot ? `Expected otherwise: ${r.message}.` : said];
      if (r.diff && !ctx.isNot) {
        const d = ctx.utils.diff(r.diff.expected, r.diff.received, { aAnnotation: 'Expected', bAnnotation: 'Received' });
        if (d) parts.push('', d);
      } else if (r.diff) parts.push('', `Received: ${ctx.utils.printReceived(r.diff.received)}`);
      parts.push('', `Path taken (${run.workflow}):`, formatRunPath(run));
      return parts.join('\n');
    },
  };
}

function isRun(value: unknown): value is WorkflowRun {
  return typeof value === 'object' && value !== null && 'history' in value && 'visits' in value && 'model' in value;
}

export const stepwrightMatchers = {
  toSucceed(this: MatcherContext, run: unknown) {
    return result(this, 'toSucceed', run, checkSucceeded, '');
  },
  /** The run succeeded with exactly this output (asymmetric matchers allowed). */
  toSucceedWith(this: MatcherContext, run: unknown, output: unknown) {
    return result(this, 'toSucceedWith', run, (r) => checkOutput(r, output, false, this.equals.bind(this)), 'output');
  },
  /** The run succeeded and its output has these fields (like toMatchObject). */
  toSucceedMatching(this: MatcherContext, run: unknown, partialOutput: unknown) {
    return result(this, 'toSucceedMatching', run, (r) => checkOutput(r, partialOutput, true, this.equals.bind(this)), 'partialOutput');
  },
  /** The run failed, with this error (and cause: a string, RegExp or asymmetric matcher) when given. */
  toFailWith(this: MatcherContext, run: unknown, error?: unknown, cause?: unknown) {
    return result(this, 'toFailWith', run, (r) => checkFailed(r, error, cause, this.equals.bind(this)), 'error, cause');
  },
  /** These states were entered in this order (others may come between). */
  toHaveVisited(this: MatcherContext, run: unknown, states: string[]) {
    return result(this, 'toHaveVisited', run, (r) => checkVisited(r, states), 'states');
  },
  /** `state` was retried exactly `times` times over the run. */
  toHaveRetried(this: MatcherContext, run: unknown, state: string, times: number) {
    return result(this, 'toHaveRetried', run, (r) => checkRetried(r, state, times), 'state, times');
  },
  /** A Catch at `state` caught an error (this one, when given). */
  toHaveCaught(this: MatcherContext, run: unknown, state: string, error?: string) {
    return result(this, 'toHaveCaught', run, (r) => checkCaught(r, state, error), 'state, error');
  },
  /** A Task state (by name) or resource (ARN, or part of one) was called, with these arguments (partial) when given. */
  toHaveCalled(this: MatcherContext, run: unknown, stateOrResource: string, args?: unknown) {
    return result(this, 'toHaveCalled', run, (r) => checkCalled(r, stateOrResource, args, this.equals.bind(this)), 'stateOrResource, args');
  },
  /** The top-level variables have these values at the end (others may exist). */
  toHaveVariables(this: MatcherContext, run: unknown, variables: Record<string, unknown>) {
    return result(this, 'toHaveVariables', run, (r) => checkVariables(r, variables, this.equals.bind(this)), 'variables');
  },
};

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    interface Matchers<R> {
      toSucceed(): R;
      toSucceedWith(output: unknown): R;
      toSucceedMatching(partialOutput: unknown): R;
      toFailWith(error?: unknown, cause?: unknown): R;
      toHaveVisited(states: string[]): R;
      toHaveRetried(state: string, times: number): R;
      toHaveCaught(state: string, error?: string): R;
      toHaveCalled(stateOrResource: string, args?: unknown): R;
      toHaveVariables(variables: Record<string, unknown>): R;
    }
  }
}
