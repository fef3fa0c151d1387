/**
 * SUP-4 每月述职, the city's side (platform handle): a session per month with 5–8 organisations of the
 * district tenants (rule `hearing.monthly`), the city's comments, and the status of each 整改报告 and
 * its tasks with the overdue flags (Asia/Shanghai dates).
 */
import type { PlatformDatabase } from '@tuanjian/db';
import { withTenant } from '@tuanjian/db';
import {
  checkHearingSize,
  type ReportStatus,
  reportDueOn,
  reportStatus,
  reportStatusLabel,
  taskOverdue,
  todayInShanghai,
} from '@tuanjian/domain';
import type { Kysely } from 'kysely';
import { asDate } from '../../db-types';
import { appError, notFound } from '../../errors';
import { ruleVersionOn } from '../assessment/rules';

type Db = Kysely<PlatformDatabase>;

const invalid = (message: string) => appError('PRECONDITION_FAILED', 'INVALID_STATE', message);

export interface CandidateOrg {
  orgId: string;
  name: string;
  kind: string;
  secretaryName: string | null;
}

async function districtTenant(db: Db, tenantId: string) {
  const t = await db
    .selectFrom('platform.tenants')
    .select(['id', 'name', 'code', 'kind', 'status', 'schema_name', 'db_role'])
    .where('id', '=', tenantId)
    .executeTakeFirst();
  if (t?.kind !== 'district' || t.status !== 'active') throw notFound('区县团委');
  return t;
}

/** Organisations of a tenant a secretary can report for (committees and branches), with the secretary. */
export async function candidates(db: Db, tenantId: string, q?: string): Promise<CandidateOrg[]> {
  const t = await districtTenant(db, tenantId);
  return withTenant(db, t, async (tdb) => {
    let query = tdb
      .selectFrom('organisations as o')
      .leftJoin('org_leaders as l', (j) =>
        j.onRef('l.org_id', '=', 'o.id').on('l.position', '=', 'secretary').on('l.term_end', 'is', null),
      )
      .select(['o.id', 'o.name', 'o.kind', 'l.name as secretary'])
      .where('o.status', '=', 'active')
      .where('o.kind', 'in', ['league_committee', 'working_committee', 'general_branch', 'branch']);
    if (q?.trim()) query = query.where('o.name', 'like', `%${q.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    const rows = await query.orderBy('o.path').limit(200).execute();
    const out: CandidateOrg[] = [];
    const seen = new Set<string>();
    for (const r of rows) {
      if (seen.has(r.id)) continue;
      seen.add(r.id);
      out.push({ orgId: r.id, name: r.name, kind: r.kind, secretaryName: r.secretary ?? null });
    }
    return out;
  });
}

export interface ScheduleInput {
  heldOn: string;
  venue?: string | null;
  speakers: { tenantId: string; orgId: string; secretaryName: string }[];
}

/** Schedules a month's hearing. Not in a transaction of the caller: reads the tenants first. */
export async function schedule(db: Db, input: ScheduleInput, userId: string): Promise<{ id: string }> {
  const month = input.heldOn.slice(0, 7);
  const rule = await ruleVersionOn(db, 'hearing.monthly', input.heldOn);
  const sizeError = checkHearingSize(input.speakers.length, rule.value);
  if (sizeError) throw invalid(sizeError);
  const keys = new Set(input.speakers.map((s) => `${s.tenantId}/${s.orgId}`));
  if (keys.size !== input.speakers.length) throw invalid('同一组织不能在同一月重复安排述职');
  const exists = await db
    .selectFrom('platform.hearing_sessions')
    .select('id')
    .where('month', '=', month)
    .executeTakeFirst();
  if (exists)
    throw appError('CONFLICT', 'CONFLICT', `${month.slice(0, 4)}年${Number(month.slice(5))}月的述职已安排`);
  // The organisations' names, read in their tenants.
  const names = new Map<string, string>();
  for (const tenantId of new Set(input.speakers.map((s) => s.tenantId))) {
    const t = await districtTenant(db, tenantId);
    const ids = input.speakers.filter((s) => s.tenantId === tenantId).map((s) => s.orgId);
    const rows = await withTenant(db, t, (tdb) =>
      tdb
        .selectFrom('organisations')
        .select(['id', 'name'])
        .where('id', 'in', ids)
        .where('status', '=', 'active')
        .execute(),
    );
    for (const r of rows) names.set(`${tenantId}/${r.id}`, r.name);
    const missing = ids.filter((id) => !names.has(`${tenantId}/${id}`));
    if (missing.length > 0) throw invalid(`${t.name}中没有所选的组织，或该组织已撤销`);
  }
  const due = reportDueOn(input.heldOn, rule.value);
  return db.transaction().execute(async (trx) => {
    const s = await trx
      .insertInto('platform.hearing_sessions')
      .values({
        month,
        held_on: input.heldOn,
        venue: input.venue?.trim() || null,
        report_due_days: rule.value.reportDueDays,
        rule_version: rule.version,
        created_by: userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('platform.hearing_speakers')
      .values(
        input.speakers.map((sp, i) => ({
          session_id: s.id,
          tenant_id: sp.tenantId,
          org_id: sp.orgId,
          org_name: names.get(`${sp.tenantId}/${sp.orgId}`) ?? '',
          secretary_name: sp.secretaryName.trim(),
          position: i + 1,
          report_due_on: due,
        })),
      )
      .execute();
    return { id: s.id };
  });
}

export interface HearingTask {
  id: string;
  title: string;
  dueOn: string;
  doneOn: string | null;
  doneNote: string | null;
  overdue: boolean;
}

export interface SpeakerItem {
  id: string;
  sessionId: string;
  month: string;
  heldOn: string;
  tenantId: string;
  tenantName: string;
  orgId: string;
  orgName: string;
  secretaryName: string;
  comments: string | null;
  reportDueOn: string;
  reportStatus: ReportStatus;
  reportStatusLabel: string;
  report: { id: string; summary: string; submittedAt: Date } | null;
  tasks: HearingTask[];
  overdueTasks: number;
  /** Report overdue (not filed in time, still missing) or a task overdue. */
  flagged: boolean;
}

type SpeakerRow = {
  id: string;
  session_id: string;
  month: string;
  held_on: string;
  tenant_id: string;
  tenant_name: string;
  org_id: string;
  org_name: string;
  secretary_name: string;
  comments: string | null;
  report_due_on: string;
};

/** Speakers with their reports and tasks; `q` is the platform handle or the tenant's transaction. */
export async function speakerItems(
  q: Kysely<PlatformDatabase>,
  rows: SpeakerRow[],
  today: string,
): Promise<SpeakerItem[]> {
  const ids = rows.map((r) => r.id);
  const reports = ids.length
    ? await q
        .selectFrom('platform.hearing_reports')
        .select(['id', 'speaker_id', 'summary', 'submitted_at'])
        .where('speaker_id', 'in', ids)
        .execute()
    : [];
  const reportIds = reports.map((r) => r.id);
  const tasks = reportIds.length
    ? await q
        .selectFrom('platform.hearing_tasks')
        .selectAll()
        .where('report_id', 'in', reportIds)
        .orderBy('position')
        .execute()
    : [];
  return rows.map((r) => {
    const rep = reports.find((x) => x.speaker_id === r.id);
    const submittedAt = rep ? asDate(rep.submitted_at) : null;
    const status = reportStatus(r.report_due_on, submittedAt, today);
    const ts = rep
      ? tasks
          .filter((t) => t.report_id === rep.id)
          .map((t) => ({
            id: t.id,
            title: t.title,
            dueOn: t.due_on,
            doneOn: t.done_on,
            doneNote: t.done_note,
            overdue: taskOverdue(t.due_on, t.done_on, today),
          }))
      : [];
    const overdueTasks = ts.filter((t) => t.overdue).length;
    return {
      id: r.id,
      sessionId: r.session_id,
      month: r.month,
      heldOn: r.held_on,
      tenantId: r.tenant_id,
      tenantName: r.tenant_name,
      orgId: r.org_id,
      orgName: r.org_name,
      secretaryName: r.secretary_name,
      comments: r.comments,
      reportDueOn: r.report_due_on,
      reportStatus: status,
      reportStatusLabel: reportStatusLabel[status],
      report: rep && submittedAt ? { id: rep.id, summary: rep.summary, submittedAt } : null,
      tasks: ts,
      overdueTasks,
      flagged: status === 'overdue' || overdueTasks > 0,
    };
  });
}

export const speakerColumns = [
  's.id',
  's.session_id',
  'h.month',
  'h.held_on',
  's.tenant_id',
  't.name as tenant_name',
  's.org_id',
  's.org_name',
  's.secretary_name',
  's.comments',
  's.report_due_on',
] as const;

export interface SessionSummary {
  id: string;
  month: string;
  heldOn: string;
  venue: string | null;
  speakerCount: number;
  filedCount: number;
  overdueReports: number;
  overdueTasks: number;
}

export interface SessionDetail extends SessionSummary {
  reportDueDays: number;
  speakers: SpeakerItem[];
}

async function sessionSpeakers(db: Db, sessionIds: string[], today: string) {
  if (sessionIds.length === 0) return [];
  const rows = await db
    .selectFrom('platform.hearing_speakers as s')
    .innerJoin('platform.hearing_sessions as h', 'h.id', 's.session_id')
    .innerJoin('platform.tenants as t', 't.id', 's.tenant_id')
    .select(speakerColumns)
    .where('s.session_id', 'in', sessionIds)
    .orderBy('s.position')
    .execute();
  return speakerItems(db, rows, today);
}

function summarise(
  h: { id: string; month: string; held_on: string; venue: string | null },
  speakers: SpeakerItem[],
): SessionSummary {
  const mine = speakers.filter((s) => s.sessionId === h.id);
  return {
    id: h.id,
    month: h.month,
    heldOn: h.held_on,
    venue: h.venue,
    speakerCount: mine.length,
    filedCount: mine.filter((s) => s.report).length,
    overdueReports: mine.filter((s) => s.reportStatus === 'overdue').length,
    overdueTasks: mine.reduce((n, s) => n + s.overdueTasks, 0),
  };
}

export async function sessions(db: Db, now: Date, year?: number): Promise<SessionSummary[]> {
  let q = db.selectFrom('platform.hearing_sessions').select(['id', 'month', 'held_on', 'venue']);
  if (year) q = q.where('month', 'like', `${year}-%`);
  const rows = await q.orderBy('month', 'desc').execute();
  const speakers = await sessionSpeakers(
    db,
    rows.map((r) => r.id),
    todayInShanghai(now),
  );
  return rows.map((h) => summarise(h, speakers));
}

export async function getSession(db: Db, id: string, now: Date): Promise<SessionDetail> {
  const h = await db
    .selectFrom('platform.hearing_sessions')
    .select(['id', 'month', 'held_on', 'venue', 'report_due_days'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!h) throw notFound('述职安排');
  const speakers = await sessionSpeakers(db, [id], todayInShanghai(now));
  return { ...summarise(h, speakers), reportDueDays: h.report_due_days, speakers };
}

export async function comment(db: Db, speakerId: string, comments: string): Promise<{ sessionId: string }> {
  const r = await db
    .updateTable('platform.hearing_speakers')
    .set({ comments: comments.trim() || null })
    .where('id', '=', speakerId)
    .returning('session_id')
    .executeTakeFirst();
  if (!r) throw notFound('述职组织');
  return { sessionId: r.session_id };
}

/** Flagged items across all months (the city's overview of what is overdue). */
export async function flagged(db: Db, now: Date): Promise<SpeakerItem[]> {
  const today = todayInShanghai(now);
  const rows = await db
    .selectFrom('platform.hearing_speakers as s')
    .innerJoin('platform.hearing_sessions as h', 'h.id', 's.session_id')
    .innerJoin('platform.tenants as t', 't.id', 's.tenant_id')
    .select(speakerColumns)
    .orderBy('h.month', 'desc')
    .orderBy('s.position')
    .execute();
  return (await speakerItems(db, rows, today)).filter((s) => s.flagged);
}
