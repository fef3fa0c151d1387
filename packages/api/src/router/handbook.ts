/**
 * LIFE-4 工作手册 and the two wall charts.
 *
 * The city (cityProcedure, platform handle, audited): cityList / cityGet / create / saveDraft /
 * publish / withdraw / restore / draftWallChart. Readers (tenantProcedure: every role of a
 * district or committee tenant, under the tenant's role): list / get / markRead / unreadCount /
 * search.
 */
import type { TRPCRouterRecord } from '@trpc/server';
import {
  handbookCategorySchema,
  handbookCreateSchema,
  handbookDraftSchema,
  handbookSearchQuerySchema,
  idSchema,
} from '@tuanjian/domain';
import { z } from 'zod';
import * as city from '../services/handbook/city';
import * as reader from '../services/handbook/reader';
import { cityProcedure, tenantProcedure } from '../trpc';

const byId = z.object({ id: idSchema });
const versionSchema = z
  .number({ error: '版本号无效' })
  .int({ error: '版本号无效' })
  .min(1, { error: '版本号无效' })
  .max(100_000, { error: '版本号无效' });

export const handbookRouter = {
  // ---------------------------------------------------------------- city
  cityList: cityProcedure.query(({ ctx }) => city.cityList(ctx.db)),
  cityGet: cityProcedure.input(byId).query(({ ctx, input }) => city.cityGet(ctx.db, input.id)),
  create: cityProcedure.input(handbookCreateSchema).mutation(async ({ ctx, input }) => {
    const r = await city.create(ctx.db, input, ctx.user.id);
    ctx.audit.target('handbook_document', r.id, { title: input.title, version: r.version });
    return r;
  }),
  saveDraft: cityProcedure.input(handbookDraftSchema).mutation(async ({ ctx, input }) => {
    const r = await city.saveDraft(ctx.db, input, ctx.user.id, ctx.now());
    ctx.audit.target('handbook_document', r.id, { title: input.title, version: r.version });
    return r;
  }),
  publish: cityProcedure.input(byId).mutation(async ({ ctx, input }) => {
    const r = await city.publish(ctx.db, input.id, ctx.user.id, ctx.now());
    ctx.audit.target('handbook_document', r.id, { title: r.title, version: r.version, published: true });
    return r;
  }),
  withdraw: cityProcedure.input(byId).mutation(async ({ ctx, input }) => {
    const r = await city.setWithdrawn(ctx.db, input.id, true, ctx.now());
    ctx.audit.target('handbook_document', r.id, { withdrawn: true });
    return r;
  }),
  restore: cityProcedure.input(byId).mutation(async ({ ctx, input }) => {
    const r = await city.setWithdrawn(ctx.db, input.id, false, ctx.now());
    ctx.audit.target('handbook_document', r.id, { withdrawn: false });
    return r;
  }),
  /** Drafts the next version of a wall chart from the rule data in force today. */
  draftWallChart: cityProcedure
    .input(z.object({ kind: z.enum(['basic_affairs', 'meetings'], { error: '请选择挂图' }) }))
    .mutation(async ({ ctx, input }) => {
      const r = await city.draftWallChart(ctx.db, input.kind, ctx.user.id, ctx.now());
      ctx.audit.target('handbook_document', r.id, { wallChart: input.kind, version: r.version });
      return r;
    }),

  // ---------------------------------------------------------------- readers (every tenant role)
  list: tenantProcedure
    .input(
      z.object({
        category: handbookCategorySchema.optional(),
        state: z.enum(['unread', 'updated', 'read'], { error: '阅读状态无效' }).optional(),
      }),
    )
    .query(({ ctx, input }) => reader.list(ctx.tdb, ctx.scope, input)),
  unreadCount: tenantProcedure.query(({ ctx }) => reader.unreadCount(ctx.tdb, ctx.scope)),
  get: tenantProcedure
    .input(byId.extend({ version: versionSchema.optional() }))
    .query(({ ctx, input }) => reader.get(ctx.tdb, ctx.scope, input.id, input.version)),
  markRead: tenantProcedure
    .input(byId.extend({ version: versionSchema }))
    .mutation(async ({ ctx, input }) => {
      const r = await reader.markRead(ctx.tdb, ctx.scope, input.id, input.version, ctx.now());
      ctx.audit.target('handbook_document', input.id, { read: r.version });
      return r;
    }),
  search: tenantProcedure
    .input(z.object({ q: handbookSearchQuerySchema, category: handbookCategorySchema.optional() }))
    .query(({ ctx, input }) => reader.search(ctx.tdb, input.q, { category: input.category })),
} satisfies TRPCRouterRecord;
