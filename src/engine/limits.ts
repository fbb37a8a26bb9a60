/**
 * AWS's quotas on one execution, as the executor applies them. Each number comes from AWS's
 * documentation (src/engine/README.md lists them with their pages); where AWS's behaviour was only
 * measured, the comment says by whom.
 */

/** Inputs, outputs, task results and state payloads: 256 KiB of UTF-8 (quotas page, "Maximum input or output size"). */
export const MAX_PAYLOAD_BYTES = 256 * 1024;

/** StartExecution's `input`: "Length Constraints: Maximum length of 262144", in UTF-8 bytes (API reference). */
export const MAX_EXECUTION_INPUT_BYTES = 262_144;

/** A STANDARD execution's history: 25,000 events; EXPRESS executions have none to limit. */
export const MAX_HISTORY_EVENTS = 25_000;

/** AWS's error and cause when a STANDARD execution's history reaches its quota (recorded in executions that hit it). */
export const HISTORY_LIMIT_ERROR = 'States.Runtime';
export const HISTORY_LIMIT_CAUSE = `The execution reached the maximum number of history events (${MAX_HISTORY_EVENTS}).`;

/** The longest execution: one year (STANDARD), five minutes (EXPRESS); then States.Timeout. */
export const MAX_STANDARD_SECONDS = 365 * 24 * 3600;
export const MAX_EXPRESS_SECONDS = 5 * 60;

/** Workflow variables: one variable, all variables of one Assign field, all stored variables of an execution. */
export const MAX_VARIABLE_BYTES = 256 * 1024;
export const MAX_ASSIGN_BYTES = 256 * 1024;
export const MAX_EXECUTION_VARIABLES_BYTES = 10 * 1024 * 1024;

/** An inline Map runs at most 40 iterations at once ("In this mode, the Map state supports up to 40 concurrent iterations"). */
export const INLINE_MAP_MAX_CONCURRENCY = 40;

/**
 * JSONata evaluation depth: AWS fails expressions nested deeper than about 100 evaluation levels
 * ("1+1+...+1" with 200 terms fails; measured with TestState, floci-io/floci#2737).
 */
export const JSONATA_MAX_DEPTH = 100;

/**
 * JSONata evaluation time. AWS's own bound is not documented; AWS stops runaway expressions by
 * depth and memory long before this, so anything AWS evaluates finishes well within it here.
 */
export const JSONATA_MAX_MS = 5000;

/** The largest whole number Java's `long` holds: AWS reads Wait seconds as one. */
export const MAX_LONG = 9_223_372_036_854_775_807;
