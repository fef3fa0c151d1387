import type { PlatformDatabase, Tenant } from '@tuanjian/db';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  callerAs,
  demoDatabase,
  grantsOf,
  type TestDatabase,
  tenantByCode,
  tenantTables,
  userByName,
} from '../test/helpers';

let database: TestDatabase;
let db: Kysely<PlatformDatabase>;
let chengguan: Tenant;
let secretaryPath: string;

beforeAll(async () => {
  database = await demoDatabase();
  db = database.db;
  chengguan = await tenantByCode(db, 'chengguan');
  const grant = (await grantsOf(db, 'chengguan.secretary'))[0]!;
  const org = await tenantTables(db, chengguan)
    .selectFrom('organisations')
    .select('path')
    .where('id', '=', grant.scope_org_id!)
    .executeTakeFirstOrThrow();
  secretaryPath = org.path;
});

afterAll(async () => {
  await database?.close();
});

type Todos = Awaited<ReturnType<Awaited<ReturnType<typeof callerAs>>['caller']['todos']['list']>>;
const countOf = (todos: Todos, kind: string) => todos.find((t) => t.kind === kind)?.count ?? 0;

async function todosOf(username: string): Promise<Todos> {
  return (await callerAs(database, username)).caller.todos.list();
}

/** Active branch members and branches of 城关区, inside or outside the secretary's subtree. */
async function pick(inside: boolean) {
  const t = tenantTables(db, chengguan);
  const memberUser = (await grantsOf(db, 'chengguan.member'))[0]!;
  const branches = (
    await t.selectFrom('organisations').select(['id', 'path']).where('kind', '=', 'branch').execute()
  )
    .filter((b) => b.path.startsWith(secretaryPath) === inside)
    .sort((a, b) => a.id.localeCompare(b.id));
  const members = (
    await t
      .selectFrom('members as m')
      .innerJoin('organisations as o', 'o.id', 'm.org_id')
      .select(['m.id', 'm.org_id', 'o.path'])
      .where('m.status', '=', 'active')
      .where('o.kind', '=', 'branch')
      .where('m.member_number', 'is not', null)
      .where('m.id', '!=', memberUser.member_id)
      .execute()
  )
    .filter((m) => !m.path.startsWith(secretaryPath))
    .sort((a, b) => a.id.localeCompare(b.id));
  return { branches, members };
}

describe('todos.list (PLAT-3)', () => {
  it('district admin: every kind, counts, links to admin pages; a new proposal and transfer raise the counts', async () => {
    const before = await todosOf('chengguan.admin');
    expect(before.map((t) => t.kind)).toEqual([
      'proposals_pending',
      'proposals_approved',
      'development_waiting',
      'transfers_incoming',
      'transfers_escalated',
      'recommendations_approve',
      'inspection_findings',
      'corrections_waiting',
      'hearing_reports',
      'hearing_tasks',
      'lapse_undecided',
      'youth_study_missing',
      'dues_members_arrears',
      'research_returned',
    ]);
    for (const t of before) {
      expect(t.link).toMatch(/^\/[a-z-]+$/);
      expect(t.title).toMatch(/[\u4e00-\u9fa5]/);
      expect(typeof t.overdue).toBe('boolean');
    }
    expect(before.reduce((n, t) => n + t.count, 0)).toBeGreaterThan(0);
    // The demo seed has a 推优 waiting for approval and members who stopped paying dues.
    expect(countOf(before, 'recommendations_approve')).toBeGreaterThan(0);
    expect(countOf(before, 'lapse_undecided')).toBeGreaterThan(0);

    // One pending proposal.
    const admin = await userByName(db, 'chengguan.admin');
    const { branches: outside, members } = await pick(false);
    await tenantTables(db, chengguan)
      .insertInto('org_proposals')
      .values({
        kind: 'adjust',
        org_id: outside[0]!.id,
        target_org_id: null,
        new_name: '测试更名团支部',
        reason: '待办测试',
        effective_on: '2026-01-01',
        proposed_by: admin.id,
        proposed_by_name: '测试',
      })
      .execute();

    // One incoming transfer between two branches outside the secretary's subtree.
    const secretaryBefore = await todosOf('chengguan.secretary');
    const m = members[0]!;
    const target = outside.find((b) => b.id !== m.org_id)!;
    const cg = await callerAs(database, 'chengguan.admin');
    const started = await cg.caller.transfers.start({
      memberId: m.id,
      target: { type: 'internal', orgId: target.id },
    });
    expect(started.status).toBe('pending_target');

    // One development application (its next step, the talk, is the admin's).
    await cg.caller.development.submit({
      orgId: target.id,
      name: '待办测试',
      gender: 'female',
      birthDate: '2010-03-01',
    });

    const after = await todosOf('chengguan.admin');
    expect(countOf(after, 'development_waiting')).toBe(countOf(before, 'development_waiting') + 1);
    expect(countOf(after, 'proposals_pending')).toBe(countOf(before, 'proposals_pending') + 1);
    expect(after.find((t) => t.kind === 'proposals_pending')!.overdue).toBe(true);
    expect(countOf(after, 'transfers_incoming')).toBe(countOf(before, 'transfers_incoming') + 1);
    expect(after.find((t) => t.kind === 'transfers_incoming')!.link).toBe('/transfers');

    // The secretary's subtree did not change.
    const secretaryAfter = await todosOf('chengguan.secretary');
    expect(secretaryAfter).toEqual(secretaryBefore);
  });

  it('org_secretary: only its subtree, never the district-only proposals', async () => {
    const admin = await todosOf('chengguan.admin');
    const before = await todosOf('chengguan.secretary');
    const kinds = before.map((t) => t.kind);
    expect(kinds).not.toContain('proposals_pending');
    expect(kinds).toContain('transfers_incoming');
    for (const t of before) expect(t.count).toBeLessThanOrEqual(countOf(admin, t.kind));

    const { branches: inside, members } = await pick(true);
    const m = members[1]!;
    const cg = await callerAs(database, 'chengguan.admin');
    await cg.caller.transfers.start({ memberId: m.id, target: { type: 'internal', orgId: inside[0]!.id } });
    const after = await todosOf('chengguan.secretary');
    expect(countOf(after, 'transfers_incoming')).toBe(countOf(before, 'transfers_incoming') + 1);
    expect(countOf(await todosOf('chengguan.admin'), 'transfers_incoming')).toBe(
      countOf(admin, 'transfers_incoming') + 1,
    );
  });

  it('member: only own items (transfer in progress, unpaid dues months); committee user: research reports only', async () => {
    const mine = await todosOf('chengguan.member');
    expect(mine.map((t) => t.kind)).toEqual(['transfers_mine', 'dues_arrears', 'youth_study_missing']);
    expect(mine.map((t) => t.page)).toEqual([
      '/pages/transfer/mine/index',
      '/pages/dues/mine/index',
      '/pages/youth/study/index',
    ]);
    const member = (await callerAs(database, 'chengguan.member')).caller;
    const status = await member.dues.memberStatus({});
    expect(countOf(mine, 'dues_arrears')).toBe(status.arrearsMonths.length);
    expect(status.arrearsMonths.length).toBeGreaterThan(0);
    // The secretary records the oldest unpaid month: one to-do month less.
    const secretary = (await callerAs(database, 'chengguan.secretary')).caller;
    await secretary.dues.record({ memberIds: [status.member.id], months: [status.arrearsMonths[0]!] });
    expect(countOf(await todosOf('chengguan.member'), 'dues_arrears')).toBe(status.arrearsMonths.length - 1);
    // A committee chair: the research workflow only (COM-2).
    expect((await todosOf('enterprise.chair')).map((t) => t.kind)).toEqual([
      'research_to_assign',
      'research_to_review',
    ]);
  });

  it('every item names the mini-program page that handles it, or none (admin app only)', async () => {
    const items = await todosOf('chengguan.admin');
    const pages = Object.fromEntries(items.map((t) => [t.kind, t.page]));
    expect(pages).toMatchObject({
      proposals_pending: null,
      recommendations_approve: null,
      development_waiting: '/pages/development/review/index',
      transfers_incoming: '/pages/transfer/incoming/index',
      lapse_undecided: '/pages/dues/collect/index',
    });
  });
});

describe('待办事项 of 团市委 (todos.city)', () => {
  it('overdue hearing reports, answers to review, late findings, good practices — and they move with the work', async () => {
    const city = (await callerAs(database, 'city.admin')).caller;
    const count = (items: { kind: string; count: number }[], kind: string) =>
      items.find((t) => t.kind === kind)?.count ?? -1;
    const before = await city.todos.city();
    expect(before.map((t) => t.kind)).toEqual([
      'city_hearings_overdue',
      'city_findings_answered',
      'city_findings_overdue',
      'city_good_practices',
    ]);
    expect(before.map((t) => t.link)).toEqual([
      '/hearings',
      '/inspections',
      '/inspections',
      '/good-practices',
    ]);
    // The seeded hearing of last month: 七里河区 has not filed one report (overdue).
    expect(count(before, 'city_hearings_overdue')).toBeGreaterThanOrEqual(1);
    expect(before.find((t) => t.kind === 'city_hearings_overdue')?.overdue).toBe(true);

    // 城关区 answers an open finding: one more answer for the city to close or return.
    const cg = (await callerAs(database, 'chengguan.admin')).caller;
    const waiting = await cg.inspections.myFindings({ waiting: true });
    expect(waiting.length).toBeGreaterThan(0);
    await cg.inspections.answer({ id: waiting[0]!.id, body: '已召开支部团员大会并补齐记录。', fileIds: [] });
    const afterAnswer = await city.todos.city();
    expect(count(afterAnswer, 'city_findings_answered')).toBe(count(before, 'city_findings_answered') + 1);

    // 七里河区 files its missing report (late): no longer counted as missing.
    const ql = (await callerAs(database, 'qilihe.admin')).caller;
    const missing = (await ql.hearings.mine()).filter((s) => !s.report);
    expect(missing.length).toBeGreaterThan(0);
    await ql.hearings.fileReport({
      speakerId: missing[0]!.id,
      summary: '针对述职点评意见，制定整改措施如下。',
      tasks: [{ title: '规范支部团员大会记录', dueOn: '2099-12-31' }],
    });
    expect(count(await city.todos.city(), 'city_hearings_overdue')).toBe(
      count(before, 'city_hearings_overdue') - 1,
    );

    // Only 团市委 has this list; a district asking for it is refused in Chinese.
    await expect(cg.todos.city()).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: '仅团市委管理员可以进行此操作',
    });
  });
});
