/**
 * SUP-1 季度督导检查.
 *
 * City (platform handle, audited): city_admin plans, teams, targets, reviews answers and publishes
 * circulars; `inspector` users (city tenant) read the plans whose team they are on and record
 * findings there. Tenants (under their own role, RLS): district_admin / org_secretary read the
 * findings about their organisations and answer them; every tenant role reads published circulars.
 */
import type { TRPCRouterRecord } from '@trpc/server';
import {
  dateSchema,
  FINDING_SEVERITIES,
  FINDING_STATUSES,
  INSPECTION_METHODS,
  INSPECTION_PLAN_STATUSES,
  INSPECTION_SECTORS,
  idSchema,
} from '@tuanjian/domain';
import { z } from 'zod';
import { appError } from '../errors';
import * as circulars from '../services/inspections/circulars';
import * as findings from '../services/inspections/findings';
import * as plans from '../services/inspections/plans';
import * as tenantSide from '../services/inspections/tenant';
import { authedProcedure, cityProcedure, districtProcedure, tenantProcedure } from '../trpc';

const byId = z.object({ id: idSchema });
const text = (label: string, max: number) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .min(1, { error: `请填写${label}` })
    .max(max, { error: `${label}不能超过${max}个字` });
const methodSchema = z.enum(INSPECTION_METHODS, { error: '检查方式无效' });
const sectorSchema = z.enum(INSPECTION_SECTORS, { error: '检查领域无效' });
const fileIds = z.array(idSchema).max(20, { error: '附件最多20个' });

/** city_admin or inspector acting in the city tenant (platform handle; mutations audited). */
export const cityStaffProcedure = authedProcedure.use(({ ctx, next }) => {
  if (ctx.user.must_change_password) {
    throw appError('FORBIDDEN', 'PASSWORD_CHANGE_REQUIRED', '首次登录请先修改密码');
  }
  const grant = ctx.grant;
  if (!grant) throw appError('FORBIDDEN', 'TENANT_REQUIRED', '请先选择要进入的单位');
  if (grant.tenant.kind !== 'city' || (grant.role !== 'city_admin' && grant.role !== 'inspector')) {
    throw appError('FORBIDDEN', 'FORBIDDEN_ROLE', '仅团市委管理员和督查组成员可以进行此操作');
  }
  const actor: plans.CityActor = { userId: ctx.user.id, role: grant.role };
  return next({ ctx: { actor } });
});

export const inspectionsRouter = {
  // ---------------------------------------------------------------- city: plans, team, targets
  plans: cityStaffProcedure
    .input(z.object({ year: z.number().int().min(2000).max(2100).optional() }))
    .query(({ ctx, input }) => plans.listPlans(ctx.db, ctx.actor, input, ctx.now())),
  plan: cityStaffProcedure
    .input(byId)
    .query(({ ctx, input }) => findings.planDetail(ctx.db, ctx.actor, input.id, ctx.now())),
  createPlan: cityProcedure
    .input(
      z.object({
        year: z.number().int().min(2000).max(2100),
        quarter: z.number().int().min(1).max(4),
        title: text('计划名称', 100),
        focus: z.string().trim().max(2000, { error: '检查重点不能超过2000个字' }).nullish(),
        methods: z.array(methodSchema).min(1, { error: '请至少选择一种检查方式' }),
        startsOn: dateSchema.optional(),
        endsOn: dateSchema.optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const r = await plans.createPlan(ctx.db, input, ctx.user.id);
      ctx.audit.target('inspection_plan', r.id, { year: input.year, quarter: input.quarter });
      return r;
    }),
  updatePlan: cityProcedure
    .input(
      z.object({
        id: idSchema,
        title: text('计划名称', 100).optional(),
        focus: z.string().trim().max(2000).nullish(),
        methods: z.array(methodSchema).min(1, { error: '请至少选择一种检查方式' }).optional(),
        status: z.enum(INSPECTION_PLAN_STATUSES, { error: '计划状态无效' }).optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      await plans.updatePlan(ctx.db, input);
      ctx.audit.target('inspection_plan', input.id, { status: input.status });
      return { ok: true as const };
    }),
  inspectors: cityProcedure.query(({ ctx }) => plans.inspectors(ctx.db)),
  setTeam: cityProcedure
    .input(
      z.object({
        planId: idSchema,
        members: z.array(z.object({ userId: idSchema, isLeader: z.boolean() })).max(30),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      await plans.setTeam(ctx.db, input);
      ctx.audit.target('inspection_plan', input.planId, { team: input.members.length });
      return { ok: true as const };
    }),
  districts: cityProcedure.query(({ ctx }) => plans.districts(ctx.db)),
  orgCandidates: cityProcedure
    .input(
      z.object({
        tenantId: idSchema,
        q: z.string().trim().max(50).optional(),
        sector: sectorSchema.optional(),
      }),
    )
    .query(({ ctx, input }) => plans.orgCandidates(ctx.db, input)),
  addTarget: cityProcedure
    .input(
      z.object({ planId: idSchema, tenantId: idSchema, orgId: idSchema, sector: sectorSchema.optional() }),
    )
    .mutation(async ({ ctx, input }) => {
      const r = await plans.addTarget(ctx.db, input);
      ctx.audit.target('inspection_target', r.id, { planId: input.planId, tenantId: input.tenantId });
      return r;
    }),
  removeTarget: cityProcedure.input(byId).mutation(async ({ ctx, input }) => {
    await plans.removeTarget(ctx.db, input.id);
    ctx.audit.target('inspection_target', input.id);
    return { ok: true as const };
  }),

  // ---------------------------------------------------------------- city: findings
  recordFinding: cityStaffProcedure
    .input(
      z.object({
        targetId: idSchema,
        method: methodSchema,
        severity: z.enum(FINDING_SEVERITIES, { error: '问题程度无效' }),
        description: text('问题描述', 2000),
        requirement: z.string().trim().max(2000).nullish(),
        inspectedOn: dateSchema.optional(),
        deadline: dateSchema.optional(),
        evidenceFileIds: fileIds,
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const r = await findings.recordFinding(ctx.db, ctx.actor, input, ctx.now());
      ctx.audit.target('inspection_finding', r.id, { targetId: input.targetId, method: input.method });
      return r;
    }),
  finding: cityStaffProcedure
    .input(byId)
    .query(({ ctx, input }) => findings.findingDetailForCity(ctx.db, ctx.actor, input.id, ctx.now())),
  reviewFinding: cityProcedure
    .input(
      z.object({
        id: idSchema,
        decision: z.enum(['close', 'return'], { error: '审核结论无效' }),
        note: z.string().trim().max(1000).nullish(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const r = await findings.reviewFinding(ctx.db, input, ctx.now());
      ctx.audit.target('inspection_finding', input.id, { decision: input.decision });
      return r;
    }),

  // ---------------------------------------------------------------- city: circulars
  circularDraft: cityProcedure
    .input(z.object({ planId: idSchema }))
    .query(({ ctx, input }) => circulars.draftCircular(ctx.db, input.planId)),
  cityCirculars: cityStaffProcedure.query(({ ctx }) => circulars.cityCirculars(ctx.db)),
  cityCircular: cityStaffProcedure
    .input(byId)
    .query(({ ctx, input }) => circulars.cityCircular(ctx.db, input.id)),
  saveCircular: cityProcedure
    .input(
      z.object({
        id: idSchema.optional(),
        planId: idSchema.nullish(),
        title: text('通报标题', 200),
        docNumber: z.string().trim().max(50).nullish(),
        body: text('通报正文', 20000),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const r = await circulars.saveCircular(ctx.db, input, ctx.user.id, ctx.now());
      ctx.audit.target('inspection_circular', r.id, { title: r.title });
      return r;
    }),
  publishCircular: cityProcedure.input(byId).mutation(async ({ ctx, input }) => {
    const r = await circulars.publishCircular(ctx.db, input.id, ctx.now());
    ctx.audit.target('inspection_circular', r.id, { publishedOn: r.publishedOn });
    return r;
  }),

  // ---------------------------------------------------------------- tenants
  myFindings: districtProcedure
    .input(
      z.object({
        status: z.enum(FINDING_STATUSES, { error: '状态无效' }).optional(),
        waiting: z.boolean().optional(),
      }),
    )
    .query(({ ctx, input }) => tenantSide.myFindings(ctx.tdb, ctx.scope, input, ctx.now())),
  myFinding: districtProcedure
    .input(byId)
    .query(({ ctx, input }) => tenantSide.myFinding(ctx.tdb, ctx.scope, input.id, ctx.now())),
  answer: districtProcedure
    .input(z.object({ id: idSchema, body: text('整改情况', 5000), fileIds }))
    .mutation(async ({ ctx, input }) => {
      const r = await tenantSide.answerFinding(ctx.tdb, ctx.scope, input, ctx.user.display_name, ctx.now());
      ctx.audit.target('inspection_finding', input.id, { answerId: r.id, files: input.fileIds.length });
      return r;
    }),
  circulars: tenantProcedure.query(({ ctx }) => circulars.publishedCirculars(ctx.tdb)),
  circular: tenantProcedure
    .input(byId)
    .query(({ ctx, input }) => circulars.publishedCircular(ctx.tdb, input.id)),
} satisfies TRPCRouterRecord;
