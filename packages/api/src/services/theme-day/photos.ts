/**
 * Photos of a theme day are `files` ids (uploads contract, docs/ISSUE4-PLAN.md). Until the files
 * service exports `assertFilesUsable` / `fileUrls`, these adapters implement the same contract.
 */
import { sql } from 'kysely';
import { appError } from '../../errors';
import type { TenantDb } from '../scope';

export interface PhotoRef {
  id: string;
  url: string;
  thumbUrl: string;
}

export function photoRefs(ids: readonly string[]): PhotoRef[] {
  return ids.map((id) => {
    const base = `/api/files/${encodeURIComponent(id)}`;
    return { id, url: base, thumbUrl: `${base}/thumb` };
  });
}

/** Refuses ids that are not image files of this tenant. */
export async function assertPhotosUsable(tdb: TenantDb, ids: readonly string[]): Promise<void> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return;
  const rows = await tdb.selectFrom('files').select('id').where('id', 'in', unique).execute();
  if (rows.length !== unique.length) {
    throw appError('BAD_REQUEST', 'INVALID_INPUT', '附件不存在或无权使用');
  }
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
