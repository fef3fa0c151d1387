/** ORG-1…ORG-6: the organisation system beyond the tree (`organisations.*`). */
import {
  buildOutTagSchema,
  dateSchema,
  electionKindSchema,
  electionMethodSchema,
  gapStatusSchema,
  idSchema,
  inventoryProblemSchema,
  leaderPositionSchema,
  ORG_STATUSES,
  orgKindSchema,
  orgNameSchema,
  proposalKindSchema,
  proposalStatusSchema,
  sectorSchema,
} from '@tuanjian/domain';
import { z } from 'zod';
import * as gaps from '../services/org/gaps';
import * as ledger from '../services/org/ledger';
import * as profile from '../services/org/profile';
import * as proposals from '../services/org/proposals';
import { createTRPCRouter, districtProcedure } from '../trpc';

const text = (label: string, max: number) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .min(1, { error: `请填写${label}` })
    .max(max, { error: `${label}不能超过${max}个字` });
const optionalText = (label: string, max: number) =>
  z
    .string({ error: `${label}格式无效` })
    .trim()
    .max(max, { error: `${label}不能超过${max}个字` })
    .transform((s) => (s === '' ? null : s))
    .nullish();
const orgStatusSchema = z.enum(ORG_STATUSES, { error: '组织状态无效' });
const count = (label: string) =>
  z
    .number({ error: `${label}应为数字` })
    .int({ error: `${label}应为整数` })
    .min(0)
    .max(100_000);

export const ledgerFiltersInput = z.object({
  q: z.string().trim().max(50).optional(),
  orgId: idSchema.optional(),
  kind: orgKindSchema.optional(),
  sector: sectorSchema.optional(),
  status: orgStatusSchema.optional(),
  problem: inventoryProblemSchema.optional(),
  tag: buildOutTagSchema.optional(),
  overdue: z.boolean().optional(),
  withWarnings: z.boolean().optional(),
});

export const recordElectionInput = z.object({
  orgId: idSchema,
  electedOn: dateSchema,
  kind: electionKindSchema,
  method: electionMethodSchema,
  entitledCount: count('应到人数').min(1, { error: '应到人数至少1人' }),
  presentCount: count('实到人数'),
  termYears: z.number().int().min(1).max(10).optional(),
  result: text('选举结果', 500),
  leaders: z
    .array(z.object({ name: text('姓名', 30), position: leaderPositionSchema, memberId: idSchema.nullish() }))
    .max(20),
});

export const reviewInput = z.object({
  orgId: idSchema,
  reviewedOn: dateSchema,
  note: optionalText('排查说明', 500),
  findings: z
    .array(z.object({ problem: inventoryProblemSchema, note: optionalText('问题说明', 500) }))
    .max(5),
});

export const createGapInput = z.object({
  unitName: text('单位名称', 100),
  unitKind: text('单位类型', 30),
  sector: sectorSchema.nullish(),
  address: optionalText('地址', 200),
  youthCount: count('青年人数').nullish(),
  responsibleOrgId: idSchema.nullish(),
  registeredOn: dateSchema.nullish(),
  note: optionalText('备注', 500),
});

const proposalShape = {
  kind: proposalKindSchema,
  orgId: idSchema,
  targetOrgId: idSchema.nullish(),
  newName: orgNameSchema.nullish(),
};

export const orgRouter = createTRPCRouter({
  /** Leadership, elections, 换届 due, warnings, status history, reviews and tags of one organisation. */
  profile: districtProcedure
    .input(z.object({ id: idSchema }))
    .query(({ ctx, input }) => profile.profile(ctx.tdb, ctx.scope, input.id, ctx.now())),
  recordElection: districtProcedure
    .input(recordElectionInput)
    .mutation(({ ctx, input }) => profile.recordElection(ctx.tdb, ctx.scope, ctx.audit, input, ctx.now())),
  reviewInventory: districtProcedure
    .input(reviewInput)
    .mutation(({ ctx, input }) =>
      profile.reviewInventory(
        ctx.tdb,
        ctx.scope,
        ctx.audit,
        { id: ctx.user.id, name: ctx.user.display_name },
        input,
        ctx.now(),
      ),
    ),
  setTags: districtProcedure
    .input(z.object({ orgId: idSchema, tags: z.array(buildOutTagSchema).max(5) }))
    .mutation(({ ctx, input }) => profile.setTags(ctx.tdb, ctx.scope, ctx.audit, input, ctx.now())),

  ledger: createTRPCRouter({
    list: districtProcedure
      .input(
        ledgerFiltersInput.extend({
          page: z.number().int().min(1).default(1),
          pageSize: z.number().int().min(1).max(200).default(20),
        }),
      )
      .query(({ ctx, input }) => ledger.ledgerList(ctx.tdb, ctx.scope, input, ctx.now())),
    /** The same rows and filters as an .xlsx (base64), the filters in the file name. */
    export: districtProcedure
      .input(ledgerFiltersInput)
      .mutation(({ ctx, input }) => ledger.ledgerExport(ctx.tdb, ctx.scope, input, ctx.now())),
  }),

  gaps: createTRPCRouter({
    list: districtProcedure
      .input(
        z.object({
          status: gapStatusSchema.optional(),
          unitKind: z.string().max(30).optional(),
          q: z.string().trim().max(50).optional(),
        }),
      )
      .query(({ ctx, input }) => gaps.listGaps(ctx.tdb, ctx.scope, input)),
    create: districtProcedure
      .input(createGapInput)
      .mutation(({ ctx, input }) => gaps.createGap(ctx.tdb, ctx.scope, ctx.audit, input, ctx.now())),
    cover: districtProcedure
      .input(z.object({ id: idSchema, orgId: idSchema, coveredOn: dateSchema.nullish() }))
      .mutation(({ ctx, input }) => gaps.coverGap(ctx.tdb, ctx.scope, ctx.audit, input, ctx.now())),
  }),

  proposals: createTRPCRouter({
    list: districtProcedure
      .input(z.object({ status: proposalStatusSchema.optional(), kind: proposalKindSchema.optional() }))
      .query(({ ctx, input }) => proposals.listProposals(ctx.tdb, ctx.scope, input)),
    get: districtProcedure
      .input(z.object({ id: idSchema }))
      .query(({ ctx, input }) => proposals.getProposal(ctx.tdb, ctx.scope, input.id)),
    /** The rule checks a proposal would meet now (step form). */
    preview: districtProcedure
      .input(z.object(proposalShape))
      .query(({ ctx, input }) => proposals.previewProposal(ctx.tdb, ctx.scope, input)),
    create: districtProcedure
      .input(z.object({ ...proposalShape, reason: text('调整理由', 500), effectiveOn: dateSchema }))
      .mutation(({ ctx, input }) =>
        proposals.createProposal(
          ctx.tdb,
          ctx.scope,
          ctx.audit,
          { id: ctx.user.id, name: ctx.user.display_name },
          input,
        ),
      ),
    decide: districtProcedure
      .input(z.object({ id: idSchema, approve: z.boolean(), note: optionalText('审批意见', 500) }))
      .mutation(({ ctx, input }) =>
        proposals.decideProposal(
          ctx.tdb,
          ctx.scope,
          ctx.audit,
          { id: ctx.user.id, name: ctx.user.display_name },
          input,
          ctx.now(),
        ),
      ),
    execute: districtProcedure
      .input(z.object({ id: idSchema }))
      .mutation(({ ctx, input }) =>
        proposals.applyProposal(
          ctx.tdb,
          ctx.scope,
          ctx.audit,
          { id: ctx.user.id, name: ctx.user.display_name },
          input,
          ctx.now(),
        ),
      ),
  }),
});
