import type { TRPCRouterRecord } from '@trpc/server';
import { dateSchema, idSchema, orgKindSchema, orgNameSchema, sectorSchema } from '@tuanjian/domain';
import { z } from 'zod';
import * as orgs from '../services/organisations';
import { districtProcedure } from '../trpc';

const optionalText = (label: string, max: number) =>
  z
    .string({ error: `${label}格式无效` })
    .trim()
    .max(max, { error: `${label}不能超过${max}个字` })
    .transform((s) => (s === '' ? null : s))
    .nullish();

export const getOrganisationInput = z.object({ id: idSchema });

export const createOrganisationInput = z.object({
  /** null: a top-level organisation (district_admin only). */
  parentId: idSchema.nullable(),
  kind: orgKindSchema,
  name: orgNameSchema,
  sector: sectorSchema.nullish(),
  unitName: optionalText('所属单位', 100),
  address: optionalText('地址', 200),
  foundedOn: dateSchema.nullish(),
});

export const updateOrganisationInput = z.object({
  id: idSchema,
  name: orgNameSchema.optional(),
  sector: sectorSchema.nullish(),
  unitName: optionalText('所属单位', 100),
  address: optionalText('地址', 200),
  foundedOn: dateSchema.nullish(),
  sortOrder: z
    .number({ error: '排序号应为数字' })
    .int({ error: '排序号应为整数' })
    .min(0, { error: '排序号不能为负数' })
    .max(1_000_000, { error: '排序号过大' })
    .optional(),
});

export const organisationsRouter = {
  /** The visible forest: the whole tenant (district_admin) or the scope subtree (org_secretary). */
  tree: districtProcedure.query(({ ctx }) => orgs.tree(ctx.tdb, ctx.scope)),
  get: districtProcedure
    .input(getOrganisationInput)
    .query(({ ctx, input }) => orgs.get(ctx.tdb, ctx.scope, input.id)),
  create: districtProcedure
    .input(createOrganisationInput)
    .mutation(({ ctx, input }) => orgs.create(ctx.tdb, ctx.scope, ctx.audit, input, ctx.now())),
  update: districtProcedure
    .input(updateOrganisationInput)
    .mutation(({ ctx, input }) => orgs.update(ctx.tdb, ctx.scope, ctx.audit, input, ctx.now())),
} satisfies TRPCRouterRecord;
