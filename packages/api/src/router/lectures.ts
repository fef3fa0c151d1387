/**
 * LIFE-3 五四讲堂.
 *
 * The city (cityProcedure, platform handle, audited): list / get / create / update / publish /
 * cancel / finish / exportAttendance. Members of a district (districtProcedure, under the tenant's
 * role; identity = the session's tenant and the grant's member link): upcoming / detail / signUp /
 * cancelSignup / checkIn / mine. District admins and secretaries: tenantAttendance (own tenant,
 * own subtree).
 */
import type { TRPCRouterRecord } from '@trpc/server';
import {
  checkInCodeSchema,
  dateSchema,
  idSchema,
  lectureFieldsSchema,
  lectureStatusSchema,
  pageSchema,
  refineLectureTimes,
} from '@tuanjian/domain';
import { z } from 'zod';
import * as city from '../services/lectures/city';
import * as member from '../services/lectures/member';
import { cityProcedure, districtProcedure } from '../trpc';

const byId = z.object({ id: idSchema });
const byLecture = z.object({ lectureId: idSchema });

export const cityLectureListInput = pageSchema.extend({
  q: z.string({ error: '搜索内容格式无效' }).trim().max(50, { error: '搜索内容不能超过50个字' }).optional(),
  status: lectureStatusSchema.optional(),
  /** Any date in the month (the month is taken). */
  month: dateSchema.optional(),
});

const updateInput = refineLectureTimes(lectureFieldsSchema.extend({ id: idSchema }));
const createInput = refineLectureTimes(lectureFieldsSchema);

export const lecturesRouter = {
  // ---------------------------------------------------------------- city
  list: cityProcedure
    .input(cityLectureListInput)
    .query(({ ctx, input }) => city.cityList(ctx.db, { ...input, month: input.month?.slice(0, 7) })),
  get: cityProcedure.input(byId).query(({ ctx, input }) => city.cityGet(ctx.db, input.id)),
  create: cityProcedure.input(createInput).mutation(async ({ ctx, input }) => {
    const r = await city.create(ctx.db, input, ctx.user.id);
    ctx.audit.target('lecture', r.id, { theme: r.theme, startsAt: r.startsAt, capacity: r.capacity });
    return r;
  }),
  update: cityProcedure.input(updateInput).mutation(async ({ ctx, input }) => {
    const { id, ...fields } = input;
    const r = await city.update(ctx.db, id, fields);
    ctx.audit.target('lecture', r.id, { theme: r.theme, startsAt: r.startsAt, capacity: r.capacity });
    return r;
  }),
  publish: cityProcedure.input(byId).mutation(async ({ ctx, input }) => {
    const r = await city.setStatus(ctx.db, input.id, 'publish', ctx.now());
    ctx.audit.target('lecture', r.id, { status: r.status });
    return r;
  }),
  cancel: cityProcedure.input(byId).mutation(async ({ ctx, input }) => {
    const r = await city.setStatus(ctx.db, input.id, 'cancel', ctx.now());
    ctx.audit.target('lecture', r.id, { status: r.status });
    return r;
  }),
  finish: cityProcedure.input(byId).mutation(async ({ ctx, input }) => {
    const r = await city.setStatus(ctx.db, input.id, 'finish', ctx.now());
    ctx.audit.target('lecture', r.id, { status: r.status });
    return r;
  }),
  exportAttendance: cityProcedure
    .input(byId)
    .query(({ ctx, input }) => city.exportAttendance(ctx.db, input.id, ctx.now())),

  // ---------------------------------------------------------------- members (district tenants)
  upcoming: districtProcedure.query(({ ctx }) => member.upcoming(ctx.tdb, ctx.scope, ctx.now())),
  detail: districtProcedure
    .input(byId)
    .query(({ ctx, input }) => member.detail(ctx.tdb, ctx.scope, input.id, ctx.now())),
  signUp: districtProcedure.input(byLecture).mutation(async ({ ctx, input }) => {
    const r = await member.signUp(ctx.tdb, ctx.scope, input.lectureId, ctx.now());
    ctx.audit.target('lecture_signup', r.mySignup?.id ?? null, { lectureId: input.lectureId });
    return r;
  }),
  cancelSignup: districtProcedure.input(byLecture).mutation(async ({ ctx, input }) => {
    const r = await member.cancel(ctx.tdb, ctx.scope, input.lectureId, ctx.now());
    ctx.audit.target('lecture_signup', r.mySignup?.id ?? null, { lectureId: input.lectureId });
    return r;
  }),
  checkIn: districtProcedure
    .input(byLecture.extend({ code: checkInCodeSchema }))
    .mutation(async ({ ctx, input }) => {
      const r = await member.checkIn(ctx.tdb, ctx.scope, input.lectureId, input.code, ctx.now());
      ctx.audit.target('lecture_signup', r.mySignup?.id ?? null, { lectureId: input.lectureId });
      return r;
    }),
  mine: districtProcedure.query(({ ctx }) => member.mine(ctx.tdb, ctx.scope)),
  tenantAttendance: districtProcedure
    .input(z.object({ lectureId: idSchema.optional() }))
    .query(({ ctx, input }) => member.tenantAttendance(ctx.tdb, ctx.scope, input.lectureId)),
} satisfies TRPCRouterRecord;
