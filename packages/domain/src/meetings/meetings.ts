/**
 * LIFE-1 三会两制一课: the four kinds of organisational-life record, the general meeting's quorum,
 * the required frequency per kind (rule `meetings.frequency`) and a branch's compliance calendar.
 * Pure: dates are Asia/Shanghai calendar dates ('YYYY-MM-DD'); months, quarters and years are
 * Shanghai periods (a meeting on 2026-03-31 in Shanghai belongs to March and to Q1).
 */
import { z } from 'zod';
import { parseDate } from '../dates';
import { ruleCatalogue } from '../rules';

function labelled<const T extends string>(labels: Record<T, string>) {
  return { values: Object.keys(labels) as [T, ...T[]], labels };
}

const kinds = labelled({
  general_meeting: '支部团员大会',
  committee_meeting: '支部委员会',
  group_meeting: '团小组会',
  league_lesson: '团课',
});
export const MEETING_KINDS = kinds.values;
export type MeetingKind = (typeof MEETING_KINDS)[number];
export const meetingKindLabel: Record<MeetingKind, string> = kinds.labels;
export const meetingKindSchema = z.enum(MEETING_KINDS, { error: '会议类型无效' });

export type MeetingsRule = z.infer<(typeof ruleCatalogue)['meetings.frequency']['schema']>;

export const PERIOD_UNITS = ['month', 'quarter', 'year'] as const;
export type PeriodUnit = (typeof PERIOD_UNITS)[number];
export const periodUnitLabel: Record<PeriodUnit, string> = { month: '每月', quarter: '每季度', year: '每年' };

export interface KindRequirement {
  kind: MeetingKind;
  /** null: no minimum (as needed) — the kind is not part of compliance. */
  period: PeriodUnit | null;
  minCount: number;
  /** '每季度至少1次' / '按需召开' */
  text: string;
}

/** The requirement of each kind under a version of `meetings.frequency`. */
export function meetingRequirements(rule: MeetingsRule): Record<MeetingKind, KindRequirement> {
  const req = (kind: MeetingKind, period: PeriodUnit, minCount: number): KindRequirement =>
    minCount > 0
      ? { kind, period, minCount, text: `${periodUnitLabel[period]}至少${minCount}次` }
      : { kind, period: null, minCount: 0, text: '按需召开' };
  return {
    general_meeting: req('general_meeting', 'quarter', rule.generalMeeting.perQuarter),
    committee_meeting: req('committee_meeting', 'month', rule.committeeMeeting.perMonth),
    group_meeting: req('group_meeting', rule.groupMeeting.period ?? 'quarter', rule.groupMeeting.minimum),
    league_lesson: req('league_lesson', 'year', rule.leagueLesson.perYear),
  };
}

// ------------------------------------------------------------------------------------------ quorum

/**
 * 支部团员大会: the meeting is quorate when more than `fraction` of the members entitled to attend
 * are present (more than half by default: 10 members → 6 needed; exactly half is not enough).
 */
export function meetingQuorumMet(present: number, entitled: number, fraction: number): boolean {
  if (entitled <= 0) return false;
  return present > entitled * fraction;
}

/** The smallest number present that makes the meeting quorate. */
export function meetingQuorumNeeded(entitled: number, fraction: number): number {
  if (entitled <= 0) return 1;
  let n = Math.floor(entitled * fraction);
  while (!meetingQuorumMet(n, entitled, fraction)) n += 1;
  return n;
}

/** Chinese refusal-style note for a general meeting below quorum, else null. */
export function meetingQuorumNote(present: number, entitled: number, fraction: number): string | null {
  if (meetingQuorumMet(present, entitled, fraction)) return null;
  const source = ruleCatalogue['meetings.frequency'].source;
  return `未达法定人数：应到${entitled}人，实到${present}人，须超过${fractionText(fraction)}（至少${meetingQuorumNeeded(entitled, fraction)}人）（${source}）`;
}

/** 0.5 → '半数', 2/3 → '三分之二', else a percentage. */
export function fractionText(fraction: number): string {
  if (fraction === 0.5) return '半数';
  if (Math.abs(fraction - 2 / 3) < 1e-9) return '三分之二';
  if (Math.abs(fraction - 1 / 3) < 1e-9) return '三分之一';
  return `${Math.round(fraction * 1000) / 10}%`;
}

// ------------------------------------------------------------------------------------------ periods

export interface Period {
  unit: PeriodUnit;
  /** '2026-03', '2026-Q1', '2026' */
  key: string;
  /** '3月', '第1季度', '2026年' */
  label: string;
  start: string;
  end: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
function lastDay(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function monthPeriod(year: number, month: number): Period {
  return {
    unit: 'month',
    key: `${year}-${pad(month)}`,
    label: `${month}月`,
    start: `${year}-${pad(month)}-01`,
    end: `${year}-${pad(month)}-${pad(lastDay(year, month))}`,
  };
}

function quarterPeriod(year: number, q: number): Period {
  const first = (q - 1) * 3 + 1;
  return {
    unit: 'quarter',
    key: `${year}-Q${q}`,
    label: `第${q}季度`,
    start: `${year}-${pad(first)}-01`,
    end: `${year}-${pad(first + 2)}-${pad(lastDay(year, first + 2))}`,
  };
}

function yearPeriod(year: number): Period {
  return {
    unit: 'year',
    key: String(year),
    label: `${year}年`,
    start: `${year}-01-01`,
    end: `${year}-12-31`,
  };
}

/** The periods of a unit in a calendar year, in order. */
export function periodsOfYear(year: number, unit: PeriodUnit): Period[] {
  if (unit === 'month') return Array.from({ length: 12 }, (_, i) => monthPeriod(year, i + 1));
  if (unit === 'quarter') return [1, 2, 3, 4].map((q) => quarterPeriod(year, q));
  return [yearPeriod(year)];
}

/** The period of a unit that contains a (Shanghai) date. */
export function periodOf(date: string, unit: PeriodUnit): Period {
  const p = parseDate(date);
  if (unit === 'month') return monthPeriod(p.year, p.month);
  if (unit === 'quarter') return quarterPeriod(p.year, Math.floor((p.month - 1) / 3) + 1);
  return yearPeriod(p.year);
}

// ------------------------------------------------------------------------------------------ calendar

export const COMPLIANCE_STATUSES = ['met', 'missing', 'upcoming', 'not_applicable'] as const;
export type ComplianceStatus = (typeof COMPLIANCE_STATUSES)[number];
export const complianceStatusLabel: Record<ComplianceStatus, string> = {
  met: '已落实',
  missing: '未落实',
  upcoming: '进行中',
  not_applicable: '不适用',
};

/** A recorded meeting as the calendar sees it: `counts` is false for a general meeting below quorum. */
export interface CalendarMeeting {
  kind: MeetingKind;
  heldOn: string;
  counts: boolean;
}

export interface CalendarInput {
  year: number;
  /** Today in Shanghai. */
  today: string;
  /** The branch's founding date; periods that began before it are not applicable. */
  foundedOn: string | null;
  /** Active members now (a 支部委员会 is required only from `branch.committee`'s threshold). */
  memberCount: number;
  meetings: readonly CalendarMeeting[];
  /** `meetings.frequency` in force on a date (the period's first day is asked). */
  frequencyOn: (date: string) => MeetingsRule;
  /** `branch.committee.committeeFromMembers` in force on a date. */
  committeeFromMembersOn: (date: string) => number;
}

export interface CalendarCell extends Period {
  status: ComplianceStatus;
  /** Meetings held in the period that count (quorate). */
  count: number;
  /** Meetings held that do not count (general meetings below quorum). */
  notCounted: number;
  required: number;
  /** Why a period is not applicable. */
  reason: string | null;
}

export interface CalendarRow {
  kind: MeetingKind;
  label: string;
  requirement: KindRequirement;
  cells: CalendarCell[];
}

export interface ComplianceTally {
  met: number;
  missing: number;
  upcoming: number;
  notApplicable: number;
}

export interface ComplianceCalendar {
  year: number;
  rows: CalendarRow[];
  tally: ComplianceTally;
  /** ‰ of periods met among the periods that are over or met: met / (met + missing); null when none. */
  permille: number | null;
}

export function emptyComplianceTally(): ComplianceTally {
  return { met: 0, missing: 0, upcoming: 0, notApplicable: 0 };
}

export function addComplianceTally(into: ComplianceTally, t: ComplianceTally): ComplianceTally {
  into.met += t.met;
  into.missing += t.missing;
  into.upcoming += t.upcoming;
  into.notApplicable += t.notApplicable;
  return into;
}

/** met / (met + missing) in ‰, half up; null when nothing is due yet. */
export function compliancePermille(t: ComplianceTally): number | null {
  const due = t.met + t.missing;
  if (due === 0) return null;
  return Math.floor((t.met * 1000 * 2 + due) / (due * 2));
}

function statusOf(
  period: Period,
  requirement: KindRequirement,
  count: number,
  today: string,
  notApplicable: string | null,
): { status: ComplianceStatus; reason: string | null } {
  if (notApplicable) return { status: 'not_applicable', reason: notApplicable };
  if (count >= requirement.minCount) return { status: 'met', reason: null };
  if (period.end < today) return { status: 'missing', reason: null };
  return { status: 'upcoming', reason: null };
}

/** The compliance calendar of one branch for one year: every period of every kind. */
export function complianceCalendar(input: CalendarInput): ComplianceCalendar {
  const tally = emptyComplianceTally();
  const rows: CalendarRow[] = MEETING_KINDS.map((kind) => {
    const yearReq = meetingRequirements(input.frequencyOn(`${input.year}-01-01`))[kind];
    const unit = yearReq.period ?? (kind === 'group_meeting' ? 'quarter' : 'year');
    const cells = periodsOfYear(input.year, unit).map((period): CalendarCell => {
      const requirement = meetingRequirements(input.frequencyOn(period.start))[kind];
      const inPeriod = input.meetings.filter(
        (m) => m.kind === kind && m.heldOn >= period.start && m.heldOn <= period.end,
      );
      const count = inPeriod.filter((m) => m.counts).length;
      const notCounted = inPeriod.length - count;
      let na: string | null = null;
      if (requirement.period === null) na = '按需召开，不作频次要求';
      else if (requirement.period !== unit) na = '频次规定在本年度内有变更，按新周期统计';
      else if (input.foundedOn && input.foundedOn > period.start) na = '本周期开始后才成立';
      else if (kind === 'committee_meeting') {
        const threshold = input.committeeFromMembersOn(period.start);
        if (input.memberCount < threshold) na = `团员不足${threshold}人，不设支部委员会`;
      }
      const { status, reason } = statusOf(period, requirement, count, input.today, na);
      if (status === 'met') tally.met += 1;
      else if (status === 'missing') tally.missing += 1;
      else if (status === 'upcoming') tally.upcoming += 1;
      else tally.notApplicable += 1;
      return { ...period, status, count, notCounted, required: requirement.minCount, reason };
    });
    return { kind, label: meetingKindLabel[kind], requirement: yearReq, cells };
  });
  return { year: input.year, rows, tally, permille: compliancePermille(tally) };
}
