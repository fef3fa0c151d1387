/**
 * 团费 (MEM-3): the monthly standard by category, arrears, collection rates and the lapse flag.
 * Pure functions over rule data (`dues.standard`, `dues.tracking`, `member.lapse`); money in 分.
 */
import { z } from 'zod';
import type { ruleCatalogue } from '../rules';

/** The value type of a rule (widened from the catalogue's literal defaults). */
export type RuleData<K extends keyof typeof ruleCatalogue> = z.infer<(typeof ruleCatalogue)[K]['schema']>;

import { assertFen, formatFen } from './money';
import { addMonthsToMonth, monthRange } from './months';

export const DUES_CATEGORIES = ['student', 'unemployed', 'relief', 'wage'] as const;
export type DuesCategory = (typeof DUES_CATEGORIES)[number];

const duesCategoryLabels: Record<DuesCategory, string> = {
  student: '学生',
  unemployed: '无业/待业',
  relief: '领取救济',
  wage: '工薪收入',
};
export function duesCategoryLabel(c: DuesCategory): string {
  return duesCategoryLabels[c];
}
export const duesCategorySchema = z.enum(DUES_CATEGORIES, { error: '团费类别无效' });

export const PAYMENT_METHODS = ['cash', 'wechat', 'transfer'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];
const paymentMethodLabels: Record<PaymentMethod, string> = {
  cash: '现金',
  wechat: '微信',
  transfer: '转账',
};
export function paymentMethodLabel(m: PaymentMethod): string {
  return paymentMethodLabels[m];
}
export const paymentMethodSchema = z.enum(PAYMENT_METHODS, { error: '缴纳方式无效' });

export type DuesStandard = RuleData<'dues.standard'>;

export interface DuesAmount {
  fen: number;
  /** Why this amount: the tier of the rule that applied. */
  basis: string;
}

/**
 * The monthly dues of one member. Students, the unemployed and those on relief pay the flat
 * student rate; wage earners below the threshold the low-income rate; from the threshold on,
 * `perMille` ‰ of the after-tax pay, rounded down to `roundDownToFen` (the 角), capped at `capFen`.
 * A wage earner without a declared pay is charged the low-income rate (and flagged by the caller).
 */
export function monthlyDues(
  category: DuesCategory,
  declaredPayFen: number | null,
  std: DuesStandard,
): DuesAmount {
  if (category !== 'wage') {
    return { fen: std.studentFen, basis: `${duesCategoryLabel(category)}：每月${formatFen(std.studentFen)}` };
  }
  const threshold = formatFen(std.lowIncomeThresholdFen);
  if (declaredPayFen === null) {
    return { fen: std.lowIncomeFen, basis: `未申报月收入，暂按低收入档${formatFen(std.lowIncomeFen)}` };
  }
  assertFen(declaredPayFen);
  if (declaredPayFen < 0) throw new RangeError('月收入不能为负数');
  if (declaredPayFen < std.lowIncomeThresholdFen) {
    return { fen: std.lowIncomeFen, basis: `税后月收入低于${threshold}：每月${formatFen(std.lowIncomeFen)}` };
  }
  // Integer arithmetic only: ‰ of the pay, floor to whole 分, then floor to the 角.
  const raw = Math.floor((declaredPayFen * std.perMille) / 1000);
  const rounded = Math.floor(raw / std.roundDownToFen) * std.roundDownToFen;
  if (rounded >= std.capFen) {
    return { fen: std.capFen, basis: `税后月收入的${std.perMille}‰，封顶${formatFen(std.capFen)}` };
  }
  return { fen: rounded, basis: `税后月收入${threshold}及以上：按${std.perMille}‰计，尾数舍至角` };
}

export function monthlyDuesFen(
  category: DuesCategory,
  declaredPayFen: number | null,
  std: DuesStandard,
): number {
  return monthlyDues(category, declaredPayFen, std).fen;
}

/** The first month a member owes dues: the later of the join month and the tracking start. */
export function duesStartMonth(joinDate: string | null, trackingFromMonth: string): string {
  const joinMonth = joinDate ? joinDate.slice(0, 7) : trackingFromMonth;
  return joinMonth > trackingFromMonth ? joinMonth : trackingFromMonth;
}

export interface Arrears {
  /** Months owed, oldest first. */
  months: string[];
  totalFen: number;
}

/**
 * Months from the start month up to and including `currentMonth` that are not paid.
 * `payableFen(month)` gives the amount owed for a month (the rule in force that month).
 */
export function arrears(
  startMonth: string,
  currentMonth: string,
  paidMonths: ReadonlySet<string>,
  payableFen: (month: string) => number,
): Arrears {
  const months = monthRange(startMonth, currentMonth).filter((m) => !paidMonths.has(m));
  let totalFen = 0;
  for (const m of months) {
    const fen = payableFen(m);
    assertFen(fen);
    totalFen += fen;
  }
  return { months, totalFen };
}

export interface CollectionTally {
  /** member-months owed in the period */
  dueCount: number;
  /** of those, paid */
  paidCount: number;
  dueFen: number;
  paidFen: number;
}

export const emptyTally = (): CollectionTally => ({ dueCount: 0, paidCount: 0, dueFen: 0, paidFen: 0 });

export function addToTally(t: CollectionTally, dueFen: number, paid: boolean): void {
  t.dueCount += 1;
  t.dueFen += dueFen;
  if (paid) {
    t.paidCount += 1;
    t.paidFen += dueFen;
  }
}

/** Collection rate as a whole percent × 10 (one decimal, e.g. 875 = 87.5 %), rounded half up; null when nothing was due. */
export function collectionPermille(t: CollectionTally): number | null {
  if (t.dueCount === 0) return null;
  return Math.floor((t.paidCount * 1000 * 2 + t.dueCount) / (t.dueCount * 2));
}

/** '87.5%' or '—' */
export function formatPermille(permille: number | null): string {
  if (permille === null) return '—';
  return `${Math.floor(permille / 10)}.${permille % 10}%`;
}

export interface LapseCheck {
  candidate: boolean;
  /** The unpaid run that makes the member a candidate (the months counted), oldest first. */
  unpaidRun: string[];
  message: string;
}

/**
 * The 6-month lapse flag (团章第八条): the last `consecutiveMonths` completed months (the month
 * before `currentMonth` and earlier, not before the start month) all without dues. The current month is
 * still open (dues are paid at its theme day), so it does not count.
 */
export function lapseCheck(
  startMonth: string,
  currentMonth: string,
  paidMonths: ReadonlySet<string>,
  rule: RuleData<'member.lapse'>,
): LapseCheck {
  const last = addMonthsToMonth(currentMonth, -1);
  const run: string[] = [];
  for (let m = last; m >= startMonth && !paidMonths.has(m); m = addMonthsToMonth(m, -1)) {
    run.unshift(m);
  }
  const candidate = run.length >= rule.consecutiveMonths;
  return {
    candidate,
    unpaidRun: run,
    message: candidate
      ? `连续${run.length}个月未交纳团费（满${rule.consecutiveMonths}个月），列为自行脱团对象提交支部团员大会讨论（《中国共产主义青年团章程》第八条）`
      : `连续未交纳团费${run.length}个月，未满${rule.consecutiveMonths}个月`,
  };
}

export const LAPSE_DECISIONS = ['lapsed', 'retained'] as const;
export type LapseDecision = (typeof LAPSE_DECISIONS)[number];
export const lapseDecisionLabel = (d: LapseDecision): string =>
  d === 'lapsed' ? '认定自行脱团' : '教育后保留团籍';
