/**
 * Where `stepwright validate` disagrees with a recorded verdict, and why. The conformance test
 * asserts both ways: every case not listed agrees, and every listed case still disagrees.
 */

/** asl-validation corpus (labels from asl-validator's own test suite, not AWS recordings). */
export const aslValidationGaps: Record<string, string> = {
  'src/__tests__/definitions/valid-map-with-item-batcher-jsonata.json':
    'A JSONPath state inside a JSONata machine. asl-validator accepts it; the Step Functions guide says "You cannot revert a top-level JSONata-based state machine to a mix of JSONata and JSONPath states", so stepwright rejects it, on purpose.',
};

/** workflows-collection corpus (AWS's public samples; no recorded verdict, so the expectation is "valid"). */
export const workflowsCollectionGaps: Record<string, string> = {
  'shared-fallback-state-jsonata__statemachine__statemachine.asl.json.json':
    'The sample puts "QueryLanguage": "JSONata" inside States instead of beside StartAt, so its JSONata states are JSONPath states with JSONata fields. AWS rejects that too; the sample is broken, not the validator.',
};
