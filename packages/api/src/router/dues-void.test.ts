/**
 * 团费登记撤销 (MEM-3 correction): a wrongly recorded payment is voided with a reason, never deleted;
 * the months become unpaid again (arrears and collection rate recompute) and can be recorded anew;
 * the secretary's window is rule data (dues.correction, local) at the Asia/Shanghai month boundary,
 * later only the district admin; audited; scope and double voids refused.
 */
import type { PlatformDatabase, Tenant } from '@tuanjian/db';
import { formatChineseMonth, shanghaiMonth } from '@tuanjian/domain';
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

let database: TestDatabase;
let db: Kysely<PlatformDatabase>;
let chengguan: Tenant;
let branchId: string;

// The current Asia/Shanghai month; recording instants at its first second and at the last second
// of the month before (Shanghai midnight is 16:00 UTC of the day before).
const MONTH = shanghaiMonth(new Date());
const FIRST_SECOND = new Date(`${MONTH}-01T00:00:00+08:00`);
const LAST_SECOND_BEFORE = new Date(FIRST_SECOND.getTime() - 1000);

async function as(username: string) {
  const token = await sessionFor(db, username);
  return callerWith(database, { token }).caller;
}

beforeAll(async () => {
  database = await demoDatabase();
  db = database.db;
  chengguan = await tenantByCode(db, 'chengguan');
  branchId = (await grantsOf(db, 'chengguan.member'))[0]!.scope_org_id!;
}, 300_000);

afterAll(async () => {
  await database?.close();
});

const t = () => tenantTables(db, chengguan);

/** An unpaid member of the branch for MONTH, recorded as paid by the branch secretary at `at`. */
async function recordOne(at: Date = FIRST_SECOND) {
  const secretary = await as('chengguan.branch');
  const month = await secretary.dues.branchMonth({ orgId: branchId, month: MONTH });
  const row = month.rows.find((r) => !r.paid)!;
  expect(row, 'the demo branch has an unpaid member').toBeTruthy();
  await secretary.dues.record({ memberIds: [row.memberId], months: [MONTH] });
  const after = await secretary.dues.branchMonth({ orgId: branchId, month: MONTH });
  const paid = after.rows.find((r) => r.memberId === row.memberId)!;
  expect(paid.paid).toBe(true);
  await t()
    .updateTable('dues_payments')
    .set({ created_at: at.toISOString() as never })
    .where('id', '=', paid.paymentId!)
    .execute();
  return { memberId: row.memberId, paymentId: paid.paymentId!, before: month, after };
}

describe('voiding a recorded payment', () => {
  it('the secretary voids with a reason: the month is unpaid again, rates recompute, nothing deleted, audited', async () => {
    const { memberId, paymentId, before, after } = await recordOne();
    expect(after.tally).not.toEqual(before.tally);
    const secretary = await as('chengguan.branch');
    const status = await secretary.dues.memberStatus({ memberId });
    expect(status.paid.find((p) => p.month === MONTH)).toMatchObject({ paymentId, canVoid: true });

    expect(await errorOf(secretary.dues.voidPayment({ paymentId, reason: ' ' }))).toMatchObject({
      code: 'BAD_REQUEST',
    });
    const r = await secretary.dues.voidPayment({ paymentId, reason: '误登记，该团员本月未交' });
    expect(r.months).toEqual([MONTH]);
    expect(r.message).toContain('这些月份恢复为未交');

    const again = await secretary.dues.branchMonth({ orgId: branchId, month: MONTH });
    expect(again.tally).toEqual(before.tally);
    expect(again.permille).toBe(before.permille);
    const row = again.rows.find((x) => x.memberId === memberId)!;
    expect(row).toMatchObject({ paid: false, paymentId: null });
    expect(row.arrearsMonths).toContain(MONTH);
    const s2 = await secretary.dues.memberStatus({ memberId });
    expect(s2.paid.find((p) => p.month === MONTH)).toBeUndefined();
    expect(s2.voided[0]).toMatchObject({
      paymentId,
      months: [MONTH],
      reason: '误登记，该团员本月未交',
    });
    // Never deleted: the payment row stays; the void row keeps the months and amounts.
    expect(
      await t().selectFrom('dues_payments').select('id').where('id', '=', paymentId).execute(),
    ).toHaveLength(1);
    const audit = await db
      .selectFrom('platform.audit_log')
      .selectAll()
      .where('action', '=', 'dues.voidPayment')
      .where('target_id', '=', paymentId)
      .execute();
    expect(audit).toHaveLength(1);

    // Voided twice: refused. The month can be recorded anew.
    expect(await errorOf(secretary.dues.voidPayment({ paymentId, reason: '再撤一次' }))).toMatchObject({
      code: 'CONFLICT',
      message: '该笔团费登记已撤销，不能重复撤销',
    });
    await secretary.dues.record({ memberIds: [memberId], months: [MONTH] });
    expect(
      (await secretary.dues.memberStatus({ memberId })).paid.find((p) => p.month === MONTH),
    ).toBeTruthy();
  });

  it('window (rule dues.correction, 0 = same month) at the Shanghai month boundary; the district admin later', async () => {
    // Recorded at 23:59:59 of the last day of the month before (Shanghai): too late for the secretary.
    const { memberId, paymentId } = await recordOne(LAST_SECOND_BEFORE);
    const secretary = await as('chengguan.branch');
    expect(
      (await secretary.dues.memberStatus({ memberId })).paid.find((p) => p.paymentId === paymentId)?.canVoid,
    ).toBe(false);
    const err = await errorOf(secretary.dues.voidPayment({ paymentId, reason: '金额登记错误' }));
    expect(err).toMatchObject({ code: 'FORBIDDEN' });
    const before = shanghaiMonth(LAST_SECOND_BEFORE);
    expect(err?.message).toBe(
      `该笔团费登记于${formatChineseMonth(before)}，团组织书记只能在${formatChineseMonth(before)}底前撤销，逾期请由上级团委（区县团委管理员）撤销（本系统约定（local））`,
    );
    const admin = await as('chengguan.admin');
    expect((await admin.dues.voidPayment({ paymentId, reason: '金额登记错误' })).months).toEqual([MONTH]);

    // Recorded at 00:00:00 of the first day of this month: still in time.
    const other = await recordOne(FIRST_SECOND);
    expect(
      (await secretary.dues.voidPayment({ paymentId: other.paymentId, reason: '误登记' })).months,
    ).toEqual([MONTH]);
  });

  it('scope: a member cannot void; a secretary outside the paying branch cannot; two voids racing: one wins', async () => {
    const { paymentId } = await recordOne();
    const member = await as('chengguan.member');
    expect(await errorOf(member.dues.voidPayment({ paymentId, reason: '误登记' }))).toMatchObject({
      code: 'FORBIDDEN',
    });
    // A secretary whose subtree does not contain the branch.
    const outside = await t()
      .selectFrom('organisations')
      .select('id')
      .where('kind', '=', 'branch')
      .where('id', '!=', branchId)
      .where('status', '=', 'active')
      .executeTakeFirstOrThrow();
    const g = (await grantsOf(db, 'chengguan.branch'))[0]!;
    await db
      .updateTable('platform.grants')
      .set({ scope_org_id: outside.id })
      .where('id', '=', g.id)
      .execute();
    try {
      const stranger = await as('chengguan.branch');
      expect(await errorOf(stranger.dues.voidPayment({ paymentId, reason: '误登记' }))).toMatchObject({
        code: 'FORBIDDEN',
        message: '该笔团费不在您管理的范围内',
      });
    } finally {
      await db
        .updateTable('platform.grants')
        .set({ scope_org_id: branchId })
        .where('id', '=', g.id)
        .execute();
    }
    const a = await as('chengguan.branch');
    const b = await as('chengguan.admin');
    const results = await Promise.allSettled([
      a.dues.voidPayment({ paymentId, reason: '误登记甲' }),
      b.dues.voidPayment({ paymentId, reason: '误登记乙' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(
      await t().selectFrom('dues_payment_voids').select('id').where('payment_id', '=', paymentId).execute(),
    ).toHaveLength(1);
  });
});
