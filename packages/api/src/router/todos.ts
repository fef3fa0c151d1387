/**
 * 待办事项 (PLAT-3): approvals waiting for the acting user, counted per kind.
 */
import type { TRPCRouterRecord } from '@trpc/server';
import * as todos from '../services/todos';
import { tenantProcedure } from '../trpc';

export const todosRouter = {
  list: tenantProcedure.query(({ ctx }) => todos.listTodos(ctx.tdb, ctx.scope, ctx.now())),
} satisfies TRPCRouterRecord;
