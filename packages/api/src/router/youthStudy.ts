/**
 * 青年大学习 (issue 10, district tenants): import the provincial platform's completion lists, the
 * week's not-completed list, sessions and imports, a member's own record, and the secretary's
 * reminders (青年大学习 + unpaid dues). See `services/youth/`.
 */
import type { TRPCRouterRecord } from '@trpc/server';
import { dateSchema, idSchema } from '@tuanjian/domain';
import { z } from 'zod';
import * as mobile from '../services/youth/mobile';
import { reminders } from '../services/youth/reminders';
import * as study from '../services/youth/study';
import { importStudyList, studyTemplate } from '../services/youth/study-import';
import { districtProcedure } from '../trpc';

export const YOUTH_STUDY_IMPORT_PATH = '/trpc/youthStudy.import';

const yearSchema = z.number({ error: '请选择年度' }).int().min(2000).max(2100);

export const youthStudyRouter = {
  template: districtProcedure.query(() => studyTemplate()),
  import: districtProcedure
    .input(
      z.object({
        fileName: z.string().trim().min(1, { error: '缺少文件名' }).max(200, { error: '文件名过长' }),
        contentBase64: z.string().min(1, { error: '文件为空' }),
        weekStart: dateSchema.nullish(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const r = await importStudyList(
        ctx.tdb,
        ctx.scope,
        {
          fileName: input.fileName,
          bytes: Buffer.from(input.contentBase64, 'base64'),
          weekStart: input.weekStart,
        },
        { userId: ctx.user.id, name: ctx.user.display_name },
        ctx.now(),
      );
      ctx.audit.target('youth_study_import', r.id, {
        fileName: r.fileName,
        weeks: r.weeks,
        recorded: r.recordedRows,
        errors: r.errorRows,
      });
      return r;
    }),
  week: districtProcedure
    .input(z.object({ weekStart: dateSchema.optional(), orgId: idSchema.optional() }).default({}))
    .query(({ ctx, input }) => study.weekView(ctx.tdb, ctx.scope, input, ctx.now())),
  sessions: districtProcedure
    .input(z.object({ year: yearSchema, orgId: idSchema.optional() }))
    .query(({ ctx, input }) => study.sessions(ctx.tdb, ctx.scope, input)),
  imports: districtProcedure.query(({ ctx }) => study.imports(ctx.tdb, ctx.scope)),
  mine: districtProcedure.query(({ ctx }) => study.mine(ctx.tdb, ctx.scope, ctx.now())),
  reminders: districtProcedure
    .input(z.object({ orgId: idSchema.optional() }).default({}))
    .query(({ ctx, input }) => reminders(ctx.tdb, ctx.scope, input, ctx.now())),
  /** MEM-8 流动团员 (kept here: same slice, same access rules). */
  mobileList: districtProcedure
    .input(z.object({ all: z.boolean().optional() }).default({}))
    .query(({ ctx, input }) => mobile.listPlacements(ctx.tdb, ctx.scope, input)),
  mobileMine: districtProcedure.query(({ ctx }) => mobile.myPlacement(ctx.tdb, ctx.scope)),
  mobilePlace: districtProcedure
    .input(
      z.object({
        memberId: idSchema,
        responsibleOrgId: idSchema,
        kind: z.enum(mobile.MOBILE_KINDS, { error: '请选择流动类型' }),
        place: z
          .string({ error: '请填写实际所在地' })
          .trim()
          .min(1, { error: '请填写实际所在地' })
          .max(100, { error: '所在地不能超过100个字' }),
        unitName: z.string().trim().max(100, { error: '单位名称不能超过100个字' }).nullish(),
        startedOn: dateSchema.optional(),
        note: z.string().trim().max(500, { error: '备注不能超过500个字' }).nullish(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const r = await mobile.placeMember(ctx.tdb, ctx.scope, input, { userId: ctx.user.id }, ctx.now());
      ctx.audit.target('mobile_placement', r.id, {
        memberId: r.memberId,
        responsibleOrgId: r.responsibleOrgId,
      });
      return r;
    }),
  mobileEnd: districtProcedure
    .input(z.object({ id: idSchema, endedOn: dateSchema.optional() }))
    .mutation(async ({ ctx, input }) => {
      const r = await mobile.endPlacement(ctx.tdb, ctx.scope, input, ctx.now());
      ctx.audit.target('mobile_placement', r.id, { endedOn: r.endedOn });
      return r;
    }),
} satisfies TRPCRouterRecord;
