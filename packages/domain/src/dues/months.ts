/** Calendar months 'YYYY-MM' (Shanghai months: derive them with `shanghaiMonth` / a Shanghai date). */
import { parseDate } from '../dates';

const MONTH_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isValidMonth(month: string): boolean {
  return MONTH_RE.test(month);
}

function parseMonth(month: string): { year: number; month: number } {
  const m = MONTH_RE.exec(month);
  if (!m) throw new RangeError(`月份格式应为 YYYY-MM：${month}`);
  return { year: Number(m[1]), month: Number(m[2]) };
}

/** The month of a 'YYYY-MM-DD' date. */
export function monthOf(date: string): string {
  parseDate(date);
  return date.slice(0, 7);
}

export function addMonthsToMonth(month: string, n: number): string {
  const p = parseMonth(month);
  const idx = p.year * 12 + (p.month - 1) + n;
  const y = Math.floor(idx / 12);
  const mm = (idx % 12) + 1;
  return `${String(y).padStart(4, '0')}-${String(mm).padStart(2, '0')}`;
}

/** Inclusive list of months from `from` to `to` (empty when from > to). */
export function monthRange(from: string, to: string): string[] {
  parseMonth(from);
  parseMonth(to);
  const out: string[] = [];
  for (let m = from; m <= to; m = addMonthsToMonth(m, 1)) out.push(m);
  return out;
}

/** First day of a month, 'YYYY-MM-01'. */
export function firstDayOf(month: string): string {
  parseMonth(month);
  return `${month}-01`;
}

/**
 * Add calendar months to a date; a day that does not exist in the target month is clamped to its
 * last day (2025-08-31 + 6 months = 2026-02-28).
 */
export function addMonthsClamped(date: string, n: number): string {
  const p = parseDate(date);
  const target = addMonthsToMonth(date.slice(0, 7), n);
  const [y, m] = target.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${target}-${String(Math.min(p.day, last)).padStart(2, '0')}`;
}

/**
 * The n-th anniversary of a date, as `ageOn` counts full years: a 29 February date has its
 * anniversary on 1 March in a common year (so `ageOn(date, anniversary(date, n)) === n`).
 */
export function addYearsClamped(date: string, n: number): string {
  const p = parseDate(date);
  const y = p.year + n;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  if (p.month === 2 && p.day === 29 && !leap) return `${String(y).padStart(4, '0')}-03-01`;
  return `${String(y).padStart(4, '0')}${date.slice(4)}`;
}

/** '2026年3月' */
export function formatChineseMonth(month: string): string {
  const p = parseMonth(month);
  return `${p.year}年${p.month}月`;
}
