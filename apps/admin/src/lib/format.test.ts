import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, labelOf } from './format';

describe('Chinese dates', () => {
  it('formats a calendar date as is, without a time-zone shift', () => {
    expect(formatDate('2026-11-29')).toBe('2026年11月29日');
    expect(formatDate('2003-02-07')).toBe('2003年2月7日');
  });

  it('formats instants in Beijing time', () => {
    // 2026-11-29 17:30 UTC is already 30 November in Beijing.
    expect(formatDate('2026-11-29T17:30:00Z')).toBe('2026年11月30日');
    expect(formatDateTime('2026-11-29T17:30:00Z')).toBe('2026年11月30日 01:30');
    expect(formatDateTime(new Date('2026-01-05T02:04:00Z'))).toBe('2026年1月5日 10:04');
  });

  it('shows a dash for nothing or garbage', () => {
    expect(formatDate(null)).toBe('—');
    expect(formatDateTime('not a date')).toBe('—');
  });

  it('labels codes, keeping unknown ones visible', () => {
    const labels = { active: '正常', left: '已离团' };
    expect(labelOf(labels, 'left')).toBe('已离团');
    expect(labelOf(labels, 'weird')).toBe('weird');
    expect(labelOf(labels, null)).toBe('—');
  });
});
