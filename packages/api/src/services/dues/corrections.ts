/**
 * 团费登记撤销 (MEM-3 correction): a wrongly recorded payment is voided with a reason, never
 * deleted. The void row keeps the months and amounts the payment covered; the payment's month
 * rows are released, so arrears and collection rates (computed from `dues_payment_months`) count
 * those months as unpaid again and they can be recorded anew.
 *
 * Who: the district admin (上级团委) at any time; an org secretary for payments of organisations in
 * its subtree, until the end of the month of recording plus `dues.correction.secretaryWindowMonths`
 * (rule data, local; the version in force on the recording day).
 */
import {
  addMonthsToMonth,
  formatChineseMonth,
  formatFen,
  shanghaiDate,
  shanghaiMonth,
} from '@tuanjian/domain';
import { asDate } from '../../db-types';
import { appError, forbiddenRole, forbiddenScope, notFound } from '../../errors';
import { pathInScope, type Scope, type TenantDb } from '../scope';
import type { Actor } from './dues';
import { loadRuleBook } from './rules';

export interface VoidResult {
  paymentId: string;
  memberName: string;
  months: string[];
  amountFen: number;
  message: string;
}

export const CORRECTION_RULE_SOURCE = '本系统约定（local）';

/** May this scope still void a payment recorded at `recordedAt`? null = yes, else the reason. */
export async function voidRefusal(
  tdb: TenantDb,
  scope: Scope,
  recordedAt: Date,
  now: Date,
): Promise<string | null> {
  if (scope.role === 'district_admin') return null;
  const book = await loadRuleBook(tdb, 'dues.correction');
  const rule = book(shanghaiDate(recordedAt)).value;
  const recordedMonth = shanghaiMonth(recordedAt);
  const lastMonth = addMonthsToMonth(recordedMonth, rule.secretaryWindowMonths);
  if (shanghaiMonth(now) <= lastMonth) return null;
  return `该笔团费登记于${formatChineseMonth(recordedMonth)}，团组织书记只能在${formatChineseMonth(lastMonth)}底前撤销，逾期请由上级团委（区县团委管理员）撤销（${CORRECTION_RULE_SOURCE}）`;
}

export async function voidPayment(
  tdb: TenantDb,
  scope: Scope,
  input: { paymentId: string; reason: string },
  actor: Actor,
  now: Date,
): Promise<VoidResult> {
  if (scope.role !== 'district_admin' && scope.role !== 'org_secretary') {
    throw forbiddenRole('仅区县团委管理员和团组织书记可以撤销团费登记');
  }
  const reason = input.reason.trim();
  if (reason.length < 2) throw appError('BAD_REQUEST', 'INVALID_INPUT', '请填写撤销原因（至少2个字）');
  // Lock the payment: two voids of the same payment serialise, the second finds it voided.
  const p = await tdb
    .selectFrom('dues_payments as p')
    .innerJoin('members as m', 'm.id', 'p.member_id')
    .innerJoin('organisations as o', 'o.id', 'p.org_id')
    .select([
      'p.id',
      'p.amount_fen',
      'p.created_at',
      'p.member_id',
      'm.name as member_name',
      'o.path as org_path',
    ])
    .where('p.id', '=', input.paymentId)
    .forUpdate('p')
    .executeTakeFirst();
  if (!p) throw notFound('团费登记');
  if (!pathInScope(scope, p.org_path)) throw forbiddenScope('该笔团费不在您管理的范围内');
  const done = await tdb
    .selectFrom('dues_payment_voids')
    .select('id')
    .where('payment_id', '=', p.id)
    .executeTakeFirst();
  if (done) throw appError('CONFLICT', 'CONFLICT', '该笔团费登记已撤销，不能重复撤销');
  const recordedAt = asDate(p.created_at);
  const refusal = await voidRefusal(tdb, scope, recordedAt, now);
  if (refusal) throw appError('FORBIDDEN', 'FORBIDDEN_ROLE', refusal);

  const months = await tdb
    .selectFrom('dues_payment_months')
    .select(['month', 'amount_fen'])
    .where('payment_id', '=', p.id)
    .orderBy('month')
    .execute();
  await tdb
    .insertInto('dues_payment_voids')
    .values({
      payment_id: p.id,
      reason,
      months: JSON.stringify(months.map((m) => ({ month: m.month, amountFen: m.amount_fen }))),
      voided_by: actor.id,
      voided_by_name: actor.name,
    })
    .execute();
  await tdb.deleteFrom('dues_payment_months').where('payment_id', '=', p.id).execute();
  const list = months.map((m) => m.month);
  return {
    paymentId: p.id,
    memberName: p.member_name,
    months: list,
    amountFen: p.amount_fen,
    message: `已撤销${p.member_name}${list.map(formatChineseMonth).join('、')}的团费登记（${formatFen(p.amount_fen)}），这些月份恢复为未交`,
  };
}
