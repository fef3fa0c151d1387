import type { PlatformDatabase } from '@tuanjian/db';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerAs, demoDatabase, errorOf, type TestDatabase } from '../test/helpers';

let database: TestDatabase;
let db: Kysely<PlatformDatabase>;

beforeAll(async () => {
  database = await demoDatabase();
  db = database.db;
}, 300_000);

afterAll(async () => {
  await database?.close();
});

describe('tenants', () => {
  it('city_admin lists every tenant: city, districts, committees', async () => {
    const { caller } = await callerAs(database, 'city.admin');
    const list = await caller.tenants.list();
    expect(list[0]!.kind).toBe('city');
    expect(list.filter((t) => t.kind === 'district')).toHaveLength(10);
    expect(list.filter((t) => t.kind === 'committee')).toHaveLength(5);
    expect(list.find((t) => t.code === 'chengguan')?.schemaName).toBe('t_chengguan');
  });

  it('city_admin provisions a district that is usable at once, audited', async () => {
    const { caller } = await callerAs(database, 'city.admin');
    const t = await caller.tenants.provision({ kind: 'district', code: 'demo_new', name: '测试新区团委' });
    expect(t).toMatchObject({
      kind: 'district',
      code: 'demo_new',
      status: 'active',
      schemaName: 't_demo_new',
    });
    const audit = await db
      .selectFrom('platform.audit_log')
      .selectAll()
      .where('action', '=', 'tenants.provision')
      .executeTakeFirstOrThrow();
    expect(audit.target_id).toBe(t.id);
    expect(
      await errorOf(caller.tenants.provision({ kind: 'district', code: 'demo_new', name: '另一个名字' })),
    ).toMatchObject({ code: 'CONFLICT' });
    expect(
      await errorOf(caller.tenants.provision({ kind: 'district', code: 'Bad Code', name: '坏代码区' })),
    ).toMatchObject({ code: 'BAD_REQUEST' });
    expect(
      await errorOf(
        caller.tenants.provision({ kind: 'city' as 'district', code: 'city2', name: '第二个市' }),
      ),
    ).toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('nobody else may list or provision', async () => {
    for (const u of ['inspector', 'chengguan.admin', 'multi.admin', 'enterprise.chair', 'chengguan.member']) {
      const { caller } = await callerAs(database, u);
      expect(await errorOf(caller.tenants.list()), u).toMatchObject({ code: 'FORBIDDEN' });
      expect(
        await errorOf(caller.tenants.provision({ kind: 'district', code: 'sneaky', name: '越权新建' })),
        u,
      ).toMatchObject({ code: 'FORBIDDEN' });
    }
  });
});
