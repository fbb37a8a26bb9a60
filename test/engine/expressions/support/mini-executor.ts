/**
 * A deliberately tiny executor for Pass, Choice, Succeed and Fail states, used only to replay
 * conformance cases through the expression layer. It follows the developer guide's data flow
 * (InputPath → Parameters/Result → ResultPath → OutputPath; Assign sees the state's result and
 * the variables as they were when the state was entered). It is not the executor.
 */
import type { ChoiceRule, JsonObject, JsonValue, State, StateMachineDefinition } from '../../../../src/model/asl.js';
import {
  applyResultPath,
  evaluateChoiceRule,
  evaluateIntrinsic,
  evaluateJsonataTemplate,
  evaluatePayloadTemplate,
  looksLikeIntrinsic,
  selectPath,
  type JsonataScope,
  type PathScope,
} from '../../../../src/engine/expressions/index.js';
import { StatesError } from '../../../../src/engine/states-error.js';

export type Outcome = { status: 'SUCCEEDED'; output: JsonValue } | { status: 'FAILED'; error: string; cause: string };

export const SUPPORTED_TYPES = new Set(['Pass', 'Choice', 'Succeed', 'Fail']);

export function isReplayable(definition: StateMachineDefinition): boolean {
  return Object.values(definition.States).every((s) => SUPPORTED_TYPES.has(s.Type));
}

const MAX_TRANSITIONS = 1000;

export async function replay(definition: StateMachineDefinition, input: JsonValue): Promise<Outcome> {
  let variables: Record<string, JsonValue> = {};
  let name = definition.StartAt;
  let data = input;
  for (let step = 0; step < MAX_TRANSITIONS; step++) {
    const state = definition.States[name];
    const language = state.QueryLanguage ?? definition.QueryLanguage ?? 'JSONPath';
    const context: JsonObject = {
      Execution: { Id: 'arn:aws:states:us-east-1:111111111111:execution:sm:exec', Input: input, Name: 'exec', StartTime: '2024-01-01T00:00:00.000Z' },
      State: { Name: name, EnteredTime: '2024-01-01T00:00:00.000Z', RetryCount: 0 },
      StateMachine: { Id: 'arn:aws:states:us-east-1:111111111111:stateMachine:sm', Name: 'sm' },
    };
    let next: { output: JsonValue; next?: string; variables: Record<string, JsonValue> };
    try {
      next = language === 'JSONata' ? await jsonataState(state, data, context, variables) : jsonPathState(state, data, context, variables);
    } catch (error) {
      if (error instanceof StatesError) return { status: 'FAILED', error: error.error, cause: error.cause };
      throw error;
    }
    variables = next.variables;
    data = next.output;
    if (next.next === undefined) return { status: 'SUCCEEDED', output: data };
    name = next.next;
  }
  throw new Error('too many transitions');
}

class FailStateReached extends StatesError {}

function assignJsonPath(assign: JsonObject | undefined, data: JsonValue, scope: PathScope): Record<string, JsonValue> {
  if (!assign) return scope.variables;
  const values = evaluatePayloadTemplate(assign, data, scope, 'Assign') as JsonObject;
  return { ...scope.variables, ...values };
}

function jsonPathState(state: State, raw: JsonValue, context: JsonValue, variables: Record<string, JsonValue>) {
  const scope: PathScope = { context, variables };
  const inputPath = 'InputPath' in state ? state.InputPath : undefined;
  const input = inputPath === null ? {} : inputPath === undefined ? raw : selectPath(inputPath, raw, scope, 'InputPath');
  const finish = (output: JsonValue) => {
    const outputPath = 'OutputPath' in state ? state.OutputPath : undefined;
    return outputPath === null ? {} : outputPath === undefined ? output : selectPath(outputPath, output, scope, 'OutputPath');
  };
  switch (state.Type) {
    case 'Pass': {
      const result =
        state.Parameters !== undefined ? evaluatePayloadTemplate(state.Parameters, input, scope, 'Parameters') : state.Result !== undefined ? state.Result : input;
      const assigned = assignJsonPath(state.Assign, result, scope);
      const output = finish(applyResultPath(raw, result, state.ResultPath));
      return { output, next: state.End ? undefined : state.Next, variables: assigned };
    }
    case 'Succeed':
      return { output: finish(input), variables: assignJsonPath(state.Assign, input, scope) };
    case 'Choice': {
      const rule = state.Choices.find((r: ChoiceRule) => evaluateChoiceRule(r, input, scope));
      if (!rule && !state.Default) throw new StatesError('States.NoChoiceMatched', 'No Matches!');
      const assigned = assignJsonPath(rule ? rule.Assign : state.Assign, input, scope);
      return { output: finish(input), next: rule ? rule.Next : state.Default, variables: assigned };
    }
    case 'Fail': {
      const read = (path: string, field: string) =>
        looksLikeIntrinsic(path) ? evaluateIntrinsic(path, raw, scope) : selectPath(path, raw, scope, field);
      const error = state.ErrorPath ? read(state.ErrorPath, 'ErrorPath') : state.Error;
      const cause = state.CausePath ? read(state.CausePath, 'CausePath') : state.Cause;
      throw new FailStateReached(String(error ?? ''), String(cause ?? ''));
    }
    default:
      throw new Error(`unsupported state type ${state.Type}`);
  }
}

async function jsonataState(state: State, input: JsonValue, context: JsonValue, variables: Record<string, JsonValue>) {
  const scope: JsonataScope = { states: { input, context }, variables };
  const assign = async (value: JsonObject | undefined, field: string) =>
    value ? { ...variables, ...((await evaluateJsonataTemplate(value, scope, field)) as JsonObject) } : variables;
  const output = async (value: JsonValue | undefined, field: string) => (value === undefined ? input : evaluateJsonataTemplate(value, scope, field));
  switch (state.Type) {
    case 'Pass':
    case 'Succeed': {
      const assigned = await assign(state.Assign, 'Assign');
      const out = await output(state.Output, 'Output');
      return { output: out, next: state.Type === 'Pass' && !state.End ? state.Next : undefined, variables: assigned };
    }
    case 'Choice': {
      for (let i = 0; i < state.Choices.length; i++) {
        const rule = state.Choices[i];
        const condition = await evaluateJsonataTemplate(rule.Condition ?? null, scope, `Choices[${i}]/Condition`);
        if (typeof condition !== 'boolean') throw new StatesError('States.QueryEvaluationError', `Condition of Choices[${i}] is not a boolean`);
        if (condition) {
          const assigned = await assign(rule.Assign, `Choices[${i}]/Assign`);
          return { output: await output(rule.Output, `Choices[${i}]/Output`), next: rule.Next, variables: assigned };
        }
      }
      if (!state.Default) throw new StatesError('States.NoChoiceMatched', 'No Matches!');
      const assigned = await assign(state.Assign, 'Assign');
      return { output: await output(state.Output, 'Output'), next: state.Default, variables: assigned };
    }
    case 'Fail': {
      const error = state.Error === undefined ? undefined : await evaluateJsonataTemplate(state.Error, scope, 'Error');
      const cause = state.Cause === undefined ? undefined : await evaluateJsonataTemplate(state.Cause, scope, 'Cause');
      throw new FailStateReached(String(error ?? ''), String(cause ?? ''));
    }
    default:
      throw new Error(`unsupported state type ${state.Type}`);
  }
}
