import { describe, expect, it } from 'vitest';
import { todayInShanghai } from '../dates';
import { parseRuleValue, ruleCatalogue } from '../rules';
import {
  applyCaps,
  type CapCandidate,
  computedCentipoints,
  DEFAULT_RATING_CRITERIA,
  demote,
  eligibleByAge,
  fullMonthsBetween,
  GOOD_KEYS,
  levelForTotal,
  rateLevel,
  ratingDate,
  resolveRatingRule,
  toCentipoints,
} from './rating';

const rule = resolveRatingRule(ruleCatalogue['rating.stars'].value);

/** Scores giving exactly `centi` in total: fill criteria in order. */
function scoresFor(centi: number) {
  let left = centi;
  return rule.criteria.map((c) => {
    const take = Math.min(left, c.points * 100);
    left -= take;
    return { key: c.key, centi: take };
  });
}

describe('criteria (rule data)', () => {
  it('five goods, 100 points, each criterion computed with a source or scored', () => {
    expect(DEFAULT_RATING_CRITERIA.reduce((s, c) => s + c.points, 0)).toBe(100);
    for (const g of GOOD_KEYS) {
      expect(DEFAULT_RATING_CRITERIA.filter((c) => c.good === g).reduce((s, c) => s + c.points, 0)).toBe(20);
    }
    for (const c of DEFAULT_RATING_CRITERIA) {
      if (c.mode === 'computed') expect(c.source).toBeTruthy();
      else expect(c.source).toBeUndefined();
    }
  });
  it('a rule row seeded before the criteria existed resolves to the defaults; a bad sum is refused', () => {
    const { criteria: _c, vetoItems: _v, ...old } = ruleCatalogue['rating.stars'].value;
    const parsed = parseRuleValue('rating.stars', old);
    expect(resolveRatingRule(parsed).criteria).toBe(DEFAULT_RATING_CRITERIA);
    const bad = [...DEFAULT_RATING_CRITERIA.slice(1)];
    expect(() => parseRuleValue('rating.stars', { ...old, criteria: bad })).toThrow();
    expect(() => resolveRatingRule({ ...old, criteria: bad })).toThrow('总分应为100分');
  });
});

describe('points', () => {
  it('centipoints: two decimals, range', () => {
    expect(toCentipoints(11.5, 12)).toBe(1150);
    expect(toCentipoints(12, 12)).toBe(1200);
    expect(() => toCentipoints(12.01, 12)).toThrow('0至12分');
    expect(() => toCentipoints(-1, 12)).toThrow();
    expect(() => toCentipoints(1.234, 12)).toThrow('两位小数');
  });
  it('computed points: full × ‰ ÷ 1000, half up; no data → 0', () => {
    expect(computedCentipoints(12, 1000)).toBe(1200);
    expect(computedCentipoints(12, 875)).toBe(1050);
    expect(computedCentipoints(6, 333)).toBe(200); // 199.8 → 200
    expect(computedCentipoints(6, null)).toBe(0);
    expect(computedCentipoints(6, 1200)).toBe(600);
  });
});

describe('levels', () => {
  it('every threshold: 89.99 / 90, 79.99 / 80, 69.99 / 70, 59.99 / 60, 59 / 60', () => {
    expect(levelForTotal(9000, rule, false)).toBe('five');
    expect(levelForTotal(8999, rule, false)).toBe('four');
    expect(levelForTotal(8000, rule, false)).toBe('four');
    expect(levelForTotal(7999, rule, false)).toBe('three');
    expect(levelForTotal(7000, rule, false)).toBe('three');
    expect(levelForTotal(6999, rule, false)).toBe('lagging');
    expect(levelForTotal(6000, rule, false)).toBe('lagging');
    expect(levelForTotal(5999, rule, false)).toBe('weak');
    expect(levelForTotal(5900, rule, false)).toBe('weak');
    expect(levelForTotal(10000, rule, true)).toBe('weak');
  });
  it('totals from scores; one veto item makes 100 points 软弱涣散', () => {
    const r = rateLevel({ scores: scoresFor(8999), vetoItems: [], studyPermille: 900 }, rule);
    expect(r.totalCenti).toBe(8999);
    expect(r.level).toBe('four');
    const v = rateLevel({ scores: scoresFor(10000), vetoItems: ['fraud'], studyPermille: 1000 }, rule);
    expect(v.totalCenti).toBe(10000);
    expect(v.level).toBe('weak');
    expect(v.reasons[0]).toContain('星级创建评定中弄虚作假');
  });
  it('a score above a criterion’s full points counts as full', () => {
    const r = rateLevel(
      { scores: [{ key: 'team.election', centi: 5000 }], vetoItems: [], studyPermille: null },
      rule,
    );
    expect(r.totalCenti).toBe(800);
    expect(r.byGood.team).toBe(800);
  });
  it('青年大学习 below 80 % (799 ‰) or not reported bars 五星; 800 ‰ does not', () => {
    expect(rateLevel({ scores: scoresFor(9500), vetoItems: [], studyPermille: 800 }, rule).level).toBe(
      'five',
    );
    const low = rateLevel({ scores: scoresFor(9500), vetoItems: [], studyPermille: 799 }, rule);
    expect(low.scoreLevel).toBe('five');
    expect(low.level).toBe('four');
    expect(low.reasons[0]).toContain('低于80%');
    expect(rateLevel({ scores: scoresFor(9500), vetoItems: [], studyPermille: null }, rule).level).toBe(
      'four',
    );
  });
  it('团总支 with a 后进 or 软弱涣散 sub-branch cannot be 五星; with 三星 ones it can', () => {
    const base = { scores: scoresFor(9500), vetoItems: [], studyPermille: 900 };
    expect(rateLevel({ ...base, subBranchLevels: ['five', 'three'] }, rule).level).toBe('five');
    expect(rateLevel({ ...base, subBranchLevels: ['five', 'lagging'] }, rule).level).toBe('four');
    const w = rateLevel({ ...base, subBranchLevels: ['weak'] }, rule);
    expect(w.level).toBe('four');
    expect(w.reasons).toContain('所属团支部中有后进或软弱涣散的，团总支不能评为五星');
  });
  it('demoted = the next level down', () => {
    expect(demote('five')).toBe('four');
    expect(demote('four')).toBe('three');
    expect(demote('weak')).toBe('weak');
  });
});

describe('branch age', () => {
  it('6 full months on the rating date: 5 months 30 days is not enough', () => {
    expect(fullMonthsBetween('2026-07-01', '2026-12-31')).toBe(5); // 5 months 30 days
    expect(eligibleByAge('2026-07-01', '2026-12-31', rule).eligible).toBe(false);
    expect(eligibleByAge('2026-07-01', '2026-12-31', rule).reason).toContain('成立不满6个月');
    expect(fullMonthsBetween('2026-06-30', '2026-12-30')).toBe(6);
    expect(eligibleByAge('2026-06-30', '2026-12-30', rule).eligible).toBe(true);
    expect(eligibleByAge('2026-06-30', '2026-12-29', rule).eligible).toBe(false);
    expect(eligibleByAge(null, '2026-12-31', rule).eligible).toBe(true);
  });
  it('the rating date is the Shanghai date, not after 31 December', () => {
    // 2026-12-31 16:30 UTC is already 1 January 2027 in Shanghai → capped to the year's end.
    expect(ratingDate(2026, todayInShanghai(new Date('2026-12-31T16:30:00Z')))).toBe('2026-12-31');
    // 2026-12-30 16:30 UTC = 31 December in Shanghai (still 30 December in UTC).
    const d = ratingDate(2026, todayInShanghai(new Date('2026-12-30T16:30:00Z')));
    expect(d).toBe('2026-12-31');
    expect(eligibleByAge('2026-06-30', d, rule).eligible).toBe(true);
    const utcDay = new Date('2026-12-30T16:30:00Z').toISOString().slice(0, 10);
    expect(eligibleByAge('2026-07-01', utcDay, rule).eligible).toBe(false);
  });
});

describe('caps per superior', () => {
  const c = (id: string, level: CapCandidate['level'], total: number): CapCandidate => ({
    id,
    level,
    totalCenti: total,
  });
  it('exactly 20 % of 10 → 2 五星 kept; a third is demoted to 四星', () => {
    const cands = [
      c('a', 'five', 9900),
      c('b', 'five', 9500),
      c('d', 'three', 7000),
      c('e', 'three', 7000),
      c('f', 'three', 7000),
      c('g', 'three', 7000),
      c('h', 'three', 7000),
      c('i', 'three', 7000),
      c('j', 'three', 7000),
      c('k', 'three', 7000),
    ];
    const ok = applyCaps(cands, rule);
    expect(ok.fiveStarMax).toBe(2);
    expect(ok.outcomes.every((o) => !o.capped)).toBe(true);
    const three = applyCaps([...cands.slice(0, 9), c('c', 'five', 9000)], rule);
    expect(three.fiveStarAfter).toBe(2);
    const cc = three.outcomes.find((o) => o.id === 'c');
    expect(cc).toMatchObject({ level: 'five', publishedLevel: 'four', capped: true });
    expect(cc?.reason).toContain('10个中最多2个');
  });
  it('11 branches: floor(2.2) = 2 五星, floor(6.6) = 6 四星', () => {
    const cands = [
      c('a', 'five', 9900),
      c('b', 'five', 9800),
      c('c', 'five', 9700),
      ...Array.from({ length: 8 }, (_, i) => c(`x${i}`, 'four', 8000 + i)),
    ];
    const r = applyCaps(cands, rule);
    expect(r.fiveStarMax).toBe(2);
    expect(r.fourStarMax).toBe(6);
    expect(r.fiveStarAfter).toBe(2);
    expect(r.fourStarAfter).toBe(6);
    // c (9700) demoted to 四星 stays 四星 (highest of the 四星); the three lowest 四星 go to 三星.
    expect(r.outcomes.find((o) => o.id === 'c')?.publishedLevel).toBe('four');
    const threes = r.outcomes.filter((o) => o.publishedLevel === 'three').map((o) => o.id);
    expect(threes.sort()).toEqual(['x0', 'x1', 'x2']);
  });
  it('ties at the cap: all tied organisations straddling the cut are demoted', () => {
    const cands = [
      c('a', 'five', 9900),
      c('b', 'five', 9500),
      c('c', 'five', 9500),
      ...Array.from({ length: 7 }, (_, i) => c(`x${i}`, 'three', 7000)),
    ];
    const r = applyCaps(cands, rule);
    expect(r.fiveStarMax).toBe(2);
    expect(r.outcomes.filter((o) => o.publishedLevel === 'five').map((o) => o.id)).toEqual(['a']);
    expect(r.outcomes.find((o) => o.id === 'b')?.publishedLevel).toBe('four');
    expect(r.outcomes.find((o) => o.id === 'c')?.publishedLevel).toBe('four');
    // tied but all inside the cap: nobody demoted
    const inside = applyCaps(
      [c('a', 'five', 9500), c('b', 'five', 9500), ...cands.slice(3), c('y', 'three', 7000)],
      rule,
    );
    expect(inside.count).toBe(10);
    expect(inside.outcomes.every((o) => !o.capped)).toBe(true);
  });
});
