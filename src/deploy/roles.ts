/**
 * IAM roles deploy manages: each workflow's execution role, the slot starter's, and the roles
 * Scheduler and EventBridge assume to start workflows. Each has one inline policy (ROLE_POLICY_NAME),
 * or none when it needs no permission (a workflow that calls no AWS service): IAM refuses a policy
 * without statements. They live under the configured path, which is how a later deploy finds the
 * ones to delete.
 */
import {
  CreateRoleCommand,
  DeleteRoleCommand,
  DeleteRolePermissionsBoundaryCommand,
  DeleteRolePolicyCommand,
  DetachRolePolicyCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  ListAttachedRolePoliciesCommand,
  ListRolePoliciesCommand,
  ListRolesCommand,
  ListRoleTagsCommand,
  PutRolePermissionsBoundaryCommand,
  PutRolePolicyCommand,
  TagRoleCommand,
  UntagRoleCommand,
  UpdateAssumeRolePolicyCommand,
  UpdateRoleCommand,
  type Role,
} from '@aws-sdk/client-iam';
import { StepwrightError, type Location } from '../model/errors.js';
import { policyDocument, sameData, tagChanges, tagList, tagRecord } from './compare.js';
import { ROLE_POLICY_NAME, type DesiredRole, type DesiredState } from './desired.js';
import { conflict, type Session } from './session.js';
import { isOwned } from './settings.js';

const NOT_FOUND = ['NoSuchEntityException', 'NoSuchEntity'];

export async function planRoles(session: Session, desired: DesiredState): Promise<void> {
  const wanted = new Set(desired.roles.map((r) => r.name));
  await Promise.all([...desired.roles.map((r) => planRole(session, r)), pruneRoles(session, wanted)]);
}

const at = (name: string): Location => ({ entry: `role "${name}"` });

async function planRole(session: Session, r: DesiredRole): Promise<void> {
  const { iam } = session.clients;
  const where = at(r.name);
  const role = (await session.call(where, 'GetRole', () => iam.send(new GetRoleCommand({ RoleName: r.name })), ...NOT_FOUND))?.Role;
  if (!role) {
    session.step({ phase: 'roles', where, changes: [{ action: 'create', type: 'role', name: r.name, detail: r.description }], run: () => createRole(session, r) });
    return;
  }
  const tags = tagRecord(role.Tags);
  if (!isOwned(tags, session.settings)) {
    session.conflicts.push(conflict(where, `role "${r.name}"`, tags, session));
    return;
  }
  if (role.Path !== r.path) {
    session.conflicts.push({ ...where, message: `the project's role is at path ${role.Path}, the config says ${r.path}; IAM cannot move a role`, fix: `set "deploy.rolePath" back to "${role.Path}", or run stepwright destroy before changing it` });
    return;
  }
  const current = await session.call(where, 'GetRolePolicy', () => iam.send(new GetRolePolicyCommand({ RoleName: r.name, PolicyName: ROLE_POLICY_NAME })), ...NOT_FOUND);
  const fixes = roleFixes(session, r, role, current?.PolicyDocument);
  if (fixes.length === 0) return;
  session.step({
    phase: 'roles',
    where,
    changes: [{ action: 'update', type: 'role', name: r.name, detail: fixes.map((f) => f.what).join(', ') }],
    run: async () => {
      for (const f of fixes) await f.run();
    },
  });
}

function roleFixes(session: Session, r: DesiredRole, role: Role, inlinePolicy: string | undefined): { what: string; run: () => Promise<unknown> }[] {
  const { iam } = session.clients;
  const where = at(r.name);
  const fixes: { what: string; run: () => Promise<unknown> }[] = [];
  if (!sameData(policyDocument(role.AssumeRolePolicyDocument), r.trust)) {
    fixes.push({ what: 'trust policy', run: () => session.must(where, 'UpdateAssumeRolePolicy', () => iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: r.name, PolicyDocument: JSON.stringify(r.trust) }))) });
  }
  if (needsPolicy(r)) {
    if (!sameData(policyDocument(inlinePolicy), r.policy)) fixes.push({ what: 'policy', run: () => putPolicy(session, r) });
  } else if (inlinePolicy !== undefined) {
    fixes.push({ what: 'policy', run: () => session.call(where, 'DeleteRolePolicy', () => iam.send(new DeleteRolePolicyCommand({ RoleName: r.name, PolicyName: ROLE_POLICY_NAME })), ...NOT_FOUND) });
  }
  const boundary = role.PermissionsBoundary?.PermissionsBoundaryArn;
  if (boundary !== r.permissionsBoundary) {
    fixes.push({
      what: 'permissions boundary',
      run: () =>
        r.permissionsBoundary === undefined
          ? session.must(where, 'DeleteRolePermissionsBoundary', () => iam.send(new DeleteRolePermissionsBoundaryCommand({ RoleName: r.name })))
          : session.must(where, 'PutRolePermissionsBoundary', () => iam.send(new PutRolePermissionsBoundaryCommand({ RoleName: r.name, PermissionsBoundary: r.permissionsBoundary }))),
    });
  }
  if ((role.Description ?? '') !== r.description) {
    fixes.push({ what: 'description', run: () => session.must(where, 'UpdateRole', () => iam.send(new UpdateRoleCommand({ RoleName: r.name, Description: r.description }))) });
  }
  const tags = tagChanges(tagRecord(role.Tags), r.tags);
  if (tags) {
    fixes.push({
      what: 'tags',
      run: async () => {
        if (tags.remove.length > 0) await session.must(where, 'UntagRole', () => iam.send(new UntagRoleCommand({ RoleName: r.name, TagKeys: tags.remove })));
        if (Object.keys(tags.set).length > 0) await session.must(where, 'TagRole', () => iam.send(new TagRoleCommand({ RoleName: r.name, Tags: tagList(tags.set) })));
      },
    });
  }
  return fixes;
}

async function createRole(session: Session, r: DesiredRole): Promise<void> {
  const { iam } = session.clients;
  const where = at(r.name);
  const created = await session.call(
    where,
    'CreateRole',
    () =>
      iam.send(
        new CreateRoleCommand({
          RoleName: r.name,
          Path: r.path,
          AssumeRolePolicyDocument: JSON.stringify(r.trust),
          Description: r.description,
          Tags: tagList(r.tags),
          ...(r.permissionsBoundary !== undefined ? { PermissionsBoundary: r.permissionsBoundary } : {}),
        }),
      ),
    'EntityAlreadyExists',
    'EntityAlreadyExistsException',
  );
  if (!created) {
    // Already there: a retried call whose first answer was lost, or someone was quicker. Only ours is ours.
    const role = (await session.must(where, 'GetRole', () => iam.send(new GetRoleCommand({ RoleName: r.name })))).Role;
    if (!isOwned(tagRecord(role?.Tags), session.settings)) throw new StepwrightError(conflict(where, `role "${r.name}"`, tagRecord(role?.Tags), session));
    const current = await session.call(where, 'GetRolePolicy', () => iam.send(new GetRolePolicyCommand({ RoleName: r.name, PolicyName: ROLE_POLICY_NAME })), ...NOT_FOUND);
    for (const f of roleFixes(session, r, role!, current?.PolicyDocument)) await f.run();
    return;
  }
  if (needsPolicy(r)) await putPolicy(session, r);
}

/** IAM refuses a policy with no statement ("Syntax errors in policy"): a role that needs no permission has no inline policy. */
function needsPolicy(r: DesiredRole): boolean {
  return r.policy.Statement.length > 0;
}

function putPolicy(session: Session, r: DesiredRole) {
  return session.must(at(r.name), 'PutRolePolicy', () => session.clients.iam.send(new PutRolePolicyCommand({ RoleName: r.name, PolicyName: ROLE_POLICY_NAME, PolicyDocument: JSON.stringify(r.policy) })));
}

/** Roles under the project's path that carry its tag and that the project no longer has. */
async function pruneRoles(session: Session, wanted: ReadonlySet<string>): Promise<void> {
  const { iam } = session.clients;
  const where: Location = { entry: `roles under ${session.settings.rolePath}` };
  const candidates: string[] = [];
  let marker: string | undefined;
  do {
    const page = await session.must(where, 'ListRoles', () => iam.send(new ListRolesCommand({ PathPrefix: session.settings.rolePath, ...(marker ? { Marker: marker } : {}) })));
    candidates.push(...(page.Roles ?? []).filter((r) => r.Path === session.settings.rolePath && !wanted.has(r.RoleName!)).map((r) => r.RoleName!));
    marker = page.IsTruncated ? page.Marker : undefined;
  } while (marker);
  await Promise.all(
    candidates.map(async (name) => {
      const tags = await session.call(at(name), 'ListRoleTags', () => iam.send(new ListRoleTagsCommand({ RoleName: name })), ...NOT_FOUND);
      if (!tags || !isOwned(tagRecord(tags.Tags), session.settings)) return;
      session.step({ phase: 'roles (deleted)', where: at(name), changes: [{ action: 'delete', type: 'role', name }], run: () => deleteRole(session, name) });
    }),
  );
}

/** A role goes once its inline policies are deleted and managed ones detached (IAM refuses otherwise). */
async function deleteRole(session: Session, name: string): Promise<void> {
  const { iam } = session.clients;
  const where = at(name);
  const inline = (await session.call(where, 'ListRolePolicies', () => iam.send(new ListRolePoliciesCommand({ RoleName: name })), ...NOT_FOUND))?.PolicyNames ?? [];
  for (const policy of inline) await session.call(where, 'DeleteRolePolicy', () => iam.send(new DeleteRolePolicyCommand({ RoleName: name, PolicyName: policy })), ...NOT_FOUND);
  const attached = (await session.call(where, 'ListAttachedRolePolicies', () => iam.send(new ListAttachedRolePoliciesCommand({ RoleName: name })), ...NOT_FOUND))?.AttachedPolicies ?? [];
  for (const p of attached) await session.call(where, 'DetachRolePolicy', () => iam.send(new DetachRolePolicyCommand({ RoleName: name, PolicyArn: p.PolicyArn })), ...NOT_FOUND);
  await session.call(where, 'DeleteRole', () => iam.send(new DeleteRoleCommand({ RoleName: name })), ...NOT_FOUND);
}
