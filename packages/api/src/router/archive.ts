/**
 * Member archive (MEM-1): edits, 核查 and the completeness view. `members.revealPii` lives on the
 * members router (see `revealPiiProcedure`).
 */
import type { TRPCRouterRecord } from '@trpc/server';
import {
  ARCHIVE_CHECK_RESULTS,
  dateSchema,
  genderSchema,
  idSchema,
  PII_FIELDS,
  pageSchema,
} from '@tuanjian/domain';
import { z } from 'zod';
import { asDate } from '../db-types';
import { appError, forbiddenRole } from '../errors';
import * as archive from '../services/archive';
import { authedProcedure, districtProcedure } from '../trpc';

const optionalText = (label: string, max = 50) =>
  z
    .string({ error: `${label}格式无效` })
    .trim()
    .max(max, { error: `${label}不能超过${max}个字` })
    .nullable()
    .optional();

export const revealPiiInput = z.object({
  id: idSchema,
  field: z.enum(PII_FIELDS, { error: '请选择要查看的信息' }),
  reason: z
    .string({ error: '请填写查看原因' })
    .trim()
    .min(2, { error: '请填写查看原因（至少2个字）' })
    .max(200, { error: '查看原因不能超过200个字' }),
});

/** `members.revealPii`: the full value of a sealed field, audited in the same transaction. */
export const revealPiiProcedure = districtProcedure
  .input(revealPiiInput)
  .mutation(({ ctx, input }) => archive.revealPii(ctx.tdb, ctx.scope, ctx.audit, input));

export const updateArchiveInput = z.object({
  id: idSchema,
  name: z.string({ error: '姓名格式无效' }).trim().min(1, { error: '请填写姓名' }).max(50).optional(),
  gender: genderSchema.optional(),
  ethnicity: optionalText('民族', 20),
  birthDate: dateSchema.optional(),
  joinDate: dateSchema.nullable().optional(),
  memberNumber: z
    .string()
    .trim()
    .regex(/^(\d{12})?$/, { error: '团员编号应为12位数字' })
    .nullable()
    .optional(),
  education: optionalText('学历'),
  occupationCategory: optionalText('职业类别'),
  idCard: z.string().trim().max(30, { error: '身份证号格式无效' }).nullable().optional(),
  phone: z.string().trim().max(20, { error: '手机号码格式无效' }).nullable().optional(),
});

export const archiveRouter = {
  update: districtProcedure
    .input(updateArchiveInput)
    .mutation(({ ctx, input }) => archive.updateArchive(ctx.tdb, ctx.scope, ctx.audit, input)),
  checks: districtProcedure
    .input(z.object({ memberId: idSchema }))
    .query(({ ctx, input }) => archive.listChecks(ctx.tdb, ctx.scope, input.memberId)),
  addCheck: districtProcedure
    .input(
      z.object({
        memberId: idSchema,
        result: z.enum(ARCHIVE_CHECK_RESULTS, { error: '请选择核查结果' }),
        notes: optionalText('核查说明', 500),
      }),
    )
    .mutation(({ ctx, input }) =>
      archive.addCheck(
        ctx.tdb,
        ctx.scope,
        ctx.audit,
        { id: ctx.user.id, displayName: ctx.user.display_name },
        input,
      ),
    ),
  /**
   * Who saw a member's full personal information, when and why (the audit entries of
   * `members.revealPii`), for the district_admin of the acting tenant. Reads the platform audit log
   * (the tenant role may only append to it), filtered by the session's tenant.
   */
  revealLog: authedProcedure.input(z.object({ memberId: idSchema })).query(async ({ ctx, input }) => {
    if (ctx.user.must_change_password)
      throw appError('FORBIDDEN', 'PASSWORD_CHANGE_REQUIRED', '首次登录请先修改密码');
    const g = ctx.grant;
    if (g?.role !== 'district_admin' || g.tenant.kind !== 'district')
      throw forbiddenRole('仅区县团委管理员可以查看个人信息查看记录');
    const rows = await ctx.db
      .selectFrom('platform.audit_log as a')
      .leftJoin('platform.users as u', 'u.id', 'a.user_id')
      .select(['a.id', 'a.at', 'a.detail', 'a.ip', 'u.display_name', 'u.username'])
      .where('a.tenant_id', '=', g.tenant.id)
      .where('a.action', '=', 'members.revealPii')
      .where('a.target_type', '=', 'member')
      .where('a.target_id', '=', input.memberId)
      .orderBy('a.at', 'desc')
      .limit(100)
      .execute();
    return rows.map((r) => {
      const d = (typeof r.detail === 'string' ? JSON.parse(r.detail) : (r.detail ?? {})) as {
        field?: string;
        fieldLabel?: string;
        reason?: string;
      };
      return {
        id: r.id,
        at: asDate(r.at),
        by: r.display_name ?? r.username ?? '—',
        field: d.field ?? null,
        fieldLabel: d.fieldLabel ?? null,
        reason: d.reason ?? null,
      };
    });
  }),
  completeness: districtProcedure
    .input(
      pageSchema.extend({
        orgId: idSchema.optional(),
        q: z.string().trim().max(50).optional(),
      }),
    )
    .query(({ ctx, input }) => archive.completeness(ctx.tdb, ctx.scope, input)),
} satisfies TRPCRouterRecord;
