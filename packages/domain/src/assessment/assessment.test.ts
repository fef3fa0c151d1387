import { describe, expect, it } from 'vitest';
import { ruleCatalogue } from '../rules';
import {
  checkHearingSize,
  deriveActions,
  escalationLevel,
  rankUnits,
  reportDueOn,
  reportStatus,
  scoreTotal,
  taskOverdue,
  type UnitScore,
  yearResult,
} from '.';

const rule = ruleCatalogue['assessment.escalation'].value;
const hearing = ruleCatalogue['hearing.monthly'].value;

/** Ten units u0…u9 with totals; `low` get the lowest totals. */
function year(y: number, low: string[], others = ['a', 'b', 'c', 'd', 'e', 'f', 'g']) {
  const scores: UnitScore[] = [
    ...others.map((u, i) => ({ unitId: u, total: 900 - i * 10 })),
    ...low.map((u, i) => ({ unitId: u, total: 600 - i * 10 })),
  ];
  return yearResult(y, rankUnits(scores, rule.bottomPlaces));
}

describe('rankUnits', () => {
  it('ranks by total, equal totals share a place', () => {
    const r = rankUnits(
      [
        { unitId: 'a', total: 900 },
        { unitId: 'b', total: 850 },
        { unitId: 'c', total: 850 },
        { unitId: 'd', total: 700 },
      ],
      3,
    );
    expect(r.map((x) => [x.unitId, x.rank, x.bottomPlace])).toEqual([
      ['a', 1, 4],
      ['b', 2, 2],
      ['c', 2, 2],
      ['d', 4, 1],
    ]);
  });

  it('ties at place 3: every unit tied with the third from the bottom counts as bottom 3', () => {
    const r = rankUnits(
      [
        { unitId: 'a', total: 900 },
        { unitId: 'b', total: 800 },
        { unitId: 'c', total: 750 },
        { unitId: 'd', total: 750 },
        { unitId: 'e', total: 700 },
        { unitId: 'f', total: 600 },
      ],
      3,
    );
    expect(r.filter((x) => x.inBottom).map((x) => x.unitId)).toEqual(['c', 'd', 'e', 'f']);
  });

  it('a tie just above the bottom group does not pull anyone in', () => {
    const r = rankUnits(
      [
        { unitId: 'a', total: 800 },
        { unitId: 'b', total: 800 },
        { unitId: 'c', total: 700 },
        { unitId: 'd', total: 650 },
        { unitId: 'e', total: 600 },
      ],
      3,
    );
    expect(r.filter((x) => x.inBottom).map((x) => x.unitId)).toEqual(['c', 'd', 'e']);
  });

  it('a tie at place 1 from the bottom spanning four units: all four are bottom 3', () => {
    const r = rankUnits(
      ['a', 'b', 'c', 'd', 'e'].map((u, i) => ({ unitId: u, total: i === 0 ? 900 : 500 })),
      3,
    );
    expect(r.filter((x) => x.inBottom)).toHaveLength(4);
  });
});

describe('escalation over consecutive years', () => {
  const at = (y: number, results: ReturnType<typeof year>[]) =>
    Object.fromEntries(deriveActions(y, results, rule).map((a) => [a.unitId, [a.level, a.consecutiveYears]]));

  it('1 year in the bottom 3 → 提醒约谈', () => {
    expect(at(2026, [year(2026, ['x', 'y', 'z'])])).toEqual({
      x: ['reminder_talk', 1],
      y: ['reminder_talk', 1],
      z: ['reminder_talk', 1],
    });
  });

  it('2 consecutive years → 告诫约谈', () => {
    const r = at(2026, [year(2025, ['x', 'p', 'q']), year(2026, ['x', 'y', 'z'])]);
    expect(r.x).toEqual(['warning_talk', 2]);
    expect(r.y).toEqual(['reminder_talk', 1]);
  });

  it('3 consecutive years → 建议调整函, and a fourth stays 建议调整函', () => {
    const results = [
      year(2023, ['x', 'r', 's']),
      year(2024, ['x', 'p', 'q']),
      year(2025, ['x', 'p', 's']),
      year(2026, ['x', 'y', 'z']),
    ];
    expect(at(2025, results).x).toEqual(['adjustment_letter', 3]);
    expect(at(2025, results).p).toEqual(['warning_talk', 2]);
    expect(at(2026, results).x).toEqual(['adjustment_letter', 4]);
  });

  it('a gap year outside the bottom 3 resets the count', () => {
    const results = [year(2024, ['x', 'p', 'q']), year(2025, ['p', 'q', 'r']), year(2026, ['x', 'y', 'z'])];
    expect(at(2026, results).x).toEqual(['reminder_talk', 1]);
  });

  it('a year without a published round resets the count (consecutive means consecutive)', () => {
    const results = [year(2023, ['x', 'p', 'q']), year(2024, ['x', 'p', 'q']), year(2026, ['x', 'y', 'z'])];
    expect(at(2026, results).x).toEqual(['reminder_talk', 1]);
  });

  it('a year in which the unit was not assessed resets the count', () => {
    const without = yearResult(
      2025,
      rankUnits(
        ['a', 'b', 'c', 'p', 'q', 'r'].map((u, i) => ({ unitId: u, total: 900 - i * 50 })),
        3,
      ),
    );
    const results = [year(2024, ['x', 'p', 'q']), without, year(2026, ['x', 'y', 'z'])];
    expect(without.assessed.has('x')).toBe(false);
    expect(at(2026, results).x).toEqual(['reminder_talk', 1]);
  });

  it('later years do not change an earlier year', () => {
    const results = [year(2025, ['x', 'p', 'q']), year(2026, ['x', 'y', 'z'])];
    expect(at(2025, results).x).toEqual(['reminder_talk', 1]);
  });

  it('levels follow the rule data', () => {
    expect(escalationLevel(0, rule)).toBeNull();
    expect(escalationLevel(2, { ...rule, warningAfterYears: 3, letterAfterYears: 4 })).toBe('reminder_talk');
  });
});

describe('scores', () => {
  const items = [
    { key: 'a', label: '组织建设', max: 60 },
    { key: 'b', label: '述职评议', max: 40 },
  ];
  it('sums tenths and refuses out-of-range or missing items in Chinese', () => {
    expect(scoreTotal(items, { a: 555, b: 300 })).toEqual({ ok: true, total: 855 });
    expect(scoreTotal(items, { a: 601, b: 0 })).toEqual({
      ok: false,
      message: '“组织建设”的得分应在0到60分之间（最多一位小数）',
    });
    expect(scoreTotal(items, { a: 1 })).toEqual({ ok: false, message: '请填写“述职评议”的得分' });
  });
});

describe('monthly hearing', () => {
  it('the 整改报告 is due 7 days after the hearing, across a month end and a year end', () => {
    expect(reportDueOn('2027-01-28', hearing)).toBe('2027-02-04');
    expect(reportDueOn('2026-11-26', hearing)).toBe('2026-12-03');
    expect(reportDueOn('2026-12-28', hearing)).toBe('2027-01-04');
    expect(reportDueOn('2028-02-25', hearing)).toBe('2028-03-03');
  });

  it('overdue is judged on the Shanghai date', () => {
    const due = '2027-02-04';
    // 2027-02-04 23:30 in Shanghai = 15:30 UTC: still on time.
    expect(reportStatus(due, new Date('2027-02-04T15:30:00Z'), '2027-02-05')).toBe('filed');
    // 2027-02-05 00:30 in Shanghai = 2027-02-04 16:30 UTC: late, although still the 4th in UTC.
    expect(reportStatus(due, new Date('2027-02-04T16:30:00Z'), '2027-02-05')).toBe('filed_late');
    expect(reportStatus(due, null, '2027-02-04')).toBe('waiting');
    expect(reportStatus(due, null, '2027-02-05')).toBe('overdue');
    expect(taskOverdue('2027-02-10', null, '2027-02-11')).toBe(true);
    expect(taskOverdue('2027-02-10', '2027-02-12', '2027-02-13')).toBe(false);
  });

  it('5–8 organisations a month', () => {
    expect(checkHearingSize(4, hearing)).toBe('每月述职应安排5至8个组织（《每月述职》规则），当前为4个');
    expect(checkHearingSize(5, hearing)).toBeNull();
    expect(checkHearingSize(8, hearing)).toBeNull();
    expect(checkHearingSize(9, hearing)).not.toBeNull();
  });
});
