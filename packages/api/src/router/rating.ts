/**
 * RATE-1…RATE-3 对标定级 (district tenants): a superior starts a year's round, the branch secretary
 * self-assesses and signs with a member representative, the superior reviews and publishes with the
 * caps applied. district_admin and org_secretary within scope; see `services/rating`.
 */
import type { TRPCRouterRecord } from '@trpc/server';
import { idSchema } from '@tuanjian/domain';
import { z } from 'zod';
import * as rating from '../services/rating/rating';
import { refresh } from '../services/rating/refresh';
import { districtProcedure } from '../trpc';

const yearSchema = z
  .number({ error: '请选择年度' })
  .int({ error: '年度无效' })
  .min(2000, { error: '年度无效' })
  .max(2100, { error: '年度无效' });

const note = z.string({ error: '说明格式无效' }).trim().max(500, { error: '说明不能超过500个字' }).nullish();
const points = z
  .number({ error: '请填写得分' })
  .min(0, { error: '得分不能为负数' })
  .max(100, { error: '得分无效' });
const criterionKey = z.string({ error: '评分项目无效' }).min(1).max(60);
const statusSchema = z.enum(['self_assessing', 'self_assessed', 'reviewed', 'published', 'ineligible'], {
  error: '状态无效',
});

const actor = (ctx: { user: { id: string; display_name: string } }) => ({
  userId: ctx.user.id,
  displayName: ctx.user.display_name,
});

export const roundFilters = z.object({
  id: idSchema,
  status: statusSchema.optional(),
  q: z.string({ error: '搜索内容格式无效' }).trim().max(50, { error: '搜索内容不能超过50个字' }).optional(),
});

export const ratingRouter = {
  /** Start a year's rating for the 团支部 / 团总支 below a superior (computed indicators filled). */
  start: districtProcedure
    .input(z.object({ orgId: idSchema, year: yearSchema }))
    .mutation(async ({ ctx, input }) => {
      const r = await rating.start(ctx.tdb, ctx.scope, input, actor(ctx), ctx.now());
      ctx.audit.target('star_rating_round', r.roundId, {
        year: r.year,
        rated: r.rated,
        ruleVersion: r.ruleVersion,
      });
      return r;
    }),
  rounds: districtProcedure
    .input(z.object({ year: yearSchema.optional() }))
    .query(({ ctx, input }) => rating.rounds(ctx.tdb, ctx.scope, input)),
  round: districtProcedure
    .input(roundFilters)
    .query(({ ctx, input }) => rating.round(ctx.tdb, ctx.scope, input)),
  get: districtProcedure
    .input(z.object({ id: idSchema }))
    .query(({ ctx, input }) => rating.detail(ctx.tdb, ctx.scope, input.id)),
  /** The secretary's own organisation: current star, latest rating and what would raise it. */
  mine: districtProcedure.query(({ ctx }) => rating.mine(ctx.tdb, ctx.scope)),
  star: districtProcedure
    .input(z.object({ orgId: idSchema }))
    .query(({ ctx, input }) => rating.currentStarInScope(ctx.tdb, ctx.scope, input.orgId)),
  selfAssess: districtProcedure
    .input(
      z.object({
        id: idSchema,
        scores: z
          .array(
            z.object({
              key: criterionKey,
              points,
              note,
              evidenceIds: z.array(idSchema).max(20, { error: '每项佐证材料最多20个' }).optional(),
            }),
          )
          .max(50),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const r = await rating.selfAssess(ctx.tdb, ctx.scope, input);
      ctx.audit.target('star_rating', r.id, { scores: input.scores.length });
      return r;
    }),
  sign: districtProcedure
    .input(z.object({ id: idSchema, memberRepId: idSchema }))
    .mutation(async ({ ctx, input }) => {
      const r = await rating.sign(ctx.tdb, ctx.scope, input, actor(ctx), ctx.now());
      ctx.audit.target('star_rating', r.id, { signed: true });
      return r;
    }),
  review: districtProcedure
    .input(
      z.object({
        id: idSchema,
        scores: z.array(z.object({ key: criterionKey, points, note })).max(50),
        vetoItems: z.array(z.string().min(1).max(60)).max(20).default([]),
        studyPercent: z
          .number({ error: '青年大学习参学率无效' })
          .min(0, { error: '参学率应在0至100之间' })
          .max(100, { error: '参学率应在0至100之间' })
          .nullable(),
        note,
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const r = await rating.review(ctx.tdb, ctx.scope, input, actor(ctx), ctx.now());
      ctx.audit.target('star_rating', r.id, { level: r.level, total: r.totalPoints });
      return r;
    }),
  /** The caps preview (who would be demoted) without publishing. */
  publishPreview: districtProcedure
    .input(z.object({ id: idSchema }))
    .query(({ ctx, input }) =>
      rating.publish(ctx.tdb, ctx.scope, { id: input.id, preview: true }, actor(ctx), ctx.now()),
    ),
  publish: districtProcedure.input(z.object({ id: idSchema })).mutation(async ({ ctx, input }) => {
    const r = await rating.publish(
      ctx.tdb,
      ctx.scope,
      { id: input.id, preview: false },
      actor(ctx),
      ctx.now(),
    );
    ctx.audit.target('star_rating_round', input.id, { capped: r.capped.length });
    return r;
  }),
  /**
   * Take the computed indicators again from the current data before publication (the whole round or
   * one organisation); the round keeps its criteria version.
   */
  refresh: districtProcedure
    .input(z.object({ id: idSchema, orgId: idSchema.optional() }))
    .mutation(async ({ ctx, input }) => {
      const r = await refresh(ctx.tdb, ctx.scope, input, ctx.now());
      ctx.audit.target('star_rating_round', input.id, {
        refreshed: r.refreshed,
        orgId: input.orgId ?? null,
        ruleVersion: r.ruleVersion,
        changes: r.changes.length,
        levels: r.levels.length,
      });
      return r;
    }),
  /** Recompute a rating's level from its stored scores with the rule version it used. */
  recompute: districtProcedure
    .input(z.object({ id: idSchema }))
    .query(({ ctx, input }) => rating.recompute(ctx.tdb, ctx.scope, input.id)),
  export: districtProcedure.input(roundFilters).mutation(async ({ ctx, input }) => {
    ctx.audit.target('star_rating_round', input.id, { status: input.status ?? null, q: input.q ?? null });
    return rating.roundExport(ctx.tdb, ctx.scope, input, ctx.now());
  }),
} satisfies TRPCRouterRecord;
