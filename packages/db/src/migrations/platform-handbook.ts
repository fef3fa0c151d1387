/**
 * LIFE-4 工作手册: documents the city publishes to every branch, their versions, the search index
 * and the readers' receipts. All in `platform` (the city has no schema); written by the city
 * through the platform handle (owner).
 * - `handbook_documents` / `handbook_versions`: tenant roles SELECT; row-level security shows them
 *   only documents that have a published version and are not withdrawn, and only published versions.
 * - `handbook_terms`: the bigram index (`@tuanjian/domain` search-terms) of each document's current
 *   published version; rebuilt by the city on publish. Tenant roles SELECT (RLS as documents).
 * - `handbook_reads`: one row per (tenant, user, document) — the version last read. Row-level
 *   security keyed by the acting role (`tenant_id_of_role(current_user)`, from migration 0004):
 *   a tenant role sees and writes only its own tenant's receipts.
 */
import { sql } from 'kysely';
import { tenantBaseRoleName } from '../identifiers';
import type { PlatformMigration } from './types';

export const up: PlatformMigration['up'] = async (trx) => {
  const s = trx.schema.withSchema('platform');
  await s
    .createTable('handbook_documents')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('category', 'text', (c) =>
      c.notNull().check(sql`category in ('procedure', 'regulation', 'template', 'form', 'wall_chart')`),
    )
    /** The title of the current published version (of the draft until the first publication). */
    .addColumn('title', 'text', (c) => c.notNull().check(sql`length(btrim(title)) > 0`))
    /** The published version readers see; 0 = never published. */
    .addColumn('current_version', 'integer', (c) => c.notNull().defaultTo(0).check(sql`current_version >= 0`))
    .addColumn('published_at', 'timestamptz')
    .addColumn('withdrawn_at', 'timestamptz')
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    /** Set for documents the system regenerates: 'wall_chart.basic_affairs', 'wall_chart.meetings'. */
    .addColumn('code', 'text', (c) => c.unique())
    .addColumn('created_by', 'uuid')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('handbook_documents_published', sql`(current_version = 0) = (published_at is null)`)
    .execute();

  await s
    .createTable('handbook_versions')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('document_id', 'uuid', (c) => c.notNull().references('handbook_documents.id'))
    .addColumn('version', 'integer', (c) => c.notNull().check(sql`version >= 1`))
    .addColumn('title', 'text', (c) => c.notNull().check(sql`length(btrim(title)) > 0`))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('change_note', 'text')
    .addColumn('created_by', 'uuid')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    /** null = the draft (at most one per document, always the highest version). */
    .addColumn('published_at', 'timestamptz')
    .addColumn('published_by', 'uuid')
    .addUniqueConstraint('handbook_versions_doc_version', ['document_id', 'version'])
    .execute();
  await sql`create unique index handbook_versions_one_draft on platform.handbook_versions (document_id)
    where published_at is null`.execute(trx);

  await s
    .createTable('handbook_terms')
    .addColumn('document_id', 'uuid', (c) => c.notNull().references('handbook_documents.id'))
    .addColumn('term', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('handbook_terms_pk', ['term', 'document_id'])
    .execute();

  await s
    .createTable('handbook_reads')
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id'))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('document_id', 'uuid', (c) => c.notNull().references('handbook_documents.id'))
    .addColumn('version', 'integer', (c) => c.notNull().check(sql`version >= 1`))
    .addColumn('read_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('handbook_reads_pk', ['tenant_id', 'user_id', 'document_id'])
    .execute();

  const visibleDoc = sql`current_version > 0 and withdrawn_at is null`;
  await sql`alter table platform.handbook_documents enable row level security`.execute(trx);
  await sql`create policy handbook_documents_published on platform.handbook_documents for select
    using (${visibleDoc})`.execute(trx);
  await sql`alter table platform.handbook_versions enable row level security`.execute(trx);
  await sql`create policy handbook_versions_published on platform.handbook_versions for select
    using (published_at is not null and exists (select 1 from platform.handbook_documents d
      where d.id = document_id))`.execute(trx);
  await sql`alter table platform.handbook_terms enable row level security`.execute(trx);
  await sql`create policy handbook_terms_published on platform.handbook_terms for select
    using (exists (select 1 from platform.handbook_documents d where d.id = document_id))`.execute(trx);
  await sql`alter table platform.handbook_reads enable row level security`.execute(trx);
  await sql`create policy handbook_reads_own_tenant on platform.handbook_reads
    using (tenant_id = platform.tenant_id_of_role(current_user::text))
    with check (tenant_id = platform.tenant_id_of_role(current_user::text))`.execute(trx);

  const { rows } = await sql<{
    value: string;
  }>`select value from platform.settings where key = 'role_prefix'`.execute(trx);
  const prefix = rows[0]?.value;
  if (!prefix) throw new Error('role_prefix missing');
  const base = sql.id(tenantBaseRoleName(prefix));
  await sql`grant select (id, category, title, current_version, published_at, withdrawn_at, sort_order, code,
    created_at, updated_at) on platform.handbook_documents to ${base}`.execute(trx);
  await sql`grant select (id, document_id, version, title, body, change_note, published_at)
    on platform.handbook_versions to ${base}`.execute(trx);
  await sql`grant select on platform.handbook_terms to ${base}`.execute(trx);
  await sql`grant select, insert on platform.handbook_reads to ${base}`.execute(trx);
  await sql`grant update (version, read_at) on platform.handbook_reads to ${base}`.execute(trx);
};
