/**
 * EventBridge rules and their targets. Rules carry the project's tag (given to PutRule when the rule
 * is created, so no rule of ours is ever untagged); a target is compared by its Id.
 */
import {
  DeleteRuleCommand,
  DescribeRuleCommand,
  ListEventBusesCommand,
  ListRulesCommand,
  ListTagsForResourceCommand,
  ListTargetsByRuleCommand,
  PutRuleCommand,
  PutTargetsCommand,
  RemoveTargetsCommand,
  TagResourceCommand,
  UntagResourceCommand,
  type DescribeRuleCommandOutput,
  type Target,
} from '@aws-sdk/client-eventbridge';
import { StepwrightError, type Location } from '../model/errors.js';
import type { PutTargetsTarget } from '../schedules/index.js';
import { canonicalJson, differingFields, parseJsonText, tagChanges, tagList, tagRecord } from './compare.js';
import type { DesiredRule, DesiredState } from './desired.js';
import { conflict, type Session } from './session.js';
import { busName, isOwned } from './settings.js';

const NOT_FOUND = ['ResourceNotFoundException'];
const busOf = (bus: string | undefined) => (busName(bus) === undefined ? {} : { EventBusName: bus });
/** A rule as the plan names it: `name` on the default bus, `bus/name` on another. */
const ruleName = (name: string, bus: string | undefined) => (busName(bus) === undefined ? name : `${busName(bus)}/${name}`);

export async function planRules(session: Session, desired: DesiredState): Promise<void> {
  const wanted = new Set(desired.rules.map((r) => ruleName(r.name, r.bus)));
  await Promise.all([...desired.rules.map((r) => planRule(session, r)), pruneRules(session, wanted)]);
}

async function planRule(session: Session, r: DesiredRule): Promise<void> {
  const { events } = session.clients;
  const where = r.where;
  const name = ruleName(r.name, r.bus);
  const current = await session.call(where, 'DescribeRule', () => events.send(new DescribeRuleCommand({ Name: r.name, ...busOf(r.bus) })), ...NOT_FOUND);
  if (!current) {
    session.step({
      phase: 'rules',
      where,
      changes: [{ action: 'create', type: 'rule', name, detail: `${r.targets.length} target${r.targets.length === 1 ? '' : 's'}` }],
      run: async () => {
        await session.must(where, 'PutRule', () => events.send(new PutRuleCommand({ ...r.putRule, Tags: tagList(r.tags) })));
        await putTargets(session, r, r.targets);
      },
    });
    return;
  }
  const arn = current.Arn ?? r.arn;
  const tags = tagRecord((await session.must(where, 'ListTagsForResource', () => events.send(new ListTagsForResourceCommand({ ResourceARN: arn })))).Tags);
  if (!isOwned(tags, session.settings)) {
    session.conflicts.push(conflict(where, `rule "${name}"`, tags, session));
    return;
  }
  const targets = await listTargets(session, r.name, r.bus, where);
  const ruleDiffers = differingFields(normalRule(current), normalRule(r.putRule));
  const retag = tagChanges(tags, r.tags);
  const byId = new Map(targets.map((t) => [t.Id!, t]));
  const changed = r.targets.filter((t) => !byId.has(t.Id) || canonicalJson(normalTarget(byId.get(t.Id)!)) !== canonicalJson(normalTarget(t)));
  const extra = targets.map((t) => t.Id!).filter((id) => !r.targets.some((t) => t.Id === id));
  const what = [...ruleDiffers, ...(retag ? ['tags'] : []), ...(changed.length > 0 ? [`targets ${changed.map((t) => t.Id).join(', ')}`] : []), ...(extra.length > 0 ? [`removed targets ${extra.join(', ')}`] : [])];
  if (what.length === 0) return;
  session.step({
    phase: 'rules',
    where,
    changes: [{ action: 'update', type: 'rule', name, detail: what.join(', ') }],
    run: async () => {
      if (ruleDiffers.length > 0) await session.must(where, 'PutRule', () => events.send(new PutRuleCommand(r.putRule)));
      if (retag?.remove.length) await session.must(where, 'UntagResource', () => events.send(new UntagResourceCommand({ ResourceARN: arn, TagKeys: retag.remove })));
      if (retag && Object.keys(retag.set).length > 0) await session.must(where, 'TagResource', () => events.send(new TagResourceCommand({ ResourceARN: arn, Tags: tagList(retag.set) })));
      if (changed.length > 0) await putTargets(session, r, changed);
      if (extra.length > 0) await removeTargets(session, r.name, r.bus, extra, where);
    },
  });
}

async function putTargets(session: Session, r: DesiredRule, targets: PutTargetsTarget[]): Promise<void> {
  const out = await session.must(r.where, 'PutTargets', () => session.clients.events.send(new PutTargetsCommand({ Rule: r.name, ...busOf(r.bus), Targets: targets })));
  const failed = out.FailedEntries ?? [];
  if ((out.FailedEntryCount ?? 0) > 0 || failed.length > 0) {
    throw new StepwrightError(failed.map((f) => ({ ...r.where, field: `targets ${f.TargetId}`, message: `PutTargets failed: ${f.ErrorCode}: ${f.ErrorMessage}`, fix: 'correct the target named above, then run deploy again', source: 'AWS' })));
  }
}

async function removeTargets(session: Session, rule: string, bus: string | undefined, ids: string[], where: Location): Promise<void> {
  // RemoveTargets takes at most 100 ids.
  for (let i = 0; i < ids.length; i += 100) {
    await session.call(where, 'RemoveTargets', () => session.clients.events.send(new RemoveTargetsCommand({ Rule: rule, ...busOf(bus), Ids: ids.slice(i, i + 100) })), ...NOT_FOUND);
  }
}

async function listTargets(session: Session, rule: string, bus: string | undefined, where: Location): Promise<Target[]> {
  const targets: Target[] = [];
  let token: string | undefined;
  do {
    const page = await session.call(where, 'ListTargetsByRule', () => session.clients.events.send(new ListTargetsByRuleCommand({ Rule: rule, ...busOf(bus), ...(token ? { NextToken: token } : {}) })), ...NOT_FOUND);
    targets.push(...(page?.Targets ?? []));
    token = page?.NextToken;
  } while (token);
  return targets;
}

/** Rules on every bus, tagged with the project, that it no longer has; not the rules AWS services manage. */
async function pruneRules(session: Session, wanted: ReadonlySet<string>): Promise<void> {
  const { events } = session.clients;
  const where: Location = { entry: 'rules' };
  const buses: string[] = [];
  let token: string | undefined;
  do {
    const page = await session.must(where, 'ListEventBuses', () => events.send(new ListEventBusesCommand({ ...(token ? { NextToken: token } : {}) })));
    buses.push(...(page.EventBuses ?? []).map((b) => b.Name!).filter(Boolean));
    token = page.NextToken;
  } while (token);
  if (!buses.includes('default')) buses.unshift('default');
  const candidates: { name: string; bus: string; arn: string }[] = [];
  for (const bus of buses) {
    let next: string | undefined;
    do {
      const page = await session.must(where, 'ListRules', () => events.send(new ListRulesCommand({ ...busOf(bus), ...(next ? { NextToken: next } : {}) })));
      for (const rule of page.Rules ?? []) {
        if (rule.Name && rule.Arn && !rule.ManagedBy && !wanted.has(ruleName(rule.Name, bus))) candidates.push({ name: rule.Name, bus, arn: rule.Arn });
      }
      next = page.NextToken;
    } while (next);
  }
  await Promise.all(
    candidates.map(async ({ name, bus, arn }) => {
      const at: Location = { rule: name };
      const tags = await session.call(at, 'ListTagsForResource', () => events.send(new ListTagsForResourceCommand({ ResourceARN: arn })), ...NOT_FOUND);
      if (!tags || !isOwned(tagRecord(tags.Tags), session.settings)) return;
      session.step({
        phase: 'rules (deleted)',
        where: at,
        changes: [{ action: 'delete', type: 'rule', name: ruleName(name, bus) }],
        run: async () => {
          const ids = (await listTargets(session, name, bus, at)).map((t) => t.Id!);
          if (ids.length > 0) await removeTargets(session, name, bus, ids, at);
          await session.call(at, 'DeleteRule', () => events.send(new DeleteRuleCommand({ Name: name, ...busOf(bus) })), ...NOT_FOUND);
        },
      });
    }),
  );
}

function normalRule(r: DescribeRuleCommandOutput | DesiredRule['putRule']): Record<string, unknown> {
  return {
    EventPattern: parseJsonText(r.EventPattern) ?? null,
    ScheduleExpression: r.ScheduleExpression ?? null,
    State: r.State ?? 'ENABLED',
    Description: r.Description ?? '',
  };
}

/** A target as compared; EventBridge's retry policy defaults (185 attempts, 24 hours) stand in for an absent one. */
function normalTarget(t: Target | PutTargetsTarget): Record<string, unknown> {
  return {
    Id: t.Id,
    Arn: t.Arn,
    RoleArn: t.RoleArn ?? null,
    Input: t.Input ?? null,
    InputPath: t.InputPath ?? null,
    InputTransformer: t.InputTransformer ? { InputPathsMap: t.InputTransformer.InputPathsMap ?? {}, InputTemplate: t.InputTransformer.InputTemplate } : null,
    RetryPolicy: { MaximumRetryAttempts: t.RetryPolicy?.MaximumRetryAttempts ?? 185, MaximumEventAgeInSeconds: t.RetryPolicy?.MaximumEventAgeInSeconds ?? 86400 },
    DeadLetterConfig: t.DeadLetterConfig?.Arn ?? null,
  };
}
