/**
 * Conformance cases stepwright does not reproduce yet, by corpus and case id, each with the reason.
 * The conformance suites assert that every case not listed here passes and every listed one still
 * fails, so a fix shows up as a failing "still a gap" test and this list shrinks.
 */
export const PATTERN_GAPS: Record<string, string> = {};

export const TRANSFORMER_GAPS: Record<string, string> = {};
