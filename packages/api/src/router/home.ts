import type { TRPCRouterRecord } from '@trpc/server';
import * as home from '../services/home';
import { tenantProcedure } from '../trpc';

export const homeRouter = {
  /** Mini-program home: me, my branch, its members (secretary) or my profile (member). */
  summary: tenantProcedure
    .meta({ withMe: true })
    .query(({ ctx }) => home.summary(ctx.tdb, ctx.scope, ctx.me!)),
} satisfies TRPCRouterRecord;
