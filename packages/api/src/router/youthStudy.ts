/**
 * 青年大学习 (issue 10, district tenants): import the provincial platform's completion lists, the
 * week's not-completed list, sessions and imports, a member's own record, and the secretary's
 * reminders (青年大学习 + unpaid dues). See `services/youth/`.
 */
import type { TRPCRouterRecord } from '@trpc/server';
import { dateSchema, idSchema } from '@tuanjian/domain';
import { z } from 'zod';
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
} satisfies TRPCRouterRecord;
