/**
 * MEM-1 / MEM-7 (slice "archive"): personal information sealed at rest on `members`
 * (ciphertext + masked form + blind index; never the clear value), archive audits (核查),
 * and import jobs (progress and the row-by-row report of an Excel import).
 */
import { type Kysely, sql } from 'kysely';
import type { PlatformDatabase } from '../../schema';

const now = sql`now()`;
const uuid = sql`gen_random_uuid()`;

export async function archiveMigration(trx: Kysely<PlatformDatabase>, schema: string): Promise<void> {
  const s = trx.schema.withSchema(schema);
  await s
    .alterTable('members')
    // `v1.<keyId>.<iv>.<ct>.<tag>` — see @tuanjian/db pii.ts
    .addColumn('id_card_sealed', 'text')
    // 6201**********123X: what the masked form shows (search by the last digits)
    .addColumn('id_card_masked', 'text')
    // HMAC of the normalised number (lookup on import, uniqueness)
    .addColumn('id_card_index', 'text')
    .addColumn('phone_sealed', 'text')
    .addColumn('phone_masked', 'text')
    .execute();
  await sql`alter table ${sql.id(schema, 'members')} add constraint members_id_card_pair
    check ((id_card_sealed is null) = (id_card_masked is null) and (id_card_sealed is null) = (id_card_index is null))`.execute(
    trx,
  );
  await sql`alter table ${sql.id(schema, 'members')} add constraint members_phone_pair
    check ((phone_sealed is null) = (phone_masked is null))`.execute(trx);
  await s.createIndex('members_id_card_index_key').on('members').column('id_card_index').unique().execute();
  await sql`create index members_id_card_last4_idx on ${sql.id(schema, 'members')} (right(id_card_masked, 4))`.execute(
    trx,
  );

  await s
    .createTable('member_archive_checks')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(uuid))
    .addColumn('member_id', 'uuid', (c) => c.notNull().references('members.id'))
    .addColumn('result', 'text', (c) => c.notNull().check(sql`result in ('passed', 'needs_correction')`))
    .addColumn('notes', 'text')
    // completeness score at the time of the check
    .addColumn('score', 'integer', (c) => c.notNull())
    // platform.users id; no cross-schema foreign key
    .addColumn('checked_by', 'uuid', (c) => c.notNull())
    .addColumn('checked_by_name', 'text', (c) => c.notNull())
    .addColumn('checked_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();
  await s
    .createIndex('member_archive_checks_member_idx')
    .on('member_archive_checks')
    .columns(['member_id', 'checked_at'])
    .execute();

  await s
    .createTable('import_jobs')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(uuid))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('organisations', 'members')`))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('file_sha256', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('running').check(sql`status in ('running', 'done', 'failed')`),
    )
    .addColumn('total_rows', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('processed_rows', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_rows', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_rows', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('unchanged_rows', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('error_rows', 'integer', (c) => c.notNull().defaultTo(0))
    // [{ row, message }]
    .addColumn('errors', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('message', 'text')
    .addColumn('created_by', 'uuid', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('finished_at', 'timestamptz')
    .execute();
}
