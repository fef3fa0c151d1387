/**
 * The committee's inbox of district submissions (COM-2). A district's report arrives through
 * `platform.research_submissions` (see `packages/db/src/migrations/platform-research.ts`); when the
 * committee reads its reports, every version it has not copied yet is copied into its own schema
 * (`research_reports` / `research_report_versions`) and each attachment's bytes are copied into
 * the committee's own storage prefix and `files` table — the reviewers read the committee's copy,
 * so file links never cross tenants. Idempotent and safe under concurrent readers.
 */

import type { SubmissionAttachment } from '@tuanjian/db';
import { sql } from 'kysely';
import { defaultFileStorage, type FileStorage } from '../files';
import { newStorageKeys } from '../files/storage';
import type { Scope, TenantDb } from '../scope';
import { committeeDb, platformOf } from './common';

let storageOverride: FileStorage | null = null;
/** Tests: the storage the copies go to (default: the configured one). */
export function useResearchStorage(storage: FileStorage | null): void {
  storageOverride = storage;
}
const storage = () => storageOverride ?? defaultFileStorage();

function parseAttachments(value: unknown): SubmissionAttachment[] {
  const v = typeof value === 'string' ? JSON.parse(value) : value;
  return Array.isArray(v) ? (v as SubmissionAttachment[]) : [];
}

async function copyAttachments(
  tdb: TenantDb,
  scope: Scope,
  uploadedBy: string,
  attachments: SubmissionAttachment[],
): Promise<string[]> {
  const ids: string[] = [];
  const schema = `t_${scope.tenant.code}`;
  for (const a of attachments) {
    const body = await storage().get(a.storageKey);
    if (!body) continue; // the district's copy is gone: the version keeps its text
    const keys = newStorageKeys(schema);
    await storage().put(keys.key, body, a.mime);
    let thumbKey: string | null = null;
    if (a.thumbKey) {
      const thumb = await storage().get(a.thumbKey);
      if (thumb) {
        await storage().put(keys.thumbKey, thumb, 'image/webp');
        thumbKey = keys.thumbKey;
      }
    }
    const row = await tdb
      .insertInto('files')
      .values({
        org_id: null,
        uploaded_by: uploadedBy,
        kind: a.kind,
        mime: a.mime,
        size_bytes: a.sizeBytes,
        original_name: a.originalName,
        storage_key: keys.key,
        thumb_key: thumbKey,
        width: a.width,
        height: a.height,
        sha256: a.sha256,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.push(row.id);
  }
  return ids;
}

/** Copies new district submissions and versions into the committee's schema. */
export async function syncInbox(tdb: TenantDb, scope: Scope): Promise<void> {
  if (scope.tenant.kind !== 'committee') return;
  const p = platformOf(tdb);
  const c = committeeDb(tdb);
  const subs = await p
    .selectFrom('platform.research_submissions')
    .selectAll()
    .where('to_tenant_id', '=', scope.tenant.id)
    .execute();
  if (subs.length === 0) return;
  const known = new Map(
    (
      await c
        .selectFrom('research_reports')
        .select(['id', 'submission_id', 'current_version'])
        .where(
          'submission_id',
          'in',
          subs.map((s) => s.id),
        )
        .forUpdate()
        .execute()
    ).map((r) => [r.submission_id as string, r]),
  );
  for (const sub of subs) {
    let report = known.get(sub.id);
    if (report && report.current_version >= sub.current_version) continue;
    if (!report) {
      const inserted = await c
        .insertInto('research_reports')
        .values({
          title: sub.title,
          origin: 'district',
          author: sub.from_tenant_name,
          submission_id: sub.id,
          from_tenant_id: sub.from_tenant_id,
          from_tenant_name: sub.from_tenant_name,
          status: 'submitted',
          current_version: 0,
        })
        .onConflict((oc) => oc.column('submission_id').doNothing())
        .returning(['id', 'submission_id', 'current_version'])
        .executeTakeFirst();
      if (!inserted) continue; // another reader copied it
      report = inserted;
    }
    const versions = await p
      .selectFrom('platform.research_submission_versions')
      .selectAll()
      .where('submission_id', '=', sub.id)
      .where('version', '>', report.current_version)
      .orderBy('version')
      .execute();
    for (const v of versions) {
      const fileIds = await copyAttachments(
        tdb,
        scope,
        sub.submitted_by ?? scope.userId,
        parseAttachments(v.attachments),
      );
      await c
        .insertInto('research_report_versions')
        .values({
          report_id: report.id,
          version: v.version,
          title: v.title,
          summary: v.summary,
          body: v.body,
          file_ids: fileIds,
          author: v.author,
        })
        .execute();
      if (v.version > 1) {
        await c
          .insertInto('research_report_comments')
          .values({
            report_id: report.id,
            version: v.version,
            kind: 'revised',
            body: null,
            user_id: null,
            user_name: v.author,
          })
          .execute();
      }
    }
    const last = versions.at(-1);
    if (last) {
      // A revised report goes straight back to the reviewers it had.
      const reviewers = await c
        .selectFrom('research_report_reviewers')
        .select('roster_id')
        .where('report_id', '=', report.id)
        .limit(1)
        .execute();
      const status = sub.status === 'submitted' && reviewers.length > 0 ? 'under_review' : sub.status;
      await c
        .updateTable('research_reports')
        .set({ current_version: last.version, title: last.title, status, updated_at: sql`now()` })
        .where('id', '=', report.id)
        .execute();
      if (status !== sub.status) {
        await p
          .updateTable('platform.research_submissions')
          .set({ status, updated_at: sql`now()` })
          .where('id', '=', sub.id)
          .execute();
      }
    }
  }
}
