/**
 * MEM-4 组织关系转接 and 学社衔接.
 *
 * Lists and details: `districtProcedure` (the acting tenant's own copy only). Writes: audited
 * platform transactions that run the two tenants' halves through `withTwoTenants` (each half as
 * its tenant's role) — see `services/transfers.ts`. The receiving-organisation directory
 * (`districts`, `targetOrgs`) is the one cross-tenant read: organisation names only, no people.
 */
import type { TRPCRouterRecord } from '@trpc/server';
import { type Tenant, TenantUnavailableError, withTenant } from '@tuanjian/db';
import {
  externalOrgSchema,
  graduationYearSchema,
  idSchema,
  pageSchema,
  transferNoteSchema,
  transferStatusSchema,
} from '@tuanjian/domain';
import { z } from 'zod';
import { appError } from '../errors';
import * as sts from '../services/school-to-society';
import * as transfers from '../services/transfers';
import { authedProcedure, districtProcedure } from '../trpc';

/** Signed in, password changed, acting in an active district tenant (writes and the directory). */
const districtActor = authedProcedure.use(({ ctx, next }) => {
  if (ctx.user.must_change_password) {
    throw appError('FORBIDDEN', 'PASSWORD_CHANGE_REQUIRED', '首次登录请先修改密码');
  }
  const grant = ctx.grant;
  if (!grant) throw appError('FORBIDDEN', 'TENANT_REQUIRED', '请先选择要进入的单位');
  if (grant.tenant.kind !== 'district') {
    throw appError('FORBIDDEN', 'TENANT_KIND', '组织关系转接仅适用于区县团委');
  }
  if (grant.tenant.status !== 'active' || !grant.tenant.schema_name) {
    throw appError('FORBIDDEN', 'TENANT_UNAVAILABLE', `${grant.tenant.name}暂不可用，请联系团市委`);
  }
  return next({ ctx: { grant } });
});

const actor = (ctx: {
  user: { id: string; display_name: string };
  grant: transfers.Actor['grant'];
}): transfers.Actor => ({
  userId: ctx.user.id,
  displayName: ctx.user.display_name,
  grant: ctx.grant,
  now: new Date(),
});

const noteSchema = transferNoteSchema.optional();

export const listTransfersInput = pageSchema.extend({
  box: z.enum(['incoming', 'outgoing', 'escalated', 'mine', 'all'], { error: '列表类型无效' }).default('all'),
  status: transferStatusSchema.optional(),
  /** Name (contains) or 团员编号 (prefix). */
  q: z.string({ error: '搜索内容格式无效' }).trim().max(50, { error: '搜索内容不能超过50个字' }).optional(),
});

export const startTransferInput = z.object({
  memberId: idSchema,
  target: z.discriminatedUnion(
    'type',
    [
      z.object({ type: z.literal('internal'), orgId: idSchema }),
      z.object({ type: z.literal('cross_tenant'), tenantId: idSchema, orgId: idSchema }),
      z.object({
        type: z.literal('out_of_city'),
        name: externalOrgSchema.shape.name,
        contact: externalOrgSchema.shape.contact,
      }),
    ],
    { error: '请选择接收组织' },
  ),
  reason: transferNoteSchema.optional(),
});

const actionInput = z.object({ id: idSchema, note: noteSchema });

function mapTenantError<T>(p: Promise<T>): Promise<T> {
  return p.catch((e) => {
    if (e instanceof TenantUnavailableError) throw appError('FORBIDDEN', 'TENANT_UNAVAILABLE', e.message);
    throw e;
  });
}

function actMutation(action: 'approve' | 'accept' | 'return' | 'cancel') {
  return districtActor.input(actionInput).mutation(async ({ ctx, input }) => {
    const r = await mapTenantError(
      transfers.act(ctx.db, actor(ctx), { id: input.id, action, note: input.note }),
    );
    ctx.audit.target('transfer', r.id, { action, status: r.status });
    return r;
  });
}

export const transfersRouter = {
  list: districtProcedure
    .input(listTransfersInput)
    .query(({ ctx, input }) => transfers.list(ctx.tdb, ctx.scope, input)),
  get: districtProcedure
    .input(z.object({ id: idSchema }))
    .query(({ ctx, input }) => transfers.get(ctx.tdb, ctx.scope, input.id)),

  /** Other district tenants that can receive a member (names only). */
  districts: districtActor.query(async ({ ctx }) => {
    const rows = await ctx.db
      .selectFrom('platform.tenants')
      .select(['id', 'name', 'code'])
      .where('kind', '=', 'district')
      .where('status', '=', 'active')
      .where('id', '!=', ctx.grant.tenant.id)
      .orderBy('sort_order')
      .orderBy('code')
      .execute();
    return rows.map((r) => ({ id: r.id, name: r.name }));
  }),
  /** Receiving organisations (团支部 / 团总支) of a district (another, or one's own): id, name, kind, parent name. */
  targetOrgs: districtActor
    .input(z.object({ tenantId: idSchema, q: z.string().trim().max(50).optional() }))
    .query(async ({ ctx, input }) => {
      const tenant: Tenant | undefined = await ctx.db
        .selectFrom('platform.tenants')
        .selectAll()
        .where('id', '=', input.tenantId)
        .where('kind', '=', 'district')
        .where('status', '=', 'active')
        .executeTakeFirst();
      if (!tenant) throw appError('NOT_FOUND', 'NOT_FOUND', '接收单位不存在或暂不可用');
      return mapTenantError(
        withTenant(ctx.db, tenant, async (tdb) => {
          let q = tdb
            .selectFrom('organisations as o')
            .leftJoin('organisations as p', 'p.id', 'o.parent_id')
            .select(['o.id', 'o.name', 'o.kind', 'p.name as parent_name'])
            .where('o.status', '=', 'active')
            .where('o.kind', 'in', ['branch', 'general_branch']);
          if (input.q) q = q.where('o.name', 'like', `%${input.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
          const rows = await q.orderBy('o.path').limit(500).execute();
          return rows.map((r) => ({ id: r.id, name: r.name, kind: r.kind, parentName: r.parent_name }));
        }),
      );
    }),

  start: districtActor.input(startTransferInput).mutation(async ({ ctx, input }) => {
    const r = await mapTenantError(transfers.start(ctx.db, actor(ctx), input));
    ctx.audit.target('transfer', r.id, { kind: input.target.type, status: r.status });
    return r;
  }),
  approve: actMutation('approve'),
  accept: actMutation('accept'),
  return: actMutation('return'),
  cancel: actMutation('cancel'),

  /** 学社衔接: mark (or clear) the graduation year of a school branch's members. */
  markGraduating: districtProcedure
    .input(
      z.object({
        orgId: idSchema,
        year: graduationYearSchema.nullable(),
        memberIds: z.array(idSchema).max(500).optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const r = await sts.markGraduating(ctx.tdb, ctx.scope, input);
      ctx.audit.target('organisation', input.orgId, { graduationYear: input.year, updated: r.updated });
      return r;
    }),
  /** 学社衔接: per year, graduating members transferred vs the target, per branch and in all. */
  schoolToSociety: districtProcedure
    .input(z.object({ year: graduationYearSchema }))
    .query(({ ctx, input }) => sts.rate(ctx.tdb, ctx.scope, input.year)),
} satisfies TRPCRouterRecord;
