/**
 * 两制 (MEM-6): 团员教育评议 per branch and year, and 年度团籍注册 derived from it.
 */
import {
  checkEvaluationRound,
  checkReassessDate,
  EVALUATION_RULE_SOURCE,
  type EvaluationGrade,
  evaluationGradeLabel,
  excellentCap,
  mayRegister,
  reassessWindow,
  registrationRefusal,
} from '@tuanjian/domain';
import type { AuditRecorder } from '../../audit';
import { tsValue } from '../../db-types';
import { appError, forbiddenRole, forbiddenScope, notFound } from '../../errors';
import { pathInScope, type Scope, type TenantDb } from '../scope';
import { ruleOn } from './rules';

const invalid = (message: string) => appError('PRECONDITION_FAILED', 'INVALID_STATE', message);

type RegStatus = 'registered' | 'not_registered' | 'deferred';

export interface RosterMember {
  id: string;
  name: string;
  memberNumber: string | null;
  grade: EvaluationGrade | null;
  gradeLabel: string | null;
  registration: {
    status: RegStatus;
    decidedOn: string;
    reassessFrom: string | null;
    reassessTo: string | null;
    reassessedOn: string | null;
    reason: string | null;
  } | null;
}

export interface Roster {
  org: { id: string; name: string };
  year: number;
  round: { id: string; heldOn: string; entitled: number; present: number } | null;
  members: RosterMember[];
  rules: {
    quorumFraction: number;
    excellentMaxPercent: number;
    reassessAfterMonthsMin: number;
    reassessAfterMonthsMax: number;
    source: string;
  };
  /** 优秀 allowed if every active member is evaluated. */
  excellentCapForAll: number;
}

async function branchInScope(tdb: TenantDb, scope: Scope, orgId: string) {
  if (scope.role !== 'district_admin' && scope.role !== 'org_secretary') {
    throw forbiddenRole('您的角色无权办理团员教育评议和团籍注册');
  }
  const org = await tdb
    .selectFrom('organisations')
    .select(['id', 'name', 'kind', 'path'])
    .where('id', '=', orgId)
    .executeTakeFirst();
  if (!org) throw notFound('团支部');
  if (!pathInScope(scope, org.path)) throw forbiddenScope();
  if (org.kind !== 'branch') throw invalid('团员教育评议和团籍注册以团支部为单位进行');
  return org;
}

export async function roster(tdb: TenantDb, scope: Scope, orgId: string, year: number): Promise<Roster> {
  const org = await branchInScope(tdb, scope, orgId);
  const onDate = `${year}-12-31`;
  const [ev, reg] = await Promise.all([
    ruleOn(tdb, 'member.evaluation', onDate),
    ruleOn(tdb, 'member.registration', onDate),
  ]);
  const round = await tdb
    .selectFrom('evaluation_rounds')
    .select(['id', 'held_on', 'entitled', 'present'])
    .where('org_id', '=', org.id)
    .where('year', '=', year)
    .orderBy('held_on', 'desc')
    .executeTakeFirst();
  const members = await tdb
    .selectFrom('members')
    .select(['id', 'name', 'member_number'])
    .where('org_id', '=', org.id)
    .where('status', '=', 'active')
    .orderBy('name')
    .execute();
  const grades = round
    ? await tdb
        .selectFrom('evaluation_grades')
        .select(['member_id', 'grade'])
        .where('round_id', '=', round.id)
        .execute()
    : [];
  const regs = members.length
    ? await tdb
        .selectFrom('registrations')
        .selectAll()
        .where('year', '=', year)
        .where(
          'member_id',
          'in',
          members.map((m) => m.id),
        )
        .execute()
    : [];
  return {
    org: { id: org.id, name: org.name },
    year,
    round: round
      ? { id: round.id, heldOn: round.held_on, entitled: round.entitled, present: round.present }
      : null,
    members: members.map((m) => {
      const g = grades.find((x) => x.member_id === m.id)?.grade ?? null;
      const r = regs.find((x) => x.member_id === m.id);
      return {
        id: m.id,
        name: m.name,
        memberNumber: m.member_number,
        grade: g,
        gradeLabel: g ? evaluationGradeLabel[g] : null,
        registration: r
          ? {
              status: r.status,
              decidedOn: r.decided_on,
              reassessFrom: r.reassess_from,
              reassessTo: r.reassess_to,
              reassessedOn: r.reassessed_on,
              reason: r.reason,
            }
          : null,
      };
    }),
    rules: {
      quorumFraction: ev.quorumFraction,
      excellentMaxPercent: ev.excellentMaxPercent,
      reassessAfterMonthsMin: reg.reassessAfterMonthsMin,
      reassessAfterMonthsMax: reg.reassessAfterMonthsMax,
      source: EVALUATION_RULE_SOURCE,
    },
    excellentCapForAll: excellentCap(members.length, ev.excellentMaxPercent),
  };
}

export async function record(
  tdb: TenantDb,
  scope: Scope,
  audit: AuditRecorder,
  input: {
    orgId: string;
    year: number;
    heldOn: string;
    present: number;
    grades: { memberId: string; grade: EvaluationGrade }[];
  },
  today: string,
): Promise<Roster> {
  const org = await branchInScope(tdb, scope, input.orgId);
  if (input.heldOn > today) throw invalid('评议日期不能晚于今天');
  if (Number(input.heldOn.slice(0, 4)) !== input.year) throw invalid('评议日期须在评议年度之内');
  // Serialise rounds of one branch.
  await tdb.selectFrom('organisations').select('id').where('id', '=', org.id).forUpdate().execute();
  const ev = await ruleOn(tdb, 'member.evaluation', input.heldOn);
  const existing = await tdb
    .selectFrom('evaluation_rounds')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('org_id', '=', org.id)
    .where('year', '=', input.year)
    .executeTakeFirstOrThrow();
  if (Number(existing.n) >= ev.perYear) {
    throw invalid(
      `团员教育评议每年进行${ev.perYear}次，${org.name}${input.year}年度已评议（${EVALUATION_RULE_SOURCE}）`,
    );
  }
  const members = await tdb
    .selectFrom('members')
    .select(['id', 'name'])
    .where('org_id', '=', org.id)
    .where('status', '=', 'active')
    .execute();
  const ids = new Set(members.map((m) => m.id));
  const seen = new Set<string>();
  for (const g of input.grades) {
    if (!ids.has(g.memberId)) throw invalid('评议名单中有不属于本团支部的团员');
    if (seen.has(g.memberId)) throw invalid('同一团员不能重复评定等次');
    seen.add(g.memberId);
  }
  const verdict = checkEvaluationRound(
    { entitled: members.length, present: input.present, grades: input.grades.map((g) => g.grade) },
    ev,
  );
  if (!verdict.ok) throw invalid(verdict.reason);
  const round = await tdb
    .insertInto('evaluation_rounds')
    .values({
      org_id: org.id,
      year: input.year,
      held_on: input.heldOn,
      entitled: members.length,
      present: input.present,
      created_by: scope.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (input.grades.length) {
    await tdb
      .insertInto('evaluation_grades')
      .values(
        input.grades.map((g) => ({ round_id: round.id, member_id: g.memberId, grade: g.grade, note: null })),
      )
      .execute();
  }
  audit.target('evaluation_round', round.id, {
    orgId: org.id,
    year: input.year,
    evaluated: input.grades.length,
  });
  return roster(tdb, scope, org.id, input.year);
}

/** Registers every graded member of the branch: 基本合格 or better → registered; 不合格 → not registered. */
export async function register(
  tdb: TenantDb,
  scope: Scope,
  audit: AuditRecorder,
  input: { orgId: string; year: number; decidedOn: string },
  today: string,
): Promise<Roster> {
  const org = await branchInScope(tdb, scope, input.orgId);
  if (input.decidedOn > today) throw invalid('注册日期不能晚于今天');
  const reg = await ruleOn(tdb, 'member.registration', input.decidedOn);
  const current = await roster(tdb, scope, org.id, input.year);
  if (!current.round)
    throw invalid(`${org.name}${input.year}年度尚未进行团员教育评议，不能注册（${EVALUATION_RULE_SOURCE}）`);
  if (input.decidedOn < current.round.heldOn) throw invalid('注册日期不能早于评议日期');
  let n = 0;
  for (const m of current.members) {
    if (!m.grade || m.registration) continue;
    const ok = mayRegister(m.grade);
    const w = ok ? null : reassessWindow(current.round.heldOn, reg);
    await tdb
      .insertInto('registrations')
      .values({
        member_id: m.id,
        year: input.year,
        status: ok ? 'registered' : 'not_registered',
        grade: m.grade,
        decided_on: input.decidedOn,
        reassess_from: w?.from ?? null,
        reassess_to: w?.to ?? null,
        reason: registrationRefusal(m.grade, current.round.heldOn, reg),
      })
      .execute();
    n++;
  }
  audit.target('registration', org.id, { year: input.year, decided: n });
  return roster(tdb, scope, org.id, input.year);
}

async function memberInScope(tdb: TenantDb, scope: Scope, memberId: string) {
  const m = await tdb
    .selectFrom('members as m')
    .innerJoin('organisations as o', 'o.id', 'm.org_id')
    .select(['m.id', 'm.name', 'm.org_id', 'o.path'])
    .where('m.id', '=', memberId)
    .executeTakeFirst();
  if (!m) throw notFound('团员');
  await branchInScope(tdb, scope, m.org_id);
  return m;
}

/** 暂缓注册: recorded with its reason (e.g. not evaluated, away). */
export async function defer(
  tdb: TenantDb,
  scope: Scope,
  audit: AuditRecorder,
  input: { memberId: string; year: number; decidedOn: string; reason: string },
  today: string,
): Promise<Roster> {
  const m = await memberInScope(tdb, scope, input.memberId);
  if (input.decidedOn > today) throw invalid('日期不能晚于今天');
  const existing = await tdb
    .selectFrom('registrations')
    .select(['id', 'status'])
    .where('member_id', '=', m.id)
    .where('year', '=', input.year)
    .executeTakeFirst();
  if (existing && existing.status === 'registered') throw invalid(`${m.name}${input.year}年度已注册`);
  if (existing) {
    await tdb
      .updateTable('registrations')
      .set({
        status: 'deferred',
        reason: input.reason,
        decided_on: input.decidedOn,
        updated_at: tsValue(new Date()),
      })
      .where('id', '=', existing.id)
      .execute();
  } else {
    await tdb
      .insertInto('registrations')
      .values({
        member_id: m.id,
        year: input.year,
        status: 'deferred',
        decided_on: input.decidedOn,
        reason: input.reason,
      })
      .execute();
  }
  audit.target('registration', m.id, { year: input.year, status: 'deferred' });
  return roster(tdb, scope, m.org_id, input.year);
}

/** Re-assessment of a 不合格 / deferred member: within the window, 基本合格 or better registers. */
export async function reassess(
  tdb: TenantDb,
  scope: Scope,
  audit: AuditRecorder,
  input: { memberId: string; year: number; reassessedOn: string; grade: EvaluationGrade },
  today: string,
): Promise<Roster> {
  const m = await memberInScope(tdb, scope, input.memberId);
  if (input.reassessedOn > today) throw invalid('再评议日期不能晚于今天');
  const r = await tdb
    .selectFrom('registrations')
    .selectAll()
    .where('member_id', '=', m.id)
    .where('year', '=', input.year)
    .executeTakeFirst();
  if (!r || r.status === 'registered') throw invalid(`${m.name}${input.year}年度没有待再评议的注册记录`);
  if (r.status === 'not_registered') {
    const reg = await ruleOn(tdb, 'member.registration', input.reassessedOn);
    const round = await tdb
      .selectFrom('evaluation_rounds as e')
      .innerJoin('evaluation_grades as g', 'g.round_id', 'e.id')
      .select('e.held_on')
      .where('g.member_id', '=', m.id)
      .where('e.year', '=', input.year)
      .executeTakeFirst();
    const v = checkReassessDate(round?.held_on ?? r.decided_on, input.reassessedOn, reg);
    if (!v.ok) throw invalid(v.reason);
  }
  const ok = mayRegister(input.grade);
  await tdb
    .updateTable('registrations')
    .set({
      status: ok ? 'registered' : 'not_registered',
      reassessed_on: input.reassessedOn,
      reassess_grade: input.grade,
      reason: ok ? r.reason : `再评议仍为不合格，不予注册（${EVALUATION_RULE_SOURCE}）`,
      updated_at: tsValue(new Date()),
    })
    .where('id', '=', r.id)
    .execute();
  audit.target('registration', m.id, { year: input.year, reassess: input.grade });
  return roster(tdb, scope, m.org_id, input.year);
}
