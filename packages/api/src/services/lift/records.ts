/**
 * LIFT-1 records a district or a secretary enters within scope: 工作品牌 (brand projects, with
 * evidence files), 团干部培训 (任职培训 / 任期轮训 of a leader) and 团干部联系青年 records.
 */
import { todayInShanghai } from '@tuanjian/domain';
import { sql } from 'kysely';
import type { AuditRecorder } from '../../audit';
import { asDate } from '../../db-types';
import { appError, forbiddenRole, notFound } from '../../errors';
import { assertFilesUsable, fileUrls } from '../files';
import { getOrgInScope } from '../organisations';
import { escapeLike, type Scope, type TenantDb } from '../scope';

export const BRAND_STATUS_LABEL = {
  planned: '计划中',
  ongoing: '实施中',
  completed: '已完成',
  recognised: '已获评',
} as const;
export type BrandStatus = keyof typeof BRAND_STATUS_LABEL;
export const TRAINING_KIND_LABEL = { appointment: '任职培训', rotation: '任期轮训' } as const;
export type TrainingKind = keyof typeof TRAINING_KIND_LABEL;
export const POSITION_LABEL = {
  secretary: '书记',
  deputy_secretary: '副书记',
  organising: '组织委员',
  publicity: '宣传委员',
  member: '委员',
} as const;

export function assertLiftManager(scope: Scope): void {
  if (scope.role !== 'district_admin' && scope.role !== 'org_secretary')
    throw forbiddenRole('仅区县团委管理员和团组织书记可以查看和填报规范提升数据');
}

const under = (scope: Scope) => (scope.org ? `${escapeLike(scope.org.path)}%` : '%');

// ——— 工作品牌 ———

export interface BrandInput {
  orgId: string;
  year: number;
  name: string;
  description: string;
  status: BrandStatus;
  evidenceFileIds: string[];
}

export async function listBrands(tdb: TenantDb, scope: Scope, input: { year?: number }) {
  assertLiftManager(scope);
  const rows = await tdb
    .selectFrom('brand_projects as b')
    .innerJoin('organisations as o', 'o.id', 'b.org_id')
    .select([
      'b.id',
      'b.org_id',
      'o.name as org_name',
      'b.year',
      'b.name',
      'b.description',
      'b.status',
      'b.evidence_file_ids',
      'b.updated_at',
    ])
    .where('o.path', 'like', under(scope))
    .$if(input.year !== undefined, (q) => q.where('b.year', '=', input.year as number))
    .orderBy('b.year', 'desc')
    .orderBy('o.path')
    .orderBy('b.name')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    orgId: r.org_id,
    orgName: r.org_name,
    year: r.year,
    name: r.name,
    description: r.description,
    status: r.status,
    statusLabel: BRAND_STATUS_LABEL[r.status],
    evidence: r.evidence_file_ids.map((id) => fileUrls(id)),
    updatedAt: asDate(r.updated_at),
  }));
}

export async function saveBrand(
  tdb: TenantDb,
  scope: Scope,
  user: { id: string },
  input: BrandInput & { id?: string },
  audit: AuditRecorder,
) {
  assertLiftManager(scope);
  await getOrgInScope(tdb, scope, input.orgId);
  await assertFilesUsable(tdb, input.evidenceFileIds);
  const values = {
    org_id: input.orgId,
    year: input.year,
    name: input.name,
    description: input.description,
    status: input.status,
    evidence_file_ids: input.evidenceFileIds,
  };
  let id: string;
  if (input.id) {
    const existing = await tdb
      .selectFrom('brand_projects as b')
      .innerJoin('organisations as o', 'o.id', 'b.org_id')
      .select(['b.id'])
      .where('b.id', '=', input.id)
      .where('o.path', 'like', under(scope))
      .executeTakeFirst();
    if (!existing) throw notFound('工作品牌');
    await tdb
      .updateTable('brand_projects')
      .set({ ...values, updated_at: sql`now()` })
      .where('id', '=', input.id)
      .execute();
    id = input.id;
  } else {
    const dup = await tdb
      .selectFrom('brand_projects')
      .select('id')
      .where('org_id', '=', input.orgId)
      .where('year', '=', input.year)
      .where('name', '=', input.name)
      .executeTakeFirst();
    if (dup) throw appError('CONFLICT', 'CONFLICT', `该组织${input.year}年已登记同名工作品牌“${input.name}”`);
    const r = await tdb
      .insertInto('brand_projects')
      .values({ ...values, created_by: user.id })
      .returning('id')
      .executeTakeFirstOrThrow();
    id = r.id;
  }
  audit.target('brand_project', id, { name: input.name, year: input.year, status: input.status });
  return { id };
}

// ——— leaders (for the forms) ———

export async function servingLeaders(tdb: TenantDb, scope: Scope, now: Date) {
  assertLiftManager(scope);
  const today = todayInShanghai(now);
  const rows = await tdb
    .selectFrom('org_leaders as l')
    .innerJoin('organisations as o', 'o.id', 'l.org_id')
    .select(['l.id', 'l.name', 'l.position', 'l.term_start', 'l.org_id', 'o.name as org_name'])
    .where('o.path', 'like', under(scope))
    .where('o.status', '=', 'active')
    .where('l.term_start', '<=', today)
    .where((eb) => eb.or([eb('l.term_end', 'is', null), eb('l.term_end', '>', today)]))
    .orderBy('o.path')
    .orderBy('l.position')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    position: r.position,
    positionLabel: POSITION_LABEL[r.position],
    termStart: r.term_start,
    orgId: r.org_id,
    orgName: r.org_name,
  }));
}

async function leaderInScope(tdb: TenantDb, scope: Scope, leaderId: string) {
  const l = await tdb
    .selectFrom('org_leaders as l')
    .innerJoin('organisations as o', 'o.id', 'l.org_id')
    .select(['l.id', 'l.org_id', 'l.name'])
    .where('l.id', '=', leaderId)
    .where('o.path', 'like', under(scope))
    .executeTakeFirst();
  if (!l) throw notFound('团干部');
  return l;
}

// ——— 团干部培训 ———

export interface TrainingInput {
  leaderId: string;
  kind: TrainingKind;
  trainedOn: string;
  hours: number;
  topic: string;
  provider: string | null;
}

export async function listTrainings(tdb: TenantDb, scope: Scope, input: { year: number }) {
  assertLiftManager(scope);
  const rows = await tdb
    .selectFrom('cadre_trainings as t')
    .innerJoin('org_leaders as l', 'l.id', 't.leader_id')
    .innerJoin('organisations as o', 'o.id', 't.org_id')
    .select([
      't.id',
      't.kind',
      't.trained_on',
      't.hours',
      't.topic',
      't.provider',
      'l.name as cadre_name',
      'l.position',
      'o.name as org_name',
      't.org_id',
    ])
    .where('o.path', 'like', under(scope))
    .where('t.trained_on', '>=', `${input.year}-01-01`)
    .where('t.trained_on', '<=', `${input.year}-12-31`)
    .orderBy('t.trained_on', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    kindLabel: TRAINING_KIND_LABEL[r.kind],
    trainedOn: r.trained_on,
    hours: r.hours,
    topic: r.topic,
    provider: r.provider,
    cadreName: r.cadre_name,
    positionLabel: POSITION_LABEL[r.position],
    orgId: r.org_id,
    orgName: r.org_name,
  }));
}

export async function addTraining(
  tdb: TenantDb,
  scope: Scope,
  user: { id: string },
  input: TrainingInput,
  now: Date,
  audit: AuditRecorder,
) {
  assertLiftManager(scope);
  const l = await leaderInScope(tdb, scope, input.leaderId);
  if (input.trainedOn > todayInShanghai(now))
    throw appError('BAD_REQUEST', 'INVALID_INPUT', '培训日期不能晚于今天');
  const r = await tdb
    .insertInto('cadre_trainings')
    .values({
      org_id: l.org_id,
      leader_id: l.id,
      kind: input.kind,
      trained_on: input.trainedOn,
      hours: input.hours,
      topic: input.topic,
      provider: input.provider,
      created_by: user.id,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  audit.target('cadre_training', r.id, { leaderId: l.id, kind: input.kind, trainedOn: input.trainedOn });
  return { id: r.id };
}

// ——— 团干部联系青年 ———

export interface ContactInput {
  leaderId: string;
  contactedOn: string;
  youthCount: number;
  notes: string;
}

export async function listContacts(tdb: TenantDb, scope: Scope, input: { year: number }) {
  assertLiftManager(scope);
  const rows = await tdb
    .selectFrom('cadre_contacts as c')
    .innerJoin('org_leaders as l', 'l.id', 'c.leader_id')
    .innerJoin('organisations as o', 'o.id', 'c.org_id')
    .select([
      'c.id',
      'c.contacted_on',
      'c.youth_count',
      'c.notes',
      'l.name as cadre_name',
      'l.position',
      'o.name as org_name',
      'c.org_id',
    ])
    .where('o.path', 'like', under(scope))
    .where('c.contacted_on', '>=', `${input.year}-01-01`)
    .where('c.contacted_on', '<=', `${input.year}-12-31`)
    .orderBy('c.contacted_on', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    contactedOn: r.contacted_on,
    youthCount: r.youth_count,
    notes: r.notes,
    cadreName: r.cadre_name,
    positionLabel: POSITION_LABEL[r.position],
    orgId: r.org_id,
    orgName: r.org_name,
  }));
}

export async function addContact(
  tdb: TenantDb,
  scope: Scope,
  user: { id: string },
  input: ContactInput,
  now: Date,
  audit: AuditRecorder,
) {
  assertLiftManager(scope);
  const l = await leaderInScope(tdb, scope, input.leaderId);
  if (input.contactedOn > todayInShanghai(now))
    throw appError('BAD_REQUEST', 'INVALID_INPUT', '联系日期不能晚于今天');
  const r = await tdb
    .insertInto('cadre_contacts')
    .values({
      org_id: l.org_id,
      leader_id: l.id,
      contacted_on: input.contactedOn,
      youth_count: input.youthCount,
      notes: input.notes,
      created_by: user.id,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  audit.target('cadre_contact', r.id, {
    leaderId: l.id,
    contactedOn: input.contactedOn,
    youthCount: input.youthCount,
  });
  return { id: r.id };
}
