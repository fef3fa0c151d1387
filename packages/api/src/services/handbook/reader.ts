/**
 * LIFE-4 工作手册, the readers' side: every role of a district or committee tenant, inside the
 * tenant's transaction under its own role — row-level security leaves published documents and
 * versions only, and this tenant's receipts only (`migrations/platform-handbook.ts`). A receipt is
 * per user: the version each user last read, so the list shows 未读 / 有更新 / 已读 and a document
 * read at an older version opens with the changes since then.
 */
import {
  changedLines,
  type DiffLine,
  type HandbookCategory,
  type HandbookReadState,
  handbookReadState,
  lineDiff,
} from '@tuanjian/domain';
import { asDate, tsValue } from '../../db-types';
import { appError, notFound } from '../../errors';
import type { Scope, TenantDb } from '../scope';
import {
  type HandbookDocumentItem,
  type HandbookSearchHit,
  type HandbookVersionItem,
  type PlatformDb,
  publishedDocuments,
  publishedVersions,
  searchDocuments,
  versionBody,
} from './store';

const platform = (tdb: TenantDb) => tdb as unknown as PlatformDb;

export interface ReaderDocumentItem extends HandbookDocumentItem {
  lastReadVersion: number | null;
  readState: HandbookReadState;
}

async function receipts(pdb: PlatformDb, scope: Scope): Promise<Map<string, number>> {
  const rows = await pdb
    .selectFrom('platform.handbook_reads')
    .select(['document_id', 'version'])
    .where('tenant_id', '=', scope.tenant.id)
    .where('user_id', '=', scope.userId)
    .execute();
  return new Map(rows.map((r) => [r.document_id, r.version]));
}

function withState(d: HandbookDocumentItem, read: Map<string, number>): ReaderDocumentItem {
  const lastReadVersion = read.get(d.id) ?? null;
  return { ...d, lastReadVersion, readState: handbookReadState(d.currentVersion, lastReadVersion) };
}

export async function list(
  tdb: TenantDb,
  scope: Scope,
  filter: { category?: HandbookCategory; state?: HandbookReadState },
): Promise<{ items: ReaderDocumentItem[]; unread: number; updated: number }> {
  const pdb = platform(tdb);
  const [docs, read] = await Promise.all([publishedDocuments(pdb, filter), receipts(pdb, scope)]);
  const all = docs.map((d) => withState(d, read));
  return {
    items: filter.state ? all.filter((d) => d.readState === filter.state) : all,
    unread: all.filter((d) => d.readState === 'unread').length,
    updated: all.filter((d) => d.readState === 'updated').length,
  };
}

/** Documents not read at their current version (the 工作手册 badge). */
export async function unreadCount(tdb: TenantDb, scope: Scope): Promise<{ unread: number; updated: number }> {
  const { unread, updated } = await list(tdb, scope, {});
  return { unread, updated };
}

export interface ReaderDocumentDetail extends ReaderDocumentItem {
  version: number;
  body: string;
  changeNote: string | null;
  versions: HandbookVersionItem[];
  /** When the reader read an older version: what changed since (changed lines with context). */
  changes: { fromVersion: number; toVersion: number; titleBefore: string; lines: DiffLine[] } | null;
}

/** A document at its current version, or at an earlier published `version`. */
export async function get(
  tdb: TenantDb,
  scope: Scope,
  id: string,
  version?: number,
): Promise<ReaderDocumentDetail> {
  const pdb = platform(tdb);
  const doc = (await publishedDocuments(pdb)).find((d) => d.id === id);
  if (!doc) throw notFound('文档');
  const read = await receipts(pdb, scope);
  const item = withState(doc, read);
  const shown = version ?? doc.currentVersion;
  const [body, versions] = await Promise.all([versionBody(pdb, id, shown), publishedVersions(pdb, id)]);
  if (!body) throw notFound('该版本');
  let changes: ReaderDocumentDetail['changes'] = null;
  if (version === undefined && item.lastReadVersion !== null && item.lastReadVersion < doc.currentVersion) {
    const before = await versionBody(pdb, id, item.lastReadVersion);
    if (before) {
      changes = {
        fromVersion: item.lastReadVersion,
        toVersion: doc.currentVersion,
        titleBefore: before.title,
        lines: changedLines(lineDiff(before.body, body.body), 1),
      };
    }
  }
  return {
    ...item,
    title: body.title,
    version: shown,
    body: body.body,
    changeNote: versions.find((v) => v.version === shown)?.changeNote ?? null,
    versions,
    changes,
  };
}

/** Records that the user has read the document at `version` (never moves a receipt backwards). */
export async function markRead(
  tdb: TenantDb,
  scope: Scope,
  id: string,
  version: number,
  now: Date,
): Promise<{ documentId: string; version: number; readAt: Date }> {
  const pdb = platform(tdb);
  const doc = (await publishedDocuments(pdb)).find((d) => d.id === id);
  if (!doc) throw notFound('文档');
  if (version < 1 || version > doc.currentVersion) {
    throw appError('BAD_REQUEST', 'INVALID_INPUT', '版本号无效');
  }
  const row = await pdb
    .insertInto('platform.handbook_reads')
    .values({
      tenant_id: scope.tenant.id,
      user_id: scope.userId,
      document_id: id,
      version,
      read_at: tsValue(now),
    })
    .onConflict((oc) =>
      oc.columns(['tenant_id', 'user_id', 'document_id']).doUpdateSet((eb) => ({
        version: eb.fn('greatest', [eb.ref('platform.handbook_reads.version'), eb.ref('excluded.version')]),
        read_at: eb.ref('excluded.read_at'),
      })),
    )
    .returning(['version', 'read_at'])
    .executeTakeFirstOrThrow();
  return { documentId: id, version: row.version, readAt: asDate(row.read_at) };
}

export async function search(
  tdb: TenantDb,
  q: string,
  opts: { category?: HandbookCategory; limit?: number } = {},
): Promise<{ items: HandbookSearchHit[]; total: number }> {
  return searchDocuments(platform(tdb), q, opts);
}
