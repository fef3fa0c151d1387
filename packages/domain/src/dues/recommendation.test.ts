import { describe, expect, it } from 'vitest';
import { ruleCatalogue } from '../rules';
import {
  nextRecommendationAction,
  recommendationActionRefusal,
  recommendationEligibility,
  recommendationValidUntil,
  recommendationVote,
  tuiyouKpi,
} from './index';

const rule = ruleCatalogue['party.recommendation'].value;
const voteRule = ruleCatalogue['party.recommendationVote'].value;
const base = {
  birthDate: '2000-03-15',
  leagueJoinDate: '2015-05-04',
  partyApplicationDate: '2025-09-10',
  onDate: '2026-03-10',
};
const failing = (input: typeof base) =>
  recommendationEligibility(input, rule)
    .checks.filter((c) => !c.ok)
    .map((c) => c.key);

describe('推优 eligibility boundaries', () => {
  it('eligible when every condition is met', () => {
    const e = recommendationEligibility(base, rule);
    expect(e.eligible).toBe(true);
    expect(e.reasons).toEqual([]);
  });
  it('age: 17 y 364 d refused, 18 on the birthday accepted', () => {
    expect(failing({ ...base, birthDate: '2008-03-11' })).toEqual(['age']);
    expect(failing({ ...base, birthDate: '2008-03-10' })).toEqual([]);
    const e = recommendationEligibility({ ...base, birthDate: '2008-03-11' }, rule);
    expect(e.reasons[0]).toContain('须年满18周岁');
    expect(e.reasons[0]).toContain('中青发〔2019〕9号');
  });
  it('团龄: one day short of a year refused, exactly a year accepted', () => {
    expect(failing({ ...base, leagueJoinDate: '2025-03-11' })).toEqual(['leagueYears']);
    expect(failing({ ...base, leagueJoinDate: '2025-03-10' })).toEqual([]);
    expect(failing({ ...base, leagueJoinDate: null as unknown as string })).toEqual(['leagueYears']);
    // joined on 29 February: a full year on 1 March of the common year, as ageOn counts
    expect(
      failing({
        ...base,
        leagueJoinDate: '2024-02-29',
        partyApplicationDate: '2024-06-01',
        onDate: '2025-02-28',
      }),
    ).toEqual(['leagueYears']);
    expect(
      failing({
        ...base,
        leagueJoinDate: '2024-02-29',
        partyApplicationDate: '2024-06-01',
        onDate: '2025-03-01',
      }),
    ).toEqual([]);
  });
  it('application: 6 months less a day refused, 6 months accepted', () => {
    expect(failing({ ...base, partyApplicationDate: '2025-09-11' })).toEqual(['application']);
    expect(failing({ ...base, partyApplicationDate: '2025-09-10' })).toEqual([]);
    // end of month: 31 Aug + 6 months = 28 Feb
    expect(failing({ ...base, partyApplicationDate: '2025-08-31', onDate: '2026-02-27' })).toEqual([
      'application',
    ]);
    expect(failing({ ...base, partyApplicationDate: '2025-08-31', onDate: '2026-02-28' })).toEqual([]);
    expect(failing({ ...base, partyApplicationDate: null as unknown as string })).toEqual(['application']);
  });
});

describe('推优大会 vote', () => {
  it('quorum: more than half of those entitled present', () => {
    expect(recommendationVote({ entitled: 10, present: 5, yes: 5 }, voteRule)).toMatchObject({
      quorum: false,
      passed: false,
    });
    expect(recommendationVote({ entitled: 10, present: 6, yes: 6 }, voteRule).quorum).toBe(true);
  });
  it('passes with yes votes of more than half of those entitled (not of those present)', () => {
    expect(recommendationVote({ entitled: 10, present: 8, yes: 5 }, voteRule).passed).toBe(false);
    expect(recommendationVote({ entitled: 10, present: 8, yes: 6 }, voteRule).passed).toBe(true);
    expect(recommendationVote({ entitled: 7, present: 4, yes: 4 }, voteRule).passed).toBe(true);
    expect(recommendationVote({ entitled: 7, present: 4, yes: 3 }, voteRule).message).toContain('未通过');
  });
  it('refuses impossible counts', () => {
    expect(() => recommendationVote({ entitled: 5, present: 6, yes: 1 }, voteRule)).toThrow();
    expect(() => recommendationVote({ entitled: 5, present: 4, yes: 5 }, voteRule)).toThrow();
  });
});

describe('workflow, validity, KPI', () => {
  it('moves stage by stage and refuses a skipped step', () => {
    expect(nextRecommendationAction('nominated')).toBe('vote');
    expect(nextRecommendationAction('publicized')).toBe('approve');
    expect(nextRecommendationAction('sent')).toBeNull();
    expect(recommendationActionRefusal('voted', 'review')).toBeNull();
    expect(recommendationActionRefusal('nominated', 'approve')).toContain('不能进行“上级审批”');
  });
  it('valid two years, to the day before', () => {
    expect(recommendationValidUntil('2026-05-20', rule)).toBe('2028-05-19');
    expect(recommendationValidUntil('2024-02-29', rule)).toBe('2026-02-28');
  });
  it('KPI: share of new party members ≤ 28 through 推优', () => {
    const k = tuiyouKpi(
      [
        { ageAtJoining: 24, viaRecommendation: true },
        { ageAtJoining: 28, viaRecommendation: false },
        { ageAtJoining: 29, viaRecommendation: false },
        { ageAtJoining: 22, viaRecommendation: true },
      ],
      rule,
    );
    expect(k).toEqual({ young: 3, viaTuiyou: 2, permille: 667 });
    expect(tuiyouKpi([], rule).permille).toBeNull();
  });
});
