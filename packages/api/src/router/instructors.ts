/**
 * ORG-7 基层团建指导员.
 *
 * The city (cityProcedure, platform handle, audited): list / get / create / update / revealPhone /
 * addTraining / removeTraining / createAccount / districts / branches / assign / endAssignment /
 * assignments / coverage / visits. The instructor (grant `instructor` in the city tenant): mine /
 * myVisits / checklist / recordVisit (only to their own current branches; the visit becomes a 上级点
 * input of the branch's open health check, else 待计入). A district (district_admin; a secretary for
 * its subtree): districtVisits / districtAssignments — row-level security keeps it to its own tenant.
 */
import type { TRPCRouterRecord } from '@trpc/server';
import {
  dateSchema,
  INSTRUCTOR_STATUSES,
  idSchema,
  instructorFieldsSchema,
  pageSchema,
  trainingFieldsSchema,
  visitFieldsSchema,
} from '@tuanjian/domain';
import { z } from 'zod';
import { appError } from '../errors';
import * as registry from '../services/instructors/registry';
import * as visits from '../services/instructors/visits';
import { authedProcedure, cityProcedure, districtProcedure } from '../trpc';

const byId = z.object({ id: idSchema });
const yearSchema = z.number({ error: '年度无效' }).int().min(2000).max(2100);
const statusSchema = z.enum(INSTRUCTOR_STATUSES, { error: '状态无效' });

/** An `instructor` acting in the city tenant (platform handle; mutations audited). */
export const instructorProcedure = authedProcedure.use(({ ctx, next }) => {
  if (ctx.user.must_change_password) {
    throw appError('FORBIDDEN', 'PASSWORD_CHANGE_REQUIRED', '首次登录请先修改密码');
  }
  const grant = ctx.grant;
  if (!grant) throw appError('FORBIDDEN', 'TENANT_REQUIRED', '请先选择要进入的单位');
  if (grant.tenant.kind !== 'city' || grant.role !== 'instructor') {
    throw appError('FORBIDDEN', 'FORBIDDEN_ROLE', '仅基层团建指导员可以进行此操作');
  }
  return next();
});

export const instructorsRouter = {
  // ---------------------------------------------------------------- city: registry
  list: cityProcedure
    .input(
      pageSchema.extend({
        q: z
          .string({ error: '搜索内容格式无效' })
          .trim()
          .max(50, { error: '搜索内容不能超过50个字' })
          .optional(),
        status: statusSchema.optional(),
      }),
    )
    .query(({ ctx, input }) => registry.list(ctx.db, input)),
  get: cityProcedure.input(byId).query(({ ctx, input }) => registry.get(ctx.db, input.id, ctx.now())),
  create: cityProcedure.input(instructorFieldsSchema).mutation(async ({ ctx, input }) => {
    const r = await registry.create(ctx.db, input, ctx.user.id);
    ctx.audit.target('instructor', r.id, { name: r.name });
    return r;
  }),
  update: cityProcedure
    .input(instructorFieldsSchema.partial().extend({ id: idSchema, status: statusSchema.optional() }))
    .mutation(async ({ ctx, input }) => {
      const { id, ...fields } = input;
      const r = await registry.update(ctx.db, id, fields, ctx.user.id);
      ctx.audit.target('instructor', r.id, {
        name: r.name,
        fields: Object.keys(fields).filter((k) => k !== 'phone'),
        phoneChanged: fields.phone !== undefined,
      });
      return r;
    }),
  /** The full phone number, audited with the reason (the list shows it masked). */
  revealPhone: cityProcedure
    .input(
      z.object({
        id: idSchema,
        reason: z
          .string({ error: '请填写查看原因' })
          .trim()
          .min(2, { error: '请填写查看原因（至少2个字）' })
          .max(200, { error: '查看原因不能超过200个字' }),
      }),
    )
    .mutation(({ ctx, input }) => registry.revealPhone(ctx.db, ctx.audit, input)),
  addTraining: cityProcedure.input(trainingFieldsSchema).mutation(async ({ ctx, input }) => {
    const r = await registry.addTraining(ctx.db, input, ctx.user.id);
    ctx.audit.target('instructor', r.instructor_id, { training: input.course, hours: input.hours });
    return { id: r.id };
  }),
  removeTraining: cityProcedure.input(byId).mutation(async ({ ctx, input }) => {
    const r = await registry.removeTraining(ctx.db, input.id);
    ctx.audit.target('instructor', r.instructor_id, { removedTraining: r.course });
    return { id: r.id };
  }),
  /** A login account with a one-time initial password (shown once; changed at the first login). */
  createAccount: cityProcedure
    .input(
      z.object({
        instructorId: idSchema,
        username: z
          .string({ error: '请填写登录名' })
          .trim()
          .regex(/^[A-Za-z][A-Za-z0-9._-]{2,31}$/, {
            error: '登录名须以字母开头，3–32位字母、数字、点、下划线或短横线',
          }),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const r = await registry.createAccount(ctx.db, input);
      ctx.audit.target('instructor', r.instructorId, { username: r.username });
      return r;
    }),

  // ---------------------------------------------------------------- city: assignments, coverage
  districts: cityProcedure.query(({ ctx }) =>
    ctx.db
      .selectFrom('platform.tenants')
      .select(['id', 'name'])
      .where('kind', '=', 'district')
      .orderBy('sort_order')
      .orderBy('name')
      .execute(),
  ),
  branches: cityProcedure
    .input(
      z.object({
        tenantId: idSchema,
        q: z.string().trim().max(50, { error: '搜索内容不能超过50个字' }).optional(),
      }),
    )
    .query(({ ctx, input }) => registry.branches(ctx.db, input, ctx.now())),
  assign: cityProcedure
    .input(z.object({ instructorId: idSchema, tenantId: idSchema, orgId: idSchema, startsOn: dateSchema }))
    .mutation(async ({ ctx, input }) => {
      const r = await registry.assign(ctx.db, input, ctx.user.id);
      ctx.audit.target('instructor_assignment', r.id, {
        instructorId: input.instructorId,
        tenantId: input.tenantId,
        orgId: input.orgId,
        orgName: r.orgName,
        replaced: r.replaced,
      });
      return r;
    }),
  endAssignment: cityProcedure
    .input(z.object({ id: idSchema, endsOn: dateSchema }))
    .mutation(async ({ ctx, input }) => {
      const r = await registry.endAssignment(ctx.db, input, ctx.user.id);
      ctx.audit.target('instructor_assignment', r.id, { endsOn: input.endsOn, orgName: r.orgName });
      return r;
    }),
  assignments: cityProcedure
    .input(
      z.object({
        instructorId: idSchema.optional(),
        tenantId: idSchema.optional(),
        current: z.boolean().optional(),
      }),
    )
    .query(({ ctx, input }) => registry.assignmentsOf(ctx.db, input, ctx.now())),
  coverage: cityProcedure
    .input(z.object({ year: yearSchema.optional() }))
    .query(({ ctx, input }) => registry.coverage(ctx.db, input, ctx.now())),
  visits: cityProcedure
    .input(
      pageSchema.extend({
        instructorId: idSchema.optional(),
        tenantId: idSchema.optional(),
        year: yearSchema.optional(),
      }),
    )
    .query(({ ctx, input }) => registry.visits(ctx.db, input)),

  // ---------------------------------------------------------------- the instructor
  mine: instructorProcedure.query(({ ctx }) => visits.mine(ctx.db, ctx.user.id, ctx.now())),
  myVisits: instructorProcedure
    .input(z.object({ year: yearSchema.optional() }))
    .query(({ ctx, input }) => visits.myVisits(ctx.db, ctx.user.id, input)),
  checklist: instructorProcedure
    .input(z.object({ assignmentId: idSchema, year: yearSchema }))
    .query(({ ctx, input }) => visits.checklist(ctx.db, ctx.user.id, input)),
  recordVisit: instructorProcedure
    .meta({ transaction: false })
    .input(visitFieldsSchema)
    .mutation(async ({ ctx, input }) => {
      const r = await visits.recordVisit(ctx.db, ctx.user.id, input, ctx.now());
      ctx.audit.target('instructor_visit', r.id, {
        tenantId: r.tenantId,
        orgId: r.orgId,
        orgName: r.orgName,
        status: r.status,
      });
      return r;
    }),

  // ---------------------------------------------------------------- a district
  districtVisits: districtProcedure
    .input(z.object({ year: yearSchema.optional(), orgId: idSchema.optional() }))
    .query(({ ctx, input }) => visits.districtVisits(ctx.tdb, ctx.scope, input)),
  districtAssignments: districtProcedure.query(({ ctx }) => visits.districtAssignments(ctx.tdb, ctx.scope)),
} satisfies TRPCRouterRecord;
