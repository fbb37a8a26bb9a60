/**
 * Where `stepwright validate` disagrees with a recorded verdict, and why. The conformance test
 * asserts both ways: every case not listed agrees, and every listed case still disagrees.
 */

/** asl-validation corpus (labels from asl-validator's own test suite, not AWS recordings). */
export const aslValidationGaps: Record<string, string> = {
  'src/__tests__/definitions/valid-map-with-item-batcher-jsonata.json':
    'A JSONPath state inside a JSONata machine. asl-validator accepts it; the Step Functions guide says "You cannot revert a top-level JSONata-based state machine to a mix of JSONata and JSONPath states", so stepwright rejects it, on purpose.',
  'src/__tests__/definitions/invalid-jsonata-surround-syntax-no-close.json':
    'Output "{% 10 %" is not exactly "{% ... %}", so AWS takes it as a literal string, and Output may be any string: AWS outputs " {% states.input %} " as written (recorded: sfn-executions test_output.py::test_base_cases[BASE_LITERALS], test_base_output_any_non_dict[STR_LIT]). asl-validator calls it invalid; stepwright follows AWS.',
  'src/__tests__/definitions/invalid-jsonata-surround-syntax-no-open.json':
    'Output "10 %}" is a literal string for the same reason (recorded: sfn-executions test_output.py::test_base_cases[BASE_LITERALS]); stepwright follows AWS.',
};

/** workflows-collection corpus (AWS's public samples; no recorded verdict, so the expectation is "valid"). */
export const workflowsCollectionGaps: Record<string, string> = {
  'shared-fallback-state-jsonata__statemachine__statemachine.asl.json.json':
    'The sample puts "QueryLanguage": "JSONata" inside States instead of beside StartAt, so its JSONata states are JSONPath states with JSONata fields. AWS rejects that too; the sample is broken, not the validator.',
};
