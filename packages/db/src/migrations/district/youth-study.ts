/**
 * 青年大学习 (district template): one session (期) per study week — kept as the Shanghai date its
 * week starts on (rule `youthStudy.week`) — and one completion per member and session, written by
 * imports of the completion lists the provincial platform exports. Imports keep their counts and
 * the row errors (Chinese) for the importer; they never keep the file or any personal number.
 * No organisation column: completions belong to the member, whichever branch it is in now.
 */
import { type Kysely, sql } from 'kysely';
import type { PlatformDatabase } from '../../schema';

const now = sql`now()`;
const uuid = sql`gen_random_uuid()`;

export async function up(trx: Kysely<PlatformDatabase>, schema: string): Promise<void> {
  const s = trx.schema.withSchema(schema);
  await s
    .createTable('youth_study_sessions')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(uuid))
    .addColumn('week_start', 'date', (c) => c.notNull().unique())
    .addColumn('label', 'text', (c) => c.check(sql`label is null or length(label) <= 100`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();

  await s
    .createTable('youth_study_imports')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(uuid))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('week_start', 'date')
    .addColumn('total_rows', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('recorded_rows', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('already_rows', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('error_rows', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('errors', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('weeks', sql`date[]`, (c) => c.notNull().defaultTo(sql`'{}'::date[]`))
    .addColumn('created_by', 'uuid', (c) => c.notNull()) // platform.users id (no cross-schema FK)
    .addColumn('created_by_name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();

  await s
    .createTable('youth_study_completions')
    .addColumn('session_id', 'uuid', (c) =>
      c.notNull().references('youth_study_sessions.id').onDelete('cascade'),
    )
    .addColumn('member_id', 'uuid', (c) => c.notNull().references('members.id'))
    .addColumn('completed_on', 'date')
    .addColumn('import_id', 'uuid', (c) => c.references('youth_study_imports.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addPrimaryKeyConstraint('youth_study_completions_pk', ['session_id', 'member_id'])
    .execute();
  await s
    .createIndex('youth_study_completions_member_idx')
    .on('youth_study_completions')
    .column('member_id')
    .execute();
}

/**
 * MEM-8 流动团员: a member working or studying away is placed with a responsible branch (a
 * 流动团员团支部 or the receiving place's branch) while `members.org_id` stays the home branch that
 * keeps track. One open placement per member; ending it keeps the row (history).
 */
export async function mobileUp(trx: Kysely<PlatformDatabase>, schema: string): Promise<void> {
  const s = trx.schema.withSchema(schema);
  await s
    .createTable('mobile_placements')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(uuid))
    .addColumn('member_id', 'uuid', (c) => c.notNull().references('members.id'))
    .addColumn('responsible_org_id', 'uuid', (c) => c.notNull().references('organisations.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('work', 'study', 'other')`))
    .addColumn('place', 'text', (c) => c.notNull().check(sql`length(btrim(place)) between 1 and 100`))
    .addColumn('unit_name', 'text')
    .addColumn('started_on', 'date', (c) => c.notNull())
    .addColumn('ended_on', 'date')
    .addColumn('note', 'text')
    .addColumn('created_by', 'uuid', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addCheckConstraint('mobile_placements_dates', sql`ended_on is null or ended_on >= started_on`)
    .execute();
  await sql`create unique index mobile_placements_open on ${sql.id(schema, 'mobile_placements')} (member_id)
    where ended_on is null`.execute(trx);
  await s
    .createIndex('mobile_placements_org_idx')
    .on('mobile_placements')
    .column('responsible_org_id')
    .execute();
}

export async function youthUp(trx: Kysely<PlatformDatabase>, schema: string): Promise<void> {
  await up(trx, schema);
  await mobileUp(trx, schema);
}
