/**
 * SUP-4 每月述职. The city (cityProcedure, platform handle): sessions / session / candidates /
 * schedule / comment / flagged. A district tenant (districtProcedure, its own role): mine /
 * fileReport / completeTask (district_admin, or org_secretary for its subtree).
 */
import type { TRPCRouterRecord } from '@trpc/server';
import { dateSchema, idSchema } from '@tuanjian/domain';
import { z } from 'zod';
import * as city from '../services/hearings/city';
import * as tenant from '../services/hearings/tenant';
import { cityProcedure, districtProcedure } from '../trpc';

const text = (what: string, max: number) =>
  z
    .string({ error: `请填写${what}` })
    .trim()
    .min(1, { error: `请填写${what}` })
    .max(max, { error: `${what}不能超过${max}个字` });

export const hearingsRouter = {
  sessions: cityProcedure
    .input(z.object({ year: z.number().int().min(2000).max(2100).optional() }))
    .query(({ ctx, input }) => city.sessions(ctx.db, ctx.now(), input.year)),
  session: cityProcedure
    .input(z.object({ id: idSchema }))
    .query(({ ctx, input }) => city.getSession(ctx.db, input.id, ctx.now())),
  candidates: cityProcedure
    .input(z.object({ tenantId: idSchema, q: z.string().trim().max(50).optional() }))
    .query(({ ctx, input }) => city.candidates(ctx.db, input.tenantId, input.q)),
  schedule: cityProcedure
    .meta({ transaction: false })
    .input(
      z.object({
        heldOn: dateSchema,
        venue: z.string().trim().max(60, { error: '地点不能超过60个字' }).nullish(),
        speakers: z
          .array(z.object({ tenantId: idSchema, orgId: idSchema, secretaryName: text('述职书记姓名', 20) }))
          .max(20, { error: '述职组织过多' }),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const r = await city.schedule(ctx.db, input, ctx.user.id);
      ctx.audit.target('hearing_session', r.id, { heldOn: input.heldOn, speakers: input.speakers.length });
      return r;
    }),
  comment: cityProcedure
    .input(
      z.object({
        speakerId: idSchema,
        comments: z.string().trim().max(2000, { error: '点评意见不能超过2000个字' }),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const r = await city.comment(ctx.db, input.speakerId, input.comments);
      ctx.audit.target('hearing_speaker', input.speakerId, {});
      return r;
    }),
  flagged: cityProcedure.query(({ ctx }) => city.flagged(ctx.db, ctx.now())),

  mine: districtProcedure.query(({ ctx }) => tenant.mine(ctx.tdb, ctx.scope, ctx.now())),
  fileReport: districtProcedure
    .input(
      z.object({
        speakerId: idSchema,
        summary: text('整改报告内容', 5000),
        tasks: z
          .array(z.object({ title: text('整改任务', 200), dueOn: dateSchema }))
          .min(1, { error: '整改报告至少列出一项整改任务' })
          .max(30, { error: '整改任务不能超过30项' }),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const r = await tenant.fileReport(ctx.tdb, ctx.scope, input, ctx.scope.userId, ctx.now());
      ctx.audit.target('hearing_report', r.report?.id ?? null, { tasks: input.tasks.length });
      return r;
    }),
  completeTask: districtProcedure
    .input(
      z.object({
        taskId: idSchema,
        note: z.string().trim().max(500, { error: '完成情况不能超过500个字' }).nullish(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const r = await tenant.completeTask(ctx.tdb, ctx.scope, input, ctx.now());
      ctx.audit.target('hearing_task', input.taskId, {});
      return r;
    }),
} satisfies TRPCRouterRecord;
