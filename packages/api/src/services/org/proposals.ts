/**
 * ORG-6 adjust / merge / dissolve (调整、合并、撤销): a proposal is approved by the superior
 * (the district admin of the tenant) and then applied in one transaction that moves every
 * member, sub-organisation and record that follows the organisation to the target (decided per
 * column in `records.ts`: work in progress follows, history stays, open transfers refuse) and
 * keeps the history. Organisations are never deleted: a merged or dissolved one keeps its rows
 * with its final status. Two executions racing: the proposal row is locked FOR UPDATE, the second
 * finds it applied and is refused without changing anything.
 */
import type { Organisation } from '@tuanjian/db';
import {
  allowedChildKinds,
  canParent,
  orgKindLabel,
  type ProposalKind,
  type ProposalStatus,
  todayInShanghai,
} from '@tuanjian/domain';
import { sql } from 'kysely';
import type { AuditRecorder } from '../../audit';
import { asDate, tsValue } from '../../db-types';
import { appError, forbiddenRole, forbiddenScope, notFound } from '../../errors';
import { assertOrgManager, getOrgInScope } from '../organisations';
import { escapeLike, pathInScope, type Scope, type TenantDb } from '../scope';

export interface ProposalItem {
  id: string;
  kind: ProposalKind;
  org: { id: string; name: string; kind: Organisation['kind']; status: Organisation['status'] };
  target: { id: string; name: string; kind: Organisation['kind'] } | null;
  newName: string | null;
  reason: string;
  effectiveOn: string;
  status: ProposalStatus;
  proposedByName: string;
  proposedAt: Date;
  decidedByName: string | null;
  decidedAt: Date | null;
  decisionNote: string | null;
  appliedAt: Date | null;
  result: ApplyResult | null;
}

export interface ApplyResult {
  membersMoved: number;
  childrenMoved: number;
  /** Rows moved (or copied) to the receiving organisation, by `table.column` (see `records.ts`). */
  recordsMoved?: Record<string, number>;
  before: { subject: number; target: number; tenant: number };
  after: { subject: number; target: number; tenant: number };
}

/** What applying would do: counts and the rule checks, shown in the step form before submitting. */
export interface ProposalPreview {
  subject: { id: string; name: string; kind: Organisation['kind']; directMembers: number; children: number };
  target: { id: string; name: string; kind: Organisation['kind']; directMembers: number } | null;
  checks: { ok: boolean; text: string }[];
  ok: boolean;
}

function baseQuery(tdb: TenantDb) {
  return tdb
    .selectFrom('org_proposals as p')
    .innerJoin('organisations as o', 'o.id', 'p.org_id')
    .leftJoin('organisations as t', 't.id', 'p.target_org_id')
    .selectAll('p')
    .select([
      'o.name as org_name',
      'o.kind as org_kind',
      'o.status as org_status',
      'o.path as org_path',
      't.name as target_name',
      't.kind as target_kind',
    ]);
}
type Row = Awaited<ReturnType<ReturnType<typeof baseQuery>['executeTakeFirstOrThrow']>>;

function toItem(r: Row): ProposalItem {
  return {
    id: r.id,
    kind: r.kind,
    org: { id: r.org_id, name: r.org_name, kind: r.org_kind, status: r.org_status },
    target: r.target_org_id ? { id: r.target_org_id, name: r.target_name ?? '', kind: r.target_kind! } : null,
    newName: r.new_name,
    reason: r.reason,
    effectiveOn: r.effective_on,
    status: r.status,
    proposedByName: r.proposed_by_name,
    proposedAt: asDate(r.proposed_at),
    decidedByName: r.decided_by_name,
    decidedAt: r.decided_at ? asDate(r.decided_at) : null,
    decisionNote: r.decision_note,
    appliedAt: r.applied_at ? asDate(r.applied_at) : null,
    result: (typeof r.result === 'string' ? JSON.parse(r.result) : r.result) as ApplyResult | null,
  };
}

export async function listProposals(
  tdb: TenantDb,
  scope: Scope,
  f: { status?: ProposalStatus; kind?: ProposalKind },
) {
  assertOrgManager(scope);
  let q = baseQuery(tdb);
  if (scope.org) q = q.where('o.path', 'like', `${escapeLike(scope.org.path)}%`);
  if (f.status) q = q.where('p.status', '=', f.status);
  if (f.kind) q = q.where('p.kind', '=', f.kind);
  const rows = await q.orderBy('p.proposed_at', 'desc').execute();
  return rows.map(toItem);
}

async function loadProposal(tdb: TenantDb, scope: Scope, id: string, forUpdate = false): Promise<Row> {
  let q = baseQuery(tdb).where('p.id', '=', id);
  if (forUpdate) q = q.forUpdate('p');
  const row = await q.executeTakeFirst();
  if (!row || !pathInScope(scope, row.org_path)) throw notFound('调整申请');
  return row;
}

export async function getProposal(tdb: TenantDb, scope: Scope, id: string): Promise<ProposalItem> {
  assertOrgManager(scope);
  return toItem(await loadProposal(tdb, scope, id));
}

async function countDirect(tdb: TenantDb, orgId: string): Promise<number> {
  const r = await tdb
    .selectFrom('members')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('org_id', '=', orgId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

async function countTenant(tdb: TenantDb): Promise<number> {
  const r = await tdb
    .selectFrom('members')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

async function children(tdb: TenantDb, orgId: string) {
  return tdb
    .selectFrom('organisations')
    .select(['id', 'name', 'kind', 'path', 'status'])
    .where('parent_id', '=', orgId)
    .execute();
}

/** Open 组织关系转接 from or to the organisation (they refuse a merge / dissolve, see records.ts). */
async function openTransfers(tdb: TenantDb, orgId: string) {
  return tdb
    .selectFrom('transfers')
    .select(['id', 'member_name', 'source_org_id', 'target_org_id', 'side'])
    .where((eb) => eb.or([eb('source_org_id', '=', orgId), eb('target_org_id', '=', orgId)]))
    .where('status', 'in', ['pending_source', 'pending_target'])
    .orderBy('member_name')
    .execute();
}

/** Work in progress that follows the organisation (needs a receiving organisation). */
async function followingRecords(tdb: TenantDb, orgId: string) {
  const count = (r: { n: unknown }) => Number(r.n);
  const [apps, recs, blocks, gaps] = await Promise.all([
    tdb
      .selectFrom('development_applications')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('org_id', '=', orgId)
      .where('stage', '<>', 'sworn')
      .executeTakeFirstOrThrow()
      .then(count),
    tdb
      .selectFrom('party_recommendations')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('org_id', '=', orgId)
      .where('stage', 'not in', ['sent', 'rejected'])
      .executeTakeFirstOrThrow()
      .then(count),
    tdb
      .selectFrom('number_blocks')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('org_id', '=', orgId)
      .whereRef('next_seq', '<=', 'end_seq')
      .executeTakeFirstOrThrow()
      .then(count),
    tdb
      .selectFrom('coverage_gaps')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('responsible_org_id', '=', orgId)
      .where('status', '=', 'open')
      .executeTakeFirstOrThrow()
      .then(count),
  ]);
  const text = [
    apps ? `进行中的入团申请${apps}份` : '',
    recs ? `进行中的推优${recs}项` : '',
    blocks ? `未用完的号段${blocks}个` : '',
    gaps ? `负责的覆盖空白${gaps}处` : '',
  ].filter(Boolean);
  return { apps, recs, blocks, gaps, text };
}

/**
 * Moves (or copies) every record that follows the organisation to the receiving one, as decided
 * per column in `ORG_RECORD_POLICY` (records.ts). Returns the rows moved per `table.column`.
 */
async function moveRecords(
  tdb: TenantDb,
  subjectId: string,
  targetId: string,
  now: Date,
): Promise<Record<string, number>> {
  const moved: Record<string, number> = {};
  const n = (r: { numUpdatedRows?: bigint; numInsertedOrUpdatedRows?: bigint }[]) =>
    Number(r[0]?.numUpdatedRows ?? r[0]?.numInsertedOrUpdatedRows ?? 0);
  moved['development_applications.org_id'] = n(
    await tdb
      .updateTable('development_applications')
      .set({ org_id: targetId, updated_at: tsValue(now) })
      .where('org_id', '=', subjectId)
      .where('stage', '<>', 'sworn')
      .execute(),
  );
  moved['party_recommendations.org_id'] = n(
    await tdb
      .updateTable('party_recommendations')
      .set({ org_id: targetId, updated_at: tsValue(now) })
      .where('org_id', '=', subjectId)
      .where('stage', 'not in', ['sent', 'rejected'])
      .execute(),
  );
  moved['number_blocks.org_id'] = n(
    await tdb
      .updateTable('number_blocks')
      .set({ org_id: targetId })
      .where('org_id', '=', subjectId)
      .execute(),
  );
  moved['coverage_gaps.covered_org_id'] = n(
    await tdb
      .updateTable('coverage_gaps')
      .set({ covered_org_id: targetId, updated_at: now })
      .where('covered_org_id', '=', subjectId)
      .execute(),
  );
  moved['coverage_gaps.responsible_org_id'] = n(
    await tdb
      .updateTable('coverage_gaps')
      .set({ responsible_org_id: targetId, updated_at: now })
      .where('responsible_org_id', '=', subjectId)
      .execute(),
  );
  const tags = await tdb.selectFrom('org_tags').selectAll().where('org_id', '=', subjectId).execute();
  moved['org_tags.org_id'] = tags.length
    ? (
        await tdb
          .insertInto('org_tags')
          .values(tags.map((t) => ({ ...t, org_id: targetId })))
          .onConflict((oc) => oc.columns(['org_id', 'tag']).doNothing())
          .returning('tag')
          .execute()
      ).length
    : 0;
  return moved;
}

/** Rule checks of a proposal against the current tree. */
async function check(
  tdb: TenantDb,
  kind: ProposalKind,
  subject: Organisation,
  target: Organisation | null,
  newName: string | null,
): Promise<ProposalPreview> {
  const checks: { ok: boolean; text: string }[] = [];
  const add = (ok: boolean, text: string) => checks.push({ ok, text });
  const [directMembers, kids] = await Promise.all([countDirect(tdb, subject.id), children(tdb, subject.id)]);
  const activeKids = kids.filter((k) => k.status === 'active');
  const following = kind === 'adjust' ? null : await followingRecords(tdb, subject.id);
  add(
    subject.status === 'active',
    subject.status === 'active' ? '被调整组织状态正常' : '被调整组织已撤销或合并',
  );
  if (target) {
    add(target.id !== subject.id, target.id !== subject.id ? '目标组织不是本组织' : '目标组织不能是本组织');
    const inside = target.path.startsWith(subject.path);
    add(!inside, inside ? '目标组织不能是本组织的下级组织' : '目标组织不在本组织的下级中');
    add(target.status === 'active', target.status === 'active' ? '目标组织状态正常' : '目标组织已撤销或合并');
  }
  if (kind === 'adjust') {
    if (!target) add(false, '请选择新的上级组织');
    else {
      const ok = canParent(target.kind, subject.kind);
      add(
        ok,
        ok
          ? `${orgKindLabel[target.kind]}下可以设立${orgKindLabel[subject.kind]}`
          : `${orgKindLabel[target.kind]}下不能设立${orgKindLabel[subject.kind]}（可设立：${allowedChildKinds[target.kind].map((k) => orgKindLabel[k]).join('、') || '无'}）`,
      );
      const name = newName ?? subject.name;
      const clash = await tdb
        .selectFrom('organisations')
        .select('id')
        .where('parent_id', '=', target.id)
        .where('name', '=', name)
        .where('status', '=', 'active')
        .where('id', '!=', subject.id)
        .executeTakeFirst();
      add(!clash, clash ? `新的上级组织下已有名为“${name}”的组织` : '新的上级组织下没有重名组织');
    }
  } else {
    const open = await openTransfers(tdb, subject.id);
    add(
      open.length === 0,
      open.length === 0
        ? '没有未办结的组织关系转接'
        : `该组织有未办结的组织关系转接：${open
            .map((t) => `${t.member_name}（${t.source_org_id === subject.id ? '转出' : '转入'}）`)
            .join('、')}，请先办结、撤回或退回后再执行`,
    );
    const pending = following!.text;
    const needsTarget = kind === 'merge' || directMembers > 0 || activeKids.length > 0 || pending.length > 0;
    if (needsTarget && !target) {
      add(
        false,
        kind === 'merge'
          ? '请选择合并到的组织'
          : `该组织还有团员${directMembers}人、下级组织${activeKids.length}个${pending.length ? `、${pending.join('、')}` : ''}，撤销前须指定接收组织`,
      );
    }
    if (target) {
      const badKids = activeKids.filter((k) => !canParent(target.kind, k.kind));
      add(
        badKids.length === 0,
        badKids.length === 0
          ? `下级组织${activeKids.length}个可转入${orgKindLabel[target.kind]}`
          : `${orgKindLabel[target.kind]}下不能设立${[...new Set(badKids.map((k) => orgKindLabel[k.kind]))].join('、')}（${badKids.map((k) => k.name).join('、')}）`,
      );
      if (activeKids.length) {
        const clash = await tdb
          .selectFrom('organisations')
          .select('name')
          .where('parent_id', '=', target.id)
          .where('status', '=', 'active')
          .where(
            'name',
            'in',
            activeKids.map((k) => k.name),
          )
          .execute();
        add(
          clash.length === 0,
          clash.length === 0
            ? '转入的下级组织与目标组织现有下级组织不重名'
            : `目标组织下已有同名组织：${clash.map((c) => c.name).join('、')}`,
        );
      }
      add(true, `团员${directMembers}人将全部转入“${target.name}”`);
      if (following!.text.length) add(true, `${following!.text.join('、')}将转入“${target.name}”继续办理`);
    }
  }
  const targetMembers = target ? await countDirect(tdb, target.id) : 0;
  return {
    subject: {
      id: subject.id,
      name: subject.name,
      kind: subject.kind,
      directMembers,
      children: activeKids.length,
    },
    target: target
      ? { id: target.id, name: target.name, kind: target.kind, directMembers: targetMembers }
      : null,
    checks,
    ok: checks.every((c) => c.ok),
  };
}

export interface CreateProposalInput {
  kind: ProposalKind;
  orgId: string;
  targetOrgId?: string | null;
  newName?: string | null;
  reason: string;
  effectiveOn: string;
}

async function loadPair(tdb: TenantDb, scope: Scope, input: { orgId: string; targetOrgId?: string | null }) {
  const subject = await getOrgInScope(tdb, scope, input.orgId, '被调整组织');
  const target = input.targetOrgId ? await getOrgInScope(tdb, scope, input.targetOrgId, '目标组织') : null;
  return { subject, target };
}

export async function previewProposal(
  tdb: TenantDb,
  scope: Scope,
  input: Omit<CreateProposalInput, 'reason' | 'effectiveOn'>,
) {
  assertOrgManager(scope);
  const { subject, target } = await loadPair(tdb, scope, input);
  return check(tdb, input.kind, subject, target, input.newName ?? null);
}

function refuse(preview: ProposalPreview): never {
  const failed = preview.checks.filter((c) => !c.ok).map((c) => c.text);
  throw appError('PRECONDITION_FAILED', 'INVALID_STATE', failed.join('；'));
}

export async function createProposal(
  tdb: TenantDb,
  scope: Scope,
  audit: AuditRecorder,
  user: { id: string; name: string },
  input: CreateProposalInput,
): Promise<ProposalItem> {
  assertOrgManager(scope);
  const { subject, target } = await loadPair(tdb, scope, input);
  if (scope.org && subject.id === scope.org.id) {
    throw forbiddenScope('不能对本人所在的组织提出调整申请，请由上级组织提出');
  }
  if (subject.parent_id === null && input.kind !== 'adjust' && scope.role !== 'district_admin')
    throw forbiddenRole();
  const preview = await check(tdb, input.kind, subject, target, input.newName ?? null);
  if (!preview.ok) refuse(preview);
  const open = await tdb
    .selectFrom('org_proposals')
    .select('id')
    .where('org_id', '=', subject.id)
    .where('status', 'in', ['pending', 'approved'])
    .executeTakeFirst();
  if (open) throw appError('CONFLICT', 'CONFLICT', '该组织已有未完成的调整申请');
  const row = await tdb
    .insertInto('org_proposals')
    .values({
      kind: input.kind,
      org_id: subject.id,
      target_org_id: target?.id ?? null,
      new_name: input.newName ?? null,
      reason: input.reason,
      effective_on: input.effectiveOn,
      proposed_by: user.id,
      proposed_by_name: user.name,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  audit.target('org_proposal', row.id, {
    kind: input.kind,
    orgId: subject.id,
    targetOrgId: target?.id ?? null,
  });
  return getProposal(tdb, scope, row.id);
}

/** The superior decides: the district admin of the tenant. */
function assertSuperior(scope: Scope) {
  if (scope.role !== 'district_admin') {
    throw forbiddenRole('组织调整、合并、撤销须由上级团委（区县团委管理员）审批');
  }
}

export async function decideProposal(
  tdb: TenantDb,
  scope: Scope,
  audit: AuditRecorder,
  user: { id: string; name: string },
  input: { id: string; approve: boolean; note?: string | null },
  now: Date,
): Promise<ProposalItem> {
  assertSuperior(scope);
  const p = await loadProposal(tdb, scope, input.id, true);
  if (p.status !== 'pending') {
    throw appError('PRECONDITION_FAILED', 'INVALID_STATE', '该申请已处理，不能重复审批');
  }
  if (!input.approve && !input.note?.trim()) {
    throw appError('BAD_REQUEST', 'INVALID_INPUT', '驳回时请填写理由');
  }
  await tdb
    .updateTable('org_proposals')
    .set({
      status: input.approve ? 'approved' : 'rejected',
      decided_by: user.id,
      decided_by_name: user.name,
      decided_at: now,
      decision_note: input.note ?? null,
    })
    .where('id', '=', p.id)
    .execute();
  audit.target('org_proposal', p.id, { approve: input.approve });
  return getProposal(tdb, scope, p.id);
}

/** Moves `org`'s subtree under `newParent`: parent_id and every materialised path below. */
async function reparent(
  tdb: TenantDb,
  org: { id: string; path: string },
  newParent: { id: string; path: string },
  now: Date,
) {
  const newPath = `${newParent.path}${org.id}/`;
  await tdb
    .updateTable('organisations')
    .set({ parent_id: newParent.id, updated_at: tsValue(now) })
    .where('id', '=', org.id)
    .execute();
  await tdb
    .updateTable('organisations')
    .set({ path: sql<string>`${newPath} || substr(path, ${org.path.length + 1})`, updated_at: tsValue(now) })
    .where('path', 'like', `${escapeLike(org.path)}%`)
    .execute();
}

export async function applyProposal(
  tdb: TenantDb,
  scope: Scope,
  audit: AuditRecorder,
  user: { id: string; name: string },
  input: { id: string },
  now: Date,
): Promise<ProposalItem> {
  assertSuperior(scope);
  const p = await loadProposal(tdb, scope, input.id, true);
  if (p.status !== 'approved') {
    throw appError(
      'PRECONDITION_FAILED',
      'INVALID_STATE',
      p.status === 'applied'
        ? '该申请已执行，不能重复执行（本次未作任何更改）'
        : '申请须先经上级批准才能执行',
    );
  }
  const today = todayInShanghai(now);
  if (p.effective_on > today) {
    throw appError('PRECONDITION_FAILED', 'INVALID_STATE', `生效日期（${p.effective_on}）未到，暂不能执行`);
  }
  // Lock both organisations, then re-check the rules against the tree as it is now.
  const ids = [p.org_id, ...(p.target_org_id ? [p.target_org_id] : [])];
  await tdb.selectFrom('organisations').select('id').where('id', 'in', ids).forUpdate().execute();
  const { subject, target } = await loadPair(tdb, scope, { orgId: p.org_id, targetOrgId: p.target_org_id });
  const preview = await check(tdb, p.kind, subject, target, p.new_name);
  if (!preview.ok) refuse(preview);

  const before = {
    subject: await countDirect(tdb, subject.id),
    target: target ? await countDirect(tdb, target.id) : 0,
    tenant: await countTenant(tdb),
  };
  let membersMoved = 0;
  let childrenMoved = 0;
  let recordsMoved: Record<string, number> = {};
  const history = (
    orgId: string,
    from: string,
    to: 'active' | 'merged' | 'dissolved',
    event: string,
    related: string | null,
    detail: unknown,
  ) =>
    tdb
      .insertInto('org_status_history')
      .values({
        org_id: orgId,
        from_status: from,
        to_status: to,
        changed_on: p.effective_on,
        reason: p.reason,
        event,
        related_org_id: related,
        proposal_id: p.id,
        detail: JSON.stringify(detail),
        created_by: user.id,
      })
      .execute();

  if (p.kind === 'adjust') {
    const oldParent = subject.parent_id;
    await reparent(tdb, subject, target!, now);
    if (p.new_name && p.new_name !== subject.name) {
      await tdb.updateTable('organisations').set({ name: p.new_name }).where('id', '=', subject.id).execute();
    }
    await history(subject.id, 'active', 'active', 'adjusted', target!.id, {
      fromParentId: oldParent,
      toParentId: target!.id,
      fromName: subject.name,
      toName: p.new_name ?? subject.name,
    });
  } else {
    if (target) {
      const moved = await tdb
        .updateTable('members')
        .set({ org_id: target.id, updated_at: tsValue(now) })
        .where('org_id', '=', subject.id)
        .returning('id')
        .execute();
      membersMoved = moved.length;
      const kids = (await children(tdb, subject.id)).filter((k) => k.status === 'active');
      for (const k of kids) await reparent(tdb, k, target, now);
      childrenMoved = kids.length;
      // Every record that follows the organisation (records.ts decides per column).
      recordsMoved = await moveRecords(tdb, subject.id, target.id, now);
    }
    // The leadership of a merged/dissolved organisation ends on the effective date.
    await tdb
      .updateTable('org_leaders')
      .set({ term_end: p.effective_on })
      .where('org_id', '=', subject.id)
      .where('term_end', 'is', null)
      .execute();
    const to = p.kind === 'merge' ? 'merged' : 'dissolved';
    await tdb
      .updateTable('organisations')
      .set({ status: to, updated_at: tsValue(now) })
      .where('id', '=', subject.id)
      .execute();
    await history(
      subject.id,
      'active',
      to,
      p.kind === 'merge' ? 'merged_into' : 'dissolved',
      target?.id ?? null,
      {
        membersMoved,
        childrenMoved,
        recordsMoved,
      },
    );
    if (target) {
      await history(
        target.id,
        'active',
        'active',
        p.kind === 'merge' ? 'merged_from' : 'received',
        subject.id,
        {
          membersMoved,
          childrenMoved,
          recordsMoved,
        },
      );
    }
  }

  const after = {
    subject: await countDirect(tdb, subject.id),
    target: target ? await countDirect(tdb, target.id) : 0,
    tenant: await countTenant(tdb),
  };
  // Nothing lost, nothing doubled: the tenant's member count is unchanged, and every member of
  // the subject is now in the target.
  const expected =
    p.kind === 'adjust' || !target
      ? after.tenant === before.tenant && after.subject === before.subject
      : after.tenant === before.tenant &&
        after.subject === 0 &&
        after.target === before.target + before.subject;
  if (!expected) {
    throw appError('INTERNAL_SERVER_ERROR', 'INTERNAL', '团员转移核对不一致，已取消本次调整');
  }
  const result: ApplyResult = { membersMoved, childrenMoved, recordsMoved, before, after };
  await tdb
    .updateTable('org_proposals')
    .set({ status: 'applied', applied_by: user.id, applied_at: now, result: JSON.stringify(result) })
    .where('id', '=', p.id)
    .execute();
  audit.target('org_proposal', p.id, {
    kind: p.kind,
    orgId: subject.id,
    targetOrgId: target?.id ?? null,
    ...result,
  });
  return getProposal(tdb, scope, p.id);
}
