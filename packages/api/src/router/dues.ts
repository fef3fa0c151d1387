import type { TRPCRouterRecord } from '@trpc/server';
import {
  DUES_CATEGORIES,
  dateSchema,
  duesCategorySchema,
  idSchema,
  isValidMonth,
  LAPSE_DECISIONS,
  pageSchema,
  paymentMethodSchema,
  RECOMMENDATION_STAGES,
} from '@tuanjian/domain';
import { z } from 'zod';
import { cityCollection } from '../services/dues/city';
import * as dues from '../services/dues/dues';
import { collectionExport } from '../services/dues/export';
import * as recs from '../services/dues/recommendations';
import { cityProcedure, districtProcedure } from '../trpc';

const monthSchema = z.string({ error: '请选择月份' }).refine(isValidMonth, { error: '月份格式应为 YYYY-MM' });
const yearSchema = z
  .number({ error: '请选择年份' })
  .int()
  .min(2000, { error: '年份无效' })
  .max(2100, { error: '年份无效' });

const actor = (ctx: { user: { id: string; display_name: string } }) => ({
  id: ctx.user.id,
  name: ctx.user.display_name,
});

export const duesRouter = {
  categories: districtProcedure.query(() => DUES_CATEGORIES),
  branchMonth: districtProcedure
    .input(z.object({ orgId: idSchema.optional(), month: monthSchema.optional() }))
    .query(({ ctx, input }) => dues.branchMonth(ctx.tdb, ctx.scope, input, ctx.now())),
  record: districtProcedure
    .input(
      z.object({
        memberIds: z.array(idSchema).min(1, { error: '请选择要登记的团员' }).max(500),
        months: z.array(monthSchema).min(1, { error: '请选择月份' }).max(24),
        paidOn: dateSchema.optional(),
        method: paymentMethodSchema.default('cash'),
        note: z.string().trim().max(200).optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const r = await dues.recordPayments(ctx.tdb, ctx.scope, input, actor(ctx), ctx.now());
      ctx.audit.target('dues_payments', null, {
        members: input.memberIds.length,
        months: input.months,
        totalFen: r.totalFen,
      });
      return r;
    }),
  memberStatus: districtProcedure
    .input(z.object({ memberId: idSchema.optional() }).default({}))
    .query(({ ctx, input }) => dues.memberStatus(ctx.tdb, ctx.scope, input.memberId, ctx.now())),
  collection: districtProcedure
    .input(z.object({ year: yearSchema, orgId: idSchema.optional() }))
    .query(({ ctx, input }) => dues.collection(ctx.tdb, ctx.scope, input, ctx.now())),
  collectionExport: districtProcedure
    .input(z.object({ year: yearSchema, orgId: idSchema.optional() }))
    .mutation(async ({ ctx, input }) => {
      const r = await collectionExport(ctx.tdb, ctx.scope, input, ctx.now());
      ctx.audit.target('dues_collection', null, { year: input.year, orgId: input.orgId ?? null });
      return r;
    }),
  /** 团市委: each district's collection rate for a year. */
  cityCollection: cityProcedure
    .input(z.object({ year: yearSchema }))
    .query(({ ctx, input }) => cityCollection(ctx.db, input, ctx.now(), ctx.user.id)),
  lapseCandidates: districtProcedure
    .input(z.object({ orgId: idSchema.optional() }).default({}))
    .query(({ ctx, input }) => dues.lapseCandidates(ctx.tdb, ctx.scope, input, ctx.now())),
  decideLapse: districtProcedure
    .input(
      z.object({
        memberId: idSchema,
        decision: z.enum(LAPSE_DECISIONS, { error: '请选择处理结果' }),
        meetingDate: dateSchema,
        note: z.string().trim().max(500).optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      ctx.audit.target('member', input.memberId, { decision: input.decision });
      return dues.decideLapse(ctx.tdb, ctx.scope, input, actor(ctx), ctx.now());
    }),
  setCategory: districtProcedure
    .input(
      z.object({
        memberId: idSchema,
        category: duesCategorySchema,
        declaredPayFen: z.number().int({ error: '金额须为整数分' }).min(0).max(100_000_000).nullable(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      ctx.audit.target('member', input.memberId, { category: input.category });
      return dues.setCategory(ctx.tdb, ctx.scope, input);
    }),
} satisfies TRPCRouterRecord;

const stepInput = z.discriminatedUnion('action', [
  z.object({
    id: idSchema,
    action: z.literal('vote'),
    voteOn: dateSchema,
    entitled: z.number().int().min(1, { error: '应到人数至少为1' }),
    present: z.number().int().min(0),
    yes: z.number().int().min(0),
  }),
  z.object({
    id: idSchema,
    action: z.literal('review'),
    reviewedOn: dateSchema,
    pass: z.boolean(),
    note: z.string().trim().max(500).optional(),
  }),
  z.object({ id: idSchema, action: z.literal('publicize'), from: dateSchema, to: dateSchema }),
  z.object({
    id: idSchema,
    action: z.literal('approve'),
    approvedOn: dateSchema,
    approvedBy: z.string().trim().min(1, { error: '请填写审批组织' }).max(100),
  }),
  z.object({
    id: idSchema,
    action: z.literal('send'),
    sentOn: dateSchema,
    partyOrgName: z.string().trim().min(1, { error: '请填写接收的党组织' }).max(100),
  }),
]);

export const recommendationsRouter = {
  list: districtProcedure
    .input(
      pageSchema.extend({
        stage: z.enum(RECOMMENDATION_STAGES).optional(),
        q: z.string().trim().max(50).optional(),
        orgId: idSchema.optional(),
      }),
    )
    .query(({ ctx, input }) => recs.list(ctx.tdb, ctx.scope, input)),
  get: districtProcedure
    .input(z.object({ id: idSchema }))
    .query(({ ctx, input }) => recs.get(ctx.tdb, ctx.scope, input.id, ctx.now())),
  eligibility: districtProcedure
    .input(
      z.object({
        memberId: idSchema,
        onDate: dateSchema.optional(),
        partyApplicationDate: dateSchema.optional(),
      }),
    )
    .query(({ ctx, input }) => recs.checkEligibility(ctx.tdb, ctx.scope, input, ctx.now())),
  nominate: districtProcedure
    .input(
      z.object({
        memberId: idSchema,
        partyApplicationDate: dateSchema,
        nominatedOn: dateSchema,
        note: z.string().trim().max(500).optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const r = await recs.nominate(ctx.tdb, ctx.scope, input, actor(ctx), ctx.now());
      ctx.audit.target('party_recommendation', r.id, { memberId: input.memberId });
      return r;
    }),
  step: districtProcedure.input(stepInput).mutation(async ({ ctx, input }) => {
    ctx.audit.target('party_recommendation', input.id, { action: input.action });
    return recs.step(ctx.tdb, ctx.scope, input, actor(ctx), ctx.now());
  }),
  recordAdmission: districtProcedure
    .input(z.object({ memberId: idSchema, joinedOn: dateSchema }))
    .mutation(async ({ ctx, input }) => {
      ctx.audit.target('member', input.memberId, { partyAdmission: input.joinedOn });
      return recs.recordAdmission(ctx.tdb, ctx.scope, input, ctx.now());
    }),
  kpi: districtProcedure
    .input(z.object({ year: yearSchema }))
    .query(({ ctx, input }) => recs.kpi(ctx.tdb, ctx.scope, input)),
} satisfies TRPCRouterRecord;
