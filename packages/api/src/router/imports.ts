/**
 * Excel import (MEM-7) and the member ledger export. Upload is a base64 tRPC input
 * (`imports.upload`), size-checked against TJ_IMPORT_MAX_BYTES; the client then calls
 * `imports.process` until the job is done, showing its progress.
 */
import type { TRPCRouterRecord } from '@trpc/server';
import { idSchema, memberStatusSchema } from '@tuanjian/domain';
import { z } from 'zod';
import * as imports from '../services/imports';
import { districtProcedure } from '../trpc';

const kindSchema = z.enum(['organisations', 'members'], { error: '导入类型无效' });

export const importsRouter = {
  template: districtProcedure
    .input(z.object({ kind: kindSchema }))
    .query(({ input }) => imports.template(input.kind)),
  upload: districtProcedure
    .input(
      z.object({
        kind: kindSchema,
        fileName: z.string().trim().min(1, { error: '缺少文件名' }).max(200, { error: '文件名过长' }),
        contentBase64: z.string().min(1, { error: '文件为空' }),
      }),
    )
    .mutation(({ ctx, input }) => imports.upload(ctx.tdb, ctx.scope, ctx.audit, input)),
  process: districtProcedure
    .input(z.object({ jobId: idSchema }))
    .mutation(({ ctx, input }) => imports.processChunk(ctx.tdb, ctx.scope, ctx.audit, input.jobId)),
  get: districtProcedure
    .input(z.object({ jobId: idSchema }))
    .query(({ ctx, input }) => imports.getJob(ctx.tdb, ctx.scope, input.jobId)),
  list: districtProcedure.query(({ ctx }) => imports.listJobs(ctx.tdb, ctx.scope)),
  exportMembers: districtProcedure
    .input(
      z.object({
        q: z.string().trim().max(50).optional(),
        orgId: idSchema.optional(),
        status: memberStatusSchema.optional(),
      }),
    )
    .query(({ ctx, input }) => imports.exportMembers(ctx.tdb, ctx.scope, input)),
} satisfies TRPCRouterRecord;
