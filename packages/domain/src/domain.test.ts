import { describe, expect, it } from 'vitest';
import {
  addDays,
  ageOn,
  canParent,
  dateSchema,
  formatChineseDate,
  formatMemberNumber,
  isValidMemberNumber,
  parseMemberNumber,
  parseRuleValue,
  passwordSchema,
  quarterOf,
  RULE_DEFAULTS,
  ruleCatalogue,
  ruleInForce,
  shanghaiDate,
  shanghaiMonth,
  usernameSchema,
} from './index';

describe('dates in Asia/Shanghai', () => {
  it('takes the calendar date in Shanghai, not UTC', () => {
    // 2026-11-30 17:00 UTC is already 1 December in Shanghai
    expect(shanghaiDate(new Date('2026-11-30T17:00:00Z'))).toBe('2026-12-01');
    expect(shanghaiDate(new Date('2026-11-30T15:59:59Z'))).toBe('2026-11-30');
    expect(shanghaiMonth(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01');
  });
  it('computes ages with the birthday boundary', () => {
    expect(ageOn('2012-06-15', '2026-06-14')).toBe(13);
    expect(ageOn('2012-06-15', '2026-06-15')).toBe(14);
    expect(ageOn('2008-02-29', '2022-02-28')).toBe(13);
    expect(ageOn('2008-02-29', '2022-03-01')).toBe(14);
  });
  it('rejects impossible dates', () => {
    expect(() => ageOn('2026-02-30', '2026-03-01')).toThrow('日期不存在');
    expect(dateSchema.safeParse('2026-13-01').success).toBe(false);
    expect(dateSchema.safeParse('2026-12-01').success).toBe(true);
  });
  it('adds days across a month end and names quarters', () => {
    expect(addDays('2026-11-28', 7)).toBe('2026-12-05');
    expect(quarterOf('2026-03-31')).toBe(1);
    expect(quarterOf('2026-04-01')).toBe(2);
    expect(formatChineseDate('2026-11-29')).toBe('2026年11月29日');
  });
});

describe('member numbers', () => {
  it('accepts year + province + sequence and rejects the rest', () => {
    expect(isValidMemberNumber('202662000123')).toBe(true);
    expect(parseMemberNumber('202662000123')).toEqual({ year: 2026, provinceCode: '62', sequence: 123 });
    expect(isValidMemberNumber('20266200012')).toBe(false); // 11 digits
    expect(isValidMemberNumber('202699000123')).toBe(false); // no province 99
    expect(isValidMemberNumber('2026620001a3')).toBe(false);
  });
  it('formats with zero padding and refuses out-of-range sequences', () => {
    expect(formatMemberNumber({ year: 2026, provinceCode: '62', sequence: 7 })).toBe('202662000007');
    expect(() => formatMemberNumber({ year: 2026, provinceCode: '62', sequence: 1_000_000 })).toThrow();
  });
});

describe('organisation hierarchy', () => {
  it('allows branches under committees and groups only under branches', () => {
    expect(canParent(null, 'league_committee')).toBe(true);
    expect(canParent(null, 'branch')).toBe(false);
    expect(canParent('general_branch', 'branch')).toBe(true);
    expect(canParent('general_branch', 'general_branch')).toBe(false);
    expect(canParent('branch', 'group')).toBe(true);
    expect(canParent('league_committee', 'group')).toBe(false);
  });
});

describe('rule data', () => {
  it('seeds every catalogued rule as version 1 with a source', () => {
    expect(RULE_DEFAULTS.length).toBe(Object.keys(ruleCatalogue).length);
    for (const r of RULE_DEFAULTS) {
      expect(r.version).toBe(1);
      expect(r.source.length).toBeGreaterThan(2);
      expect(() => parseRuleValue(r.key, r.value)).not.toThrow();
    }
  });
  it('carries the spec numbers', () => {
    expect(ruleCatalogue['member.joiningAge'].value.minAge).toBe(14);
    expect(ruleCatalogue['rectification.bottomShare'].value.bottomPercent).toBe(20);
    expect(ruleCatalogue['hearing.monthly'].value.reportDueDays).toBe(7);
    expect(ruleCatalogue['assessment.escalation'].value.bottomPlaces).toBe(3);
  });
  it('refuses a malformed edit', () => {
    expect(() => parseRuleValue('member.joiningAge', { minAge: '14' })).toThrow();
  });
  it('picks the version in force on a date', () => {
    const versions = [
      { version: 1, effectiveFrom: '2019-01-01', value: 20 },
      { version: 2, effectiveFrom: '2026-01-01', value: 25 },
    ];
    expect(ruleInForce(versions, '2025-12-31')?.value).toBe(20);
    expect(ruleInForce(versions, '2026-01-01')?.value).toBe(25);
    expect(ruleInForce(versions, '2018-12-31')).toBeUndefined();
  });
});

describe('input schemas', () => {
  it('normalises usernames and explains refusals in Chinese', () => {
    expect(usernameSchema.parse(' City.Admin ')).toBe('city.admin');
    const bad = usernameSchema.safeParse('张三');
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toContain('用户名只能包含');
    expect(passwordSchema.safeParse('short1').error?.issues[0]?.message).toBe('密码至少8位');
    expect(passwordSchema.safeParse('longpassword').success).toBe(false);
  });
});
