/**
 * SUP-2 好经验好做法: the city's library (all items; create, promote, decline) and the tenants'
 * view (promoted items and their own submissions; submit candidates).
 */
import type { TRPCRouterRecord } from '@trpc/server';
import { GOOD_PRACTICE_STATUSES, HALF_YEAR_RE, INSPECTION_SECTORS, idSchema } from '@tuanjian/domain';
import { z } from 'zod';
import * as gp from '../services/inspections/good-practices';
import { cityProcedure, districtProcedure, tenantProcedure } from '../trpc';
import { cityStaffProcedure } from './inspections';

const sectorSchema = z.enum(INSPECTION_SECTORS, { error: '所属领域无效' });
const halfYearSchema = z.string().regex(HALF_YEAR_RE, { error: '半年度格式应为 YYYY-H1 或 YYYY-H2' });
const filter = z.object({
  q: z.string().trim().max(50, { error: '搜索内容不能超过50个字' }).optional(),
  sector: sectorSchema.optional(),
  tag: z.string().trim().max(20).optional(),
  halfYear: halfYearSchema.optional(),
  status: z.enum(GOOD_PRACTICE_STATUSES, { error: '状态无效' }).optional(),
});
const fields = z.object({
  title: z.string().trim().min(1, { error: '请填写标题' }).max(100, { error: '标题不能超过100个字' }),
  body: z
    .string()
    .trim()
    .min(1, { error: '请填写经验做法内容' })
    .max(20000, { error: '内容不能超过20000个字' }),
  tags: z.array(z.string().max(30)).max(20),
  sector: sectorSchema.optional(),
  halfYear: halfYearSchema.optional(),
});
const byId = z.object({ id: idSchema });

export const goodPracticesRouter = {
  cityList: cityStaffProcedure.input(filter).query(({ ctx, input }) => gp.cityList(ctx.db, input)),
  cityGet: cityStaffProcedure.input(byId).query(({ ctx, input }) => gp.cityGet(ctx.db, input.id)),
  create: cityProcedure
    .input(
      fields.extend({
        sourceOrgName: z.string().trim().min(1, { error: '请填写来源组织' }).max(100),
        tenantId: idSchema.nullish(),
        promote: z.boolean().optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const r = await gp.cityCreate(ctx.db, input, ctx.user.id, ctx.now());
      ctx.audit.target('good_practice', r.id, { promote: input.promote ?? false });
      return r;
    }),
  decide: cityProcedure
    .input(z.object({ id: idSchema, decision: z.enum(['promote', 'decline'], { error: '操作无效' }) }))
    .mutation(async ({ ctx, input }) => {
      const r = await gp.decide(ctx.db, input, ctx.user.id, ctx.now());
      ctx.audit.target('good_practice', input.id, { status: r.status });
      return r;
    }),
  list: tenantProcedure.input(filter).query(({ ctx, input }) => gp.tenantList(ctx.tdb, ctx.scope, input)),
  get: tenantProcedure.input(byId).query(({ ctx, input }) => gp.tenantGet(ctx.tdb, ctx.scope, input.id)),
  submit: districtProcedure
    .input(fields.extend({ sourceOrgId: idSchema.nullish() }))
    .mutation(async ({ ctx, input }) => {
      const r = await gp.submit(ctx.tdb, ctx.scope, input, ctx.now());
      ctx.audit.target('good_practice', r.id);
      return r;
    }),
} satisfies TRPCRouterRecord;
