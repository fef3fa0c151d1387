/**
 * MEM-4: the one place where code touches two tenants in one transaction.
 *
 * `withTwoTenants(db, source, target, fn)` opens (or joins) a transaction and hands `fn` two
 * phases: `tx.source(f)` runs `f` after `SET LOCAL ROLE <source role>` with the source schema's
 * handle, `tx.target(f)` likewise for the target. A role may be switched within a transaction, so
 * every statement runs as the tenant whose schema it names — even this code cannot touch a third
 * tenant (or, inside a phase, the platform tables). The phases run one at a time.
 *
 * The transfer's routing row `platform.transfers` (ids + status) is read and written by the
 * session user only, through the functions below, before and after the tenant phases: it is the
 * row lock an accept, a return and a cancel of the same transfer all take first, so they serialise
 * and exactly one wins; the loser finds the new status and gives up.
 *
 * On Citus, a transaction that touches two tenant schemas on two nodes commits with two-phase
 * commit (`max_prepared_transactions` > 0), so the move stays atomic there too.
 */

import type { Selectable } from 'kysely';
import { type Kysely, sql, type Transaction } from 'kysely';
import type {
  Member,
  PlatformDatabase,
  PlatformTransfersTable,
  TransferKind,
  TransferStatus,
} from './schema';
import { type TenantQueryCreator, type TenantRef, TenantUnavailableError, tenantIdentifiers } from './tenant';

export type PlatformTransfer = Selectable<PlatformTransfersTable>;

export interface TwoTenantTx {
  /** Statements on the source schema, as the source tenant's role. */
  source<T>(fn: (tdb: TenantQueryCreator) => Promise<T>): Promise<T>;
  /** Statements on the target schema, as the target tenant's role. */
  target<T>(fn: (tdb: TenantQueryCreator) => Promise<T>): Promise<T>;
}

function checkActive(tenant: TenantRef): void {
  if (tenant.status !== undefined && tenant.status !== 'active') {
    throw new TenantUnavailableError(`单位${tenant.code ? `“${tenant.code}”` : ''}当前不可用`);
  }
}

/**
 * Runs `fn` with the two tenants' phases in one transaction. With a transaction handle (e.g. the
 * API's audited mutation), joins it and returns it to the session user's role afterwards.
 * `source` and `target` may be the same tenant (a transfer within a tenant).
 */
export async function withTwoTenants<T>(
  db: Kysely<PlatformDatabase>,
  source: TenantRef,
  target: TenantRef,
  fn: (tx: TwoTenantTx) => Promise<T>,
): Promise<T> {
  const s = tenantIdentifiers(source);
  const t = tenantIdentifiers(target);
  checkActive(source);
  checkActive(target);
  const run = async (trx: Kysely<PlatformDatabase>): Promise<T> => {
    let busy = false;
    const phase =
      (ids: { schema: string; role: string }) =>
      async <R>(f: (tdb: TenantQueryCreator) => Promise<R>): Promise<R> => {
        if (busy) throw new Error('withTwoTenants：两个租户的操作必须依次进行');
        busy = true;
        try {
          await sql`set local role ${sql.id(ids.role)}`.execute(trx);
          return await f(trx.withSchema(ids.schema) as unknown as TenantQueryCreator);
        } finally {
          busy = false;
        }
      };
    const result = await fn({ source: phase(s), target: phase(t) });
    await sql`set local role none`.execute(trx);
    return result;
  };
  if (db.isTransaction) return run(db);
  return db.transaction().execute((trx: Transaction<PlatformDatabase>) => run(trx));
}

// ---------------------------------------------------------------- routing row (session user)

export async function createTransferRoute(
  trx: Kysely<PlatformDatabase>,
  route: {
    id?: string;
    kind: TransferKind;
    sourceTenantId: string;
    targetTenantId: string | null;
    status: TransferStatus;
  },
): Promise<string> {
  const row = await trx
    .insertInto('platform.transfers')
    .values({
      ...(route.id ? { id: route.id } : {}),
      kind: route.kind,
      source_tenant_id: route.sourceTenantId,
      target_tenant_id: route.targetTenantId,
      status: route.status,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Locks the routing row for the rest of the transaction (`for update`). */
export async function lockTransferRoute(
  trx: Kysely<PlatformDatabase>,
  id: string,
): Promise<PlatformTransfer | undefined> {
  return trx.selectFrom('platform.transfers').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function setTransferRouteStatus(
  trx: Kysely<PlatformDatabase>,
  id: string,
  from: TransferStatus,
  to: TransferStatus,
): Promise<void> {
  const r = await trx
    .updateTable('platform.transfers')
    .set({ status: to, updated_at: new Date() as never })
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) throw new Error('转接状态已被他人修改');
}

/**
 * The member user's login follows the member: its grant moves to the receiving tenant and the
 * new member row (sessions acting under it follow). Session user, same transaction.
 */
export async function moveMemberGrant(
  trx: Kysely<PlatformDatabase>,
  from: { tenantId: string; memberId: string },
  to: { tenantId: string; memberId: string },
): Promise<number> {
  const r = await trx
    .updateTable('platform.grants')
    .set({ tenant_id: to.tenantId, member_id: to.memberId, scope_org_id: null })
    .where('tenant_id', '=', from.tenantId)
    .where('member_id', '=', from.memberId)
    .where('role', '=', 'member')
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

// ---------------------------------------------------------------- the move

/** Columns not copied when a member moves (identity, placement, state, 学社衔接 of the old place). */
const NOT_COPIED = new Set(['id', 'org_id', 'status', 'created_at', 'updated_at', 'graduation_year']);

export class MemberMoveError extends Error {
  constructor(
    message: string,
    readonly reason: 'not_active' | 'number_taken',
  ) {
    super(message);
    this.name = 'MemberMoveError';
  }
}

/**
 * Moves an active member from the source tenant to an organisation of the target tenant: the
 * source row becomes `transferred_out` (kept as history: dues, evaluations … stay where they
 * happened), the target gets the member as `active` — a new row, or the member's own earlier
 * `transferred_out` row (same 团员编号) brought back. Every archive column is copied (including
 * sealed personal data), so columns added by later migrations move too.
 * Returns the member's id in the target.
 */
export async function moveMemberAcrossTenants(
  tx: TwoTenantTx,
  opts: { memberId: string; targetOrgId: string; onBetweenHalves?: () => Promise<void> | void },
): Promise<{ targetMemberId: string; member: Member }> {
  const moved = await tx.source(async (tdb) => {
    const row = await tdb
      .updateTable('members')
      .set({ status: 'transferred_out', updated_at: new Date() as never })
      .where('id', '=', opts.memberId)
      .where('status', '=', 'active')
      .returningAll()
      .executeTakeFirst();
    if (!row) throw new MemberMoveError('该团员当前不是正常状态，不能转出', 'not_active');
    return row as unknown as Member;
  });
  await opts.onBetweenHalves?.();
  const copy: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(moved)) if (!NOT_COPIED.has(k)) copy[k] = v;
  const targetMemberId = await tx.target(async (tdb) => {
    if (moved.member_number) {
      const existing = await tdb
        .selectFrom('members')
        .select(['id', 'status'])
        .where('member_number', '=', moved.member_number)
        .forUpdate()
        .executeTakeFirst();
      if (existing && existing.status !== 'transferred_out') {
        throw new MemberMoveError(
          `接收单位已有团员编号为 ${moved.member_number} 的团员，不能重复接收`,
          'number_taken',
        );
      }
      if (existing) {
        await tdb
          .updateTable('members')
          .set({ ...copy, org_id: opts.targetOrgId, status: 'active', updated_at: new Date() as never })
          .where('id', '=', existing.id)
          .execute();
        return existing.id;
      }
    }
    const ins = await tdb
      .insertInto('members')
      .values({ ...(copy as object), org_id: opts.targetOrgId, status: 'active' } as never)
      .returning('id')
      .executeTakeFirstOrThrow();
    return ins.id;
  });
  return { targetMemberId, member: moved };
}
