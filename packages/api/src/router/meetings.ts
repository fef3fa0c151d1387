/**
 * LIFE-1 三会两制一课: records with attendance, the compliance calendar and rates, the ledger
 * export and the wall charts. District tenants; writes by district_admin / org_secretary within
 * scope; a member reads its own branch (no one else's attendance). See `services/meetings`.
 */
import type { TRPCRouterRecord } from '@trpc/server';
import { dateSchema, idSchema, meetingKindSchema, pageSchema } from '@tuanjian/domain';
import { z } from 'zod';
import { calendar, compliance, wallCharts } from '../services/meetings/compliance';
import { meetingsExport } from '../services/meetings/export';
import * as meetings from '../services/meetings/meetings';
import { districtProcedure } from '../trpc';

const yearSchema = z
  .number({ error: '请选择年份' })
  .int({ error: '年份无效' })
  .min(2000, { error: '年份无效' })
  .max(2100, { error: '年份无效' });

const text = (max: number, what: string) =>
  z
    .string({ error: `${what}格式无效` })
    .trim()
    .max(max, { error: `${what}不能超过${max}个字` });

const filters = z.object({
  orgId: idSchema.optional(),
  kind: meetingKindSchema.optional(),
  from: dateSchema.optional(),
  to: dateSchema.optional(),
  q: text(50, '搜索内容').optional(),
  belowQuorum: z.boolean({ error: '筛选条件无效' }).optional(),
});

const fields = z.object({
  kind: meetingKindSchema,
  heldOn: dateSchema,
  topic: text(200, '会议主题').min(1, { error: '请填写会议主题' }),
  location: text(100, '地点').nullish(),
  minutes: text(5000, '会议纪要').nullish(),
  durationMinutes: z
    .number({ error: '团课时长无效' })
    .int({ error: '团课时长须为整数分钟' })
    .min(1, { error: '团课时长至少1分钟' })
    .max(1440, { error: '团课时长不能超过24小时' })
    .nullish(),
  presentMemberIds: z.array(idSchema).max(2000, { error: '出席人数过多' }),
  absences: z
    .array(
      z.object({ memberId: idSchema, reason: text(100, '缺席原因').min(1, { error: '请填写缺席原因' }) }),
    )
    .max(2000)
    .optional(),
  photoIds: z.array(idSchema).max(20, { error: '每次会议最多20张照片' }).default([]),
  lessonApplicationIds: z.array(idSchema).max(200).optional(),
});

const actor = (ctx: { user: { id: string } }) => ({ userId: ctx.user.id });

export const meetingsRouter = {
  list: districtProcedure
    .input(pageSchema.extend(filters.shape))
    .query(({ ctx, input }) => meetings.list(ctx.tdb, ctx.scope, input)),
  get: districtProcedure
    .input(z.object({ id: idSchema }))
    .query(({ ctx, input }) => meetings.get(ctx.tdb, ctx.scope, input.id)),
  /** The branch's active members to tick, the quorum in force and the activists a 团课 may credit. */
  roster: districtProcedure
    .input(z.object({ orgId: idSchema }))
    .query(({ ctx, input }) => meetings.roster(ctx.tdb, ctx.scope, input.orgId, ctx.now())),
  create: districtProcedure.input(fields.extend({ orgId: idSchema })).mutation(async ({ ctx, input }) => {
    const r = await meetings.create(ctx.tdb, ctx.scope, input, actor(ctx), ctx.now());
    ctx.audit.target('meeting', r.id, { kind: r.kind, heldOn: r.heldOn, present: r.presentCount });
    return r;
  }),
  update: districtProcedure.input(fields.extend({ id: idSchema })).mutation(async ({ ctx, input }) => {
    const r = await meetings.update(ctx.tdb, ctx.scope, input, actor(ctx), ctx.now());
    ctx.audit.target('meeting', r.id, { kind: r.kind, heldOn: r.heldOn, present: r.presentCount });
    return r;
  }),
  /** One branch's calendar for a year (a member: its own branch). */
  calendar: districtProcedure
    .input(z.object({ orgId: idSchema.optional(), year: yearSchema }))
    .query(({ ctx, input }) => calendar(ctx.tdb, ctx.scope, input, ctx.now())),
  /** Rates per branch, per superior and in total, under an organisation (default: the scope). */
  compliance: districtProcedure
    .input(z.object({ orgId: idSchema.optional(), year: yearSchema }))
    .query(({ ctx, input }) => compliance(ctx.tdb, ctx.scope, input, ctx.now())),
  export: districtProcedure.input(filters).mutation(async ({ ctx, input }) => {
    const r = await meetingsExport(ctx.tdb, ctx.scope, input, ctx.now());
    ctx.audit.target('meetings', null, { export: true, rows: r.rows, ...input });
    return r;
  }),
  /** The wall charts 四项基础团务 and 三会两制一课 from the rule data in force (on `asOf`). */
  wallCharts: districtProcedure
    .input(z.object({ asOf: dateSchema.optional() }).default({}))
    .query(({ ctx, input }) => wallCharts(ctx.tdb, ctx.scope, input.asOf, ctx.now())),
} satisfies TRPCRouterRecord;
