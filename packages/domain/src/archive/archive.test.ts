import { describe, expect, it } from 'vitest';
import {
  archiveCompleteness,
  idCardCheckChar,
  isValidIdCard,
  isValidPhone,
  maskIdCard,
  maskPhone,
  parseIdCard,
} from './index';

describe('身份证号 (GB 11643)', () => {
  it('accepts a valid number, including the X check character', () => {
    // 11010519491231002X: the standard's own example.
    expect(isValidIdCard('11010519491231002X')).toBe(true);
    expect(isValidIdCard('11010519491231002x')).toBe(true);
    const r = parseIdCard('11010519491231002X');
    expect(r).toMatchObject({ ok: true, info: { birthDate: '1949-12-31', gender: 'female' } });
    const first17 = '62010220050304123';
    expect(isValidIdCard(first17 + idCardCheckChar(first17))).toBe(true);
  });

  it('refuses a wrong check character, a bad date and a bad format, in Chinese', () => {
    expect(parseIdCard('110105194912310021')).toMatchObject({ ok: false, problem: 'checksum' });
    expect(parseIdCard('110105194902300021')).toMatchObject({ ok: false, problem: 'birthDate' });
    expect(parseIdCard('12345')).toMatchObject({ ok: false, problem: 'format' });
    const bad = parseIdCard('110105194912310021');
    expect(!bad.ok && bad.message).toContain('校验码');
  });

  it('masks: first 4 and last 4', () => {
    expect(maskIdCard('62010220050304123X')).toBe('6201**********123X');
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(isValidPhone('138 1234 5678')).toBe(true);
    expect(isValidPhone('+8613812345678')).toBe(true);
    expect(isValidPhone('23812345678')).toBe(false);
  });
});

describe('档案完备', () => {
  const full = {
    name: '张三',
    gender: 'male',
    ethnicity: '汉族',
    birthDate: '2005-03-04',
    hasIdCard: true,
    hasPhone: true,
    joinDate: '2019-05-04',
    memberNumber: '201962000001',
    education: '大学本科',
    occupationCategory: '学生',
    orgId: 'x',
  };
  it('a full archive scores 100', () => {
    expect(archiveCompleteness(full)).toMatchObject({ score: 100, complete: true, missing: [] });
  });
  it('missing items lower the score and are named', () => {
    const r = archiveCompleteness({ ...full, hasPhone: false, memberNumber: null, ethnicity: ' ' });
    expect(r.complete).toBe(false);
    expect(r.missing).toEqual(['ethnicity', 'phone', 'memberNumber']);
    expect(r.missingLabels).toEqual(['民族', '手机号码', '团员编号']);
    expect(r.score).toBe(Math.floor((8 * 100) / 11));
  });
});
