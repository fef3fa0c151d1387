import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';

dayjs.locale('zh-cn');

/** Every date and time the app shows is in Beijing time, whatever the browser's time zone. */
export const TIME_ZONE = 'Asia/Shanghai';

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

const shanghaiParts = new Intl.DateTimeFormat('en-CA', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

function partsOf(value: string | Date): Record<string, string> | null {
  const d = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(d.getTime())) return null;
  return Object.fromEntries(shanghaiParts.formatToParts(d).map((p) => [p.type, p.value]));
}

/** '2026年11月29日' from a calendar date 'YYYY-MM-DD' (taken as is), an ISO instant or a Date. */
export function formatDate(value: string | Date | null | undefined): string {
  if (!value) return '—';
  if (typeof value === 'string') {
    const m = DATE_ONLY.exec(value);
    if (m) return `${Number(m[1])}年${Number(m[2])}月${Number(m[3])}日`;
  }
  const p = partsOf(value);
  return p ? `${Number(p.year)}年${Number(p.month)}月${Number(p.day)}日` : '—';
}

/** '2026年11月29日 14:05' (Beijing time) from an ISO instant or a Date. */
export function formatDateTime(value: string | Date | null | undefined): string {
  if (!value) return '—';
  const p = partsOf(value);
  return p ? `${Number(p.year)}年${Number(p.month)}月${Number(p.day)}日 ${p.hour}:${p.minute}` : '—';
}

/** Today's calendar date in Beijing as a dayjs value (for date pickers). */
export function todayDayjs() {
  const p = partsOf(new Date());
  return p ? dayjs(`${p.year}-${p.month?.padStart(2, '0')}-${p.day?.padStart(2, '0')}`) : dayjs();
}

/** The hour (0–23) in Beijing now. */
export function beijingHour(now: Date = new Date()): number {
  return Number(partsOf(now)?.hour ?? now.getHours());
}

/** Label of a code from a label map, or the code itself, or '—'. */
export function labelOf<K extends string>(labels: Record<K, string>, key: string | null | undefined): string {
  if (!key) return '—';
  return (labels as Record<string, string>)[key] ?? key;
}

export function formatCount(n: number): string {
  return n.toLocaleString('zh-CN');
}
