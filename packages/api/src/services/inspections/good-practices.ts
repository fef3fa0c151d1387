/**
 * SUP-2 好经验好做法: a library with tags, sector, source organisation and half-year. Districts
 * submit candidates from their own tenant (RLS: insert only as `submitted` for the own tenant;
 * read promoted items and their own); the city records items itself and promotes citywide.
 * Search: ILIKE over title, body and tags (works the same on PGlite and PostgreSQL, Chinese
 * included — no tokeniser needed for substring search at the library's size).
 */

import type { PlatformDatabase } from '@tuanjian/db';
import {
  type GoodPracticeStatus,
  halfYearOf,
  type InspectionSector,
  inspectionSectorOf,
  normaliseTags,
  todayInShanghai,
} from '@tuanjian/domain';
import { type Kysely, type QueryCreator, sql } from 'kysely';
import { forbiddenRole, notFound } from '../../errors';
import { escapeLike, pathInScope, type Scope, type TenantDb } from '../scope';
import { badInput, invalidState, platformOf } from './common';

export interface GoodPracticeItem {
  id: string;
  title: string;
  body: string;
  tags: string[];
  sector: InspectionSector;
  tenantName: string;
  sourceOrgName: string;
  halfYear: string;
  status: GoodPracticeStatus;
  promotedAt: Date | null;
  createdAt: Date;
  /** the item came from the reader's own tenant */
  own: boolean;
}

export interface GoodPracticeFilter {
  q?: string | undefined;
  sector?: InspectionSector | undefined;
  tag?: string | undefined;
  halfYear?: string | undefined;
  status?: GoodPracticeStatus | undefined;
}

const columns = [
  'g.id',
  'g.title',
  'g.body',
  'g.tags',
  'g.sector',
  'g.tenant_id',
  'g.tenant_name',
  'g.source_org_name',
  'g.half_year',
  'g.status',
  'g.promoted_at',
  'g.created_at',
] as const;

async function search(p: QueryCreator<PlatformDatabase>, f: GoodPracticeFilter, ownTenantId: string | null) {
  let q = p.selectFrom('platform.good_practices as g').select(columns);
  if (f.q?.trim()) {
    const like = `%${escapeLike(f.q.trim())}%`;
    q = q.where((eb) =>
      eb.or([
        eb('g.title', 'ilike', like),
        eb('g.body', 'ilike', like),
        eb(sql`array_to_string(g.tags, ' ')`, 'ilike', like),
        eb('g.source_org_name', 'ilike', like),
      ]),
    );
  }
  if (f.sector) q = q.where('g.sector', '=', f.sector);
  if (f.tag) q = q.where(sql<boolean>`${f.tag} = any(g.tags)`);
  if (f.halfYear) q = q.where('g.half_year', '=', f.halfYear);
  if (f.status) q = q.where('g.status', '=', f.status);
  const rows = await q.orderBy('g.half_year', 'desc').orderBy('g.created_at', 'desc').limit(200).execute();
  return rows.map(
    (r): GoodPracticeItem => ({
      id: r.id,
      title: r.title,
      body: r.body,
      tags: r.tags,
      sector: r.sector as InspectionSector,
      tenantName: r.tenant_name,
      sourceOrgName: r.source_org_name,
      halfYear: r.half_year,
      status: r.status as GoodPracticeStatus,
      promotedAt: r.promoted_at,
      createdAt: r.created_at,
      own: ownTenantId !== null && r.tenant_id === ownTenantId,
    }),
  );
}

/** City: the whole library (every status). */
export function cityList(db: Kysely<PlatformDatabase>, f: GoodPracticeFilter) {
  return search(db, f, null);
}

/** Tenants: promoted items and their own submissions (RLS). */
export function tenantList(tdb: TenantDb, scope: Scope, f: GoodPracticeFilter) {
  return search(platformOf(tdb), f, scope.tenant.id);
}

export async function cityGet(db: Kysely<PlatformDatabase>, id: string): Promise<GoodPracticeItem> {
  const r = await searchById(db, id, null);
  if (!r) throw notFound('经验做法');
  return r;
}

async function searchById(p: QueryCreator<PlatformDatabase>, id: string, own: string | null) {
  const r = await p
    .selectFrom('platform.good_practices as g')
    .select(columns)
    .where('g.id', '=', id)
    .executeTakeFirst();
  if (!r) return null;
  return {
    id: r.id,
    title: r.title,
    body: r.body,
    tags: r.tags,
    sector: r.sector as InspectionSector,
    tenantName: r.tenant_name,
    sourceOrgName: r.source_org_name,
    halfYear: r.half_year,
    status: r.status as GoodPracticeStatus,
    promotedAt: r.promoted_at,
    createdAt: r.created_at,
    own: own !== null && r.tenant_id === own,
  } satisfies GoodPracticeItem;
}

export async function tenantGet(tdb: TenantDb, scope: Scope, id: string): Promise<GoodPracticeItem> {
  const r = await searchById(platformOf(tdb), id, scope.tenant.id);
  if (!r) throw notFound('经验做法');
  return r;
}

export interface PracticeInput {
  title: string;
  body: string;
  tags: string[];
  sector?: InspectionSector | undefined;
  halfYear?: string | undefined;
}

function tagsOf(tags: string[]): string[] {
  try {
    return normaliseTags(tags);
  } catch (e) {
    throw badInput((e as Error).message);
  }
}

/** A district (district_admin, or an org_secretary for its subtree) submits a candidate. */
export async function submit(
  tdb: TenantDb,
  scope: Scope,
  input: PracticeInput & { sourceOrgId?: string | null | undefined },
  now: Date,
): Promise<{ id: string }> {
  if (scope.role !== 'district_admin' && scope.role !== 'org_secretary') {
    throw forbiddenRole('仅区县团委管理员和团组织书记可以报送经验做法');
  }
  const orgId = input.sourceOrgId ?? scope.org?.id ?? null;
  let sourceName: string = scope.tenant.name;
  let sector = input.sector ?? null;
  if (orgId) {
    const org = await tdb
      .selectFrom('organisations')
      .select(['name', 'path', 'sector'])
      .where('id', '=', orgId)
      .executeTakeFirst();
    if (!org || !pathInScope(scope, org.path)) throw notFound('来源组织');
    sourceName = org.name;
    sector ??= inspectionSectorOf(org.sector);
  }
  if (!sector) throw badInput('请选择所属领域');
  const row = await platformOf(tdb)
    .insertInto('platform.good_practices')
    .values({
      title: input.title,
      body: input.body,
      tags: tagsOf(input.tags),
      sector,
      tenant_id: scope.tenant.id,
      tenant_name: scope.tenant.name,
      source_org_id: orgId,
      source_org_name: sourceName,
      half_year: input.halfYear ?? halfYearOf(todayInShanghai(now)),
      submitted_by: scope.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row;
}

/** The city records an item itself (e.g. from an inspection) and may promote it at once. */
export async function cityCreate(
  db: Kysely<PlatformDatabase>,
  input: PracticeInput & {
    sourceOrgName: string;
    tenantId?: string | null | undefined;
    promote?: boolean | undefined;
  },
  userId: string,
  now: Date,
): Promise<{ id: string }> {
  let tenantName = '团市委';
  if (input.tenantId) {
    const t = await db
      .selectFrom('platform.tenants')
      .select(['name', 'kind'])
      .where('id', '=', input.tenantId)
      .executeTakeFirst();
    if (!t) throw notFound('来源单位');
    tenantName = t.name;
  }
  if (!input.sector) throw badInput('请选择所属领域');
  return db
    .insertInto('platform.good_practices')
    .values({
      title: input.title,
      body: input.body,
      tags: tagsOf(input.tags),
      sector: input.sector,
      tenant_id: input.tenantId ?? null,
      tenant_name: tenantName,
      source_org_id: null,
      source_org_name: input.sourceOrgName,
      half_year: input.halfYear ?? halfYearOf(todayInShanghai(now)),
      status: input.promote ? 'promoted' : 'submitted',
      submitted_by: userId,
      promoted_at: input.promote ? now : null,
      promoted_by: input.promote ? userId : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

export async function decide(
  db: Kysely<PlatformDatabase>,
  input: { id: string; decision: 'promote' | 'decline' },
  userId: string,
  now: Date,
): Promise<{ status: GoodPracticeStatus }> {
  const cur = await db
    .selectFrom('platform.good_practices')
    .select('status')
    .where('id', '=', input.id)
    .executeTakeFirst();
  if (!cur) throw notFound('经验做法');
  const to: GoodPracticeStatus = input.decision === 'promote' ? 'promoted' : 'declined';
  if (cur.status === to)
    throw invalidState(to === 'promoted' ? '该经验做法已在全市推广' : '该经验做法已标记为未采纳');
  await db
    .updateTable('platform.good_practices')
    .set({
      status: to,
      promoted_at: to === 'promoted' ? now : null,
      promoted_by: to === 'promoted' ? userId : null,
      updated_at: now,
    })
    .where('id', '=', input.id)
    .execute();
  return { status: to };
}
