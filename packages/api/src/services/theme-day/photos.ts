/**
 * Photos of a theme day are `files` ids (uploads contract, docs/ISSUE4-PLAN.md): checked with the
 * files service's `assertFilesUsable` when saved, answered as signed links (`fileUrls`).
 */
import { sql } from 'kysely';
import { assertFilesUsable, type FileRef, fileUrls } from '../files';
import type { TenantDb } from '../scope';

export type PhotoRef = FileRef;

export function photoRefs(ids: readonly string[]): PhotoRef[] {
  return ids.map((id) => fileUrls(id));
}

/** Refuses ids that are not files of this tenant (BAD_REQUEST 附件不存在或无权使用). */
export async function assertPhotosUsable(tdb: TenantDb, ids: readonly string[]): Promise<void> {
  await assertFilesUsable(tdb, ids);
}

/** A uuid[] column as a SQL value. */
export function uuidArray(ids: readonly string[]) {
  if (ids.length === 0) return sql<string[]>`'{}'::uuid[]`;
  return sql<string[]>`array[${sql.join(ids.map((id) => sql`${id}::uuid`))}]::uuid[]`;
}

/** A uuid[] column as read by either driver (array, JSON text or a Postgres array literal). */
export function idsOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value === 'string') {
    const s = value.trim();
    if (s.startsWith('[')) return (JSON.parse(s) as unknown[]).map(String);
    if (s.startsWith('{')) {
      const inner = s.slice(1, -1).trim();
      return inner ? inner.split(',').map((x) => x.trim().replace(/^"|"$/g, '')) : [];
    }
  }
  return [];
}
