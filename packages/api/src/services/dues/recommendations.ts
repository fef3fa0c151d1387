/**
 * 推优入党 (MEM-5): nominate → 推优大会 vote → review → 公示 → superior approval → sent, with a
 * timeline; party admissions and the KPI. Every step checks the rule and says why it refuses.
 */
import {
  ageOn,
  type Eligibility,
  formatChineseDate,
  nextRecommendationAction,
  type RecommendationAction,
  type RecommendationStage,
  recommendationActionLabel,
  recommendationActionRefusal,
  recommendationEligibility,
  recommendationStageLabel,
  recommendationValidUntil,
  recommendationVote,
  type TuiyouKpi,
  todayInShanghai,
  tuiyouKpi,
} from '@tuanjian/domain';
import { sql } from 'kysely';
import { appError, forbiddenRole, forbiddenScope, notFound } from '../../errors';
import { escapeLike, pathInScope, type Scope, type TenantDb } from '../scope';
import type { Actor } from './dues';
import { loadRuleBook } from './rules';

const refuse = (message: string) => appError('PRECONDITION_FAILED', 'INVALID_STATE', message);

function assertManager(scope: Scope): void {
  if (scope.role !== 'district_admin' && scope.role !== 'org_secretary') {
    throw forbiddenRole('仅区县团委管理员和团组织书记可以办理推优入党');
  }
}

async function memberInScope(tdb: TenantDb, scope: Scope, memberId: string) {
  const m = await tdb
    .selectFrom('members as m')
    .innerJoin('organisations as o', 'o.id', 'm.org_id')
    .select([
      'm.id',
      'm.name',
      'm.gender',
      'm.ethnicity',
      'm.birth_date',
      'm.join_date',
      'm.member_number',
      'm.education',
      'm.occupation_category',
      'm.party_application_date',
      'm.status',
      'm.org_id',
      'o.name as org_name',
      'o.unit_name',
      'o.path as org_path',
    ])
    .where('m.id', '=', memberId)
    .executeTakeFirst();
  if (!m) throw notFound('团员');
  if (!pathInScope(scope, m.org_path)) throw forbiddenScope('该团员不在您管理的范围内');
  return m;
}

export interface EligibilityResult extends Eligibility {
  source: string;
  onDate: string;
}

export async function checkEligibility(
  tdb: TenantDb,
  scope: Scope,
  input: { memberId: string; onDate?: string; partyApplicationDate?: string },
  now: Date,
): Promise<EligibilityResult> {
  assertManager(scope);
  const m = await memberInScope(tdb, scope, input.memberId);
  const onDate = input.onDate ?? todayInShanghai(now);
  const rules = await loadRuleBook(tdb, 'party.recommendation');
  const rule = rules(onDate);
  const e = recommendationEligibility(
    {
      birthDate: m.birth_date,
      leagueJoinDate: m.join_date,
      partyApplicationDate: input.partyApplicationDate ?? m.party_application_date,
      onDate,
    },
    rule.value,
  );
  return { ...e, source: rule.source, onDate };
}

async function addEvent(
  tdb: TenantDb,
  recId: string,
  action: string,
  onDate: string,
  detail: string,
  actor: Actor,
): Promise<void> {
  await tdb
    .insertInto('recommendation_events')
    .values({
      recommendation_id: recId,
      action,
      on_date: onDate,
      detail,
      user_id: actor.id,
      user_name: actor.name,
    })
    .execute();
}

export async function nominate(
  tdb: TenantDb,
  scope: Scope,
  input: { memberId: string; partyApplicationDate: string; nominatedOn: string; note?: string },
  actor: Actor,
  now: Date,
): Promise<{ id: string }> {
  assertManager(scope);
  if (input.nominatedOn > todayInShanghai(now)) throw refuse('提名日期不能晚于今天');
  const m = await memberInScope(tdb, scope, input.memberId);
  if (m.status !== 'active') throw refuse(`${m.name}不是在册团员，不能推优`);
  const admitted = await tdb
    .selectFrom('party_admissions')
    .select('joined_on')
    .where('member_id', '=', m.id)
    .executeTakeFirst();
  if (admitted) throw refuse(`${m.name}已于${formatChineseDate(admitted.joined_on)}入党，无需推优`);
  const open = await tdb
    .selectFrom('party_recommendations')
    .select('stage')
    .where('member_id', '=', m.id)
    .where('stage', 'not in', ['sent', 'rejected'])
    .executeTakeFirst();
  if (open)
    throw appError(
      'CONFLICT',
      'CONFLICT',
      `${m.name}已有进行中的推优（${recommendationStageLabel(open.stage)}）`,
    );
  const e = await checkEligibility(
    tdb,
    scope,
    { memberId: m.id, onDate: input.nominatedOn, partyApplicationDate: input.partyApplicationDate },
    now,
  );
  if (!e.eligible) throw refuse(e.reasons.join('；'));
  if (m.party_application_date !== input.partyApplicationDate) {
    await tdb
      .updateTable('members')
      .set({ party_application_date: input.partyApplicationDate })
      .where('id', '=', m.id)
      .execute();
  }
  const rec = await tdb
    .insertInto('party_recommendations')
    .values({
      member_id: m.id,
      org_id: m.org_id,
      stage: 'nominated',
      party_application_date: input.partyApplicationDate,
      nominated_on: input.nominatedOn,
      nomination_note: input.note ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await addEvent(
    tdb,
    rec.id,
    'nominate',
    input.nominatedOn,
    `支部委员会提名；${e.checks.map((c) => `${c.rule}：${c.actual}`).join('；')}`,
    actor,
  );
  return { id: rec.id };
}

async function recInScope(tdb: TenantDb, scope: Scope, id: string) {
  const r = await tdb
    .selectFrom('party_recommendations as r')
    .innerJoin('organisations as o', 'o.id', 'r.org_id')
    .selectAll('r')
    .select(['o.path as org_path', 'o.name as org_name'])
    .where('r.id', '=', id)
    .executeTakeFirst();
  if (!r) throw notFound('推优记录');
  if (!pathInScope(scope, r.org_path)) throw forbiddenScope('该推优记录不在您管理的范围内');
  return r;
}

function assertStep(stage: RecommendationStage, action: RecommendationAction): void {
  const refusal = recommendationActionRefusal(stage, action);
  if (refusal) throw refuse(refusal);
}

export type StepInput =
  | { id: string; action: 'vote'; voteOn: string; entitled: number; present: number; yes: number }
  | { id: string; action: 'review'; reviewedOn: string; pass: boolean; note?: string }
  | { id: string; action: 'publicize'; from: string; to: string }
  | { id: string; action: 'approve'; approvedOn: string; approvedBy: string }
  | { id: string; action: 'send'; sentOn: string; partyOrgName: string };

function dateOf(input: StepInput): string {
  switch (input.action) {
    case 'vote':
      return input.voteOn;
    case 'review':
      return input.reviewedOn;
    case 'publicize':
      return input.from;
    case 'approve':
      return input.approvedOn;
    case 'send':
      return input.sentOn;
  }
}

/** One step of the workflow; refuses out of order, with the rule and the reason. */
export async function step(
  tdb: TenantDb,
  scope: Scope,
  input: StepInput,
  actor: Actor,
  now: Date,
): Promise<{ stage: RecommendationStage; message: string }> {
  assertManager(scope);
  const r = await recInScope(tdb, scope, input.id);
  assertStep(r.stage, input.action);
  const on = dateOf(input);
  if (on > todayInShanghai(now)) throw refuse('日期不能晚于今天');
  const last = [r.nominated_on, r.vote_on, r.reviewed_on, r.publicity_to, r.approved_on]
    .filter((d): d is string => !!d)
    .sort()
    .at(-1) as string;
  if (on < last && input.action !== 'publicize') {
    throw refuse(`日期不能早于上一步（${formatChineseDate(last)}）`);
  }
  const set: Record<string, unknown> = { updated_at: sql`now()` };
  let stage: RecommendationStage;
  let message: string;
  switch (input.action) {
    case 'vote': {
      const rules = await loadRuleBook(tdb, 'party.recommendationVote');
      let v: ReturnType<typeof recommendationVote>;
      try {
        v = recommendationVote(
          { entitled: input.entitled, present: input.present, yes: input.yes },
          rules(on).value,
        );
      } catch (e) {
        throw appError('BAD_REQUEST', 'INVALID_INPUT', (e as Error).message);
      }
      if (!v.quorum) throw refuse(v.message);
      Object.assign(set, {
        vote_on: on,
        entitled: input.entitled,
        present: input.present,
        yes_votes: input.yes,
      });
      stage = v.passed ? 'voted' : 'rejected';
      if (!v.passed) set.rejected_reason = v.message;
      message = `推优大会：应到${input.entitled}人，实到${input.present}人，赞成${input.yes}票；${v.message}`;
      break;
    }
    case 'review':
      Object.assign(set, { reviewed_on: on, review_note: input.note ?? null });
      stage = input.pass ? 'reviewed' : 'rejected';
      if (!input.pass) set.rejected_reason = `审查未通过：${input.note ?? ''}`;
      message = input.pass
        ? `审查通过${input.note ? `：${input.note}` : ''}`
        : `审查未通过：${input.note ?? ''}`;
      break;
    case 'publicize':
      if (input.from < last) throw refuse(`公示开始日期不能早于上一步（${formatChineseDate(last)}）`);
      if (input.to < input.from) throw refuse('公示结束日期不能早于开始日期');
      Object.assign(set, { publicity_from: input.from, publicity_to: input.to });
      stage = 'publicized';
      message = `公示：${formatChineseDate(input.from)}至${formatChineseDate(input.to)}`;
      break;
    case 'approve': {
      if (scope.org && scope.org.id === r.org_id) {
        throw forbiddenRole('推优须由上级团组织审批，本支部书记不能审批本支部的推优');
      }
      if (r.publicity_to && on <= r.publicity_to) {
        throw refuse(`公示期至${formatChineseDate(r.publicity_to)}，公示期满后方可审批`);
      }
      const rules = await loadRuleBook(tdb, 'party.recommendation');
      const validUntil = recommendationValidUntil(on, rules(on).value);
      Object.assign(set, { approved_on: on, approved_by: input.approvedBy, valid_until: validUntil });
      stage = 'approved';
      message = `${input.approvedBy}批准，推荐有效期至${formatChineseDate(validUntil)}`;
      break;
    }
    case 'send':
      if (r.valid_until && on > r.valid_until) {
        throw refuse(`推荐已于${formatChineseDate(r.valid_until)}过期（有效期2年），须重新推优`);
      }
      Object.assign(set, { sent_on: on, party_org_name: input.partyOrgName });
      stage = 'sent';
      message = `推荐至${input.partyOrgName}`;
      break;
  }
  set.stage = stage;
  await tdb.updateTable('party_recommendations').set(set).where('id', '=', r.id).execute();
  await addEvent(tdb, r.id, input.action, on, message, actor);
  return { stage, message };
}

export interface RecommendationItem {
  id: string;
  memberId: string;
  memberName: string;
  memberNumber: string | null;
  orgId: string;
  orgName: string;
  stage: RecommendationStage;
  stageLabel: string;
  nominatedOn: string;
  validUntil: string | null;
  nextAction: RecommendationAction | null;
  nextActionLabel: string | null;
}

export async function list(
  tdb: TenantDb,
  scope: Scope,
  input: { stage?: RecommendationStage; q?: string; orgId?: string; page: number; pageSize: number },
): Promise<{ items: RecommendationItem[]; total: number; page: number; pageSize: number }> {
  assertManager(scope);
  let q = tdb
    .selectFrom('party_recommendations as r')
    .innerJoin('members as m', 'm.id', 'r.member_id')
    .innerJoin('organisations as o', 'o.id', 'r.org_id');
  if (scope.org) q = q.where('o.path', 'like', `${escapeLike(scope.org.path)}%`);
  if (input.orgId) {
    const org = await tdb
      .selectFrom('organisations')
      .select('path')
      .where('id', '=', input.orgId)
      .executeTakeFirst();
    if (!org || !pathInScope(scope, org.path)) throw forbiddenScope();
    q = q.where('o.path', 'like', `${escapeLike(org.path)}%`);
  }
  if (input.stage) q = q.where('r.stage', '=', input.stage);
  if (input.q) q = q.where('m.name', 'like', `%${escapeLike(input.q)}%`);
  const total = Number(
    (await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n,
  );
  const rows = await q
    .select([
      'r.id',
      'r.member_id',
      'm.name',
      'm.member_number',
      'r.org_id',
      'o.name as org_name',
      'r.stage',
      'r.nominated_on',
      'r.valid_until',
    ])
    .orderBy('r.nominated_on', 'desc')
    .orderBy('r.id')
    .limit(input.pageSize)
    .offset((input.page - 1) * input.pageSize)
    .execute();
  return {
    items: rows.map((r) => {
      const next = nextRecommendationAction(r.stage);
      return {
        id: r.id,
        memberId: r.member_id,
        memberName: r.name,
        memberNumber: r.member_number,
        orgId: r.org_id,
        orgName: r.org_name,
        stage: r.stage,
        stageLabel: recommendationStageLabel(r.stage),
        nominatedOn: r.nominated_on,
        validUntil: r.valid_until,
        nextAction: next,
        nextActionLabel: next ? recommendationActionLabel(next) : null,
      };
    }),
    total,
    page: input.page,
    pageSize: input.pageSize,
  };
}

export async function get(tdb: TenantDb, scope: Scope, id: string, now: Date) {
  assertManager(scope);
  const r = await recInScope(tdb, scope, id);
  const m = await memberInScope(tdb, scope, r.member_id);
  const events = await tdb
    .selectFrom('recommendation_events')
    .select(['id', 'action', 'on_date', 'detail', 'user_name', 'at'])
    .where('recommendation_id', '=', r.id)
    .orderBy('on_date')
    .orderBy('at')
    .execute();
  const admission = await tdb
    .selectFrom('party_admissions')
    .select(['joined_on', 'age_at_joining', 'recommendation_id'])
    .where('member_id', '=', m.id)
    .executeTakeFirst();
  const eligibility = await checkEligibility(
    tdb,
    scope,
    { memberId: m.id, onDate: r.nominated_on, partyApplicationDate: r.party_application_date },
    now,
  );
  const next = nextRecommendationAction(r.stage);
  return {
    id: r.id,
    stage: r.stage,
    stageLabel: recommendationStageLabel(r.stage),
    nextAction: next,
    nextActionLabel: next ? recommendationActionLabel(next) : null,
    member: {
      id: m.id,
      name: m.name,
      gender: m.gender,
      ethnicity: m.ethnicity,
      birthDate: m.birth_date,
      age: ageOn(m.birth_date, todayInShanghai(now)),
      joinDate: m.join_date,
      memberNumber: m.member_number,
      education: m.education,
      occupation: m.occupation_category,
      orgName: m.org_name,
      unitName: m.unit_name,
    },
    partyApplicationDate: r.party_application_date,
    nominatedOn: r.nominated_on,
    nominationNote: r.nomination_note,
    vote:
      r.vote_on === null
        ? null
        : { on: r.vote_on, entitled: r.entitled ?? 0, present: r.present ?? 0, yes: r.yes_votes ?? 0 },
    reviewedOn: r.reviewed_on,
    reviewNote: r.review_note,
    publicity: r.publicity_from ? { from: r.publicity_from, to: r.publicity_to ?? r.publicity_from } : null,
    approvedOn: r.approved_on,
    approvedBy: r.approved_by,
    validUntil: r.valid_until,
    sentOn: r.sent_on,
    partyOrgName: r.party_org_name,
    rejectedReason: r.rejected_reason,
    eligibility,
    admission: admission
      ? {
          joinedOn: admission.joined_on,
          ageAtJoining: admission.age_at_joining,
          viaThis: admission.recommendation_id === r.id,
        }
      : null,
    events: events.map((e) => ({
      id: e.id,
      action: e.action,
      onDate: e.on_date,
      detail: e.detail,
      userName: e.user_name,
    })),
  };
}

/** Record that a member became a party member; linked to the member's 推优 sent and still valid then. */
export async function recordAdmission(
  tdb: TenantDb,
  scope: Scope,
  input: { memberId: string; joinedOn: string },
  now: Date,
): Promise<{ ageAtJoining: number; viaRecommendation: boolean }> {
  assertManager(scope);
  if (input.joinedOn > todayInShanghai(now)) throw refuse('入党日期不能晚于今天');
  const m = await memberInScope(tdb, scope, input.memberId);
  const exists = await tdb
    .selectFrom('party_admissions')
    .select('id')
    .where('member_id', '=', m.id)
    .executeTakeFirst();
  if (exists) throw appError('CONFLICT', 'CONFLICT', `${m.name}的入党记录已存在`);
  const rec = await tdb
    .selectFrom('party_recommendations')
    .select(['id', 'valid_until', 'sent_on'])
    .where('member_id', '=', m.id)
    .where('stage', '=', 'sent')
    .orderBy('sent_on', 'desc')
    .executeTakeFirst();
  const via =
    rec?.sent_on && rec.sent_on <= input.joinedOn && (!rec.valid_until || input.joinedOn <= rec.valid_until);
  const age = ageOn(m.birth_date, input.joinedOn);
  await tdb
    .insertInto('party_admissions')
    .values({
      member_id: m.id,
      joined_on: input.joinedOn,
      age_at_joining: age,
      recommendation_id: via ? rec.id : null,
    })
    .execute();
  return { ageAtJoining: age, viaRecommendation: !!via };
}

/** KPI per tenant (scope) and year: share of new party members aged ≤ 28 who came through 推优. */
export async function kpi(
  tdb: TenantDb,
  scope: Scope,
  input: { year: number },
): Promise<TuiyouKpi & { year: number; total: number; source: string; maxAge: number }> {
  assertManager(scope);
  let q = tdb
    .selectFrom('party_admissions as a')
    .innerJoin('members as m', 'm.id', 'a.member_id')
    .innerJoin('organisations as o', 'o.id', 'm.org_id')
    .select(['a.age_at_joining', 'a.recommendation_id'])
    .where('a.joined_on', '>=', `${input.year}-01-01`)
    .where('a.joined_on', '<=', `${input.year}-12-31`);
  if (scope.org) q = q.where('o.path', 'like', `${escapeLike(scope.org.path)}%`);
  const rows = await q.execute();
  const rules = await loadRuleBook(tdb, 'party.recommendation');
  const rule = rules(`${input.year}-12-31`);
  const k = tuiyouKpi(
    rows.map((r) => ({ ageAtJoining: r.age_at_joining, viaRecommendation: r.recommendation_id !== null })),
    rule.value,
  );
  return {
    ...k,
    year: input.year,
    total: rows.length,
    source: rule.source,
    maxAge: rule.value.maxNewPartyMemberAge,
  };
}
