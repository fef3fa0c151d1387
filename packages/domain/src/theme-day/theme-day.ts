/**
 * LIFE-2 主题团日+: each 团支部, each month (Asia/Shanghai), one theme day with the seven required
 * actions (七事联动) ticked with evidence, at least one self-chosen action (自选动作), ceremony photos
 * (团旗, 入团誓词, 团徽, 团章) and member check-in. What is required is rule data
 * (`themeDay.requirements`, rules.ts); this module evaluates a month's record against it.
 *
 * Definitions (stated here, used everywhere):
 * - complete: the record exists, check-in has been closed (the event was held), every required
 *   action is ticked with evidence (text or at least one photo), at least `minSelfChosenActions`
 *   self-chosen actions have a title and evidence, and every ceremony item has at least one photo;
 * - incomplete: the record exists but something above is missing (listed in Chinese);
 * - absent: no record for the month.
 * - participation rate = distinct members who checked in ÷ active members of the branch at the event
 *   (counted when check-in closes and kept with the record; while check-in is open, counted live),
 *   as permille (one decimal of a percent), null when the branch has no active member.
 */
import { shanghaiMonth } from '../dates';

export interface ThemeDayItemRule {
  key: string;
  label: string;
}

export interface ThemeDayRequirements {
  requiredActions: readonly ThemeDayItemRule[];
  ceremonyItems: readonly ThemeDayItemRule[];
  minSelfChosenActions: number;
}

const statuses = {
  draft: '筹备中',
  open: '签到中',
  closed: '已结束',
} as const;
export type ThemeDayStatus = keyof typeof statuses;
export const THEME_DAY_STATUSES = Object.keys(statuses) as [ThemeDayStatus, ...ThemeDayStatus[]];
export const themeDayStatusLabel: Record<ThemeDayStatus, string> = statuses;

const completeness = {
  complete: '已完成',
  incomplete: '未完成',
  absent: '未开展',
} as const;
export type ThemeDayCompleteness = keyof typeof completeness;
export const THEME_DAY_COMPLETENESS = Object.keys(completeness) as [
  ThemeDayCompleteness,
  ...ThemeDayCompleteness[],
];
export const themeDayCompletenessLabel: Record<ThemeDayCompleteness, string> = completeness;

export interface ThemeDayActionRecord {
  key: string;
  done: boolean;
  evidence: string | null;
  photoCount: number;
}

export interface ThemeDaySelfActionRecord {
  title: string;
  evidence: string | null;
  photoCount: number;
}

export interface ThemeDayRecord {
  status: ThemeDayStatus;
  actions: ThemeDayActionRecord[];
  selfChosen: ThemeDaySelfActionRecord[];
  /** item key → number of photos */
  ceremonyPhotos: Record<string, number>;
}

export interface ThemeDayEvaluation {
  status: ThemeDayCompleteness;
  /** What is missing, in Chinese, in the order of the rule (empty when complete or absent). */
  missing: string[];
}

function hasEvidence(evidence: string | null, photoCount: number): boolean {
  return (evidence?.trim().length ?? 0) > 0 || photoCount > 0;
}

/** An action counts when it is ticked and carries evidence (text or at least one photo). */
export function actionFulfilled(a: ThemeDayActionRecord | undefined): boolean {
  return !!a && a.done && hasEvidence(a.evidence, a.photoCount);
}

export function selfActionFulfilled(a: ThemeDaySelfActionRecord): boolean {
  return a.title.trim().length > 0 && hasEvidence(a.evidence, a.photoCount);
}

/** Evaluate a month's record (null = no record) against the requirements in force. */
export function evaluateThemeDay(
  record: ThemeDayRecord | null,
  rule: ThemeDayRequirements,
): ThemeDayEvaluation {
  if (!record) return { status: 'absent', missing: [] };
  const missing: string[] = [];
  const byKey = new Map(record.actions.map((a) => [a.key, a]));
  for (const r of rule.requiredActions) {
    const a = byKey.get(r.key);
    if (!a?.done) missing.push(`规定动作“${r.label}”未完成`);
    else if (!actionFulfilled(a)) missing.push(`规定动作“${r.label}”缺少佐证`);
  }
  const selfDone = record.selfChosen.filter(selfActionFulfilled).length;
  if (selfDone < rule.minSelfChosenActions) {
    missing.push(
      rule.minSelfChosenActions === 1
        ? '缺少自选动作（至少1项，须有佐证）'
        : `自选动作不足${rule.minSelfChosenActions}项（已有${selfDone}项，须有佐证）`,
    );
  }
  for (const c of rule.ceremonyItems) {
    if ((record.ceremonyPhotos[c.key] ?? 0) < 1) missing.push(`缺少仪式照片：${c.label}`);
  }
  if (record.status !== 'closed') missing.push('活动签到尚未结束');
  return { status: missing.length === 0 ? 'complete' : 'incomplete', missing };
}

/** Participation as permille (875 = 87.5 %), rounded half up; null when the branch has no active member. */
export function participationPermille(checkedIn: number, activeMembers: number): number | null {
  if (activeMembers <= 0) return null;
  return Math.floor((checkedIn * 1000 * 2 + activeMembers) / (activeMembers * 2));
}

/** Completion rate of a set of branches as permille; null when there is no branch. */
export function completionPermille(complete: number, total: number): number | null {
  return participationPermille(complete, total);
}

/** The theme-day month of an instant: its Shanghai calendar month 'YYYY-MM'. */
export function themeDayMonth(now: Date): string {
  return shanghaiMonth(now);
}

/** Check-in codes: digits only (easy to type on a phone keypad). */
export const CHECK_IN_CODE_ALPHABET = '0123456789';
export const CHECK_IN_CODE_LENGTH = 6;
const CODE_RE = new RegExp(`^[0-9]{${CHECK_IN_CODE_LENGTH}}$`);

/** Normalise what a member typed (full-width digits, spaces) → the code, or null if it cannot be one. */
export function normaliseCheckInCode(input: string): string | null {
  const s = input
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/\s+/g, '');
  return CODE_RE.test(s) ? s : null;
}
