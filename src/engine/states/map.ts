/**
 * Map: runs its ItemProcessor once per item, at most MaxConcurrency at a time (0 = no limit of its
 * own; an inline Map never runs more than 40 at once, as on AWS);
 * the result is the array of iteration outputs, in item order.
 * Items come from ItemReader (local fixtures), ItemsPath / Items, or the input itself; ItemSelector
 * (older name: Parameters) shapes each one, with `$$.Map.Item.{Index,Value}`; ItemBatcher groups them.
 * INLINE iterations see a copy of the outer variables; DISTRIBUTED child executions start with
 * none, are not part of the parent's history (AWS records MapRun events instead), and fail the
 * Map with States.ExceedToleratedFailureThreshold once failures pass ToleratedFailureCount/Percentage.
 * With ResultWriter, results are not written anywhere; the output is AWS's ResultWriterDetails shape.
 */
import type { JsonObject, JsonValue, MapState } from '../../model/asl.js';
import { runConcurrently } from '../branches.js';
import { DEFAULT_ACCOUNT, DEFAULT_REGION } from '../context.js';
import { History } from '../history.js';
import {
  applyInputPath,
  applyOutputPath,
  assignJsonPath,
  completeJsonata,
  expressionText,
  isJsonataExpression,
  jsonata,
  jsonTypeName,
  pathValue,
  payload,
  resultPath,
  stateError,
} from '../io.js';
import { INLINE_MAP_MAX_CONCURRENCY } from '../limits.js';
import { ownValue } from '../own.js';
import { withRetryAndCatch } from '../recover.js';
import { BranchStopped, branchVariables, nextOf, type Frame, type Runtime, type StateEnv, type StateResult } from '../runtime.js';
import { StatesError } from '../states-error.js';
import { batchItems, readItems } from './map-items.js';
import type { RunFrame } from './parallel.js';

export async function runMap(env: StateEnv, state: MapState, runFrame: RunFrame): Promise<StateResult> {
  if (env.queryLanguage === 'JSONata') {
    return withRetryAndCatch(env, state, async () => {
      const result = await iterate(env, state, env.input, runFrame);
      return { ...(await completeJsonata(env, state, result, { result })), next: nextOf(state) };
    });
  }
  const effective = applyInputPath(env, env.input);
  return withRetryAndCatch(env, state, async () => {
    const raw = await iterate(env, state, effective, runFrame);
    const result = state.ResultSelector !== undefined ? payload(env, state.ResultSelector, raw, 'ResultSelector') : raw;
    const assigned = assignJsonPath(env, state.Assign, result);
    const output = applyOutputPath(env, resultPath(env, env.input, result, state.ResultPath));
    return { output, next: nextOf(state), assigned };
  });
}

async function iterate(env: StateEnv, state: MapState, data: JsonValue, runFrame: RunFrame): Promise<JsonValue> {
  const processor = state.ItemProcessor ?? state.Iterator;
  if (!processor) throw stateError(env, 'States.Runtime', 'The Map state has no ItemProcessor.');
  const distributed = processor.ProcessorConfig?.Mode === 'DISTRIBUTED';
  const jsonataMode = env.queryLanguage === 'JSONata';

  const maxConcurrency = (await numberField(env, data, 'MaxConcurrency', state.MaxConcurrency, state.MaxConcurrencyPath, 'integer')) ?? 0;
  let items = await mapItems(env, state, data);
  // AWS reports length 0 when items come from an ItemReader (they are read by the Map Run).
  const started = env.event('MapStateStarted', { length: state.ItemReader ? 0 : items.length });

  // AWS quirk: the tolerance fields are evaluated after MapStateStarted, not with MaxConcurrency.
  const toleratedCount = await numberField(env, data, 'ToleratedFailureCount', state.ToleratedFailureCount, state.ToleratedFailureCountPath, 'integer');
  if (toleratedCount !== undefined && toleratedCount < 0) throw stateError(env, 'States.Runtime', 'ToleratedFailureCount cannot be negative.');
  const toleratedPercentage = await numberField(env, data, 'ToleratedFailurePercentage', state.ToleratedFailurePercentage, state.ToleratedFailurePercentagePath, 'float');
  if (toleratedPercentage !== undefined && (toleratedPercentage < 0 || toleratedPercentage > 100)) {
    throw stateError(env, 'States.Runtime', 'ToleratedFailurePercentage must be between 0 and 100.');
  }

  const selector = state.ItemSelector ?? state.Parameters;
  const select = async (index: number, value: JsonValue): Promise<JsonValue> => {
    if (selector === undefined) return value;
    const context = env.context({ Index: index, Value: value });
    return jsonataMode ? jsonata(env, selector, 'ItemSelector', { context }) : payload(env, selector, data, 'ItemSelector', context);
  };
  if (state.ItemBatcher) {
    // Batching groups the selected items, so select them first.
    const selected: JsonValue[] = [];
    for (let i = 0; i < items.length; i++) selected.push(await select(i, items[i]!));
    const b = state.ItemBatcher;
    const maxPerBatch = await numberField(env, data, 'MaxItemsPerBatch', b.MaxItemsPerBatch, b.MaxItemsPerBatchPath, 'integer');
    const maxBytes = await numberField(env, data, 'MaxInputBytesPerBatch', b.MaxInputBytesPerBatch, b.MaxInputBytesPerBatchPath, 'integer');
    const batchInput = b.BatchInput === undefined ? undefined : jsonataMode ? await jsonata(env, b.BatchInput, 'BatchInput') : payload(env, b.BatchInput, data, 'BatchInput');
    items = batchItems(selected, maxPerBatch, maxBytes, batchInput);
  }
  const selectEach = !state.ItemBatcher;

  const total = items.length;
  const mapRunArn = distributed ? `arn:aws:states:${DEFAULT_REGION}:${DEFAULT_ACCOUNT}:mapRun:${String(env.runtime.context.StateMachine.Name)}/${state.Label ?? env.name}:${env.runtime.random.uuid()}` : undefined;
  if (mapRunArn) env.event('MapRunStarted', { mapRunArn });
  const cancel = { cancelled: false, parent: env.frame.cancel };
  const tolerated = (failures: number): boolean =>
    (toleratedCount !== undefined && failures <= toleratedCount) || (toleratedPercentage !== undefined && total > 0 && (failures / total) * 100 <= toleratedPercentage);

  try {
    const results = await runConcurrently(
      total,
      // AWS runs at most 40 inline iterations at once, whatever MaxConcurrency says; the pool also
      // keeps memory bounded: a Map over 100,000 items holds 40 iterations, not 100,000.
      distributed ? maxConcurrency : Math.min(maxConcurrency > 0 ? maxConcurrency : INLINE_MAP_MAX_CONCURRENCY, INLINE_MAP_MAX_CONCURRENCY),
      cancel,
      async (index) => {
        const input = selectEach ? await select(index, items[index]!) : items[index]!;
        if (distributed) return runChild(env, processor, input, cancel, runFrame);
        const iterationStarted = env.runtime.history.addPair('MapIterationStarted', started, env.name, index);
        const frame: Frame = { runtime: env.runtime, states: processor.States, startAt: processor.StartAt, ...branchVariables(env.frame), lastEventId: iterationStarted, cancel };
        try {
          const out = await runFrame(frame, input);
          env.runtime.history.addPair('MapIterationSucceeded', frame.lastEventId, env.name, index);
          return out;
        } catch (e) {
          env.runtime.history.addPair(e instanceof BranchStopped ? 'MapIterationAborted' : 'MapIterationFailed', frame.lastEventId, env.name, index);
          throw e;
        }
      },
      (_error, failures) => !tolerated(failures),
    );
    env.joinBranches();
    if (mapRunArn) env.event('MapRunSucceeded');
    env.event('MapStateSucceeded');
    // A tolerated failed item leaves null in its place.
    return state.ResultWriter ? resultWriterDetails(env, state, data, mapRunArn) : results;
  } catch (e) {
    env.joinBranches();
    if (e instanceof BranchStopped) {
      env.event('MapStateAborted');
      throw e;
    }
    let error = e;
    if (distributed && e instanceof StatesError) {
      // A distributed Map fails as a whole when its failure tolerance is exceeded.
      error = new StatesError('States.ExceedToleratedFailureThreshold', 'The specified tolerated failure threshold was exceeded');
    }
    if (mapRunArn && error instanceof StatesError) env.event('MapRunFailed', { error: error.error, cause: error.cause });
    env.event('MapStateFailed');
    throw error;
  }
}

/** A distributed Map's child execution: its own history and variable scope. */
async function runChild(env: StateEnv, processor: NonNullable<MapState['ItemProcessor']>, input: JsonValue, cancel: Frame['cancel'], runFrame: RunFrame): Promise<JsonValue> {
  const parent = env.runtime;
  const runtime: Runtime = { ...parent, history: new History(() => parent.clock.now()), context: { ...parent.context, Execution: { ...parent.context.Execution, Input: input } } };
  const frame: Frame = { runtime, states: processor.States, startAt: processor.StartAt, variables: {}, lastEventId: 0, cancel };
  return runFrame(frame, input);
}

async function mapItems(env: StateEnv, state: MapState, data: JsonValue): Promise<JsonValue[]> {
  if (state.ItemReader) {
    const rc = state.ItemReader.ReaderConfig;
    const maxItems = await numberField(env, data, 'MaxItems', rc?.MaxItems, rc?.MaxItemsPath, 'integer');
    return readItems(env.name, state.ItemReader, ownValue(env.runtime.itemReaders, env.name), maxItems);
  }
  if (env.queryLanguage === 'JSONata') {
    if (state.Items === undefined) {
      if (!Array.isArray(data)) throw stateError(env, 'States.QueryEvaluationError', `Map state input must be an array but was: ${JSON.stringify(data)}`);
      return data;
    }
    // A literal array may hold `{% %}` elements too: evaluate the whole value.
    const value = await jsonata(env, state.Items, 'Items');
    if (typeof value === 'function' || (typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as { _jsonata_lambda?: unknown })._jsonata_lambda !== 'undefined')) {
      throw stateError(env, 'States.QueryEvaluationError', `The JSONata expression '${expressionText(state.Items)}' specified for the field 'Items' returned an unsupported result type.`);
    }
    if (!Array.isArray(value)) {
      throw stateError(
        env,
        'States.QueryEvaluationError',
        `The JSONata expression '${expressionText(state.Items)}' specified for the field 'Items' returned an unexpected result type. Expected 'array', but was '${jsonTypeName(value)}' for value: ${JSON.stringify(value)}`,
      );
    }
    return value;
  }
  const items = state.ItemsPath !== undefined ? pathValue(env, state.ItemsPath, data, 'ItemsPath') : data;
  // AWS reports this as a query evaluation error in JSONPath states too.
  if (!Array.isArray(items)) throw stateError(env, 'States.QueryEvaluationError', `Map state input must be an array but was: ${JSON.stringify(items)}`);
  return items;
}

/**
 * MaxConcurrency, ToleratedFailure*, MaxItems, batch limits: a literal, a `*Path`, or JSONata.
 * AWS's messages for a bad path value name the path and show the value.
 */
async function numberField(env: StateEnv, data: JsonValue, field: string, value: JsonValue | undefined, path: string | undefined, kind: 'integer' | 'float'): Promise<number | undefined> {
  let v: JsonValue | undefined;
  if (path !== undefined) v = pathValue(env, path, data, `${field}Path`);
  else if (value !== undefined && isJsonataExpression(value)) v = await jsonata(env, value, field);
  else v = value;
  if (v === undefined || v === null) return undefined;
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  if (!Number.isFinite(n) || (kind === 'integer' && !Number.isInteger(n))) {
    const shown = typeof v === 'string' ? v : JSON.stringify(v);
    if (path !== undefined) throw stateError(env, 'States.Runtime', `The ${field}Path field refers to value "${shown}" which is not a valid ${kind}: ${path}`);
    throw stateError(env, 'States.QueryEvaluationError', `The ${field} field must be a valid ${kind}, but was: ${shown}`);
  }
  return n;
}

async function resultWriterDetails(env: StateEnv, state: MapState, data: JsonValue, mapRunArn: string | undefined): Promise<JsonObject> {
  const writer = state.ResultWriter!;
  const config = writer.Arguments !== undefined ? await jsonata(env, writer.Arguments, 'ResultWriter') : writer.Parameters !== undefined ? payload(env, writer.Parameters, data, 'ResultWriter') : {};
  const { Bucket, Prefix } = (config ?? {}) as { Bucket?: string; Prefix?: string };
  const runId = mapRunArn?.split(':').pop() ?? env.runtime.random.uuid();
  const key = `${Prefix ? `${Prefix.replace(/\/$/, '')}/` : ''}${runId}/manifest.json`;
  return { MapRunArn: mapRunArn ?? '', ResultWriterDetails: { Bucket: Bucket ?? '', Key: key } };
}
