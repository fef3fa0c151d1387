/**
 * MEM-4 组织关系转接: start, review, accept, return, cancel; lists and the timeline.
 *
 * Reads run in the acting tenant only (`ctx.tdb`): each tenant keeps its own copy of a transfer.
 * Writes run through `withTwoTenants` inside the audited platform transaction: the routing row
 * `platform.transfers` is locked first (so an accept and a cancel of one transfer serialise and
 * exactly one wins), then the source-side statements run as the source tenant's role and the
 * target-side ones as the target's. The receiving side never reads the source's other data: it
 * gets a snapshot (name, 团员编号, gender, birth year) in its own copy.
 */
import { randomUUID } from 'node:crypto';
import {
  createTransferRoute,
  lockTransferRoute,
  MemberMoveError,
  moveMemberAcrossTenants,
  moveMemberGrant,
  type PlatformDatabase,
  setTransferRouteStatus,
  type Tenant,
  type TenantQueryCreator,
  type TransferKind,
  type TransferSide,
  type TransferStatus,
  type TransferStep,
  type TwoTenantTx,
  withTwoTenants,
} from '@tuanjian/db';
import {
  daysOverdue,
  isTransferEscalated,
  maskBirthDate,
  parseRuleValue,
  receiverDueOn,
  ruleInForce,
  statusAfterSourceApproval,
  type TransferAction,
  todayInShanghai,
  transferActionAllowed,
  transferStatusLabel,
} from '@tuanjian/domain';
import { type Kysely, sql } from 'kysely';
import { asDate, tsValue } from '../db-types';
import { appError, forbiddenRole, forbiddenScope, notFound } from '../errors';
import type { LoadedGrant } from './me';
import { escapeLike, pathInScope, resolveScope, type Scope, type TenantDb } from './scope';

// ---------------------------------------------------------------- rule data

/** The value of a rule in force on a date (platform.rules; tenant roles may read it). */
export async function ruleOn<K extends 'transfer.timeout' | 'transfer.schoolToSociety'>(
  exec: TenantDb | Kysely<PlatformDatabase>,
  key: K,
  onDate: string,
) {
  const { rows } = await sql<{ version: number; effective_from: string; value: unknown; source: string }>`
    select version, effective_from, value, source from platform.rules where key = ${key}`.execute(
    exec as unknown as Kysely<PlatformDatabase>,
  );
  const versions = rows.map((r) => ({ version: r.version, effectiveFrom: r.effective_from, value: r.value }));
  // Before the first version took effect, the first version applies.
  const inForce =
    ruleInForce(versions, onDate) ??
    [...versions].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom) || a.version - b.version)[0];
  if (!inForce) throw appError('INTERNAL_SERVER_ERROR', 'INTERNAL', `缺少规则数据：${key}`);
  const source = rows.find((r) => r.version === inForce.version)?.source ?? '';
  return { version: inForce.version, value: parseRuleValue(key, inForce.value), source };
}

// ---------------------------------------------------------------- output shapes

export interface TransferItem {
  id: string;
  kind: TransferKind;
  side: TransferSide;
  status: TransferStatus;
  /** The member in this tenant (outgoing/internal; incoming once accepted). */
  memberId: string | null;
  memberName: string;
  memberNumber: string | null;
  memberGender: 'male' | 'female';
  /** '2003-**-**' */
  memberBirthMasked: string;
  /** '6201**********123X' (as member lists show it), if the archive has one. */
  memberIdCardMasked: string | null;
  sourceTenantName: string;
  sourceOrgName: string;
  /** Only when the source organisation is in this tenant. */
  sourceOrgId: string | null;
  targetTenantName: string | null;
  targetOrgName: string | null;
  /** Only when the target organisation is in this tenant. */
  targetOrgId: string | null;
  externalOrgName: string | null;
  externalContact: string | null;
  reason: string | null;
  graduationYear: number | null;
  appliedAt: Date;
  reachedTargetAt: Date | null;
  receiverDueOn: string | null;
  /** Waiting for the receiver past `transfer.timeout`: escalated to the receiver's superior. */
  escalated: boolean;
  daysOverdue: number;
  closedAt: Date | null;
}

export interface TransferEvent {
  step: TransferStep;
  at: Date;
  actorName: string;
  actorUnit: string;
  note: string | null;
}

export interface TransferDetail extends TransferItem {
  events: TransferEvent[];
  /** What the viewer may do now. */
  actions: { approve: boolean; accept: boolean; return: boolean; cancel: boolean };
}

type Row = {
  id: string;
  side: TransferSide;
  kind: TransferKind;
  status: TransferStatus;
  member_id: string | null;
  member_name: string;
  member_number: string | null;
  member_gender: 'male' | 'female';
  member_birth_year: number;
  member_id_card_masked: string | null;
  source_tenant_id: string;
  source_tenant_name: string;
  source_org_id: string;
  source_org_name: string;
  target_tenant_id: string | null;
  target_tenant_name: string | null;
  target_org_id: string | null;
  target_org_name: string | null;
  external_org_name: string | null;
  external_contact: string | null;
  reason: string | null;
  graduation_year: number | null;
  applied_at: unknown;
  reached_target_at: unknown;
  receiver_due_on: string | null;
  closed_at: unknown;
};

function toItem(r: Row, today: string): TransferItem {
  const ownSource = r.side !== 'incoming';
  const ownTarget = r.side !== 'outgoing';
  return {
    id: r.id,
    kind: r.kind,
    side: r.side,
    status: r.status,
    memberId: r.member_id,
    memberName: r.member_name,
    memberNumber: r.member_number,
    memberGender: r.member_gender,
    memberBirthMasked: maskBirthDate(`${r.member_birth_year}-01-01`),
    memberIdCardMasked: r.member_id_card_masked,
    sourceTenantName: r.source_tenant_name,
    sourceOrgName: r.source_org_name,
    sourceOrgId: ownSource ? r.source_org_id : null,
    targetTenantName: r.target_tenant_name,
    targetOrgName: r.target_org_name,
    targetOrgId: ownTarget ? r.target_org_id : null,
    externalOrgName: r.external_org_name,
    externalContact: r.external_contact,
    reason: r.reason,
    graduationYear: r.graduation_year,
    appliedAt: asDate(r.applied_at),
    reachedTargetAt: r.reached_target_at ? asDate(r.reached_target_at) : null,
    receiverDueOn: r.receiver_due_on,
    escalated: isTransferEscalated(r.status, r.receiver_due_on, today),
    daysOverdue: r.status === 'pending_target' ? daysOverdue(r.receiver_due_on, today) : 0,
    closedAt: r.closed_at ? asDate(r.closed_at) : null,
  };
}

// ---------------------------------------------------------------- reads (acting tenant only)

export type TransferBox = 'incoming' | 'outgoing' | 'escalated' | 'mine' | 'all';

export interface ListTransfersInput {
  box: TransferBox;
  status?: TransferStatus;
  q?: string;
  page: number;
  pageSize: number;
}

function requireCadre(scope: Scope): void {
  if (scope.role !== 'district_admin' && scope.role !== 'org_secretary') {
    throw forbiddenRole('仅区县团委管理员和团组织书记可以办理组织关系转接');
  }
}

export async function list(
  tdb: TenantDb,
  scope: Scope,
  input: ListTransfersInput,
  today = todayInShanghai(),
): Promise<{ items: TransferItem[]; total: number; page: number; pageSize: number }> {
  let q = tdb
    .selectFrom('transfers as t')
    .leftJoin('organisations as so', 'so.id', 't.source_org_id')
    .leftJoin('organisations as to', 'to.id', 't.target_org_id');
  const prefix = scope.org ? `${escapeLike(scope.org.path)}%` : null;
  if (input.box === 'mine' || scope.role === 'member') {
    if (scope.role !== 'member' || !scope.memberId) throw forbiddenRole('仅团员本人可以查看“我的转接”');
    q = q.where('t.member_id', '=', scope.memberId);
  } else {
    requireCadre(scope);
    if (input.box === 'outgoing') {
      q = q.where('t.side', 'in', ['outgoing', 'internal']);
      if (prefix) q = q.where('so.path', 'like', prefix);
    } else if (input.box === 'incoming') {
      q = q.where('t.side', 'in', ['incoming', 'internal']).where('t.status', '!=', 'pending_source');
      if (prefix) q = q.where('to.path', 'like', prefix);
    } else if (input.box === 'escalated') {
      // Escalated to the receiver's superior: anyone whose subtree strictly contains the receiver.
      q = q
        .where('t.side', 'in', ['incoming', 'internal'])
        .where('t.status', '=', 'pending_target')
        .where('t.receiver_due_on', '<', today);
      if (prefix && scope.org) q = q.where('to.path', 'like', prefix).where('to.id', '!=', scope.org.id);
    } else if (prefix) {
      q = q.where((eb) => eb.or([eb('so.path', 'like', prefix), eb('to.path', 'like', prefix)]));
    }
  }
  if (input.status) q = q.where('t.status', '=', input.status);
  const text = input.q?.trim();
  if (text) {
    // Up to 4 trailing digits (or ending in X): also the last digits of the masked 身份证号.
    const idTail = /^(\d{1,4}|\d{0,3}[xX])$/.test(text) ? `%${text.toUpperCase()}` : null;
    q = /^\d+[xX]?$/.test(text)
      ? q.where((eb) =>
          eb.or([
            eb('t.member_number', 'like', `${escapeLike(text)}%`),
            eb('t.member_name', 'like', `%${escapeLike(text)}%`),
            ...(idTail ? [eb('t.member_id_card_masked', 'like', idTail)] : []),
          ]),
        )
      : q.where('t.member_name', 'like', `%${escapeLike(text)}%`);
  }
  const [count, rows] = await Promise.all([
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    q
      .selectAll('t')
      .orderBy('t.applied_at', 'desc')
      .orderBy('t.id')
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize)
      .execute(),
  ]);
  return {
    items: rows.map((r) => toItem(r as Row, today)),
    total: Number(count.n),
    page: input.page,
    pageSize: input.pageSize,
  };
}

async function orgPath(tdb: TenantDb, id: string | null): Promise<string | null> {
  if (!id) return null;
  const o = await tdb.selectFrom('organisations').select('path').where('id', '=', id).executeTakeFirst();
  return o?.path ?? null;
}

/** May the viewer act on this side of the transfer (scope only; status is checked separately)? */
async function maySide(tdb: TenantDb, scope: Scope, row: Row, side: 'source' | 'target'): Promise<boolean> {
  if (scope.role === 'district_admin') return true;
  if (scope.role === 'org_secretary') {
    const path = await orgPath(tdb, side === 'source' ? row.source_org_id : row.target_org_id);
    return path !== null && pathInScope(scope, path);
  }
  return false;
}

function sidesOf(row: Row): ('source' | 'target')[] {
  return row.side === 'internal' ? ['source', 'target'] : [row.side === 'outgoing' ? 'source' : 'target'];
}

const stepRank: Record<TransferStep, number> = {
  applied: 0,
  source_approved: 1,
  target_accepted: 2,
  returned: 2,
  cancelled: 2,
};

/** Time order; steps recorded in the same instant in their workflow order. */
function byTimeline(a: { at: unknown; step: TransferStep }, b: { at: unknown; step: TransferStep }): number {
  return asDate(a.at).getTime() - asDate(b.at).getTime() || stepRank[a.step] - stepRank[b.step];
}

export async function get(
  tdb: TenantDb,
  scope: Scope,
  id: string,
  today = todayInShanghai(),
): Promise<TransferDetail> {
  const row = (await tdb.selectFrom('transfers').selectAll().where('id', '=', id).executeTakeFirst()) as
    | Row
    | undefined;
  if (!row) throw notFound('转接记录');
  const isOwn = scope.role === 'member' && !!scope.memberId && row.member_id === scope.memberId;
  const sides: ('source' | 'target')[] = [];
  for (const side of sidesOf(row)) if (await maySide(tdb, scope, row, side)) sides.push(side);
  if (!isOwn && sides.length === 0) {
    if (scope.role === 'member') throw forbiddenRole('团员只能查看本人的转接');
    throw forbiddenScope('该转接不在您管理的组织范围内');
  }
  const events = await tdb
    .selectFrom('transfer_events')
    .select(['step', 'at', 'actor_name', 'actor_unit', 'note'])
    .where('transfer_id', '=', id)
    .orderBy('at')
    .orderBy('id')
    .execute();
  const can = (action: TransferAction) =>
    sides.some((s) => transferActionAllowed(action, row.status, s)) ||
    (action === 'cancel' &&
      isOwn &&
      row.side !== 'incoming' &&
      transferActionAllowed('cancel', row.status, 'source'));
  return {
    ...toItem(row, today),
    events: events.sort(byTimeline).map((e) => ({
      step: e.step,
      at: asDate(e.at),
      actorName: e.actor_name,
      actorUnit: e.actor_unit,
      note: e.note,
    })),
    actions: { approve: can('approve'), accept: can('accept'), return: can('return'), cancel: can('cancel') },
  };
}

// ---------------------------------------------------------------- writes (two tenants, one transaction)

export interface Actor {
  userId: string;
  displayName: string;
  grant: LoadedGrant;
  now: Date;
}

export type StartTarget =
  | { type: 'internal'; orgId: string }
  | { type: 'cross_tenant'; tenantId: string; orgId: string }
  | { type: 'out_of_city'; name: string; contact: string };

export interface StartInput {
  memberId: string;
  target: StartTarget;
  reason?: string | null;
}

const RECEIVING_KINDS = ['branch', 'general_branch'] as const;

const invalidState = (message: string) => appError('PRECONDITION_FAILED', 'INVALID_STATE', message);

async function loadTenant(trx: Kysely<PlatformDatabase>, id: string): Promise<Tenant> {
  const t = await trx.selectFrom('platform.tenants').selectAll().where('id', '=', id).executeTakeFirst();
  if (!t) throw notFound('单位');
  return t;
}

function actorUnit(scope: Scope): string {
  return scope.org ? `${scope.tenant.name} ${scope.org.name}` : scope.tenant.name;
}

async function addEvent(
  tdb: TenantQueryCreator,
  transferId: string,
  step: TransferStep,
  actor: Actor,
  unit: string,
  note: string | null,
): Promise<void> {
  await tdb
    .insertInto('transfer_events')
    .values({
      transfer_id: transferId,
      step,
      at: tsValue(actor.now),
      actor_user_id: actor.userId,
      actor_name: actor.displayName,
      actor_unit: unit,
      note,
    })
    .execute();
}

/** The receiver's due day under the `transfer.timeout` rule in force on the day it reaches the receiver. */
async function dueOn(tdb: TenantDb, today: string): Promise<string> {
  const rule = await ruleOn(tdb, 'transfer.timeout', today);
  return receiverDueOn(today, rule.value.receiverDays);
}

type Snapshot = Omit<
  Row,
  'side' | 'status' | 'applied_at' | 'reached_target_at' | 'receiver_due_on' | 'closed_at'
>;

/** Inserts the receiver's copy (target phase): the snapshot, and the timeline so far. */
async function insertIncoming(
  tdb: TenantQueryCreator,
  snap: Snapshot,
  appliedAt: Date,
  now: Date,
  due: string,
  events: {
    step: TransferStep;
    at: unknown;
    actor_user_id: string | null;
    actor_name: string;
    actor_unit: string;
    note: string | null;
  }[],
): Promise<void> {
  await tdb
    .insertInto('transfers')
    .values({
      ...snap,
      member_id: null,
      side: 'incoming',
      status: 'pending_target',
      applied_at: tsValue(appliedAt),
      reached_target_at: tsValue(now),
      receiver_due_on: due,
    })
    .execute();
  for (const e of events) {
    await tdb
      .insertInto('transfer_events')
      .values({ ...e, transfer_id: snap.id, at: tsValue(asDate(e.at)) })
      .execute();
  }
}

export async function start(
  trx: Kysely<PlatformDatabase>,
  actor: Actor,
  input: StartInput,
): Promise<{ id: string; status: TransferStatus }> {
  const source = actor.grant.tenant;
  const kind: TransferKind = input.target.type;
  let target: Tenant | null = null;
  if (input.target.type === 'cross_tenant') {
    target =
      (await trx
        .selectFrom('platform.tenants')
        .selectAll()
        .where('id', '=', input.target.tenantId)
        .executeTakeFirst()) ?? null;
    if (target?.kind !== 'district' || target.status !== 'active') {
      throw appError('NOT_FOUND', 'NOT_FOUND', '接收单位不存在或暂不可用');
    }
    if (target.id === source.id) throw invalidState('接收单位与转出单位相同，请选择“本单位内转接”');
  } else if (input.target.type === 'internal') {
    target = source;
  }
  const byMember = actor.grant.role === 'member';
  // A member applies (待转出方审核); a secretary or district admin applies and approves at once.
  const status: TransferStatus = byMember ? 'pending_source' : statusAfterSourceApproval(kind);
  const id = randomUUID();
  await createTransferRoute(trx, {
    id,
    kind,
    sourceTenantId: source.id,
    targetTenantId: target?.id ?? null,
    status,
  });
  const reason = input.reason?.trim() || null;
  await withTwoTenants(trx, source, target ?? source, async (tx) => {
    const snap = await tx.source(async (tdb) => {
      const scope = await resolveScope(tdb as TenantDb, actor.grant, actor.userId);
      if (scope.role === 'member') {
        if (input.memberId !== scope.memberId) throw forbiddenRole('团员只能为本人申请转接');
      } else requireCadre(scope);
      const m = await tdb
        .selectFrom('members as m')
        .innerJoin('organisations as o', 'o.id', 'm.org_id')
        .select([
          'm.id',
          'm.name',
          'm.member_number',
          'm.gender',
          'm.birth_date',
          'm.status',
          'm.graduation_year',
          'm.id_card_masked',
          'o.id as org_id',
          'o.name as org_name',
          'o.path as org_path',
        ])
        .where('m.id', '=', input.memberId)
        .executeTakeFirst();
      if (!m) throw notFound('团员');
      if (scope.role !== 'member' && !pathInScope(scope, m.org_path)) {
        throw forbiddenScope('该团员不在您管理的组织范围内');
      }
      if (m.status !== 'active') throw invalidState('该团员不是正常状态，不能发起组织关系转接');
      const open = await tdb
        .selectFrom('transfers')
        .select('id')
        .where('member_id', '=', m.id)
        .where('side', 'in', ['outgoing', 'internal'])
        .where('status', 'in', ['pending_source', 'pending_target'])
        .executeTakeFirst();
      if (open) throw appError('CONFLICT', 'CONFLICT', '该团员已有办理中的组织关系转接，请先办结或撤销');

      let targetOrgName: string | null = null;
      if (input.target.type === 'internal') {
        const o = await tdb
          .selectFrom('organisations')
          .select(['id', 'name', 'kind', 'status'])
          .where('id', '=', input.target.orgId)
          .executeTakeFirst();
        if (o?.status !== 'active') throw notFound('接收组织');
        if (!(RECEIVING_KINDS as readonly string[]).includes(o.kind)) {
          throw invalidState('接收组织须为团支部或团总支');
        }
        if (o.id === m.org_id) throw invalidState('接收组织与团员所在组织相同');
        targetOrgName = o.name;
      }
      const today = todayInShanghai(actor.now);
      const due = status === 'pending_target' ? await dueOn(tdb as TenantDb, today) : null;
      const snapshot: Snapshot = {
        id,
        kind,
        member_id: m.id,
        member_name: m.name,
        member_number: m.member_number,
        member_gender: m.gender,
        member_birth_year: Number(m.birth_date.slice(0, 4)),
        member_id_card_masked: m.id_card_masked,
        source_tenant_id: source.id,
        source_tenant_name: source.name,
        source_org_id: m.org_id,
        source_org_name: m.org_name,
        target_tenant_id: target?.id ?? null,
        target_tenant_name: target?.name ?? null,
        target_org_id: input.target.type === 'out_of_city' ? null : input.target.orgId,
        target_org_name: targetOrgName,
        external_org_name: input.target.type === 'out_of_city' ? input.target.name : null,
        external_contact: input.target.type === 'out_of_city' ? input.target.contact : null,
        reason,
        graduation_year: m.graduation_year,
      };
      return { snapshot, due, unit: actorUnit(scope) };
    });

    if (input.target.type === 'cross_tenant') {
      // Validate the receiving organisation in the target (as the target's role) and name it.
      const targetOrgId = input.target.orgId;
      snap.snapshot.target_org_name = await tx.target(async (tdb) => {
        const o = await tdb
          .selectFrom('organisations')
          .select(['name', 'kind', 'status'])
          .where('id', '=', targetOrgId)
          .executeTakeFirst();
        if (o?.status !== 'active') throw notFound('接收组织');
        if (!(RECEIVING_KINDS as readonly string[]).includes(o.kind)) {
          throw invalidState('接收组织须为团支部或团总支');
        }
        return o.name;
      });
    }

    const events: { step: TransferStep; note: string | null }[] = [{ step: 'applied', note: reason }];
    if (!byMember) events.push({ step: 'source_approved', note: null });
    const eventRows = await tx.source(async (tdb) => {
      await tdb
        .insertInto('transfers')
        .values({
          ...snap.snapshot,
          side: kind === 'internal' ? 'internal' : 'outgoing',
          status,
          applied_at: tsValue(actor.now),
          reached_target_at: status === 'pending_target' ? tsValue(actor.now) : null,
          receiver_due_on: snap.due,
          closed_at: status === 'completed' ? tsValue(actor.now) : null,
        })
        .execute();
      for (const e of events) await addEvent(tdb, id, e.step, actor, snap.unit, e.note);
      if (status === 'completed') {
        // Out of the city, approved at once: the member leaves the system.
        await tdb
          .updateTable('members')
          .set({ status: 'transferred_out', updated_at: tsValue(actor.now) })
          .where('id', '=', input.memberId)
          .execute();
      }
      return tdb
        .selectFrom('transfer_events')
        .selectAll()
        .where('transfer_id', '=', id)
        .orderBy('at')
        .execute();
    });
    if (kind === 'cross_tenant' && status === 'pending_target' && snap.due) {
      await tx.target((tdb) =>
        insertIncoming(tdb, snap.snapshot, actor.now, actor.now, snap.due as string, eventRows),
      );
    }
  });
  return { id, status };
}

const actionLabel: Record<TransferAction, string> = {
  approve: '审核通过',
  accept: '接收',
  return: '退回',
  cancel: '撤销',
};

function sideFor(action: TransferAction, status: TransferStatus): 'source' | 'target' {
  if (action === 'accept') return 'target';
  if (action === 'return') return status === 'pending_target' ? 'target' : 'source';
  return 'source';
}

/**
 * approve (转出方审核) / accept (接收方审核) / return (退回) / cancel (撤销). The routing row is
 * locked first: of two racing actions on one transfer exactly one wins; the other finds the new
 * status and is refused with INVALID_STATE.
 */
export async function act(
  trx: Kysely<PlatformDatabase>,
  actor: Actor,
  input: {
    id: string;
    action: TransferAction;
    note?: string | null;
    /** Test hook: runs between the source half and the target half of an accept. */
    onBetweenHalves?: () => Promise<void> | void;
  },
): Promise<{ id: string; status: TransferStatus; memberId: string | null }> {
  const route = await lockTransferRoute(trx, input.id);
  const acting = actor.grant.tenant.id;
  if (!route || (route.source_tenant_id !== acting && route.target_tenant_id !== acting)) {
    throw notFound('转接记录');
  }
  let side: 'source' | 'target';
  if (route.source_tenant_id === acting && route.target_tenant_id === acting) {
    side = sideFor(input.action, route.status);
  } else side = route.source_tenant_id === acting ? 'source' : 'target';

  const from = route.status;
  if (!transferActionAllowed(input.action, from, side)) {
    throw invalidState(
      `该转接${transferStatusLabel[from]}，不能${actionLabel[input.action]}` +
        (side === 'source' && input.action === 'accept' ? '（须由接收方办理）' : ''),
    );
  }
  const note = input.note?.trim() || null;
  if (input.action === 'return' && !note) throw invalidState('退回时请填写退回理由');

  const source = await loadTenant(trx, route.source_tenant_id);
  const target = route.target_tenant_id ? await loadTenant(trx, route.target_tenant_id) : null;
  const twoSides = route.kind === 'cross_tenant';

  let to: TransferStatus;
  let memberId: string | null = null;
  let movedFrom: string | null = null;
  let newOrgId: string | null = null;
  await withTwoTenants(trx, source, target ?? source, async (tx: TwoTenantTx) => {
    // 1. The acting side: scope and permission, in the acting tenant as its role.
    const { unit, row } = await tx[side](async (tdb) => {
      const scope = await resolveScope(tdb as TenantDb, actor.grant, actor.userId);
      const r = (await tdb
        .selectFrom('transfers')
        .selectAll()
        .where('id', '=', input.id)
        .executeTakeFirst()) as Row | undefined;
      if (!r) throw notFound('转接记录');
      if (r.status !== from) throw appError('INTERNAL_SERVER_ERROR', 'INTERNAL', '转接记录状态不一致');
      const ownCancel =
        input.action === 'cancel' &&
        scope.role === 'member' &&
        !!scope.memberId &&
        r.member_id === scope.memberId;
      if (!ownCancel) {
        if (scope.role === 'member') throw forbiddenRole('团员只能撤销本人的转接申请');
        if (!(await maySide(tdb as TenantDb, scope, r, side))) {
          throw forbiddenScope(
            side === 'target' ? '接收组织不在您管理的组织范围内' : '转出组织不在您管理的组织范围内',
          );
        }
      }
      return { unit: actorUnit(scope), row: r };
    });

    const today = todayInShanghai(actor.now);
    const step: TransferStep =
      input.action === 'approve'
        ? 'source_approved'
        : input.action === 'accept'
          ? 'target_accepted'
          : input.action === 'return'
            ? 'returned'
            : 'cancelled';
    to =
      input.action === 'approve'
        ? statusAfterSourceApproval(route.kind)
        : input.action === 'accept'
          ? 'completed'
          : input.action === 'return'
            ? 'returned'
            : 'cancelled';
    const closed = to === 'completed' || to === 'returned' || to === 'cancelled';
    const due = to === 'pending_target' ? await tx.source((tdb) => dueOn(tdb as TenantDb, today)) : null;

    // The member's id in the source (the receiver's copy has none until it accepts).
    const sourceId =
      side === 'source'
        ? row.member_id
        : await tx.source(async (tdb) => {
            const r = await tdb
              .selectFrom('transfers')
              .select('member_id')
              .where('id', '=', input.id)
              .executeTakeFirst();
            return r?.member_id ?? null;
          });

    // 2. The member moves (accept), or leaves the city (out-of-city approval).
    let targetMemberId: string | null = null;
    if (input.action === 'accept' && route.kind === 'cross_tenant') {
      try {
        const moved = await moveMemberAcrossTenants(tx, {
          memberId: sourceId as string,
          targetOrgId: row.target_org_id as string,
          onBetweenHalves: input.onBetweenHalves,
        });
        targetMemberId = moved.targetMemberId;
      } catch (e) {
        if (e instanceof MemberMoveError) throw invalidState(e.message);
        throw e;
      }
    }
    await tx.source(async (tdb) => {
      if (input.action === 'accept' && route.kind === 'internal') {
        const r = await tdb
          .updateTable('members')
          .set({ org_id: row.target_org_id as string, updated_at: tsValue(actor.now) })
          .where('id', '=', sourceId as string)
          .where('status', '=', 'active')
          .executeTakeFirst();
        if (Number(r.numUpdatedRows) !== 1) throw invalidState('该团员当前不是正常状态，不能接收');
        targetMemberId = sourceId;
      }
      if (to === 'completed' && route.kind === 'out_of_city') {
        await tdb
          .updateTable('members')
          .set({ status: 'transferred_out', updated_at: tsValue(actor.now) })
          .where('id', '=', sourceId as string)
          .execute();
      }
      await tdb
        .updateTable('transfers')
        .set({
          status: to,
          updated_at: tsValue(actor.now),
          ...(to === 'pending_target' ? { reached_target_at: tsValue(actor.now), receiver_due_on: due } : {}),
          ...(closed ? { closed_at: tsValue(actor.now) } : {}),
        })
        .where('id', '=', input.id)
        .execute();
      await addEvent(tdb, input.id, step, actor, unit, note);
    });

    // 3. The receiver's copy.
    if (twoSides) {
      if (to === 'pending_target') {
        const eventRows = await tx.source((tdb) =>
          tdb
            .selectFrom('transfer_events')
            .selectAll()
            .where('transfer_id', '=', input.id)
            .orderBy('at')
            .execute(),
        );
        const {
          side: _s,
          status: _st,
          applied_at,
          reached_target_at: _r,
          receiver_due_on: _d,
          closed_at: _c,
          ...snap
        } = row;
        await tx.target((tdb) =>
          insertIncoming(tdb, snap, asDate(applied_at), actor.now, due as string, eventRows),
        );
      } else if (from === 'pending_target') {
        await tx.target(async (tdb) => {
          await tdb
            .updateTable('transfers')
            .set({
              status: to,
              updated_at: tsValue(actor.now),
              ...(closed ? { closed_at: tsValue(actor.now) } : {}),
              ...(targetMemberId ? { member_id: targetMemberId } : {}),
            })
            .where('id', '=', input.id)
            .execute();
          await addEvent(tdb, input.id, step, actor, unit, note);
        });
      }
    }
    memberId = targetMemberId;
    movedFrom = sourceId;
    newOrgId = row.target_org_id;
  });
  // 4. The routing row, and the member's own login follows the member.
  const final = to!;
  await setTransferRouteStatus(trx, input.id, from, final);
  if (memberId && route.kind === 'internal') {
    // A member grant pinned to the old branch follows the member to the new one.
    if (newOrgId) {
      await trx
        .updateTable('platform.grants')
        .set({ scope_org_id: newOrgId })
        .where('tenant_id', '=', source.id)
        .where('member_id', '=', memberId)
        .where('role', '=', 'member')
        .where('scope_org_id', 'is not', null)
        .execute();
    }
  }
  if (memberId && movedFrom && route.kind === 'cross_tenant' && target) {
    await moveMemberGrant(
      trx,
      { tenantId: source.id, memberId: movedFrom },
      { tenantId: target.id, memberId },
    );
  }
  return { id: input.id, status: final, memberId };
}
