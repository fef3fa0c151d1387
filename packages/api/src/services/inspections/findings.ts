/**
 * SUP-1 findings, the city's side: inspectors on the plan's team (and city_admin) record findings
 * about a target organisation; the city reviews answers (销号 or 退回). The plan detail gathers
 * team, targets, findings and circulars.
 */
import {
  canMoveFinding,
  defaultRectificationDeadline,
  type FindingSeverity,
  type FindingStatus,
  findingOverdue,
  type InspectionMethod,
  type InspectionSector,
  todayInShanghai,
} from '@tuanjian/domain';
import { notFound } from '../../errors';
import { ruleOn } from '../development/rules';
import { badInput, invalidState } from './common';
import { assertEvidenceOfTenant, type EvidenceFile, evidenceOfTenant, tenantById } from './files';
import { assertPlanVisible, type CityActor, type Db, listPlans, type PlanItem } from './plans';

export interface FindingItem {
  id: string;
  planId: string;
  targetId: string;
  tenantId: string;
  tenantName: string;
  orgId: string;
  orgName: string;
  method: InspectionMethod;
  severity: FindingSeverity;
  description: string;
  requirement: string | null;
  inspectedOn: string;
  deadline: string;
  status: FindingStatus;
  overdue: boolean;
  reviewNote: string | null;
  answeredAt: Date | null;
  closedAt: Date | null;
  evidenceCount: number;
}

export interface AnswerItem {
  id: string;
  body: string;
  answeredByName: string;
  answeredAt: Date;
  files: EvidenceFile[];
}

export interface FindingDetail extends FindingItem {
  evidence: EvidenceFile[];
  answers: AnswerItem[];
  planTitle: string;
}

type FindingRow = {
  id: string;
  plan_id: string;
  target_id: string;
  tenant_id: string;
  org_id: string;
  org_name: string;
  method: string;
  severity: string;
  description: string;
  requirement: string | null;
  inspected_on: string;
  deadline: string;
  status: string;
  review_note: string | null;
  answered_at: Date | null;
  closed_at: Date | null;
  evidence_file_ids: string[];
};

export function toFindingItem(r: FindingRow, tenantName: string, today: string): FindingItem {
  const status = r.status as FindingStatus;
  return {
    id: r.id,
    planId: r.plan_id,
    targetId: r.target_id,
    tenantId: r.tenant_id,
    tenantName,
    orgId: r.org_id,
    orgName: r.org_name,
    method: r.method as InspectionMethod,
    severity: r.severity as FindingSeverity,
    description: r.description,
    requirement: r.requirement,
    inspectedOn: r.inspected_on,
    deadline: r.deadline,
    status,
    overdue: findingOverdue({ status, deadline: r.deadline }, today),
    reviewNote: r.review_note,
    answeredAt: r.answered_at,
    closedAt: r.closed_at,
    evidenceCount: r.evidence_file_ids.length,
  };
}

export const findingColumns = [
  'f.id',
  'f.plan_id',
  'f.target_id',
  'f.tenant_id',
  'f.org_id',
  'f.org_name',
  'f.method',
  'f.severity',
  'f.description',
  'f.requirement',
  'f.inspected_on',
  'f.deadline',
  'f.status',
  'f.review_note',
  'f.answered_at',
  'f.closed_at',
  'f.evidence_file_ids',
] as const;

export interface PlanDetail extends PlanItem {
  team: { userId: string; username: string; displayName: string; isLeader: boolean }[];
  targets: {
    id: string;
    tenantId: string;
    tenantName: string;
    orgId: string;
    orgName: string;
    orgKind: string;
    sector: InspectionSector;
    findingCount: number;
  }[];
  findings: FindingItem[];
  circulars: {
    id: string;
    title: string;
    docNumber: string | null;
    status: 'draft' | 'published';
    publishedOn: string | null;
  }[];
  canManage: boolean;
  canRecord: boolean;
}

export async function planDetail(db: Db, actor: CityActor, planId: string, now: Date): Promise<PlanDetail> {
  await assertPlanVisible(db, actor, planId);
  const plans = await listPlans(db, { userId: actor.userId, role: 'city_admin' }, {}, now);
  const plan = plans.find((p) => p.id === planId);
  if (!plan) throw notFound('督导检查计划');
  const today = todayInShanghai(now);
  const [team, targets, findings, circulars] = await Promise.all([
    db
      .selectFrom('platform.inspection_team_members as m')
      .innerJoin('platform.users as u', 'u.id', 'm.user_id')
      .select(['m.user_id', 'u.username', 'u.display_name', 'm.is_leader'])
      .where('m.plan_id', '=', planId)
      .orderBy('m.is_leader', 'desc')
      .orderBy('u.username')
      .execute(),
    db
      .selectFrom('platform.inspection_targets as t')
      .innerJoin('platform.tenants as tn', 'tn.id', 't.tenant_id')
      .select([
        't.id',
        't.tenant_id',
        'tn.name as tenant_name',
        't.org_id',
        't.org_name',
        't.org_kind',
        't.sector',
      ])
      .where('t.plan_id', '=', planId)
      .orderBy('tn.sort_order')
      .orderBy('t.added_at')
      .execute(),
    db
      .selectFrom('platform.inspection_findings as f')
      .innerJoin('platform.tenants as tn', 'tn.id', 'f.tenant_id')
      .select([...findingColumns, 'tn.name as tenant_name'])
      .where('f.plan_id', '=', planId)
      .orderBy('f.inspected_on')
      .orderBy('f.created_at')
      .execute(),
    db
      .selectFrom('platform.inspection_circulars')
      .select(['id', 'title', 'doc_number', 'status', 'published_on'])
      .where('plan_id', '=', planId)
      .orderBy('created_at')
      .execute(),
  ]);
  const isMember = team.some((m) => m.user_id === actor.userId);
  return {
    ...plan,
    team: team.map((m) => ({
      userId: m.user_id,
      username: m.username,
      displayName: m.display_name,
      isLeader: m.is_leader,
    })),
    targets: targets.map((t) => ({
      id: t.id,
      tenantId: t.tenant_id,
      tenantName: t.tenant_name,
      orgId: t.org_id,
      orgName: t.org_name,
      orgKind: t.org_kind,
      sector: t.sector as InspectionSector,
      findingCount: findings.filter((f) => f.target_id === t.id).length,
    })),
    findings: findings.map((f) => toFindingItem(f, f.tenant_name, today)),
    circulars: circulars.map((c) => ({
      id: c.id,
      title: c.title,
      docNumber: c.doc_number,
      status: c.status as 'draft' | 'published',
      publishedOn: c.published_on,
    })),
    canManage: actor.role === 'city_admin',
    canRecord: plan.status !== 'closed' && (actor.role === 'city_admin' || isMember),
  };
}

/** The target of a plan the actor may record findings for (team member or city_admin; plan not closed). */
export async function recordableTarget(db: Db, actor: CityActor, targetId: string) {
  const target = await db
    .selectFrom('platform.inspection_targets as t')
    .innerJoin('platform.inspection_plans as p', 'p.id', 't.plan_id')
    .select([
      't.id',
      't.plan_id',
      't.tenant_id',
      't.org_id',
      't.org_name',
      'p.status',
      'p.starts_on',
      'p.ends_on',
    ])
    .where('t.id', '=', targetId)
    .executeTakeFirst();
  if (!target) throw notFound('检查对象');
  await assertPlanVisible(db, actor, target.plan_id);
  if (target.status === 'closed') throw invalidState('本次督导检查已结束，不能再记录问题');
  return target;
}

export interface FindingInput {
  targetId: string;
  method: InspectionMethod;
  severity: FindingSeverity;
  description: string;
  requirement?: string | null | undefined;
  inspectedOn?: string | undefined;
  deadline?: string | undefined;
  evidenceFileIds: string[];
}

export async function recordFinding(
  db: Db,
  actor: CityActor,
  input: FindingInput,
  now: Date,
): Promise<{ id: string }> {
  const target = await recordableTarget(db, actor, input.targetId);
  const today = todayInShanghai(now);
  const inspectedOn = input.inspectedOn ?? today;
  if (inspectedOn > today) throw badInput('检查日期不能晚于今天');
  const rule = await ruleOn(db, 'inspection.findings', inspectedOn);
  const deadline = input.deadline ?? defaultRectificationDeadline(inspectedOn, rule);
  if (deadline < inspectedOn) throw badInput('整改期限不能早于检查日期');
  const tenant = await tenantById(db, target.tenant_id);
  await assertEvidenceOfTenant(db, tenant, input.evidenceFileIds);
  const row = await db
    .insertInto('platform.inspection_findings')
    .values({
      plan_id: target.plan_id,
      target_id: target.id,
      tenant_id: target.tenant_id,
      org_id: target.org_id,
      org_name: target.org_name,
      method: input.method,
      severity: input.severity,
      description: input.description,
      requirement: input.requirement ?? null,
      evidence_file_ids: input.evidenceFileIds,
      inspected_on: inspectedOn,
      deadline,
      recorded_by: actor.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (
    (
      await db
        .selectFrom('platform.inspection_plans')
        .select('status')
        .where('id', '=', target.plan_id)
        .executeTakeFirst()
    )?.status === 'draft'
  ) {
    await db
      .updateTable('platform.inspection_plans')
      .set({ status: 'active', updated_at: now })
      .where('id', '=', target.plan_id)
      .execute();
  }
  return row;
}

export async function findingDetailForCity(
  db: Db,
  actor: CityActor,
  id: string,
  now: Date,
): Promise<FindingDetail> {
  const f = await db
    .selectFrom('platform.inspection_findings as f')
    .innerJoin('platform.tenants as tn', 'tn.id', 'f.tenant_id')
    .innerJoin('platform.inspection_plans as p', 'p.id', 'f.plan_id')
    .select([...findingColumns, 'tn.name as tenant_name', 'p.title as plan_title'])
    .where('f.id', '=', id)
    .executeTakeFirst();
  if (!f) throw notFound('检查发现的问题');
  await assertPlanVisible(db, actor, f.plan_id);
  const tenant = await tenantById(db, f.tenant_id);
  const answers = await db
    .selectFrom('platform.inspection_answers')
    .selectAll()
    .where('finding_id', '=', id)
    .orderBy('answered_at')
    .execute();
  const evidence = await evidenceOfTenant(db, tenant, f.evidence_file_ids);
  const answerItems: AnswerItem[] = [];
  for (const a of answers) {
    answerItems.push({
      id: a.id,
      body: a.body,
      answeredByName: a.answered_by_name,
      answeredAt: a.answered_at,
      files: await evidenceOfTenant(db, tenant, a.file_ids),
    });
  }
  return {
    ...toFindingItem(f, f.tenant_name, todayInShanghai(now)),
    planTitle: f.plan_title,
    evidence,
    answers: answerItems,
  };
}

/** The city closes (销号) an answered finding, or returns it for another answer. */
export async function reviewFinding(
  db: Db,
  input: { id: string; decision: 'close' | 'return'; note?: string | null | undefined },
  now: Date,
): Promise<{ status: FindingStatus }> {
  const f = await db
    .selectFrom('platform.inspection_findings')
    .select(['status'])
    .where('id', '=', input.id)
    .forUpdate()
    .executeTakeFirst();
  if (!f) throw notFound('检查发现的问题');
  const to: FindingStatus = input.decision === 'close' ? 'closed' : 'returned';
  if (!canMoveFinding(f.status as FindingStatus, to)) throw invalidState('只有已答复的问题可以销号或退回');
  if (to === 'returned' && !input.note?.trim()) throw badInput('退回重新整改时请写明原因');
  await db
    .updateTable('platform.inspection_findings')
    .set({
      status: to,
      review_note: input.note ?? null,
      closed_at: to === 'closed' ? now : null,
      updated_at: now,
    })
    .where('id', '=', input.id)
    .execute();
  return { status: to };
}
