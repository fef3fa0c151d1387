/**
 * Calendar arithmetic in Asia/Shanghai. Every "day", "month", "quarter" and
 * "year" boundary of the domain is a Shanghai boundary, whatever the server's
 * time zone. Dates travel as 'YYYY-MM-DD' strings.
 */

export const TIME_ZONE = 'Asia/Shanghai';

let ymd: Intl.DateTimeFormat | undefined;
/** Created on first use, not at import: old WeChat clients lack time-zone support until needed. */
function shanghaiFormat(): Intl.DateTimeFormat {
  ymd ??= new Intl.DateTimeFormat('en-CA', {
    timeZone: TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  });
  return ymd;
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The Shanghai calendar date of an instant, as 'YYYY-MM-DD'. */
export function shanghaiDate(instant: Date): string {
  return shanghaiFormat().format(instant);
}

export function todayInShanghai(now: Date = new Date()): string {
  return shanghaiDate(now);
}

export interface DateParts {
  year: number;
  month: number;
  day: number;
}

export function parseDate(date: string): DateParts {
  const m = DATE_RE.exec(date);
  if (!m) throw new RangeError(`日期格式应为 YYYY-MM-DD：${date}`);
  const parts = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  const check = new Date(Date.UTC(parts.year, parts.month - 1, parts.day));
  if (
    check.getUTCFullYear() !== parts.year ||
    check.getUTCMonth() !== parts.month - 1 ||
    check.getUTCDate() !== parts.day
  ) {
    throw new RangeError(`日期不存在：${date}`);
  }
  return parts;
}

export function isValidDate(date: string): boolean {
  try {
    parseDate(date);
    return true;
  } catch {
    return false;
  }
}

/** Full years of age on `onDate` for someone born on `birthDate` (a 29 Feb birthday counts from 1 Mar). */
export function ageOn(birthDate: string, onDate: string): number {
  const b = parseDate(birthDate);
  const d = parseDate(onDate);
  let age = d.year - b.year;
  if (d.month < b.month || (d.month === b.month && d.day < b.day)) age -= 1;
  return age;
}

/** Shanghai month key 'YYYY-MM' of an instant. */
export function shanghaiMonth(instant: Date): string {
  return shanghaiDate(instant).slice(0, 7);
}

/** Shanghai quarter (1–4) of a date string. */
export function quarterOf(date: string): number {
  return Math.floor((parseDate(date).month - 1) / 3) + 1;
}

/** Add whole days to a calendar date (no time zone involved: it is already a Shanghai date). */
export function addDays(date: string, days: number): string {
  const p = parseDate(date);
  const t = new Date(Date.UTC(p.year, p.month - 1, p.day + days));
  return t.toISOString().slice(0, 10);
}

/** '2026年11月29日' */
export function formatChineseDate(date: string): string {
  const p = parseDate(date);
  return `${p.year}年${p.month}月${p.day}日`;
}
