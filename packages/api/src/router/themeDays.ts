/**
 * LIFE-2 主题团日+ (district tenants): the branch secretary keeps the month's theme day, members
 * check in with the code, the superior sees the monthly board. See `services/theme-day/`.
 */
import type { TRPCRouterRecord } from '@trpc/server';
import { idSchema, isValidDate, isValidMonth, THEME_DAY_COMPLETENESS } from '@tuanjian/domain';
import { z } from 'zod';
import { board, boardExport } from '../services/theme-day/board';
import * as td from '../services/theme-day/theme-day';
import { districtProcedure } from '../trpc';

/** A month 'YYYY-MM' (a date 'YYYY-MM-DD' is taken as its month). */
const monthSchema = z
  .string({ error: '请选择月份' })
  .regex(/^\d{4}-(0[1-9]|1[0-2])(-\d{2})?$/, { error: '月份格式应为 YYYY-MM' })
  .refine((v) => isValidMonth(v.slice(0, 7)) && (v.length === 7 || isValidDate(v)), {
    error: '月份格式应为 YYYY-MM',
  })
  .transform((v) => v.slice(0, 7));
const themeSchema = z
  .string({ error: '请填写活动主题' })
  .trim()
  .min(1, { error: '请填写活动主题' })
  .max(100, { error: '活动主题不能超过100个字' });
const instantSchema = z
  .string({ error: '时间格式无效' })
  .max(40)
  .refine((v) => !Number.isNaN(Date.parse(v)), { error: '时间格式无效' });
const placeSchema = z.string().trim().max(100, { error: '活动地点不能超过100个字' });
const evidenceSchema = z.string().trim().max(1000, { error: '佐证说明不能超过1000个字' });
const photoIdsSchema = z.array(idSchema).max(20, { error: '每项最多上传20张照片' }).default([]);
const keySchema = z.string({ error: '项目无效' }).min(1).max(40);
const completenessSchema = z.enum(THEME_DAY_COMPLETENESS, { error: '完成情况无效' });

const boardInput = z.object({
  month: monthSchema,
  orgId: idSchema.optional(),
  completeness: completenessSchema.optional(),
});

export const themeDaysRouter = {
  /** A branch's theme day of a month (default: the scope's branch, this month) with the rule items. */
  forBranch: districtProcedure
    .input(z.object({ orgId: idSchema.optional(), month: monthSchema.optional() }).default({}))
    .query(({ ctx, input }) => td.forBranch(ctx.tdb, ctx.scope, input, ctx.now())),
  get: districtProcedure
    .input(z.object({ id: idSchema }))
    .query(({ ctx, input }) => td.get(ctx.tdb, ctx.scope, input.id, ctx.now())),
  create: districtProcedure
    .input(
      z.object({
        orgId: idSchema.optional(),
        month: monthSchema.optional(),
        theme: themeSchema,
        heldAt: instantSchema.nullish(),
        place: placeSchema.nullish(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const r = await td.create(ctx.tdb, ctx.scope, input, { userId: ctx.user.id }, ctx.now());
      ctx.audit.target('theme_day', r.id, { orgId: r.orgId, month: r.month });
      return r;
    }),
  update: districtProcedure
    .input(
      z.object({
        id: idSchema,
        theme: themeSchema.optional(),
        heldAt: instantSchema.nullish(),
        place: placeSchema.nullish(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const r = await td.update(ctx.tdb, ctx.scope, input, ctx.now());
      ctx.audit.target('theme_day', r.id, { fields: Object.keys(input).filter((k) => k !== 'id') });
      return r;
    }),
  setAction: districtProcedure
    .input(
      z.object({
        id: idSchema,
        actionKey: keySchema,
        done: z.boolean({ error: '请选择是否完成' }),
        evidence: evidenceSchema.nullish(),
        photoIds: photoIdsSchema,
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const r = await td.setAction(ctx.tdb, ctx.scope, input, ctx.now());
      ctx.audit.target('theme_day', r.id, {
        action: input.actionKey,
        done: input.done,
        photos: input.photoIds.length,
      });
      return r;
    }),
  addSelfAction: districtProcedure
    .input(
      z.object({
        id: idSchema,
        title: z
          .string({ error: '请填写自选动作名称' })
          .trim()
          .min(1, { error: '请填写自选动作名称' })
          .max(100, { error: '自选动作名称不能超过100个字' }),
        evidence: evidenceSchema.nullish(),
        photoIds: photoIdsSchema,
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const r = await td.addSelfAction(ctx.tdb, ctx.scope, input, ctx.now());
      ctx.audit.target('theme_day', r.id, { selfAction: input.title });
      return r;
    }),
  removeSelfAction: districtProcedure
    .input(z.object({ id: idSchema, selfActionId: idSchema }))
    .mutation(async ({ ctx, input }) => {
      const r = await td.removeSelfAction(ctx.tdb, ctx.scope, input, ctx.now());
      ctx.audit.target('theme_day', r.id, { removedSelfAction: input.selfActionId });
      return r;
    }),
  setCeremonyPhotos: districtProcedure
    .input(z.object({ id: idSchema, itemKey: keySchema, photoIds: photoIdsSchema }))
    .mutation(async ({ ctx, input }) => {
      const r = await td.setCeremonyPhotos(ctx.tdb, ctx.scope, input, ctx.now());
      ctx.audit.target('theme_day', r.id, { ceremony: input.itemKey, photos: input.photoIds.length });
      return r;
    }),
  openCheckIn: districtProcedure
    .input(z.object({ id: idSchema, closesAt: instantSchema.nullish() }))
    .mutation(async ({ ctx, input }) => {
      const r = await td.openCheckIn(ctx.tdb, ctx.scope, input, ctx.now());
      ctx.audit.target('theme_day', r.id, { checkIn: 'open', closesAt: r.checkInClosesAt });
      return r;
    }),
  closeCheckIn: districtProcedure.input(z.object({ id: idSchema })).mutation(async ({ ctx, input }) => {
    const r = await td.closeCheckIn(ctx.tdb, ctx.scope, input, ctx.now());
    ctx.audit.target('theme_day', r.id, { checkIn: 'closed', checkedIn: r.checkedInCount });
    return r;
  }),
  /** A member checks in with the code the secretary shows (members of that branch only; once). */
  checkIn: districtProcedure
    .input(
      z.object({
        code: z.string({ error: '请输入签到码' }).trim().min(1, { error: '请输入签到码' }).max(20),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const r = await td.checkIn(ctx.tdb, ctx.scope, input, ctx.now());
      ctx.audit.target('theme_day', r.themeDayId, { checkIn: r.alreadyCheckedIn ? 'repeat' : 'new' });
      return r;
    }),
  /** Member: this month's theme day of my branch and my check-ins. */
  mine: districtProcedure.query(({ ctx }) => td.mine(ctx.tdb, ctx.scope, ctx.now())),
  board: districtProcedure
    .input(boardInput)
    .query(({ ctx, input }) => board(ctx.tdb, ctx.scope, input, ctx.now())),
  boardExport: districtProcedure.input(boardInput).mutation(async ({ ctx, input }) => {
    const r = await boardExport(ctx.tdb, ctx.scope, input, ctx.now());
    ctx.audit.target('theme_day_board', null, { month: input.month, rows: r.rows });
    return r;
  }),
} satisfies TRPCRouterRecord;
