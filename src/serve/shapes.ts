/**
 * What each operation's request may hold, checked before it runs, so a malformed request gets the
 * API's ValidationException (coral's wording) instead of reaching a handler. Members the API
 * does not define are ignored, as AWS does. The limits are the API reference's.
 */
import { errors } from './errors.js';

type Kind = 'string' | 'integer' | 'boolean' | 'list' | 'object';
interface Member {
  kind: Kind;
  required?: boolean;
  /** Length for strings and lists, value for integers. */
  min?: number;
  max?: number;
  values?: readonly string[];
}

const s = (max?: number, min = 1): Member => ({ kind: 'string', min, ...(max !== undefined ? { max } : {}) });
const req = (m: Member): Member => ({ ...m, required: true });
const oneOf = (...values: string[]): Member => ({ kind: 'string', values });
const int = (min: number, max: number): Member => ({ kind: 'integer', min, max });
const bool: Member = { kind: 'boolean' };
const obj: Member = { kind: 'object' };
const list = (min = 0, max?: number): Member => ({ kind: 'list', min, ...(max !== undefined ? { max } : {}) });

const arn = s(2048);
const page = { maxResults: int(0, 1000), nextToken: s(1024) };
const includedData = oneOf('ALL_DATA', 'METADATA_ONLY');
const stateMachineType = oneOf('STANDARD', 'EXPRESS');
const INPUT = 262_144;

export const OPERATIONS: Record<string, Record<string, Member>> = {
  CreateStateMachine: { name: req(s(80)), definition: req(s(1_048_576)), roleArn: req(s(256)), type: stateMachineType, loggingConfiguration: obj, tags: list(), tracingConfiguration: obj, publish: bool, versionDescription: s(256, 0), encryptionConfiguration: obj },
  DescribeStateMachine: { stateMachineArn: req(arn), includedData },
  UpdateStateMachine: { stateMachineArn: req(arn), definition: s(1_048_576), roleArn: s(256), loggingConfiguration: obj, tracingConfiguration: obj, publish: bool, versionDescription: s(256, 0), encryptionConfiguration: obj },
  DeleteStateMachine: { stateMachineArn: req(arn) },
  ListStateMachines: { ...page },
  DescribeStateMachineForExecution: { executionArn: req(arn), includedData },
  PublishStateMachineVersion: { stateMachineArn: req(arn), revisionId: s(), description: s(256, 0) },
  ListStateMachineVersions: { stateMachineArn: req(arn), ...page },
  DeleteStateMachineVersion: { stateMachineVersionArn: req(arn) },
  CreateStateMachineAlias: { name: req(s(80)), description: s(256, 0), routingConfiguration: req(list(1, 2)) },
  DescribeStateMachineAlias: { stateMachineAliasArn: req(arn) },
  UpdateStateMachineAlias: { stateMachineAliasArn: req(arn), description: s(256, 0), routingConfiguration: list(1, 2) },
  DeleteStateMachineAlias: { stateMachineAliasArn: req(arn) },
  ListStateMachineAliases: { stateMachineArn: req(arn), ...page },
  TagResource: { resourceArn: req(arn), tags: req(list()) },
  UntagResource: { resourceArn: req(arn), tagKeys: req(list()) },
  ListTagsForResource: { resourceArn: req(arn) },
  ValidateStateMachineDefinition: { definition: req(s(1_048_576)), type: stateMachineType, severity: oneOf('ERROR', 'WARNING'), maxResults: int(0, 100) },
  StartExecution: { stateMachineArn: req(arn), name: s(80), input: s(INPUT, 0), traceHeader: s(256, 0) },
  StartSyncExecution: { stateMachineArn: req(arn), name: s(80), input: s(INPUT, 0), traceHeader: s(256, 0), includedData },
  DescribeExecution: { executionArn: req(arn), includedData },
  GetExecutionHistory: { executionArn: req(arn), maxResults: int(0, 1000), reverseOrder: bool, nextToken: s(1024), includeExecutionData: bool },
  ListExecutions: { stateMachineArn: arn, statusFilter: oneOf('RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED', 'PENDING_REDRIVE'), maxResults: int(0, 1000), nextToken: s(3096), mapRunArn: arn, redriveFilter: oneOf('REDRIVEN', 'NOT_REDRIVEN') },
  StopExecution: { executionArn: req(arn), error: s(256, 0), cause: s(32_768, 0) },
  SendTaskSuccess: { taskToken: req(s(2048)), output: req(s(INPUT, 0)) },
  SendTaskFailure: { taskToken: req(s(2048)), error: s(256, 0), cause: s(32_768, 0) },
  SendTaskHeartbeat: { taskToken: req(s(2048)) },
  TestState: { definition: req(s(1_048_576)), roleArn: s(256), input: s(INPUT, 0), inspectionLevel: oneOf('INFO', 'DEBUG', 'TRACE'), revealSecrets: bool, variables: s(INPUT, 0), stateName: s(80), mock: obj, context: s(INPUT, 0), stateConfiguration: obj },
};

/** Operations of the API that the local endpoint does not serve (activities, Map Runs, redrive). */
export const NOT_SERVED = ['CreateActivity', 'DeleteActivity', 'DescribeActivity', 'ListActivities', 'GetActivityTask', 'DescribeMapRun', 'ListMapRuns', 'UpdateMapRun', 'RedriveExecution'];

/** Throws a ValidationException naming every member that does not fit. */
export function checkRequest(operation: string, body: Record<string, unknown>): void {
  const members = OPERATIONS[operation];
  if (!members) return;
  const problems: string[] = [];
  for (const [name, m] of Object.entries(members)) {
    const value = body[name];
    if (value === undefined || value === null) {
      if (m.required) problems.push(`Value null at '${name}' failed to satisfy constraint: Member must not be null`);
      continue;
    }
    const shown = typeof value === 'string' ? value.slice(0, 100) : JSON.stringify(value)?.slice(0, 100);
    const wrong = (what: string) => problems.push(`Value '${shown}' at '${name}' failed to satisfy constraint: Member must ${what}`);
    switch (m.kind) {
      case 'string':
        if (typeof value !== 'string') wrong('be a string');
        else if (m.values && !m.values.includes(value)) wrong(`satisfy enum value set: [${m.values.join(', ')}]`);
        else if (m.min !== undefined && value.length < m.min) wrong(`have length greater than or equal to ${m.min}`);
        else if (m.max !== undefined && value.length > m.max) wrong(`have length less than or equal to ${m.max}`);
        break;
      case 'integer':
        if (typeof value !== 'number' || !Number.isInteger(value)) wrong('be an integer');
        else if (value < m.min! || value > m.max!) wrong(`have value between ${m.min} and ${m.max}`);
        break;
      case 'boolean':
        if (typeof value !== 'boolean') wrong('be a boolean');
        break;
      case 'list':
        if (!Array.isArray(value)) wrong('be a list');
        else if (m.min !== undefined && value.length < m.min) wrong(`have length greater than or equal to ${m.min}`);
        else if (m.max !== undefined && value.length > m.max) wrong(`have length less than or equal to ${m.max}`);
        break;
      case 'object':
        if (typeof value !== 'object' || Array.isArray(value)) wrong('be a structure');
        break;
    }
  }
  if (problems.length > 0) throw errors.validation(problems);
}

/** AWS's rule for state machine, execution, alias and version names. */
export function isValidName(name: string): boolean {
  // No whitespace, brackets, wildcards, the listed special characters, or control characters.
  return name.length >= 1 && name.length <= 80 && !/[\s<>{}[\]?*"#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f]/.test(name);
}
