/**
 * 号段 (MEM-2): the city assigns blocks to district tenants (platform), a district assigns
 * sub-blocks to its 团委 (tenant), approval draws the next number under a row lock.
 */
import type { PlatformDatabase } from '@tuanjian/db';
import {
  blockSize,
  checkBlockRange,
  formatMemberNumber,
  NO_NUMBER_BLOCK_MESSAGE,
  rangesOverlap,
  rangeWithin,
} from '@tuanjian/domain';
import type { Kysely } from 'kysely';
import type { AuditRecorder } from '../../audit';
import { asDate } from '../../db-types';
import { appError, forbiddenRole, notFound } from '../../errors';
import type { Scope, TenantDb } from '../scope';
import { ruleOn } from './rules';

export interface CityBlock {
  id: string;
  tenantId: string;
  tenantName: string;
  year: number;
  startSeq: number;
  endSeq: number;
  size: number;
  note: string | null;
  createdAt: Date;
}

export interface AssignInput {
  year: number;
  startSeq: number;
  endSeq: number;
}

const invalid = (message: string) => appError('PRECONDITION_FAILED', 'INVALID_STATE', message);

export async function listCityBlocks(db: Kysely<PlatformDatabase>, year?: number): Promise<CityBlock[]> {
  let q = db
    .selectFrom('platform.number_blocks as b')
    .innerJoin('platform.tenants as t', 't.id', 'b.tenant_id')
    .select([
      'b.id',
      'b.tenant_id',
      't.name as tenant_name',
      'b.year',
      'b.start_seq',
      'b.end_seq',
      'b.note',
      'b.created_at',
    ]);
  if (year) q = q.where('b.year', '=', year);
  const rows = await q.orderBy('b.year', 'desc').orderBy('b.start_seq').execute();
  return rows.map((r) => ({
    id: r.id,
    tenantId: r.tenant_id,
    tenantName: r.tenant_name,
    year: r.year,
    startSeq: r.start_seq,
    endSeq: r.end_seq,
    size: blockSize({ startSeq: r.start_seq, endSeq: r.end_seq }),
    note: r.note,
    createdAt: asDate(r.created_at),
  }));
}

export async function assignCityBlock(
  db: Kysely<PlatformDatabase>,
  audit: AuditRecorder,
  userId: string,
  input: AssignInput & { tenantId: string; note?: string },
): Promise<CityBlock> {
  const bad = checkBlockRange(input);
  if (bad) throw invalid(bad);
  const tenant = await db
    .selectFrom('platform.tenants')
    .select(['id', 'kind', 'name'])
    .where('id', '=', input.tenantId)
    .executeTakeFirst();
  if (!tenant) throw notFound('单位');
  if (tenant.kind !== 'district') throw invalid('号段只能分配给区县团委（含市直）');
  // Serialise assignments so the overlap check and the insert see the same blocks.
  await db.selectFrom('platform.tenants').select('id').where('kind', '=', 'city').forUpdate().execute();
  const same = await db
    .selectFrom('platform.number_blocks as b')
    .innerJoin('platform.tenants as t', 't.id', 'b.tenant_id')
    .select(['b.start_seq', 'b.end_seq', 't.name'])
    .where('b.year', '=', input.year)
    .execute();
  const clash = same.find((b) => rangesOverlap(input, { startSeq: b.start_seq, endSeq: b.end_seq }));
  if (clash) {
    throw appError(
      'CONFLICT',
      'CONFLICT',
      `号段与已分配给${clash.name}的${input.year}年号段 ${clash.start_seq}–${clash.end_seq} 重叠`,
    );
  }
  const row = await db
    .insertInto('platform.number_blocks')
    .values({
      tenant_id: tenant.id,
      year: input.year,
      start_seq: input.startSeq,
      end_seq: input.endSeq,
      note: input.note ?? null,
      created_by: userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  audit.target('number_block', row.id, { tenant: tenant.name, ...input });
  const all = await listCityBlocks(db, input.year);
  return all.find((b) => b.id === row.id)!;
}

export interface TenantBlocks {
  cityBlocks: {
    id: string;
    year: number;
    startSeq: number;
    endSeq: number;
    size: number;
    assigned: number;
  }[];
  blocks: {
    id: string;
    orgId: string;
    orgName: string;
    year: number;
    startSeq: number;
    endSeq: number;
    nextSeq: number;
    used: number;
    remaining: number;
    cityBlockId: string;
  }[];
}

function assertDistrictAdmin(scope: Scope, what: string) {
  if (scope.role !== 'district_admin') throw forbiddenRole(`仅区县团委管理员可以${what}`);
}

export async function listTenantBlocks(tdb: TenantDb, scope: Scope, year?: number): Promise<TenantBlocks> {
  if (scope.role !== 'district_admin' && scope.role !== 'org_secretary') throw forbiddenRole();
  let cq = (tdb as unknown as Kysely<PlatformDatabase>)
    .selectFrom('platform.number_blocks')
    .select(['id', 'year', 'start_seq', 'end_seq'])
    .where('tenant_id', '=', scope.tenant.id);
  if (year) cq = cq.where('year', '=', year);
  let bq = tdb
    .selectFrom('number_blocks as b')
    .innerJoin('organisations as o', 'o.id', 'b.org_id')
    .select([
      'b.id',
      'b.org_id',
      'o.name as org_name',
      'o.path',
      'b.year',
      'b.start_seq',
      'b.end_seq',
      'b.next_seq',
      'b.city_block_id',
    ]);
  if (year) bq = bq.where('b.year', '=', year);
  if (scope.org) bq = bq.where('o.path', 'like', `${scope.org.path}%`);
  const [city, blocks] = await Promise.all([
    cq.orderBy('year', 'desc').orderBy('start_seq').execute(),
    bq.orderBy('b.year', 'desc').orderBy('b.start_seq').execute(),
  ]);
  return {
    cityBlocks: city.map((c) => ({
      id: c.id,
      year: c.year,
      startSeq: c.start_seq,
      endSeq: c.end_seq,
      size: blockSize({ startSeq: c.start_seq, endSeq: c.end_seq }),
      assigned: blocks
        .filter((b) => b.city_block_id === c.id)
        .reduce((s, b) => s + blockSize({ startSeq: b.start_seq, endSeq: b.end_seq }), 0),
    })),
    blocks: blocks.map((b) => ({
      id: b.id,
      orgId: b.org_id,
      orgName: b.org_name,
      year: b.year,
      startSeq: b.start_seq,
      endSeq: b.end_seq,
      nextSeq: b.next_seq,
      used: b.next_seq - b.start_seq,
      remaining: b.end_seq - b.next_seq + 1,
      cityBlockId: b.city_block_id,
    })),
  };
}

export async function assignTenantBlock(
  tdb: TenantDb,
  scope: Scope,
  audit: AuditRecorder,
  input: AssignInput & { orgId: string },
): Promise<TenantBlocks['blocks'][number]> {
  assertDistrictAdmin(scope, '分配号段');
  const bad = checkBlockRange(input);
  if (bad) throw invalid(bad);
  const org = await tdb
    .selectFrom('organisations')
    .select(['id', 'name', 'kind', 'status'])
    .where('id', '=', input.orgId)
    .executeTakeFirst();
  if (!org) throw notFound('组织');
  if (org.kind !== 'league_committee' && org.kind !== 'working_committee') {
    throw invalid('号段只能分配给团委或团工委（由其批准发展团员）');
  }
  if (org.status !== 'active') throw invalid('该组织已撤销或合并，不能分配号段');
  const city = await (tdb as unknown as Kysely<PlatformDatabase>)
    .selectFrom('platform.number_blocks')
    .select(['id', 'start_seq', 'end_seq'])
    .where('tenant_id', '=', scope.tenant.id)
    .where('year', '=', input.year)
    .execute();
  const parent = city.find((c) => rangeWithin(input, { startSeq: c.start_seq, endSeq: c.end_seq }));
  if (!parent) {
    throw invalid(
      `号段 ${input.startSeq}–${input.endSeq} 不在团市委分配给本单位的${input.year}年号段之内${
        city.length
          ? `（已分配：${city.map((c) => `${c.start_seq}–${c.end_seq}`).join('、')}）`
          : '（本年度尚未分配号段）'
      }`,
    );
  }
  const same = await tdb
    .selectFrom('number_blocks as b')
    .innerJoin('organisations as o', 'o.id', 'b.org_id')
    .select(['b.start_seq', 'b.end_seq', 'o.name'])
    .where('b.year', '=', input.year)
    .execute();
  const clash = same.find((b) => rangesOverlap(input, { startSeq: b.start_seq, endSeq: b.end_seq }));
  if (clash) {
    throw appError(
      'CONFLICT',
      'CONFLICT',
      `号段与已分配给${clash.name}的号段 ${clash.start_seq}–${clash.end_seq} 重叠`,
    );
  }
  const row = await tdb
    .insertInto('number_blocks')
    .values({
      org_id: org.id,
      city_block_id: parent.id,
      year: input.year,
      start_seq: input.startSeq,
      end_seq: input.endSeq,
      next_seq: input.startSeq,
      created_by: scope.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  audit.target('number_block', row.id, { org: org.name, ...input });
  return {
    id: row.id,
    orgId: org.id,
    orgName: org.name,
    year: input.year,
    startSeq: input.startSeq,
    endSeq: input.endSeq,
    nextSeq: input.startSeq,
    used: 0,
    remaining: input.endSeq - input.startSeq + 1,
    cityBlockId: parent.id,
  };
}

/**
 * Draws the next 团员编号 for `orgId` in `year`, inside the caller's transaction: the block row is
 * locked (FOR UPDATE) so concurrent approvals serialise and never draw the same sequence.
 */
export async function drawMemberNumber(
  tdb: TenantDb,
  orgId: string,
  orgName: string,
  year: number,
  onDate: string,
): Promise<{ number: string; blockId: string }> {
  const { provinceCode } = await ruleOn(tdb, 'member.number', onDate);
  for (;;) {
    const block = await tdb
      .selectFrom('number_blocks')
      .select(['id', 'next_seq', 'end_seq'])
      .where('org_id', '=', orgId)
      .where('year', '=', year)
      .whereRef('next_seq', '<=', 'end_seq')
      .orderBy('start_seq')
      .limit(1)
      .forUpdate()
      .executeTakeFirst();
    if (!block) {
      const any = await tdb
        .selectFrom('number_blocks')
        .select('id')
        .where('org_id', '=', orgId)
        .where('year', '=', year)
        .executeTakeFirst();
      throw invalid(
        `${NO_NUMBER_BLOCK_MESSAGE.replace('，不能批准入团', `（${orgName}${year}年号段${any ? '已用完' : '未分配'}），不能批准入团`)}`,
      );
    }
    const seq = block.next_seq;
    await tdb
      .updateTable('number_blocks')
      .set({ next_seq: seq + 1 })
      .where('id', '=', block.id)
      .execute();
    const number = formatMemberNumber({ year, provinceCode, sequence: seq });
    // A number already held (e.g. imported members) is skipped, never reissued.
    const taken = await tdb
      .selectFrom('members')
      .select('id')
      .where('member_number', '=', number)
      .executeTakeFirst();
    if (!taken) return { number, blockId: block.id };
  }
}
