/**
 * The one search box through the API for every role (PGlite and PostgreSQL): members by name,
 * 团员编号 and the last digits of the 身份证号, organisations and handbook documents — never what
 * the acting grant may not see.
 */
import type { PlatformDatabase, Tenant } from '@tuanjian/db';
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

interface MemberRow {
  id: string;
  name: string;
  member_number: string | null;
  id_card_masked: string | null;
  org_path: string;
}
let inside: MemberRow; // in the 团总支 secretary's subtree
let outside: MemberRow; // elsewhere in 城关区
let self: MemberRow; // the demo member
let secretaryPath: string;

const as = async (username: string, tenantCode?: string) =>
  (await callerAs(database, username, tenantCode ? { tenantCode } : {})).caller;
const tail4 = (m: MemberRow) => m.id_card_masked!.slice(-4);

beforeAll(async () => {
  database = await demoDatabase();
  db = database.db;
  chengguan = await tenantByCode(db, 'chengguan');
  const t = tenantTables(db, chengguan);
  const scopeOrg = (await grantsOf(db, 'chengguan.secretary'))[0]!.scope_org_id!;
  secretaryPath = (
    await t.selectFrom('organisations').select('path').where('id', '=', scopeOrg).executeTakeFirstOrThrow()
  ).path;
  const rows = (await t
    .selectFrom('members as m')
    .innerJoin('organisations as o', 'o.id', 'm.org_id')
    .select(['m.id', 'm.name', 'm.member_number', 'm.id_card_masked', 'o.path as org_path'])
    .where('m.id_card_masked', 'is not', null)
    .where('m.member_number', 'is not', null)
    .where('m.status', '=', 'active')
    .orderBy('m.id')
    .execute()) as MemberRow[];
  inside = rows.find((r) => r.org_path.startsWith(secretaryPath))!;
  outside = rows.find((r) => !r.org_path.startsWith(secretaryPath))!;
  const selfId = (await grantsOf(db, 'chengguan.member'))[0]!.member_id!;
  self = (await t
    .selectFrom('members as m')
    .innerJoin('organisations as o', 'o.id', 'm.org_id')
    .select(['m.id', 'm.name', 'm.member_number', 'm.id_card_masked', 'o.path as org_path'])
    .where('m.id', '=', selfId)
    .executeTakeFirstOrThrow()) as MemberRow;
  expect(inside && outside && self).toBeTruthy();
}, 600_000);
afterAll(async () => {
  await database?.close();
});

const ids = (g: { items: { id: string }[] } | null) => (g?.items ?? []).map((x) => x.id);

describe('search.query per role', () => {
  it('district admin: the whole tenant — by name, 团员编号 and the last 4 ID digits; organisations; documents', async () => {
    const c = await as('chengguan.admin');
    expect(ids((await c.search.query({ q: outside.name })).members)).toContain(outside.id);
    expect(ids((await c.search.query({ q: outside.member_number! })).members)).toContain(outside.id);
    const byTail = await c.search.query({ q: tail4(outside) });
    expect(ids(byTail.members)).toContain(outside.id);
    const hit = byTail.members!.items.find((m) => m.id === outside.id)!;
    // Masked, never the full number.
    expect(hit.idCardMasked).toMatch(/\*{4,}/);
    const orgs = await c.search.query({ q: '第三十三中学' });
    expect(orgs.organisations!.items.length).toBeGreaterThan(0);
    expect(orgs.organisations!.items.every((o) => o.name.includes('第三十三中学'))).toBe(true);
    const docs = await c.search.query({ q: '团费' });
    expect(docs.documents.items[0]?.title).toBe('团费收缴工作规范');
  });

  it('org secretary: members and organisations of the subtree only', async () => {
    const c = await as('chengguan.secretary');
    expect(ids((await c.search.query({ q: inside.name })).members)).toContain(inside.id);
    expect(ids((await c.search.query({ q: tail4(inside) })).members)).toContain(inside.id);
    expect(ids((await c.search.query({ q: outside.name })).members)).not.toContain(outside.id);
    expect(ids((await c.search.query({ q: tail4(outside) })).members)).not.toContain(outside.id);
    expect(ids((await c.search.query({ q: outside.member_number! })).members)).not.toContain(outside.id);
    // Organisations outside the subtree (e.g. the district's root) never appear.
    const t = tenantTables(db, chengguan);
    const all = await t.selectFrom('organisations').select(['id', 'path', 'name']).execute();
    const foreign = all.find((o) => !o.path.startsWith(secretaryPath) && o.name.length >= 2)!;
    const r = await c.search.query({ q: foreign.name });
    expect(ids(r.organisations)).not.toContain(foreign.id);
    expect(r.organisations!.items.length).toBe(Math.min(8, r.organisations!.total));
    const own = await c.search.query({ q: '高一' });
    expect(own.organisations!.items.length).toBeGreaterThan(0);
  });

  it('member: only itself among members, no organisations, documents', async () => {
    const c = await as('chengguan.member');
    const r = await c.search.query({ q: self.name });
    expect(ids(r.members)).toEqual([self.id]);
    expect(r.organisations).toBeNull();
    expect(ids((await c.search.query({ q: tail4(self) })).members)).toEqual([self.id]);
    expect(ids((await c.search.query({ q: inside.name })).members)).not.toContain(inside.id);
    expect(ids((await c.search.query({ q: tail4(outside) })).members)).not.toContain(outside.id);
    expect((await c.search.query({ q: '推优' })).documents.items[0]?.title).toBe('推优入党工作流程');
  });

  it('committee roles: documents only, never members', async () => {
    for (const u of ['enterprise.chair', 'enterprise.member']) {
      const c = await as(u);
      const r = await c.search.query({ q: outside.name });
      expect(r.members, u).toBeNull();
      expect(r.organisations, u).toBeNull();
      expect((await c.search.query({ q: '三会两制一课' })).documents.items[0]?.title).toBe(
        '“三会两制一课”挂图',
      );
    }
  });

  it('another district: no member of 城关区', async () => {
    const c = await as('multi.admin', 'qilihe');
    expect(ids((await c.search.query({ q: outside.name })).members)).not.toContain(outside.id);
    expect(ids((await c.search.query({ q: tail4(outside) })).members)).not.toContain(outside.id);
  });

  it('city: documents and tenants, no members; the city cannot use the tenant search', async () => {
    const c = await as('city.admin');
    const r = await c.search.city({ q: '城关' });
    expect(r.tenants!.items.map((t) => t.name)).toContain(chengguan.name);
    expect(r.members).toBeNull();
    expect((await c.search.city({ q: '团费' })).documents.items[0]?.title).toBe('团费收缴工作规范');
    expect((await errorOf(c.search.query({ q: '团费' })))?.code).toBe('FORBIDDEN');
    const admin = await as('chengguan.admin');
    expect((await errorOf(admin.search.city({ q: '团费' })))?.code).toBe('FORBIDDEN');
    expect((await errorOf(admin.search.query({ q: '' })))?.message).toContain('请输入搜索内容');
  });
});
