import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { provisionTenant } from './provision';
import type { PlatformDatabase, Tenant, TenantDatabase } from './schema';
import { withTenant } from './tenant';
import { ENGINES, openEmpty } from './test-engines';
import type { TestDatabase } from './testing';
import {
  createTransferRoute,
  lockTransferRoute,
  MemberMoveError,
  moveMemberAcrossTenants,
  setTransferRouteStatus,
  withTwoTenants,
} from './transfer';

const ORG_A = '0a0a0a0a-0000-4000-8000-00000000000a';
const ORG_B = '0b0b0b0b-0000-4000-8000-00000000000b';
const ORG_C = '0c0c0c0c-0000-4000-8000-00000000000c';
const NUMBER = '202462000123';

function direct(db: Kysely<PlatformDatabase>, tenant: Tenant) {
  return (db as unknown as Kysely<TenantDatabase>).withSchema(tenant.schema_name as string);
}

describe.each(ENGINES)('cross-tenant transfer on %s (MEM-4)', (engine) => {
  let t: TestDatabase;
  let a: Tenant;
  let b: Tenant;
  let c: Tenant;
  let memberId: string;

  async function activeCount(): Promise<number> {
    let n = 0;
    for (const x of [a, b]) {
      const r = await direct(t.db, x)
        .selectFrom('members')
        .select(sql<number>`count(*)::int`.as('n'))
        .where('member_number', '=', NUMBER)
        .where('status', '=', 'active')
        .executeTakeFirstOrThrow();
      n += r.n;
    }
    return n;
  }

  beforeAll(async () => {
    t = await openEmpty(engine);
    a = await provisionTenant(t.db, { kind: 'district', code: 'tr_a', name: '甲区团委' });
    b = await provisionTenant(t.db, { kind: 'district', code: 'tr_b', name: '乙区团委' });
    c = await provisionTenant(t.db, { kind: 'district', code: 'tr_c', name: '丙区团委' });
    for (const [tenant, id, name] of [
      [a, ORG_A, '甲区团委'],
      [b, ORG_B, '乙区团委'],
      [c, ORG_C, '丙区团委'],
    ] as const) {
      await withTenant(t.db, tenant, (tdb) =>
        tdb
          .insertInto('organisations')
          .values({ id, path: `/${id}/`, kind: 'league_committee', name })
          .execute(),
      );
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  beforeEach(async () => {
    // A fresh member in 甲 for every test; nothing of it in 乙.
    await direct(t.db, b).deleteFrom('members').execute();
    await direct(t.db, a).deleteFrom('members').execute();
    const m = await direct(t.db, a)
      .insertInto('members')
      .values({
        org_id: ORG_A,
        name: '张转接',
        gender: 'female',
        birth_date: '2003-05-17',
        member_number: NUMBER,
        graduation_year: 2026,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    memberId = m.id;
  });

  it('runs each phase as its own tenant role; neither can touch a third tenant', async () => {
    const users = await withTwoTenants(t.db, a, b, async (tx) => {
      const s = await tx.source(async (tdb) => {
        await tdb.selectFrom('members').select('id').execute();
        return (await sql<{ u: string }>`select current_user as u`.execute(tdb as never)).rows[0]?.u;
      });
      const g = await tx.target(
        async (tdb) => (await sql<{ u: string }>`select current_user as u`.execute(tdb as never)).rows[0]?.u,
      );
      return [s, g];
    });
    expect(users).toEqual([a.db_role, b.db_role]);

    for (const phase of ['source', 'target'] as const) {
      await expect(
        withTwoTenants(t.db, a, b, (tx) =>
          tx[phase]((tdb) =>
            sql`select count(*) from ${sql.id(c.schema_name as string, 'members')}`.execute(tdb as never),
          ),
        ),
      ).rejects.toThrow(/permission denied/);
      // Nor the platform tables.
      await expect(
        withTwoTenants(t.db, a, b, (tx) =>
          tx[phase]((tdb) => sql`select count(*) from platform.users`.execute(tdb as never)),
        ),
      ).rejects.toThrow(/permission denied/);
    }
    // The source phase cannot write the target's schema.
    await expect(
      withTwoTenants(t.db, a, b, (tx) =>
        tx.source((tdb) =>
          sql`delete from ${sql.id(b.schema_name as string, 'members')}`.execute(tdb as never),
        ),
      ),
    ).rejects.toThrow(/permission denied/);
  });

  it('moves the member: transferred_out in the source, active in the target, count 1', async () => {
    const r = await withTwoTenants(t.db, a, b, (tx) =>
      moveMemberAcrossTenants(tx, { memberId, targetOrgId: ORG_B }),
    );
    expect(await activeCount()).toBe(1);
    const src = await direct(t.db, a)
      .selectFrom('members')
      .selectAll()
      .where('id', '=', memberId)
      .executeTakeFirstOrThrow();
    expect(src.status).toBe('transferred_out');
    const dst = await direct(t.db, b)
      .selectFrom('members')
      .selectAll()
      .where('id', '=', r.targetMemberId)
      .executeTakeFirstOrThrow();
    expect(dst).toMatchObject({ org_id: ORG_B, status: 'active', name: '张转接', birth_date: '2003-05-17' });
    expect(dst.graduation_year).toBeNull();

    // And back again: the earlier row in 甲 (same number) is brought back, not duplicated.
    const back = await withTwoTenants(t.db, b, a, (tx) =>
      moveMemberAcrossTenants(tx, { memberId: r.targetMemberId, targetOrgId: ORG_A }),
    );
    expect(back.targetMemberId).toBe(memberId);
    expect(await activeCount()).toBe(1);
  });

  it('rolls both halves back when it crashes between them', async () => {
    await expect(
      withTwoTenants(t.db, a, b, (tx) =>
        moveMemberAcrossTenants(tx, {
          memberId,
          targetOrgId: ORG_B,
          onBetweenHalves: () => {
            throw new Error('injected crash');
          },
        }),
      ),
    ).rejects.toThrow('injected crash');
    expect(await activeCount()).toBe(1);
    const src = await direct(t.db, a)
      .selectFrom('members')
      .select('status')
      .where('id', '=', memberId)
      .executeTakeFirstOrThrow();
    expect(src.status).toBe('active');
    expect(await direct(t.db, b).selectFrom('members').select('id').execute()).toEqual([]);

    // A failure in the target half (an unknown organisation) rolls the source half back too.
    await expect(
      withTwoTenants(t.db, a, b, (tx) =>
        moveMemberAcrossTenants(tx, { memberId, targetOrgId: '0d0d0d0d-0000-4000-8000-00000000000d' }),
      ),
    ).rejects.toThrow();
    expect(await activeCount()).toBe(1);
  });

  it('two concurrent moves of one member: exactly one wins', async () => {
    const results = await Promise.allSettled([
      withTwoTenants(t.db, a, b, (tx) => moveMemberAcrossTenants(tx, { memberId, targetOrgId: ORG_B })),
      withTwoTenants(t.db, a, b, (tx) => moveMemberAcrossTenants(tx, { memberId, targetOrgId: ORG_B })),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const failed = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(failed.reason).toBeInstanceOf(MemberMoveError);
    expect(await activeCount()).toBe(1);
  });

  it('accept racing its own cancellation on the routing row: exactly one wins', async () => {
    for (let round = 0; round < 3; round++) {
      if (round > 0) {
        // Reset: the member back in 甲.
        await direct(t.db, b).deleteFrom('members').execute();
        await direct(t.db, a)
          .updateTable('members')
          .set({ status: 'active' })
          .where('id', '=', memberId)
          .execute();
      }
      const id = await createTransferRoute(t.db, {
        kind: 'cross_tenant',
        sourceTenantId: a.id,
        targetTenantId: b.id,
        status: 'pending_target',
      });
      const accept = t.db.transaction().execute(async (trx) => {
        const route = await lockTransferRoute(trx, id);
        if (route?.status !== 'pending_target') throw new Error('lost');
        await withTwoTenants(trx, a, b, (tx) =>
          moveMemberAcrossTenants(tx, { memberId, targetOrgId: ORG_B }),
        );
        await setTransferRouteStatus(trx, id, 'pending_target', 'completed');
        return 'accepted';
      });
      const cancel = t.db.transaction().execute(async (trx) => {
        const route = await lockTransferRoute(trx, id);
        if (route?.status !== 'pending_target') throw new Error('lost');
        await setTransferRouteStatus(trx, id, 'pending_target', 'cancelled');
        return 'cancelled';
      });
      const results = await Promise.allSettled(round % 2 ? [cancel, accept] : [accept, cancel]);
      const won = results.filter((r) => r.status === 'fulfilled');
      expect(won).toHaveLength(1);
      const route = await t.db
        .selectFrom('platform.transfers')
        .select('status')
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      const winner = (won[0] as PromiseFulfilledResult<string>).value;
      expect(route.status).toBe(winner === 'accepted' ? 'completed' : 'cancelled');
      expect(await activeCount()).toBe(1);
      const inB = await direct(t.db, b)
        .selectFrom('members')
        .select('id')
        .where('status', '=', 'active')
        .execute();
      expect(inB).toHaveLength(winner === 'accepted' ? 1 : 0);
    }
  });
});
