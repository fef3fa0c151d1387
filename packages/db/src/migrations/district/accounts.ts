/**
 * Issue 10 "accounts": corrections instead of deletions (a member's name / 身份证号 changed only by
 * an approved request; before/after kept, the ID sealed) and one-time password reset codes.
 */
import { type Kysely, sql } from 'kysely';
import type { PlatformDatabase } from '../../schema';

export async function up(trx: Kysely<PlatformDatabase>, schema: string): Promise<void> {
  const s = trx.schema.withSchema(schema);
  await s
    .createTable('member_corrections')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('member_id', 'uuid', (c) => c.notNull().references('members.id'))
    .addColumn('field', 'text', (c) => c.notNull().check(sql`field in ('name', 'idCard')`))
    .addColumn('before_text', 'text')
    .addColumn('before_sealed', 'text')
    .addColumn('after_text', 'text', (c) => c.notNull().check(sql`length(btrim(after_text)) > 0`))
    .addColumn('after_sealed', 'text')
    .addColumn('after_index', 'text')
    .addColumn('reason', 'text', (c) => c.notNull().check(sql`length(btrim(reason)) > 0`))
    .addColumn('evidence_file_ids', sql`uuid[]`, (c) => c.notNull().defaultTo(sql`'{}'::uuid[]`))
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('pending').check(sql`status in ('pending', 'approved', 'rejected')`),
    )
    .addColumn('proposed_by', 'uuid', (c) => c.notNull())
    .addColumn('proposed_by_name', 'text', (c) => c.notNull())
    .addColumn('proposer_scope_path', 'text')
    .addColumn('proposed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('decided_by', 'uuid')
    .addColumn('decided_by_name', 'text')
    .addColumn('decided_at', 'timestamptz')
    .addColumn('decision_note', 'text')
    .execute();
  // One open request per member and field.
  await sql`create unique index member_corrections_one_pending on ${sql.id(schema, 'member_corrections')}
    (member_id, field) where status = 'pending'`.execute(trx);

  await s
    .createTable('password_reset_codes')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('batch_id', 'uuid', (c) => c.notNull())
    .addColumn('org_id', 'uuid', (c) => c.notNull().references('organisations.id'))
    .addColumn('member_id', 'uuid', (c) => c.notNull().references('members.id'))
    .addColumn('user_id', 'uuid', (c) => c.notNull())
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('used_at', 'timestamptz')
    .addColumn('issued_by', 'uuid', (c) => c.notNull())
    .addColumn('issued_by_name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await s.createIndex('password_reset_codes_user').on('password_reset_codes').columns(['user_id']).execute();
}
