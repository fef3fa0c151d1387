import { describe, expect, it } from 'vitest';
import { ageOn } from '../dates';
import { ruleCatalogue } from '../rules';
import {
  addMonthsClamped,
  addMonthsToMonth,
  addToTally,
  addYearsClamped,
  arrears,
  collectionPermille,
  duesStartMonth,
  emptyTally,
  formatFen,
  formatPermille,
  lapseCheck,
  monthlyDues,
  monthlyDuesFen,
  monthRange,
  parseYuanToFen,
} from './index';

const std = ruleCatalogue['dues.standard'].value;
const lapse = ruleCatalogue['member.lapse'].value;

describe('dues standard (integer 分)', () => {
  it('students, unemployed and those on relief pay ¥0.20 whatever their pay', () => {
    expect(monthlyDuesFen('student', null, std)).toBe(20);
    expect(monthlyDuesFen('unemployed', 500_000, std)).toBe(20);
    expect(monthlyDuesFen('relief', null, std)).toBe(20);
  });
  it('wage earners: 199999 分 pay → ¥0.50, 200000 分 → 2‰ = ¥4.00', () => {
    expect(monthlyDuesFen('wage', 199_999, std)).toBe(50);
    expect(monthlyDuesFen('wage', 200_000, std)).toBe(400);
    expect(monthlyDuesFen('wage', 0, std)).toBe(50);
  });
  it('rounds 2‰ down to the 角', () => {
    // 2123.45 元 → 4.2469 元 → 4.24 → 4.20
    expect(monthlyDuesFen('wage', 212_345, std)).toBe(420);
    // 2004.99 元 → 4.00998 → 4.00
    expect(monthlyDuesFen('wage', 200_499, std)).toBe(400);
    // 2049.99 元 → 4.09998 → 4.00 ; 2050.00 → 4.10
    expect(monthlyDuesFen('wage', 204_999, std)).toBe(400);
    expect(monthlyDuesFen('wage', 205_000, std)).toBe(410);
  });
  it('caps at ¥20.00 (10000 元 pay reaches the cap exactly)', () => {
    expect(monthlyDuesFen('wage', 999_999, std)).toBe(1990);
    expect(monthlyDuesFen('wage', 1_000_000, std)).toBe(2000);
    expect(monthlyDuesFen('wage', 5_000_000, std)).toBe(2000);
    expect(monthlyDues('wage', 5_000_000, std).basis).toContain('封顶');
  });
  it('a wage earner without a declared pay is charged the low-income rate, saying so', () => {
    const a = monthlyDues('wage', null, std);
    expect(a.fen).toBe(50);
    expect(a.basis).toContain('未申报');
  });
  it('follows edited rule data (the unverified 3 元 low-income copy)', () => {
    expect(monthlyDuesFen('wage', 150_000, { ...std, lowIncomeFen: 300 })).toBe(300);
  });
  it('refuses non-integer money', () => {
    expect(() => monthlyDuesFen('wage', 200_000.5, std)).toThrow(RangeError);
  });
});

describe('money format', () => {
  it('¥0.20 and grouping', () => {
    expect(formatFen(20)).toBe('¥0.20');
    expect(formatFen(2000)).toBe('¥20.00');
    expect(formatFen(123456789)).toBe('¥1,234,567.89');
    expect(formatFen(-300)).toBe('-¥3.00');
    expect(parseYuanToFen('2000')).toBe(200_000);
    expect(parseYuanToFen('¥1,999.99')).toBe(199_999);
    expect(parseYuanToFen('0.5')).toBe(50);
    expect(parseYuanToFen('1.234')).toBeNull();
  });
});

describe('months', () => {
  it('adds months across years and clamps days', () => {
    expect(addMonthsToMonth('2026-12', 1)).toBe('2027-01');
    expect(addMonthsToMonth('2026-01', -1)).toBe('2025-12');
    expect(monthRange('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(monthRange('2026-03', '2026-02')).toEqual([]);
    expect(addMonthsClamped('2025-08-31', 6)).toBe('2026-02-28');
    expect(addMonthsClamped('2024-02-29', 12)).toBe('2025-02-28');
    // years count as ageOn does: a 29 February anniversary falls on 1 March in a common year
    expect(addYearsClamped('2024-02-29', 1)).toBe('2025-03-01');
    expect(addYearsClamped('2024-02-29', 4)).toBe('2028-02-29');
    expect(ageOn('2024-02-29', addYearsClamped('2024-02-29', 1))).toBe(1);
    expect(ageOn('2024-02-29', '2025-02-28')).toBe(0);
  });
  it('dues start at the later of join month and tracking start', () => {
    expect(duesStartMonth('2020-05-04', '2026-01')).toBe('2026-01');
    expect(duesStartMonth('2026-04-20', '2026-01')).toBe('2026-04');
    expect(duesStartMonth(null, '2026-01')).toBe('2026-01');
  });
});

describe('arrears, collection rate, lapse', () => {
  const paid = new Set(['2026-01', '2026-02', '2026-04']);
  it('arrears are the unpaid months up to the current month', () => {
    const a = arrears('2026-01', '2026-06', paid, () => 50);
    expect(a.months).toEqual(['2026-03', '2026-05', '2026-06']);
    expect(a.totalFen).toBe(150);
  });
  it('collection rate in permille, rounded half up', () => {
    const t = emptyTally();
    expect(collectionPermille(t)).toBeNull();
    addToTally(t, 20, true);
    addToTally(t, 20, true);
    addToTally(t, 50, false);
    expect(t).toEqual({ dueCount: 3, paidCount: 2, dueFen: 90, paidFen: 40 });
    expect(collectionPermille(t)).toBe(667);
    expect(formatPermille(667)).toBe('66.7%');
    expect(formatPermille(1000)).toBe('100.0%');
  });
  it('lapse: 6 completed months unpaid → candidate; 5 → not; the open current month does not count', () => {
    // start 2026-01, current 2026-08: completed Jan…Jul
    const none = new Set<string>();
    const five = lapseCheck('2026-01', '2026-07', none, lapse); // Jan–Jun = 6 completed months
    expect(five.candidate).toBe(true);
    expect(five.unpaidRun).toHaveLength(6);
    expect(five.message).toContain('团章');
    expect(lapseCheck('2026-01', '2026-06', none, lapse).candidate).toBe(false); // Jan–May = 5
    // a payment in February breaks the run: Mar–Jul = 5
    expect(lapseCheck('2026-01', '2026-08', new Set(['2026-02']), lapse).candidate).toBe(false);
    expect(lapseCheck('2026-01', '2026-09', new Set(['2026-02']), lapse).candidate).toBe(true);
    // paying the current month does not clear a completed run
    expect(lapseCheck('2026-01', '2026-07', new Set(['2026-07']), lapse).candidate).toBe(true);
  });
});
