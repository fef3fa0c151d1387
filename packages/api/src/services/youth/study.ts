/**
 * 青年大学习 records: the week view of a scope (who has not completed this week's session), the
 * sessions and imports, a member's own record, and the participation rate the star rating reads.
 * Members counted for a branch are those it is responsible for (`responsible.ts`, MEM-8).
 */
import {
  recentStudyWeeks,
  studyPermille,
  studyWeekEnd,
  studyWeekLabel,
  studyWeekStart,
  todayInShanghai,
} from '@tuanjian/domain';
import { asDate } from '../../db-types';
import { forbiddenRole } from '../../errors';
import { getOrgInScope } from '../organisations';
import type { Scope, TenantDb } from '../scope';
import { assertStudyManager, studyRule } from './access';
import { type ResponsibleMember, responsibleMembers } from './responsible';

async function completedIn(
  tdb: TenantDb,
  weekStart: string,
  memberIds: string[],
): Promise<Map<string, string | null>> {
  const out = new Map<string, string | null>();
  for (let i = 0; i < memberIds.length; i += 1000) {
    const rows = await tdb
      .selectFrom('youth_study_completions as c')
      .innerJoin('youth_study_sessions as s', 's.id', 'c.session_id')
      .select(['c.member_id', 'c.completed_on'])
      .where('s.week_start', '=', weekStart)
      .where('c.member_id', 'in', memberIds.slice(i, i + 1000))
      .execute();
    for (const r of rows) out.set(r.member_id, r.completed_on);
  }
  return out;
}

export interface StudyWeekMember {
  memberId: string;
  name: string;
  memberNumber: string | null;
  orgId: string;
  orgName: string;
  mobile: boolean;
  completed: boolean;
  completedOn: string | null;
}

export interface StudyWeekView {
  weekStart: string;
  weekEnd: string;
  label: string;
  sessionLabel: string | null;
  /** Has any completion list been imported for this week? */
  imported: boolean;
  isCurrentWeek: boolean;
  scopeName: string;
  total: number;
  completed: number;
  permille: number | null;
  notCompleted: StudyWeekMember[];
  completedMembers: StudyWeekMember[];
  branches: { orgId: string; orgName: string; total: number; completed: number; permille: number | null }[];
  rule: { version: number; source: string };
}

/** A week's completion in a scope (default: this Shanghai week, the acting scope). */
export async function weekView(
  tdb: TenantDb,
  scope: Scope,
  input: { weekStart?: string; orgId?: string },
  now: Date,
): Promise<StudyWeekView> {
  assertStudyManager(scope);
  const today = todayInShanghai(now);
  const rule = await studyRule(tdb, today);
  const current = studyWeekStart(today, rule.value.weekStartsOn);
  const weekStart = studyWeekStart(input.weekStart ?? today, rule.value.weekStartsOn);
  const org = input.orgId ? await getOrgInScope(tdb, scope, input.orgId) : null;
  const path = org?.path ?? scope.org?.path ?? null;
  const members = await responsibleMembers(tdb, path);
  const done = await completedIn(
    tdb,
    weekStart,
    members.map((m) => m.id),
  );
  const session = await tdb
    .selectFrom('youth_study_sessions')
    .select(['id', 'label'])
    .where('week_start', '=', weekStart)
    .executeTakeFirst();
  const rows: StudyWeekMember[] = members.map((m) => ({
    memberId: m.id,
    name: m.name,
    memberNumber: m.memberNumber,
    orgId: m.orgId,
    orgName: m.orgName,
    mobile: m.mobile,
    completed: done.has(m.id),
    completedOn: done.get(m.id) ?? null,
  }));
  const branches = new Map<string, { orgId: string; orgName: string; total: number; completed: number }>();
  for (const r of rows) {
    const b = branches.get(r.orgId) ?? { orgId: r.orgId, orgName: r.orgName, total: 0, completed: 0 };
    b.total++;
    if (r.completed) b.completed++;
    branches.set(r.orgId, b);
  }
  const completed = rows.filter((r) => r.completed).length;
  return {
    weekStart,
    weekEnd: studyWeekEnd(weekStart),
    label: studyWeekLabel(weekStart),
    sessionLabel: session?.label ?? null,
    imported: !!session,
    isCurrentWeek: weekStart === current,
    scopeName: org?.name ?? scope.org?.name ?? scope.tenant.name,
    total: rows.length,
    completed,
    permille: studyPermille(completed, rows.length),
    notCompleted: rows.filter((r) => !r.completed),
    completedMembers: rows.filter((r) => r.completed),
    branches: [...branches.values()].map((b) => ({ ...b, permille: studyPermille(b.completed, b.total) })),
    rule: { version: rule.version, source: rule.source },
  };
}

export interface StudySessionRow {
  weekStart: string;
  weekEnd: string;
  label: string;
  sessionLabel: string | null;
  total: number;
  completed: number;
  permille: number | null;
}

/** Imported sessions of a year (by week start) with completion in the scope, newest first. */
export async function sessions(
  tdb: TenantDb,
  scope: Scope,
  input: { year: number; orgId?: string },
): Promise<StudySessionRow[]> {
  assertStudyManager(scope);
  const org = input.orgId ? await getOrgInScope(tdb, scope, input.orgId) : null;
  const members = await responsibleMembers(tdb, org?.path ?? scope.org?.path ?? null);
  const list = await tdb
    .selectFrom('youth_study_sessions')
    .select(['id', 'week_start', 'label'])
    .where('week_start', '>=', `${input.year}-01-01`)
    .where('week_start', '<=', `${input.year}-12-31`)
    .orderBy('week_start', 'desc')
    .execute();
  const counts = await completionCounts(
    tdb,
    list.map((s) => s.id),
    members,
  );
  return list.map((s) => ({
    weekStart: s.week_start,
    weekEnd: studyWeekEnd(s.week_start),
    label: studyWeekLabel(s.week_start),
    sessionLabel: s.label,
    total: members.length,
    completed: counts.get(s.id) ?? 0,
    permille: studyPermille(counts.get(s.id) ?? 0, members.length),
  }));
}

async function completionCounts(
  tdb: TenantDb,
  sessionIds: string[],
  members: ResponsibleMember[],
): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (sessionIds.length === 0 || members.length === 0) return out;
  const ids = members.map((m) => m.id);
  for (let i = 0; i < ids.length; i += 1000) {
    const rows = await tdb
      .selectFrom('youth_study_completions')
      .select(['session_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('session_id', 'in', sessionIds)
      .where('member_id', 'in', ids.slice(i, i + 1000))
      .groupBy('session_id')
      .execute();
    for (const r of rows) out.set(r.session_id, (out.get(r.session_id) ?? 0) + Number(r.n));
  }
  return out;
}

/**
 * 青年大学习 participation of an organisation's subtree in a year, for the star rating: completions
 * of the members it is responsible for now, over (members × sessions imported that year). Null when
 * no session of the year was imported or it has no member (the rating treats null as unreported).
 */
export async function participationPermille(
  tdb: TenantDb,
  orgPath: string,
  year: number,
): Promise<{ permille: number | null; sessions: number; members: number; completions: number }> {
  const members = await responsibleMembers(tdb, orgPath);
  const list = await tdb
    .selectFrom('youth_study_sessions')
    .select('id')
    .where('week_start', '>=', `${year}-01-01`)
    .where('week_start', '<=', `${year}-12-31`)
    .execute();
  const counts = await completionCounts(
    tdb,
    list.map((s) => s.id),
    members,
  );
  const completions = [...counts.values()].reduce((a, b) => a + b, 0);
  return {
    permille: studyPermille(completions, members.length * list.length),
    sessions: list.length,
    members: members.length,
    completions,
  };
}

export interface MyStudy {
  thisWeek: { weekStart: string; label: string; completed: boolean; completedOn: string | null };
  weeks: {
    weekStart: string;
    label: string;
    sessionLabel: string | null;
    imported: boolean;
    completed: boolean;
    completedOn: string | null;
  }[];
  year: { sessions: number; completed: number; permille: number | null };
}

/** A member's own record: this week, the last weeks (rule `lookbackWeeks`) and this year's rate. */
export async function mine(tdb: TenantDb, scope: Scope, now: Date): Promise<MyStudy> {
  if (scope.role !== 'member' || !scope.memberId)
    throw forbiddenRole('仅团员本人可以查看自己的青年大学习记录');
  const today = todayInShanghai(now);
  const rule = (await studyRule(tdb, today)).value;
  const weeks = recentStudyWeeks(today, rule.lookbackWeeks, rule.weekStartsOn);
  const year = today.slice(0, 4);
  const [sess, done] = await Promise.all([
    tdb
      .selectFrom('youth_study_sessions')
      .select(['id', 'week_start', 'label'])
      .where((eb) =>
        eb.or([
          eb('week_start', 'in', weeks),
          eb.and([eb('week_start', '>=', `${year}-01-01`), eb('week_start', '<=', `${year}-12-31`)]),
        ]),
      )
      .execute(),
    tdb
      .selectFrom('youth_study_completions as c')
      .innerJoin('youth_study_sessions as s', 's.id', 'c.session_id')
      .select(['s.week_start', 'c.completed_on'])
      .where('c.member_id', '=', scope.memberId)
      .execute(),
  ]);
  const doneBy = new Map(done.map((d) => [d.week_start, d.completed_on]));
  const labelBy = new Map(sess.map((s) => [s.week_start, s.label]));
  const yearSessions = sess.filter((s) => s.week_start.startsWith(year));
  const yearDone = yearSessions.filter((s) => doneBy.has(s.week_start)).length;
  const first = weeks[0] as string;
  return {
    thisWeek: {
      weekStart: first,
      label: studyWeekLabel(first),
      completed: doneBy.has(first),
      completedOn: doneBy.get(first) ?? null,
    },
    weeks: weeks.map((w) => ({
      weekStart: w,
      label: studyWeekLabel(w),
      sessionLabel: labelBy.get(w) ?? null,
      imported: labelBy.has(w),
      completed: doneBy.has(w),
      completedOn: doneBy.get(w) ?? null,
    })),
    year: {
      sessions: yearSessions.length,
      completed: yearDone,
      permille: studyPermille(yearDone, yearSessions.length),
    },
  };
}

/** Has the member completed this week's session? (for the member's to-do) */
export async function memberMissingThisWeek(tdb: TenantDb, memberId: string, now: Date): Promise<boolean> {
  const today = todayInShanghai(now);
  const rule = (await studyRule(tdb, today)).value;
  const week = studyWeekStart(today, rule.weekStartsOn);
  const done = await completedIn(tdb, week, [memberId]);
  return !done.has(memberId);
}

export interface StudyImportRow {
  id: string;
  fileName: string;
  weekStart: string | null;
  weeks: string[];
  totalRows: number;
  recordedRows: number;
  alreadyRows: number;
  errorRows: number;
  errors: { row: number; message: string }[];
  createdByName: string;
  createdAt: Date;
}

/** Imports: district_admin sees all of the tenant's, a secretary its own. */
export async function imports(tdb: TenantDb, scope: Scope): Promise<StudyImportRow[]> {
  assertStudyManager(scope);
  let q = tdb.selectFrom('youth_study_imports').selectAll().orderBy('created_at', 'desc').limit(50);
  if (scope.role !== 'district_admin') q = q.where('created_by', '=', scope.userId);
  const rows = await q.execute();
  return rows.map((r) => ({
    id: r.id,
    fileName: r.file_name,
    weekStart: r.week_start,
    weeks: (typeof r.weeks === 'string' ? parsePgArray(r.weeks) : r.weeks) as string[],
    totalRows: r.total_rows,
    recordedRows: r.recorded_rows,
    alreadyRows: r.already_rows,
    errorRows: r.error_rows,
    errors: typeof r.errors === 'string' ? JSON.parse(r.errors) : r.errors,
    createdByName: r.created_by_name,
    createdAt: asDate(r.created_at),
  }));
}

function parsePgArray(v: string): string[] {
  return v
    .replace(/^\{|\}$/g, '')
    .split(',')
    .filter(Boolean);
}
