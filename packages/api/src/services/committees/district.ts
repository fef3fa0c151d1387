/**
 * COM-2, the district's side: a district committee (district_admin) submits a research report to a
 * 专门委员会 from its own tenant, sees the status of what it submitted (and the reviewers' comment
 * when returned), and revises a returned report as a new version. It writes only
 * `platform.research_submissions` / `_versions` rows of its own tenant (row-level security and the
 * guards of `platform-research.ts`); the attachments are its own files, described for the committee
 * to copy (`inbox.ts`).
 */
import type { PlatformDatabase, SubmissionAttachment, SubmissionStatus } from '@tuanjian/db';
import { type Kysely, sql } from 'kysely';
import { notFound } from '../../errors';
import { assertFilesUsable, describeFiles } from '../files';
import type { Scope, TenantDb } from '../scope';
import { type Actor, invalid, iso, platformOf, requireDistrictAdmin } from './common';

export async function committees(tdb: TenantDb, scope: Scope) {
  requireDistrictAdmin(scope);
  const { rows } = await sql<{ id: string; code: string; name: string }>`
    select id, code, name from platform.committee_directory()`.execute(
    tdb as unknown as Kysely<PlatformDatabase>,
  );
  return rows;
}

async function attachmentsOf(tdb: TenantDb, fileIds: string[]): Promise<SubmissionAttachment[]> {
  await assertFilesUsable(tdb, fileIds);
  if (fileIds.length === 0) return [];
  const rows = await tdb.selectFrom('files').selectAll().where('id', 'in', fileIds).execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return fileIds.map((id) => {
    const f = byId.get(id);
    if (!f) throw invalid('附件不存在或无权使用');
    return {
      fileId: f.id,
      storageKey: f.storage_key,
      thumbKey: f.thumb_key,
      kind: f.kind,
      mime: f.mime,
      sizeBytes: f.size_bytes,
      originalName: f.original_name,
      width: f.width,
      height: f.height,
      sha256: f.sha256,
    };
  });
}

export interface ReportContent {
  title: string;
  summary?: string;
  body: string;
  fileIds: string[];
}

export async function submit(
  tdb: TenantDb,
  scope: Scope,
  actor: Actor,
  input: ReportContent & { committeeId: string; sector?: string | null },
) {
  requireDistrictAdmin(scope);
  const committee = (await committees(tdb, scope)).find((c) => c.id === input.committeeId);
  if (!committee) throw notFound('专门委员会');
  const attachments = await attachmentsOf(tdb, input.fileIds);
  const p = platformOf(tdb);
  const sub = await p
    .insertInto('platform.research_submissions')
    .values({
      from_tenant_id: scope.tenant.id,
      from_tenant_name: scope.tenant.name,
      to_tenant_id: committee.id,
      to_tenant_name: committee.name,
      sector: input.sector ?? null,
      title: input.title,
      submitted_by: actor.userId,
      submitted_by_name: actor.name,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await p
    .insertInto('platform.research_submission_versions')
    .values({
      submission_id: sub.id,
      version: 1,
      title: input.title,
      summary: input.summary ?? null,
      body: input.body,
      attachments: JSON.stringify(attachments),
      author: scope.tenant.name,
    })
    .execute();
  return { id: sub.id, status: 'submitted' as SubmissionStatus };
}

export async function mine(tdb: TenantDb, scope: Scope) {
  requireDistrictAdmin(scope);
  const rows = await platformOf(tdb)
    .selectFrom('platform.research_submissions')
    .selectAll()
    .where('from_tenant_id', '=', scope.tenant.id)
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    committeeName: r.to_tenant_name,
    sector: r.sector,
    status: r.status,
    version: r.current_version,
    returnComment: r.status === 'returned' ? r.return_comment : null,
    adoptedFor: r.adopted_for,
    submittedBy: r.submitted_by_name,
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
  }));
}

async function own(tdb: TenantDb, scope: Scope, id: string) {
  const r = await platformOf(tdb)
    .selectFrom('platform.research_submissions')
    .selectAll()
    .where('id', '=', id)
    .where('from_tenant_id', '=', scope.tenant.id)
    .forUpdate()
    .executeTakeFirst();
  if (!r) throw notFound('调研报告');
  return r;
}

export async function get(tdb: TenantDb, scope: Scope, id: string) {
  requireDistrictAdmin(scope);
  const r = await own(tdb, scope, id);
  const versions = await platformOf(tdb)
    .selectFrom('platform.research_submission_versions')
    .selectAll()
    .where('submission_id', '=', id)
    .orderBy('version', 'desc')
    .execute();
  const out = [];
  for (const v of versions) {
    const atts = (
      typeof v.attachments === 'string' ? JSON.parse(v.attachments) : v.attachments
    ) as SubmissionAttachment[];
    out.push({
      version: v.version,
      title: v.title,
      summary: v.summary,
      body: v.body,
      createdAt: iso(v.created_at),
      files: await describeFiles(
        tdb,
        atts.map((a) => a.fileId),
      ),
    });
  }
  return {
    id: r.id,
    title: r.title,
    committeeName: r.to_tenant_name,
    sector: r.sector,
    status: r.status,
    version: r.current_version,
    returnComment: r.return_comment,
    adoptedFor: r.adopted_for,
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
    versions: out,
  };
}

/** Revises a returned report: the next version, and the report goes back to the committee. */
export async function revise(tdb: TenantDb, scope: Scope, input: ReportContent & { id: string }) {
  requireDistrictAdmin(scope);
  const r = await own(tdb, scope, input.id);
  if (r.status !== 'returned') throw invalid('只有被退回修改的报告可以重新提交');
  const attachments = await attachmentsOf(tdb, input.fileIds);
  const version = r.current_version + 1;
  const p = platformOf(tdb);
  await p
    .insertInto('platform.research_submission_versions')
    .values({
      submission_id: r.id,
      version,
      title: input.title,
      summary: input.summary ?? null,
      body: input.body,
      attachments: JSON.stringify(attachments),
      author: scope.tenant.name,
    })
    .execute();
  await p
    .updateTable('platform.research_submissions')
    .set({ status: 'submitted', current_version: version, updated_at: sql`now()` })
    .where('id', '=', r.id)
    .execute();
  return { id: r.id, version, status: 'submitted' as SubmissionStatus };
}
