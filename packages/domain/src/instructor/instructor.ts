/**
 * ORG-7 基层团建指导员 (grassroots instructors): coverage (branches with a current instructor / all
 * branches), the visits expected of an assignment in a year (rule `instructor.visits`), and a visit's
 * place in the branch's health check (上级点: 已计入 / 待计入).
 */
import { z } from 'zod';
import { dateSchema, idSchema } from '../schemas';

export const INSTRUCTOR_STATUSES = ['active', 'retired'] as const;
export type InstructorStatus = (typeof INSTRUCTOR_STATUSES)[number];
export const instructorStatusLabel: Record<InstructorStatus, string> = { active: '在岗', retired: '已退出' };

/** A visit is 已计入 once it is a 上级点 input of the branch's health check of its year. */
export const VISIT_STATUSES = ['applied', 'pending'] as const;
export type VisitStatus = (typeof VISIT_STATUSES)[number];
export const visitStatusLabel: Record<VisitStatus, string> = {
  applied: '已计入体检',
  pending: '待计入（本年度体检未开启）',
};
export function visitStatus(v: { healthCheckId: string | null }): VisitStatus {
  return v.healthCheckId ? 'applied' : 'pending';
}

export interface InstructorVisitRule {
  /** visits expected per assigned branch in a full year */
  perBranchPerYear: number;
}

const text = (label: string, max: number) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .min(1, { error: `请填写${label}` })
    .max(max, { error: `${label}不能超过${max}个字` });

export const instructorFieldsSchema = z.object({
  name: text('姓名', 50),
  unit: text('工作单位', 100),
  /** full number; sealed at rest, masked in lists */
  phone: z.string({ error: '手机号码格式无效' }).trim().max(20, { error: '手机号码格式无效' }).nullish(),
});

export const trainingFieldsSchema = z.object({
  instructorId: idSchema,
  trainedOn: dateSchema,
  course: text('培训课程', 100),
  hours: z
    .number({ error: '请填写学时' })
    .positive({ error: '学时须大于0' })
    .max(500, { error: '学时不能超过500' })
    .refine((h) => Math.round(h * 10) === h * 10, { error: '学时最多保留一位小数' }),
});

export const visitFieldsSchema = z.object({
  assignmentId: idSchema,
  visitedOn: dateSchema,
  findings: text('走访发现的问题和意见', 2000),
  /** checklist item key → grade key (rule `rectification.checklist` of the visit's year) */
  grades: z.record(z.string().max(50), z.string().max(20), { error: '请评价体检项目' }),
});

/** Percent with one decimal; null when there is nothing to cover. */
export function coverageRate(covered: number, total: number): number | null {
  if (total <= 0) return null;
  return Math.round((Math.min(covered, total) / total) * 1000) / 10;
}

export interface CoverageBranch {
  tenantId: string;
  orgId: string;
  sector: string | null;
}

export interface CoverageRow {
  key: string;
  total: number;
  covered: number;
  rate: number | null;
}

/**
 * Coverage per tenant and per sector: a branch counts once (total) and as covered when it has a
 * current instructor. Assignments to organisations that are not in `branches` (merged, dissolved, not
 * a branch) are ignored, so the rate never passes 100 %.
 */
export function summariseCoverage(
  branches: readonly CoverageBranch[],
  covered: ReadonlySet<string>,
): { total: CoverageRow; byTenant: CoverageRow[]; bySector: CoverageRow[] } {
  const tenants = new Map<string, { total: number; covered: number }>();
  const sectors = new Map<string, { total: number; covered: number }>();
  let total = 0;
  let done = 0;
  const bump = (m: Map<string, { total: number; covered: number }>, k: string, c: boolean) => {
    const x = m.get(k) ?? { total: 0, covered: 0 };
    x.total += 1;
    if (c) x.covered += 1;
    m.set(k, x);
  };
  for (const b of branches) {
    const c = covered.has(coverageKey(b.tenantId, b.orgId));
    total += 1;
    if (c) done += 1;
    bump(tenants, b.tenantId, c);
    bump(sectors, b.sector ?? '', c);
  }
  const rows = (m: Map<string, { total: number; covered: number }>) =>
    [...m.entries()].map(([key, v]) => ({ key, ...v, rate: coverageRate(v.covered, v.total) }));
  return {
    total: { key: '', total, covered: done, rate: coverageRate(done, total) },
    byTenant: rows(tenants),
    bySector: rows(sectors),
  };
}

export const coverageKey = (tenantId: string, orgId: string) => `${tenantId}:${orgId}`;

/**
 * Visits expected of an assignment in a year: the yearly number prorated over the whole months the
 * assignment runs in that year (a branch assigned on 1 July is expected half), rounded up.
 */
export function visitsExpected(
  rule: InstructorVisitRule,
  assignment: { startsOn: string; endsOn: string | null },
  year: number,
): number {
  const first = `${year}-01-01`;
  const last = `${year}-12-31`;
  const from = assignment.startsOn > first ? assignment.startsOn : first;
  const to = assignment.endsOn !== null && assignment.endsOn < last ? assignment.endsOn : last;
  if (from > to) return 0;
  const months = Number(to.slice(5, 7)) - Number(from.slice(5, 7)) + 1;
  return Math.ceil((rule.perBranchPerYear * months) / 12);
}
