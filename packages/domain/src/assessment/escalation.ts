/**
 * SUP-3 年终考核评估: ranking of the city's assessed units and the escalation derived from the
 * rankings of consecutive years (rule `assessment.escalation`, DOMAIN §10 "seed").
 *
 * Stated rules (shown in the UI and in docs/CONTRACTS.md):
 * - Ranking: by total score, highest first; equal totals share a place (competition ranking
 *   1, 2, 2, 4).
 * - Bottom N (N = `bottomPlaces`, default 3): a unit's place counted from the bottom is the number
 *   of units with a strictly lower total plus one; a unit is in the bottom N when that place is
 *   ≤ N. So every unit tied with the N-th from the bottom counts as bottom N (ties at place 3 never
 *   let a unit escape; the bottom group can be larger than N).
 * - Consecutive: calendar years without a gap. A year in which the unit was not assessed (no
 *   published round that year, or the published round has no score for the unit) breaks the run
 *   exactly like a year outside the bottom N: the count starts again.
 * - Level for a year in the bottom N with a run of k years: k ≥ `letterAfterYears` → 建议调整函,
 *   k ≥ `warningAfterYears` → 告诫约谈, otherwise 提醒约谈. A fourth year running stays 建议调整函.
 */

export const ESCALATION_LEVELS = ['reminder_talk', 'warning_talk', 'adjustment_letter'] as const;
export type EscalationLevel = (typeof ESCALATION_LEVELS)[number];

export const escalationLevelLabel: Record<EscalationLevel, string> = {
  reminder_talk: '提醒约谈',
  warning_talk: '告诫约谈',
  adjustment_letter: '建议调整函',
};

export interface EscalationRule {
  bottomPlaces: number;
  warningAfterYears: number;
  letterAfterYears: number;
}

export interface UnitScore {
  unitId: string;
  /** Total in tenths of a point (integer). */
  total: number;
}

export interface RankedUnit extends UnitScore {
  /** 1 = best; equal totals share a place. */
  rank: number;
  /** 1 = lowest; equal totals share a place. */
  bottomPlace: number;
  inBottom: boolean;
}

/** Rank the units of one year; order: best first, then by unit id for a stable order. */
export function rankUnits(scores: readonly UnitScore[], bottomPlaces: number): RankedUnit[] {
  const sorted = [...scores].sort((a, b) => b.total - a.total || a.unitId.localeCompare(b.unitId));
  return sorted.map((s) => {
    const rank = 1 + sorted.filter((o) => o.total > s.total).length;
    const bottomPlace = 1 + sorted.filter((o) => o.total < s.total).length;
    return { ...s, rank, bottomPlace, inBottom: bottomPlace <= bottomPlaces };
  });
}

/** One assessed year: which units were assessed and which of them were in the bottom group. */
export interface YearResult {
  year: number;
  assessed: ReadonlySet<string>;
  bottom: ReadonlySet<string>;
}

/** How many years running (ending with `year`) the unit was in the bottom group; 0 if not in `year`. */
export function consecutiveBottomYears(
  unitId: string,
  year: number,
  history: ReadonlyMap<number, YearResult>,
): number {
  let k = 0;
  for (let y = year; ; y--) {
    const r = history.get(y);
    if (!r?.assessed.has(unitId) || !r.bottom.has(unitId)) return k;
    k++;
  }
}

export function escalationLevel(consecutiveYears: number, rule: EscalationRule): EscalationLevel | null {
  if (consecutiveYears <= 0) return null;
  if (consecutiveYears >= rule.letterAfterYears) return 'adjustment_letter';
  if (consecutiveYears >= rule.warningAfterYears) return 'warning_talk';
  return 'reminder_talk';
}

export interface DerivedAction {
  unitId: string;
  year: number;
  level: EscalationLevel;
  consecutiveYears: number;
}

/**
 * The actions of `year` for every unit in its bottom group, from the results of that year and the
 * years before it (later years are ignored).
 */
export function deriveActions(
  year: number,
  results: readonly YearResult[],
  rule: EscalationRule,
): DerivedAction[] {
  const history = new Map(results.filter((r) => r.year <= year).map((r) => [r.year, r] as const));
  const current = history.get(year);
  if (!current) return [];
  const out: DerivedAction[] = [];
  for (const unitId of [...current.bottom].sort()) {
    const k = consecutiveBottomYears(unitId, year, history);
    const level = escalationLevel(k, rule);
    if (level) out.push({ unitId, year, level, consecutiveYears: k });
  }
  return out;
}

/** Build a year's result from its ranking. */
export function yearResult(year: number, ranked: readonly RankedUnit[]): YearResult {
  return {
    year,
    assessed: new Set(ranked.map((r) => r.unitId)),
    bottom: new Set(ranked.filter((r) => r.inBottom).map((r) => r.unitId)),
  };
}

// ---------------------------------------------------------------- scoring items

export interface AssessmentItem {
  key: string;
  label: string;
  /** Maximum points of the item (whole points). */
  max: number;
}

/** Default items of a round (editable per round; 100 points). */
export const DEFAULT_ASSESSMENT_ITEMS: readonly AssessmentItem[] = [
  { key: 'organisation', label: '组织建设', max: 25 },
  { key: 'education', label: '思想引领与教育管理', max: 25 },
  { key: 'service', label: '服务青年与中心工作', max: 20 },
  { key: 'reform', label: '改革攻坚与规范提升', max: 20 },
  { key: 'review', label: '述职评议', max: 10 },
];

/** Validates one unit's item scores (tenths of a point); returns the total or a Chinese error. */
export function scoreTotal(
  items: readonly AssessmentItem[],
  scores: Readonly<Record<string, number>>,
): { ok: true; total: number } | { ok: false; message: string } {
  let total = 0;
  for (const key of Object.keys(scores)) {
    if (!items.some((i) => i.key === key)) return { ok: false, message: `评分项“${key}”不存在` };
  }
  for (const item of items) {
    const v = scores[item.key];
    if (v === undefined) return { ok: false, message: `请填写“${item.label}”的得分` };
    if (!Number.isInteger(v) || v < 0 || v > item.max * 10) {
      return { ok: false, message: `“${item.label}”的得分应在0到${item.max}分之间（最多一位小数）` };
    }
    total += v;
  }
  return { ok: true, total };
}

/** '87.5' from 875 tenths. */
export function formatTenths(tenths: number): string {
  return (tenths / 10).toFixed(1);
}
