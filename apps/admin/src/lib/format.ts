import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';

dayjs.locale('zh-cn');

/** '2026年11月29日' from 'YYYY-MM-DD', an ISO string or a Date. */
export function formatDate(value: string | Date | null | undefined): string {
  if (!value) return '—';
  const d = dayjs(value);
  return d.isValid() ? d.format('YYYY年M月D日') : '—';
}

/** '2026年11月29日 14:05' */
export function formatDateTime(value: string | Date | null | undefined): string {
  if (!value) return '—';
  const d = dayjs(value);
  return d.isValid() ? d.format('YYYY年M月D日 HH:mm') : '—';
}

/** Label of a code from a label map, or the code itself, or '—'. */
export function labelOf<K extends string>(labels: Record<K, string>, key: string | null | undefined): string {
  if (!key) return '—';
  return (labels as Record<string, string>)[key] ?? key;
}

export function formatCount(n: number): string {
  return n.toLocaleString('zh-CN');
}
