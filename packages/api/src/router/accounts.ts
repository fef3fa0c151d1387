/**
 * Issue 10 "accounts": corrections of a member's name / 身份证号 through a reviewed request, and
 * the bulk password reset of a branch's members with one-time codes.
 */
import type { TRPCRouterRecord } from '@trpc/server';
import { idSchema } from '@tuanjian/domain';
import { z } from 'zod';
import { asDate } from '../db-types';
import { appError, forbiddenRole } from '../errors';
import * as corrections from '../services/accounts/corrections';
import * as resetCodes from '../services/accounts/reset-codes';
import { authedProcedure, districtProcedure } from '../trpc';

export const proposeCorrectionInput = z
  .object({
    memberId: idSchema,
    field: z.enum(corrections.CORRECTION_FIELDS, { error: '请选择要更正的信息' }),
    value: z
      .string({ error: '请填写更正后的内容' })
      .trim()
      .min(1, { error: '请填写更正后的内容' })
      .max(50, { error: '更正后的内容不能超过50个字' }),
    reason: z
      .string({ error: '请填写更正原因' })
      .trim()
      .min(2, { error: '请填写更正原因（至少2个字）' })
      .max(500, { error: '更正原因不能超过500个字' }),
    evidenceFileIds: z.array(z.string(), { error: '请上传证明材料' }).max(10, { error: '证明材料最多10个' }),
  })
  .strict();

export const decideCorrectionInput = z.object({
  id: idSchema,
  approve: z.boolean({ error: '请选择批准或驳回' }),
  note: z.string().trim().max(500, { error: '审核意见不能超过500个字' }).nullable().optional(),
});

export const listCorrectionsInput = z.object({
  status: z.enum(['pending', 'approved', 'rejected']).optional(),
  memberId: idSchema.optional(),
  /** Only those the acting grant may decide now. */
  toDecide: z.boolean().optional(),
});

const actorOf = (ctx: { user: { id: string; display_name: string } }) => ({
  id: ctx.user.id,
  displayName: ctx.user.display_name,
});

/** Signed in with a changed password and an acting grant (the reset is a platform-user write). */
const resetActor = authedProcedure.use(({ ctx, next }) => {
  if (ctx.user.must_change_password)
    throw appError('FORBIDDEN', 'PASSWORD_CHANGE_REQUIRED', '首次登录请先修改密码');
  const grant = ctx.grant;
  if (!grant) throw appError('FORBIDDEN', 'TENANT_REQUIRED', '请先选择要进入的单位');
  if (grant.tenant.kind !== 'district')
    throw appError('FORBIDDEN', 'TENANT_KIND', '批量重置密码仅适用于区县团委');
  if (grant.tenant.status !== 'active' || !grant.tenant.schema_name)
    throw appError('FORBIDDEN', 'TENANT_UNAVAILABLE', `${grant.tenant.name}暂不可用，请联系团市委`);
  return next({ ctx: { grant } });
});

export const accountsRouter = {
  /** A secretary proposes a correction (reason + evidence files); a superior decides it. */
  proposeCorrection: districtProcedure
    .input(proposeCorrectionInput)
    .mutation(({ ctx, input }) => corrections.propose(ctx.tdb, ctx.scope, actorOf(ctx), ctx.audit, input)),
  corrections: districtProcedure
    .input(listCorrectionsInput)
    .query(({ ctx, input }) => corrections.list(ctx.tdb, ctx.scope, actorOf(ctx), input)),
  /** Approve (the member record changes; before/after in the audit log) or reject with a note. */
  decideCorrection: districtProcedure
    .input(decideCorrectionInput)
    .mutation(({ ctx, input }) => corrections.decide(ctx.tdb, ctx.scope, actorOf(ctx), ctx.audit, input)),
  /**
   * One-time codes for the members (with a login) of one organisation below the issuer's own;
   * the answer is the only time the codes are shown.
   */
  issueResetCodes: resetActor
    .meta({ transaction: false })
    .input(z.object({ orgId: idSchema }))
    .mutation(async ({ ctx, input }) => {
      const r = await resetCodes.issue(ctx.db, ctx.grant, actorOf(ctx), input.orgId, ctx.now());
      ctx.audit.target('organisation', input.orgId, { batchId: r.batchId, count: r.codes.length });
      // The Excel list is built from this same answer: the codes are not kept anywhere to rebuild it.
      return { ...r, file: await resetCodes.codesWorkbook(r, ctx.now()) };
    }),
  /**
   * The audit log's entries of approved corrections of one member (before → after; the ID masked,
   * the sealed copies never leave the server), for the district_admin of the acting tenant.
   */
  correctionAudit: authedProcedure.input(z.object({ memberId: idSchema })).query(async ({ ctx, input }) => {
    if (ctx.user.must_change_password)
      throw appError('FORBIDDEN', 'PASSWORD_CHANGE_REQUIRED', '首次登录请先修改密码');
    const g = ctx.grant;
    if (g?.role !== 'district_admin' || g.tenant.kind !== 'district')
      throw forbiddenRole('仅区县团委管理员可以查看更正审计记录');
    const rows = await ctx.db
      .selectFrom('platform.audit_log as a')
      .leftJoin('platform.users as u', 'u.id', 'a.user_id')
      .select(['a.id', 'a.at', 'a.detail', 'u.display_name', 'u.username'])
      .where('a.tenant_id', '=', g.tenant.id)
      .where('a.action', '=', 'accounts.decideCorrection')
      .where('a.target_type', '=', 'member')
      .where('a.target_id', '=', input.memberId)
      .orderBy('a.at', 'desc')
      .limit(100)
      .execute();
    return rows.map((r) => {
      const d = (typeof r.detail === 'string' ? JSON.parse(r.detail) : (r.detail ?? {})) as {
        fieldLabel?: string;
        before?: string | null;
        after?: string | null;
      };
      return {
        id: r.id,
        at: asDate(r.at),
        by: r.display_name ?? r.username ?? '—',
        fieldLabel: d.fieldLabel ?? '—',
        before: d.before ?? null,
        after: d.after ?? null,
      };
    });
  }),
  resetBatches: districtProcedure
    .input(z.object({}).optional())
    .query(({ ctx }) => resetCodes.batches(ctx.tdb, ctx.scope)),
} satisfies TRPCRouterRecord;
