/**
 * One organisation's system record (ORG-1…ORG-4): status history, leadership (班子) and election
 * records with the next 换届 due date, size/leadership warnings from rule data, the latest
 * inventory review (five problems) and the key build-out tags.
 */
import type { Organisation } from '@tuanjian/db';
import {
  type BranchCommitteeRule,
  type BranchSetupRule,
  type BranchTermRule,
  type BuildOutTag,
  type ElectionDue,
  type ElectionKind,
  type ElectionMethod,
  electionDue,
  electionWarnings,
  type InventoryProblem,
  type LeaderPosition,
  leaderPositionLabel,
  type OrgStatus,
  type OrgWarning,
  sizeWarnings,
  type TermPolicy,
  termPolicy,
  termYearsRefusal,
  todayInShanghai,
} from '@tuanjian/domain';
import type { AuditRecorder } from '../../audit';
import { asDate } from '../../db-types';
import { appError, forbiddenRole, forbiddenScope } from '../../errors';
import { assertOrgManager, getOrgInScope } from '../organisations';
import type { Scope, TenantDb } from '../scope';
import { type LoadedRule, orgRuleInForce } from './rule-data';

export interface OrgRules {
  setup: LoadedRule<BranchSetupRule>;
  committee: LoadedRule<BranchCommitteeRule>;
  term: LoadedRule<BranchTermRule>;
}

export async function loadOrgRules(tdb: TenantDb, onDate: string): Promise<OrgRules> {
  const [setup, committee, term] = await Promise.all([
    orgRuleInForce<BranchSetupRule>(tdb, 'branch.setup', onDate),
    orgRuleInForce<BranchCommitteeRule>(tdb, 'branch.committee', onDate),
    orgRuleInForce<BranchTermRule>(tdb, 'branch.term', onDate),
  ]);
  return { setup, committee, term };
}

export interface OrgState {
  policy: TermPolicy;
  due: ElectionDue;
  warnings: OrgWarning[];
}

/** Warnings and the 换届 schedule of one organisation (pure, from loaded rows). */
export function orgState(
  org: Pick<Organisation, 'kind' | 'sector' | 'name' | 'status'>,
  directMemberCount: number,
  positions: readonly LeaderPosition[],
  lastElection: { elected_on: string; term_years: number } | null,
  rules: OrgRules,
  today: string,
): OrgState {
  const policy = termPolicy(org, rules.term.value);
  const due = electionDue(
    lastElection?.elected_on ?? null,
    lastElection?.term_years ?? policy.defaultYears,
    today,
  );
  if (org.status !== 'active') return { policy, due: { ...due, overdue: false }, warnings: [] };
  const warnings = [
    ...sizeWarnings(
      { kind: org.kind, memberCount: directMemberCount, positions },
      rules.setup.value,
      rules.committee.value,
    ),
    ...electionWarnings(due, policy),
  ];
  return { policy, due, warnings };
}

export interface LeaderItem {
  id: string;
  memberId: string | null;
  name: string;
  position: LeaderPosition;
  termStart: string;
  termEnd: string | null;
}

export interface ElectionItem {
  id: string;
  electedOn: string;
  kind: ElectionKind;
  method: ElectionMethod;
  entitledCount: number;
  presentCount: number;
  termYears: number;
  previousDueOn: string | null;
  onSchedule: boolean;
  result: string;
  ruleVersion: number;
  leaders: { name: string; position: LeaderPosition }[];
}

export interface StatusHistoryItem {
  id: string;
  event: string;
  fromStatus: string;
  toStatus: OrgStatus;
  changedOn: string;
  reason: string;
  relatedOrg: { id: string; name: string } | null;
  proposalId: string | null;
  at: Date;
}

export interface InventoryReviewItem {
  id: string;
  reviewedOn: string;
  reviewerName: string;
  note: string | null;
  findings: { problem: InventoryProblem; note: string | null }[];
}

export interface OrgProfile {
  id: string;
  name: string;
  kind: Organisation['kind'];
  status: OrgStatus;
  directMemberCount: number;
  leaders: LeaderItem[];
  formerLeaders: LeaderItem[];
  elections: ElectionItem[];
  term: { student: boolean; minYears: number; maxYears: number; defaultYears: number; explanation: string };
  due: ElectionDue;
  warnings: OrgWarning[];
  rules: { key: string; version: number; source: string; value: unknown }[];
  history: StatusHistoryItem[];
  reviews: InventoryReviewItem[];
  tags: { tag: BuildOutTag; taggedOn: string }[];
  /** Can the acting user review this organisation's inventory (a superior)? */
  canReview: boolean;
}

async function directActiveCount(tdb: TenantDb, orgId: string): Promise<number> {
  const r = await tdb
    .selectFrom('members')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('org_id', '=', orgId)
    .where('status', '=', 'active')
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** A superior reviews: district_admin anywhere; an org_secretary below (not on) its own organisation. */
function canReview(scope: Scope, org: Organisation): boolean {
  if (scope.role === 'district_admin') return true;
  return scope.role === 'org_secretary' && !!scope.org && org.id !== scope.org.id;
}

export async function profile(tdb: TenantDb, scope: Scope, id: string, now: Date): Promise<OrgProfile> {
  assertOrgManager(scope);
  const org = await getOrgInScope(tdb, scope, id);
  const today = todayInShanghai(now);
  const [rules, count, leaders, elections, history, reviews, findings, tags] = await Promise.all([
    loadOrgRules(tdb, today),
    directActiveCount(tdb, org.id),
    tdb
      .selectFrom('org_leaders')
      .selectAll()
      .where('org_id', '=', org.id)
      .orderBy('term_start', 'desc')
      .execute(),
    tdb
      .selectFrom('org_elections')
      .selectAll()
      .where('org_id', '=', org.id)
      .orderBy('elected_on', 'desc')
      .orderBy('created_at', 'desc')
      .execute(),
    tdb
      .selectFrom('org_status_history as h')
      .leftJoin('organisations as r', 'r.id', 'h.related_org_id')
      .selectAll('h')
      .select(['r.name as related_name'])
      .where('h.org_id', '=', org.id)
      .orderBy('h.created_at', 'desc')
      .execute(),
    tdb
      .selectFrom('org_inventory_reviews')
      .selectAll()
      .where('org_id', '=', org.id)
      .orderBy('reviewed_on', 'desc')
      .orderBy('created_at', 'desc')
      .execute(),
    tdb.selectFrom('org_inventory_findings').selectAll().where('org_id', '=', org.id).execute(),
    tdb.selectFrom('org_tags').selectAll().where('org_id', '=', org.id).orderBy('tag').execute(),
  ]);
  const serving = leaders.filter((l) => l.term_end === null);
  const last = elections.find((e) => e.kind !== 'by_election') ?? null;
  const state = orgState(
    org,
    count,
    serving.map((l) => l.position),
    last,
    rules,
    today,
  );
  const toLeader = (l: (typeof leaders)[number]): LeaderItem => ({
    id: l.id,
    memberId: l.member_id,
    name: l.name,
    position: l.position,
    termStart: l.term_start,
    termEnd: l.term_end,
  });
  const order = Object.keys(leaderPositionLabel);
  return {
    id: org.id,
    name: org.name,
    kind: org.kind,
    status: org.status,
    directMemberCount: count,
    leaders: serving.map(toLeader).sort((a, b) => order.indexOf(a.position) - order.indexOf(b.position)),
    formerLeaders: leaders.filter((l) => l.term_end !== null).map(toLeader),
    elections: elections.map((e) => ({
      id: e.id,
      electedOn: e.elected_on,
      kind: e.kind,
      method: e.method,
      entitledCount: e.entitled_count,
      presentCount: e.present_count,
      termYears: e.term_years,
      previousDueOn: e.previous_due_on,
      onSchedule: e.on_schedule,
      result: e.result,
      ruleVersion: e.rule_version,
      leaders: leaders
        .filter((l) => l.election_id === e.id)
        .map((l) => ({ name: l.name, position: l.position })),
    })),
    term: {
      student: state.policy.student,
      minYears: state.policy.minYears,
      maxYears: state.policy.maxYears,
      defaultYears: state.policy.defaultYears,
      explanation: state.policy.explanation,
    },
    due: state.due,
    warnings: state.warnings,
    rules: [rules.setup, rules.committee, rules.term].map((r) => ({
      key: r.key,
      version: r.version,
      source: r.source,
      value: r.value,
    })),
    history: history.map((h) => ({
      id: h.id,
      event: h.event,
      fromStatus: h.from_status,
      toStatus: h.to_status,
      changedOn: h.changed_on,
      reason: h.reason,
      relatedOrg: h.related_org_id ? { id: h.related_org_id, name: h.related_name ?? '' } : null,
      proposalId: h.proposal_id,
      at: asDate(h.created_at),
    })),
    reviews: reviews.map((r) => ({
      id: r.id,
      reviewedOn: r.reviewed_on,
      reviewerName: r.reviewer_name,
      note: r.note,
      findings: findings
        .filter((f) => f.review_id === r.id)
        .map((f) => ({ problem: f.problem, note: f.note })),
    })),
    tags: tags.map((t) => ({ tag: t.tag, taggedOn: t.tagged_on })),
    canReview: canReview(scope, org),
  };
}

function assertActive(org: Organisation) {
  if (org.status !== 'active') {
    throw appError('PRECONDITION_FAILED', 'INVALID_STATE', '该组织已撤销或合并，只保留历史记录，不能再修改');
  }
}

function assertNotFuture(date: string, today: string, what: string) {
  if (date > today) throw appError('BAD_REQUEST', 'INVALID_INPUT', `${what}不能晚于今天`);
}

export interface RecordElectionInput {
  orgId: string;
  electedOn: string;
  kind: ElectionKind;
  method: ElectionMethod;
  entitledCount: number;
  presentCount: number;
  termYears?: number;
  result: string;
  leaders: { name: string; position: LeaderPosition; memberId?: string | null }[];
}

/**
 * 按程序选举: a meeting with more than half of the members entitled present elects the
 * leadership. A 换届/首次选举 replaces the whole serving leadership; a 补选 adds to it.
 */
export async function recordElection(
  tdb: TenantDb,
  scope: Scope,
  audit: AuditRecorder,
  input: RecordElectionInput,
  now: Date,
): Promise<OrgProfile> {
  assertOrgManager(scope);
  const org = await getOrgInScope(tdb, scope, input.orgId);
  assertActive(org);
  const today = todayInShanghai(now);
  assertNotFuture(input.electedOn, today, '选举日期');
  const rules = await loadOrgRules(tdb, input.electedOn);
  const policy = termPolicy(org, rules.term.value);
  const termYears = input.termYears ?? policy.defaultYears;
  const refusal = termYearsRefusal(termYears, policy);
  if (refusal) throw appError('BAD_REQUEST', 'INVALID_STATE', refusal);
  if (input.presentCount > input.entitledCount) {
    throw appError('BAD_REQUEST', 'INVALID_INPUT', '实到人数不能多于应到人数');
  }
  if (input.presentCount * 2 <= input.entitledCount) {
    throw appError(
      'BAD_REQUEST',
      'INVALID_STATE',
      `实到${input.presentCount}人，未超过应到${input.entitledCount}人的半数，选举无效（《团支部工作条例（试行）》：须有半数以上有选举权的团员到会）`,
    );
  }
  const secretaries = input.leaders.filter((l) => l.position === 'secretary').length;
  if (input.kind !== 'by_election' && secretaries !== 1) {
    throw appError('BAD_REQUEST', 'INVALID_STATE', '换届选举须选出书记1名');
  }
  if (secretaries > 1) throw appError('BAD_REQUEST', 'INVALID_STATE', '书记只能有1名');
  if (input.leaders.length > rules.committee.value.absoluteMax) {
    throw appError(
      'BAD_REQUEST',
      'INVALID_STATE',
      `委员会成员不能超过${rules.committee.value.absoluteMax}人（${rules.committee.source}）`,
    );
  }
  const memberIds = input.leaders.map((l) => l.memberId).filter((m): m is string => !!m);
  if (memberIds.length) {
    const found = await tdb
      .selectFrom('members')
      .select('id')
      .where('id', 'in', memberIds)
      .where('org_id', '=', org.id)
      .execute();
    if (found.length !== new Set(memberIds).size) {
      throw appError('BAD_REQUEST', 'INVALID_STATE', '当选人须为本组织团员');
    }
  }
  const previous = await tdb
    .selectFrom('org_elections')
    .select(['elected_on', 'term_years'])
    .where('org_id', '=', org.id)
    .where('kind', '!=', 'by_election')
    .orderBy('elected_on', 'desc')
    .executeTakeFirst();
  if (previous && input.kind !== 'by_election' && input.electedOn <= previous.elected_on) {
    throw appError('BAD_REQUEST', 'INVALID_STATE', `选举日期应晚于上次选举（${previous.elected_on}）`);
  }
  const previousDue = previous ? electionDue(previous.elected_on, previous.term_years, today).dueOn : null;
  const onSchedule = previousDue ? input.electedOn <= previousDue : true;
  const election = await tdb
    .insertInto('org_elections')
    .values({
      org_id: org.id,
      elected_on: input.electedOn,
      kind: input.kind,
      method: input.method,
      entitled_count: input.entitledCount,
      present_count: input.presentCount,
      term_years: termYears,
      previous_due_on: previousDue,
      on_schedule: onSchedule,
      result: input.result,
      rule_version: rules.term.version,
      created_by: scope.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const serving = await tdb
    .selectFrom('org_leaders')
    .select(['id', 'position'])
    .where('org_id', '=', org.id)
    .where('term_end', 'is', null)
    .execute();
  const ending =
    input.kind === 'by_election'
      ? serving.filter((s) => s.position === 'secretary' && secretaries > 0).map((s) => s.id)
      : serving.map((s) => s.id);
  if (ending.length) {
    await tdb
      .updateTable('org_leaders')
      .set({ term_end: input.electedOn })
      .where('id', 'in', ending)
      .execute();
  }
  if (input.leaders.length) {
    await tdb
      .insertInto('org_leaders')
      .values(
        input.leaders.map((l) => ({
          org_id: org.id,
          member_id: l.memberId ?? null,
          name: l.name,
          position: l.position,
          term_start: input.electedOn,
          election_id: election.id,
        })),
      )
      .execute();
  }
  audit.target('organisation', org.id, {
    electionId: election.id,
    electedOn: input.electedOn,
    kind: input.kind,
    leaders: input.leaders.length,
    onSchedule,
  });
  return profile(tdb, scope, org.id, now);
}

export interface ReviewInput {
  orgId: string;
  reviewedOn: string;
  note?: string | null;
  findings: { problem: InventoryProblem; note?: string | null }[];
}

/** ORG-3: a superior's review sets the organisation's five-problem flags (the latest review counts). */
export async function reviewInventory(
  tdb: TenantDb,
  scope: Scope,
  audit: AuditRecorder,
  reviewer: { id: string; name: string },
  input: ReviewInput,
  now: Date,
): Promise<OrgProfile> {
  assertOrgManager(scope);
  const org = await getOrgInScope(tdb, scope, input.orgId);
  assertActive(org);
  if (!canReview(scope, org)) {
    throw forbiddenScope('组织排查由上级进行：不能排查本人所在的组织');
  }
  assertNotFuture(input.reviewedOn, todayInShanghai(now), '排查日期');
  const problems = input.findings.map((f) => f.problem);
  if (new Set(problems).size !== problems.length) {
    throw appError('BAD_REQUEST', 'INVALID_INPUT', '同一问题只能填写一次');
  }
  const review = await tdb
    .insertInto('org_inventory_reviews')
    .values({
      org_id: org.id,
      reviewed_on: input.reviewedOn,
      reviewer_id: reviewer.id,
      reviewer_name: reviewer.name,
      note: input.note ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (input.findings.length) {
    await tdb
      .insertInto('org_inventory_findings')
      .values(
        input.findings.map((f) => ({
          review_id: review.id,
          org_id: org.id,
          problem: f.problem,
          note: f.note ?? null,
        })),
      )
      .execute();
  }
  audit.target('organisation', org.id, { reviewId: review.id, problems });
  return profile(tdb, scope, org.id, now);
}

/** ORG-4: set the key build-out tags of an organisation (kept: their first tagging date). */
export async function setTags(
  tdb: TenantDb,
  scope: Scope,
  audit: AuditRecorder,
  input: { orgId: string; tags: BuildOutTag[] },
  now: Date,
): Promise<OrgProfile> {
  assertOrgManager(scope);
  if (scope.role !== 'district_admin' && scope.role !== 'org_secretary') throw forbiddenRole();
  const org = await getOrgInScope(tdb, scope, input.orgId);
  assertActive(org);
  const tags = [...new Set(input.tags)];
  const current = await tdb.selectFrom('org_tags').select('tag').where('org_id', '=', org.id).execute();
  const removed = current.map((c) => c.tag).filter((t) => !tags.includes(t));
  const added = tags.filter((t) => !current.some((c) => c.tag === t));
  if (removed.length) {
    await tdb.deleteFrom('org_tags').where('org_id', '=', org.id).where('tag', 'in', removed).execute();
  }
  if (added.length) {
    await tdb
      .insertInto('org_tags')
      .values(
        added.map((tag) => ({
          org_id: org.id,
          tag,
          tagged_on: todayInShanghai(now),
          created_by: scope.userId,
        })),
      )
      .execute();
  }
  audit.target('organisation', org.id, { added, removed });
  return profile(tdb, scope, org.id, now);
}
