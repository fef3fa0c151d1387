import { describe, expect, it } from 'vitest';
import { ruleCatalogue } from '../rules';
import {
  bottomCutSize,
  checklistItems,
  inputScore,
  isTaskOverdue,
  needsAdjustmentProposal,
  overallScore,
  rankWithBottomCut,
  roundsWithoutMarkedImprovement,
  sourceScore,
  validateGrades,
} from './rectification';

const checklist = ruleCatalogue['rectification.checklist'].value;
const sources = ruleCatalogue['rectification.sources'].value;
const bottom = ruleCatalogue['rectification.bottomShare'].value;
const improvement = ruleCatalogue['rectification.improvement'].value;

describe('checklist rule data', () => {
  it('is valid against its schema, weights sum to 100 and cover the five problems', () => {
    expect(ruleCatalogue['rectification.checklist'].schema.parse(checklist)).toBeTruthy();
    const items = checklistItems(checklist);
    expect(items.reduce((a, i) => a + i.weight, 0)).toBe(100);
    expect(new Set(items.map((i) => i.key)).size).toBe(items.length);
    expect(checklist.groups.map((g) => g.key)).toEqual([
      'setup',
      'leadership',
      'mechanism',
      'activities',
      'role',
    ]);
    const w = sources.weights;
    expect(w.member + w.self + w.superior + w.peer).toBe(100);
  });
});

describe('scores', () => {
  const all = (grade: string) => Object.fromEntries(checklistItems(checklist).map((i) => [i.key, grade]));
  it('grades every item: all 符合 → 100, all 不符合 → 0, all 基本符合 → 60', () => {
    expect(inputScore(checklist, all('meets'))).toBe(100);
    expect(inputScore(checklist, all('fails'))).toBe(0);
    expect(inputScore(checklist, all('partly'))).toBe(60);
  });
  it('weights items and ignores ungraded ones', () => {
    expect(inputScore(checklist, { setup_complete: 'meets', affiliation_clear: 'fails' })).toBe(50);
    expect(inputScore(checklist, {})).toBeNull();
  });
  it('refuses unknown items and grades in Chinese', () => {
    expect(validateGrades(checklist, {})).toBe('请至少评价一项');
    expect(validateGrades(checklist, { nope: 'meets' })).toContain('评价项目不存在');
    expect(validateGrades(checklist, { setup_complete: 'great' })).toContain('评价等级无效');
    expect(validateGrades(checklist, { setup_complete: 'meets' })).toBeNull();
  });
  it('source = mean of inputs; overall re-weights over the sources present', () => {
    expect(sourceScore([])).toBeNull();
    expect(sourceScore([100, 60, 0])).toBe(53.3);
    // 20·80 + 20·60 + 40·50 + 20·100 = 6800 / 100
    expect(overallScore({ member: 80, self: 60, superior: 50, peer: 100 }, sources)).toBe(68);
    // only superior (40) and self (20): (40·50 + 20·80) / 60 = 60
    expect(overallScore({ self: 80, superior: 50, member: null }, sources)).toBe(60);
    expect(overallScore({}, sources)).toBeNull();
  });
});

describe('bottom 20 % cut', () => {
  it('rounds a fraction up: 30 → 6, 31 → 7, 5 → 1, 4 → 1, 0 → 0', () => {
    expect(bottomCutSize(30, bottom)).toBe(6);
    expect(bottomCutSize(31, bottom)).toBe(7);
    expect(bottomCutSize(35, bottom)).toBe(7);
    expect(bottomCutSize(36, bottom)).toBe(8);
    expect(bottomCutSize(5, bottom)).toBe(1);
    expect(bottomCutSize(4, bottom)).toBe(1);
    expect(bottomCutSize(1, bottom)).toBe(1);
    expect(bottomCutSize(0, bottom)).toBe(0);
    expect(bottomCutSize(30, { bottomPercent: 0 })).toBe(0);
    expect(bottomCutSize(30, { bottomPercent: 100 })).toBe(30);
  });
  const branches = (scores: (number | null)[]) => scores.map((s, i) => ({ id: `b${i + 1}`, s }));
  it('30 distinct scores → exactly the 6 lowest', () => {
    const r = rankWithBottomCut(branches(Array.from({ length: 30 }, (_, i) => 100 - i)), (b) => b.s, bottom);
    expect(r.filter((x) => x.inCut).map((x) => x.score)).toEqual([76, 75, 74, 73, 72, 71]);
    expect(r[0]?.rank).toBe(1);
    expect(r[29]?.rank).toBe(30);
  });
  it('31 distinct scores → the 7 lowest', () => {
    const r = rankWithBottomCut(branches(Array.from({ length: 31 }, (_, i) => 100 - i)), (b) => b.s, bottom);
    expect(r.filter((x) => x.inCut)).toHaveLength(7);
    // 100..70: the 7 lowest are 70..76
    expect(r.find((x) => x.score === 77)?.inCut).toBe(false);
    expect(r.find((x) => x.score === 76)?.inCut).toBe(true);
  });
  it('ties with the last place inside the cut are included; a tie just above it is not', () => {
    // 30 branches 98..71 plus two more at 76: the 6th lowest (76) is shared by three branches
    const scores = Array.from({ length: 30 }, (_, i) => 100 - i); // 100..71; 6th lowest = 76
    scores[0] = 76; // a third branch scores 76 → ties at the boundary
    scores[1] = 76;
    const r = rankWithBottomCut(branches(scores), (b) => b.s, bottom);
    const cut = r.filter((x) => x.inCut);
    expect(cut).toHaveLength(8); // 71..75 (5) + three at 76
    expect(cut.filter((x) => x.score === 76)).toHaveLength(3);
    expect(r.find((x) => x.score === 77)?.inCut).toBe(false);
    // equal scores share a rank
    expect(new Set(r.filter((x) => x.score === 76).map((x) => x.rank)).size).toBe(1);
  });
  it('everyone tied → everyone inside; unscored checks are not ranked', () => {
    const r = rankWithBottomCut(branches([50, 50, 50, 50, 50, null]), (b) => b.s, bottom);
    expect(r).toHaveLength(5);
    expect(r.every((x) => x.inCut && x.rank === 1)).toBe(true);
  });
  it('shares ranks 1, 2, 2, 4', () => {
    const r = rankWithBottomCut(branches([90, 80, 80, 70]), (b) => b.s, bottom);
    expect(r.map((x) => x.rank)).toEqual([1, 2, 2, 4]);
  });
});

describe('two rounds without marked improvement', () => {
  it('counts consecutive years after a key-list year with gain < 10', () => {
    const h = [
      { year: 2020, overall: 50, keyTarget: true },
      { year: 2021, overall: 59.9, keyTarget: true }, // +9.9 → not marked
      { year: 2022, overall: 65, keyTarget: true }, // +5.1 → not marked
    ];
    expect(roundsWithoutMarkedImprovement(h, improvement)).toBe(2);
    expect(needsAdjustmentProposal(h, improvement)).toBe(true);
    expect(needsAdjustmentProposal(h.slice(0, 2), improvement)).toBe(false);
  });
  it('a gain of exactly 10 is marked and stops the count', () => {
    const h = [
      { year: 2020, overall: 50, keyTarget: true },
      { year: 2021, overall: 52, keyTarget: true },
      { year: 2022, overall: 62, keyTarget: true },
    ];
    expect(roundsWithoutMarkedImprovement(h, improvement)).toBe(0);
  });
  it('a year off the key list or a gap in years breaks the run; a missing score is no improvement', () => {
    expect(
      roundsWithoutMarkedImprovement(
        [
          { year: 2020, overall: 50, keyTarget: false },
          { year: 2021, overall: 50, keyTarget: true },
          { year: 2022, overall: 50, keyTarget: true },
        ],
        improvement,
      ),
    ).toBe(1);
    expect(
      roundsWithoutMarkedImprovement(
        [
          { year: 2019, overall: 50, keyTarget: true },
          { year: 2021, overall: 50, keyTarget: true },
        ],
        improvement,
      ),
    ).toBe(0);
    expect(
      roundsWithoutMarkedImprovement(
        [
          { year: 2020, overall: 50, keyTarget: true },
          { year: 2021, overall: null, keyTarget: true },
          { year: 2022, overall: 55, keyTarget: true },
        ],
        improvement,
      ),
    ).toBe(2);
  });
});

describe('overdue', () => {
  it('open past the deadline is overdue; the deadline day itself is not; confirmed never', () => {
    expect(isTaskOverdue({ status: 'open', deadline: '2026-06-30' }, '2026-07-01')).toBe(true);
    expect(isTaskOverdue({ status: 'open', deadline: '2026-06-30' }, '2026-06-30')).toBe(false);
    expect(isTaskOverdue({ status: 'confirmed', deadline: '2026-06-30' }, '2027-01-01')).toBe(false);
    expect(isTaskOverdue({ status: 'submitted', deadline: '2026-06-30' }, '2027-01-01')).toBe(false);
  });
});
