/**
 * 青年大学习 weeks: the provincial platform publishes one 期 (session) a week; a session is kept as
 * the Shanghai calendar date its week starts on (rule `youthStudy.week`: `weekStartsOn`, 1 = Monday …
 * 7 = Sunday). Every boundary is an Asia/Shanghai boundary, whatever the server's time zone.
 */
import { addDays, formatChineseDate, isValidDate, parseDate, shanghaiDate } from '../dates';

export interface YouthStudyWeekRule {
  /** ISO weekday the study week starts on: 1 = Monday … 7 = Sunday. */
  weekStartsOn: number;
  /** How many past sessions the member's own record and the reminders look back. */
  lookbackWeeks: number;
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a calendar date. */
export function isoWeekday(date: string): number {
  const p = parseDate(date);
  const d = new Date(Date.UTC(p.year, p.month - 1, p.day)).getUTCDay();
  return d === 0 ? 7 : d;
}

/** The first day of the study week holding `date` ('YYYY-MM-DD'). */
export function studyWeekStart(date: string, weekStartsOn = 1): string {
  const back = (isoWeekday(date) - weekStartsOn + 7) % 7;
  return addDays(date, -back);
}

/** The study week (its first day) holding an instant, in Asia/Shanghai. */
export function studyWeekOf(instant: Date, weekStartsOn = 1): string {
  return studyWeekStart(shanghaiDate(instant), weekStartsOn);
}

/** The last day of the study week starting on `weekStart`. */
export function studyWeekEnd(weekStart: string): string {
  return addDays(weekStart, 6);
}

/** Is `date` the first day of a study week? */
export function isStudyWeekStart(date: string, weekStartsOn = 1): boolean {
  return isValidDate(date) && isoWeekday(date) === weekStartsOn;
}

/** '2026年11月23日—11月29日' */
export function studyWeekLabel(weekStart: string): string {
  const end = parseDate(studyWeekEnd(weekStart));
  return `${formatChineseDate(weekStart)}—${end.month}月${end.day}日`;
}

/** The last `count` study weeks ending with the one holding `today` (newest first). */
export function recentStudyWeeks(today: string, count: number, weekStartsOn = 1): string[] {
  const first = studyWeekStart(today, weekStartsOn);
  return Array.from({ length: count }, (_, i) => addDays(first, -7 * i));
}

/**
 * Reads a date as the platforms write it: '2026-11-23', '2026/11/23', '2026.11.23', '2026年11月23日',
 * optionally followed by a time ('2026-11-23 20:15:00'); an Excel date cell arrives as a Date.
 * Returns 'YYYY-MM-DD' or null when the text is not a real date.
 */
export function parseLooseDate(value: string | Date | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return null;
    // exceljs gives date cells as UTC midnight of the written date; an instant with a time is a
    // real moment (read in Shanghai).
    const iso = value.toISOString();
    return iso.slice(11, 19) === '00:00:00' ? iso.slice(0, 10) : shanghaiDate(value);
  }
  const m =
    /^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[\sT]+\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)?\s*$/.exec(
      value,
    );
  if (!m) return null;
  const date = `${m[1]}-${m[2]?.padStart(2, '0')}-${m[3]?.padStart(2, '0')}`;
  return isValidDate(date) ? date : null;
}

/** Completions ÷ expected, in ‰ rounded half up; null when nothing was expected. */
export function studyPermille(completed: number, expected: number): number | null {
  if (expected <= 0) return null;
  return Math.floor((completed * 1000) / expected + 0.5);
}
