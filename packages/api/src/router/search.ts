/**
 * The one search box: `search.query` for every role of a district or committee tenant (scope as
 * the roster), `search.city` for the city's administrators (documents and tenants).
 */
import type { TRPCRouterRecord } from '@trpc/server';
import { handbookSearchQuerySchema } from '@tuanjian/domain';
import { z } from 'zod';
import { cityQuery, tenantQuery } from '../services/search';
import { cityProcedure, tenantProcedure } from '../trpc';

const input = z.object({ q: handbookSearchQuerySchema });

export const searchRouter = {
  query: tenantProcedure.input(input).query(({ ctx, input }) => tenantQuery(ctx.tdb, ctx.scope, input.q)),
  city: cityProcedure.input(input).query(({ ctx, input }) => cityQuery(ctx.db, input.q)),
} satisfies TRPCRouterRecord;
