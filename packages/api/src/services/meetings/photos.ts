/**
 * Meeting photos are `files` ids (uploads contract, docs/ISSUE4-PLAN.md): checked with the files
 * service's `assertFilesUsable` when a record is saved, answered as signed `fileUrls` links.
 */
import { sql } from 'kysely';
import { assertFilesUsable, type FileRef, fileUrls } from '../files';

export type PhotoRef = FileRef;

/** Signed links (`fileUrls`) of each photo, in order. */
export function photoRefs(ids: readonly string[]): PhotoRef[] {
  return ids.map((id) => fileUrls(id));
}

/**
 * Refuses ids that are not files of this tenant (附件不存在或无权使用). A function, not an alias:
 * the files module sits in an import cycle with this one (files → … → meetings), so the binding
 * is read at call time, not while the modules are still being evaluated.
 */
export function assertPhotosUsable(
  ...args: Parameters<typeof assertFilesUsable>
): ReturnType<typeof assertFilesUsable> {
  return assertFilesUsable(...args);
}

/** A uuid[] column as a SQL value (the same on PGlite and postgres.js). */
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
