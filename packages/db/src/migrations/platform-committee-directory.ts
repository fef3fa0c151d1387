/**
 * The directory of active 专门委员会 (id, code, name) for district tenant roles, which may not read
 * `platform.tenants`: a district picks the committee it submits a research report to (COM-2).
 * Names and ids of committees only; nothing of other districts.
 */
import { sql } from 'kysely';
import { tenantBaseRoleName } from '../identifiers';
import type { PlatformMigration } from './types';

export const up: PlatformMigration['up'] = async (trx) => {
  await sql`create function platform.committee_directory() returns table (id uuid, code text, name text)
    language sql stable security definer set search_path = pg_catalog, pg_temp
    as $$ select id, code, name from platform.tenants where kind = 'committee' and status = 'active'
      order by sort_order, code $$`.execute(trx);
  const { rows } = await sql<{
    value: string;
  }>`select value from platform.settings where key = 'role_prefix'`.execute(trx);
  const prefix = rows[0]?.value;
  if (!prefix) throw new Error('role_prefix missing');
  await sql`revoke all on function platform.committee_directory() from public`.execute(trx);
  await sql`grant execute on function platform.committee_directory() to ${sql.id(tenantBaseRoleName(prefix))}`.execute(
    trx,
  );
};
