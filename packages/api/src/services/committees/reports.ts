/**
 * COM-2 research reports in the committee: written by its members or received from districts
 * (`inbox.ts`), reviewed — submitted → under review (assigned reviewers) → returned with comments /
 * accepted → adopted as 议事参考 for the plenary or the secretaries' office meeting. Every version is
 * kept. For a district's report the status is mirrored on `platform.research_submissions` in the
 * same transaction, which is all the district sees.
 */

import type { AdoptedFor, ResearchCommentKind, ResearchStatus } from '@tuanjian/db';
import { sql } from 'kysely';
import { forbiddenRole, notFound } from '../../errors';
import { assertFilesUsable, describeFiles } from '../files';
import type { Scope, TenantDb } from '../scope';
import { type Actor, committeeDb, invalid, iso, platformOf, requireChair, requireCommittee } from './common';
import { syncInbox } from './inbox';

export const STATUS_LABEL: Record<ResearchStatus, string> = {
  draft: '草稿',
  submitted: '已提交',
  under_review: '审阅中',
  returned: '退回修改',
  accepted: '已采纳',
  adopted: '已转化为议事参考',
};

export async function list(
  tdb: TenantDb,
  scope: Scope,
  input: { status?: ResearchStatus; origin?: 'committee' | 'district' },
) {
  requireCommittee(scope);
  await syncInbox(tdb, scope);
  let q = committeeDb(tdb)
    .selectFrom('research_reports as r')
    .leftJoin('research_topics as t', 't.id', 'r.topic_id')
    .select([
      'r.id',
      'r.title',
      'r.origin',
      'r.author',
      'r.from_tenant_name',
      'r.status',
      'r.current_version',
      'r.adopted_for',
      'r.adopted_on',
      'r.updated_at',
      't.title as topic_title',
    ])
    .orderBy('r.updated_at', 'desc');
  if (input.status) q = q.where('r.status', '=', input.status);
  if (input.origin) q = q.where('r.origin', '=', input.origin);
  const rows = await q.execute();
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    origin: r.origin,
    author: r.author,
    fromTenantName: r.from_tenant_name,
    status: r.status,
    version: r.current_version,
    adoptedFor: r.adopted_for,
    adoptedOn: r.adopted_on,
    topicTitle: r.topic_title,
    updatedAt: iso(r.updated_at),
  }));
}

async function load(tdb: TenantDb, id: string) {
  const r = await committeeDb(tdb)
    .selectFrom('research_reports')
    .selectAll()
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!r) throw notFound('调研报告');
  return r;
}

async function reviewerRosterIds(tdb: TenantDb, reportId: string) {
  return committeeDb(tdb)
    .selectFrom('research_report_reviewers as v')
    .innerJoin('committee_roster as m', 'm.id', 'v.roster_id')
    .select(['m.id', 'm.name', 'm.user_id'])
    .where('v.report_id', '=', reportId)
    .orderBy('m.name')
    .execute();
}

export async function get(tdb: TenantDb, scope: Scope, id: string) {
  requireCommittee(scope);
  await syncInbox(tdb, scope);
  const c = committeeDb(tdb);
  const r = await load(tdb, id);
  const versions = await c
    .selectFrom('research_report_versions')
    .selectAll()
    .where('report_id', '=', id)
    .orderBy('version', 'desc')
    .execute();
  const comments = await c
    .selectFrom('research_report_comments')
    .selectAll()
    .where('report_id', '=', id)
    .orderBy('created_at')
    .execute();
  const reviewers = await reviewerRosterIds(tdb, id);
  const outVersions = [];
  for (const v of versions) {
    outVersions.push({
      version: v.version,
      title: v.title,
      summary: v.summary,
      body: v.body,
      author: v.author,
      createdAt: iso(v.created_at),
      files: await describeFiles(tdb, v.file_ids),
    });
  }
  const isReviewer = reviewers.some((x) => x.user_id === scope.userId);
  return {
    id: r.id,
    title: r.title,
    origin: r.origin,
    author: r.author,
    fromTenantName: r.from_tenant_name,
    status: r.status,
    version: r.current_version,
    topicId: r.topic_id,
    adoptedFor: r.adopted_for,
    adoptedOn: r.adopted_on,
    adoptedNote: r.adopted_note,
    reviewers: reviewers.map((x) => ({ rosterId: x.id, name: x.name })),
    versions: outVersions,
    comments: comments.map((x) => ({
      id: x.id,
      version: x.version,
      kind: x.kind,
      body: x.body,
      userName: x.user_name,
      createdAt: iso(x.created_at),
    })),
    can: {
      review: scope.role === 'committee_chair' || isReviewer,
      decide: scope.role === 'committee_chair',
    },
  };
}

export async function create(
  tdb: TenantDb,
  scope: Scope,
  actor: Actor,
  input: { title: string; topicId?: string | null; summary?: string; body: string; fileIds: string[] },
) {
  requireCommittee(scope);
  const c = committeeDb(tdb);
  await assertFilesUsable(tdb, input.fileIds);
  if (input.topicId) {
    const t = await c
      .selectFrom('research_topics')
      .select('id')
      .where('id', '=', input.topicId)
      .executeTakeFirst();
    if (!t) throw notFound('调研课题');
  }
  const r = await c
    .insertInto('research_reports')
    .values({
      title: input.title,
      topic_id: input.topicId ?? null,
      origin: 'committee',
      author: actor.name,
      status: 'submitted',
      current_version: 1,
      created_by: actor.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await c
    .insertInto('research_report_versions')
    .values({
      report_id: r.id,
      version: 1,
      title: input.title,
      summary: input.summary ?? null,
      body: input.body,
      file_ids: input.fileIds,
      author: actor.name,
    })
    .execute();
  return { id: r.id };
}

/** A committee-written report returned for revision: its author (or the chair) adds a version. */
export async function revise(
  tdb: TenantDb,
  scope: Scope,
  actor: Actor,
  input: { id: string; title: string; summary?: string; body: string; fileIds: string[] },
) {
  requireCommittee(scope);
  const r = await load(tdb, input.id);
  if (r.origin !== 'committee') throw invalid('区县提交的调研报告由提交单位修改后重新提交');
  if (r.created_by !== actor.userId && scope.role !== 'committee_chair') {
    throw forbiddenRole('仅报告撰写人或主任可以修改报告');
  }
  if (r.status !== 'returned') throw invalid('只有退回修改的报告可以提交新版本');
  await assertFilesUsable(tdb, input.fileIds);
  const version = r.current_version + 1;
  const c = committeeDb(tdb);
  await c
    .insertInto('research_report_versions')
    .values({
      report_id: r.id,
      version,
      title: input.title,
      summary: input.summary ?? null,
      body: input.body,
      file_ids: input.fileIds,
      author: actor.name,
    })
    .execute();
  await c
    .updateTable('research_reports')
    .set({
      status: (await reviewerRosterIds(tdb, r.id)).length > 0 ? 'under_review' : 'submitted',
      current_version: version,
      title: input.title,
      updated_at: sql`now()`,
    })
    .where('id', '=', r.id)
    .execute();
  await comment(tdb, r.id, version, 'revised', null, actor);
  return { id: r.id, version };
}

async function comment(
  tdb: TenantDb,
  reportId: string,
  version: number,
  kind: ResearchCommentKind,
  body: string | null,
  actor: Actor,
) {
  await committeeDb(tdb)
    .insertInto('research_report_comments')
    .values({ report_id: reportId, version, kind, body, user_id: actor.userId, user_name: actor.name })
    .execute();
}

async function setStatus(
  tdb: TenantDb,
  report: { id: string; submission_id: string | null },
  status: ResearchStatus,
  extra: {
    returnComment?: string;
    adoptedFor?: AdoptedFor;
    adoptedOn?: string;
    adoptedNote?: string | null;
  } = {},
) {
  await committeeDb(tdb)
    .updateTable('research_reports')
    .set({
      status,
      ...(extra.adoptedFor
        ? {
            adopted_for: extra.adoptedFor,
            adopted_on: extra.adoptedOn ?? null,
            adopted_note: extra.adoptedNote ?? null,
          }
        : {}),
      updated_at: sql`now()`,
    })
    .where('id', '=', report.id)
    .execute();
  if (report.submission_id) {
    // The district's view: the status and, when returned, the reviewers' comment.
    await platformOf(tdb)
      .updateTable('platform.research_submissions')
      .set({
        status: status as Exclude<ResearchStatus, 'draft'>,
        ...(extra.returnComment !== undefined ? { return_comment: extra.returnComment } : {}),
        ...(extra.adoptedFor ? { adopted_for: extra.adoptedFor } : {}),
        updated_at: sql`now()`,
      })
      .where('id', '=', report.submission_id)
      .execute();
  }
}

/** The chair assigns reviewers (委员 with or without accounts) and opens the review. */
export async function assignReviewers(
  tdb: TenantDb,
  scope: Scope,
  actor: Actor,
  input: { id: string; rosterIds: string[] },
) {
  requireChair(scope);
  const r = await load(tdb, input.id);
  if (r.status !== 'submitted' && r.status !== 'under_review') {
    throw invalid(`报告${STATUS_LABEL[r.status]}，不能再指定审阅人`);
  }
  const c = committeeDb(tdb);
  const ids = [...new Set(input.rosterIds)];
  const seats = await c
    .selectFrom('committee_roster')
    .select(['id', 'name'])
    .where('id', 'in', ids)
    .where('status', '=', 'serving')
    .execute();
  if (seats.length !== ids.length) throw invalid('审阅人须为在任的委员会成员');
  await c.deleteFrom('research_report_reviewers').where('report_id', '=', r.id).execute();
  await c
    .insertInto('research_report_reviewers')
    .values(ids.map((roster_id) => ({ report_id: r.id, roster_id })))
    .execute();
  if (r.status === 'submitted') await setStatus(tdb, r, 'under_review');
  await comment(
    tdb,
    r.id,
    r.current_version,
    'start_review',
    `审阅人：${seats.map((s) => s.name).join('、')}`,
    actor,
  );
  return { id: r.id, status: 'under_review' as const };
}

async function requireReviewer(tdb: TenantDb, scope: Scope, reportId: string) {
  if (scope.role === 'committee_chair') return;
  const reviewers = await reviewerRosterIds(tdb, reportId);
  if (!reviewers.some((x) => x.user_id === scope.userId)) throw forbiddenRole('您不是这份报告的审阅人');
}

export async function addComment(
  tdb: TenantDb,
  scope: Scope,
  actor: Actor,
  input: { id: string; body: string },
) {
  requireCommittee(scope);
  const r = await load(tdb, input.id);
  await requireReviewer(tdb, scope, r.id);
  await comment(tdb, r.id, r.current_version, 'comment', input.body, actor);
  return { id: r.id };
}

/** A reviewer (or the chair) returns the report with comments. */
export async function returnReport(
  tdb: TenantDb,
  scope: Scope,
  actor: Actor,
  input: { id: string; comment: string },
) {
  requireCommittee(scope);
  const r = await load(tdb, input.id);
  await requireReviewer(tdb, scope, r.id);
  if (r.status !== 'under_review') throw invalid('只有审阅中的报告可以退回修改，请先指定审阅人');
  await setStatus(tdb, r, 'returned', { returnComment: input.comment });
  await comment(tdb, r.id, r.current_version, 'return', input.comment, actor);
  return { id: r.id, status: 'returned' as const };
}

export async function accept(
  tdb: TenantDb,
  scope: Scope,
  actor: Actor,
  input: { id: string; comment?: string },
) {
  requireChair(scope);
  const r = await load(tdb, input.id);
  if (r.status !== 'under_review') throw invalid('只有审阅中的报告可以采纳，请先指定审阅人');
  await setStatus(tdb, r, 'accepted');
  await comment(tdb, r.id, r.current_version, 'accept', input.comment ?? null, actor);
  return { id: r.id, status: 'accepted' as const };
}

export const ADOPTED_FOR_LABEL: Record<AdoptedFor, string> = {
  plenary: '全委会议事参考',
  secretaries_meeting: '书记办公会议事参考',
};

export async function adopt(
  tdb: TenantDb,
  scope: Scope,
  actor: Actor,
  input: { id: string; adoptedFor: AdoptedFor; adoptedOn: string; note?: string },
) {
  requireChair(scope);
  const r = await load(tdb, input.id);
  if (r.status !== 'accepted') throw invalid('只有已采纳的报告可以转化为议事参考');
  await setStatus(tdb, r, 'adopted', {
    adoptedFor: input.adoptedFor,
    adoptedOn: input.adoptedOn,
    adoptedNote: input.note ?? null,
  });
  await comment(
    tdb,
    r.id,
    r.current_version,
    'adopt',
    `${ADOPTED_FOR_LABEL[input.adoptedFor]}（${input.adoptedOn}）${input.note ? `：${input.note}` : ''}`,
    actor,
  );
  return { id: r.id, status: 'adopted' as const };
}
