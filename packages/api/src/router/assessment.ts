/**
 * SUP-3 年终考核评估. The city (cityProcedure, platform handle, audited): units / updateUnit / rounds /
 * round / createRound / saveScore / publish / actions / recordTalk / letter. A district tenant
 * (districtProcedure, its own role): myResults (published results and actions of its own unit).
 */
import type { TRPCRouterRecord } from '@trpc/server';
import { dateSchema, idSchema } from '@tuanjian/domain';
import { z } from 'zod';
import * as city from '../services/assessment/city';
import * as tenant from '../services/assessment/tenant';
import { cityProcedure, districtProcedure } from '../trpc';

const yearSchema = z
  .number({ error: '请填写考核年度' })
  .int({ error: '考核年度应为整数' })
  .min(2000, { error: '考核年度无效' })
  .max(2100, { error: '考核年度无效' });

const itemSchema = z.object({
  key: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_]{0,30}$/, { error: '评分项编码应为小写字母、数字和下划线' }),
  label: z
    .string()
    .trim()
    .min(1, { error: '请填写评分项名称' })
    .max(30, { error: '评分项名称不能超过30个字' }),
  max: z
    .number()
    .int({ error: '满分应为整数' })
    .min(1, { error: '满分至少为1分' })
    .max(100, { error: '满分不能超过100分' }),
});

const text = (what: string, max: number) =>
  z
    .string({ error: `请填写${what}` })
    .trim()
    .min(1, { error: `请填写${what}` })
    .max(max, { error: `${what}不能超过${max}个字` });

export const assessmentRouter = {
  units: cityProcedure.query(({ ctx }) => city.units(ctx.db)),
  updateUnit: cityProcedure
    .input(z.object({ tenantId: idSchema, partyCommittee: text('党组织名称', 60) }))
    .mutation(async ({ ctx, input }) => {
      const r = await city.updateUnit(ctx.db, input.tenantId, input.partyCommittee);
      ctx.audit.target('assessment_unit', r.tenantId, { partyCommittee: r.partyCommittee });
      return r;
    }),
  rounds: cityProcedure.query(({ ctx }) => city.rounds(ctx.db)),
  round: cityProcedure
    .input(z.object({ id: idSchema }))
    .query(({ ctx, input }) => city.getRound(ctx.db, input.id)),
  createRound: cityProcedure
    .input(
      z.object({
        year: yearSchema,
        title: z.string().trim().max(60, { error: '标题不能超过60个字' }).optional(),
        items: z.array(itemSchema).min(1, { error: '至少设置一个评分项' }).max(20).optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const r = await city.createRound(ctx.db, input, ctx.user.id);
      ctx.audit.target('assessment_round', r.id, { year: r.year });
      return r;
    }),
  saveScore: cityProcedure
    .input(
      z.object({
        roundId: idSchema,
        tenantId: idSchema,
        /** item key → tenths of a point */
        itemScores: z.record(
          z.string(),
          z.number({ error: '得分应为数字' }).int({ error: '得分最多一位小数' }),
        ),
        note: z.string().trim().max(200, { error: '备注不能超过200个字' }).nullish(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const r = await city.saveScore(ctx.db, input);
      ctx.audit.target('assessment_score', `${input.roundId}/${input.tenantId}`, { total: r.total });
      return r;
    }),
  publish: cityProcedure.input(z.object({ id: idSchema })).mutation(async ({ ctx, input }) => {
    const r = await city.publish(ctx.db, input.id, ctx.user.id, ctx.now());
    ctx.audit.target('assessment_round', r.id, { status: r.status, actions: r.actions.length });
    return r;
  }),
  actions: cityProcedure
    .input(z.object({ year: yearSchema.optional() }))
    .query(({ ctx, input }) => city.listActions(ctx.db, input)),
  recordTalk: cityProcedure
    .input(
      z.object({
        actionId: idSchema,
        talkOn: dateSchema,
        talkBy: text('约谈人', 40),
        note: text('约谈记录', 1000),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const r = await city.recordTalk(ctx.db, input, ctx.now());
      ctx.audit.target('assessment_action', r.id, { level: r.level, talkOn: r.talkOn });
      return r;
    }),
  letter: cityProcedure
    .input(z.object({ actionId: idSchema }))
    .query(({ ctx, input }) => city.letter(ctx.db, input.actionId)),

  myResults: districtProcedure.query(({ ctx }) => tenant.myResults(ctx.tdb, ctx.scope)),
} satisfies TRPCRouterRecord;
