/**
 * MEM-8 流动团员: dues and organisational life follow the responsible branch. A member placed away
 * is listed, collected and counted in the responsible branch's dues (not at home), and checks in to
 * the responsible branch's theme day (the home branch's code is refused with the reason); ending the
 * placement brings the member back home.
 */
import type { PlatformDatabase, Tenant } from '@tuanjian/db';
import { addMonthsToMonth, shanghaiMonth } from '@tuanjian/domain';
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
let homeId: string;
let homePath: string;
let away: { id: string; name: string };
let memberId: string;

beforeAll(async () => {
  database = await demoDatabase();
  db = database.db;
  chengguan = await tenantByCode(db, 'chengguan');
  const t = tenantTables(db, chengguan);
  homeId = (await grantsOf(db, 'chengguan.branch'))[0]!.scope_org_id!;
  homePath = (
    await t.selectFrom('organisations').select('path').where('id', '=', homeId).executeTakeFirstOrThrow()
  ).path;
  memberId = (await grantsOf(db, 'chengguan.member'))[0]!.member_id!;
  // A branch outside the home branch secretary's scope.
  away = await t
    .selectFrom('organisations')
    .select(['id', 'name'])
    .where('kind', '=', 'branch')
    .where('status', '=', 'active')
    .where('path', 'not like', `${homePath}%`)
    .orderBy('path')
    .executeTakeFirstOrThrow();
});

afterAll(async () => {
  await database?.close();
});

describe('MEM-8: dues and theme days follow the responsible branch', () => {
  it('placed away: dues at the responsible branch; check-in there, not at home; ending brings the member back', async () => {
    const sec = (await callerAs(database, 'chengguan.branch')).caller;
    const admin = (await callerAs(database, 'chengguan.admin')).caller;
    const member = (await callerAs(database, 'chengguan.member')).caller;
    const homeBefore = await admin.dues.branchMonth({ orgId: homeId });
    expect(homeBefore.rows.map((r) => r.memberId)).toContain(memberId);
    const awayBefore = await admin.dues.branchMonth({ orgId: away.id });
    expect(awayBefore.rows.map((r) => r.memberId)).not.toContain(memberId);

    const p = await sec.youthStudy.mobilePlace({
      memberId,
      responsibleOrgId: away.id,
      kind: 'study',
      place: '陕西省西安市',
    });
    expect(p.responsibleOrgName).toBe(away.name);

    // Dues: listed at the responsible branch (marked mobile), no longer at home; the rates follow.
    const awayNow = await admin.dues.branchMonth({ orgId: away.id });
    const row = awayNow.rows.find((r) => r.memberId === memberId);
    expect(row).toMatchObject({ orgId: away.id, orgName: away.name, mobile: true });
    expect(awayNow.rows).toHaveLength(awayBefore.rows.length + 1);
    expect((await admin.dues.branchMonth({ orgId: homeId })).rows.map((r) => r.memberId)).not.toContain(
      memberId,
    );
    expect((await sec.dues.branchMonth({})).rows.map((r) => r.memberId)).not.toContain(memberId);
    const year = Number(shanghaiMonth(new Date()).slice(0, 4));
    const report = await admin.dues.collection({ year });
    const awayCount = report.branches.find((b) => b.orgId === away.id)?.memberCount;
    expect(awayCount).toBe(awayNow.rows.length);
    expect(report.branches.find((b) => b.orgId === homeId)?.memberCount).toBe(homeBefore.rows.length - 1);

    // Collection: the home secretary no longer collects; the responsible side does, and the payment is theirs.
    let month = addMonthsToMonth(awayNow.currentMonth, 1);
    while (
      (await admin.dues.branchMonth({ orgId: away.id, month })).rows.find((r) => r.memberId === memberId)
        ?.paid
    )
      month = addMonthsToMonth(month, 1);
    const refused = await errorOf(
      sec.dues.record({ memberIds: [memberId], months: [month], method: 'cash' }),
    );
    expect(refused?.appCode).toBe('FORBIDDEN_SCOPE');
    await admin.dues.record({ memberIds: [memberId], months: [month], method: 'cash' });
    const paidThere = await admin.dues.branchMonth({ orgId: away.id, month });
    expect(paidThere.rows.find((r) => r.memberId === memberId)?.paid).toBe(true);
    const payment = await tenantTables(db, chengguan)
      .selectFrom('dues_payment_months as pm')
      .innerJoin('dues_payments as p', 'p.id', 'pm.payment_id')
      .select('p.org_id')
      .where('pm.member_id', '=', memberId)
      .where('pm.month', '=', month)
      .executeTakeFirstOrThrow();
    expect(payment.org_id).toBe(away.id);

    // Theme days: the responsible branch's check-in accepts the member; the home branch's refuses.
    const awayDay =
      (await admin.themeDays.forBranch({ orgId: away.id })).themeDay ??
      (await admin.themeDays.create({ orgId: away.id, theme: '流动团员参加组织生活' }));
    const awayOpen = await admin.themeDays.openCheckIn({ id: awayDay.id });
    const homeDay =
      (await sec.themeDays.forBranch({})).themeDay ??
      (await sec.themeDays.create({ theme: '本支部主题团日' }));
    const homeOpen = await sec.themeDays.openCheckIn({ id: homeDay.id });
    const atHome = await errorOf(member.themeDays.checkIn({ code: homeOpen.checkInCode! }));
    expect(atHome?.appCode).toBe('FORBIDDEN_SCOPE');
    expect(atHome?.message).toBe(`您是流动团员，组织生活由${away.name}负责，请参加该团支部的主题团日签到`);
    const there = await member.themeDays.checkIn({ code: awayOpen.checkInCode! });
    expect(there).toMatchObject({ themeDayId: awayDay.id, alreadyCheckedIn: false, orgName: away.name });
    const mine = await member.themeDays.mine();
    expect(mine.orgName).toBe(away.name);
    expect(mine.themeDay?.id).toBe(awayDay.id);
    // The responsible branch's participation counts the member among its members.
    const detail = await admin.themeDays.get({ id: awayDay.id });
    expect(detail.checkIns.map((c) => c.memberId)).toContain(memberId);
    expect(detail.memberCount).toBe(awayNow.rows.length);
    expect((await sec.themeDays.get({ id: homeDay.id })).memberCount).toBe(homeBefore.rows.length - 1);

    // Ending the placement: back at home for dues and check-ins.
    await sec.youthStudy.mobileEnd({ id: p.id });
    expect((await admin.dues.branchMonth({ orgId: homeId })).rows.map((r) => r.memberId)).toContain(memberId);
    expect((await admin.dues.branchMonth({ orgId: away.id })).rows.map((r) => r.memberId)).not.toContain(
      memberId,
    );
    const back = await member.themeDays.checkIn({ code: homeOpen.checkInCode! });
    expect(back.themeDayId).toBe(homeDay.id);
  });
});
