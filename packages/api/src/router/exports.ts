/**
 * MEM-7 ledger exports (`exports.*`): each takes its list's filters (no page) and answers
 * `{ fileName, base64, rows }` — the same rows, scope and masking as the list. Mutations, so every
 * export is written to the audit log (action = the procedure path, target = the ledger and filters).
 * Older exports stay where they were: `org.ledger.export`, `dues.collectionExport`, `imports.exportMembers`.
 */
import type { TRPCRouterRecord } from '@trpc/server';
import {
  DEVELOPMENT_STAGES,
  gapStatusSchema,
  idSchema,
  isValidDate,
  isValidMonth,
  proposalKindSchema,
  proposalStatusSchema,
  RECOMMENDATION_STAGES,
  transferStatusSchema,
} from '@tuanjian/domain';
import { z } from 'zod';
import type { LedgerExportFile } from '../services/excel';
import * as x from '../services/exports';
import type { Scope, TenantDb } from '../services/scope';
import { cityProcedure, districtProcedure } from '../trpc';

const q = z.string().trim().max(50).optional();
const yearSchema = z
  .number({ error: '请选择年度' })
  .int()
  .min(1922, { error: '年度无效' })
  .max(2999, { error: '年度无效' });
const monthSchema = z
  .string({ error: '请选择月份' })
  .regex(/^\d{4}-(0[1-9]|1[0-2])(-\d{2})?$/, { error: '月份格式应为 YYYY-MM' })
  .refine((v) => isValidMonth(v.slice(0, 7)) && (v.length === 7 || isValidDate(v)), {
    error: '月份格式应为 YYYY-MM',
  })
  .transform((v) => v.slice(0, 7));

/** A district export: runs `fn`, names the ledger and filters in the audit entry. */
function ledgerExport<S extends z.ZodType>(
  ledger: string,
  input: S,
  fn: (ctx: { tdb: TenantDb; scope: Scope; now(): Date }, input: z.output<S>) => Promise<LedgerExportFile>,
) {
  return districtProcedure.input(input).mutation(async ({ ctx, input }) => {
    const file = await fn(ctx, input as z.output<S>);
    ctx.audit.target('ledger_export', null, { ledger, filters: input, rows: file.rows });
    return file;
  });
}

export const exportsRouter = {
  /** 发展团员台帐 (development.list filters). */
  applications: ledgerExport(
    'development_applications',
    z.object({
      stage: z.enum(DEVELOPMENT_STAGES, { error: '发展阶段无效' }).optional(),
      orgId: idSchema.optional(),
      q,
      talkOverdue: z.boolean().optional(),
    }),
    (ctx, input) => x.applicationsExport(ctx.tdb, ctx.scope, input, ctx.now()),
  ),
  /** 团员教育评议结果 of a branch and year (development.evaluationRoster). */
  evaluation: ledgerExport(
    'evaluation_results',
    z.object({ orgId: idSchema, year: yearSchema }),
    (ctx, input) => x.evaluationExport(ctx.tdb, ctx.scope, input, ctx.now()),
  ),
  /** 年度团籍注册 of a branch and year. */
  registration: ledgerExport('registrations', z.object({ orgId: idSchema, year: yearSchema }), (ctx, input) =>
    x.registrationExport(ctx.tdb, ctx.scope, input, ctx.now()),
  ),
  /** 组织关系转接 (transfers.list filters). */
  transfers: ledgerExport(
    'transfers',
    z.object({
      box: z
        .enum(['incoming', 'outgoing', 'escalated', 'mine', 'all'], { error: '列表类型无效' })
        .default('all'),
      status: transferStatusSchema.optional(),
      q,
    }),
    (ctx, input) => x.transfersExport(ctx.tdb, ctx.scope, input, ctx.now()),
  ),
  /** 团费交纳明细 of a month (dues.branchMonth filters). */
  duesMonth: ledgerExport(
    'dues_month',
    z.object({
      orgId: idSchema.optional(),
      month: monthSchema.optional(),
      q,
      status: z.enum(['unpaid', 'paid', 'arrears'], { error: '交纳情况无效' }).optional(),
    }),
    (ctx, input) => x.duesMonthExport(ctx.tdb, ctx.scope, input, ctx.now()),
  ),
  /** 推优入党 (recommendations.list filters). */
  recommendations: ledgerExport(
    'party_recommendations',
    z.object({ stage: z.enum(RECOMMENDATION_STAGES).optional(), q, orgId: idSchema.optional() }),
    (ctx, input) => x.recommendationsExport(ctx.tdb, ctx.scope, input, ctx.now()),
  ),
  /** 空白点 (org.gaps.list filters). */
  gaps: ledgerExport(
    'coverage_gaps',
    z.object({ status: gapStatusSchema.optional(), unitKind: z.string().max(30).optional(), q }),
    (ctx, input) => x.gapsExport(ctx.tdb, ctx.scope, input, ctx.now()),
  ),
  /** 组织调整 (org.proposals.list filters). */
  proposals: ledgerExport(
    'org_proposals',
    z.object({ status: proposalStatusSchema.optional(), kind: proposalKindSchema.optional() }),
    (ctx, input) => x.proposalsExport(ctx.tdb, ctx.scope, input, ctx.now()),
  ),
  /** 档案待完善团员 (archive.completeness filters). */
  completeness: ledgerExport(
    'archive_completeness',
    z.object({ orgId: idSchema.optional(), q }),
    (ctx, input) => x.completenessExport(ctx.tdb, ctx.scope, input, ctx.now()),
  ),
  /** 团委号段 (development.blocks). */
  numberBlocks: ledgerExport('number_blocks', z.object({ year: yearSchema.optional() }), (ctx, input) =>
    x.numberBlocksExport(ctx.tdb, ctx.scope, input, ctx.now()),
  ),
  /** 团市委: number blocks per district (development.cityBlocks). */
  cityNumberBlocks: cityProcedure
    .input(z.object({ year: yearSchema.optional() }))
    .mutation(async ({ ctx, input }) => {
      const file = await x.cityNumberBlocksExport(ctx.db, input, ctx.now());
      ctx.audit.target('ledger_export', null, {
        ledger: 'city_number_blocks',
        filters: input,
        rows: file.rows,
      });
      return file;
    }),
} satisfies TRPCRouterRecord;
