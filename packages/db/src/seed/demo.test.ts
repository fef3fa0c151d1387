import { ageOn, isValidMemberNumber, SECTORS } from '@tuanjian/domain';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../password';
import type { Tenant } from '../schema';
import { withTenant } from '../tenant';
import { ENGINES, openDemo, openEmpty } from '../test-engines';
import type { DemoTestDatabase, TestDatabase } from '../testing';
import { DEMO_PASSWORD, demoAccounts, seedDemoCity, setupEmptyCity } from './demo';
import { DEMO_REFERENCE_DATE, generateDistrict } from './district';
import { DISTRICT_PLANS } from './plans';

describe('demo generator (pure)', () => {
  it('is deterministic', () => {
    const plan = DISTRICT_PLANS[0];
    if (!plan) throw new Error('no plan');
    const a = generateDistrict(plan, new Map());
    const b = generateDistrict(plan, new Map());
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });

  it('produces realistic trees and members in every district', () => {
    const counters = new Map<number, number>();
    const numbers = new Set<string>();
    for (const plan of DISTRICT_PLANS) {
      const d = generateDistrict(plan, counters);
      expect(d.members.length, plan.code).toBeGreaterThanOrEqual(300);
      expect(d.members.length, plan.code).toBeLessThanOrEqual(520);
      const byId = new Map(d.orgs.map((o) => [o.id, o]));
      for (const o of d.orgs) {
        if (o.parent_id) {
          const parent = byId.get(o.parent_id);
          expect(parent, o.name).toBeDefined();
          expect(o.path.startsWith(parent?.path ?? '?')).toBe(true);
        }
        if (o.sector) expect(SECTORS).toContain(o.sector);
        expect(o.name).toMatch(/(团委|团工委|团总支|团支部|团小组)$/);
      }
      const kinds = new Set(d.orgs.map((o) => o.kind));
      expect([...kinds].sort()).toEqual(
        expect.arrayContaining(['branch', 'general_branch', 'league_committee']),
      );
      for (const m of d.members) {
        const age = ageOn(m.birth_date, DEMO_REFERENCE_DATE);
        expect(age, `${m.name} ${m.birth_date}`).toBeGreaterThanOrEqual(14);
        expect(age).toBeLessThanOrEqual(28);
        expect(ageOn(m.birth_date, m.join_date)).toBeGreaterThanOrEqual(14);
        expect(m.join_date < DEMO_REFERENCE_DATE).toBe(true);
        expect(byId.get(m.org_id)?.kind).toBe('branch');
        if (m.member_number) {
          expect(isValidMemberNumber(m.member_number)).toBe(true);
          expect(m.member_number.slice(0, 4)).toBe(m.join_date.slice(0, 4));
          expect(m.member_number.slice(4, 6)).toBe('62');
          expect(numbers.has(m.member_number)).toBe(false);
          numbers.add(m.member_number);
        }
        expect(m.name).toMatch(/^[\u4e00-\u9fa5]{2,8}$/);
      }
      const han = d.members.filter((m) => m.ethnicity === '汉族').length / d.members.length;
      expect(han).toBeGreaterThan(0.75);
    }
  });
});

describe.each(ENGINES)('demo city on %s', (engine) => {
  let t: DemoTestDatabase;
  let tenants: Tenant[];
  beforeAll(async () => {
    t = await openDemo(engine);
    tenants = await t.db.selectFrom('platform.tenants').selectAll().orderBy('sort_order').execute();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('has the city, nine districts + 市直 and five committees, all active', () => {
    expect(tenants.map((x) => `${x.kind}:${x.code}`)).toEqual([
      'city:lanzhou',
      ...[
        'chengguan',
        'qilihe',
        'xigu',
        'anning',
        'honggu',
        'yongdeng',
        'gaolan',
        'yuzhong',
        'xinqu',
        'shizhi',
      ].map((c) => `district:${c}`),
      ...['school', 'enterprise', 'community', 'rural', 'grassroots'].map((c) => `committee:${c}`),
    ]);
    expect(tenants.every((x) => x.status === 'active')).toBe(true);
    expect(tenants.find((x) => x.code === 'lanzhou')?.name).toBe('兰州市团委');
    expect(tenants.find((x) => x.code === 'chengguan')?.name).toBe('城关区团委');
  });

  it('creates every demo account with the demo password and the agreed grants', async () => {
    expect(t.accounts).toEqual(demoAccounts());
    const users = await t.db
      .selectFrom('platform.users')
      .select(['username', 'password_hash', 'must_change_password'])
      .execute();
    expect(users.map((u) => u.username).sort()).toEqual(t.accounts.map((a) => a.username).sort());
    const hashes = new Set(users.map((u) => u.password_hash));
    expect(hashes.size).toBe(1); // hashed once, reused
    expect(await verifyPassword(users[0]?.password_hash ?? '', DEMO_PASSWORD)).toBe(true);

    const grants = await t.db
      .selectFrom('platform.grants as g')
      .innerJoin('platform.users as u', 'u.id', 'g.user_id')
      .innerJoin('platform.tenants as t', 't.id', 'g.tenant_id')
      .select(['u.username', 'g.role', 't.code', 'g.scope_org_id', 'g.member_id'])
      .execute();
    const summary = grants.map((g) => `${g.username}@${g.code}:${g.role}`).sort();
    expect(summary).toEqual(
      expect.arrayContaining([
        'city.admin@lanzhou:city_admin',
        'inspector@lanzhou:inspector',
        'instructor@lanzhou:instructor',
        'chengguan.admin@chengguan:district_admin',
        'shizhi.admin@shizhi:district_admin',
        'chengguan.secretary@chengguan:org_secretary',
        'chengguan.branch@chengguan:org_secretary',
        'chengguan.member@chengguan:member',
        'chengguan.member2@chengguan:member',
        'multi.admin@chengguan:district_admin',
        'multi.admin@qilihe:district_admin',
        'enterprise.chair@enterprise:committee_chair',
        'enterprise.member@enterprise:committee_member',
      ]),
    );
    expect(summary).toHaveLength(34);
    expect(summary).toEqual(
      expect.arrayContaining([
        'school.chair@school:committee_chair',
        'grassroots.member2@grassroots:committee_member',
      ]),
    );

    const cg = tenants.find((x) => x.code === 'chengguan') as Tenant;
    const sec = grants.find((g) => g.username === 'chengguan.secretary');
    const br = grants.find((g) => g.username === 'chengguan.branch');
    const mem = grants.find((g) => g.username === 'chengguan.member');
    const check = await withTenant(t.db, cg, async (tdb) => {
      const gb = await tdb
        .selectFrom('organisations')
        .selectAll()
        .where('id', '=', sec?.scope_org_id as string)
        .executeTakeFirstOrThrow();
      const branch = await tdb
        .selectFrom('organisations')
        .selectAll()
        .where('id', '=', br?.scope_org_id as string)
        .executeTakeFirstOrThrow();
      const member = await tdb
        .selectFrom('members')
        .selectAll()
        .where('id', '=', mem?.member_id as string)
        .executeTakeFirstOrThrow();
      return { gb, branch, member };
    });
    expect(check.gb.kind).toBe('general_branch');
    expect(check.branch.kind).toBe('branch');
    expect(check.branch.parent_id).toBe(check.gb.id);
    expect(check.member.org_id).toBe(check.branch.id);
    expect(mem?.scope_org_id).toBe(check.branch.id);
    const memberUser = await t.db
      .selectFrom('platform.users')
      .select('display_name')
      .where('username', '=', 'chengguan.member')
      .executeTakeFirstOrThrow();
    expect(memberUser.display_name).toBe(check.member.name);
  });

  it('fills each district with a tree and 300–500 members', async () => {
    for (const tenant of tenants.filter((x) => x.kind === 'district')) {
      const stats = await withTenant(t.db, tenant, async (tdb) => {
        const orgs = await tdb.selectFrom('organisations').select(['kind', 'name', 'parent_id']).execute();
        const members = await tdb
          .selectFrom('members')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow();
        return { orgs, members: Number(members.n) };
      });
      expect(stats.members, tenant.code).toBeGreaterThanOrEqual(300);
      expect(stats.members, tenant.code).toBeLessThanOrEqual(520);
      expect(stats.orgs.length).toBeGreaterThan(20);
      if (tenant.code !== 'shizhi') {
        const roots = stats.orgs.filter((o) => o.parent_id === null);
        expect(roots.map((r) => r.name)).toEqual([tenant.name]);
      }
    }
    const cg = tenants.find((x) => x.code === 'chengguan') as Tenant;
    const names = await withTenant(t.db, cg, (tdb) =>
      tdb.selectFrom('organisations').select('name').execute(),
    );
    expect(names.map((n) => n.name)).toEqual(
      expect.arrayContaining(['城关区团委', '兰州市第三十三中学团委', '城关区张掖路街道团工委']),
    );
    const gaolan = tenants.find((x) => x.code === 'gaolan') as Tenant;
    const gl = await withTenant(t.db, gaolan, (tdb) =>
      tdb.selectFrom('organisations').select('name').execute(),
    );
    expect(gl.map((n) => n.name)).toContain('皋兰县石洞镇团委');
  });

  it('gives committees a roster with one serving chair, members and alternates', async () => {
    for (const tenant of tenants.filter((x) => x.kind === 'committee')) {
      const roster = await withTenant(t.db, tenant, (tdb) =>
        tdb.selectFrom('committee_roster').selectAll().execute(),
      );
      expect(roster.filter((r) => r.position === 'chair' && r.status === 'serving')).toHaveLength(1);
      expect(roster.filter((r) => r.position === 'member').length).toBeGreaterThanOrEqual(6);
      expect(roster.filter((r) => r.position === 'alternate').length).toBeGreaterThanOrEqual(2);
    }
    const ent = tenants.find((x) => x.code === 'enterprise') as Tenant;
    const chair = await withTenant(t.db, ent, (tdb) =>
      tdb
        .selectFrom('committee_roster')
        .selectAll()
        .where('position', '=', 'chair')
        .executeTakeFirstOrThrow(),
    );
    const user = await t.db
      .selectFrom('platform.users')
      .select(['id', 'display_name'])
      .where('username', '=', 'enterprise.chair')
      .executeTakeFirstOrThrow();
    expect(chair.user_id).toBe(user.id);
    expect(chair.name).toBe(user.display_name);
  });

  it('seeds rule defaults and is idempotent', async () => {
    const rules = await t.db.selectFrom('platform.rules').select(['key', 'version']).execute();
    expect(rules.length).toBeGreaterThan(10);
    expect(rules.every((r) => r.version === 1)).toBe(true);
    const before = await sql<{ n: number }>`select count(*)::int as n from t_chengguan.members`.execute(t.db);
    const accounts = await seedDemoCity(t.db);
    expect(accounts).toEqual(t.accounts);
    const after = await sql<{ n: number }>`select count(*)::int as n from t_chengguan.members`.execute(t.db);
    expect(after.rows[0]?.n).toBe(before.rows[0]?.n);
  });
});

describe.each(ENGINES)('setupEmptyCity on %s', (engine) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openEmpty(engine);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('creates the city and an admin who must change the password; idempotent', async () => {
    expect(await setupEmptyCity(t.db, { adminPassword: 'First#Pass2026' })).toEqual({ created: true });
    const admin = await t.db
      .selectFrom('platform.users')
      .selectAll()
      .where('username', '=', 'admin')
      .executeTakeFirstOrThrow();
    expect(admin.must_change_password).toBe(true);
    expect(await verifyPassword(admin.password_hash, 'First#Pass2026')).toBe(true);
    const grants = await t.db
      .selectFrom('platform.grants as g')
      .innerJoin('platform.tenants as t', 't.id', 'g.tenant_id')
      .select(['g.role', 't.code', 't.kind'])
      .where('g.user_id', '=', admin.id)
      .execute();
    expect(grants).toEqual([{ role: 'city_admin', code: 'lanzhou', kind: 'city' }]);
    expect(await setupEmptyCity(t.db, { adminPassword: 'Other#Pass2026' })).toEqual({ created: false });
    const still = await t.db
      .selectFrom('platform.users')
      .select('password_hash')
      .where('username', '=', 'admin')
      .executeTakeFirstOrThrow();
    expect(still.password_hash).toBe(admin.password_hash);
    // A deployment set up for real is never demo-seeded afterwards.
    await seedDemoCity(t.db);
    const tenants = await t.db.selectFrom('platform.tenants').select('code').execute();
    expect(tenants.map((x) => x.code)).toEqual(['lanzhou']);
    await expect(setupEmptyCity(t.db, { adminPassword: 'short' })).rejects.toThrow(/至少/);
  });
});
