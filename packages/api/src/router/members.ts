import type { TRPCRouterRecord } from '@trpc/server';
import { idSchema, memberStatusSchema, pageSchema } from '@tuanjian/domain';
import { z } from 'zod';
import * as members from '../services/members';
import { districtProcedure } from '../trpc';

export const listMembersInput = pageSchema.extend({
  /** Name (contains) or 团员编号 (prefix). */
  q: z.string({ error: '搜索内容格式无效' }).trim().max(50, { error: '搜索内容不能超过50个字' }).optional(),
  /** Limit to this organisation and its subtree (must be within scope). */
  orgId: idSchema.optional(),
  status: memberStatusSchema.optional(),
});

export const getMemberInput = z.object({ id: idSchema });

export const membersRouter = {
  list: districtProcedure
    .input(listMembersInput)
    .query(({ ctx, input }) => members.list(ctx.tdb, ctx.scope, input)),
  get: districtProcedure
    .input(getMemberInput)
    .query(({ ctx, input }) => members.get(ctx.tdb, ctx.scope, input.id)),
} satisfies TRPCRouterRecord;
