/**
 * MEM-4 组织关系转接 (tenant side) and 学社衔接.
 *
 * Each tenant keeps its own copy of every transfer it takes part in (`side`: outgoing, incoming,
 * internal) with the member snapshot the receiver needs (name, number, gender, birth year — no ID
 * number or phone) and the timeline. The routing row (ids + status only) is `platform.transfers`.
 * Members get `graduation_year` (学社衔接: graduating student members of school branches).
 */
import { type Kysely, sql } from 'kysely';
import type { PlatformDatabase } from '../../schema';

const now = sql`now()`;

export async function up(trx: Kysely<PlatformDatabase>, schema: string): Promise<void> {
  const s = trx.schema.withSchema(schema);
  await s.alterTable('members').addColumn('graduation_year', 'integer').execute();

  await s
    .createTable('transfers')
    // Same id as platform.transfers (and as the other side's copy).
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('side', 'text', (c) => c.notNull().check(sql`side in ('outgoing', 'incoming', 'internal')`))
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind in ('internal', 'cross_tenant', 'out_of_city')`),
    )
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .check(sql`status in ('pending_source', 'pending_target', 'completed', 'returned', 'cancelled')`),
    )
    // outgoing / internal: the member moved; incoming: the new member row once accepted.
    .addColumn('member_id', 'uuid', (c) => c.references('members.id'))
    .addColumn('member_name', 'text', (c) => c.notNull())
    .addColumn('member_number', 'text')
    .addColumn('member_gender', 'text', (c) => c.notNull())
    .addColumn('member_birth_year', 'integer', (c) => c.notNull())
    .addColumn('source_tenant_id', 'uuid', (c) => c.notNull())
    .addColumn('source_tenant_name', 'text', (c) => c.notNull())
    .addColumn('source_org_id', 'uuid', (c) => c.notNull())
    .addColumn('source_org_name', 'text', (c) => c.notNull())
    .addColumn('target_tenant_id', 'uuid')
    .addColumn('target_tenant_name', 'text')
    .addColumn('target_org_id', 'uuid')
    .addColumn('target_org_name', 'text')
    .addColumn('external_org_name', 'text')
    .addColumn('external_contact', 'text')
    .addColumn('reason', 'text')
    // 学社衔接: the member was marked graduating (year) when the transfer started.
    .addColumn('graduation_year', 'integer')
    .addColumn('applied_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('reached_target_at', 'timestamptz')
    // transfer.timeout: last Shanghai day for the receiver (rule version in force that day).
    .addColumn('receiver_due_on', 'date')
    .addColumn('closed_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addCheckConstraint(
      'transfers_target_by_kind',
      sql`(kind = 'out_of_city' and external_org_name is not null)
        or (kind <> 'out_of_city' and target_tenant_id is not null and target_org_id is not null)`,
    )
    .execute();
  await s.createIndex('transfers_status_idx').on('transfers').columns(['status', 'side']).execute();
  await s.createIndex('transfers_member_idx').on('transfers').column('member_id').execute();
  await s.createIndex('transfers_source_org_idx').on('transfers').column('source_org_id').execute();
  await s.createIndex('transfers_target_org_idx').on('transfers').column('target_org_id').execute();
  // At most one open transfer per member (on the source side).
  await sql`create unique index transfers_one_open on ${sql.id(schema, 'transfers')} (member_id)
    where side in ('outgoing', 'internal') and status in ('pending_source', 'pending_target')`.execute(trx);

  await s
    .createTable('transfer_events')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('transfer_id', 'uuid', (c) => c.notNull().references('transfers.id'))
    .addColumn('step', 'text', (c) =>
      c
        .notNull()
        .check(sql`step in ('applied', 'source_approved', 'target_accepted', 'returned', 'cancelled')`),
    )
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('actor_user_id', 'uuid')
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('actor_unit', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .execute();
  await s
    .createIndex('transfer_events_transfer_idx')
    .on('transfer_events')
    .columns(['transfer_id', 'at'])
    .execute();
}
