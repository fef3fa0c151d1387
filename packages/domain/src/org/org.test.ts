import { describe, expect, it } from 'vitest';
import { ruleCatalogue } from '../rules';
import type { BranchCommitteeRule, BranchSetupRule, BranchTermRule } from './index';
import {
  addTermYears,
  electionDue,
  electionWarnings,
  isStudentBranch,
  type LeaderPosition,
  sizeWarnings,
  termPolicy,
  termYearsRefusal,
} from './index';

const setup: BranchSetupRule = ruleCatalogue['branch.setup'].value;
const committee: BranchCommitteeRule = ruleCatalogue['branch.committee'].value;
const term: BranchTermRule = ruleCatalogue['branch.term'].value;

const codes = (memberCount: number, positions: LeaderPosition[], kind = 'branch' as const) =>
  sizeWarnings({ kind, memberCount, positions }, setup, committee).map((w) => w.code);

describe('branch size rules (branch.setup, branch.committee)', () => {
  it('2 members: too small (联合团支部); 3 members: fine', () => {
    expect(codes(2, ['secretary'])).toEqual(['branch_too_small']);
    expect(codes(3, ['secretary'])).toEqual([]);
  });
  it('50 members fine, 51 too large', () => {
    const full: LeaderPosition[] = ['secretary', 'organising', 'publicity'];
    expect(codes(50, full)).toEqual([]);
    expect(codes(51, full)).toEqual(['branch_too_large']);
  });
  it('6 members with a secretary only: fine; 7: a committee of 3–5 is needed', () => {
    expect(codes(6, ['secretary'])).toEqual([]);
    expect(codes(7, ['secretary'])).toEqual(['committee_missing']);
    expect(codes(7, ['secretary', 'organising', 'publicity'])).toEqual([]);
    expect(codes(7, ['secretary', 'organising'])).toEqual(['committee_size', 'committee_positions']);
    expect(
      codes(20, ['secretary', 'deputy_secretary', 'organising', 'publicity', 'member', 'member']),
    ).toEqual(['committee_size']);
    expect(codes(40, Array(8).fill('member').concat(['secretary']) as LeaderPosition[])).toContain(
      'committee_too_large',
    );
  });
  it('no secretary is a warning for every kind; the message quotes the source', () => {
    const w = sizeWarnings({ kind: 'general_branch', memberCount: 0, positions: [] }, setup, committee);
    expect(w.map((x) => x.code)).toEqual(['secretary_missing']);
    expect(w[0]!.message).toContain('团支部工作条例');
    const small = sizeWarnings(
      { kind: 'branch', memberCount: 2, positions: ['secretary'] },
      setup,
      committee,
    );
    expect(small[0]!.message).toContain('联合团支部');
  });
  it('follows the rule data, not constants', () => {
    const w = sizeWarnings(
      { kind: 'branch', memberCount: 4, positions: ['secretary'] },
      { ...setup, minMembers: 5 },
      committee,
    );
    expect(w.map((x) => x.code)).toEqual(['branch_too_small']);
  });
});

describe('term (branch.term) and the 换届 due date', () => {
  it('student branches: 1 year; others 2–3 years, default 3', () => {
    const student = termPolicy({ kind: 'branch', sector: 'university', name: '计算机2301班团支部' }, term);
    expect(student).toMatchObject({ student: true, minYears: 1, maxYears: 1, defaultYears: 1 });
    expect(isStudentBranch({ kind: 'branch', sector: 'university', name: '教职工团支部' })).toBe(false);
    const other = termPolicy({ kind: 'branch', sector: 'rural', name: '某村团支部' }, term);
    expect(other).toMatchObject({ student: false, minYears: 2, maxYears: 3, defaultYears: 3 });
    expect(termYearsRefusal(3, other)).toBeNull();
    expect(termYearsRefusal(4, other)).toContain('2至3年');
    expect(termYearsRefusal(2, student)).toContain('学生团支部');
  });
  it('due date and overdue flag at the boundary', () => {
    expect(electionDue('2023-06-01', 3, '2026-06-01')).toMatchObject({
      dueOn: '2026-06-01',
      overdue: false,
      daysLeft: 0,
    });
    expect(electionDue('2023-06-01', 3, '2026-06-02')).toMatchObject({ overdue: true, daysLeft: -1 });
    expect(electionDue(null, 3, '2026-06-02')).toMatchObject({ dueOn: null, overdue: false });
    expect(addTermYears('2024-02-29', 1)).toBe('2025-02-28');
    expect(addTermYears('2024-02-29', 4)).toBe('2028-02-29');
  });
  it('election warnings', () => {
    const policy = termPolicy({ kind: 'branch', sector: 'rural', name: 'x' }, term);
    expect(electionWarnings(electionDue('2020-01-01', 3, '2026-01-01'), policy)[0]).toMatchObject({
      code: 'election_overdue',
    });
    expect(electionWarnings(electionDue(null, 3, '2026-01-01'), policy)[0]!.code).toBe('election_missing');
    expect(electionWarnings(electionDue('2025-01-01', 3, '2026-01-01'), policy)).toEqual([]);
  });
});
