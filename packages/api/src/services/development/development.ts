/**
 * 发展团员 (MEM-2): applications and their stage machine. The rules are the domain's
 * (`checkAdvance`); this file loads the record, checks scope, applies a step and, at approval,
 * draws the 团员编号 and creates the member in the same transaction.
 */
import {
  type ActivistSource,
  checkAdvance,
  cultivationEndsOn,
  type DevelopmentAdvance,
  type DevelopmentRecord,
  type DevelopmentRuleSet,
  type DevelopmentStage,
  developmentStageLabel,
  formatChineseDate,
  type Gender,
  isTalkOverdue,
  lessonHoursUntil,
  nextStage,
  talkDueBy,
} from '@tuanjian/domain';
import type { AuditRecorder } from '../../audit';
import { asDate, tsValue } from '../../db-types';
import { appError, forbiddenRole, forbiddenScope, notFound } from '../../errors';
import { escapeLike, pathInScope, type Scope, type TenantDb } from '../scope';
import { drawMemberNumber } from './number-blocks';
import { ruleOn } from './rules';

const cn = (d: string | null) => (d ? formatChineseDate(d) : '—');

const invalid = (message: string) => appError('PRECONDITION_FAILED', 'INVALID_STATE', message);

export interface ApplicationItem {
  id: string;
  name: string;
  gender: Gender;
  birthDate: string;
  orgId: string;
  orgName: string;
  stage: DevelopmentStage;
  stageLabel: string;
  nextStage: DevelopmentStage | null;
  appliedOn: string;
  talkDueBy: string;
  talkOverdue: boolean;
  memberNumber: string | null;
  updatedAt: Date;
}

export interface TimelineEntry {
  stage: DevelopmentStage;
  label: string;
  date: string | null;
  done: boolean;
  detail: string | null;
}

export interface ApplicationDetail extends ApplicationItem {
  ethnicity: string | null;
  unitName: string | null;
  reason: string | null;
  activistSource: ActivistSource | null;
  lessons: { id: string; heldOn: string; hours: number; topic: string }[];
  lessonHours: number;
  cultivationEndsOn: string | null;
  introducers: { id: string; name: string; memberNumber: string | null }[];
  meeting: { on: string; entitled: number; present: number; yes: number; no: number } | null;
  approvingOrg: { id: string; name: string } | null;
  memberId: string | null;
  timeline: TimelineEntry[];
  rules: DevelopmentRuleSet;
  /** May the acting user take the next step (scope/role)? */
  canAdvance: boolean;
  joinDate: string | null;
}

type AppRow = Awaited<ReturnType<typeof loadRow>>;

async function loadRow(tdb: TenantDb, id: string, lock = false) {
  let q = tdb
    .selectFrom('development_applications as a')
    .innerJoin('organisations as o', 'o.id', 'a.org_id')
    .selectAll('a')
    .select(['o.name as org_name', 'o.path as org_path'])
    .where('a.id', '=', id);
  if (lock) q = q.forUpdate('a');
  return q.executeTakeFirst();
}

export async function loadRules(tdb: TenantDb, onDate: string): Promise<DevelopmentRuleSet> {
  const [development, joiningAge, vote] = await Promise.all([
    ruleOn(tdb, 'member.development', onDate),
    ruleOn(tdb, 'member.joiningAge', onDate),
    ruleOn(tdb, 'member.developmentVote', onDate),
  ]);
  return { development, joiningAge, vote };
}

function toRecord(r: NonNullable<AppRow>, lessons: { on: string; hours: number }[]): DevelopmentRecord {
  return {
    stage: r.stage,
    birthDate: r.birth_date,
    appliedOn: r.applied_on,
    talkOn: r.talk_on,
    activistOn: r.activist_on,
    candidateOn: r.candidate_on,
    precheckOn: r.precheck_on,
    volunteerFormOn: r.volunteer_form_on,
    introducedOn: r.introduced_on,
    meetingOn: r.meeting_on,
    approvedOn: r.approved_on,
    oathOn: r.oath_on,
    lessons,
  };
}

function toItem(
  r: {
    id: string;
    name: string;
    gender: Gender;
    birth_date: string;
    org_id: string;
    org_name: string;
    stage: DevelopmentStage;
    applied_on: string;
    talk_on: string | null;
    member_number: string | null;
    updated_at: unknown;
  },
  rules: DevelopmentRuleSet,
  today: string,
): ApplicationItem {
  return {
    id: r.id,
    name: r.name,
    gender: r.gender,
    birthDate: r.birth_date,
    orgId: r.org_id,
    orgName: r.org_name,
    stage: r.stage,
    stageLabel: developmentStageLabel[r.stage],
    nextStage: nextStage(r.stage),
    appliedOn: r.applied_on,
    talkDueBy: talkDueBy(r.applied_on, rules.development),
    talkOverdue: isTalkOverdue({ appliedOn: r.applied_on, talkOn: r.talk_on }, rules.development, today),
    memberNumber: r.member_number,
    updatedAt: asDate(r.updated_at),
  };
}

// ---------------------------------------------------------------- submit

export interface SubmitInput {
  orgId: string;
  name: string;
  gender: Gender;
  birthDate: string;
  ethnicity?: string;
  unitName?: string;
  reason?: string;
  appliedOn?: string;
}

export async function submit(
  tdb: TenantDb,
  scope: Scope,
  audit: AuditRecorder,
  input: SubmitInput,
  today: string,
): Promise<ApplicationDetail> {
  const org = await tdb
    .selectFrom('organisations')
    .select(['id', 'name', 'kind', 'path', 'status'])
    .where('id', '=', input.orgId)
    .executeTakeFirst();
  if (!org) throw notFound('团支部');
  if (org.kind !== 'branch') throw invalid('入团申请须向团支部递交');
  if (org.status !== 'active') throw invalid('该团支部已撤销或合并，不能接收入团申请');
  // Secretaries record applications within their subtree; members and admins may apply to any branch.
  if (scope.role === 'org_secretary' && !pathInScope(scope, org.path)) {
    throw forbiddenScope('只能为本组织范围内的团支部登记入团申请');
  }
  const appliedOn = input.appliedOn ?? today;
  if (appliedOn > today) throw invalid('申请日期不能晚于今天');
  if (input.birthDate >= appliedOn) throw invalid('出生日期须早于申请日期');
  const row = await tdb
    .insertInto('development_applications')
    .values({
      org_id: org.id,
      name: input.name,
      gender: input.gender,
      birth_date: input.birthDate,
      ethnicity: input.ethnicity ?? null,
      unit_name: input.unitName ?? null,
      reason: input.reason ?? null,
      submitted_by: scope.userId,
      applied_on: appliedOn,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  audit.target('development_application', row.id, { orgId: org.id, step: 'applied' });
  return get(tdb, scope, row.id, today, { skipScope: true });
}

// ---------------------------------------------------------------- read

function assertReader(scope: Scope) {
  if (scope.role !== 'district_admin' && scope.role !== 'org_secretary') {
    throw forbiddenRole('您的角色无权查看发展团员工作台账');
  }
}

export interface ListInput {
  page: number;
  pageSize: number;
  stage?: DevelopmentStage;
  orgId?: string;
  q?: string;
  talkOverdue?: boolean;
}

export async function list(
  tdb: TenantDb,
  scope: Scope,
  input: ListInput,
  today: string,
): Promise<{
  items: ApplicationItem[];
  total: number;
  page: number;
  pageSize: number;
  counts: Record<string, number>;
}> {
  assertReader(scope);
  const rules = await loadRules(tdb, today);
  let prefix = scope.org?.path ?? null;
  if (input.orgId) {
    const o = await tdb
      .selectFrom('organisations')
      .select('path')
      .where('id', '=', input.orgId)
      .executeTakeFirst();
    if (!o) throw notFound('组织');
    if (!pathInScope(scope, o.path)) throw forbiddenScope();
    prefix = o.path;
  }
  let q = tdb.selectFrom('development_applications as a').innerJoin('organisations as o', 'o.id', 'a.org_id');
  if (prefix) q = q.where('o.path', 'like', `${escapeLike(prefix)}%`);
  const text = input.q?.trim();
  if (text) q = q.where('a.name', 'like', `%${escapeLike(text)}%`);
  const countsRows = await q
    .select(['a.stage', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('a.stage')
    .execute();
  const counts: Record<string, number> = {};
  for (const c of countsRows) counts[c.stage] = Number(c.n);
  if (input.stage) q = q.where('a.stage', '=', input.stage);
  const rows = await q
    .select([
      'a.id',
      'a.name',
      'a.gender',
      'a.birth_date',
      'a.org_id',
      'o.name as org_name',
      'a.stage',
      'a.applied_on',
      'a.talk_on',
      'a.member_number',
      'a.updated_at',
    ])
    .orderBy('a.applied_on', 'desc')
    .orderBy('a.id')
    .execute();
  let items = rows.map((r) => toItem(r, rules, today));
  if (input.talkOverdue) items = items.filter((i) => i.talkOverdue);
  const total = items.length;
  items = items.slice((input.page - 1) * input.pageSize, input.page * input.pageSize);
  return { items, total, page: input.page, pageSize: input.pageSize, counts };
}

/** The nearest 团委 / 团工委 above the branch: it approves and holds the number block. */
async function approvingCommittee(tdb: TenantDb, orgPath: string) {
  const ids = orgPath.split('/').filter(Boolean);
  const orgs = await tdb
    .selectFrom('organisations')
    .select(['id', 'name', 'kind', 'path'])
    .where('id', 'in', ids)
    .execute();
  const byDepth = orgs
    .filter((o) => o.kind === 'league_committee' || o.kind === 'working_committee')
    .sort((a, b) => b.path.length - a.path.length);
  return byDepth.find((o) => o.path !== orgPath) ?? null;
}

function canTakeStep(
  scope: Scope,
  orgPath: string,
  step: DevelopmentStage | null,
  committee: { path: string } | null,
): boolean {
  if (step === null) return false;
  if (scope.role === 'district_admin') return true;
  if (scope.role !== 'org_secretary' || !pathInScope(scope, orgPath)) return false;
  // The superior committee pre-checks and approves: the acting scope must cover that committee.
  if (step === 'prechecked' || step === 'approved') {
    return committee !== null && pathInScope(scope, committee.path);
  }
  return true;
}

export async function get(
  tdb: TenantDb,
  scope: Scope,
  id: string,
  today: string,
  opts: { skipScope?: boolean } = {},
): Promise<ApplicationDetail> {
  const r = await loadRow(tdb, id);
  if (!r) throw notFound('入团申请');
  if (!opts.skipScope) {
    if (scope.role === 'member') {
      if (r.submitted_by !== scope.userId) throw forbiddenRole('只能查看本人提交的入团申请');
    } else {
      assertReader(scope);
      if (!pathInScope(scope, r.org_path)) throw forbiddenScope('该入团申请不在您管理的组织范围内');
    }
  }
  const rules = await loadRules(tdb, today);
  const lessonRows = await tdb
    .selectFrom('development_lessons')
    .select(['id', 'held_on', 'minutes', 'topic'])
    .where('application_id', '=', id)
    .orderBy('held_on')
    .execute();
  const lessons = lessonRows.map((l) => ({
    id: l.id,
    heldOn: l.held_on,
    hours: l.minutes / 60,
    topic: l.topic,
  }));
  const introIds = [r.introducer1_id, r.introducer2_id].filter((x): x is string => !!x);
  const introducers = introIds.length
    ? await tdb
        .selectFrom('members')
        .select(['id', 'name', 'member_number'])
        .where('id', 'in', introIds)
        .execute()
    : [];
  const committee = r.approving_org_id
    ? ((await tdb
        .selectFrom('organisations')
        .select(['id', 'name', 'path'])
        .where('id', '=', r.approving_org_id)
        .executeTakeFirst()) ?? null)
    : await approvingCommittee(tdb, r.org_path);
  const hours = lessonHoursUntil(
    lessons.map((l) => ({ on: l.heldOn, hours: l.hours })),
    '9999-12-31',
  );
  const d = (stage: DevelopmentStage, date: string | null, detail: string | null = null): TimelineEntry => ({
    stage,
    label: developmentStageLabel[stage],
    date,
    done: date !== null,
    detail,
  });
  const timeline: TimelineEntry[] = [
    d('applied', r.applied_on, r.unit_name),
    d(
      'talked',
      r.talk_on,
      r.talk_on && r.talk_on > talkDueBy(r.applied_on, rules.development)
        ? `谈话超过${rules.development.applicationTalkWithinMonths}个月时限（应于${cn(talkDueBy(r.applied_on, rules.development))}前）`
        : null,
    ),
    d(
      'activist',
      r.activist_on,
      r.activist_on
        ? `${r.activist_source === 'pioneer' ? '少先队推优' : '团员推荐'}；支部委员会确定；公示于${cn(r.activist_notice_on)}`
        : null,
    ),
    d('candidate', r.candidate_on, r.candidate_on ? `团课${hours}学时` : null),
    d(
      'prechecked',
      r.volunteer_form_on,
      r.precheck_on ? `预审${cn(r.precheck_on)}；发放入团志愿书${cn(r.volunteer_form_on)}` : null,
    ),
    d(
      'introduced',
      r.introduced_on,
      introducers.length ? `介绍人：${introducers.map((i) => i.name).join('、')}` : null,
    ),
    d(
      'voted',
      r.meeting_on,
      r.meeting_on
        ? `应到${r.meeting_entitled}人，实到${r.meeting_present}人，赞成${r.meeting_yes}票，反对${r.meeting_no}票`
        : null,
    ),
    d('approved', r.approved_on, r.member_number ? `团员编号 ${r.member_number}` : null),
    d('sworn', r.oath_on),
  ];
  const next = nextStage(r.stage);
  return {
    ...toItem(r, rules, today),
    ethnicity: r.ethnicity,
    unitName: r.unit_name,
    reason: r.reason,
    activistSource: r.activist_source,
    lessons,
    lessonHours: hours,
    cultivationEndsOn: r.activist_on ? cultivationEndsOn(r.activist_on, rules.development) : null,
    introducers: introducers.map((i) => ({ id: i.id, name: i.name, memberNumber: i.member_number })),
    meeting: r.meeting_on
      ? {
          on: r.meeting_on,
          entitled: r.meeting_entitled ?? 0,
          present: r.meeting_present ?? 0,
          yes: r.meeting_yes ?? 0,
          no: r.meeting_no ?? 0,
        }
      : null,
    approvingOrg: committee ? { id: committee.id, name: committee.name } : null,
    memberId: r.member_id,
    timeline,
    rules,
    canAdvance: scope.role !== 'member' && canTakeStep(scope, r.org_path, next, committee),
    joinDate: r.member_id ? r.meeting_on : null,
  };
}

/** Applications the acting user submitted (mini-program "my development progress"). */
export async function mine(tdb: TenantDb, scope: Scope, today: string): Promise<ApplicationDetail[]> {
  const rows = await tdb
    .selectFrom('development_applications')
    .select('id')
    .where('submitted_by', '=', scope.userId)
    .orderBy('applied_on', 'desc')
    .execute();
  const out: ApplicationDetail[] = [];
  for (const r of rows) out.push(await get(tdb, scope, r.id, today, { skipScope: true }));
  return out;
}

/** Applications whose next step the acting user may take (the secretary's to-do). */
export async function waiting(tdb: TenantDb, scope: Scope, today: string): Promise<ApplicationItem[]> {
  if (scope.role !== 'district_admin' && scope.role !== 'org_secretary') return [];
  const rules = await loadRules(tdb, today);
  let q = tdb
    .selectFrom('development_applications as a')
    .innerJoin('organisations as o', 'o.id', 'a.org_id')
    .where('a.stage', '!=', 'sworn');
  if (scope.org) q = q.where('o.path', 'like', `${escapeLike(scope.org.path)}%`);
  const rows = await q
    .select([
      'a.id',
      'a.name',
      'a.gender',
      'a.birth_date',
      'a.org_id',
      'o.name as org_name',
      'o.path as org_path',
      'a.stage',
      'a.applied_on',
      'a.talk_on',
      'a.member_number',
      'a.updated_at',
    ])
    .orderBy('a.applied_on')
    .execute();
  const out: ApplicationItem[] = [];
  for (const r of rows) {
    const next = nextStage(r.stage);
    const committee =
      next === 'prechecked' || next === 'approved' ? await approvingCommittee(tdb, r.org_path) : null;
    if (canTakeStep(scope, r.org_path, next, committee)) out.push(toItem(r, rules, today));
  }
  return out;
}

// ---------------------------------------------------------------- write

export async function addLesson(
  tdb: TenantDb,
  scope: Scope,
  audit: AuditRecorder,
  input: { applicationId: string; heldOn: string; hours: number; topic: string },
  today: string,
): Promise<ApplicationDetail> {
  const r = await loadRow(tdb, input.applicationId, true);
  if (!r) throw notFound('入团申请');
  if (!canTakeStep(scope, r.org_path, 'talked', null))
    throw forbiddenScope('该入团申请不在您管理的组织范围内');
  if (r.stage !== 'activist')
    throw invalid('团课学时在入团积极分子培养阶段记录（确定为入团积极分子之后、确定为发展对象之前）');
  if (input.heldOn > today) throw invalid('团课日期不能晚于今天');
  if (r.activist_on && input.heldOn < r.activist_on)
    throw invalid('团课日期不能早于确定为入团积极分子的日期');
  await tdb
    .insertInto('development_lessons')
    .values({
      application_id: r.id,
      held_on: input.heldOn,
      minutes: Math.round(input.hours * 60),
      topic: input.topic,
    })
    .execute();
  audit.target('development_application', r.id, { lesson: input });
  return get(tdb, scope, r.id, today);
}

export async function advance(
  tdb: TenantDb,
  scope: Scope,
  audit: AuditRecorder,
  input: { id: string } & DevelopmentAdvance,
  today: string,
): Promise<ApplicationDetail> {
  const r = await loadRow(tdb, input.id, true);
  if (!r) throw notFound('入团申请');
  if (
    scope.role !== 'district_admin' &&
    !(scope.role === 'org_secretary' && pathInScope(scope, r.org_path))
  ) {
    throw forbiddenScope('该入团申请不在您管理的组织范围内');
  }
  const committee = await approvingCommittee(tdb, r.org_path);
  if (!canTakeStep(scope, r.org_path, input.step, committee)) {
    throw forbiddenRole(
      `“${developmentStageLabel[input.step]}”须由上级团委（${committee?.name ?? '团委'}）或区县团委办理（《发展团员工作细则》）`,
    );
  }
  const { id: _id, ...step } = input;
  const onDate = 'approvedOn' in step ? step.approvedOn : 'candidateOn' in step ? step.candidateOn : today;
  const rules = await loadRules(tdb, onDate);
  const lessons = await tdb
    .selectFrom('development_lessons')
    .select(['held_on', 'minutes'])
    .where('application_id', '=', r.id)
    .execute();
  const record = toRecord(
    r,
    lessons.map((l) => ({ on: l.held_on, hours: l.minutes / 60 })),
  );
  const verdict = checkAdvance(record, step as DevelopmentAdvance, rules, today);
  if (!verdict.ok) throw invalid(verdict.reason);

  const now = tsValue(new Date());
  switch (step.step) {
    case 'talked':
      await tdb
        .updateTable('development_applications')
        .set({ stage: 'talked', talk_on: step.talkOn, updated_at: now })
        .where('id', '=', r.id)
        .execute();
      break;
    case 'activist':
      await tdb
        .updateTable('development_applications')
        .set({
          stage: 'activist',
          activist_on: step.activistOn,
          activist_source: step.source,
          activist_notice_on: step.noticeOn,
          updated_at: now,
        })
        .where('id', '=', r.id)
        .execute();
      break;
    case 'candidate':
      await tdb
        .updateTable('development_applications')
        .set({ stage: 'candidate', candidate_on: step.candidateOn, updated_at: now })
        .where('id', '=', r.id)
        .execute();
      break;
    case 'prechecked':
      await tdb
        .updateTable('development_applications')
        .set({
          stage: 'prechecked',
          precheck_on: step.precheckOn,
          volunteer_form_on: step.volunteerFormOn,
          updated_at: now,
        })
        .where('id', '=', r.id)
        .execute();
      break;
    case 'introduced': {
      const found = await tdb
        .selectFrom('members')
        .select(['id', 'name', 'status', 'member_number'])
        .where('id', 'in', [...step.introducerIds])
        .execute();
      for (const mid of step.introducerIds) {
        const m = found.find((f) => f.id === mid);
        if (!m) throw invalid('入团介绍人须为本单位的正式团员（《发展团员工作细则》）');
        if (m.status !== 'active' || !m.member_number) {
          throw invalid(`${m.name}不是在册正式团员，不能作入团介绍人（《发展团员工作细则》）`);
        }
      }
      await tdb
        .updateTable('development_applications')
        .set({
          stage: 'introduced',
          introducer1_id: step.introducerIds[0] ?? null,
          introducer2_id: step.introducerIds[1] ?? null,
          introduced_on: step.introducedOn,
          updated_at: now,
        })
        .where('id', '=', r.id)
        .execute();
      break;
    }
    case 'voted':
      await tdb
        .updateTable('development_applications')
        .set({
          stage: 'voted',
          meeting_on: step.meetingOn,
          meeting_entitled: step.entitled,
          meeting_present: step.present,
          meeting_yes: step.yes,
          meeting_no: step.no,
          updated_at: now,
        })
        .where('id', '=', r.id)
        .execute();
      break;
    case 'approved': {
      if (!committee)
        throw invalid('该团支部没有上级团委，无法批准入团及分配团员编号（《发展团员工作细则》）');
      const year = Number(step.approvedOn.slice(0, 4));
      const drawn = await drawMemberNumber(tdb, committee.id, committee.name, year, step.approvedOn);
      const member = await tdb
        .insertInto('members')
        .values({
          org_id: r.org_id,
          name: r.name,
          gender: r.gender,
          ethnicity: r.ethnicity,
          birth_date: r.birth_date,
          // 团籍 counts from the branch general meeting's date.
          join_date: r.meeting_on,
          member_number: drawn.number,
          status: 'active',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await tdb
        .updateTable('development_applications')
        .set({
          stage: 'approved',
          approved_on: step.approvedOn,
          approving_org_id: committee.id,
          number_block_id: drawn.blockId,
          member_number: drawn.number,
          member_id: member.id,
          updated_at: now,
        })
        .where('id', '=', r.id)
        .execute();
      audit.target('development_application', r.id, { memberId: member.id, memberNumber: drawn.number });
      break;
    }
    case 'sworn':
      await tdb
        .updateTable('development_applications')
        .set({ stage: 'sworn', oath_on: step.oathOn, updated_at: now })
        .where('id', '=', r.id)
        .execute();
      break;
  }
  audit.target('development_application', r.id, { step: step.step });
  return get(tdb, scope, r.id, today);
}
