/**
 * 号段 (MEM-2): blocks of 团员编号 sequences the city assigns to each district tenant, per year.
 * Blocks never overlap within a year (exclusion constraint on the year-qualified range). Tenant
 * roles may read them (to carve sub-blocks for their 团委), never write.
 */
import { sql } from 'kysely';
import { tenantBaseRoleName } from '../identifiers';
import type { PlatformMigration } from './types';

export const up: PlatformMigration['up'] = async (trx) => {
  await trx.schema
    .withSchema('platform')
    .createTable('number_blocks')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id'))
    .addColumn('year', 'integer', (c) => c.notNull().check(sql`year between 1922 and 2999`))
    .addColumn('start_seq', 'integer', (c) => c.notNull().check(sql`start_seq between 1 and 999999`))
    .addColumn('end_seq', 'integer', (c) => c.notNull().check(sql`end_seq between 1 and 999999`))
    .addColumn('note', 'text')
    .addColumn('created_by', 'uuid')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('number_blocks_order', sql`start_seq <= end_seq`)
    .execute();
  await sql`alter table ${sql.id('platform', 'number_blocks')} add constraint number_blocks_no_overlap
    exclude using gist (int8range(year::int8 * 1000000 + start_seq, year::int8 * 1000000 + end_seq, '[]') with &&)`.execute(
    trx,
  );
  await sql`create index number_blocks_tenant_idx on ${sql.id('platform', 'number_blocks')} (tenant_id, year)`.execute(
    trx,
  );
  const { rows } = await sql<{
    value: string;
  }>`select value from platform.settings where key = 'role_prefix'`.execute(trx);
  const prefix = rows[0]?.value;
  if (!prefix) throw new Error('role_prefix missing');
  await sql`grant select on ${sql.id('platform', 'number_blocks')} to ${sql.id(tenantBaseRoleName(prefix))}`.execute(
    trx,
  );
};
