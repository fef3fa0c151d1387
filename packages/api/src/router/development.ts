/**
 * 发展团员 (MEM-2), 号段, and 两制 (MEM-6).
 */
import type { TRPCRouterRecord } from '@trpc/server';
import {
  ACTIVIST_SOURCES,
  DEVELOPMENT_STAGES,
  dateSchema,
  EVALUATION_GRADES,
  genderSchema,
  idSchema,
  MAX_SEQUENCE,
  pageSchema,
  todayInShanghai,
} from '@tuanjian/domain';
import { z } from 'zod';
import { withdrawStep } from '../services/development/corrections';
import * as development from '../services/development/development';
import * as evaluation from '../services/development/evaluation';
import * as blocks from '../services/development/number-blocks';
import { cityProcedure, districtProcedure } from '../trpc';

const yearSchema = z.number({ error: '请填写年度' }).int().min(1922).max(2999);
const seqSchema = z
  .number({ error: '请填写序号' })
  .int()
  .min(1, { error: '序号最小为1' })
  .max(MAX_SEQUENCE, { error: '序号最大为999999' });
const rangeSchema = z.object({ year: yearSchema, startSeq: seqSchema, endSeq: seqSchema });
const gradeSchema = z.enum(EVALUATION_GRADES, { error: '评议等次无效' });
const stageSchema = z.enum(DEVELOPMENT_STAGES, { error: '发展阶段无效' });
const nameSchema = z
  .string({ error: '请填写姓名' })
  .trim()
  .min(1, { error: '请填写姓名' })
  .max(30, { error: '姓名不能超过30个字' });
const countSchema = z.number({ error: '请填写人数' }).int().min(0);

export const submitApplicationInput = z.object({
  orgId: idSchema,
  name: nameSchema,
  gender: genderSchema,
  birthDate: dateSchema,
  ethnicity: z.string().trim().max(20).optional(),
  unitName: z.string().trim().max(100).optional(),
  reason: z.string().trim().max(2000).optional(),
  appliedOn: dateSchema.optional(),
});

export const advanceInput = z.discriminatedUnion('step', [
  z.object({ id: idSchema, step: z.literal('talked'), talkOn: dateSchema }),
  z.object({
    id: idSchema,
    step: z.literal('activist'),
    activistOn: dateSchema,
    source: z.enum(ACTIVIST_SOURCES, { error: '请选择产生方式' }),
    noticeOn: dateSchema,
  }),
  z.object({ id: idSchema, step: z.literal('candidate'), candidateOn: dateSchema }),
  z.object({
    id: idSchema,
    step: z.literal('prechecked'),
    precheckOn: dateSchema,
    volunteerFormOn: dateSchema,
  }),
  z.object({
    id: idSchema,
    step: z.literal('introduced'),
    introducedOn: dateSchema,
    introducerIds: z.array(idSchema).max(5),
  }),
  z.object({
    id: idSchema,
    step: z.literal('voted'),
    meetingOn: dateSchema,
    entitled: countSchema,
    present: countSchema,
    yes: countSchema,
    no: countSchema,
  }),
  z.object({ id: idSchema, step: z.literal('approved'), approvedOn: dateSchema }),
  z.object({ id: idSchema, step: z.literal('sworn'), oathOn: dateSchema }),
]);

const today = (ctx: { now(): Date }) => todayInShanghai(ctx.now());

export const developmentRouter = {
  submit: districtProcedure
    .input(submitApplicationInput)
    .mutation(({ ctx, input }) => development.submit(ctx.tdb, ctx.scope, ctx.audit, input, today(ctx))),
  list: districtProcedure
    .input(
      pageSchema.extend({
        stage: stageSchema.optional(),
        orgId: idSchema.optional(),
        q: z.string().trim().max(50).optional(),
        talkOverdue: z.boolean().optional(),
      }),
    )
    .query(({ ctx, input }) => development.list(ctx.tdb, ctx.scope, input, today(ctx))),
  get: districtProcedure
    .input(z.object({ id: idSchema }))
    .query(({ ctx, input }) => development.get(ctx.tdb, ctx.scope, input.id, today(ctx))),
  mine: districtProcedure.query(({ ctx }) => development.mine(ctx.tdb, ctx.scope, today(ctx))),
  waiting: districtProcedure.query(({ ctx }) => development.waiting(ctx.tdb, ctx.scope, today(ctx))),
  advance: districtProcedure
    .input(advanceInput)
    .mutation(({ ctx, input }) => development.advance(ctx.tdb, ctx.scope, ctx.audit, input, today(ctx))),
  /** District admin: withdraw the last recorded step (talked … voted) with a reason; audited. */
  withdrawStep: districtProcedure
    .input(
      z.object({
        id: idSchema,
        reason: z
          .string({ error: '请填写更正原因' })
          .trim()
          .min(2, { error: '请填写更正原因（至少2个字）' })
          .max(200, { error: '更正原因不超过200字' }),
      }),
    )
    .mutation(({ ctx, input }) => withdrawStep(ctx.tdb, ctx.scope, ctx.audit, input)),
  addLesson: districtProcedure
    .input(
      z.object({
        applicationId: idSchema,
        heldOn: dateSchema,
        hours: z.number({ error: '请填写学时' }).positive({ error: '学时须大于0' }).max(24),
        topic: z.string({ error: '请填写团课主题' }).trim().min(1, { error: '请填写团课主题' }).max(100),
      }),
    )
    .mutation(({ ctx, input }) => development.addLesson(ctx.tdb, ctx.scope, ctx.audit, input, today(ctx))),

  blocks: districtProcedure
    .input(z.object({ year: yearSchema.optional() }).optional())
    .query(({ ctx, input }) => blocks.listTenantBlocks(ctx.tdb, ctx.scope, input?.year)),
  assignBlock: districtProcedure
    .input(rangeSchema.extend({ orgId: idSchema }))
    .mutation(({ ctx, input }) => blocks.assignTenantBlock(ctx.tdb, ctx.scope, ctx.audit, input)),
  cityBlocks: cityProcedure
    .input(z.object({ year: yearSchema.optional() }).optional())
    .query(({ ctx, input }) => blocks.listCityBlocks(ctx.db, input?.year)),
  assignCityBlock: cityProcedure
    .input(rangeSchema.extend({ tenantId: idSchema, note: z.string().trim().max(200).optional() }))
    .mutation(({ ctx, input }) => blocks.assignCityBlock(ctx.db, ctx.audit, ctx.user.id, input)),

  evaluationRoster: districtProcedure
    .input(z.object({ orgId: idSchema, year: yearSchema }))
    .query(({ ctx, input }) => evaluation.roster(ctx.tdb, ctx.scope, input.orgId, input.year)),
  recordEvaluation: districtProcedure
    .input(
      z.object({
        orgId: idSchema,
        year: yearSchema,
        heldOn: dateSchema,
        present: countSchema,
        grades: z.array(z.object({ memberId: idSchema, grade: gradeSchema })).max(1000),
      }),
    )
    .mutation(({ ctx, input }) => evaluation.record(ctx.tdb, ctx.scope, ctx.audit, input, today(ctx))),
  register: districtProcedure
    .input(z.object({ orgId: idSchema, year: yearSchema, decidedOn: dateSchema }))
    .mutation(({ ctx, input }) => evaluation.register(ctx.tdb, ctx.scope, ctx.audit, input, today(ctx))),
  deferRegistration: districtProcedure
    .input(
      z.object({
        memberId: idSchema,
        year: yearSchema,
        decidedOn: dateSchema,
        reason: z
          .string({ error: '请填写暂缓注册原因' })
          .trim()
          .min(1, { error: '请填写暂缓注册原因' })
          .max(200),
      }),
    )
    .mutation(({ ctx, input }) => evaluation.defer(ctx.tdb, ctx.scope, ctx.audit, input, today(ctx))),
  reassess: districtProcedure
    .input(z.object({ memberId: idSchema, year: yearSchema, reassessedOn: dateSchema, grade: gradeSchema }))
    .mutation(({ ctx, input }) => evaluation.reassess(ctx.tdb, ctx.scope, ctx.audit, input, today(ctx))),
} satisfies TRPCRouterRecord;
