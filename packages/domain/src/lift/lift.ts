/**
 * LIFT-1 indicator formulas and the data-quality ("僵尸支部") rule, pure.
 */
import { addMonthsToDate } from '../development/development';
import type { LeaderPosition } from '../org';

/** A rate in percent with one decimal, null when there is nothing to count. */
export function percent(numerator: number, denominator: number): number | null {
  if (!(denominator > 0)) return null;
  return Math.round((numerator * 1000) / denominator) / 10;
}

/** permille (0–1000) → percent with one decimal. */
export function permilleToPercent(permille: number | null | undefined): number | null {
  return typeof permille === 'number' ? Math.round(permille) / 10 : null;
}

export interface CadreStaffing {
  /** positions the rule asks for */
  required: number;
  /** of those, filled by a serving leader */
  filled: number;
  staffed: boolean;
}

/**
 * Cadre staffing of one organisation under rule `branch.committee`: a 团支部 with at least
 * `committeeFromMembers` active members needs a 支部委员会 with 书记, 组织委员 and 宣传委员; every
 * other organisation needs at least a 书记.
 */
export function cadreStaffing(
  input: { kind: string; memberCount: number; positions: readonly LeaderPosition[] },
  rule: { committeeFromMembers: number },
): CadreStaffing {
  const needed: LeaderPosition[] =
    input.kind === 'branch' && input.memberCount >= rule.committeeFromMembers
      ? ['secretary', 'organising', 'publicity']
      : ['secretary'];
  const filled = needed.filter((p) => input.positions.includes(p)).length;
  return { required: needed.length, filled, staffed: filled === needed.length };
}

/** Year-over-year change of a figure: null when either side is missing. */
export function yearOverYear(current: number | null, previous: number | null): number | null {
  if (current === null || previous === null) return null;
  return Math.round((current - previous) * 10) / 10;
}

export interface ZombieFacts {
  foundedOn: string | null;
  lastMeetingOn: string | null;
  lastThemeDayOn: string | null;
  lastDuesOn: string | null;
  lastCheckInOn: string | null;
}

export interface ZombieVerdict {
  zombie: boolean;
  /** the first day of the window: activity on or after it counts */
  since: string;
  lastActivityOn: string | null;
}

/**
 * Rule `dataQuality.zombie`: a 团支部 with no meeting, no theme day, no dues payment and no check-in
 * on or after `today − months` is a suspected "zombie". A branch founded inside the window is not
 * (it has not had the time).
 */
export function zombieVerdict(facts: ZombieFacts, today: string, rule: { months: number }): ZombieVerdict {
  const since = addMonthsToDate(today, -rule.months);
  const dates = [facts.lastMeetingOn, facts.lastThemeDayOn, facts.lastDuesOn, facts.lastCheckInOn].filter(
    (d): d is string => typeof d === 'string',
  );
  const lastActivityOn = dates.sort().at(-1) ?? null;
  const young = facts.foundedOn !== null && facts.foundedOn >= since;
  return { zombie: !young && (lastActivityOn === null || lastActivityOn < since), since, lastActivityOn };
}
