/**
 * LIFT-1: dashboards (`dashboard.*`), the records behind them (`lift.*`: 工作品牌, 团干部培训,
 * 团干部联系青年) and data quality (`dataQuality.*`: suspected zombie branches). See `services/lift`.
 */
import type { TRPCRouterRecord } from '@trpc/server';
import { dateSchema, idSchema } from '@tuanjian/domain';
import { z } from 'zod';
import { cityDashboard, tenantDashboard } from '../services/lift/dashboard';
import { zombieBranches, zombieExport } from '../services/lift/quality';
import * as records from '../services/lift/records';
import { cityProcedure, districtProcedure } from '../trpc';

const yearSchema = z
  .number({ error: '请选择年份' })
  .int({ error: '年份无效' })
  .min(2000, { error: '年份无效' })
  .max(2100, { error: '年份无效' });

const text = (max: number, what: string) =>
  z
    .string({ error: `${what}格式无效` })
    .trim()
    .max(max, { error: `${what}不能超过${max}个字` });

const brandFields = z.object({
  orgId: idSchema,
  year: yearSchema,
  name: text(100, '品牌名称').min(1, { error: '请填写品牌名称' }),
  description: text(2000, '品牌简介').default(''),
  status: z.enum(['planned', 'ongoing', 'completed', 'recognised'], { error: '请选择品牌状态' }),
  evidenceFileIds: z.array(idSchema).max(20, { error: '佐证材料最多20个' }).default([]),
});

export const dashboardRouter = {
  tenant: districtProcedure
    .input(z.object({ year: yearSchema }))
    .query(({ ctx, input }) => tenantDashboard(ctx.tdb, ctx.scope, input, ctx.now())),
  city: cityProcedure
    .input(z.object({ year: yearSchema }))
    .query(({ ctx, input }) => cityDashboard(ctx.db, input)),
} satisfies TRPCRouterRecord;

export const liftRouter = {
  brands: districtProcedure
    .input(z.object({ year: yearSchema.optional() }))
    .query(({ ctx, input }) => records.listBrands(ctx.tdb, ctx.scope, input)),
  saveBrand: districtProcedure
    .input(brandFields.extend({ id: idSchema.optional() }))
    .mutation(({ ctx, input }) => records.saveBrand(ctx.tdb, ctx.scope, ctx.user, input, ctx.audit)),
  leaders: districtProcedure.query(({ ctx }) => records.servingLeaders(ctx.tdb, ctx.scope, ctx.now())),
  trainings: districtProcedure
    .input(z.object({ year: yearSchema }))
    .query(({ ctx, input }) => records.listTrainings(ctx.tdb, ctx.scope, input)),
  addTraining: districtProcedure
    .input(
      z.object({
        leaderId: idSchema,
        kind: z.enum(['appointment', 'rotation'], { error: '请选择培训类别（任职培训或任期轮训）' }),
        trainedOn: dateSchema,
        hours: z
          .number({ error: '请填写培训学时' })
          .int({ error: '培训学时须为整数' })
          .min(1, { error: '培训学时至少1学时' })
          .max(500, { error: '培训学时不能超过500' }),
        topic: text(200, '培训内容').min(1, { error: '请填写培训内容' }),
        provider: text(100, '举办单位').nullish(),
      }),
    )
    .mutation(({ ctx, input }) =>
      records.addTraining(
        ctx.tdb,
        ctx.scope,
        ctx.user,
        { ...input, provider: input.provider ?? null },
        ctx.now(),
        ctx.audit,
      ),
    ),
  contacts: districtProcedure
    .input(z.object({ year: yearSchema }))
    .query(({ ctx, input }) => records.listContacts(ctx.tdb, ctx.scope, input)),
  addContact: districtProcedure
    .input(
      z.object({
        leaderId: idSchema,
        contactedOn: dateSchema,
        youthCount: z
          .number({ error: '请填写联系青年人数' })
          .int({ error: '人数须为整数' })
          .min(1, { error: '联系青年人数至少1人' })
          .max(10000, { error: '联系青年人数过多' }),
        notes: text(1000, '联系情况').default(''),
      }),
    )
    .mutation(({ ctx, input }) =>
      records.addContact(ctx.tdb, ctx.scope, ctx.user, input, ctx.now(), ctx.audit),
    ),
} satisfies TRPCRouterRecord;

export const dataQualityRouter = {
  zombies: districtProcedure.query(({ ctx }) => zombieBranches(ctx.tdb, ctx.scope, ctx.now())),
  zombiesExport: districtProcedure.mutation(async ({ ctx }) => {
    const r = await zombieExport(ctx.tdb, ctx.scope, ctx.now());
    ctx.audit.target('zombie_branches', null, { export: true, rows: r.rows });
    return r;
  }),
} satisfies TRPCRouterRecord;
