/**
 * COM-2 research topics with plans and field work, and committee meetings with agenda and minutes
 * (work rules). Any member of the committee records; topics and meetings are the committee's own.
 */
import { sql } from 'kysely';
import { notFound } from '../../errors';
import { assertFilesUsable, describeFiles } from '../files';
import type { Scope, TenantDb } from '../scope';
import { type Actor, committeeDb, invalid, iso, requireCommittee } from './common';

export const TOPIC_STATUS_LABEL = { planned: '计划中', in_progress: '调研中', concluded: '已结题' } as const;

export async function topics(tdb: TenantDb, scope: Scope) {
  requireCommittee(scope);
  const c = committeeDb(tdb);
  const rows = await c
    .selectFrom('research_topics as t')
    .select((eb) => [
      't.id',
      't.title',
      't.plan',
      't.lead_name',
      't.start_on',
      't.end_on',
      't.status',
      eb
        .selectFrom('research_fieldwork as f')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('f.topic_id', '=', 't.id')
        .as('fieldwork_count'),
      eb
        .selectFrom('research_reports as r')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('r.topic_id', '=', 't.id')
        .as('report_count'),
    ])
    .orderBy('t.start_on', 'desc')
    .execute();
  return rows.map((t) => ({
    id: t.id,
    title: t.title,
    plan: t.plan,
    leadName: t.lead_name,
    startOn: t.start_on,
    endOn: t.end_on,
    status: t.status,
    fieldworkCount: Number(t.fieldwork_count ?? 0),
    reportCount: Number(t.report_count ?? 0),
  }));
}

export async function topic(tdb: TenantDb, scope: Scope, id: string) {
  requireCommittee(scope);
  const c = committeeDb(tdb);
  const t = await c.selectFrom('research_topics').selectAll().where('id', '=', id).executeTakeFirst();
  if (!t) throw notFound('调研课题');
  const work = await c
    .selectFrom('research_fieldwork')
    .selectAll()
    .where('topic_id', '=', id)
    .orderBy('visited_on', 'desc')
    .execute();
  const fieldwork = [];
  for (const f of work) {
    fieldwork.push({
      id: f.id,
      visitedOn: f.visited_on,
      place: f.place,
      participants: f.participants,
      findings: f.findings,
      files: await describeFiles(tdb, f.file_ids),
    });
  }
  return {
    id: t.id,
    title: t.title,
    plan: t.plan,
    leadName: t.lead_name,
    startOn: t.start_on,
    endOn: t.end_on,
    status: t.status,
    fieldwork,
  };
}

export async function createTopic(
  tdb: TenantDb,
  scope: Scope,
  actor: Actor,
  input: { title: string; plan: string; leadName?: string; startOn: string; endOn?: string | null },
) {
  requireCommittee(scope);
  if (input.endOn && input.endOn < input.startOn) throw invalid('结束日期不能早于开始日期');
  return committeeDb(tdb)
    .insertInto('research_topics')
    .values({
      title: input.title,
      plan: input.plan,
      lead_name: input.leadName ?? null,
      start_on: input.startOn,
      end_on: input.endOn ?? null,
      created_by: actor.userId,
    })
    .returning(['id', 'title', 'status'])
    .executeTakeFirstOrThrow();
}

export async function setTopicStatus(
  tdb: TenantDb,
  scope: Scope,
  input: { id: string; status: 'planned' | 'in_progress' | 'concluded' },
) {
  requireCommittee(scope);
  const r = await committeeDb(tdb)
    .updateTable('research_topics')
    .set({ status: input.status, updated_at: sql`now()` })
    .where('id', '=', input.id)
    .returning(['id', 'status'])
    .executeTakeFirst();
  if (!r) throw notFound('调研课题');
  return r;
}

export async function addFieldwork(
  tdb: TenantDb,
  scope: Scope,
  actor: Actor,
  input: {
    topicId: string;
    visitedOn: string;
    place: string;
    participants?: string;
    findings: string;
    fileIds: string[];
  },
) {
  requireCommittee(scope);
  const c = committeeDb(tdb);
  const t = await c
    .selectFrom('research_topics')
    .select('id')
    .where('id', '=', input.topicId)
    .executeTakeFirst();
  if (!t) throw notFound('调研课题');
  await assertFilesUsable(tdb, input.fileIds);
  return c
    .insertInto('research_fieldwork')
    .values({
      topic_id: input.topicId,
      visited_on: input.visitedOn,
      place: input.place,
      participants: input.participants ?? null,
      findings: input.findings,
      file_ids: input.fileIds,
      created_by: actor.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

// ---------------------------------------------------------------- committee meetings

export async function meetings(tdb: TenantDb, scope: Scope) {
  requireCommittee(scope);
  const rows = await committeeDb(tdb)
    .selectFrom('committee_meetings')
    .selectAll()
    .orderBy('held_on', 'desc')
    .execute();
  return rows.map((m) => ({
    id: m.id,
    title: m.title,
    heldOn: m.held_on,
    location: m.location,
    agenda: (typeof m.agenda === 'string' ? JSON.parse(m.agenda) : m.agenda) as string[],
    minutes: m.minutes,
    attendeeIds: m.attendee_ids,
    reportIds: m.report_ids,
    status: m.status,
    updatedAt: iso(m.updated_at),
  }));
}

export async function createMeeting(
  tdb: TenantDb,
  scope: Scope,
  actor: Actor,
  input: { title: string; heldOn: string; location?: string; agenda: string[] },
) {
  requireCommittee(scope);
  return committeeDb(tdb)
    .insertInto('committee_meetings')
    .values({
      title: input.title,
      held_on: input.heldOn,
      location: input.location ?? null,
      agenda: JSON.stringify(input.agenda),
      created_by: actor.userId,
    })
    .returning(['id', 'status'])
    .executeTakeFirstOrThrow();
}

export async function recordMinutes(
  tdb: TenantDb,
  scope: Scope,
  input: { id: string; minutes: string; attendeeIds: string[]; reportIds: string[]; fileIds: string[] },
) {
  requireCommittee(scope);
  const c = committeeDb(tdb);
  const m = await c
    .selectFrom('committee_meetings')
    .select('id')
    .where('id', '=', input.id)
    .executeTakeFirst();
  if (!m) throw notFound('委员会会议');
  if (input.attendeeIds.length > 0) {
    const n = await c
      .selectFrom('committee_roster')
      .select('id')
      .where('id', 'in', input.attendeeIds)
      .execute();
    if (n.length !== new Set(input.attendeeIds).size) throw invalid('出席人员须为委员会成员');
  }
  if (input.reportIds.length > 0) {
    const n = await c
      .selectFrom('research_reports')
      .select('id')
      .where('id', 'in', input.reportIds)
      .execute();
    if (n.length !== new Set(input.reportIds).size) throw notFound('议题涉及的调研报告');
  }
  await assertFilesUsable(tdb, input.fileIds);
  await c
    .updateTable('committee_meetings')
    .set({
      minutes: input.minutes,
      attendee_ids: input.attendeeIds,
      report_ids: input.reportIds,
      file_ids: input.fileIds,
      status: 'held',
      updated_at: sql`now()`,
    })
    .where('id', '=', input.id)
    .execute();
  return { id: input.id, status: 'held' as const };
}
