/**
 * SUP-4 for a district tenant: its organisations' hearings, the 整改报告 it files (with tasks and
 * deadlines) and marking tasks done. Runs under the tenant's role: row-level security shows only
 * the tenant's own speakers, reports and tasks, and refuses writes for another tenant
 * (`migrations/platform-assessment.ts`). district_admin: the whole tenant; org_secretary: the
 * hearings of organisations in its subtree.
 */
import type { PlatformDatabase } from '@tuanjian/db';
import { checkTaskDueOn, todayInShanghai } from '@tuanjian/domain';
import { type Kysely, sql } from 'kysely';
import { appError, forbiddenRole, notFound } from '../../errors';
import type { Scope, TenantDb } from '../scope';
import { type SpeakerItem, speakerColumns, speakerItems } from './city';

const platform = (tdb: TenantDb) => tdb as unknown as Kysely<PlatformDatabase>;
const invalid = (message: string) => appError('PRECONDITION_FAILED', 'INVALID_STATE', message);

function requireRole(scope: Scope) {
  if (scope.role !== 'district_admin' && scope.role !== 'org_secretary') {
    throw forbiddenRole('每月述职的整改报告由区县团委或组织书记办理');
  }
}

/** Ids of the organisations in the acting secretary's subtree (null = the whole tenant). */
async function orgFilter(tdb: TenantDb, scope: Scope): Promise<Set<string> | null> {
  if (scope.role === 'district_admin' || !scope.org) return null;
  const rows = await tdb
    .selectFrom('organisations')
    .select('id')
    .where('path', 'like', `${scope.org.path}%`)
    .execute();
  return new Set(rows.map((r) => r.id));
}

export async function mine(tdb: TenantDb, scope: Scope, now: Date): Promise<SpeakerItem[]> {
  requireRole(scope);
  const rows = await platform(tdb)
    .selectFrom('platform.hearing_speakers as s')
    .innerJoin('platform.hearing_sessions as h', 'h.id', 's.session_id')
    // The registry is not readable by tenant roles: the tenant's name comes from the session.
    .select(speakerColumns.filter((c) => c !== 't.name as tenant_name'))
    .select(sql<string>`${scope.tenant.name}::text`.as('tenant_name'))
    .where('s.tenant_id', '=', scope.tenant.id)
    .orderBy('h.month', 'desc')
    .orderBy('s.position')
    .execute();
  const orgs = await orgFilter(tdb, scope);
  const visible = orgs ? rows.filter((r) => orgs.has(r.org_id)) : rows;
  return speakerItems(platform(tdb), visible, todayInShanghai(now));
}

async function visibleSpeaker(tdb: TenantDb, scope: Scope, speakerId: string, now: Date) {
  const found = (await mine(tdb, scope, now)).find((s) => s.id === speakerId);
  if (!found) throw notFound('述职安排');
  return found;
}

export interface FileReportInput {
  speakerId: string;
  summary: string;
  tasks: { title: string; dueOn: string }[];
}

export async function fileReport(
  tdb: TenantDb,
  scope: Scope,
  input: FileReportInput,
  userId: string,
  now: Date,
): Promise<SpeakerItem> {
  const sp = await visibleSpeaker(tdb, scope, input.speakerId, now);
  if (sp.report) throw appError('CONFLICT', 'CONFLICT', '整改报告已提交，不能重复提交');
  for (const t of input.tasks) {
    const e = checkTaskDueOn(t.dueOn, sp.heldOn);
    if (e) throw invalid(`“${t.title}”：${e}`);
  }
  const rep = await platform(tdb)
    .insertInto('platform.hearing_reports')
    .values({
      speaker_id: sp.id,
      tenant_id: scope.tenant.id,
      summary: input.summary.trim(),
      submitted_by: userId,
      submitted_at: now as never,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await platform(tdb)
    .insertInto('platform.hearing_tasks')
    .values(
      input.tasks.map((t, i) => ({
        report_id: rep.id,
        tenant_id: scope.tenant.id,
        position: i + 1,
        title: t.title.trim(),
        due_on: t.dueOn,
      })),
    )
    .execute();
  return visibleSpeaker(tdb, scope, sp.id, now);
}

export async function completeTask(
  tdb: TenantDb,
  scope: Scope,
  input: { taskId: string; note?: string | null },
  now: Date,
): Promise<SpeakerItem> {
  requireRole(scope);
  const t = await platform(tdb)
    .selectFrom('platform.hearing_tasks as k')
    .innerJoin('platform.hearing_reports as r', 'r.id', 'k.report_id')
    .select(['k.id', 'k.done_on', 'r.speaker_id'])
    .where('k.id', '=', input.taskId)
    .where('k.tenant_id', '=', scope.tenant.id)
    .executeTakeFirst();
  if (!t) throw notFound('整改任务');
  await visibleSpeaker(tdb, scope, t.speaker_id, now);
  if (t.done_on) throw invalid('该整改任务已完成');
  await platform(tdb)
    .updateTable('platform.hearing_tasks')
    .set({ done_on: todayInShanghai(now), done_note: input.note?.trim() || null })
    .where('id', '=', t.id)
    .execute();
  return visibleSpeaker(tdb, scope, t.speaker_id, now);
}

/** For the to-do list: reports to file (waiting / overdue) and overdue tasks. */
export async function todoCounts(tdb: TenantDb, scope: Scope, now: Date) {
  const items = await mine(tdb, scope, now);
  const toFile = items.filter((s) => s.reportStatus === 'waiting' || s.reportStatus === 'overdue');
  const openTasks = items.flatMap((s) => s.tasks.filter((t) => !t.doneOn));
  return {
    reportsToFile: toFile.length,
    reportsOverdue: toFile.filter((s) => s.reportStatus === 'overdue').length,
    reportsDue: toFile.map((s) => s.reportDueOn).sort()[0] ?? null,
    tasksOpen: openTasks.length,
    tasksOverdue: openTasks.filter((t) => t.overdue).length,
    tasksDue: openTasks.map((t) => t.dueOn).sort()[0] ?? null,
  };
}
