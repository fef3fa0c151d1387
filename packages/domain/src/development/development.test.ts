import { describe, expect, it } from 'vitest';
import { ruleCatalogue } from '../rules';
import {
  addMonthsToDate,
  checkAdvance,
  checkBlockRange,
  checkEvaluationRound,
  checkJoiningAge,
  checkReassessDate,
  type DevelopmentRecord,
  type DevelopmentRuleSet,
  type EvaluationGrade,
  excellentCap,
  isTalkOverdue,
  rangesOverlap,
  reassessWindow,
  registrationRefusal,
} from './index';

const rules: DevelopmentRuleSet = {
  development: ruleCatalogue['member.development'].value,
  joiningAge: ruleCatalogue['member.joiningAge'].value,
  vote: ruleCatalogue['member.developmentVote'].value,
};

const base: DevelopmentRecord = {
  stage: 'applied',
  birthDate: '2010-03-01',
  appliedOn: '2026-01-05',
  talkOn: null,
  activistOn: null,
  candidateOn: null,
  precheckOn: null,
  volunteerFormOn: null,
  introducedOn: null,
  meetingOn: null,
  approvedOn: null,
  oathOn: null,
  lessons: [],
};
const today = '2026-11-29';

describe('calendar months', () => {
  it('adds months and clamps to the end of the month', () => {
    expect(addMonthsToDate('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonthsToDate('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonthsToDate('2026-11-15', 3)).toBe('2027-02-15');
  });
});

describe('development stage machine (《发展团员工作细则》)', () => {
  it('refuses skipping a stage, quoting the rule', () => {
    const v = checkAdvance(
      base,
      { step: 'activist', activistOn: '2026-02-01', source: 'recommendation', noticeOn: '2026-02-02' },
      rules,
      today,
    );
    expect(v).toEqual({ ok: false, reason: expect.stringContaining('不能跳过“谈话”环节') });
    expect(!v.ok && v.reason).toContain('《发展团员工作细则》');
  });
  it('refuses a date out of order and a date in the future', () => {
    const v = checkAdvance(base, { step: 'talked', talkOn: '2026-01-04' }, rules, today);
    expect(!v.ok && v.reason).toContain('不能早于');
    const f = checkAdvance(base, { step: 'talked', talkOn: '2026-12-01' }, rules, today);
    expect(!f.ok && f.reason).toContain('不能晚于今天');
  });
  it('flags the talk overdue after one month', () => {
    expect(isTalkOverdue({ appliedOn: '2026-01-05', talkOn: null }, rules.development, '2026-02-05')).toBe(
      false,
    );
    expect(isTalkOverdue({ appliedOn: '2026-01-05', talkOn: null }, rules.development, '2026-02-06')).toBe(
      true,
    );
    expect(isTalkOverdue({ appliedOn: '2026-01-05', talkOn: '2026-02-10' }, rules.development, today)).toBe(
      true,
    );
  });
  it('needs 3 months of cultivation and 8 hours of 团课 before 发展对象', () => {
    const r: DevelopmentRecord = {
      ...base,
      stage: 'activist',
      talkOn: '2026-01-10',
      activistOn: '2026-02-01',
      lessons: [{ on: '2026-03-01', hours: 8 }],
    };
    const early = checkAdvance(r, { step: 'candidate', candidateOn: '2026-04-30' }, rules, today);
    expect(!early.ok && early.reason).toContain('须满3个月');
    expect(checkAdvance(r, { step: 'candidate', candidateOn: '2026-05-01' }, rules, today)).toEqual({
      ok: true,
    });
    const few = {
      ...r,
      lessons: [
        { on: '2026-03-01', hours: 7.5 },
        { on: '2026-06-01', hours: 2 },
      ],
    };
    const v = checkAdvance(few, { step: 'candidate', candidateOn: '2026-05-01' }, rules, today);
    expect(!v.ok && v.reason).toContain('不少于8学时');
  });
  it('needs two distinct introducers', () => {
    const r: DevelopmentRecord = {
      ...base,
      stage: 'prechecked',
      volunteerFormOn: '2026-06-01',
      precheckOn: '2026-05-30',
    };
    const v = checkAdvance(
      r,
      { step: 'introduced', introducedOn: '2026-06-02', introducerIds: ['a', 'a'] },
      rules,
      today,
    );
    expect(!v.ok && v.reason).toContain('2名正式团员');
    expect(
      checkAdvance(
        r,
        { step: 'introduced', introducedOn: '2026-06-02', introducerIds: ['a', 'b'] },
        rules,
        today,
      ).ok,
    ).toBe(true);
  });
  it('vote: more than half of those entitled present and voting yes', () => {
    const r: DevelopmentRecord = { ...base, stage: 'introduced', introducedOn: '2026-06-02' };
    const vote = (present: number, yes: number) =>
      checkAdvance(
        r,
        { step: 'voted', meetingOn: '2026-06-10', entitled: 10, present, yes, no: 0 },
        rules,
        today,
      );
    expect(vote(5, 5).ok).toBe(false);
    expect(vote(6, 5).ok).toBe(false);
    expect(vote(6, 6).ok).toBe(true);
  });
  it('age at approval: 13 years 364 days refused, exactly 14 accepted, over 28 refused', () => {
    const age = rules.joiningAge;
    expect(checkJoiningAge('2012-06-15', '2026-06-14', age)).toEqual({
      ok: false,
      reason: '未满14周岁，不能批准入团（《发展团员工作细则》）',
    });
    expect(checkJoiningAge('2012-06-15', '2026-06-15', age)).toEqual({ ok: true });
    expect(checkJoiningAge('1997-06-15', '2026-06-14', age).ok).toBe(true); // 28
    expect(checkJoiningAge('1997-06-15', '2026-06-15', age)).toEqual({
      ok: false,
      reason: '已超过28周岁，不能批准入团（《发展团员工作细则》）',
    });
  });
  it('approval refuses a 13-year-old through the machine', () => {
    const r: DevelopmentRecord = {
      ...base,
      birthDate: '2012-11-30',
      stage: 'voted',
      meetingOn: '2026-11-01',
    };
    const v = checkAdvance(r, { step: 'approved', approvedOn: '2026-11-29' }, rules, today);
    expect(!v.ok && v.reason).toContain('未满14周岁');
  });
  it('refuses going back to a completed stage', () => {
    const r: DevelopmentRecord = { ...base, stage: 'talked', talkOn: '2026-01-10' };
    const v = checkAdvance(r, { step: 'talked', talkOn: '2026-01-11' }, rules, today);
    expect(!v.ok && v.reason).toContain('已完成');
  });
});

describe('number blocks', () => {
  it('validates ranges and overlaps', () => {
    expect(checkBlockRange({ startSeq: 1, endSeq: 999_999 })).toBeNull();
    expect(checkBlockRange({ startSeq: 0, endSeq: 5 })).toContain('1–999999');
    expect(checkBlockRange({ startSeq: 9, endSeq: 5 })).toContain('不能大于');
    expect(rangesOverlap({ startSeq: 1, endSeq: 10 }, { startSeq: 10, endSeq: 20 })).toBe(true);
    expect(rangesOverlap({ startSeq: 1, endSeq: 9 }, { startSeq: 10, endSeq: 20 })).toBe(false);
  });
});

describe('两制: evaluation and registration', () => {
  const ev = ruleCatalogue['member.evaluation'].value;
  const reg = ruleCatalogue['member.registration'].value;
  const grades = (excellent: number, total: number): EvaluationGrade[] =>
    Array.from({ length: total }, (_, i) => (i < excellent ? 'excellent' : 'qualified'));

  it('caps 优秀 at 30 %: 29 % passes, 31 % is refused, floor rounding', () => {
    expect(checkEvaluationRound({ entitled: 100, present: 100, grades: grades(29, 100) }, ev)).toEqual({
      ok: true,
    });
    expect(checkEvaluationRound({ entitled: 100, present: 100, grades: grades(30, 100) }, ev)).toEqual({
      ok: true,
    });
    const v = checkEvaluationRound({ entitled: 100, present: 100, grades: grades(31, 100) }, ev);
    expect(!v.ok && v.reason).toContain('不得超过参加评议团员的30%');
    expect(excellentCap(10, 30)).toBe(3);
    expect(excellentCap(7, 30)).toBe(2); // 2.1 → 2: never rounded up
    expect(excellentCap(3, 30)).toBe(0);
  });
  it('needs two-thirds present', () => {
    expect(checkEvaluationRound({ entitled: 9, present: 6, grades: grades(0, 6) }, ev).ok).toBe(true);
    const v = checkEvaluationRound({ entitled: 9, present: 5, grades: grades(0, 5) }, ev);
    expect(!v.ok && v.reason).toContain('三分之二');
  });
  it('registers 基本合格 or better; 不合格 re-assessed in 3–6 months', () => {
    expect(registrationRefusal('basically_qualified', '2026-11-01', reg)).toBeNull();
    expect(registrationRefusal('unqualified', '2026-11-01', reg)).toContain('2027年2月1日至2027年5月1日');
    expect(reassessWindow('2026-11-30', reg)).toEqual({ from: '2027-02-28', to: '2027-05-30' });
    expect(checkReassessDate('2026-11-01', '2027-01-31', reg).ok).toBe(false);
    expect(checkReassessDate('2026-11-01', '2027-02-01', reg).ok).toBe(true);
  });
});
