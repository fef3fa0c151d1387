import type { TRPCRouterRecord } from '@trpc/server';
import { idSchema, memberStatusSchema, pageSchema } from '@tuanjian/domain';
import { z } from 'zod';
import * as members from '../services/members';
import { districtProcedure } from '../trpc';
import { revealPiiProcedure } from './archive';

export const listMembersInput = pageSchema.extend({
  /** Name (contains), 团员编号 (prefix) or the last digits of the 身份证号 (≤ 4, may end in X). */
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
  /** The full 身份证号 or phone, with a reason; audited (MEM-1). */
  revealPii: revealPiiProcedure,
} satisfies TRPCRouterRecord;
