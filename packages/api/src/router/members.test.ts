import type { Member, Organisation, PlatformDatabase, Tenant } from '@tuanjian/db';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  callerAs,
  demoDatabase,
  errorOf,
  grantsOf,
  type TestDatabase,
  tenantByCode,
  tenantTables,
} from '../test/helpers';

let database: TestDatabase;
let db: Kysely<PlatformDatabase>;
let chengguan: Tenant;
let orgs: Organisation[];
let members: (Member & { org_path: string })[];
let secretaryScope: Organisation;
let memberGrant: { member_id: string | null; scope_org_id: string | null };

beforeAll(async () => {
  database = await demoDatabase();
  db = database.db;
  chengguan = await tenantByCode(db, 'chengguan');
  const t = tenantTables(db, chengguan);
  orgs = await t.selectFrom('organisations').selectAll().orderBy('path').execute();
  members = await t
    .selectFrom('members as m')
    .innerJoin('organisations as o', 'o.id', 'm.org_id')
    .selectAll('m')
    .select('o.path as org_path')
    .execute();
  const g = (await grantsOf(db, 'chengguan.secretary'))[0]!;
  secretaryScope = orgs.find((o) => o.id === g.scope_org_id)!;
  memberGrant = (await grantsOf(db, 'chengguan.member'))[0]!;
}, 300_000);

afterAll(async () => {
  await database?.close();
});

describe('members.list', () => {
  it('district_admin: the whole tenant, paged, with a total', async () => {
    const { caller } = await callerAs(database, 'chengguan.admin');
    const page1 = await caller.members.list({ page: 1, pageSize: 10 });
    expect(page1.total).toBe(members.length);
    expect(page1.items).toHaveLength(Math.min(10, members.length));
    const page2 = await caller.members.list({ page: 2, pageSize: 10 });
    const ids1 = new Set(page1.items.map((m) => m.id));
    expect(page2.items.some((m) => ids1.has(m.id))).toBe(false);
    expect(page1.items[0]).toMatchObject({ orgName: expect.any(String), age: expect.any(Number) });
    // Defaults: page 1, 20 a page.
    const def = await caller.members.list({});
    expect(def).toMatchObject({ page: 1, pageSize: 20 });
  });

  it('search by name (contains) and by 团员编号 (prefix)', async () => {
    const { caller } = await callerAs(database, 'chengguan.admin');
    const sample = members.find((m) => m.member_number)!;
    const byName = await caller.members.list({ q: sample.name, pageSize: 100 });
    expect(byName.items.map((m) => m.id)).toContain(sample.id);
    expect(byName.items.every((m) => m.name.includes(sample.name))).toBe(true);
    const prefix = sample.member_number!.slice(0, 9);
    const byNumber = await caller.members.list({ q: prefix, pageSize: 200 });
    expect(byNumber.total).toBe(members.filter((m) => m.member_number?.startsWith(prefix)).length);
    expect(byNumber.items.every((m) => m.memberNumber?.startsWith(prefix))).toBe(true);
    const none = await caller.members.list({ q: '不存在的名字%_' });
    expect(none).toMatchObject({ total: 0, items: [] });
  });

  it('filter by organisation (its subtree) and by status', async () => {
    const { caller } = await callerAs(database, 'chengguan.admin');
    const res = await caller.members.list({ orgId: secretaryScope.id, pageSize: 200 });
    expect(res.total).toBe(members.filter((m) => m.org_path.startsWith(secretaryScope.path)).length);
    expect(res.total).toBeGreaterThan(0);
    const active = await caller.members.list({ status: 'active', pageSize: 1 });
    expect(active.total).toBe(members.filter((m) => m.status === 'active').length);
  });

  it('org_secretary: only its subtree; another organisation is FORBIDDEN_SCOPE', async () => {
    const { caller } = await callerAs(database, 'chengguan.secretary');
    const res = await caller.members.list({ pageSize: 200 });
    expect(res.total).toBe(members.filter((m) => m.org_path.startsWith(secretaryScope.path)).length);
    const inScope = new Set(
      members.filter((m) => m.org_path.startsWith(secretaryScope.path)).map((m) => m.id),
    );
    expect(res.items.every((m) => inScope.has(m.id))).toBe(true);
    const outside = orgs.find((o) => !o.path.startsWith(secretaryScope.path))!;
    expect(await errorOf(caller.members.list({ orgId: outside.id }))).toMatchObject({
      code: 'FORBIDDEN',
      appCode: 'FORBIDDEN_SCOPE',
    });
  });

  it('member: cannot list members', async () => {
    const { caller } = await callerAs(database, 'chengguan.member');
    const err = await errorOf(caller.members.list({}));
    expect(err).toMatchObject({ code: 'FORBIDDEN', appCode: 'FORBIDDEN_ROLE' });
    expect(err!.message).toContain('团员只能查看本人信息');
  });

  it('input validation: page size limit', async () => {
    const { caller } = await callerAs(database, 'chengguan.admin');
    expect((await errorOf(caller.members.list({ pageSize: 10_000 })))?.code).toBe('BAD_REQUEST');
  });
});

describe('members.get', () => {
  it('org_secretary: inside its subtree yes, outside FORBIDDEN_SCOPE', async () => {
    const { caller } = await callerAs(database, 'chengguan.secretary');
    const inside = members.find((m) => m.org_path.startsWith(secretaryScope.path))!;
    const outside = members.find((m) => !m.org_path.startsWith(secretaryScope.path))!;
    expect(await caller.members.get({ id: inside.id })).toMatchObject({ id: inside.id, name: inside.name });
    expect(await errorOf(caller.members.get({ id: outside.id }))).toMatchObject({
      appCode: 'FORBIDDEN_SCOPE',
    });
  });

  it('member: own record only', async () => {
    const { caller } = await callerAs(database, 'chengguan.member');
    const own = await caller.members.get({ id: memberGrant.member_id! });
    expect(own.id).toBe(memberGrant.member_id);
    const other =
      members.find((m) => m.id !== memberGrant.member_id && m.org_id === own.orgId) ?? members[0]!;
    expect(await errorOf(caller.members.get({ id: other.id }))).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('unknown id: NOT_FOUND', async () => {
    const { caller } = await callerAs(database, 'chengguan.admin');
    expect(await errorOf(caller.members.get({ id: crypto.randomUUID() }))).toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});

describe('home.summary', () => {
  it('member: own branch and profile, no list of others', async () => {
    const { caller } = await callerAs(database, 'chengguan.member');
    const home = await caller.home.summary();
    expect(home.me.user.username).toBe('chengguan.member');
    expect(home.profile?.id).toBe(memberGrant.member_id);
    expect(home.branch?.id).toBe(home.profile?.orgId);
    expect(home.members).toEqual([]);
  });

  it('branch secretary: the branch and its members', async () => {
    const { caller } = await callerAs(database, 'chengguan.branch');
    const home = await caller.home.summary();
    const g = (await grantsOf(db, 'chengguan.branch'))[0]!;
    const branch = orgs.find((o) => o.id === g.scope_org_id)!;
    expect(home.branch).toMatchObject({ id: branch.id, name: branch.name, kind: branch.kind });
    const expected = members.filter((m) => m.org_path.startsWith(branch.path) && m.status === 'active');
    expect(home.members.map((m) => m.id).sort()).toEqual(expected.map((m) => m.id).sort());
    expect(home.profile).toBeNull();
  });

  it('district_admin and committee users: no branch', async () => {
    for (const u of ['chengguan.admin', 'enterprise.chair']) {
      const { caller } = await callerAs(database, u);
      const home = await caller.home.summary();
      expect(home).toMatchObject({ branch: null, members: [], profile: null });
      expect(home.me.activeGrantId).toBeTruthy();
    }
  });
});
