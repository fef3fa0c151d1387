/**
 * ORG-7 基层团建指导员 through the router, on the demo city: the city registers an instructor (phone
 * sealed, masked, audited reveal), records training and a login account, assigns branches of two
 * districts (one current instructor per branch, history kept), reads coverage from the rollups; the
 * instructor records visits only to their own branches; a visit becomes a 上级点 input of the branch's
 * health check (at once when the check is open, else 待计入 until the round opens); each district sees
 * only visits to its own branches — also when it queries the platform table itself (row-level security).
 */
import { type PlatformDatabase, type Tenant, withTenant } from '@tuanjian/db';
import { checklistItems, todayInShanghai } from '@tuanjian/domain';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshTenantRollups } from '../services/rollups';
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
let qilihe: Tenant;
const today = todayInShanghai();
const year = Number(today.slice(0, 4));

const as = async (username: string, tenantCode?: string) =>
  (await callerAs(database, username, tenantCode ? { tenantCode } : {})).caller;

async function activeBranches(t: Tenant) {
  return tenantTables(db, t)
    .selectFrom('organisations')
    .select(['id', 'name'])
    .where('kind', '=', 'branch')
    .where('status', '=', 'active')
    .orderBy('name')
    .execute();
}

beforeAll(async () => {
  database = await demoDatabase();
  db = database.db;
  chengguan = await tenantByCode(db, 'chengguan');
  qilihe = await tenantByCode(db, 'qilihe');
  await refreshTenantRollups(db, chengguan, year);
  await refreshTenantRollups(db, qilihe, year);
}, 600_000);

afterAll(async () => {
  await database?.close();
});

describe('instructors (ORG-7)', () => {
  let newId: string;
  let cgBranch: { id: string; name: string };
  let qlBranch: { id: string; name: string };

  it('registers an instructor: phone sealed at rest, masked in lists, full value only by an audited reveal', async () => {
    const city = await as('city.admin');
    const r = await city.instructors.create({
      name: '周建国',
      unit: '兰州市青年联合会',
      phone: '13912345678',
    });
    newId = r.id;
    const row = await db
      .selectFrom('platform.instructors')
      .selectAll()
      .where('id', '=', r.id)
      .executeTakeFirstOrThrow();
    expect(row.phone_masked).toBe('139****5678');
    expect(row.phone_sealed).not.toContain('13912345678');
    const listed = await city.instructors.list({ q: '周建国', page: 1, pageSize: 20 });
    expect(listed.items).toHaveLength(1);
    expect(JSON.stringify(listed)).not.toContain('13912345678');

    expect(await errorOf(city.instructors.revealPhone({ id: r.id, reason: '' }))).toMatchObject({
      code: 'BAD_REQUEST',
    });
    const shown = await city.instructors.revealPhone({ id: r.id, reason: '电话联系走访安排' });
    expect(shown.phone).toBe('13912345678');
    const audit = await db
      .selectFrom('platform.audit_log')
      .selectAll()
      .where('action', '=', 'instructors.revealPhone')
      .where('target_id', '=', r.id)
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0]?.detail)).toContain('电话联系走访安排');

    await city.instructors.addTraining({
      instructorId: r.id,
      trainedOn: `${year}-04-10`,
      course: '岗前培训',
      hours: 2.5,
    });
    expect(
      await errorOf(
        city.instructors.addTraining({
          instructorId: r.id,
          trainedOn: `${year}-04-10`,
          course: '岗前培训',
          hours: 0,
        }),
      ),
    ).toMatchObject({ code: 'BAD_REQUEST' });
    const got = await city.instructors.get({ id: r.id });
    expect(got.trainings).toEqual([
      { id: expect.any(String), trainedOn: `${year}-04-10`, course: '岗前培训', hours: 2.5 },
    ]);
    expect(got.trainingHours).toBe(2.5);

    const acc = await city.instructors.createAccount({ instructorId: r.id, username: 'zhou.instructor' });
    expect(acc.initialPassword).toHaveLength(12);
    const grant = await db
      .selectFrom('platform.grants')
      .select(['role'])
      .where('user_id', '=', acc.userId)
      .executeTakeFirstOrThrow();
    expect(grant.role).toBe('instructor');
    const user = await db
      .selectFrom('platform.users')
      .selectAll()
      .where('id', '=', acc.userId)
      .executeTakeFirstOrThrow();
    expect(user.must_change_password).toBe(true);

    // neither an instructor nor a district reaches the registry
    expect(await errorOf((await as('instructor')).instructors.list({ page: 1, pageSize: 20 }))).toMatchObject(
      {
        code: 'FORBIDDEN',
      },
    );
    expect(await errorOf((await as('chengguan.admin')).instructors.get({ id: r.id }))).toMatchObject({
      code: 'FORBIDDEN',
    });
  });

  it('assigns branches of two districts; one current instructor per branch, history kept; coverage from the rollups', async () => {
    const city = await as('city.admin');
    const before = await city.instructors.coverage({});
    const cgBefore = before.byTenant.find((t) => t.tenantId === chengguan.id);
    // denominator = active branches of the district (read here from its own schema)
    expect(cgBefore?.total).toBe((await activeBranches(chengguan)).length);

    const candidates = await city.instructors.branches({ tenantId: chengguan.id });
    const free = candidates.find((b) => b.currentInstructor === null);
    if (!free) throw new Error('no free branch');
    cgBranch = { id: free.orgId, name: free.orgName };
    const ql = (await city.instructors.branches({ tenantId: qilihe.id }))[0];
    if (!ql) throw new Error('no qilihe branch');
    qlBranch = { id: ql.orgId, name: ql.orgName };

    await city.instructors.assign({
      instructorId: newId,
      tenantId: chengguan.id,
      orgId: cgBranch.id,
      startsOn: `${year}-01-01`,
    });
    await city.instructors.assign({
      instructorId: newId,
      tenantId: qilihe.id,
      orgId: qlBranch.id,
      startsOn: `${year}-01-01`,
    });
    // a non-branch is refused
    const root = await tenantTables(db, chengguan)
      .selectFrom('organisations')
      .select('id')
      .where('parent_id', 'is', null)
      .executeTakeFirstOrThrow();
    expect(
      await errorOf(
        city.instructors.assign({
          instructorId: newId,
          tenantId: chengguan.id,
          orgId: root.id,
          startsOn: `${year}-01-01`,
        }),
      ),
    ).toMatchObject({ code: 'PRECONDITION_FAILED' });

    const after = await city.instructors.coverage({});
    const cgAfter = after.byTenant.find((t) => t.tenantId === chengguan.id);
    const qlBefore = before.byTenant.find((t) => t.tenantId === qilihe.id);
    const qlAfter = after.byTenant.find((t) => t.tenantId === qilihe.id);
    expect(cgAfter?.covered).toBe((cgBefore?.covered ?? 0) + 1);
    expect(qlAfter?.covered).toBe((qlBefore?.covered ?? 0) + 1);
    expect(after.total.covered).toBe(before.total.covered + 2);
    expect(after.bySector.reduce((a, s) => a + s.covered, 0)).toBe(after.total.covered);
    expect(after.bySector.reduce((a, s) => a + s.total, 0)).toBe(after.total.total);

    // the demo instructor takes over the 城关区 branch: the previous assignment ends the day before
    const demo = await db
      .selectFrom('platform.instructors')
      .select('id')
      .where('name', '=', '马晓东')
      .executeTakeFirstOrThrow();
    const r = await city.instructors.assign({
      instructorId: demo.id,
      tenantId: chengguan.id,
      orgId: cgBranch.id,
      startsOn: today,
    });
    expect(r.replaced).toBe('周建国');
    const history = await db
      .selectFrom('platform.instructor_assignments')
      .select(['instructor_name', 'ends_on'])
      .where('org_id', '=', cgBranch.id)
      .orderBy('created_at')
      .execute();
    expect(history.map((h) => [h.instructor_name, h.ends_on === null])).toEqual([
      ['周建国', false],
      ['马晓东', true],
    ]);
    const again = await city.instructors.coverage({});
    expect(again.byTenant.find((t) => t.tenantId === chengguan.id)?.covered).toBe(cgAfter?.covered);
  });

  it('an instructor records visits only to their own branches; the finding becomes 上级点 of the health check (待计入 until it opens)', async () => {
    const instructor = await as('instructor');
    const mine = await instructor.instructors.mine();
    const a = mine.assignments.find((x) => x.orgId === cgBranch.id && x.current);
    if (!a) throw new Error('assignment missing');
    const cl = await instructor.instructors.checklist({ assignmentId: a.id, year });
    const items = checklistItems(cl.checklist);
    const grades = {
      [items[0]!.key]: cl.checklist.grades[0]!.key,
      [items[1]!.key]: cl.checklist.grades[1]!.key,
    };

    // another instructor's branch (周建国 still has 七里河区)
    const other = await db
      .selectFrom('platform.instructor_assignments')
      .select('id')
      .where('org_id', '=', qlBranch.id)
      .where('ends_on', 'is', null)
      .executeTakeFirstOrThrow();
    expect(
      await errorOf(
        instructor.instructors.recordVisit({
          assignmentId: other.id,
          visitedOn: today,
          findings: '越权',
          grades,
        }),
      ),
    ).toMatchObject({ code: 'FORBIDDEN', message: '只能走访分配给您的团支部' });
    // before the assignment started (today) and in the future
    expect(
      await errorOf(
        instructor.instructors.recordVisit({
          assignmentId: a.id,
          visitedOn: `${year - 1}-12-31`,
          findings: '早',
          grades,
        }),
      ),
    ).toMatchObject({ code: 'FORBIDDEN' });
    expect(
      await errorOf(
        instructor.instructors.recordVisit({
          assignmentId: a.id,
          visitedOn: '2100-01-01',
          findings: '晚',
          grades,
        }),
      ),
    ).toMatchObject({ code: 'PRECONDITION_FAILED' });
    expect(
      await errorOf(
        instructor.instructors.recordVisit({
          assignmentId: a.id,
          visitedOn: today,
          findings: '无效',
          grades: { nope: 'x' },
        }),
      ),
    ).toMatchObject({ code: 'BAD_REQUEST' });
    expect(
      await db
        .selectFrom('platform.instructor_visits')
        .select('id')
        .where('findings', 'in', ['越权', '早', '晚', '无效'])
        .execute(),
    ).toEqual([]);

    // no health check of the year yet: kept as 待计入
    const checks = tenantTables(db, chengguan)
      .selectFrom('health_checks')
      .select(['id'])
      .where('org_id', '=', cgBranch.id)
      .where('year', '=', year);
    expect(await checks.execute()).toEqual([]);
    const v1 = await instructor.instructors.recordVisit({
      assignmentId: a.id,
      visitedOn: today,
      findings: '团员档案缺少入团志愿书两份',
      grades,
    });
    expect(v1.status).toBe('pending');
    const district = await as('chengguan.admin');
    const seen = await district.instructors.districtVisits({ year });
    expect(seen.find((v) => v.id === v1.id)?.statusLabel).toBe('待计入（本年度体检未开启）');

    // the district opens the round: the kept visit becomes a 上级点 input
    await district.rectification.openRound({ year });
    const check = await checks.executeTakeFirstOrThrow();
    const detail = await district.rectification.get({ id: check.id });
    const input = detail.inputs.find((i) => i.instructorVisitId === v1.id);
    expect(input?.source).toBe('superior');
    expect(input?.notes).toContain('团员档案缺少入团志愿书两份');
    expect(input?.notes).toContain('马晓东');
    expect(detail.scores.superior).toBe(input?.score);
    expect((await district.instructors.districtVisits({ year })).find((v) => v.id === v1.id)?.status).toBe(
      'applied',
    );

    // the district's own 上级点 stays beside it; the source score is their mean
    const own = await district.rectification.submit({
      healthCheckId: check.id,
      source: 'superior',
      grades: { [items[0]!.key]: cl.checklist.grades[0]!.key },
    });
    const both = await district.rectification.get({ id: check.id });
    const superior = both.inputs.filter((i) => i.source === 'superior');
    expect(superior).toHaveLength(2);
    expect(both.scores.superior).toBe(Math.round(((superior[0]!.score + superior[1]!.score) / 2) * 10) / 10);
    expect(own.id).toBe(check.id);

    // with the check open, the next visit counts at once
    const v2 = await instructor.instructors.recordVisit({
      assignmentId: a.id,
      visitedOn: today,
      findings: '三会两制一课记录已补齐',
      grades,
    });
    expect(v2.status).toBe('applied');
    expect(v2.healthCheckId).toBe(check.id);
    const three = await district.rectification.get({ id: check.id });
    expect(three.inputs.filter((i) => i.source === 'superior')).toHaveLength(3);
    expect((await instructor.instructors.myVisits({ year })).map((v) => v.id)).toEqual(
      expect.arrayContaining([v1.id, v2.id]),
    );
  });

  it('a district sees only visits to its own branches, also against the platform table itself', async () => {
    const instructor = await as('zhou.instructor').catch(() => null);
    expect(instructor).not.toBeNull(); // account exists (must change password first)
    // record a visit to the 七里河区 branch as 周建国 (password change is not part of this test)
    await db
      .updateTable('platform.users')
      .set({ must_change_password: false })
      .where('username', '=', 'zhou.instructor')
      .execute();
    const zhou = await as('zhou.instructor');
    const a = (await zhou.instructors.mine()).assignments.find((x) => x.orgId === qlBranch.id);
    if (!a) throw new Error('qilihe assignment missing');
    const cl = await zhou.instructors.checklist({ assignmentId: a.id, year });
    const item = checklistItems(cl.checklist)[0]!.key;
    const v = await zhou.instructors.recordVisit({
      assignmentId: a.id,
      visitedOn: today,
      findings: '七里河区团支部走访',
      grades: { [item]: cl.checklist.grades[0]!.key },
    });

    const cg = await (await as('chengguan.admin')).instructors.districtVisits({});
    const ql = await (await as('qilihe.admin')).instructors.districtVisits({});
    expect(cg.map((x) => x.id)).not.toContain(v.id);
    expect(cg.length).toBeGreaterThanOrEqual(2);
    expect(ql.map((x) => x.id)).toEqual([v.id]);
    expect(cg.every((x) => x.tenantId === chengguan.id)).toBe(true);
    const cgAssignments = await (await as('chengguan.admin')).instructors.districtAssignments();
    expect(cgAssignments.every((x) => x.orgName !== qlBranch.name || x.orgId !== qlBranch.id)).toBe(true);

    // under 七里河区's own role: the rows of 城关区 are invisible and cannot be changed
    await withTenant(db, qilihe, async (_tdb, trx) => {
      const rows = await sql<{ tenant_id: string }>`select tenant_id from platform.instructor_visits`.execute(
        trx,
      );
      expect(rows.rows.length).toBeGreaterThan(0);
      expect(rows.rows.every((r) => r.tenant_id === qilihe.id)).toBe(true);
      const upd =
        await sql`update platform.instructor_visits set applied_at = now(), health_check_id = gen_random_uuid()
        where tenant_id = ${chengguan.id}`.execute(trx);
      expect(Number(upd.numAffectedRows ?? 0)).toBe(0);
      const a2 = await sql<{ n: number }>`select count(*)::int as n from platform.instructor_assignments
        where tenant_id <> ${qilihe.id}`.execute(trx);
      expect(a2.rows[0]?.n).toBe(0);
    });
    // and the registry (phones) is not readable by a tenant role at all
    const denied = await withTenant(db, qilihe, (_tdb, trx) =>
      sql`select phone_masked from platform.instructors`.execute(trx),
    ).catch((e: Error) => e);
    expect(denied).toBeInstanceOf(Error);
    // nor can it write a visit
    const forged = await withTenant(db, qilihe, (_tdb, trx) =>
      sql`insert into platform.instructor_visits (instructor_id, instructor_name, assignment_id, tenant_id, org_id,
        org_name, visited_on, year, findings, grades) select instructor_id, instructor_name, id, tenant_id, org_id,
        org_name, current_date, ${year}, '伪造', '{}'::jsonb from platform.instructor_assignments limit 1`.execute(
        trx,
      ),
    ).catch((e: Error) => e);
    expect(forged).toBeInstanceOf(Error);
  });
});
