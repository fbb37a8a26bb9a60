/**
 * How faithful is the CDK app to the stepwright workflows? The state machine definitions in the
 * synthesized CloudFormation template, with CloudFormation's pseudo parameters filled in, compared
 * field by field with stepwright's compiled ASL.
 */
const PSEUDO: Record<string, string> = {
  'AWS::Partition': 'aws',
  'AWS::URLSuffix': 'amazonaws.com',
  'AWS::Region': 'eu-west-1',
  'AWS::AccountId': '123456789012',
};

interface Template {
  Resources: Record<string, { Type: string; Properties?: Record<string, unknown> }>;
}

function resolve(value: unknown): string {
  if (typeof value === 'string') return value;
  const join = (value as { 'Fn::Join'?: [string, unknown[]] })['Fn::Join'];
  if (join) return join[1].map(resolve).join(join[0]);
  const ref = (value as { Ref?: string }).Ref;
  if (ref && ref in PSEUDO) return PSEUDO[ref]!;
  throw new Error(`cannot resolve ${JSON.stringify(value)} in a DefinitionString`);
}

/** The state machines of a synthesized template, by StateMachineName. */
export function definitionsOfTemplate(template: Template): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const resource of Object.values(template.Resources)) {
    if (resource.Type !== 'AWS::StepFunctions::StateMachine') continue;
    const name = String(resource.Properties!.StateMachineName);
    out[name] = JSON.parse(resolve(resource.Properties!.DefinitionString));
  }
  return out;
}

/** Every place where `theirs` differs from `ours`, as `path: ours → theirs`. */
export function differences(ours: unknown, theirs: unknown, path = ''): string[] {
  if (JSON.stringify(ours) === JSON.stringify(theirs)) return [];
  const isObject = (v: unknown) => v !== null && typeof v === 'object';
  if (isObject(ours) && isObject(theirs) && Array.isArray(ours) === Array.isArray(theirs)) {
    const keys = new Set([...Object.keys(ours as object), ...Object.keys(theirs as object)]);
    const out: string[] = [];
    for (const key of keys) {
      const a = (ours as Record<string, unknown>)[key];
      const b = (theirs as Record<string, unknown>)[key];
      const at = Array.isArray(ours) ? `${path}[${key}]` : path ? `${path}.${key}` : key;
      if (a === undefined) out.push(`${at}: only in CDK (${short(b)})`);
      else if (b === undefined) out.push(`${at}: only in stepwright (${short(a)})`);
      else out.push(...differences(a, b, at));
    }
    return out;
  }
  // Same content, different key order only? Then it is not a difference a deploy would see.
  return [`${path}: stepwright ${short(ours)}, CDK ${short(theirs)}`];
}

function short(value: unknown): string {
  const text = JSON.stringify(value);
  return text.length > 70 ? `${text.slice(0, 67)}...` : text;
}
