/**
 * `executionRolePolicy(definition)`: the least-privilege policy for a state machine's execution
 * role, derived from the ASL itself (so hand-written definitions get one too). Each Task's
 * Resource picks a rule (service, action, pattern); the request's literal fields name the
 * resources. Map and Parallel branches are included; a distributed Map also needs to start its
 * own child executions and read/write S3 for ItemReader/ResultWriter.
 */
import type { JsonValue, MapState, StateMachineDefinition, TaskState } from '../model/asl.js';
import { parseResource } from '../model/resource.js';
import { sites } from '../model/walk.js';
import { Call, Scope, type Pattern } from './context.js';
import { mergeGrants } from './merge.js';
import { readField } from './request.js';
import { analyticsRules } from './rules/analytics.js';
import { functionArns, messagingRules } from './rules/messaging.js';
import { mlRules } from './rules/ml.js';
import type { RuleTable } from './rules/rule.js';
import { IAM_PREFIX, sdkRules } from './rules/sdk.js';
import { bucketArn, objectArn, storageRules } from './rules/storage.js';
import type { ExecutionRolePolicy, Grant, PolicyOptions } from './types.js';

const RULES: RuleTable = { ...analyticsRules, ...mlRules, ...messagingRules, ...sdkRules, ...storageRules };

function requestOf(state: { Arguments?: JsonValue; Parameters?: JsonValue }): JsonValue | undefined {
  return state.Arguments ?? state.Parameters;
}

/** Any SDK action we have no table entry for: `service:Action` on `*`, said out loud. */
function genericSdk(call: Call): Grant[] {
  const prefix = IAM_PREFIX[call.service] ?? call.service;
  const action = `${prefix}:${call.action.charAt(0).toUpperCase()}${call.action.slice(1)}`;
  call.warn(`stepwright does not know the resources of ${action}; it is granted on * (check the action name and narrow the resource)`);
  return [{ actions: [action], resources: ['*'] }];
}

function taskGrants(name: string, state: TaskState, scope: Scope): Grant[] {
  const resource = state.Resource;
  if (typeof resource !== 'string' || resource.startsWith('{%')) {
    scope.warn(name, 'Resource is set at run time; stepwright cannot tell what it calls, so the policy grants nothing for it');
    return [];
  }
  const credentials = readField(state.Credentials as JsonValue | undefined, 'RoleArn');
  if (state.Credentials !== undefined) {
    // Cross-account: the call runs as the assumed role, which needs the service permissions.
    scope.warn(name, 'calls the service as the role in Credentials.RoleArn; that role needs the service permissions, the execution role only sts:AssumeRole');
    const role = credentials.kind === 'static' && typeof credentials.value === 'string' ? credentials.value : (scope.warn(name, 'Credentials.RoleArn is set at run time, so sts:AssumeRole allows any role'), '*');
    return [{ actions: ['sts:AssumeRole'], resources: [role] }];
  }
  const parsed = parseResource(resource);
  if (parsed.kind === 'lambda-function') {
    return [{ actions: ['lambda:InvokeFunction'], resources: functionArns(new Call(name, 'lambda', 'invoke', 'requestResponse', undefined, scope), resource) }];
  }
  if (parsed.kind === 'activity') return []; // workers poll activities with their own credentials
  if (parsed.kind === 'unknown') {
    scope.warn(name, `Resource ${resource} is not an integration stepwright knows; the policy grants nothing for it`);
    return [];
  }
  const call = new Call(name, parsed.service, parsed.action, parsed.pattern, requestOf(state), scope);
  const rule = RULES[`${parsed.resourceType}:${parsed.action}`];
  if (rule) return rule(call);
  if (parsed.kind === 'aws-sdk') return genericSdk(call);
  scope.warn(name, `no IAM table entry for ${parsed.service}:${parsed.action}; the policy grants nothing for it`);
  return [];
}

/** A distributed Map starts child executions of this state machine and reads/writes S3. */
function distributedMapGrants(name: string, state: MapState, scope: Scope): Grant[] {
  const { machine, executions } = scope.stateMachine(name);
  const grants: Grant[] = [
    { actions: ['states:StartExecution'], resources: [machine] },
    { actions: ['states:DescribeExecution', 'states:StopExecution'], resources: [executions] },
  ];
  const reader = state.ItemReader;
  if (reader && typeof reader.Resource === 'string') {
    const call = new Call(name, 's3', '', 'requestResponse', (reader.Arguments ?? reader.Parameters) as JsonValue | undefined, scope);
    const parsed = parseResource(reader.Resource);
    if (parsed.action === 'listObjectsV2') grants.push({ actions: ['s3:ListBucket'], resources: [bucketArn(call, call.name('Bucket'))] });
    else if (parsed.action === 'getObject') grants.push({ actions: ['s3:GetObject'], resources: [objectArn(call, 'Bucket', 'Key')] });
    else scope.warn(name, `ItemReader.Resource ${reader.Resource} is not one stepwright knows; the policy grants nothing for it`);
  }
  const writer = state.ResultWriter;
  if (writer && typeof writer.Resource === 'string') {
    const call = new Call(name, 's3', '', 'requestResponse', (writer.Arguments ?? writer.Parameters) as JsonValue | undefined, scope);
    grants.push({
      actions: ['s3:PutObject', 's3:GetObject', 's3:ListMultipartUploadParts', 's3:AbortMultipartUpload'],
      resources: [objectArn(call, 'Bucket', 'Prefix', '*')],
    });
  }
  return grants;
}

/** Static fields a later rule may follow (a loop's describe call on what its start call started). */
function recordStarts(definition: StateMachineDefinition, scope: Scope): void {
  for (const { state } of sites(definition)) {
    if (state.Type !== 'Task' || typeof state.Resource !== 'string') continue;
    const parsed = parseResource(state.Resource);
    if (parsed.kind === 'aws-sdk' && parsed.service === 'datasync' && parsed.action === 'startTaskExecution') {
      const field = readField(requestOf(state), 'TaskArn');
      if (field.kind === 'static' && typeof field.value === 'string') {
        const key = 'datasync:startTaskExecution:TaskArn';
        scope.started.set(key, (scope.started.get(key) ?? new Set()).add(field.value));
      }
    }
  }
}

export function executionRolePolicy(definition: StateMachineDefinition, options: PolicyOptions = {}): ExecutionRolePolicy {
  const scope = new Scope(options);
  recordStarts(definition, scope);
  const grants: Grant[] = [];
  for (const { name, state } of sites(definition)) {
    if (state.Type === 'Task') grants.push(...taskGrants(name, state, scope));
    if (state.Type === 'Map' && (state.ItemProcessor ?? state.Iterator)?.ProcessorConfig?.Mode === 'DISTRIBUTED') {
      grants.push(...distributedMapGrants(name, state, scope));
    }
  }
  return { document: { Version: '2012-10-17', Statement: mergeGrants(grants) }, warnings: [...scope.warnings].sort() };
}
