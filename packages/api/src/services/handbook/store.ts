/**
 * LIFE-4 工作手册: reads shared by the city (platform handle, sees everything: filters drafts and
 * withdrawn documents itself) and tenant roles (their transaction; row-level security leaves them
 * published documents and versions only), plus the search index upkeep.
 */
import type { PlatformDatabase } from '@tuanjian/db';
import {
  bodyPlainText,
  type HandbookCategory,
  indexTerms,
  parseSearchQuery,
  searchScore,
  searchSnippet,
} from '@tuanjian/domain';
import type { QueryCreator } from 'kysely';
import { asDate } from '../../db-types';

export type PlatformDb = QueryCreator<PlatformDatabase>;

export interface HandbookDocumentItem {
  id: string;
  category: HandbookCategory;
  title: string;
  currentVersion: number;
  publishedAt: Date | null;
}

export interface HandbookVersionItem {
  version: number;
  title: string;
  changeNote: string | null;
  publishedAt: Date | null;
}

/** Published, not withdrawn documents, newest publication first within the category order. */
export async function publishedDocuments(
  pdb: PlatformDb,
  filter: { category?: HandbookCategory } = {},
): Promise<HandbookDocumentItem[]> {
  let q = pdb
    .selectFrom('platform.handbook_documents')
    .select(['id', 'category', 'title', 'current_version', 'published_at'])
    .where('current_version', '>', 0)
    .where('withdrawn_at', 'is', null);
  if (filter.category) q = q.where('category', '=', filter.category);
  const rows = await q.orderBy('sort_order').orderBy('published_at', 'desc').orderBy('id').execute();
  return rows.map((r) => ({
    id: r.id,
    category: r.category,
    title: r.title,
    currentVersion: r.current_version,
    publishedAt: r.published_at ? asDate(r.published_at) : null,
  }));
}

/** Published versions of a document, newest first. */
export async function publishedVersions(pdb: PlatformDb, documentId: string): Promise<HandbookVersionItem[]> {
  const rows = await pdb
    .selectFrom('platform.handbook_versions')
    .select(['version', 'title', 'change_note', 'published_at'])
    .where('document_id', '=', documentId)
    .where('published_at', 'is not', null)
    .orderBy('version', 'desc')
    .execute();
  return rows.map((r) => ({
    version: r.version,
    title: r.title,
    changeNote: r.change_note,
    publishedAt: r.published_at ? asDate(r.published_at) : null,
  }));
}

export async function versionBody(
  pdb: PlatformDb,
  documentId: string,
  version: number,
): Promise<{ title: string; body: string } | undefined> {
  return pdb
    .selectFrom('platform.handbook_versions')
    .select(['title', 'body'])
    .where('document_id', '=', documentId)
    .where('version', '=', version)
    .where('published_at', 'is not', null)
    .executeTakeFirst();
}

export interface HandbookSearchHit extends HandbookDocumentItem {
  snippet: string;
  score: number;
}

/**
 * Full-text search in Chinese over the current published versions (see `@tuanjian/domain`
 * search-terms): candidates from the bigram index, confirmed and ranked on the text.
 */
export async function searchDocuments(
  pdb: PlatformDb,
  q: string,
  opts: { category?: HandbookCategory; limit?: number } = {},
): Promise<{ items: HandbookSearchHit[]; total: number }> {
  const query = parseSearchQuery(q);
  if (query.segments.length === 0) return { items: [], total: 0 };
  let sel = pdb
    .selectFrom('platform.handbook_documents as d')
    .innerJoin('platform.handbook_versions as v', (j) =>
      j.onRef('v.document_id', '=', 'd.id').onRef('v.version', '=', 'd.current_version'),
    )
    .select(['d.id', 'd.category', 'd.title', 'd.current_version', 'd.published_at', 'v.body'])
    .where('d.current_version', '>', 0)
    .where('d.withdrawn_at', 'is', null);
  if (opts.category) sel = sel.where('d.category', '=', opts.category);
  if (query.terms.length > 0) {
    sel = sel.where('d.id', 'in', (eb) =>
      eb
        .selectFrom('platform.handbook_terms')
        .select('document_id')
        .where('term', 'in', query.terms)
        .groupBy('document_id')
        .having((h) => h.fn.countAll(), '=', query.terms.length),
    );
  }
  const rows = await sel.execute();
  const hits: HandbookSearchHit[] = [];
  for (const r of rows) {
    const plain = bodyPlainText(r.body);
    const score = searchScore(query, r.title, plain);
    if (score === 0) continue;
    hits.push({
      id: r.id,
      category: r.category,
      title: r.title,
      currentVersion: r.current_version,
      publishedAt: r.published_at ? asDate(r.published_at) : null,
      snippet: searchSnippet(plain, query),
      score,
    });
  }
  hits.sort((a, b) => b.score - a.score || a.title.localeCompare(b.title, 'zh-CN'));
  return { items: hits.slice(0, opts.limit ?? 50), total: hits.length };
}

/** Rebuilds the index terms of a document from its current published version (platform handle). */
export async function reindexDocument(pdb: PlatformDb, documentId: string): Promise<number> {
  await pdb.deleteFrom('platform.handbook_terms').where('document_id', '=', documentId).execute();
  const row = await pdb
    .selectFrom('platform.handbook_documents as d')
    .innerJoin('platform.handbook_versions as v', (j) =>
      j.onRef('v.document_id', '=', 'd.id').onRef('v.version', '=', 'd.current_version'),
    )
    .select(['v.title', 'v.body'])
    .where('d.id', '=', documentId)
    .executeTakeFirst();
  if (!row) return 0;
  const terms = indexTerms(`${row.title}\n${bodyPlainText(row.body)}`);
  for (let i = 0; i < terms.length; i += 1000) {
    await pdb
      .insertInto('platform.handbook_terms')
      .values(terms.slice(i, i + 1000).map((term) => ({ document_id: documentId, term })))
      .execute();
  }
  return terms.length;
}
