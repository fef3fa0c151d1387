/**
 * MEM-4: the routing row of every transfer — ids and status only, no personal data. It is the
 * lock both sides take (`select … for update`) so an accept and a cancel (or two accepts) of the
 * same transfer serialise; only the session user (transfer functions in `../transfer.ts`) reads it,
 * tenant roles get no grant on it.
 */
import { type Kysely, sql } from 'kysely';
import type { PlatformDatabase } from '../schema';

export async function up(trx: Kysely<PlatformDatabase>): Promise<void> {
  await trx.schema
    .withSchema('platform')
    .createTable('transfers')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind in ('internal', 'cross_tenant', 'out_of_city')`),
    )
    .addColumn('source_tenant_id', 'uuid', (c) => c.notNull().references('tenants.id'))
    .addColumn('target_tenant_id', 'uuid', (c) => c.references('tenants.id'))
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .check(sql`status in ('pending_source', 'pending_target', 'completed', 'returned', 'cancelled')`),
    )
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint(
      'transfers_tenants_by_kind',
      sql`(kind = 'out_of_city' and target_tenant_id is null)
        or (kind = 'internal' and target_tenant_id = source_tenant_id)
        or (kind = 'cross_tenant' and target_tenant_id is not null and target_tenant_id <> source_tenant_id)`,
    )
    .execute();
  await sql`create index transfers_source_idx on platform.transfers (source_tenant_id, status)`.execute(trx);
  await sql`create index transfers_target_idx on platform.transfers (target_tenant_id, status)`.execute(trx);
}
