import type { PlatformDatabase, Tenant } from '@tuanjian/db';
import { ageOn } from '@tuanjian/domain';
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

// A fixed clock: mid-November 2026 (Shanghai), so the open month is 2026-11.
const NOW = () => new Date('2026-11-15T04:00:00Z');

let database: TestDatabase;
let db: Kysely<PlatformDatabase>;
let chengguan: Tenant;
let branchId: string;
let demoMemberId: string;

async function as(username: string) {
  const token = await sessionFor(db, username);
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

describe('dues: who owes what, record, arrears, collection rate', () => {
  it('branch secretary sees the month with amounts, arrears and the lapse flag', async () => {
    const caller = await as('chengguan.branch');
    const r = await caller.dues.branchMonth({ month: '2026-11' });
    expect(r.org.id).toBe(branchId);
    expect(r.currentMonth).toBe('2026-11');
    const me = r.rows.find((x) => x.memberId === demoMemberId)!;
    expect(me.category).toBe('student');
    expect(me.payableFen).toBe(20);
    expect(me.arrearsMonths).toEqual(['2026-10', '2026-11']);
    expect(me.arrearsFen).toBe(40);
    expect(me.lapseCandidate).toBe(false);
    // the seed's second member of the branch paid nothing since January
    expect(r.rows.filter((x) => x.lapseCandidate).length).toBeGreaterThanOrEqual(1);
  });

  it('records payments in bulk (amount from the rule, never from the client); arrears drop, rate rises', async () => {
    const caller = await as('chengguan.branch');
    const before = await caller.dues.collection({ year: 2026 });
    const branchBefore = before.branches.find((b) => b.orgId === branchId)!;
    const res = await caller.dues.record({
      memberIds: [demoMemberId],
      months: ['2026-10', '2026-11'],
      method: 'wechat',
    });
    expect(res).toMatchObject({ payments: 1, months: 2, totalFen: 40 });
    expect(res.message).toContain('¥0.40');
    const after = await caller.dues.collection({ year: 2026 });
    const branchAfter = after.branches.find((b) => b.orgId === branchId)!;
    expect(branchAfter.tally.paidCount).toBe(branchBefore.tally.paidCount + 2);
    expect(branchAfter.permille!).toBeGreaterThan(branchBefore.permille!);
    const m = await caller.dues.branchMonth({ month: '2026-11' });
    expect(m.rows.find((x) => x.memberId === demoMemberId)).toMatchObject({ paid: true, arrearsMonths: [] });
    // the same month twice is refused, nothing recorded
    const dup = await errorOf(
      caller.dues.record({ memberIds: [demoMemberId], months: ['2026-11'], method: 'cash' }),
    );
    expect(dup).toMatchObject({ code: 'CONFLICT' });
    expect(dup!.message).toContain('2026年11月的团费已登记');
  });

  it('the member sees own status (paid months, recorded by the secretary) and nobody else', async () => {
    const caller = await as('chengguan.member');
    const s = await caller.dues.memberStatus({});
    expect(s.member.id).toBe(demoMemberId);
    expect(s.paid[0]).toMatchObject({ month: '2026-11', amountFen: 20, method: 'wechat' });
    expect(s.arrearsMonths).toEqual([]);
    const other = (await caller.dues.branchMonth({}).catch((e) => e)) as { code: string };
    expect(other.code).toBe('FORBIDDEN');
  });

  it('refuses members outside the secretary’s scope and months before dues start', async () => {
    const t = tenantTables(db, chengguan);
    const outside = await t
      .selectFrom('members')
      .select('id')
      .where('org_id', '!=', branchId)
      .where('status', '=', 'active')
      .executeTakeFirstOrThrow();
    const caller = await as('chengguan.branch');
    expect(
      await errorOf(caller.dues.record({ memberIds: [outside.id], months: ['2026-11'], method: 'cash' })),
    ).toMatchObject({
      appCode: 'FORBIDDEN_SCOPE',
    });
    const early = await errorOf(
      caller.dues.record({ memberIds: [demoMemberId], months: ['2025-12'], method: 'cash' }),
    );
    expect(early?.appCode).toBe('INVALID_STATE');
  });

  it('wage earners: 1999.99 元 → ¥0.50, 2000 元 → ¥4.00 in the month view', async () => {
    const admin = await as('chengguan.admin');
    const t = tenantTables(db, chengguan);
    const [a, b] = await t
      .selectFrom('members')
      .select('id')
      .where('org_id', '=', branchId)
      .where('status', '=', 'active')
      .where('id', '!=', demoMemberId)
      .orderBy('id')
      .limit(2)
      .execute();
    await admin.dues.setCategory({ memberId: a!.id, category: 'wage', declaredPayFen: 199_999 });
    await admin.dues.setCategory({ memberId: b!.id, category: 'wage', declaredPayFen: 200_000 });
    const r = await admin.dues.branchMonth({ orgId: branchId, month: '2026-11' });
    expect(r.rows.find((x) => x.memberId === a!.id)?.payableFen).toBe(50);
    expect(r.rows.find((x) => x.memberId === b!.id)?.payableFen).toBe(400);
  });

  it('exports the collection rates to Excel (exceljs) with the filters in the file name', async () => {
    const admin = await as('chengguan.admin');
    const x = await admin.dues.collectionExport({ year: 2026 });
    expect(x.fileName).toMatch(/^团费收缴率_城关区团委_2026年_\d{8}\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(x.base64, 'base64') as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('团费收缴率')!;
    expect(ws.getRow(3).getCell(1).value).toBe('团支部');
    expect(ws.rowCount).toBe(3 + x.rows + 1);
  });

  it('团市委 sees each district’s collection rate; a district admin may not', async () => {
    const city = await as('city.admin');
    const r = await city.dues.cityCollection({ year: 2026 });
    expect(r.tenants).toHaveLength(10);
    const cg = r.tenants.find((t) => t.code === 'chengguan')!;
    expect(cg.tally.dueCount).toBeGreaterThan(cg.tally.paidCount);
    expect(cg.permille!).toBeGreaterThan(500);
    expect(r.months[0]).toBe('2026-01');
    const admin = await as('chengguan.admin');
    expect(await errorOf(admin.dues.cityCollection({ year: 2026 }))).toMatchObject({
      appCode: 'FORBIDDEN_ROLE',
    });
  });

  it('lists lapse candidates; the meeting decision is recorded; a non-candidate is refused', async () => {
    const caller = await as('chengguan.branch');
    const l = await caller.dues.lapseCandidates({});
    expect(l.rule).toContain('团章');
    const c = l.items[0]!;
    expect(c.unpaidMonths.length).toBeGreaterThanOrEqual(6);
    const ok = await caller.dues.decideLapse({
      memberId: c.memberId,
      decision: 'retained',
      meetingDate: '2026-11-10',
    });
    expect(ok.message).toContain('保留团籍');
    const again = await caller.dues.lapseCandidates({});
    expect(again.items.find((i) => i.memberId === c.memberId)?.decision?.decision).toBe('retained');
    const refused = await errorOf(
      caller.dues.decideLapse({ memberId: demoMemberId, decision: 'lapsed', meetingDate: '2026-11-10' }),
    );
    expect(refused?.message).toContain('未满6个月');
  });
});

describe('推优入党', () => {
  it('refuses an ineligible nomination quoting the rule', async () => {
    const caller = await as('chengguan.branch');
    const e = await errorOf(
      caller.recommendations.nominate({
        memberId: demoMemberId,
        partyApplicationDate: '2025-01-01',
        nominatedOn: '2026-11-01',
      }),
    );
    expect(e?.appCode).toBe('INVALID_STATE');
    expect(e?.message).toContain('须年满18周岁');
    expect(e?.message).toContain('中青发〔2019〕9号');
  });

  it('runs nomination → vote → review → 公示 → approval → sent, then the admission counts in the KPI', async () => {
    const admin = await as('chengguan.admin');
    const t = tenantTables(db, chengguan);
    const adults = await t
      .selectFrom('members')
      .select(['id', 'birth_date', 'join_date'])
      .where('status', '=', 'active')
      .where('join_date', '<=', '2025-10-01')
      .where('birth_date', '<=', '2004-01-01')
      .where('birth_date', '>=', '1999-01-01')
      .execute();
    const open = new Set([
      ...(await t.selectFrom('party_recommendations').select('member_id').execute()).map((r) => r.member_id),
      ...(await t.selectFrom('party_admissions').select('member_id').execute()).map((r) => r.member_id),
    ]);
    const m = adults.find((a) => !open.has(a.id))!;
    expect(ageOn(m.birth_date, '2026-11-01')).toBeGreaterThanOrEqual(18);
    // application 6 months less a day before → refused; exactly 6 months → accepted
    const short = await errorOf(
      admin.recommendations.nominate({
        memberId: m.id,
        partyApplicationDate: '2026-05-02',
        nominatedOn: '2026-11-01',
      }),
    );
    expect(short?.message).toContain('递交入党申请书满6个月');
    const { id } = await admin.recommendations.nominate({
      memberId: m.id,
      partyApplicationDate: '2026-05-01',
      nominatedOn: '2026-11-01',
    });
    // out of order
    const skip = await errorOf(
      admin.recommendations.step({
        id,
        action: 'approve',
        approvedOn: '2026-11-02',
        approvedBy: '城关区团委',
      }),
    );
    expect(skip?.message).toContain('不能进行“上级审批”');
    // no quorum
    const noQuorum = await errorOf(
      admin.recommendations.step({
        id,
        action: 'vote',
        voteOn: '2026-11-03',
        entitled: 20,
        present: 10,
        yes: 10,
      }),
    );
    expect(noQuorum?.message).toContain('推优大会无效');
    const v = await admin.recommendations.step({
      id,
      action: 'vote',
      voteOn: '2026-11-03',
      entitled: 20,
      present: 15,
      yes: 11,
    });
    expect(v.stage).toBe('voted');
    await admin.recommendations.step({
      id,
      action: 'review',
      reviewedOn: '2026-11-04',
      pass: true,
      note: '符合条件',
    });
    await admin.recommendations.step({ id, action: 'publicize', from: '2026-11-05', to: '2026-11-11' });
    const early = await errorOf(
      admin.recommendations.step({
        id,
        action: 'approve',
        approvedOn: '2026-11-11',
        approvedBy: '城关区团委',
      }),
    );
    expect(early?.message).toContain('公示期满后方可审批');
    const ap = await admin.recommendations.step({
      id,
      action: 'approve',
      approvedOn: '2026-11-12',
      approvedBy: '城关区团委',
    });
    expect(ap.message).toContain('2028年11月11日');
    await admin.recommendations.step({
      id,
      action: 'send',
      sentOn: '2026-11-13',
      partyOrgName: '中共某支部委员会',
    });
    const d = await admin.recommendations.get({ id });
    expect(d.stage).toBe('sent');
    expect(d.events.map((e) => e.action)).toEqual([
      'nominate',
      'vote',
      'review',
      'publicize',
      'approve',
      'send',
    ]);
    expect(d.eligibility.eligible).toBe(true);
    const kBefore = await admin.recommendations.kpi({ year: 2026 });
    const adm = await admin.recommendations.recordAdmission({ memberId: m.id, joinedOn: '2026-11-14' });
    expect(adm.viaRecommendation).toBe(true);
    const k = await admin.recommendations.kpi({ year: 2026 });
    expect(k.viaTuiyou).toBe(kBefore.viaTuiyou + 1);
    expect(k.young).toBe(kBefore.young + 1);
    const listed = await admin.recommendations.list({ stage: 'sent' });
    expect(listed.items.some((i) => i.id === id)).toBe(true);
  });

  it('a failed vote (yes not more than half of those entitled) ends the recommendation', async () => {
    const admin = await as('chengguan.admin');
    const t = tenantTables(db, chengguan);
    const open = new Set([
      ...(await t.selectFrom('party_recommendations').select('member_id').execute()).map((r) => r.member_id),
      ...(await t.selectFrom('party_admissions').select('member_id').execute()).map((r) => r.member_id),
    ]);
    const m = (
      await t
        .selectFrom('members')
        .select(['id'])
        .where('status', '=', 'active')
        .where('join_date', '<=', '2025-10-01')
        .where('birth_date', '<=', '2000-01-01')
        .execute()
    ).find((a) => !open.has(a.id))!;
    const { id } = await admin.recommendations.nominate({
      memberId: m.id,
      partyApplicationDate: '2026-01-01',
      nominatedOn: '2026-11-01',
    });
    const v = await admin.recommendations.step({
      id,
      action: 'vote',
      voteOn: '2026-11-02',
      entitled: 20,
      present: 18,
      yes: 10,
    });
    expect(v.stage).toBe('rejected');
    expect(v.message).toContain('未通过');
  });

  it('approval belongs to the superior organisation; an expired recommendation cannot be sent', async () => {
    const t = tenantTables(db, chengguan);
    // an adult in the demo branch (its members are pupils: make one eligible)
    const m = await t
      .selectFrom('members')
      .select('id')
      .where('org_id', '=', branchId)
      .where('status', '=', 'active')
      .where('id', '!=', demoMemberId)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    await t
      .updateTable('members')
      .set({ birth_date: '2005-01-01', join_date: '2020-05-04' })
      .where('id', '=', m.id)
      .execute();
    const branch = await as('chengguan.branch');
    const { id } = await branch.recommendations.nominate({
      memberId: m.id,
      partyApplicationDate: '2026-01-05',
      nominatedOn: '2026-10-01',
    });
    await branch.recommendations.step({
      id,
      action: 'vote',
      voteOn: '2026-10-02',
      entitled: 12,
      present: 10,
      yes: 9,
    });
    await branch.recommendations.step({ id, action: 'review', reviewedOn: '2026-10-03', pass: true });
    await branch.recommendations.step({ id, action: 'publicize', from: '2026-10-04', to: '2026-10-10' });
    const own = await errorOf(
      branch.recommendations.step({ id, action: 'approve', approvedOn: '2026-10-12', approvedBy: '本支部' }),
    );
    expect(own?.message).toContain('推优须由上级团组织审批');
    const superior = await as('chengguan.secretary');
    const ok = await superior.recommendations.step({
      id,
      action: 'approve',
      approvedOn: '2026-10-12',
      approvedBy: '团总支',
    });
    expect(ok.stage).toBe('approved');

    // approved in January 2024: valid two years, to 2026-01-09
    const admin = await as('chengguan.admin');
    const taken = new Set([
      ...(await t.selectFrom('party_recommendations').select('member_id').execute()).map((r) => r.member_id),
      ...(await t.selectFrom('party_admissions').select('member_id').execute()).map((r) => r.member_id),
    ]);
    const old = (
      await t
        .selectFrom('members')
        .select('id')
        .where('status', '=', 'active')
        .where('join_date', '<=', '2022-06-01')
        .where('birth_date', '<=', '2004-01-01')
        .where('birth_date', '>=', '1999-01-01')
        .execute()
    ).find((x) => !taken.has(x.id))!;
    const r2 = await admin.recommendations.nominate({
      memberId: old.id,
      partyApplicationDate: '2023-03-01',
      nominatedOn: '2023-12-01',
    });
    await admin.recommendations.step({
      id: r2.id,
      action: 'vote',
      voteOn: '2023-12-05',
      entitled: 10,
      present: 8,
      yes: 8,
    });
    await admin.recommendations.step({ id: r2.id, action: 'review', reviewedOn: '2023-12-06', pass: true });
    await admin.recommendations.step({
      id: r2.id,
      action: 'publicize',
      from: '2023-12-07',
      to: '2023-12-13',
    });
    await admin.recommendations.step({
      id: r2.id,
      action: 'approve',
      approvedOn: '2024-01-10',
      approvedBy: '城关区团委',
    });
    const expired = await errorOf(
      admin.recommendations.step({
        id: r2.id,
        action: 'send',
        sentOn: '2026-11-13',
        partyOrgName: '某党支部',
      }),
    );
    expect(expired?.message).toContain('2026年1月9日过期');
  });
});
