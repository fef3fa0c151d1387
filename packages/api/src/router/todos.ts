/**
 * 待办事项 (PLAT-3): what waits on the acting user, counted per kind — in a district or committee
 * tenant (`list`), or for 团市委 (`city`: overdue hearing reports, inspection answers, good practices).
 */
import type { TRPCRouterRecord } from '@trpc/server';
import * as todos from '../services/todos';
import { listCityTodos } from '../services/todos-city';
import { cityProcedure, tenantProcedure } from '../trpc';

export const todosRouter = {
  list: tenantProcedure.query(({ ctx }) => todos.listTodos(ctx.tdb, ctx.scope, ctx.now())),
  city: cityProcedure.query(({ ctx }) => listCityTodos(ctx.db, ctx.now())),
} satisfies TRPCRouterRecord;
