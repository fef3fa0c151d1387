/**
 * 通报: the city drafts a circular (a draft text is generated from the plan's findings), edits it
 * and publishes it; every tenant then reads it (RLS shows tenant roles published circulars only).
 */
import {
  type FindingSeverity,
  findingSeverityLabel,
  formatChineseDate,
  type InspectionMethod,
  type InspectionSector,
  inspectionMethodLabel,
  inspectionSectorLabel,
  quarterPeriod,
  todayInShanghai,
} from '@tuanjian/domain';
import { notFound } from '../../errors';
import type { TenantDb } from '../scope';
import { badInput, invalidState, platformOf } from './common';
import type { Db } from './plans';

export interface CircularItem {
  id: string;
  planId: string | null;
  title: string;
  docNumber: string | null;
  status: 'draft' | 'published';
  publishedOn: string | null;
  publishedAt: Date | null;
}

export interface CircularDetail extends CircularItem {
  body: string;
}

type CircularRow = {
  id: string;
  plan_id: string | null;
  title: string;
  doc_number: string | null;
  status: string;
  published_on: string | null;
  published_at: Date | null;
  body: string;
};

const toDetail = (r: CircularRow): CircularDetail => ({
  id: r.id,
  planId: r.plan_id,
  title: r.title,
  docNumber: r.doc_number,
  status: r.status as 'draft' | 'published',
  publishedOn: r.published_on,
  publishedAt: r.published_at,
  body: r.body,
});

const columns = [
  'id',
  'plan_id',
  'title',
  'doc_number',
  'status',
  'published_on',
  'published_at',
  'body',
] as const;

/** A draft text from the plan: scope, methods, per-sector targets, findings per organisation. */
export async function draftCircular(db: Db, planId: string): Promise<{ title: string; body: string }> {
  const plan = await db
    .selectFrom('platform.inspection_plans')
    .selectAll()
    .where('id', '=', planId)
    .executeTakeFirst();
  if (!plan) throw notFound('督导检查计划');
  const period = quarterPeriod(plan.year, plan.quarter);
  const targets = await db
    .selectFrom('platform.inspection_targets as t')
    .innerJoin('platform.tenants as tn', 'tn.id', 't.tenant_id')
    .select(['t.id', 't.org_name', 't.sector', 'tn.name as tenant_name'])
    .where('t.plan_id', '=', planId)
    .orderBy('tn.sort_order')
    .execute();
  const findings = await db
    .selectFrom('platform.inspection_findings')
    .select(['target_id', 'severity', 'method', 'description', 'deadline'])
    .where('plan_id', '=', planId)
    .orderBy('inspected_on')
    .execute();
  const sectors = [...new Set(targets.map((t) => inspectionSectorLabel[t.sector as InspectionSector]))];
  const methods = (plan.methods as InspectionMethod[]).map((m) => inspectionMethodLabel[m]);
  const lines: string[] = [
    '各区县团委：',
    `　　按照全市共青团基层组织建设督导检查工作安排，团市委督查组于${formatChineseDate(plan.starts_on)}至${formatChineseDate(plan.ends_on)}，采取${methods.join('、') || '多种'}等方式，对${targets.length}个基层团组织（涉及${sectors.join('、') || '各'}领域）进行了${period.label}督导检查。现将检查情况通报如下：`,
    `　　一、总体情况。本次检查共发现问题${findings.length}个，其中严重问题${findings.filter((f) => f.severity === 'serious').length}个。`,
    '　　二、发现的主要问题。',
  ];
  let n = 0;
  for (const t of targets) {
    const own = findings.filter((f) => f.target_id === t.id);
    if (own.length === 0) continue;
    n++;
    lines.push(`　　（${n}）${t.tenant_name}${t.org_name}：`);
    for (const f of own) {
      lines.push(
        `　　　　${f.description}（${inspectionMethodLabel[f.method as InspectionMethod]}发现，${findingSeverityLabel[f.severity as FindingSeverity]}，整改期限${formatChineseDate(f.deadline)}）`,
      );
    }
  }
  if (n === 0) lines.push('　　本次检查未发现需要通报的问题。');
  lines.push(
    '　　三、工作要求。各被检查单位要对照问题清单逐项整改，在整改期限内通过系统答复整改情况；各区县团委要举一反三，督促所属团组织对照检查，确保问题整改到位。',
  );
  return { title: `关于${period.label}全市共青团基层组织建设督导检查情况的通报`, body: lines.join('\n') };
}

export async function saveCircular(
  db: Db,
  input: {
    id?: string | undefined;
    planId?: string | null | undefined;
    title: string;
    docNumber?: string | null | undefined;
    body: string;
  },
  userId: string,
  now: Date,
): Promise<CircularDetail> {
  if (!input.body.trim()) throw badInput('请填写通报正文');
  if (input.id) {
    const cur = await db
      .selectFrom('platform.inspection_circulars')
      .select('status')
      .where('id', '=', input.id)
      .executeTakeFirst();
    if (!cur) throw notFound('通报');
    if (cur.status === 'published') throw invalidState('通报已发布，不能再修改');
    const r = await db
      .updateTable('platform.inspection_circulars')
      .set({ title: input.title, doc_number: input.docNumber ?? null, body: input.body, updated_at: now })
      .where('id', '=', input.id)
      .returning(columns)
      .executeTakeFirstOrThrow();
    return toDetail(r);
  }
  if (input.planId) {
    const plan = await db
      .selectFrom('platform.inspection_plans')
      .select('id')
      .where('id', '=', input.planId)
      .executeTakeFirst();
    if (!plan) throw notFound('督导检查计划');
  }
  const r = await db
    .insertInto('platform.inspection_circulars')
    .values({
      plan_id: input.planId ?? null,
      title: input.title,
      doc_number: input.docNumber ?? null,
      body: input.body,
      created_by: userId,
    })
    .returning(columns)
    .executeTakeFirstOrThrow();
  return toDetail(r);
}

export async function publishCircular(db: Db, id: string, now: Date): Promise<CircularDetail> {
  const r = await db
    .updateTable('platform.inspection_circulars')
    .set({ status: 'published', published_at: now, published_on: todayInShanghai(now), updated_at: now })
    .where('id', '=', id)
    .where('status', '=', 'draft')
    .returning(columns)
    .executeTakeFirst();
  if (!r) {
    const exists = await db
      .selectFrom('platform.inspection_circulars')
      .select('status')
      .where('id', '=', id)
      .executeTakeFirst();
    if (!exists) throw notFound('通报');
    throw invalidState('通报已发布');
  }
  return toDetail(r);
}

export async function cityCircular(db: Db, id: string): Promise<CircularDetail> {
  const r = await db
    .selectFrom('platform.inspection_circulars')
    .select(columns)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!r) throw notFound('通报');
  return toDetail(r);
}

export async function cityCirculars(db: Db): Promise<CircularItem[]> {
  const rows = await db
    .selectFrom('platform.inspection_circulars')
    .select(columns)
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map(toDetail).map(({ body: _b, ...c }) => c);
}

// ---------------------------------------------------------------- tenants (RLS: published only)

export async function publishedCirculars(tdb: TenantDb): Promise<CircularItem[]> {
  const rows = await platformOf(tdb)
    .selectFrom('platform.inspection_circulars')
    .select(columns)
    .where('status', '=', 'published')
    .orderBy('published_at', 'desc')
    .execute();
  return rows.map(toDetail).map(({ body: _b, ...c }) => c);
}

export async function publishedCircular(tdb: TenantDb, id: string): Promise<CircularDetail> {
  const r = await platformOf(tdb)
    .selectFrom('platform.inspection_circulars')
    .select(columns)
    .where('id', '=', id)
    .where('status', '=', 'published')
    .executeTakeFirst();
  if (!r) throw notFound('通报');
  return toDetail(r);
}
