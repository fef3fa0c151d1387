/**
 * Rollups contract: refreshTenantRollups for the demo district gives the modules' own figures, holds
 * no personal data, and the database lets a committee role read only its sectors' rows and a
 * district role only its own tenant's rows.
 */
import { type PlatformDatabase, type Tenant, withTenant } from '@tuanjian/db';
import { todayInShanghai } from '@tuanjian/domain';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoDatabase, type TestDatabase, tenantByCode, tenantTables } from '../../test/helpers';
import { completeness } from '../archive';
import { collection } from '../dues/dues';
import { compliance } from '../meetings/compliance';
import type { TenantDb } from '../scope';
import { board } from '../theme-day/board';
import { districtAdminScope, type OrgMetrics, refreshTenantRollups, visibleOrgRollups } from './index';

let database: TestDatabase;
let db: Kysely<PlatformDatabase>;
let chengguan: Tenant;
let qilihe: Tenant;
const now = new Date();
const year = Number(todayInShanghai(now).slice(0, 4));

beforeAll(async () => {
  database = await demoDatabase();
  db = database.db;
  chengguan = await tenantByCode(db, 'chengguan');
  qilihe = await tenantByCode(db, 'qilihe');
  const t0 = Date.now();
  await refreshTenantRollups(db, chengguan, undefined, now);
  console.log(`refresh chengguan (2 years): ${Date.now() - t0} ms`);
  await refreshTenantRollups(db, qilihe, year, now);
}, 900_000);
afterAll(async () => {
  await database?.close();
});

async function rows(tenant: Tenant, y = year) {
  return db
    .selectFrom('platform.org_rollups')
    .selectAll()
    .where('tenant_id', '=', tenant.id)
    .where('year', '=', y)
    .execute();
}
const m = (r: { metrics: unknown }) => r.metrics as OrgMetrics;

describe('refreshTenantRollups', () => {
  it('writes every organisation for this year and last year, and tenant figures', async () => {
    const orgs = await tenantTables(db, chengguan).selectFrom('organisations').select('id').execute();
    expect((await rows(chengguan)).length).toBe(orgs.length);
    expect((await rows(chengguan, year - 1)).length).toBe(orgs.length);
    const t = await db
      .selectFrom('platform.tenant_rollups')
      .selectAll()
      .where('tenant_id', '=', chengguan.id)
      .execute();
    expect(t.map((x) => x.year).sort()).toEqual([year - 1, year]);
  });

  it('gives the figures of the modules’ own reports', async () => {
    const scope = districtAdminScope(chengguan);
    const [comp, dues, arch, b] = await withTenant(db, chengguan, async (tdb) => [
      await compliance(tdb as TenantDb, scope, { year }, now),
      await collection(tdb as TenantDb, scope, { year }, now),
      await completeness(tdb as TenantDb, scope, { page: 1, pageSize: 1 }),
      await board(tdb as TenantDb, scope, { month: todayInShanghai(now).slice(0, 7) }, now),
    ]);
    const byId = new Map((await rows(chengguan)).map((r) => [r.org_id, r]));
    let checked = 0;
    for (const br of comp.branches) {
      const r = byId.get(br.id);
      expect(r, br.name).toBeDefined();
      expect(m(r!).meetingsRate).toBe(br.permille === null ? null : br.permille / 10);
      checked++;
    }
    expect(checked).toBeGreaterThan(5);
    for (const d of dues.branches) {
      const r = byId.get(d.orgId);
      if (r?.org_kind === 'branch') expect(m(r).duesRate).toBe(d.permille === null ? null : d.permille / 10);
    }
    for (const a of arch.branches) {
      const r = byId.get(a.orgId);
      if (r?.org_kind === 'branch') expect(m(r).archiveCompleteRate).toBe(a.members ? a.rate : null);
    }
    // this month's complete theme days are counted in the branches' complete months
    for (const row of b.rows.filter((x) => x.completeness === 'complete')) {
      expect(m(byId.get(row.orgId)!).themeDayMonthsComplete).toBeGreaterThanOrEqual(1);
    }
    const t = await db
      .selectFrom('platform.tenant_rollups')
      .select('metrics')
      .where('tenant_id', '=', chengguan.id)
      .where('year', '=', year)
      .executeTakeFirstOrThrow();
    const tm = t.metrics as { meetingsRate: number | null; duesRate: number | null; memberCount: number };
    expect(tm.meetingsRate).toBe(comp.total.permille === null ? null : comp.total.permille / 10);
    expect(tm.duesRate).toBe(dues.total.permille === null ? null : dues.total.permille / 10);
    expect(tm.memberCount).toBe(arch.summary.members);
    // a top-level organisation's member count is its whole subtree
    const tops = [...byId.values()].filter((r) => r.parent_org_id === null);
    expect(tops.reduce((s, r) => s + r.member_count, 0)).toBe(arch.summary.members);
  });

  it('never holds personal data', async () => {
    const members = await tenantTables(db, chengguan)
      .selectFrom('members')
      .select(['id', 'name', 'id_card_masked', 'phone_masked', 'member_number'])
      .execute();
    expect(members.length).toBeGreaterThan(10);
    const all = await db.selectFrom('platform.org_rollups').selectAll().execute();
    const tenantRows = await db.selectFrom('platform.tenant_rollups').selectAll().execute();
    const text = JSON.stringify([all.map((r) => r.metrics), tenantRows.map((r) => r.metrics)]);
    for (const p of members) {
      // names of two or more characters; ids, masked ID numbers, phones, 团员编号
      if (p.name.length >= 2) expect(text).not.toContain(`"${p.name}"`);
      expect(text).not.toContain(p.id);
      if (p.id_card_masked) expect(text).not.toContain(p.id_card_masked);
      if (p.phone_masked) expect(text).not.toContain(p.phone_masked);
      if (p.member_number) expect(text).not.toContain(p.member_number);
    }
    expect(text).not.toMatch(/\d{17}[\dXx]/);
  });
});

describe('who may read rollups (row-level security)', () => {
  async function readAs(code: string) {
    const t = await tenantByCode(db, code);
    return withTenant(db, t, async (_tdb, trx) =>
      trx.selectFrom('platform.org_rollups').select(['tenant_id', 'sector', 'org_name']).execute(),
    );
  }

  it('a committee reads only the rows of its sectors', async () => {
    const all = await db.selectFrom('platform.org_rollups').select(['sector', 'org_name']).execute();
    const school = await readAs('school');
    const schoolSectors = ['university', 'vocational_school', 'high_school', 'middle_school'];
    expect(school.length).toBe(all.filter((r) => schoolSectors.includes(r.sector ?? '')).length);
    expect(school.length).toBeGreaterThan(0);
    expect(school.every((r) => schoolSectors.includes(r.sector ?? ''))).toBe(true);

    const enterprise = await readAs('enterprise');
    expect(
      enterprise.every((r) => ['state_enterprise', 'non_public_enterprise', 'internet'].includes(r.sector!)),
    ).toBe(true);
    const rural = await readAs('rural');
    expect(
      rural.every(
        (r) => r.sector === 'rural' || (r.sector === 'subdistrict_township' && /[乡镇]/.test(r.org_name)),
      ),
    ).toBe(true);
    const community = await readAs('community');
    expect(community.some((r) => r.sector === 'subdistrict_township' && /[乡镇]/.test(r.org_name))).toBe(
      false,
    );
    // the helper a committee procedure uses reads the same rows through the tenant handle
    const viaHelper = await withTenant(db, await tenantByCode(db, 'school'), (tdb) =>
      visibleOrgRollups(tdb as TenantDb, year),
    );
    const schoolThisYear = await db
      .selectFrom('platform.org_rollups')
      .select('org_id')
      .where('year', '=', year)
      .where('sector', 'in', schoolSectors)
      .execute();
    expect(viaHelper.length).toBe(schoolThisYear.length);
    const grassroots = await readAs('grassroots');
    expect(grassroots.length).toBe(all.filter((r) => r.sector !== null).length);
  });

  it('a district reads its own rows and nothing of another district; no tenant role may write', async () => {
    const own = await readAs('qilihe');
    expect(own.length).toBeGreaterThan(0);
    expect(own.every((r) => r.tenant_id === qilihe.id)).toBe(true);
    const tenants = await withTenant(db, qilihe, (_tdb, trx) =>
      trx.selectFrom('platform.tenant_rollups').select('tenant_id').execute(),
    );
    expect(tenants.every((r) => r.tenant_id === qilihe.id)).toBe(true);
    await expect(
      withTenant(db, qilihe, (_tdb, trx) =>
        trx
          .updateTable('platform.org_rollups')
          .set({ member_count: 0 })
          .where('tenant_id', '=', qilihe.id)
          .execute(),
      ),
    ).rejects.toThrow();
  });
});
