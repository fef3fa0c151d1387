import type { TRPCRouterRecord } from '@trpc/server';
import { orgNameSchema, tenantCodeSchema } from '@tuanjian/domain';
import { z } from 'zod';
import * as tenants from '../services/tenants';
import { cityProcedure } from '../trpc';

export const provisionInput = z.object({
  kind: z.enum(['district', 'committee'], { error: '只能新建区县团委或专门委员会' }),
  code: tenantCodeSchema,
  name: orgNameSchema,
});

export const tenantsRouter = {
  list: cityProcedure.query(({ ctx }) => tenants.listTenants(ctx.db)),
  /** Creates the schema, its role and tables, and registers the tenant (PLAT-1). */
  provision: cityProcedure
    .meta({ transaction: false })
    .input(provisionInput)
    .mutation(({ ctx, input }) => tenants.provision(ctx.db, ctx.audit, input)),
} satisfies TRPCRouterRecord;
