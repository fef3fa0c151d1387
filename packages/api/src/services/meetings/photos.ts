/**
 * Meeting photos are `files` ids (uploads contract, docs/ISSUE4-PLAN.md). The checks and links come
 * from the files service once it is committed; until then this adapter implements the same contract
 * (`assertFilesUsable` → 附件不存在或无权使用, links `/api/files/<id>` and `/thumb`).
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

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Refuses ids that are not files of this tenant. */
export async function assertPhotosUsable(tdb: TenantDb, ids: readonly string[]): Promise<void> {
  const unique = [...new Set(ids.map((id) => id.toLowerCase()))];
  if (unique.length === 0) return;
  if (unique.some((id) => !UUID_RE.test(id)))
    throw appError('BAD_REQUEST', 'INVALID_INPUT', '附件不存在或无权使用');
  const rows = await tdb.selectFrom('files').select('id').where('id', 'in', unique).execute();
  if (rows.length !== unique.length) throw appError('BAD_REQUEST', 'INVALID_INPUT', '附件不存在或无权使用');
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
