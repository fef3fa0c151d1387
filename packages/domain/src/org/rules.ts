/**
 * Pure rules of the organisation system, parameterised by rule data (DOMAIN.md §10):
 * `branch.setup`, `branch.committee` (size warnings) and `branch.term` (换届 due date).
 */

import type { z } from 'zod';
import { parseDate } from '../dates';
import type { OrgKind, Sector } from '../enums';
import { ruleCatalogue } from '../rules';
import type { LeaderPosition } from './vocabulary';

export type BranchSetupRule = z.infer<(typeof ruleCatalogue)['branch.setup']['schema']>;
export type BranchCommitteeRule = z.infer<(typeof ruleCatalogue)['branch.committee']['schema']>;
export type BranchTermRule = z.infer<(typeof ruleCatalogue)['branch.term']['schema']>;

/** Add whole years to a date; 29 Feb lands on 28 Feb in a common year. */
export function addTermYears(date: string, years: number): string {
  const p = parseDate(date);
  const y = p.year + years;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const day = p.month === 2 && p.day === 29 && !leap ? 28 : p.day;
  return `${String(y).padStart(4, '0')}-${String(p.month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const SCHOOL_SECTORS: readonly Sector[] = ['university', 'vocational_school', 'high_school', 'middle_school'];

/**
 * A student branch (学生团支部): a 团支部 in a school sector that is not a staff branch (教职工/教师).
 * Its term is `studentBranchYears` (1 year).
 */
export function isStudentBranch(org: { kind: OrgKind; sector: string | null; name: string }): boolean {
  return (
    org.kind === 'branch' &&
    SCHOOL_SECTORS.includes(org.sector as Sector) &&
    !/教职工|教师|职工/.test(org.name)
  );
}

export interface TermPolicy {
  /** Allowed term lengths in years. */
  minYears: number;
  maxYears: number;
  /** Used when an election does not say. */
  defaultYears: number;
  student: boolean;
  /** Chinese explanation with the source, shown where the rule is applied. */
  explanation: string;
}

export function termPolicy(
  org: { kind: OrgKind; sector: string | null; name: string },
  rule: BranchTermRule,
): TermPolicy {
  const source = ruleCatalogue['branch.term'].source;
  if (isStudentBranch(org)) {
    return {
      minYears: rule.studentBranchYears,
      maxYears: rule.studentBranchYears,
      defaultYears: rule.studentBranchYears,
      student: true,
      explanation: `学生团支部每届任期${rule.studentBranchYears}年（${source}）`,
    };
  }
  return {
    minYears: rule.minYears,
    maxYears: rule.maxYears,
    defaultYears: rule.maxYears,
    student: false,
    explanation: `团组织每届任期${rule.minYears}至${rule.maxYears}年（${source}）`,
  };
}

/** Refusal message when a term length is outside the policy, else null. */
export function termYearsRefusal(years: number, policy: TermPolicy): string | null {
  if (years >= policy.minYears && years <= policy.maxYears) return null;
  return `任期${years}年不符合规定：${policy.explanation}`;
}

export interface ElectionDue {
  /** Start of the current term (last election date), null when none is recorded. */
  termStart: string | null;
  /** Due date of the next 换届, null when no election is recorded. */
  dueOn: string | null;
  overdue: boolean;
  /** Days until due (negative: overdue by). */
  daysLeft: number | null;
}

function daysBetween(from: string, to: string): number {
  const a = parseDate(from);
  const b = parseDate(to);
  return Math.round(
    (Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / 86_400_000,
  );
}

/** The next 换届 is due `termYears` after the last election; overdue when today is past it. */
export function electionDue(lastElectedOn: string | null, termYears: number, today: string): ElectionDue {
  if (!lastElectedOn) return { termStart: null, dueOn: null, overdue: false, daysLeft: null };
  const dueOn = addTermYears(lastElectedOn, termYears);
  const daysLeft = daysBetween(today, dueOn);
  return { termStart: lastElectedOn, dueOn, overdue: daysLeft < 0, daysLeft };
}

export type OrgWarningCode =
  | 'branch_too_small'
  | 'branch_too_large'
  | 'committee_missing'
  | 'committee_size'
  | 'committee_too_large'
  | 'committee_positions'
  | 'secretary_missing'
  | 'election_overdue'
  | 'election_missing';

export interface OrgWarning {
  code: OrgWarningCode;
  /** Chinese message quoting the rule and its source. */
  message: string;
  ruleKey: 'branch.setup' | 'branch.committee' | 'branch.term';
}

export interface SizeCheckInput {
  kind: OrgKind;
  /** Active members directly in the organisation. */
  memberCount: number;
  /** Positions of the serving leadership. */
  positions: readonly LeaderPosition[];
}

/**
 * Branch-size and leadership rules, as warnings (never refusals):
 * a 团支部 below `minMembers` (联合团支部) or above `normalMaxMembers`; from
 * `committeeFromMembers` members a 支部委员会 of `minSize`–`maxSize` (≤ `absoluteMax`) with
 * 书记, 组织委员, 宣传委员; below it at least a 书记.
 */
export function sizeWarnings(
  input: SizeCheckInput,
  setup: BranchSetupRule,
  committee: BranchCommitteeRule,
): OrgWarning[] {
  const out: OrgWarning[] = [];
  const setupSource = ruleCatalogue['branch.setup'].source;
  const committeeSource = ruleCatalogue['branch.committee'].source;
  const size = input.positions.length;
  const has = (p: LeaderPosition) => input.positions.includes(p);
  if (input.kind === 'branch') {
    if (input.memberCount < setup.minMembers) {
      out.push({
        code: 'branch_too_small',
        ruleKey: 'branch.setup',
        message: `团员${input.memberCount}人，不足${setup.minMembers}人，应与邻近单位联合成立联合团支部（${setupSource}）`,
      });
    } else if (input.memberCount > setup.normalMaxMembers) {
      out.push({
        code: 'branch_too_large',
        ruleKey: 'branch.setup',
        message: `团员${input.memberCount}人，超过${setup.normalMaxMembers}人，一般应分设团支部或成立团总支（${setupSource}）`,
      });
    }
    if (input.memberCount >= committee.committeeFromMembers) {
      if (size === 0 || (size === 1 && has('secretary'))) {
        out.push({
          code: 'committee_missing',
          ruleKey: 'branch.committee',
          message: `团员${input.memberCount}人，达到${committee.committeeFromMembers}人，应设立${committee.minSize}至${committee.maxSize}人的支部委员会（${committeeSource}）`,
        });
      } else if (size > committee.absoluteMax) {
        out.push({
          code: 'committee_too_large',
          ruleKey: 'branch.committee',
          message: `支部委员会${size}人，超过${committee.absoluteMax}人的上限（${committeeSource}）`,
        });
      } else if (size < committee.minSize || size > committee.maxSize) {
        out.push({
          code: 'committee_size',
          ruleKey: 'branch.committee',
          message: `支部委员会${size}人，应为${committee.minSize}至${committee.maxSize}人（${committeeSource}）`,
        });
      }
      if (size > 1) {
        const missing = (['secretary', 'organising', 'publicity'] as const).filter((p) => !has(p));
        if (missing.length) {
          const names = { secretary: '书记', organising: '组织委员', publicity: '宣传委员' };
          out.push({
            code: 'committee_positions',
            ruleKey: 'branch.committee',
            message: `支部委员会缺少${missing.map((p) => names[p]).join('、')}（${committeeSource}）`,
          });
        }
      }
    }
  }
  if (!has('secretary')) {
    out.push({
      code: 'secretary_missing',
      ruleKey: 'branch.committee',
      message: `未配备书记：团组织应至少设书记1人（${committeeSource}）`,
    });
  }
  return out;
}

/** Warnings about the 换届 (election) schedule. */
export function electionWarnings(due: ElectionDue, policy: TermPolicy): OrgWarning[] {
  if (!due.dueOn) {
    return [
      {
        code: 'election_missing',
        ruleKey: 'branch.term',
        message: `没有选举记录，无法确定换届时间（${policy.explanation}）`,
      },
    ];
  }
  if (due.overdue) {
    return [
      {
        code: 'election_overdue',
        ruleKey: 'branch.term',
        message: `换届已逾期${-(due.daysLeft ?? 0)}天（应于${due.dueOn}前换届；${policy.explanation}）`,
      },
    ];
  }
  return [];
}
