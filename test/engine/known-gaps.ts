/**
 * Recorded AWS executions (../shared/conformance/sfn-executions) the embedded executor does not
 * reproduce yet, by case id, with the reason. conformance.test.ts checks both ways: every case
 * not listed passes, and every listed case still fails (so this list stays honest).
 */
export const KNOWN_GAPS: Record<string, string> = {};
