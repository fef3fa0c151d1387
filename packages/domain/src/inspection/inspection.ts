/**
 * SUP-1 季度督导检查 and SUP-2 好经验好做法 (DOMAIN.md §7): quarters in Asia/Shanghai, the six
 * methods, the six inspection sectors of the seed (mapped onto the organisation sectors), finding
 * severities and statuses, and the half-year of a good practice.
 */
import { addDays, parseDate, quarterOf, todayInShanghai } from '../dates';
import type { Sector } from '../enums';

function labelled<const T extends string>(labels: Record<T, string>) {
  return { values: Object.keys(labels) as [T, ...T[]], labels };
}

const methods = labelled({
  unannounced_visit: '明察暗访',
  hearing_report: '听取汇报',
  site_visit: '实地查看',
  ledger_review: '调阅台账',
  symposium: '专题座谈',
  individual_talk: '个别谈话',
});
export const INSPECTION_METHODS = methods.values;
export type InspectionMethod = (typeof INSPECTION_METHODS)[number];
export const inspectionMethodLabel: Record<InspectionMethod, string> = methods.labels;

const sectors = labelled({
  school: '学校',
  state_enterprise: '国有企业',
  public_institution: '机关事业单位',
  subdistrict_township: '街道乡镇',
  community_rural: '社区农村',
  non_public_social: '非公有制经济组织和社会组织',
});
/** The six sectors of the city's inspections and exchanges (the seed's wording). */
export const INSPECTION_SECTORS = sectors.values;
export type InspectionSector = (typeof INSPECTION_SECTORS)[number];
export const inspectionSectorLabel: Record<InspectionSector, string> = sectors.labels;

/** Which organisation sectors (enums `SECTORS`) each inspection sector covers. */
export const INSPECTION_SECTOR_ORG_SECTORS: Record<InspectionSector, readonly Sector[]> = {
  school: ['university', 'vocational_school', 'high_school', 'middle_school'],
  state_enterprise: ['state_enterprise'],
  public_institution: ['public_institution'],
  subdistrict_township: ['subdistrict_township'],
  community_rural: ['community', 'rural'],
  non_public_social: ['non_public_enterprise', 'social_organisation', 'internet'],
};

/** The inspection sector of an organisation sector (null for an organisation without one). */
export function inspectionSectorOf(sector: string | null | undefined): InspectionSector | null {
  if (!sector) return null;
  for (const key of INSPECTION_SECTORS) {
    if ((INSPECTION_SECTOR_ORG_SECTORS[key] as readonly string[]).includes(sector)) return key;
  }
  return null;
}

const severities = labelled({ minor: '轻微', general: '一般', serious: '严重' });
export const FINDING_SEVERITIES = severities.values;
export type FindingSeverity = (typeof FINDING_SEVERITIES)[number];
export const findingSeverityLabel: Record<FindingSeverity, string> = severities.labels;

/**
 * open (待答复) → answered (已答复) → closed (已销号), or answered → returned (退回重新整改) →
 * answered again.
 */
const findingStatuses = labelled({
  open: '待答复',
  answered: '已答复',
  returned: '退回整改',
  closed: '已销号',
});
export const FINDING_STATUSES = findingStatuses.values;
export type FindingStatus = (typeof FINDING_STATUSES)[number];
export const findingStatusLabel: Record<FindingStatus, string> = findingStatuses.labels;

const planStatuses = labelled({ draft: '筹备中', active: '检查中', closed: '已结束' });
export const INSPECTION_PLAN_STATUSES = planStatuses.values;
export type InspectionPlanStatus = (typeof INSPECTION_PLAN_STATUSES)[number];
export const inspectionPlanStatusLabel: Record<InspectionPlanStatus, string> = planStatuses.labels;

const practiceStatuses = labelled({ submitted: '待推广', promoted: '全市推广', declined: '未采纳' });
export const GOOD_PRACTICE_STATUSES = practiceStatuses.values;
export type GoodPracticeStatus = (typeof GOOD_PRACTICE_STATUSES)[number];
export const goodPracticeStatusLabel: Record<GoodPracticeStatus, string> = practiceStatuses.labels;

export interface QuarterPeriod {
  year: number;
  quarter: 1 | 2 | 3 | 4;
  /** first day, 'YYYY-MM-DD' (Shanghai calendar) */
  start: string;
  /** last day, 'YYYY-MM-DD' */
  end: string;
  label: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The quarter as Shanghai calendar dates: Q1 = 1 Jan … 31 Mar. */
export function quarterPeriod(year: number, quarter: number): QuarterPeriod {
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new RangeError(`年份无效：${year}`);
  if (!Number.isInteger(quarter) || quarter < 1 || quarter > 4)
    throw new RangeError(`季度应为1–4：${quarter}`);
  const firstMonth = (quarter - 1) * 3 + 1;
  const start = `${year}-${pad(firstMonth)}-01`;
  const nextStart = quarter === 4 ? `${year + 1}-01-01` : `${year}-${pad(firstMonth + 3)}-01`;
  return {
    year,
    quarter: quarter as QuarterPeriod['quarter'],
    start,
    end: addDays(nextStart, -1),
    label: `${year}年第${'一二三四'[quarter - 1]}季度`,
  };
}

/** The Shanghai quarter an instant falls in. */
export function quarterAt(now: Date): QuarterPeriod {
  const today = todayInShanghai(now);
  return quarterPeriod(parseDate(today).year, quarterOf(today));
}

/** The quarter before (Q1 → Q4 of the year before). */
export function previousQuarter(p: Pick<QuarterPeriod, 'year' | 'quarter'>): QuarterPeriod {
  return p.quarter === 1 ? quarterPeriod(p.year - 1, 4) : quarterPeriod(p.year, p.quarter - 1);
}

/** 'YYYY-H1' | 'YYYY-H2' of a Shanghai date (半年观摩交流). */
export function halfYearOf(date: string): string {
  const { year, month } = parseDate(date);
  return `${year}-H${month <= 6 ? 1 : 2}`;
}

export const HALF_YEAR_RE = /^\d{4}-H[12]$/;

export function halfYearLabel(halfYear: string): string {
  if (!HALF_YEAR_RE.test(halfYear)) throw new RangeError(`半年度格式应为 YYYY-H1 / YYYY-H2：${halfYear}`);
  return `${halfYear.slice(0, 4)}年${halfYear.endsWith('1') ? '上半年' : '下半年'}`;
}

/** The rectification deadline proposed for a finding recorded on `recordedOn` (rule `inspection.findings`). */
export function defaultRectificationDeadline(
  recordedOn: string,
  rule: { rectificationDays: number },
): string {
  return addDays(recordedOn, rule.rectificationDays);
}

/** A finding still waiting for the inspected organisation (to answer, or to answer again). */
export function awaitsAnswer(status: FindingStatus): boolean {
  return status === 'open' || status === 'returned';
}

/** Overdue: still waiting for an answer after the deadline day (Shanghai) has passed. */
export function findingOverdue(f: { status: FindingStatus; deadline: string }, today: string): boolean {
  return awaitsAnswer(f.status) && f.deadline < today;
}

/** Whether a finding may move from `from` to `to` (answer, accept, return). */
export function canMoveFinding(from: FindingStatus, to: FindingStatus): boolean {
  if (to === 'answered') return from === 'open' || from === 'returned';
  if (to === 'closed' || to === 'returned') return from === 'answered';
  return false;
}

/** Tags of a good practice: trimmed, de-duplicated, ≤ 10 of ≤ 20 characters; refusals in Chinese. */
export function normaliseTags(tags: readonly string[]): string[] {
  const out: string[] = [];
  for (const raw of tags) {
    const t = raw.trim().replace(/^#/, '').trim();
    if (!t) continue;
    if (t.length > 20) throw new RangeError(`标签“${t}”过长：每个标签不超过20个字`);
    if (!out.includes(t)) out.push(t);
  }
  if (out.length > 10) throw new RangeError('标签最多10个');
  return out;
}
