/**
 * RECT-1…RECT-5 整理整顿 (district tenants). See `@tuanjian/domain` rectification for the rules
 * (scores, the bottom cut with ties included, the two-round rule) and the migration for the tables.
 *
 * Who does what (scope rules):
 * - a superior = district_admin (whole tenant) or an org_secretary of a 团委 / 团工委 / 团总支: opens
 *   the year's round for the branches under it, gives 上级点 for a branch in its subtree (not its own
 *   organisation), assigns peers, ranks, publishes the bottom share into the ledger, confirms tasks
 *   (对账销号), records 通报 / 约谈, decides the acceptance;
 * - a branch secretary (org_secretary whose scope is the branch): 支部查 of its own branch, 互相评 of
 *   the branches it was assigned to, its own task list and evidence;
 * - a member: 团员提 of its own branch, once per year, anonymous — the input stores no member; the member
 *   is kept only as a one-way key in `health_check_member_receipts` (no link to the input, no time),
 *   and no procedure reads that table back beyond "have I submitted".
 */
import { createHash } from 'node:crypto';
import type { Organisation } from '@tuanjian/db';
import {
  type AcceptanceResult,
  acceptanceResultLabel,
  type BottomShareRule,
  checklistItems,
  type HealthCheckSource,
  healthCheckSourceLabel,
  type ImprovementRule,
  inputScore,
  needsAdjustmentProposal,
  overallScore,
  type ProposalKind,
  type RectificationChecklist,
  type RectificationTaskStatus,
  type RectificationWarningKind,
  rankWithBottomCut,
  rectificationTaskStatusLabel,
  rectificationWarningKindLabel,
  roundsWithoutMarkedImprovement,
  type SourceWeights,
  sourceScore,
  todayInShanghai,
  validateGrades,
  type YearScore,
} from '@tuanjian/domain';
import { sql } from 'kysely';
import type { AuditRecorder } from '../../audit';
import { appError, forbiddenRole, forbiddenScope, notFound } from '../../errors';
import { buildLedgerWorkbook, type LedgerExportFile } from '../excel';
import { assertFilesUsable, fileUrls } from '../files';
import { applyPendingVisits } from '../instructors/apply';
import { createProposal } from '../org/proposals';
import { orgRuleInForce } from '../org/rule-data';
import { getOrgInScope } from '../organisations';
import { escapeLike, pathInScope, type Scope, type TenantDb } from '../scope';

const invalid = (message: string) => appError('PRECONDITION_FAILED', 'INVALID_STATE', message);
const ruleDate = (year: number) => `${year}-12-31`;

export async function rulesFor(tdb: TenantDb, year: number) {
  const [checklist, sources, bottom, improvement] = await Promise.all([
    orgRuleInForce<RectificationChecklist>(tdb, 'rectification.checklist', ruleDate(year)),
    orgRuleInForce<SourceWeights>(tdb, 'rectification.sources', ruleDate(year)),
    orgRuleInForce<BottomShareRule>(tdb, 'rectification.bottomShare', ruleDate(year)),
    orgRuleInForce<ImprovementRule>(tdb, 'rectification.improvement', ruleDate(year)),
  ]);
  return { checklist, sources, bottom, improvement };
}

/** The checklist, grades and weights in force for a year (forms show them). */
export async function checklistFor(tdb: TenantDb, year: number) {
  const r = await rulesFor(tdb, year);
  return {
    year,
    checklist: r.checklist.value,
    checklistSource: r.checklist.source,
    checklistVersion: r.checklist.version,
    sourceWeights: r.sources.value.weights,
    sources: (Object.keys(healthCheckSourceLabel) as HealthCheckSource[]).map((s) => ({
      key: s,
      label: healthCheckSourceLabel[s],
      weight: r.sources.value.weights[s],
    })),
    bottomPercent: r.bottom.value.bottomPercent,
    improvement: r.improvement.value,
  };
}

function assertSuperior(scope: Scope): void {
  if (scope.role === 'district_admin') return;
  if (
    scope.role === 'org_secretary' &&
    scope.org &&
    scope.org.kind !== 'branch' &&
    scope.org.kind !== 'group'
  )
    return;
  throw forbiddenRole('此操作须由上级团组织（团委、团工委、团总支或区县团委管理员）进行');
}

/** A branch the superior may judge: in its subtree and not its own organisation. */
async function branchUnderSuperior(tdb: TenantDb, scope: Scope, orgId: string): Promise<Organisation> {
  assertSuperior(scope);
  const org = await getOrgInScope(tdb, scope, orgId, '团支部');
  if (scope.org && org.id === scope.org.id)
    throw forbiddenScope('不能评价或验收本人所在的组织，请由上级组织进行');
  return org;
}

/** The superior organisation a round / ranking is for: input, else the scope org, else the tenant root. */
async function superiorOrg(tdb: TenantDb, scope: Scope, orgId: string | undefined): Promise<Organisation> {
  assertSuperior(scope);
  if (orgId) {
    const org = await getOrgInScope(tdb, scope, orgId, '上级组织');
    if (org.kind === 'branch' || org.kind === 'group')
      throw invalid('请选择团委、团工委或团总支作为上级组织');
    return org;
  }
  if (scope.org) return getOrgInScope(tdb, scope, scope.org.id, '上级组织');
  const roots = await tdb
    .selectFrom('organisations')
    .selectAll()
    .where('parent_id', 'is', null)
    .where('status', '=', 'active')
    .execute();
  if (roots.length !== 1) throw invalid('请选择上级组织');
  return roots[0] as Organisation;
}

async function loadCheck(tdb: TenantDb, id: string, lock = false) {
  let q = tdb
    .selectFrom('health_checks as h')
    .innerJoin('organisations as o', 'o.id', 'h.org_id')
    .selectAll('h')
    .select(['o.name as org_name', 'o.path as org_path']);
  if (lock) q = q.forUpdate('h');
  const row = await q.where('h.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('体检记录');
  return row;
}
type CheckRow = Awaited<ReturnType<typeof loadCheck>>;

// ---------------------------------------------------------------- rounds

export async function openRound(
  tdb: TenantDb,
  scope: Scope,
  user: { id: string },
  input: { year: number; superiorOrgId?: string },
) {
  const sup = await superiorOrg(tdb, scope, input.superiorOrgId);
  const r = await rulesFor(tdb, input.year);
  const branches = await tdb
    .selectFrom('organisations')
    .select('id')
    .where('kind', '=', 'branch')
    .where('status', '=', 'active')
    .where('path', 'like', `${escapeLike(sup.path)}%`)
    .where('id', '<>', sup.id)
    .execute();
  if (branches.length === 0) throw invalid(`“${sup.name}”下没有团支部`);
  const inserted = await tdb
    .insertInto('health_checks')
    .values(
      branches.map((b) => ({
        org_id: b.id,
        superior_org_id: sup.id,
        year: input.year,
        checklist_version: r.checklist.version,
        sources_version: r.sources.version,
        opened_by: user.id,
      })),
    )
    .onConflict((oc) => oc.columns(['org_id', 'year']).doNothing())
    .returning('id')
    .execute();
  // ORG-7: visits of 基层团建指导员 kept as 待计入 become 上级点 inputs of the checks just opened
  if (inserted.length > 0)
    await applyPendingVisits(tdb, scope.tenant.id, { orgIds: branches.map((b) => b.id), year: input.year });
  return {
    superiorOrgId: sup.id,
    superiorName: sup.name,
    year: input.year,
    branches: branches.length,
    opened: inserted.length,
  };
}

// ---------------------------------------------------------------- inputs

async function recompute(tdb: TenantDb, check: CheckRow): Promise<void> {
  const r = await rulesFor(tdb, check.year);
  const inputs = await tdb
    .selectFrom('health_check_inputs')
    .select(['source', 'score'])
    .where('health_check_id', '=', check.id)
    .execute();
  const by = (s: HealthCheckSource) => sourceScore(inputs.filter((i) => i.source === s).map((i) => i.score));
  const scores = { member: by('member'), self: by('self'), superior: by('superior'), peer: by('peer') };
  await tdb
    .updateTable('health_checks')
    .set({
      score_member: scores.member,
      score_self: scores.self,
      score_superior: scores.superior,
      score_peer: scores.peer,
      overall: overallScore(scores, r.sources.value),
      member_input_count: inputs.filter((i) => i.source === 'member').length,
      updated_at: sql`now()`,
    })
    .where('id', '=', check.id)
    .execute();
}

function memberKey(checkId: string, memberId: string): string {
  return createHash('sha256').update(`health-check:${checkId}:member:${memberId}`).digest('hex');
}

export interface SubmitInput {
  healthCheckId: string;
  source: HealthCheckSource;
  grades: Record<string, string>;
  notes?: string | null;
  /** 互相评 recorded by the district admin for an assigned peer branch (e.g. from a paper form). */
  byOrgId?: string | null;
}

export async function submitInput(tdb: TenantDb, scope: Scope, user: { id: string }, input: SubmitInput) {
  const check = await loadCheck(tdb, input.healthCheckId, true);
  if (check.status !== 'open') throw invalid('本轮体检已结束，不能再提交评价');
  const r = await rulesFor(tdb, check.year);
  const problem = validateGrades(r.checklist.value, input.grades);
  if (problem) throw appError('BAD_REQUEST', 'INVALID_INPUT', problem);
  const score = inputScore(r.checklist.value, input.grades) ?? 0;
  const values = {
    health_check_id: check.id,
    source: input.source,
    grades: JSON.stringify(input.grades),
    score,
    notes: input.notes?.trim() || null,
  };
  switch (input.source) {
    case 'member': {
      if (scope.role !== 'member' || !scope.memberId || !scope.org)
        throw forbiddenRole('团员提只能由团员本人在小程序提交');
      if (scope.org.id !== check.org_id) throw forbiddenScope('只能评价本人所在的团支部');
      const receipt = await tdb
        .insertInto('health_check_member_receipts')
        .values({ health_check_id: check.id, member_key: memberKey(check.id, scope.memberId) })
        .onConflict((oc) => oc.doNothing())
        .returning('member_key')
        .executeTakeFirst();
      if (!receipt)
        throw appError('CONFLICT', 'CONFLICT', '您已提交过本年度对本团支部的评价，每人只能提交一次');
      await tdb
        .insertInto('health_check_inputs')
        .values({ ...values, by_org_id: null, submitted_by: null })
        .execute();
      break;
    }
    case 'self': {
      // the branch's own secretary, or the district admin recording it for the branch (代录)
      if (
        scope.role !== 'district_admin' &&
        (scope.role !== 'org_secretary' || scope.org?.id !== check.org_id)
      )
        throw forbiddenRole('支部查须由本团支部书记提交（或由区县团委管理员代录）');
      await upsertOrgInput(tdb, check.id, 'self', check.org_id, user.id, values);
      break;
    }
    case 'superior': {
      await branchUnderSuperior(tdb, scope, check.org_id);
      await upsertOrgInput(
        tdb,
        check.id,
        'superior',
        scope.org?.id ?? check.superior_org_id,
        user.id,
        values,
      );
      break;
    }
    case 'peer': {
      let byOrgId: string;
      if (scope.role === 'district_admin') {
        if (!input.byOrgId) throw appError('BAD_REQUEST', 'INVALID_INPUT', '请选择代录哪个互评团支部的评价');
        byOrgId = input.byOrgId;
      } else if (scope.role === 'org_secretary' && scope.org) {
        if (input.byOrgId && input.byOrgId !== scope.org.id)
          throw forbiddenRole('只能以本团支部的名义提交互相评');
        byOrgId = scope.org.id;
      } else throw forbiddenRole('互相评须由被指定的团支部书记提交');
      const assigned = await tdb
        .selectFrom('health_check_peers')
        .select('peer_org_id')
        .where('health_check_id', '=', check.id)
        .where('peer_org_id', '=', byOrgId)
        .executeTakeFirst();
      if (!assigned)
        throw forbiddenScope(
          scope.role === 'district_admin'
            ? '上级未指定该团支部评价此团支部'
            : '上级未指定您所在的团支部评价该团支部',
        );
      await upsertOrgInput(tdb, check.id, 'peer', byOrgId, user.id, values);
      break;
    }
  }
  await recompute(tdb, check);
  // members and peers see their own submission only, never the branch's other inputs or scores
  if (input.source === 'member' || input.source === 'peer') {
    return {
      id: check.id,
      orgId: check.org_id,
      orgName: check.org_name,
      source: input.source,
      score,
      detail: null,
    };
  }
  return {
    id: check.id,
    orgId: check.org_id,
    orgName: check.org_name,
    source: input.source,
    score,
    detail: await getCheck(tdb, scope, check.id),
  };
}

async function upsertOrgInput(
  tdb: TenantDb,
  checkId: string,
  source: 'self' | 'superior' | 'peer',
  byOrgId: string,
  userId: string,
  values: {
    grades: string;
    score: number;
    notes: string | null;
    health_check_id: string;
    source: HealthCheckSource;
  },
) {
  let q = tdb
    .selectFrom('health_check_inputs')
    .select('id')
    .where('health_check_id', '=', checkId)
    .where('source', '=', source)
    // a 上级点 from an instructor's visit sits beside the superior organisation's own
    .where('instructor_visit_id', 'is', null);
  if (source === 'peer') q = q.where('by_org_id', '=', byOrgId);
  const existing = await q.executeTakeFirst();
  if (existing) {
    await tdb
      .updateTable('health_check_inputs')
      .set({
        grades: values.grades,
        score: values.score,
        notes: values.notes,
        by_org_id: byOrgId,
        submitted_by: userId,
        updated_at: sql`now()`,
      })
      .where('id', '=', existing.id)
      .execute();
  } else {
    await tdb
      .insertInto('health_check_inputs')
      .values({ ...values, by_org_id: byOrgId, submitted_by: userId })
      .execute();
  }
}

/**
 * ORG-7: a 基层团建指导员's visit as a 上级点 input of an open health check (one input per visit; the
 * superior organisation's own 上级点 is kept beside it and the source score is their mean). Grades of
 * items the year's checklist does not know are dropped; false when nothing gradable is left or the
 * check is not open.
 */
export async function addInstructorInput(
  tdb: TenantDb,
  input: {
    healthCheckId: string;
    visitId: string;
    grades: Record<string, string>;
    notes: string;
    submittedBy: string;
  },
): Promise<boolean> {
  const check = await loadCheck(tdb, input.healthCheckId, true);
  if (check.status !== 'open') return false;
  const r = await rulesFor(tdb, check.year);
  const score = inputScore(r.checklist.value, input.grades);
  if (score === null) return false;
  const done = await tdb
    .selectFrom('health_check_inputs')
    .select('id')
    .where('instructor_visit_id', '=', input.visitId)
    .executeTakeFirst();
  if (!done) {
    await tdb
      .insertInto('health_check_inputs')
      .values({
        health_check_id: check.id,
        source: 'superior',
        grades: JSON.stringify(input.grades),
        score,
        notes: input.notes,
        by_org_id: null,
        submitted_by: input.submittedBy,
        instructor_visit_id: input.visitId,
      })
      .execute();
    await recompute(tdb, check);
  }
  return true;
}

export async function assignPeers(
  tdb: TenantDb,
  scope: Scope,
  user: { id: string },
  input: { healthCheckId: string; peerOrgIds: string[] },
) {
  const check = await loadCheck(tdb, input.healthCheckId);
  await branchUnderSuperior(tdb, scope, check.org_id);
  const ids = [...new Set(input.peerOrgIds)];
  for (const id of ids) {
    if (id === check.org_id) throw invalid('不能指定团支部评价自己');
    const org = await getOrgInScope(tdb, scope, id, '互评团支部');
    if (org.kind !== 'branch' || org.status !== 'active')
      throw invalid(`“${org.name}”不是正常的团支部，不能参加互相评`);
  }
  await tdb.deleteFrom('health_check_peers').where('health_check_id', '=', check.id).execute();
  if (ids.length > 0) {
    await tdb
      .insertInto('health_check_peers')
      .values(ids.map((id) => ({ health_check_id: check.id, peer_org_id: id, assigned_by: user.id })))
      .execute();
  }
  return getCheck(tdb, scope, check.id);
}

/** A health check as its branch secretary or a superior sees it: scores, inputs (member inputs anonymous). */
export async function getCheck(tdb: TenantDb, scope: Scope, id: string) {
  const check = await loadCheck(tdb, id);
  if (scope.role === 'member' || !pathInScope(scope, check.org_path)) throw notFound('体检记录');
  const inputs = await tdb
    .selectFrom('health_check_inputs as i')
    .leftJoin('organisations as o', 'o.id', 'i.by_org_id')
    .select([
      'i.id',
      'i.source',
      'i.grades',
      'i.score',
      'i.notes',
      'i.instructor_visit_id',
      'o.name as by_org_name',
    ])
    // member inputs carry no time and are ordered by their random id, so order reveals nothing
    .orderBy('i.source')
    .orderBy('i.id')
    .where('i.health_check_id', '=', id)
    .execute();
  const peers = await tdb
    .selectFrom('health_check_peers as p')
    .innerJoin('organisations as o', 'o.id', 'p.peer_org_id')
    .select(['o.id', 'o.name'])
    .where('p.health_check_id', '=', id)
    .orderBy('o.name')
    .execute();
  return {
    ...checkItem(check),
    peers,
    inputs: inputs.map((i) => ({
      id: i.id,
      source: i.source,
      sourceLabel:
        i.instructor_visit_id === null
          ? healthCheckSourceLabel[i.source]
          : `${healthCheckSourceLabel[i.source]}（基层团建指导员走访）`,
      instructorVisitId: i.instructor_visit_id,
      grades: (typeof i.grades === 'string' ? JSON.parse(i.grades) : i.grades) as Record<string, string>,
      score: i.score,
      notes: i.notes,
      byOrgName: i.source === 'member' ? null : i.by_org_name,
    })),
  };
}

function checkItem(c: CheckRow) {
  return {
    id: c.id,
    orgId: c.org_id,
    orgName: c.org_name,
    superiorOrgId: c.superior_org_id,
    year: c.year,
    status: c.status,
    scores: { member: c.score_member, self: c.score_self, superior: c.score_superior, peer: c.score_peer },
    overall: c.overall,
    memberInputCount: c.member_input_count,
  };
}

/** What the caller may submit this year: own branch (member / self), assigned peers, subtree (superior). */
export async function myForms(tdb: TenantDb, scope: Scope, input: { year: number }) {
  const base = tdb
    .selectFrom('health_checks as h')
    .innerJoin('organisations as o', 'o.id', 'h.org_id')
    .select(['h.id', 'h.org_id', 'o.name as org_name', 'h.status', 'h.overall'])
    .where('h.year', '=', input.year);
  if (scope.role === 'member') {
    if (!scope.org || !scope.memberId) return { member: null, self: null, peers: [] };
    const c = await base.where('h.org_id', '=', scope.org.id).executeTakeFirst();
    if (!c) return { member: null, self: null, peers: [] };
    const receipt = await tdb
      .selectFrom('health_check_member_receipts')
      .select('member_key')
      .where('health_check_id', '=', c.id)
      .where('member_key', '=', memberKey(c.id, scope.memberId))
      .executeTakeFirst();
    return {
      member: { id: c.id, orgName: c.org_name, status: c.status, submitted: Boolean(receipt) },
      self: null,
      peers: [],
    };
  }
  if (scope.role !== 'org_secretary' || !scope.org) return { member: null, self: null, peers: [] };
  const own = await base.where('h.org_id', '=', scope.org.id).executeTakeFirst();
  let selfSubmitted = false;
  if (own) {
    selfSubmitted = Boolean(
      await tdb
        .selectFrom('health_check_inputs')
        .select('id')
        .where('health_check_id', '=', own.id)
        .where('source', '=', 'self')
        .executeTakeFirst(),
    );
  }
  const peerRows = await base
    .innerJoin('health_check_peers as p', 'p.health_check_id', 'h.id')
    .where('p.peer_org_id', '=', scope.org.id)
    .execute();
  const peerDone = new Set(
    (
      await tdb
        .selectFrom('health_check_inputs')
        .select('health_check_id')
        .where('source', '=', 'peer')
        .where('by_org_id', '=', scope.org.id)
        .execute()
    ).map((r) => r.health_check_id),
  );
  return {
    member: null,
    self: own ? { id: own.id, orgName: own.org_name, status: own.status, submitted: selfSubmitted } : null,
    peers: peerRows.map((p) => ({
      id: p.id,
      orgName: p.org_name,
      status: p.status,
      submitted: peerDone.has(p.id),
    })),
  };
}

// ---------------------------------------------------------------- ranking and the ledger

export async function ranking(tdb: TenantDb, scope: Scope, input: { year: number; superiorOrgId?: string }) {
  const sup = await superiorOrg(tdb, scope, input.superiorOrgId);
  const r = await rulesFor(tdb, input.year);
  const rows = await tdb
    .selectFrom('health_checks as h')
    .innerJoin('organisations as o', 'o.id', 'h.org_id')
    .leftJoin('key_rectifications as k', (j) =>
      j.onRef('k.org_id', '=', 'h.org_id').onRef('k.year', '=', 'h.year'),
    )
    .selectAll('h')
    .select(['o.name as org_name', 'o.path as org_path', 'k.id as key_id'])
    .where('h.year', '=', input.year)
    .where('o.path', 'like', `${escapeLike(sup.path)}%`)
    .where('h.org_id', '<>', sup.id)
    .orderBy('o.path')
    .execute();
  const ranked = rankWithBottomCut(rows, (x) => x.overall, r.bottom.value);
  const byId = new Map(ranked.map((x) => [x.item.id, x]));
  return {
    year: input.year,
    superiorOrgId: sup.id,
    superiorName: sup.name,
    bottomPercent: r.bottom.value.bottomPercent,
    bottomSource: r.bottom.source,
    ranked: ranked.length,
    cutCount: ranked.filter((x) => x.inCut).length,
    published: rows.some((x) => x.key_id !== null),
    rows: [...rows]
      .sort(
        (a, b) =>
          (byId.get(a.id)?.rank ?? 1e9) - (byId.get(b.id)?.rank ?? 1e9) ||
          a.org_path.localeCompare(b.org_path),
      )
      .map((x) => ({
        ...checkItem(x),
        rank: byId.get(x.id)?.rank ?? null,
        inCut: byId.get(x.id)?.inCut ?? false,
        keyTarget: x.key_id !== null,
      })),
  };
}

/** Publish the bottom share (and last year's unfinished entries, carried over) into the ledger. */
export async function publishKeyList(
  tdb: TenantDb,
  scope: Scope,
  user: { id: string },
  input: { year: number; superiorOrgId?: string },
) {
  const rk = await ranking(tdb, scope, input);
  const cut = rk.rows.filter((x) => x.inCut);
  if (rk.ranked === 0) throw invalid('本年度尚无已评分的体检，不能公布重点整顿对象');
  let added = 0;
  for (const x of cut) {
    const res = await tdb
      .insertInto('key_rectifications')
      .values({
        org_id: x.orgId,
        superior_org_id: rk.superiorOrgId,
        year: input.year,
        health_check_id: x.id,
        overall: x.overall,
        rank: x.rank,
        reason: `体检总分${x.overall}分，排名第${x.rank}/${rk.ranked}，列入后${rk.bottomPercent}%`,
        created_by: user.id,
      })
      .onConflict((oc) => oc.columns(['org_id', 'year']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (res) added++;
  }
  // RECT-4: last year's entries not closed are carried into this year's list.
  const sup = await getOrgInScope(tdb, scope, rk.superiorOrgId, '上级组织');
  const open = await tdb
    .selectFrom('key_rectifications as k')
    .innerJoin('organisations as o', 'o.id', 'k.org_id')
    .leftJoin('health_checks as h', (j) => j.onRef('h.org_id', '=', 'k.org_id').on('h.year', '=', input.year))
    .select(['k.id', 'k.org_id', 'h.id as check_id', 'h.overall', 'o.status'])
    .where('k.year', '=', input.year - 1)
    .where('k.status', '=', 'open')
    .where('o.path', 'like', `${escapeLike(sup.path)}%`)
    .execute();
  let carried = 0;
  for (const k of open) {
    if (k.status !== 'active') continue;
    const rankRow = rk.rows.find((x) => x.orgId === k.org_id);
    const res = await tdb
      .insertInto('key_rectifications')
      .values({
        org_id: k.org_id,
        superior_org_id: rk.superiorOrgId,
        year: input.year,
        health_check_id: k.check_id,
        overall: k.overall,
        rank: rankRow?.rank ?? null,
        reason: `${input.year - 1}年整顿未按期完成，结转本年度`,
        carried_from_id: k.id,
        created_by: user.id,
      })
      .onConflict((oc) => oc.columns(['org_id', 'year']).doUpdateSet({ carried_from_id: k.id }))
      .returning('id')
      .executeTakeFirst();
    if (res) carried++;
  }
  return { year: input.year, added, carried, cutCount: cut.length };
}

export interface LedgerRow {
  id: string;
  orgId: string;
  orgName: string;
  superiorName: string;
  year: number;
  overall: number | null;
  rank: number | null;
  reason: string;
  carried: boolean;
  status: 'open' | 'closed';
  statusLabel: string;
  tasksTotal: number;
  tasksConfirmed: number;
  warnings: number;
  acceptance: AcceptanceResult | null;
  acceptanceLabel: string | null;
  roundsWithoutImprovement: number;
  proposalDue: boolean;
  proposalId: string | null;
}

export async function ledger(
  tdb: TenantDb,
  scope: Scope,
  input: { year: number; superiorOrgId?: string },
): Promise<{ year: number; scopeName: string; rows: LedgerRow[] }> {
  if (scope.role === 'member') throw forbiddenRole('团员不能查看重点整顿台帐');
  const r = await rulesFor(tdb, input.year);
  let q = tdb
    .selectFrom('key_rectifications as k')
    .innerJoin('organisations as o', 'o.id', 'k.org_id')
    .innerJoin('organisations as s', 's.id', 'k.superior_org_id')
    .leftJoin('rectification_acceptances as a', (j) =>
      j.onRef('a.org_id', '=', 'k.org_id').onRef('a.year', '=', 'k.year'),
    )
    .select([
      'k.id',
      'k.org_id',
      'o.name as org_name',
      's.name as superior_name',
      'k.year',
      'k.overall',
      'k.rank',
      'k.reason',
      'k.carried_from_id',
      'k.status',
      'k.health_check_id',
      'k.proposal_id',
      'a.result',
    ])
    .where('k.year', '=', input.year)
    .orderBy('o.path');
  let scopeName = scope.tenant.name;
  if (input.superiorOrgId) {
    const sup = await getOrgInScope(tdb, scope, input.superiorOrgId, '上级组织');
    q = q.where('o.path', 'like', `${escapeLike(sup.path)}%`);
    scopeName = sup.name;
  } else if (scope.org) {
    q = q.where('o.path', 'like', `${escapeLike(scope.org.path)}%`);
    scopeName = scope.org.name;
  }
  const rows = await q.execute();
  const orgIds = rows.map((x) => x.org_id);
  const tasks = orgIds.length
    ? await tdb
        .selectFrom('rectification_tasks as t')
        .innerJoin('health_checks as h', 'h.id', 't.health_check_id')
        .select(['t.org_id', 't.status'])
        .where('h.year', '=', input.year)
        .where('t.org_id', 'in', orgIds)
        .execute()
    : [];
  const warnings = orgIds.length
    ? await tdb
        .selectFrom('rectification_warnings')
        .select('org_id')
        .where('year', '=', input.year)
        .where('org_id', 'in', orgIds)
        .execute()
    : [];
  const history = orgIds.length ? await historyOf(tdb, orgIds) : new Map<string, YearScore[]>();
  return {
    year: input.year,
    scopeName,
    rows: rows.map((x) => {
      const t = tasks.filter((y) => y.org_id === x.org_id);
      const h = (history.get(x.org_id) ?? []).filter((y) => y.year <= input.year);
      return {
        id: x.id,
        orgId: x.org_id,
        orgName: x.org_name,
        superiorName: x.superior_name,
        year: x.year,
        overall: x.overall,
        rank: x.rank,
        reason: x.reason,
        carried: x.carried_from_id !== null,
        status: x.status,
        statusLabel: x.status === 'closed' ? '已销号' : '整顿中',
        tasksTotal: t.length,
        tasksConfirmed: t.filter((y) => y.status === 'confirmed').length,
        warnings: warnings.filter((y) => y.org_id === x.org_id).length,
        acceptance: x.result ?? null,
        acceptanceLabel: x.result ? acceptanceResultLabel[x.result] : null,
        roundsWithoutImprovement: h.length ? roundsWithoutMarkedImprovement(h, r.improvement.value) : 0,
        proposalDue: needsAdjustmentProposal(h, r.improvement.value),
        proposalId: x.proposal_id,
      };
    }),
  };
}

async function historyOf(tdb: TenantDb, orgIds: string[]): Promise<Map<string, YearScore[]>> {
  const checks = await tdb
    .selectFrom('health_checks as h')
    .leftJoin('key_rectifications as k', (j) =>
      j.onRef('k.org_id', '=', 'h.org_id').onRef('k.year', '=', 'h.year'),
    )
    .select(['h.org_id', 'h.year', 'h.overall', 'k.id as key_id'])
    .where('h.org_id', 'in', orgIds)
    .execute();
  const m = new Map<string, YearScore[]>();
  for (const c of checks) {
    const list = m.get(c.org_id) ?? [];
    list.push({ year: c.year, overall: c.overall, keyTarget: c.key_id !== null });
    m.set(c.org_id, list);
  }
  return m;
}

export async function ledgerExport(
  tdb: TenantDb,
  scope: Scope,
  input: { year: number; superiorOrgId?: string },
  now: Date,
): Promise<LedgerExportFile> {
  const l = await ledger(tdb, scope, input);
  return buildLedgerWorkbook({
    name: '重点整顿团组织信息台帐',
    title: `${l.scopeName} ${l.year}年《重点整顿团组织信息台帐》`,
    scopeName: l.scopeName,
    filters: [`${l.year}年`],
    unit: '个团支部',
    rows: l.rows,
    now,
    columns: [
      { header: '团支部', width: 28, value: (x: LedgerRow) => x.orgName },
      { header: '上级组织', width: 24, value: (x) => x.superiorName },
      { header: '体检总分', kind: 'text', value: (x) => (x.overall === null ? '' : x.overall.toFixed(1)) },
      { header: '排名', kind: 'int', value: (x) => x.rank },
      { header: '列入原因', width: 36, value: (x) => x.reason },
      { header: '是否结转', kind: 'bool', value: (x) => x.carried },
      { header: '整改任务', kind: 'int', value: (x) => x.tasksTotal },
      { header: '已销号', kind: 'int', value: (x) => x.tasksConfirmed },
      { header: '通报约谈', kind: 'int', value: (x) => x.warnings },
      { header: '状态', value: (x) => x.statusLabel },
      { header: '考核验收', value: (x) => x.acceptanceLabel ?? '未验收' },
    ],
  });
}

/** Completion reported upward: per direct child organisation of the superior (and the total). */
export async function completion(
  tdb: TenantDb,
  scope: Scope,
  input: { year: number; superiorOrgId?: string },
) {
  const sup = await superiorOrg(tdb, scope, input.superiorOrgId);
  const children = await tdb
    .selectFrom('organisations')
    .select(['id', 'name', 'path', 'kind'])
    .where('parent_id', '=', sup.id)
    .orderBy('sort_order')
    .orderBy('name')
    .execute();
  const l = await ledger(tdb, scope, { year: input.year, superiorOrgId: sup.id });
  const paths = new Map(
    (
      await tdb
        .selectFrom('organisations')
        .select(['id', 'path'])
        .where('path', 'like', `${escapeLike(sup.path)}%`)
        .execute()
    ).map((o) => [o.id, o.path]),
  );
  const sum = (rows: LedgerRow[]) => ({
    keyTargets: rows.length,
    closed: rows.filter((x) => x.status === 'closed').length,
    tasksTotal: rows.reduce((a, x) => a + x.tasksTotal, 0),
    tasksConfirmed: rows.reduce((a, x) => a + x.tasksConfirmed, 0),
    accepted: rows.filter((x) => x.acceptance === 'passed').length,
  });
  return {
    year: input.year,
    superiorName: sup.name,
    total: sum(l.rows),
    children: children
      .map((c) => ({
        orgId: c.id,
        name: c.name,
        ...sum(l.rows.filter((x) => (paths.get(x.orgId) ?? '').startsWith(c.path))),
      }))
      .filter((c) => c.keyTargets > 0 || children.length <= 50),
  };
}

// ---------------------------------------------------------------- tasks (整改任务清单)

export interface TaskItem {
  id: string;
  healthCheckId: string;
  orgId: string;
  orgName: string;
  year: number;
  title: string;
  ownerName: string;
  deadline: string;
  evidence: string | null;
  evidenceFiles: ReturnType<typeof fileUrls>[];
  status: RectificationTaskStatus;
  statusLabel: string;
  overdue: boolean;
  confirmedAt: Date | null;
}

function taskQuery(tdb: TenantDb) {
  return tdb
    .selectFrom('rectification_tasks as t')
    .innerJoin('health_checks as h', 'h.id', 't.health_check_id')
    .innerJoin('organisations as o', 'o.id', 't.org_id')
    .selectAll('t')
    .select(['h.year', 'o.name as org_name', 'o.path as org_path']);
}
type TaskRow = Awaited<ReturnType<ReturnType<typeof taskQuery>['executeTakeFirstOrThrow']>>;

function taskItem(t: TaskRow, today: string): TaskItem {
  const deadline =
    typeof t.deadline === 'string' ? t.deadline : todayInShanghai(t.deadline as unknown as Date);
  return {
    id: t.id,
    healthCheckId: t.health_check_id,
    orgId: t.org_id,
    orgName: t.org_name,
    year: t.year,
    title: t.title,
    ownerName: t.owner_name,
    deadline,
    evidence: t.evidence,
    evidenceFiles: t.evidence_file_ids.map((id) => fileUrls(id)),
    status: t.status,
    statusLabel: rectificationTaskStatusLabel[t.status],
    overdue: (t.status === 'open' || t.status === 'overdue') && deadline < today,
    confirmedAt: t.confirmed_at,
  };
}

export async function listTasks(
  tdb: TenantDb,
  scope: Scope,
  input: { year: number; orgId?: string; status?: RectificationTaskStatus },
  now: Date,
): Promise<TaskItem[]> {
  if (scope.role === 'member') throw forbiddenRole('团员不能查看整改任务清单');
  let q = taskQuery(tdb).where('h.year', '=', input.year);
  if (scope.org) q = q.where('o.path', 'like', `${escapeLike(scope.org.path)}%`);
  if (input.orgId) q = q.where('t.org_id', '=', input.orgId);
  if (input.status) q = q.where('t.status', '=', input.status);
  const rows = await q.orderBy('o.path').orderBy('t.deadline').orderBy('t.created_at').execute();
  return rows.map((t) => taskItem(t, todayInShanghai(now)));
}

async function loadTask(tdb: TenantDb, scope: Scope, id: string) {
  const t = await taskQuery(tdb).where('t.id', '=', id).forUpdate('t').executeTakeFirst();
  if (!t || scope.role === 'member' || !pathInScope(scope, t.org_path)) throw notFound('整改任务');
  return t;
}

/** Superior or the branch's own secretary lists a task for a branch's health check. */
export async function createTask(
  tdb: TenantDb,
  scope: Scope,
  user: { id: string },
  input: { healthCheckId: string; title: string; ownerName: string; deadline: string },
  now: Date,
): Promise<TaskItem> {
  const check = await loadCheck(tdb, input.healthCheckId);
  if (scope.role === 'member' || !pathInScope(scope, check.org_path)) throw notFound('体检记录');
  const row = await tdb
    .insertInto('rectification_tasks')
    .values({
      health_check_id: check.id,
      org_id: check.org_id,
      title: input.title,
      owner_name: input.ownerName,
      deadline: input.deadline,
      created_by: user.id,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await reopenEntry(tdb, check.org_id, check.year);
  return getTask(tdb, scope, row.id, now);
}

export async function getTask(tdb: TenantDb, scope: Scope, id: string, now: Date): Promise<TaskItem> {
  const t = await taskQuery(tdb).where('t.id', '=', id).executeTakeFirst();
  if (!t || scope.role === 'member' || !pathInScope(scope, t.org_path)) throw notFound('整改任务');
  return taskItem(t, todayInShanghai(now));
}

export async function updateTask(
  tdb: TenantDb,
  scope: Scope,
  input: { id: string; title?: string; ownerName?: string; deadline?: string },
  now: Date,
): Promise<TaskItem> {
  const t = await loadTask(tdb, scope, input.id);
  if (t.status === 'confirmed') throw invalid('已销号的整改任务不能修改');
  await tdb
    .updateTable('rectification_tasks')
    .set({
      ...(input.title !== undefined ? { title: input.title } : {}),
      ...(input.ownerName !== undefined ? { owner_name: input.ownerName } : {}),
      ...(input.deadline !== undefined ? { deadline: input.deadline } : {}),
      updated_at: sql`now()`,
    })
    .where('id', '=', t.id)
    .execute();
  return getTask(tdb, scope, t.id, now);
}

/** The branch reports a task done with evidence (text and files) → 待销号. */
export async function submitEvidence(
  tdb: TenantDb,
  scope: Scope,
  input: { id: string; evidence?: string | null; fileIds: string[] },
  now: Date,
): Promise<TaskItem> {
  const t = await loadTask(tdb, scope, input.id);
  if (t.status === 'confirmed') throw invalid('该整改任务已销号');
  const evidence = input.evidence?.trim() || null;
  if (!evidence && input.fileIds.length === 0)
    throw appError('BAD_REQUEST', 'INVALID_INPUT', '请填写整改情况或上传佐证材料');
  await assertFilesUsable(tdb, input.fileIds);
  await tdb
    .updateTable('rectification_tasks')
    .set({
      evidence,
      evidence_file_ids: input.fileIds,
      status: 'submitted',
      submitted_at: sql`now()`,
      updated_at: sql`now()`,
    })
    .where('id', '=', t.id)
    .execute();
  return getTask(tdb, scope, t.id, now);
}

/** 对账销号: the superior confirms a submitted task (or returns it). Closing the last one closes the entry. */
export async function confirmTask(
  tdb: TenantDb,
  scope: Scope,
  user: { id: string },
  input: { id: string; confirm: boolean },
  now: Date,
): Promise<TaskItem> {
  const t = await loadTask(tdb, scope, input.id);
  await branchUnderSuperior(tdb, scope, t.org_id);
  if (t.status !== 'submitted') throw invalid('只有已提交整改情况的任务才能销号或退回');
  await tdb
    .updateTable('rectification_tasks')
    .set(
      input.confirm
        ? {
            status: 'confirmed',
            confirmed_by: user.id,
            confirmed_at: sql`now()`,
            updated_at: sql`now()`,
          }
        : {
            status: t.deadline < todayInShanghai(now) ? 'overdue' : 'open',
            updated_at: sql`now()`,
          },
    )
    .where('id', '=', t.id)
    .execute();
  await reopenEntry(tdb, t.org_id, t.year);
  return getTask(tdb, scope, t.id, now);
}

/** The ledger entry is closed exactly when it has tasks and all of them are confirmed. */
async function reopenEntry(tdb: TenantDb, orgId: string, year: number): Promise<void> {
  const tasks = await tdb
    .selectFrom('rectification_tasks as t')
    .innerJoin('health_checks as h', 'h.id', 't.health_check_id')
    .select('t.status')
    .where('t.org_id', '=', orgId)
    .where('h.year', '=', year)
    .execute();
  const closed = tasks.length > 0 && tasks.every((x) => x.status === 'confirmed');
  await tdb
    .updateTable('key_rectifications')
    .set(closed ? { status: 'closed', closed_at: sql`now()` } : { status: 'open', closed_at: null })
    .where('org_id', '=', orgId)
    .where('year', '=', year)
    .execute();
}

// ---------------------------------------------------------------- 通报 / 约谈

/** Mark the open tasks past their deadline overdue and record one 通报 / 约谈 per branch concerned. */
export async function recordOverdue(
  tdb: TenantDb,
  scope: Scope,
  user: { id: string },
  input: { year: number; kind: RectificationWarningKind; superiorOrgId?: string },
  now: Date,
) {
  const sup = await superiorOrg(tdb, scope, input.superiorOrgId);
  const today = todayInShanghai(now);
  const rows = await taskQuery(tdb)
    .where('h.year', '=', input.year)
    .where('o.path', 'like', `${escapeLike(sup.path)}%`)
    .where('t.org_id', '<>', sup.id)
    .where('t.status', 'in', ['open', 'overdue'])
    .where('t.deadline', '<', today)
    .execute();
  if (rows.length === 0) return { tasks: 0, warnings: 0 };
  await tdb
    .updateTable('rectification_tasks')
    .set({ status: 'overdue', updated_at: sql`now()` })
    .where(
      'id',
      'in',
      rows.map((t) => t.id),
    )
    .execute();
  const byOrg = new Map<string, TaskRow[]>();
  for (const t of rows) byOrg.set(t.org_id, [...(byOrg.get(t.org_id) ?? []), t]);
  for (const [orgId, list] of byOrg) {
    await tdb
      .insertInto('rectification_warnings')
      .values({
        org_id: orgId,
        year: input.year,
        kind: input.kind,
        task_id: list.length === 1 ? (list[0]?.id ?? null) : null,
        reason: `整改任务逾期未完成（${rectificationWarningKindLabel[input.kind]}）：${list.map((t) => t.title).join('、')}`,
        recorded_by: user.id,
      })
      .execute();
  }
  return { tasks: rows.length, warnings: byOrg.size };
}

export async function listWarnings(tdb: TenantDb, scope: Scope, input: { year: number; orgId?: string }) {
  if (scope.role === 'member') throw forbiddenRole('团员不能查看通报约谈记录');
  let q = tdb
    .selectFrom('rectification_warnings as w')
    .innerJoin('organisations as o', 'o.id', 'w.org_id')
    .select(['w.id', 'w.org_id', 'o.name as org_name', 'w.kind', 'w.reason', 'w.recorded_at'])
    .where('w.year', '=', input.year);
  if (scope.org) q = q.where('o.path', 'like', `${escapeLike(scope.org.path)}%`);
  if (input.orgId) q = q.where('w.org_id', '=', input.orgId);
  const rows = await q.orderBy('w.recorded_at', 'desc').execute();
  return rows.map((w) => ({
    id: w.id,
    orgId: w.org_id,
    orgName: w.org_name,
    kind: w.kind,
    kindLabel: rectificationWarningKindLabel[w.kind],
    reason: w.reason,
    recordedAt: w.recorded_at,
  }));
}

// ---------------------------------------------------------------- two rounds → ORG-6

export async function proposeAdjustment(
  tdb: TenantDb,
  scope: Scope,
  audit: AuditRecorder,
  user: { id: string; name: string },
  input: {
    orgId: string;
    year: number;
    kind: ProposalKind;
    targetOrgId?: string | null;
    newName?: string | null;
    reason?: string | null;
    effectiveOn: string;
  },
) {
  await branchUnderSuperior(tdb, scope, input.orgId);
  const r = await rulesFor(tdb, input.year);
  const h = ((await historyOf(tdb, [input.orgId])).get(input.orgId) ?? []).filter(
    (y) => y.year <= input.year,
  );
  const rounds = h.length ? roundsWithoutMarkedImprovement(h, r.improvement.value) : 0;
  if (!needsAdjustmentProposal(h, r.improvement.value)) {
    throw invalid(
      `该团支部连续未明显改善${rounds}轮，未达到${r.improvement.value.consecutiveRounds}轮（总分提高不足${r.improvement.value.minGainPoints}分为未明显改善，${r.improvement.source}），不能据此提出调整建议`,
    );
  }
  const entry = await tdb
    .selectFrom('key_rectifications')
    .select(['id', 'proposal_id'])
    .where('org_id', '=', input.orgId)
    .where('year', '=', input.year)
    .executeTakeFirst();
  if (entry?.proposal_id) throw appError('CONFLICT', 'CONFLICT', '已为该团支部提出过调整建议');
  const proposal = await createProposal(tdb, scope, audit, user, {
    kind: input.kind,
    orgId: input.orgId,
    targetOrgId: input.targetOrgId ?? null,
    newName: input.newName ?? null,
    reason:
      input.reason?.trim() ||
      `重点整顿连续${rounds}轮未明显改善（整理整顿 RECT-4），建议${input.kind === 'merge' ? '合并' : input.kind === 'dissolve' ? '撤销' : '调整'}`,
    effectiveOn: input.effectiveOn,
  });
  if (entry) {
    await tdb
      .updateTable('key_rectifications')
      .set({ proposal_id: proposal.id })
      .where('id', '=', entry.id)
      .execute();
  }
  return proposal;
}

// ---------------------------------------------------------------- 考核验收

export async function decideAcceptance(
  tdb: TenantDb,
  scope: Scope,
  user: { id: string },
  input: { orgId: string; year: number; result: AcceptanceResult; notes?: string | null },
) {
  const org = await branchUnderSuperior(tdb, scope, input.orgId);
  if (org.kind !== 'branch') throw invalid('考核验收的对象是团支部');
  if (input.result === 'passed') {
    const entry = await tdb
      .selectFrom('key_rectifications')
      .select('status')
      .where('org_id', '=', org.id)
      .where('year', '=', input.year)
      .executeTakeFirst();
    if (entry && entry.status !== 'closed')
      throw invalid('该团支部是重点整顿对象，整改任务尚未全部销号，不能验收通过');
  }
  await tdb
    .insertInto('rectification_acceptances')
    .values({
      org_id: org.id,
      year: input.year,
      result: input.result,
      notes: input.notes?.trim() || null,
      decided_by: user.id,
    })
    .onConflict((oc) =>
      oc.columns(['org_id', 'year']).doUpdateSet({
        result: input.result,
        notes: input.notes?.trim() || null,
        decided_by: user.id,
        decided_at: sql`now()`,
      }),
    )
    .execute();
  return {
    orgId: org.id,
    orgName: org.name,
    year: input.year,
    result: input.result,
    resultLabel: acceptanceResultLabel[input.result],
  };
}

export { checklistItems };
