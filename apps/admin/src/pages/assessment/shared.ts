import type { EscalationLevel } from '@tuanjian/domain';

export const LEVEL_COLOR: Record<EscalationLevel, string> = {
  reminder_talk: 'gold',
  warning_talk: 'orange',
  adjustment_letter: 'red',
};

export const REPORT_COLOR: Record<string, string> = {
  waiting: 'blue',
  overdue: 'red',
  filed: 'green',
  filed_late: 'orange',
};

/** '87.5' from tenths. */
export const points = (tenths: number | null | undefined) =>
  tenths == null ? '—' : (tenths / 10).toFixed(1);
