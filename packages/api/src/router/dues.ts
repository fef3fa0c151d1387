import type { TRPCRouterRecord } from '@trpc/server';
import {
  DUES_CATEGORIES,
  dateSchema,
  duesCategorySchema,
  idSchema,
  isValidDate,
  isValidMonth,
  LAPSE_DECISIONS,
  pageSchema,
  paymentMethodSchema,
  RECOMMENDATION_STAGES,
} from '@tuanjian/domain';
import { z } from 'zod';
import { cityCollection } from '../services/dues/city';
import * as corrections from '../services/dues/corrections';
import * as dues from '../services/dues/dues';
import { collectionExport } from '../services/dues/export';
import * as recs from '../services/dues/recommendations';
import { cityProcedure, districtProcedure } from '../trpc';

/** A month 'YYYY-MM' (a date 'YYYY-MM-DD' is taken as its month). */
const monthSchema = z
  .string({ error: '请选择月份' })
  .regex(/^\d{4}-(0[1-9]|1[0-2])(-\d{2})?$/, { error: '月份格式应为 YYYY-MM' })
  .refine((v) => isValidMonth(v.slice(0, 7)) && (v.length === 7 || isValidDate(v)), {
    error: '月份格式应为 YYYY-MM',
  })
  .transform((v) => v.slice(0, 7));
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
  /** 撤销登记: void a wrongly recorded payment with a reason (never deleted; audited). */
  voidPayment: districtProcedure
    .input(
      z.object({
        paymentId: idSchema,
        reason: z
          .string({ error: '请填写撤销原因' })
          .trim()
          .min(2, { error: '请填写撤销原因（至少2个字）' })
          .max(200, { error: '撤销原因不超过200字' }),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const r = await corrections.voidPayment(ctx.tdb, ctx.scope, input, actor(ctx), ctx.now());
      ctx.audit.target('dues_payments', r.paymentId, {
        action: 'void',
        reason: input.reason,
        months: r.months,
        amountFen: r.amountFen,
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

const STEP_ACTIONS = ['vote', 'review', 'publicize', 'approve', 'send'] as const;
const STEP_FIELDS: Record<(typeof STEP_ACTIONS)[number], readonly string[]> = {
  vote: ['voteOn', 'entitled', 'present', 'yes'],
  review: ['reviewedOn', 'pass'],
  publicize: ['from', 'to'],
  approve: ['approvedOn', 'approvedBy'],
  send: ['sentOn', 'partyOrgName'],
};
const FIELD_LABELS: Record<string, string> = {
  voteOn: '推优大会日期',
  entitled: '应到会人数',
  present: '实到会人数',
  yes: '赞成票数',
  reviewedOn: '审查日期',
  pass: '审查结果',
  from: '公示开始日期',
  to: '公示结束日期',
  approvedOn: '审批日期',
  approvedBy: '审批组织',
  sentOn: '推荐日期',
  partyOrgName: '接收的党组织',
};

/** One step of the workflow: `action` plus the fields that step needs (a flat object). */
const stepInput = z
  .object({
    id: idSchema,
    action: z.enum(STEP_ACTIONS, { error: '办理步骤无效' }),
    voteOn: dateSchema.optional(),
    entitled: z.number().int().min(1, { error: '应到人数至少为1' }).optional(),
    present: z.number().int().min(0).optional(),
    yes: z.number().int().min(0).optional(),
    reviewedOn: dateSchema.optional(),
    pass: z.boolean().optional(),
    note: z.string().trim().max(500).optional(),
    from: dateSchema.optional(),
    to: dateSchema.optional(),
    approvedOn: dateSchema.optional(),
    approvedBy: z.string().trim().min(1, { error: '请填写审批组织' }).max(100).optional(),
    sentOn: dateSchema.optional(),
    partyOrgName: z.string().trim().min(1, { error: '请填写接收的党组织' }).max(100).optional(),
  })
  .superRefine((v, ctx) => {
    for (const f of STEP_FIELDS[v.action]) {
      if ((v as Record<string, unknown>)[f] === undefined) {
        ctx.addIssue({ code: 'custom', path: [f], message: `请填写${FIELD_LABELS[f]}` });
      }
    }
  });

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
    return recs.step(ctx.tdb, ctx.scope, input as recs.StepInput, actor(ctx), ctx.now());
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
