/**
 * 两制 (MEM-6): 团员教育评议 (annual evaluation) and 年度团籍注册 (annual registration), pure.
 * Numbers from rule data `member.evaluation` and `member.registration`.
 */
import { formatChineseDate } from '../dates';
import { addMonthsToDate } from './development';

export const EVALUATION_RULE_SOURCE = '《“三会两制一课”实施细则》';

export const EVALUATION_GRADES = ['excellent', 'qualified', 'basically_qualified', 'unqualified'] as const;
export type EvaluationGrade = (typeof EVALUATION_GRADES)[number];
export const evaluationGradeLabel: Record<EvaluationGrade, string> = {
  excellent: '优秀',
  qualified: '合格',
  basically_qualified: '基本合格',
  unqualified: '不合格',
};

export interface EvaluationRules {
  perYear: number;
  quorumFraction: number;
  excellentMaxPercent: number;
}
export interface RegistrationRules {
  reassessAfterMonthsMin: number;
  reassessAfterMonthsMax: number;
}

export type EvalVerdict = { ok: true } | { ok: false; reason: string };
const refuse = (reason: string): EvalVerdict => ({
  ok: false,
  reason: `${reason}（${EVALUATION_RULE_SOURCE}）`,
});

/**
 * The most 优秀 grades allowed: the share of 优秀 among the evaluated members must not exceed the
 * cap — no rounding up: cap = floor(evaluated × percent / 100) (10 evaluated → 3; 7 → 2; 100 → 30).
 * Computed in integers (percent given to two decimals) so 30 % of 10 is exactly 3.
 */
export function excellentCap(evaluated: number, maxPercent: number): number {
  return Math.floor((evaluated * Math.round(maxPercent * 100)) / 10_000);
}

/** Quorum: at least two-thirds of the members to be evaluated present (present / entitled ≥ fraction). */
export function quorumMet(entitled: number, present: number, fraction: number): boolean {
  // Compare with a tolerance: 2/3 is stored as a float.
  return entitled > 0 && present / entitled >= fraction - 1e-9;
}

export function checkEvaluationRound(
  input: { entitled: number; present: number; grades: readonly EvaluationGrade[] },
  rules: EvaluationRules,
): EvalVerdict {
  const { entitled, present, grades } = input;
  if (present > entitled) return refuse('实到人数不能多于应参加评议人数');
  if (!quorumMet(entitled, present, rules.quorumFraction)) {
    const need = Math.ceil(entitled * rules.quorumFraction - 1e-9);
    return refuse(
      `参加评议的团员须达到应参加人数的三分之二（应到${entitled}人，至少${need}人，实到${present}人）`,
    );
  }
  if (grades.length === 0) return refuse('尚未评定任何团员的等次');
  const excellent = grades.filter((g) => g === 'excellent').length;
  const cap = excellentCap(grades.length, rules.excellentMaxPercent);
  if (excellent > cap) {
    return refuse(
      `评为“优秀”的团员不得超过参加评议团员的${rules.excellentMaxPercent}%（共评议${grades.length}人，最多${cap}人，现为${excellent}人）`,
    );
  }
  return { ok: true };
}

/** Only 基本合格 or better registers. */
export function mayRegister(grade: EvaluationGrade): boolean {
  return grade !== 'unqualified';
}

/** 不合格 → re-assessed 3–6 months after the evaluation. */
export function reassessWindow(evaluatedOn: string, rules: RegistrationRules): { from: string; to: string } {
  return {
    from: addMonthsToDate(evaluatedOn, rules.reassessAfterMonthsMin),
    to: addMonthsToDate(evaluatedOn, rules.reassessAfterMonthsMax),
  };
}

export function registrationRefusal(
  grade: EvaluationGrade | null,
  evaluatedOn: string | null,
  rules: RegistrationRules,
): string | null {
  if (grade === null) return `尚无本年度团员教育评议等次，不能注册（${EVALUATION_RULE_SOURCE}）`;
  if (mayRegister(grade)) return null;
  const w = evaluatedOn ? reassessWindow(evaluatedOn, rules) : null;
  return `评议等次为“不合格”，不予注册${w ? `，应于${formatChineseDate(w.from)}至${formatChineseDate(w.to)}期间再次评议` : ''}（${EVALUATION_RULE_SOURCE}）`;
}

/** A re-assessment of a 不合格 member must fall in the 3–6 month window. */
export function checkReassessDate(
  evaluatedOn: string,
  reassessOn: string,
  rules: RegistrationRules,
): EvalVerdict {
  const w = reassessWindow(evaluatedOn, rules);
  if (reassessOn < w.from || reassessOn > w.to) {
    return refuse(
      `不合格团员应在评议后${rules.reassessAfterMonthsMin}–${rules.reassessAfterMonthsMax}个月内再次评议（${formatChineseDate(w.from)}至${formatChineseDate(w.to)}），${formatChineseDate(reassessOn)}不在此期间`,
    );
  }
  return { ok: true };
}
