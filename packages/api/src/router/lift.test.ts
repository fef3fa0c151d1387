/**
 * LIFT-1 through the API: the district dashboard (this year vs last year, from the rollups and the
 * live records), the citywide one for the city, the records (工作品牌, 团干部培训, 联系青年) within
 * scope, and the zombie-branch list with its export.
 */
import type { PlatformDatabase, Tenant } from '@tuanjian/db';
import { todayInShanghai } from '@tuanjian/domain';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshTenantRollups } from '../services/rollups';
import { readLedger } from '../test/excel';
import {
  callerAs,
  demoDatabase,
  errorOf,
  type TestDatabase,
  tenantByCode,
  tenantTables,
} from '../test/helpers';

let database: TestDatabase;
let db: Kysely<PlatformDatabase>;
let chengguan: Tenant;
const year = Number(todayInShanghai().slice(0, 4));

beforeAll(async () => {
  database = await demoDatabase();
  db = database.db;
  chengguan = await tenantByCode(db, 'chengguan');
  await refreshTenantRollups(db, chengguan);
  await refreshTenantRollups(db, await tenantByCode(db, 'qilihe'), year);
}, 900_000);
afterAll(async () => {
  await database?.close();
});

describe('dashboard', () => {
  it('district: this year and last year from the rollups and the records', async () => {
    const { caller } = await callerAs(database, 'chengguan.admin');
    const d = await caller.dashboard.tenant({ year });
    const t = await db
      .selectFrom('platform.tenant_rollups')
      .select('metrics')
      .where('tenant_id', '=', chengguan.id)
      .where('year', '=', year)
      .executeTakeFirstOrThrow();
    const m = t.metrics as {
      meetingsRate: number | null;
      memberCount: number;
      cadreStaffingRate: number | null;
    };
    expect(d.thisYear.headline.meetingsRate).toBe(m.meetingsRate);
    expect(d.thisYear.headline.memberCount).toBe(m.memberCount);
    expect(d.thisYear.headline.cadreStaffingRate).toBe(m.cadreStaffingRate);
    expect(d.lastYear.year).toBe(year - 1);
    expect(d.computedAt).not.toBeNull();
    expect(d.units.length).toBeGreaterThan(0);
    // seeded records
    const brands = await tenantTables(db, chengguan).selectFrom('brand_projects').select('year').execute();
    expect(brands.length).toBeGreaterThan(1);
    expect(d.thisYear.lift.brands.total).toBe(brands.filter((b) => b.year === year).length);
    expect(d.lastYear.lift.brands.total).toBe(brands.filter((b) => b.year === year - 1).length);
    expect(d.lastYear.lift.brands.total).toBeGreaterThan(0);
    expect(d.thisYear.lift.training.trained).toBeGreaterThan(0);
    expect(d.thisYear.lift.training.coverageRate).toBe(
      Math.round((d.thisYear.lift.training.trained * 1000) / d.thisYear.lift.training.leaders) / 10,
    );
    expect(d.thisYear.headline.contactRecords).toBeGreaterThan(0);
    const kpi = await caller.recommendations.kpi({ year });
    expect(d.thisYear.headline.tuiyouYoung).toBe(kpi.young);
  });

  it('a training recorded now counts after the next refresh; refusals are in Chinese', async () => {
    const { caller } = await callerAs(database, 'chengguan.admin');
    const leaders = await caller.lift.leaders();
    const before = await caller.dashboard.tenant({ year });
    const trainedIds = new Set(
      (await tenantTables(db, chengguan).selectFrom('cadre_trainings').select('leader_id').execute()).map(
        (r) => r.leader_id,
      ),
    );
    const fresh = leaders.find((l) => !trainedIds.has(l.id));
    expect(fresh).toBeDefined();
    await caller.lift.addTraining({
      leaderId: fresh!.id,
      kind: 'rotation',
      trainedOn: todayInShanghai(),
      hours: 4,
      topic: '任期轮训',
    });
    const after = await caller.dashboard.tenant({ year });
    expect(after.thisYear.lift.training.trained).toBe(before.thisYear.lift.training.trained + 1);
    const e = await errorOf(
      caller.lift.addTraining({
        leaderId: fresh!.id,
        kind: 'rotation',
        trainedOn: '2999-01-01',
        hours: 4,
        topic: 'x',
      }),
    );
    expect(e?.message).toContain('不能晚于今天');
    const c = await errorOf(
      caller.lift.addContact({ leaderId: fresh!.id, contactedOn: todayInShanghai(), youthCount: 0 }),
    );
    expect(c?.message).toContain('至少1人');
    await caller.lift.addContact({
      leaderId: fresh!.id,
      contactedOn: todayInShanghai(),
      youthCount: 5,
      notes: '座谈',
    });
    const list = await caller.lift.contacts({ year });
    expect(list.some((r) => r.youthCount === 5 && r.notes === '座谈')).toBe(true);
  });

  it('brand projects: register, edit, duplicates refused, secretaries see their subtree only', async () => {
    const admin = (await callerAs(database, 'chengguan.admin')).caller;
    const sec = (await callerAs(database, 'chengguan.secretary')).caller;
    const secTree = await sec.organisations.tree();
    const orgId = secTree[0]!.id;
    const r = await sec.lift.saveBrand({ orgId, year, name: '青年夜校', description: '', status: 'planned' });
    const dup = await errorOf(sec.lift.saveBrand({ orgId, year, name: '青年夜校', status: 'planned' }));
    expect(dup?.code).toBe('CONFLICT');
    await sec.lift.saveBrand({ id: r.id, orgId, year, name: '青年夜校', status: 'ongoing' });
    const mine = await sec.lift.brands({ year });
    expect(mine.map((b) => b.name)).toEqual(['青年夜校']);
    expect(mine[0]!.statusLabel).toBe('实施中');
    const seeded = await admin.lift.brands({ year: year - 1 });
    expect(seeded.length).toBeGreaterThan(0);
    const all = await admin.lift.brands({ year });
    expect(all.filter((b) => b.name === '青年夜校').length).toBe(1);
    expect(all.length).toBeGreaterThan(1);
    const other = seeded[0]!;
    expect(
      (
        await errorOf(
          sec.lift.saveBrand({ ...other, id: other.id, status: 'completed', evidenceFileIds: [] }),
        )
      )?.code,
    ).toBe('FORBIDDEN');
    const d = await sec.dashboard.tenant({ year });
    expect(d.scopeName).toBe(secTree[0]!.name);
    expect(d.thisYear.headline.brandProjects).toBe(1);
  });

  it('city: every district this year and last year from the rollups', async () => {
    const { caller } = await callerAs(database, 'city.admin');
    const c = await caller.dashboard.city({ year });
    expect(c.districts.length).toBe(10);
    const cg = c.districts.find((d) => d.code === 'chengguan')!;
    const own = await (await callerAs(database, 'chengguan.admin')).caller.dashboard.tenant({ year });
    expect(cg.thisYear?.meetingsRate).toBe(own.thisYear.headline.meetingsRate);
    expect(cg.thisYear?.memberCount).toBe(own.thisYear.headline.memberCount);
    expect(c.thisYear.districts).toBe(2);
    const member = (await callerAs(database, 'chengguan.member')).caller;
    expect((await errorOf(member.dashboard.tenant({ year })))?.code).toBe('FORBIDDEN');
    const district = (await callerAs(database, 'chengguan.admin')).caller;
    expect((await errorOf(district.dashboard.city({ year })))?.code).toBe('FORBIDDEN');
  });
});

describe('data quality: zombie branches', () => {
  it('lists branches without activity for N months and exports them', async () => {
    const { caller } = await callerAs(database, 'chengguan.admin');
    const tree = await caller.organisations.tree();
    const parent = tree[0]!;
    const quiet = await caller.organisations.create({
      parentId: parent.id,
      kind: 'branch',
      name: '测试沉寂团支部',
      foundedOn: '2015-03-01',
    });
    const young = await caller.organisations.create({
      parentId: parent.id,
      kind: 'branch',
      name: '测试新建团支部',
      foundedOn: todayInShanghai(),
    });
    const z = await caller.dataQuality.zombies();
    expect(z.rule.months).toBe(6);
    expect(z.items.some((i) => i.orgId === quiet.id)).toBe(true);
    expect(z.items.some((i) => i.orgId === young.id)).toBe(false);
    const file = await caller.dataQuality.zombiesExport();
    expect(file.rows).toBe(z.items.length);
    const sheet = await readLedger(file);
    expect(JSON.stringify(sheet)).toContain('测试沉寂团支部');
  });
});
