/**
 * RECT-1…RECT-5 整理整顿: the 团支部整顿参考标准 checklist (rule `rectification.checklist`), the four
 * health-check sources and their weights (rule `rectification.sources`), scores, the superior's
 * ranking with the bottom cut (rule `rectification.bottomShare`) and the two-round rule
 * (rule `rectification.improvement`). Pure functions; every number comes from the rule values passed in.
 *
 * Definitions (stated here, used everywhere):
 * - An input (one submission of one source) grades each checklist item with a grade of the rule
 *   (符合 / 基本符合 / 不符合 …, each worth a percent). Input score = Σ(item weight × grade percent) ÷
 *   Σ(item weight) over the items graded, 0–100, one decimal. Items left ungraded do not count.
 * - Source score = the mean of that source's input scores (members and peers may submit several).
 * - Overall = Σ(source weight × source score) ÷ Σ(source weight) over the sources that have input,
 *   one decimal; null while no source has input. A check without an overall score is not ranked.
 * - Ranking: by overall descending; equal scores share a place (1, 2, 2, 4).
 * - Bottom cut: k = ⌈n × bottomPercent ÷ 100⌉ of the n ranked branches (20 % of 30 → 6, of 31 → 7:
 *   the spec's "bottom 20 %" is a share to rectify at least, so a fraction rounds up). The cut score is
 *   the k-th lowest score; **every branch scoring at or below it is inside** — ties at the boundary are
 *   included, because two branches with the same score must be treated the same and rectification errs
 *   on the side of attention (so the list can be longer than k; with everyone tied, everyone is in).
 * - Marked improvement: a branch on the key list in year Y−1 improved markedly in year Y when its
 *   overall rose by at least `minGainPoints`. `consecutiveRounds` rounds in a row without it → an
 *   ORG-6 adjust / merge / dissolve proposal.
 */

export const HEALTH_CHECK_SOURCES = ['member', 'self', 'superior', 'peer'] as const;
export type HealthCheckSource = (typeof HEALTH_CHECK_SOURCES)[number];
export const healthCheckSourceLabel: Record<HealthCheckSource, string> = {
  member: '团员提',
  self: '支部查',
  superior: '上级点',
  peer: '互相评',
};

export interface ChecklistItem {
  key: string;
  label: string;
  weight: number;
}
export interface ChecklistGroup {
  key: string;
  label: string;
  items: readonly ChecklistItem[];
}
export interface ChecklistGrade {
  key: string;
  label: string;
  percent: number;
}
export interface RectificationChecklist {
  groups: readonly ChecklistGroup[];
  grades: readonly ChecklistGrade[];
}
export interface SourceWeights {
  weights: Record<HealthCheckSource, number>;
}
export interface BottomShareRule {
  bottomPercent: number;
}
export interface ImprovementRule {
  minGainPoints: number;
  consecutiveRounds: number;
}

export const HEALTH_CHECK_STATUSES = ['open', 'closed'] as const;
export type HealthCheckStatus = (typeof HEALTH_CHECK_STATUSES)[number];
export const healthCheckStatusLabel: Record<HealthCheckStatus, string> = {
  open: '体检中',
  closed: '已结束',
};

export const RECTIFICATION_TASK_STATUSES = ['open', 'submitted', 'confirmed', 'overdue'] as const;
export type RectificationTaskStatus = (typeof RECTIFICATION_TASK_STATUSES)[number];
export const rectificationTaskStatusLabel: Record<RectificationTaskStatus, string> = {
  open: '整改中',
  submitted: '待销号',
  confirmed: '已销号',
  overdue: '逾期',
};

export const RECTIFICATION_WARNING_KINDS = ['circular', 'talk'] as const;
export type RectificationWarningKind = (typeof RECTIFICATION_WARNING_KINDS)[number];
export const rectificationWarningKindLabel: Record<RectificationWarningKind, string> = {
  circular: '通报',
  talk: '约谈',
};

export const ACCEPTANCE_RESULTS = ['passed', 'failed'] as const;
export type AcceptanceResult = (typeof ACCEPTANCE_RESULTS)[number];
export const acceptanceResultLabel: Record<AcceptanceResult, string> = {
  passed: '验收通过',
  failed: '验收未通过',
};

/** Every item of the checklist, flattened, with its group. */
export function checklistItems(checklist: RectificationChecklist): (ChecklistItem & { group: string })[] {
  return checklist.groups.flatMap((g) => g.items.map((i) => ({ ...i, group: g.key })));
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

/**
 * Check an input's grades against the checklist: unknown item or grade keys are refused (Chinese),
 * at least one item must be graded.
 */
export function validateGrades(
  checklist: RectificationChecklist,
  grades: Record<string, string>,
): string | null {
  const items = new Set(checklistItems(checklist).map((i) => i.key));
  const gradeKeys = new Set(checklist.grades.map((g) => g.key));
  const entries = Object.entries(grades);
  if (entries.length === 0) return '请至少评价一项';
  for (const [item, grade] of entries) {
    if (!items.has(item)) return `评价项目不存在：${item}`;
    if (!gradeKeys.has(grade)) return `评价等级无效：${grade}`;
  }
  return null;
}

/** Score of one input, 0–100 with one decimal; null when nothing known was graded. */
export function inputScore(checklist: RectificationChecklist, grades: Record<string, string>): number | null {
  const percent = new Map(checklist.grades.map((g) => [g.key, g.percent]));
  let weight = 0;
  let sum = 0;
  for (const item of checklistItems(checklist)) {
    const g = grades[item.key];
    if (g === undefined) continue;
    const p = percent.get(g);
    if (p === undefined) continue;
    weight += item.weight;
    sum += item.weight * p;
  }
  return weight > 0 ? round1(sum / weight) : null;
}

/** Mean of a source's input scores (one decimal); null without input. */
export function sourceScore(inputScores: readonly number[]): number | null {
  if (inputScores.length === 0) return null;
  return round1(inputScores.reduce((a, b) => a + b, 0) / inputScores.length);
}

/** Overall 0–100 from the source scores present, re-weighted over them; null when none. */
export function overallScore(
  scores: Partial<Record<HealthCheckSource, number | null>>,
  rule: SourceWeights,
): number | null {
  let weight = 0;
  let sum = 0;
  for (const s of HEALTH_CHECK_SOURCES) {
    const v = scores[s];
    if (v === null || v === undefined) continue;
    const w = rule.weights[s];
    weight += w;
    sum += w * v;
  }
  return weight > 0 ? round1(sum / weight) : null;
}

export interface Ranked<T> {
  item: T;
  score: number;
  /** 1 = best; equal scores share a place. */
  rank: number;
  inCut: boolean;
}

/** How many branches the bottom share names before ties: ⌈n × percent ÷ 100⌉. */
export function bottomCutSize(n: number, rule: BottomShareRule): number {
  if (n <= 0) return 0;
  // integer arithmetic avoids 20 × 30 / 100 = 6.000000001 style surprises
  return Math.min(n, Math.ceil((n * Math.round(rule.bottomPercent * 100)) / 10000));
}

/**
 * Rank scored items (best first) and mark the bottom cut (ties at the boundary included — see the
 * module comment). Items with a null score are left out (not ranked).
 */
export function rankWithBottomCut<T>(
  items: readonly T[],
  scoreOf: (t: T) => number | null,
  rule: BottomShareRule,
): Ranked<T>[] {
  const scored = items
    .map((item) => ({ item, score: scoreOf(item) }))
    .filter((x): x is { item: T; score: number } => x.score !== null)
    .sort((a, b) => b.score - a.score);
  const k = bottomCutSize(scored.length, rule);
  const cutScore = k > 0 ? scored[scored.length - k]?.score : undefined;
  let rank = 0;
  return scored.map((x, i) => {
    if (i === 0 || x.score !== scored[i - 1]?.score) rank = i + 1;
    return { item: x.item, score: x.score, rank, inCut: cutScore !== undefined && x.score <= cutScore };
  });
}

export interface YearScore {
  year: number;
  overall: number | null;
  /** On the key-rectification list after that year's check. */
  keyTarget: boolean;
}

/**
 * Consecutive rounds, ending with the latest year, in which a branch on the key list the year before
 * did not improve markedly (gain < minGainPoints, or no score). Years must be consecutive.
 */
export function roundsWithoutMarkedImprovement(history: readonly YearScore[], rule: ImprovementRule): number {
  const byYear = new Map(history.map((h) => [h.year, h]));
  const latest = Math.max(...history.map((h) => h.year));
  let count = 0;
  for (let y = latest; ; y--) {
    const cur = byYear.get(y);
    const prev = byYear.get(y - 1);
    if (!cur || !prev?.keyTarget) break;
    const gain = cur.overall !== null && prev.overall !== null ? cur.overall - prev.overall : null;
    if (gain !== null && gain >= rule.minGainPoints) break;
    count++;
  }
  return count;
}

export function needsAdjustmentProposal(history: readonly YearScore[], rule: ImprovementRule): boolean {
  return history.length > 0 && roundsWithoutMarkedImprovement(history, rule) >= rule.consecutiveRounds;
}

/** A task is overdue when still open / submitted-not-confirmed after its deadline (Shanghai date). */
export function isTaskOverdue(
  task: { status: RectificationTaskStatus; deadline: string },
  today: string,
): boolean {
  return (task.status === 'open' || task.status === 'overdue') && task.deadline < today;
}
