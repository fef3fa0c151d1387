import type { Organisation, PlatformDatabase, Tenant } from '@tuanjian/db';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrgTreeNode } from '../services/organisations';
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
/** chengguan.secretary's 团总支 and an organisation outside its subtree. */
let scopeOrg: Organisation;
let outside: Organisation;

const flatten = (nodes: OrgTreeNode[]): OrgTreeNode[] => nodes.flatMap((n) => [n, ...flatten(n.children)]);

beforeAll(async () => {
  database = await demoDatabase();
  db = database.db;
  chengguan = await tenantByCode(db, 'chengguan');
  orgs = await tenantTables(db, chengguan).selectFrom('organisations').selectAll().orderBy('path').execute();
  const grant = (await grantsOf(db, 'chengguan.secretary'))[0]!;
  scopeOrg = orgs.find((o) => o.id === grant.scope_org_id)!;
  outside = orgs.find((o) => !o.path.startsWith(scopeOrg.path) && o.kind === 'branch')!;
}, 300_000);

afterAll(async () => {
  await database?.close();
});

describe('organisations.tree', () => {
  it('district_admin sees the whole tenant with rolled-up member counts', async () => {
    const { caller } = await callerAs(database, 'chengguan.admin');
    const tree = await caller.organisations.tree();
    const all = flatten(tree);
    expect(all).toHaveLength(orgs.length);
    const active = await tenantTables(db, chengguan)
      .selectFrom('members')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', '=', 'active')
      .executeTakeFirstOrThrow();
    expect(tree.reduce((s, n) => s + n.memberCount, 0)).toBe(Number(active.n));
    for (const n of all) {
      expect(n.memberCount).toBe(n.directMemberCount + n.children.reduce((s, c) => s + c.memberCount, 0));
    }
  });

  it('org_secretary sees only its subtree, rooted at its organisation', async () => {
    expect(scopeOrg.kind).toBe('general_branch');
    const { caller } = await callerAs(database, 'chengguan.secretary');
    const tree = await caller.organisations.tree();
    expect(tree).toHaveLength(1);
    expect(tree[0]!.id).toBe(scopeOrg.id);
    const ids = new Set(flatten(tree).map((n) => n.id));
    expect(ids).toEqual(new Set(orgs.filter((o) => o.path.startsWith(scopeOrg.path)).map((o) => o.id)));
  });

  it('member: refused', async () => {
    const { caller } = await callerAs(database, 'chengguan.member');
    expect(await errorOf(caller.organisations.tree())).toMatchObject({
      code: 'FORBIDDEN',
      appCode: 'FORBIDDEN_ROLE',
    });
  });

  it('committee and city users: refused with a clear message', async () => {
    for (const username of ['enterprise.chair', 'enterprise.member', 'city.admin']) {
      const { caller } = await callerAs(database, username);
      const err = await errorOf(caller.organisations.tree());
      expect(err).toMatchObject({ code: 'FORBIDDEN', appCode: 'TENANT_KIND' });
      expect(err!.message).toMatch(/[\u4e00-\u9fff]/);
      expect(await errorOf(caller.members.list({}))).toMatchObject({
        code: 'FORBIDDEN',
        appCode: 'TENANT_KIND',
      });
    }
  });
});

describe('organisations.get', () => {
  it('inside scope: details with breadcrumbs from the scope root', async () => {
    const { caller } = await callerAs(database, 'chengguan.secretary');
    const child = orgs.find((o) => o.parent_id === scopeOrg.id)!;
    const detail = await caller.organisations.get({ id: child.id });
    expect(detail).toMatchObject({
      id: child.id,
      parentId: scopeOrg.id,
      parentName: scopeOrg.name,
      kind: child.kind,
    });
    expect(detail.breadcrumbs.map((b) => b.id)).toEqual([scopeOrg.id, child.id]);
  });

  it('org_secretary outside its subtree: FORBIDDEN_SCOPE; unknown id: NOT_FOUND', async () => {
    const { caller } = await callerAs(database, 'chengguan.secretary');
    expect(await errorOf(caller.organisations.get({ id: outside.id }))).toMatchObject({
      code: 'FORBIDDEN',
      appCode: 'FORBIDDEN_SCOPE',
    });
    const parent = orgs.find((o) => o.id === scopeOrg.parent_id)!;
    expect(await errorOf(caller.organisations.get({ id: parent.id }))).toMatchObject({
      appCode: 'FORBIDDEN_SCOPE',
    });
    expect(await errorOf(caller.organisations.get({ id: crypto.randomUUID() }))).toMatchObject({
      code: 'NOT_FOUND',
      appCode: 'NOT_FOUND',
    });
  });

  it('invalid id: BAD_REQUEST with a Chinese message', async () => {
    const { caller } = await callerAs(database, 'chengguan.admin');
    const err = await errorOf(caller.organisations.get({ id: 'abc' }));
    expect(err?.code).toBe('BAD_REQUEST');
  });
});

describe('organisations.create', () => {
  it('a branch under the secretary’s 团总支: path set, audited in the tenant', async () => {
    const { caller } = await callerAs(database, 'chengguan.secretary');
    const created = await caller.organisations.create({
      parentId: scopeOrg.id,
      kind: 'branch',
      name: '测试新团支部',
      foundedOn: '2024-05-04',
    });
    expect(created).toMatchObject({
      parentId: scopeOrg.id,
      kind: 'branch',
      name: '测试新团支部',
      status: 'active',
    });
    const row = await tenantTables(db, chengguan)
      .selectFrom('organisations')
      .selectAll()
      .where('id', '=', created.id)
      .executeTakeFirstOrThrow();
    expect(row.path).toBe(`${scopeOrg.path}${created.id}/`);
    expect(row.sector).toBe(scopeOrg.sector);
    const audit = await db
      .selectFrom('platform.audit_log')
      .selectAll()
      .where('action', '=', 'organisations.create')
      .where('target_id', '=', created.id)
      .executeTakeFirstOrThrow();
    expect(audit.tenant_id).toBe(chengguan.id);
    expect(audit.target_type).toBe('organisation');

    // …and a 团小组 under it.
    const group = await caller.organisations.create({
      parentId: created.id,
      kind: 'group',
      name: '第一团小组',
    });
    expect(group.breadcrumbs.map((b) => b.id)).toEqual([scopeOrg.id, created.id, group.id]);
  });

  it('kind hierarchy: no 团小组 under a 团总支, nothing under a 团小组, no 团支部 under a 团支部', async () => {
    const { caller } = await callerAs(database, 'chengguan.admin');
    const err = await errorOf(
      caller.organisations.create({ parentId: scopeOrg.id, kind: 'group', name: '错误团小组' }),
    );
    expect(err).toMatchObject({ code: 'BAD_REQUEST', appCode: 'INVALID_STATE' });
    expect(err!.message).toContain('团总支下不能设立团小组');
    const branch = orgs.find((o) => o.kind === 'branch')!;
    expect(
      await errorOf(caller.organisations.create({ parentId: branch.id, kind: 'branch', name: '错误团支部' })),
    ).toMatchObject({ appCode: 'INVALID_STATE' });
    const group = orgs.find((o) => o.kind === 'group');
    if (group) {
      const e = await errorOf(
        caller.organisations.create({ parentId: group.id, kind: 'group', name: '错误团小组' }),
      );
      expect(e?.message).toContain('团小组下不能再设立下级组织');
    }
  });

  it('outside the secretary’s subtree: FORBIDDEN_SCOPE; a root: district_admin only', async () => {
    const { caller } = await callerAs(database, 'chengguan.secretary');
    expect(
      await errorOf(caller.organisations.create({ parentId: outside.id, kind: 'group', name: '越权团小组' })),
    ).toMatchObject({ code: 'FORBIDDEN', appCode: 'FORBIDDEN_SCOPE' });
    expect(
      await errorOf(
        caller.organisations.create({ parentId: null, kind: 'league_committee', name: '越权团委' }),
      ),
    ).toMatchObject({ code: 'FORBIDDEN' });
    const admin = await callerAs(database, 'chengguan.admin');
    const root = await admin.caller.organisations.create({
      parentId: null,
      kind: 'league_committee',
      name: '测试顶级团委',
    });
    expect(root.parentId).toBeNull();
    expect(
      await errorOf(
        admin.caller.organisations.create({ parentId: null, kind: 'branch', name: '顶级团支部' }),
      ),
    ).toMatchObject({ appCode: 'INVALID_STATE' });
  });

  it('a parent from another tenant does not exist here', async () => {
    const xigu = await tenantByCode(db, 'xigu');
    const foreign = await tenantTables(db, xigu)
      .selectFrom('organisations')
      .select('id')
      .executeTakeFirstOrThrow();
    const { caller } = await callerAs(database, 'chengguan.admin');
    expect(
      await errorOf(
        caller.organisations.create({ parentId: foreign.id, kind: 'branch', name: '跨区团支部' }),
      ),
    ).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('duplicate sibling name: CONFLICT; founding date in the future or invalid: BAD_REQUEST', async () => {
    const { caller } = await callerAs(database, 'chengguan.admin');
    const sibling = orgs.find((o) => o.parent_id === scopeOrg.id)!;
    expect(
      await errorOf(
        caller.organisations.create({ parentId: scopeOrg.id, kind: 'branch', name: sibling.name }),
      ),
    ).toMatchObject({ code: 'CONFLICT' });
    expect(
      await errorOf(
        caller.organisations.create({
          parentId: scopeOrg.id,
          kind: 'branch',
          name: '未来团支部',
          foundedOn: '2999-01-01',
        }),
      ),
    ).toMatchObject({ code: 'BAD_REQUEST' });
    expect(
      await errorOf(
        caller.organisations.create({
          parentId: scopeOrg.id,
          kind: 'branch',
          name: '日期团支部',
          foundedOn: '2024-02-30',
        }),
      ),
    ).toMatchObject({ code: 'BAD_REQUEST' });
  });
});

describe('organisations.update', () => {
  it('renames inside scope and audits the change', async () => {
    const { caller } = await callerAs(database, 'chengguan.secretary');
    const child = orgs.find((o) => o.parent_id === scopeOrg.id && o.status === 'active')!;
    const updated = await caller.organisations.update({
      id: child.id,
      name: '改名后的团支部',
      address: '兰州市城关区',
    });
    expect(updated).toMatchObject({ name: '改名后的团支部', address: '兰州市城关区' });
    const audit = await db
      .selectFrom('platform.audit_log')
      .selectAll()
      .where('action', '=', 'organisations.update')
      .where('target_id', '=', child.id)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(audit.detail)).toContain('改名后的团支部');
  });

  it('outside scope refused; unknown id NOT_FOUND; nothing changed', async () => {
    const { caller } = await callerAs(database, 'chengguan.branch');
    const branchGrant = (await grantsOf(db, 'chengguan.branch'))[0]!;
    const branch = orgs.find((o) => o.id === branchGrant.scope_org_id)!;
    const outside = orgs.find((o) => !o.path.startsWith(branch.path))!;
    expect(await errorOf(caller.organisations.update({ id: outside.id, name: '越权改名' }))).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(
      await errorOf(caller.organisations.update({ id: crypto.randomUUID(), name: '不存在' })),
    ).toMatchObject({
      code: 'NOT_FOUND',
    });
    const row = await tenantTables(db, chengguan)
      .selectFrom('organisations')
      .select('name')
      .where('id', '=', outside.id)
      .executeTakeFirstOrThrow();
    expect(row.name).toBe(outside.name);
  });
});
