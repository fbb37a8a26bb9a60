import { describeConformance, readCorpusJson } from '../support/conformance.js';
import { EventBridgeApiError, transformInput } from '../../src/schedules/index.js';
import { TRANSFORMER_GAPS } from './known-gaps.js';

interface TransformerCase {
  id: string;
  event?: unknown;
  inputPath?: string;
  inputPathsMap?: Record<string, string>;
  inputTemplate?: string;
  context: { rule_name: string; rule_arn: string; event_bus_name: string; target_id: string; ingestion_time: string };
  expected_output?: unknown;
  expected_output_is_json?: boolean;
  expected_delivery?: boolean;
  expected_error?: { code: string; message: string };
}

/** Runs one case; returns how it differs from AWS, or undefined when it agrees. */
function run(c: TransformerCase): string | undefined {
  let output: string | undefined;
  try {
    output = transformInput(
      c.event ?? { id: 'placeholder', detail: {} },
      { inputPath: c.inputPath, inputPathsMap: c.inputPathsMap, inputTemplate: c.inputTemplate },
      { ruleName: c.context.rule_name, ruleArn: c.context.rule_arn, ingestionTime: c.context.ingestion_time, targetId: c.context.target_id },
    );
  } catch (error) {
    if (!(error instanceof EventBridgeApiError)) throw error;
    if (!c.expected_error) return `unexpected ${error.code}: ${error.message}`;
    return error.code === c.expected_error.code && error.message === c.expected_error.message ? undefined : `got ${error.code}: ${error.message}`;
  }
  if (c.expected_error) return `expected ${c.expected_error.code}, got output ${output}`;
  if (c.expected_delivery === false) return output === undefined ? undefined : `expected no delivery, got ${output}`;
  if (output === undefined) return 'nothing delivered';
  if (c.expected_output_is_json) {
    return JSON.stringify(JSON.parse(output)) === JSON.stringify(c.expected_output) ? undefined : `got ${output}`;
  }
  return output === c.expected_output ? undefined : `got ${JSON.stringify(output)}`;
}

describeConformance('eventbridge-input-transformer', 'EventBridge InputPath / InputTransformer conformance (recorded on AWS)', (dir) => {
  const cases = readCorpusJson<TransformerCase[]>(dir, 'cases.json');

  test('every known gap names a case in the corpus', () => {
    const ids = new Set(cases.map((c) => c.id));
    expect(Object.keys(TRANSFORMER_GAPS).filter((id) => !ids.has(id))).toEqual([]);
  });

  test.each(cases.filter((c) => !(c.id in TRANSFORMER_GAPS)).map((c) => [c.id, c] as const))('%s', (_id, c) => {
    expect(run(c)).toBeUndefined();
  });

  const gaps = cases.filter((c) => c.id in TRANSFORMER_GAPS);
  if (gaps.length > 0) {
    test.each(gaps.map((c) => [c.id, c] as const))('still a gap: %s', (_id, c) => {
      expect(run(c)).toBeDefined();
    });
  }
});
