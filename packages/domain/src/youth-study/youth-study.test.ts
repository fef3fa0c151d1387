import { describe, expect, it } from 'vitest';
import {
  idTailOf,
  mapStudyHeaders,
  maskPhoneLike,
  matchStudyRow,
  parseLooseDate,
  recentStudyWeeks,
  type StudyCandidate,
  studyCandidateIndex,
  studyColumnOf,
  studyHeaderProblem,
  studyPermille,
  studyWeekEnd,
  studyWeekLabel,
  studyWeekOf,
  studyWeekStart,
} from './index';

describe('study weeks (Asia/Shanghai, Monday start)', () => {
  it('a week runs Monday to Sunday', () => {
    expect(studyWeekStart('2026-11-23')).toBe('2026-11-23'); // Monday
    expect(studyWeekStart('2026-11-29')).toBe('2026-11-23'); // Sunday
    expect(studyWeekStart('2026-11-30')).toBe('2026-11-30');
    expect(studyWeekEnd('2026-11-23')).toBe('2026-11-29');
    expect(studyWeekStart('2027-01-01')).toBe('2026-12-28'); // across the year
  });
  it('the boundary is midnight in Shanghai, not UTC', () => {
    // Sunday 2026-11-29 23:59 Shanghai = 15:59 UTC → still the week of the 23rd.
    expect(studyWeekOf(new Date('2026-11-29T15:59:59Z'))).toBe('2026-11-23');
    // Monday 00:00 Shanghai = Sunday 16:00 UTC → the new week.
    expect(studyWeekOf(new Date('2026-11-29T16:00:00Z'))).toBe('2026-11-30');
  });
  it('another start day from the rule', () => {
    expect(studyWeekStart('2026-11-23', 7)).toBe('2026-11-22');
  });
  it('labels and lookback', () => {
    expect(studyWeekLabel('2026-11-23')).toBe('2026年11月23日—11月29日');
    expect(recentStudyWeeks('2026-11-25', 3)).toEqual(['2026-11-23', '2026-11-16', '2026-11-09']);
  });
  it('reads dates as the platforms write them', () => {
    expect(parseLooseDate('2026-11-23')).toBe('2026-11-23');
    expect(parseLooseDate('2026/11/3')).toBe('2026-11-03');
    expect(parseLooseDate('2026年11月3日')).toBe('2026-11-03');
    expect(parseLooseDate('2026.11.03 20:15:00')).toBe('2026-11-03');
    expect(parseLooseDate('2026-02-30')).toBeNull();
    expect(parseLooseDate('第45期')).toBeNull();
    expect(parseLooseDate(new Date(Date.UTC(2026, 10, 23)))).toBe('2026-11-23');
    // A real instant (with a time) is read in Shanghai: 17:00 UTC is the next morning there.
    expect(parseLooseDate(new Date('2026-11-29T17:00:00Z'))).toBe('2026-11-30');
  });
  it('participation in ‰ half up', () => {
    expect(studyPermille(2, 3)).toBe(667);
    expect(studyPermille(0, 0)).toBeNull();
  });
});

describe('headers', () => {
  it('is lenient about wording', () => {
    expect(studyColumnOf(' 姓 名 ')).toBe('name');
    expect(studyColumnOf('团员编号（12位）')).toBe('memberNumber');
    expect(studyColumnOf('手机号码')).toBe('phone');
    expect(studyColumnOf('身份证号后4位')).toBe('idTail');
    expect(studyColumnOf('所属团支部')).toBe('branch');
    expect(studyColumnOf('学习期次')).toBe('session');
    expect(studyColumnOf('完成时间')).toBe('date');
    expect(studyColumnOf('备注')).toBeNull();
  });
  it('needs a name or number and a way to identify the member', () => {
    const cols = mapStudyHeaders(
      new Map([
        [1, '姓名'],
        [2, '学习期次'],
      ]),
    );
    expect(studyHeaderProblem(cols)).toContain('团员编号');
    expect(
      studyHeaderProblem(
        mapStudyHeaders(
          new Map([
            [1, '姓名'],
            [2, '团支部'],
          ]),
        ),
      ),
    ).toBeNull();
    expect(studyHeaderProblem(mapStudyHeaders(new Map([[1, '团员编号']])))).toBeNull();
  });
});

describe('matching a row to a member', () => {
  const c = (
    id: string,
    name: string,
    num: string | null,
    org: string,
    phone?: string,
    idm?: string,
  ): StudyCandidate => ({
    id,
    name,
    memberNumber: num,
    orgName: org,
    phoneMasked: phone ?? null,
    idCardMasked: idm ?? null,
  });
  const { byNumber, byName } = studyCandidateIndex([
    c('a', '张伟', '620102001001', '一号团支部', '138****5678', '6201**********1234'),
    c('b', '张伟', '620102001002', '一号团支部', '139****0000', '6201**********567X'),
    c('d', '李娜', '620102001003', '高一（1）班团支部'),
    c('e', '王芳', null, '一号团支部'),
  ]);
  const row = { name: '', memberNumber: '', phone: '', idTail: '', branch: '' };
  it('团员编号 first', () => {
    expect(matchStudyRow({ ...row, memberNumber: '620102001002' }, byNumber, byName)).toEqual({
      ok: true,
      memberId: 'b',
      by: 'memberNumber',
    });
    const wrong = matchStudyRow({ ...row, memberNumber: '620102001002', name: '李娜' }, byNumber, byName);
    expect(wrong).toMatchObject({ ok: false });
    expect(!wrong.ok && wrong.reason).toContain('不一致');
    expect(matchStudyRow({ ...row, memberNumber: '999' }, byNumber, byName)).toMatchObject({ ok: false });
  });
  it('then name + branch', () => {
    expect(matchStudyRow({ ...row, name: '王芳', branch: '一号团支部' }, byNumber, byName)).toMatchObject({
      ok: true,
      memberId: 'e',
    });
    expect(
      matchStudyRow({ ...row, name: '李娜', branch: '高一(1)班团支部' }, byNumber, byName),
    ).toMatchObject({
      memberId: 'd',
    });
    expect(matchStudyRow({ ...row, name: '王芳', branch: '二号团支部' }, byNumber, byName)).toMatchObject({
      ok: false,
    });
    expect(matchStudyRow({ ...row, name: '王芳' }, byNumber, byName)).toMatchObject({ ok: false });
  });
  it('same names are told apart by phone or ID tail, or refused', () => {
    const same = matchStudyRow({ ...row, name: '张伟', branch: '一号团支部' }, byNumber, byName);
    expect(!same.ok && same.reason).toContain('同名');
    expect(
      matchStudyRow({ ...row, name: '张伟', branch: '一号团支部', phone: '13900000000' }, byNumber, byName),
    ).toMatchObject({ memberId: 'b' });
    expect(
      matchStudyRow({ ...row, name: '张伟', branch: '一号团支部', idTail: '567x' }, byNumber, byName),
    ).toMatchObject({ memberId: 'b' });
    expect(
      matchStudyRow({ ...row, name: '张伟', branch: '一号团支部', phone: '5678' }, byNumber, byName),
    ).toMatchObject({
      memberId: 'a',
    });
  });
  it('phone and ID helpers', () => {
    expect(maskPhoneLike('+86 138 1234 5678')).toBe('138****5678');
    expect(maskPhoneLike('5678')).toBeNull();
    expect(idTailOf('62010219900101123x')).toBe('123X');
  });
});
