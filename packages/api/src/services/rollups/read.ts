/**
 * Reading rollups from inside a tenant (its role; row-level security decides what is visible):
 * a committee gets the rows of its sectors, a district its own rows.
 */
import type { PlatformDatabase } from '@tuanjian/db';
import type { QueryCreator } from 'kysely';
import type { TenantDb } from '../scope';

/** The visible `platform.org_rollups` rows of a year (the tenant handle keeps qualified names). */
export async function visibleOrgRollups(tdb: TenantDb, year: number) {
  const pdb = tdb as unknown as QueryCreator<PlatformDatabase>;
  return pdb
    .selectFrom('platform.org_rollups')
    .selectAll()
    .where('year', '=', year)
    .orderBy('tenant_id')
    .orderBy('org_name')
    .execute();
}
