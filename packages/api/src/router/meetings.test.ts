import type { PlatformDatabase, Tenant } from '@tuanjian/db';
import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  callerWith,
  demoDatabase,
  errorOf,
  grantsOf,
  sessionFor,
  type TestDatabase,
  tenantByCode,
  tenantTables,
} from '../test/helpers';

// A fixed clock: 15 May 2026 in Shanghai — Q1 is over, Q2 is open.
const NOW = () => new Date('2026-05-15T04:00:00Z');

let database: TestDatabase;
let db: Kysely<PlatformDatabase>;
let chengguan: Tenant;
let branchId: string;
let demoMemberId: string;

async function as(username: string, tenantCode?: string) {
  const token = await sessionFor(db, username, tenantCode ? { tenantCode } : {});
  return callerWith(database, { token, now: NOW }).caller;
}

beforeAll(async () => {
  database = await demoDatabase();
  db = database.db;
  chengguan = await tenantByCode(db, 'chengguan');
  const g = (await grantsOf(db, 'chengguan.member'))[0]!;
  branchId = g.scope_org_id!;
  demoMemberId = g.member_id!;
}, 300_000);

afterAll(async () => {
  await database?.close();
});

const general = (presentMemberIds: string[], heldOn: string) => ({
  orgId: branchId,
  kind: 'general_meeting' as const,
  heldOn,
  topic: '学习团章，讨论发展团员',
  location: '团支部活动室',
  minutes: '到会团员逐条学习团章。',
  presentMemberIds,
  photoIds: [],
});

describe('meetings: records, quorum, calendar and rates (LIFE-1)', () => {
  it('the branch secretary gets the roster with the quorum in force', async () => {
    const caller = await as('chengguan.branch');
    const r = await caller.meetings.roster({ orgId: branchId });
    expect(r.branch.id).toBe(branchId);
    expect(r.members.length).toBeGreaterThanOrEqual(2);
    expect(r.members.some((m) => m.id === demoMemberId)).toBe(true);
    expect(r.quorum.fraction).toBe(0.5);
    expect(r.quorum.needed).toBe(Math.floor(r.members.length / 2) + 1);
    expect(r.quorum.source).toContain('中青发〔2017〕5号');
  });

  it('exactly half present: recorded, flagged 未达法定人数, does not count; one more: counts and the quarter is met', async () => {
    const caller = await as('chengguan.branch');
    const { members } = await caller.meetings.roster({ orgId: branchId });
    const ids = members.map((m) => m.id);
    const before = await caller.meetings.calendar({ orgId: branchId, year: 2026 });
    const q1Before = before.rows.find((r) => r.kind === 'general_meeting')!.cells[0]!;

    // An even roster gives "exactly half"; an odd one the largest minority.
    const half = ids.slice(0, Math.floor(ids.length / 2));
    const low = await caller.meetings.create(general(half, '2026-02-10'));
    expect(low).toMatchObject({
      quorumMet: false,
      counts: false,
      entitledCount: ids.length,
      presentCount: half.length,
    });
    expect(low.flag).toContain('未达法定人数');
    expect(low.attendance).toHaveLength(ids.length);
    const mid = await caller.meetings.calendar({ orgId: branchId, year: 2026 });
    const q1 = mid.rows.find((r) => r.kind === 'general_meeting')!.cells[0]!;
    expect(q1.notCounted).toBe(q1Before.notCounted + 1);
    expect(q1.count).toBe(q1Before.count);

    const enough = ids.slice(0, Math.floor(ids.length / 2) + 1);
    const ok = await caller.meetings.create(general(enough, '2026-03-31'));
    expect(ok).toMatchObject({ quorumMet: true, counts: true, flag: null });
    const after = await caller.meetings.calendar({ orgId: branchId, year: 2026 });
    const gm = after.rows.find((r) => r.kind === 'general_meeting')!;
    expect(gm.cells[0]).toMatchObject({ key: '2026-Q1', status: 'met' });
    expect(gm.cells[1]!.status === 'upcoming' || gm.cells[1]!.status === 'met').toBe(true);

    // Editing the low meeting to a quorate attendance makes it count.
    const fixed = await caller.meetings.update({ ...general(enough, '2026-02-10'), id: low.id });
    expect(fixed).toMatchObject({ quorumMet: true, counts: true, entitledCount: ids.length });
  });

  it('refuses a future date, a member of another branch and files of no one, with Chinese messages', async () => {
    const caller = await as('chengguan.branch');
    const future = await errorOf(caller.meetings.create(general([], '2026-05-16')));
    expect(future).toMatchObject({ code: 'PRECONDITION_FAILED', message: '会议日期不能晚于今天' });
    const t = tenantTables(db, chengguan);
    const stranger = await t
      .selectFrom('members')
      .select('id')
      .where('org_id', '!=', branchId)
      .where('status', '=', 'active')
      .executeTakeFirstOrThrow();
    const foreign = await errorOf(caller.meetings.create(general([stranger.id], '2026-05-01')));
    expect(foreign?.message).toContain('不属于该团支部');
    const photo = await errorOf(
      caller.meetings.create({ ...general([], '2026-05-01'), photoIds: [crypto.randomUUID()] }),
    );
    expect(photo).toMatchObject({ code: 'BAD_REQUEST', message: '附件不存在或无权使用' });
  });

  it('keeps photos of this tenant and credits a 团课 to the activists of the branch', async () => {
    const caller = await as('chengguan.branch');
    const t = tenantTables(db, chengguan);
    const user = await db
      .selectFrom('platform.users')
      .select('id')
      .where('username', '=', 'chengguan.branch')
      .executeTakeFirstOrThrow();
    const file = await t
      .insertInto('files')
      .values({
        org_id: branchId,
        uploaded_by: user.id,
        kind: 'image',
        mime: 'image/jpeg',
        size_bytes: 1234,
        original_name: '团课.jpg',
        storage_key: `test/${crypto.randomUUID()}`,
        thumb_key: null,
        width: 800,
        height: 600,
        sha256: '0'.repeat(64),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const app = await t
      .insertInto('development_applications')
      .values({
        org_id: branchId,
        name: '李积极',
        gender: 'female',
        birth_date: '2010-03-01',
        applied_on: '2025-12-01',
        talk_on: '2025-12-10',
        activist_on: '2026-01-05',
        stage: 'activist',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const roster = await caller.meetings.roster({ orgId: branchId });
    expect(roster.lessonCandidates.map((c) => c.applicationId)).toContain(app.id);
    const lesson = await caller.meetings.create({
      orgId: branchId,
      kind: 'league_lesson',
      heldOn: '2026-04-20',
      topic: '团的基本知识',
      durationMinutes: 90,
      presentMemberIds: [demoMemberId],
      photoIds: [file.id],
      lessonApplicationIds: [app.id],
    });
    expect(lesson.photos).toHaveLength(1);
    expect(lesson.photos[0]!.id).toBe(file.id);
    expect(lesson.photos[0]!.url.startsWith(`/api/files/${file.id}`)).toBe(true);
    expect(lesson.photos[0]!.thumbUrl.startsWith(`/api/files/${file.id}/thumb`)).toBe(true);
    expect(lesson.lessonCredits).toEqual([{ applicationId: app.id, name: '李积极', minutes: 90 }]);
    const credited = await t
      .selectFrom('development_lessons')
      .selectAll()
      .where('meeting_id', '=', lesson.id)
      .execute();
    expect(credited).toHaveLength(1);
    expect(credited[0]).toMatchObject({ application_id: app.id, minutes: 90, held_on: '2026-04-20' });
    // An edit re-credits (no doubles); a lesson before the person became an activist is refused.
    await caller.meetings.update({
      id: lesson.id,
      kind: 'league_lesson',
      heldOn: '2026-04-20',
      topic: '团的基本知识',
      durationMinutes: 120,
      presentMemberIds: [demoMemberId],
      photoIds: [file.id],
      lessonApplicationIds: [app.id],
    });
    const again = await t
      .selectFrom('development_lessons')
      .selectAll()
      .where('meeting_id', '=', lesson.id)
      .execute();
    expect(again.map((x) => x.minutes)).toEqual([120]);
    const early = await errorOf(
      caller.meetings.create({
        orgId: branchId,
        kind: 'league_lesson',
        heldOn: '2026-01-02',
        topic: '早于积极分子',
        durationMinutes: 60,
        presentMemberIds: [],
        photoIds: [],
        lessonApplicationIds: [app.id],
      }),
    );
    expect(early?.message).toContain('晚于本次团课');
    // nothing of the refused lesson was kept
    const lessons = await caller.meetings.list({ kind: 'league_lesson', q: '早于积极分子' });
    expect(lessons.total).toBe(0);
  });

  it('a member reads its own branch and only its own attendance; cannot record or read other branches', async () => {
    const member = await as('chengguan.member');
    const list = await member.meetings.list({});
    expect(list.total).toBeGreaterThanOrEqual(2);
    expect(list.items.every((i) => i.orgId === branchId)).toBe(true);
    const detail = await member.meetings.get({ id: list.items[0]!.id });
    expect(detail.attendance.every((a) => a.memberId === demoMemberId)).toBe(true);
    expect(detail.canEdit).toBe(false);
    const create = await errorOf(member.meetings.create(general([], '2026-05-01')));
    expect(create).toMatchObject({ code: 'FORBIDDEN', appCode: 'FORBIDDEN_ROLE' });
    const roster = await errorOf(member.meetings.roster({ orgId: branchId }));
    expect(roster?.appCode).toBe('FORBIDDEN_ROLE');
    const cal = await member.meetings.calendar({ year: 2026 });
    expect(cal.branch.id).toBe(branchId);
    const t = tenantTables(db, chengguan);
    const other = await t
      .selectFrom('organisations')
      .select('id')
      .where('kind', '=', 'branch')
      .where('id', '!=', branchId)
      .executeTakeFirstOrThrow();
    const otherCal = await errorOf(member.meetings.calendar({ orgId: other.id, year: 2026 }));
    expect(otherCal?.appCode).toBe('FORBIDDEN_SCOPE');
    const rates = await errorOf(member.meetings.compliance({ year: 2026 }));
    expect(rates?.appCode).toBe('FORBIDDEN_ROLE');
  });

  it('a secretary cannot record outside its subtree; another district sees nothing', async () => {
    const caller = await as('chengguan.branch');
    const t = tenantTables(db, chengguan);
    const branch = await t
      .selectFrom('organisations')
      .select(['path'])
      .where('id', '=', branchId)
      .executeTakeFirstOrThrow();
    const outside = await t
      .selectFrom('organisations')
      .select('id')
      .where('kind', '=', 'branch')
      .where('path', 'not like', `${branch.path}%`)
      .executeTakeFirstOrThrow();
    const e = await errorOf(caller.meetings.create({ ...general([], '2026-05-01'), orgId: outside.id }));
    expect(e?.appCode).toBe('FORBIDDEN_SCOPE');
    const ours = await caller.meetings.list({});
    const qilihe = await as('qilihe.admin');
    const none = await errorOf(qilihe.meetings.get({ id: ours.items[0]!.id }));
    expect(none?.code).toBe('NOT_FOUND');
    const theirs = await qilihe.meetings.list({ pageSize: 200 });
    expect(theirs.items.some((i) => i.orgId === branchId)).toBe(false);
  });

  it('rates per branch, per superior and for the tenant: met / (met + missing)', async () => {
    const admin = await as('chengguan.admin');
    const r = await admin.meetings.compliance({ year: 2026 });
    expect(r.scopeName).toBe('城关区团委');
    // The demo city has 2026 meetings for many branches (seed), so the rates are not empty.
    expect(r.branches.filter((b) => b.tally.met > 0).length).toBeGreaterThan(5);
    expect(r.groups.length).toBeGreaterThan(0);
    const row = r.branches.find((b) => b.id === branchId)!;
    expect(row.byKind.general_meeting.met).toBeGreaterThanOrEqual(1);
    const { met, missing } = row.tally;
    expect(row.permille).toBe(
      met + missing === 0 ? null : Math.floor((met * 2000 + met + missing) / ((met + missing) * 2)),
    );
    const sum = r.branches.reduce((n, b) => n + b.tally.met, 0);
    expect(r.total.tally.met).toBe(sum);
    expect(r.total.branchCount).toBe(r.branches.length);
    // Every superior aggregates exactly the branches below it; the secretary of the 团总支 sees its subtree.
    const secretary = await as('chengguan.secretary');
    const sub = await secretary.meetings.compliance({ year: 2026 });
    expect(sub.branches.length).toBeLessThan(r.branches.length);
    const top = sub.groups.find((g) => g.depth === 0)!;
    expect(top.branchCount).toBe(sub.branches.length);
    expect(top.tally.met).toBe(sub.total.tally.met);
  });

  it('exports the ledger as on screen and draws the wall charts from the rule data', async () => {
    const caller = await as('chengguan.branch');
    const file = await caller.meetings.export({ kind: 'general_meeting' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(3).getCell(2).value).toBe('类型');
    expect(file.rows).toBe((await caller.meetings.list({ kind: 'general_meeting' })).total);
    expect(ws.getRow(4).getCell(2).value).toBe('支部团员大会');
    expect(file.fileName).toContain('支部团员大会');

    const member = await as('chengguan.member');
    const charts = await member.meetings.wallCharts({});
    const text = JSON.stringify(charts.charts);
    expect(text).toContain('每季度至少1次');
    expect(text).toContain('每年至少4次');
    expect(text).toContain('不少于8学时');
    expect(charts.rules.find((x) => x.key === 'meetings.frequency')?.source).toContain('中青发〔2017〕5号');
  });
});
