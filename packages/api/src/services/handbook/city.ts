/**
 * LIFE-4 工作手册, the city's side (cityProcedure, platform handle): documents with a draft of the
 * next version, publication (a new version every reader sees as 有更新), withdrawal, and the two
 * wall charts drafted from the rule data in force.
 */
import type { PlatformDatabase } from '@tuanjian/db';
import {
  type HandbookCategory,
  type HandbookCreateInput,
  type HandbookDraftInput,
  todayInShanghai,
  wallChartBody,
} from '@tuanjian/domain';
import type { Kysely } from 'kysely';
import { asDate, tsValue } from '../../db-types';
import { appError, notFound } from '../../errors';
import { wallChartsOn } from '../meetings/compliance';
import { type HandbookVersionItem, reindexDocument } from './store';

const invalid = (message: string) => appError('PRECONDITION_FAILED', 'INVALID_STATE', message);

export interface CityHandbookItem {
  id: string;
  category: HandbookCategory;
  title: string;
  code: string | null;
  currentVersion: number;
  publishedAt: Date | null;
  withdrawnAt: Date | null;
  /** The draft of the next version, if any. */
  draftVersion: number | null;
  updatedAt: Date;
  /** Users (of all tenants) who have read the current version. */
  readersOfCurrent: number;
}

export interface CityHandbookDetail extends CityHandbookItem {
  draft: { version: number; title: string; body: string; changeNote: string | null; updatedAt: Date } | null;
  current: { title: string; body: string } | null;
  versions: HandbookVersionItem[];
}

export async function cityList(db: Kysely<PlatformDatabase>): Promise<CityHandbookItem[]> {
  const rows = await db
    .selectFrom('platform.handbook_documents as d')
    .leftJoin('platform.handbook_versions as v', (j) =>
      j.onRef('v.document_id', '=', 'd.id').on('v.published_at', 'is', null),
    )
    .select((eb) => [
      'd.id',
      'd.category',
      'd.title',
      'd.code',
      'd.current_version',
      'd.published_at',
      'd.withdrawn_at',
      'd.updated_at',
      'v.version as draft_version',
      eb
        .selectFrom('platform.handbook_reads as r')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('r.document_id', '=', 'd.id')
        .whereRef('r.version', '>=', 'd.current_version')
        .as('readers'),
    ])
    .orderBy('d.category')
    .orderBy('d.sort_order')
    .orderBy('d.updated_at', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    category: r.category,
    title: r.title,
    code: r.code,
    currentVersion: r.current_version,
    publishedAt: r.published_at ? asDate(r.published_at) : null,
    withdrawnAt: r.withdrawn_at ? asDate(r.withdrawn_at) : null,
    draftVersion: r.draft_version ?? null,
    updatedAt: asDate(r.updated_at),
    readersOfCurrent: Number(r.readers ?? 0),
  }));
}

export async function cityGet(db: Kysely<PlatformDatabase>, id: string): Promise<CityHandbookDetail> {
  const item = (await cityList(db)).find((d) => d.id === id);
  if (!item) throw notFound('文档');
  const versions = await db
    .selectFrom('platform.handbook_versions')
    .select(['version', 'title', 'body', 'change_note', 'published_at', 'updated_at'])
    .where('document_id', '=', id)
    .orderBy('version', 'desc')
    .execute();
  const draftRow = versions.find((v) => v.published_at === null);
  const currentRow = versions.find((v) => v.version === item.currentVersion && v.published_at !== null);
  return {
    ...item,
    draft: draftRow
      ? {
          version: draftRow.version,
          title: draftRow.title,
          body: draftRow.body,
          changeNote: draftRow.change_note,
          updatedAt: asDate(draftRow.updated_at),
        }
      : null,
    current: currentRow ? { title: currentRow.title, body: currentRow.body } : null,
    versions: versions
      .filter((v) => v.published_at !== null)
      .map((v) => ({
        version: v.version,
        title: v.title,
        changeNote: v.change_note,
        publishedAt: v.published_at ? asDate(v.published_at) : null,
      })),
  };
}

export async function create(
  db: Kysely<PlatformDatabase>,
  input: HandbookCreateInput,
  userId: string,
  code: string | null = null,
): Promise<{ id: string; version: number }> {
  return inTransaction(db, async (trx) => {
    const doc = await trx
      .insertInto('platform.handbook_documents')
      .values({ category: input.category, title: input.title, code, created_by: userId })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('platform.handbook_versions')
      .values({
        document_id: doc.id,
        version: 1,
        title: input.title,
        body: input.body,
        change_note: input.changeNote || null,
        created_by: userId,
      })
      .execute();
    return { id: doc.id, version: 1 };
  });
}

/** Saves the draft of the next version (creating it from the form when there is none). */
export async function saveDraft(
  db: Kysely<PlatformDatabase>,
  input: HandbookDraftInput,
  userId: string,
  now: Date,
): Promise<{ id: string; version: number }> {
  return inTransaction(db, async (trx) => {
    const doc = await lockDocument(trx, input.documentId);
    const values = {
      title: input.title,
      body: input.body,
      change_note: input.changeNote || null,
      updated_at: tsValue(now),
    };
    const draft = await trx
      .updateTable('platform.handbook_versions')
      .set(values)
      .where('document_id', '=', doc.id)
      .where('published_at', 'is', null)
      .returning('version')
      .executeTakeFirst();
    if (draft) {
      if (doc.current_version === 0)
        await trx
          .updateTable('platform.handbook_documents')
          .set({ title: input.title, updated_at: tsValue(now) })
          .where('id', '=', doc.id)
          .execute();
      return { id: doc.id, version: draft.version };
    }
    const version = doc.current_version + 1;
    await trx
      .insertInto('platform.handbook_versions')
      .values({ document_id: doc.id, version, created_by: userId, ...values })
      .execute();
    await trx
      .updateTable('platform.handbook_documents')
      .set({ updated_at: tsValue(now) })
      .where('id', '=', doc.id)
      .execute();
    return { id: doc.id, version };
  });
}

/** Publishes the draft: it becomes the version every reader sees (and is searched). */
export async function publish(
  db: Kysely<PlatformDatabase>,
  documentId: string,
  userId: string,
  now: Date,
): Promise<{ id: string; version: number; title: string }> {
  return inTransaction(db, async (trx) => {
    const doc = await lockDocument(trx, documentId);
    const draft = await trx
      .selectFrom('platform.handbook_versions')
      .select(['id', 'version', 'title', 'body'])
      .where('document_id', '=', doc.id)
      .where('published_at', 'is', null)
      .executeTakeFirst();
    if (!draft) throw invalid('该文档没有待发布的新版本，请先保存修订稿');
    const previous = doc.current_version
      ? await trx
          .selectFrom('platform.handbook_versions')
          .select(['title', 'body'])
          .where('document_id', '=', doc.id)
          .where('version', '=', doc.current_version)
          .executeTakeFirst()
      : undefined;
    if (previous && previous.title === draft.title && previous.body === draft.body) {
      throw invalid('修订稿与现行版本内容相同，无需发布');
    }
    await trx
      .updateTable('platform.handbook_versions')
      .set({ published_at: tsValue(now), published_by: userId })
      .where('id', '=', draft.id)
      .execute();
    await trx
      .updateTable('platform.handbook_documents')
      .set({
        current_version: draft.version,
        title: draft.title,
        published_at: tsValue(now),
        updated_at: tsValue(now),
      })
      .where('id', '=', doc.id)
      .execute();
    await reindexDocument(trx, doc.id);
    return { id: doc.id, version: draft.version, title: draft.title };
  });
}

/** Withdraws (readers no longer see it) or restores a document. */
export async function setWithdrawn(
  db: Kysely<PlatformDatabase>,
  documentId: string,
  withdrawn: boolean,
  now: Date,
): Promise<{ id: string; withdrawn: boolean }> {
  return inTransaction(db, async (trx) => {
    const doc = await lockDocument(trx, documentId);
    if (doc.current_version === 0) throw invalid('该文档尚未发布，无需撤回');
    if ((doc.withdrawn_at !== null) === withdrawn)
      throw invalid(withdrawn ? '该文档已撤回' : '该文档未被撤回');
    await trx
      .updateTable('platform.handbook_documents')
      .set({ withdrawn_at: withdrawn ? tsValue(now) : null, updated_at: tsValue(now) })
      .where('id', '=', doc.id)
      .execute();
    return { id: doc.id, withdrawn };
  });
}

export const WALL_CHART_CODES = {
  basic_affairs: 'wall_chart.basic_affairs',
  meetings: 'wall_chart.meetings',
} as const;
export type WallChartKind = keyof typeof WALL_CHART_CODES;

/**
 * Drafts the next version of a wall chart from the rule data in force today (creates the document
 * the first time). The city reviews the draft and publishes it like any other version.
 */
export async function draftWallChart(
  db: Kysely<PlatformDatabase>,
  kind: WallChartKind,
  userId: string,
  now: Date,
): Promise<{ id: string; version: number }> {
  const date = todayInShanghai(now);
  const { charts } = await wallChartsOn(db, date);
  const chart = charts.find((c) => c.kind === kind);
  if (!chart) throw notFound('挂图');
  const title = `${chart.title}挂图`;
  const body = wallChartBody(chart);
  const changeNote = `按${date}在用的规则数据生成`;
  const code = WALL_CHART_CODES[kind];
  const existing = await db
    .selectFrom('platform.handbook_documents')
    .select('id')
    .where('code', '=', code)
    .executeTakeFirst();
  if (!existing) return create(db, { category: 'wall_chart', title, body, changeNote }, userId, code);
  return saveDraft(db, { documentId: existing.id, title, body, changeNote }, userId, now);
}

/** Mutations already run in the procedure's transaction; the seed and scripts get their own. */
function inTransaction<T>(
  db: Kysely<PlatformDatabase>,
  fn: (trx: Kysely<PlatformDatabase>) => Promise<T>,
): Promise<T> {
  return db.isTransaction ? fn(db) : db.transaction().execute(fn);
}

async function lockDocument(trx: Kysely<PlatformDatabase>, id: string) {
  const doc = await trx
    .selectFrom('platform.handbook_documents')
    .select(['id', 'current_version', 'withdrawn_at'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!doc) throw notFound('文档');
  return doc;
}
