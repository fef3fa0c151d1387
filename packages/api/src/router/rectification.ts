/**
 * RECT-1…RECT-5 整理整顿 (district tenants): health checks from four sources, the superior's ranking
 * and the bottom share into the 《重点整顿团组织信息台帐》, tasks with evidence and 对账销号, 通报 / 约谈,
 * carry-over, the two-round rule (→ an ORG-6 proposal), annual acceptance. See `services/rectification/`.
 */
import type { TRPCRouterRecord } from '@trpc/server';
import {
  ACCEPTANCE_RESULTS,
  dateSchema,
  HEALTH_CHECK_SOURCES,
  idSchema,
  PROPOSAL_KINDS,
  RECTIFICATION_TASK_STATUSES,
  RECTIFICATION_WARNING_KINDS,
} from '@tuanjian/domain';
import { z } from 'zod';
import * as rect from '../services/rectification/rectification';
import { districtProcedure } from '../trpc';

const yearSchema = z
  .number({ error: '请选择年度' })
  .int({ error: '年度无效' })
  .min(2000, { error: '年度无效' })
  .max(2100, { error: '年度无效' });
const roundInput = z.object({ year: yearSchema, superiorOrgId: idSchema.optional() });
const text = (what: string, max: number) =>
  z
    .string({ error: `请填写${what}` })
    .trim()
    .min(1, { error: `请填写${what}` })
    .max(max, { error: `${what}不能超过${max}个字` });
const notesSchema = z.string().trim().max(1000, { error: '意见不能超过1000个字' }).nullish();

export const rectificationRouter = {
  /** The checklist, grades, source weights and bottom share in force for a year. */
  checklist: districtProcedure
    .input(z.object({ year: yearSchema }))
    .query(({ ctx, input }) => rect.checklistFor(ctx.tdb, input.year)),
  openRound: districtProcedure.input(roundInput).mutation(async ({ ctx, input }) => {
    const r = await rect.openRound(ctx.tdb, ctx.scope, ctx.user, input);
    ctx.audit.target('health_check_round', r.superiorOrgId, { year: r.year, opened: r.opened });
    return r;
  }),
  /** What the caller may submit this year (member / self / peer forms). */
  myForms: districtProcedure
    .input(z.object({ year: yearSchema }))
    .query(({ ctx, input }) => rect.myForms(ctx.tdb, ctx.scope, input)),
  get: districtProcedure
    .input(z.object({ id: idSchema }))
    .query(({ ctx, input }) => rect.getCheck(ctx.tdb, ctx.scope, input.id)),
  submit: districtProcedure
    .input(
      z.object({
        healthCheckId: idSchema,
        source: z.enum(HEALTH_CHECK_SOURCES, { error: '评价来源无效' }),
        grades: z.record(z.string().max(60), z.string().max(40), { error: '请评价各项' }),
        notes: notesSchema,
        byOrgId: idSchema.nullish(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const r = await rect.submitInput(ctx.tdb, ctx.scope, ctx.user, input);
      // member inputs: the audit names the check, never which input (the entry's user is the session's)
      ctx.audit.target('health_check', r.id, {
        source: input.source,
        ...(ctx.scope.role === 'district_admin' && (input.source === 'self' || input.source === 'peer')
          ? { onBehalfOf: input.source === 'self' ? r.orgId : input.byOrgId }
          : {}),
      });
      return r;
    }),
  assignPeers: districtProcedure
    .input(
      z.object({
        healthCheckId: idSchema,
        peerOrgIds: z.array(idSchema).max(10, { error: '最多指定10个团支部' }),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const r = await rect.assignPeers(ctx.tdb, ctx.scope, ctx.user, input);
      ctx.audit.target('health_check', r.id, { peers: input.peerOrgIds });
      return r;
    }),
  ranking: districtProcedure
    .input(roundInput)
    .query(({ ctx, input }) => rect.ranking(ctx.tdb, ctx.scope, input)),
  publish: districtProcedure.input(roundInput).mutation(async ({ ctx, input }) => {
    const r = await rect.publishKeyList(ctx.tdb, ctx.scope, ctx.user, input);
    ctx.audit.target('key_rectification_list', input.superiorOrgId ?? null, r);
    return r;
  }),
  ledger: districtProcedure
    .input(roundInput)
    .query(({ ctx, input }) => rect.ledger(ctx.tdb, ctx.scope, input)),
  ledgerExport: districtProcedure.input(roundInput).mutation(async ({ ctx, input }) => {
    ctx.audit.target('key_rectification_ledger', null, input);
    return rect.ledgerExport(ctx.tdb, ctx.scope, input, ctx.now());
  }),
  completion: districtProcedure
    .input(roundInput)
    .query(({ ctx, input }) => rect.completion(ctx.tdb, ctx.scope, input)),
  tasks: districtProcedure
    .input(
      z.object({
        year: yearSchema,
        orgId: idSchema.optional(),
        status: z.enum(RECTIFICATION_TASK_STATUSES, { error: '状态无效' }).optional(),
      }),
    )
    .query(({ ctx, input }) => rect.listTasks(ctx.tdb, ctx.scope, input, ctx.now())),
  createTask: districtProcedure
    .input(
      z.object({
        healthCheckId: idSchema,
        title: text('整改任务', 200),
        ownerName: text('责任人', 40),
        deadline: dateSchema,
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const r = await rect.createTask(ctx.tdb, ctx.scope, ctx.user, input, ctx.now());
      ctx.audit.target('rectification_task', r.id, { orgId: r.orgId });
      return r;
    }),
  updateTask: districtProcedure
    .input(
      z.object({
        id: idSchema,
        title: text('整改任务', 200).optional(),
        ownerName: text('责任人', 40).optional(),
        deadline: dateSchema.optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const r = await rect.updateTask(ctx.tdb, ctx.scope, input, ctx.now());
      ctx.audit.target('rectification_task', r.id, { fields: Object.keys(input).filter((k) => k !== 'id') });
      return r;
    }),
  submitEvidence: districtProcedure
    .input(
      z.object({
        id: idSchema,
        evidence: z.string().trim().max(2000, { error: '整改情况不能超过2000个字' }).nullish(),
        fileIds: z.array(idSchema).max(20, { error: '最多上传20个佐证材料' }).default([]),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const r = await rect.submitEvidence(ctx.tdb, ctx.scope, input, ctx.now());
      ctx.audit.target('rectification_task', r.id, { files: input.fileIds.length });
      return r;
    }),
  /** 对账销号 (confirm: true) or return it to the branch (confirm: false). */
  confirmTask: districtProcedure
    .input(z.object({ id: idSchema, confirm: z.boolean({ error: '请选择销号或退回' }) }))
    .mutation(async ({ ctx, input }) => {
      const r = await rect.confirmTask(ctx.tdb, ctx.scope, ctx.user, input, ctx.now());
      ctx.audit.target('rectification_task', r.id, { confirm: input.confirm });
      return r;
    }),
  recordOverdue: districtProcedure
    .input(roundInput.extend({ kind: z.enum(RECTIFICATION_WARNING_KINDS, { error: '请选择通报或约谈' }) }))
    .mutation(async ({ ctx, input }) => {
      const r = await rect.recordOverdue(ctx.tdb, ctx.scope, ctx.user, input, ctx.now());
      ctx.audit.target('rectification_warning', null, { ...input, ...r });
      return r;
    }),
  warnings: districtProcedure
    .input(z.object({ year: yearSchema, orgId: idSchema.optional() }))
    .query(({ ctx, input }) => rect.listWarnings(ctx.tdb, ctx.scope, input)),
  proposeAdjustment: districtProcedure
    .input(
      z.object({
        orgId: idSchema,
        year: yearSchema,
        kind: z.enum(PROPOSAL_KINDS, { error: '请选择调整、合并或撤销' }),
        targetOrgId: idSchema.nullish(),
        newName: z.string().trim().max(100).nullish(),
        reason: z.string().trim().max(500).nullish(),
        effectiveOn: dateSchema,
      }),
    )
    .mutation(({ ctx, input }) =>
      rect.proposeAdjustment(
        ctx.tdb,
        ctx.scope,
        ctx.audit,
        { id: ctx.user.id, name: ctx.user.display_name },
        input,
      ),
    ),
  accept: districtProcedure
    .input(
      z.object({
        orgId: idSchema,
        year: yearSchema,
        result: z.enum(ACCEPTANCE_RESULTS, { error: '请选择验收结果' }),
        notes: notesSchema,
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const r = await rect.decideAcceptance(ctx.tdb, ctx.scope, ctx.user, input);
      ctx.audit.target('rectification_acceptance', r.orgId, { year: r.year, result: r.result });
      return r;
    }),
} satisfies TRPCRouterRecord;
