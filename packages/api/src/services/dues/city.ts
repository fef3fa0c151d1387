/**
 * 团费收缴率 across the city (团市委): each district tenant's total for a year, read inside that
 * tenant (its own role and schema), one tenant after the other.
 */
import { type PlatformDatabase, withTenant } from '@tuanjian/db';
import type { CollectionTally } from '@tuanjian/domain';
import type { Kysely } from 'kysely';
import type { Scope, TenantDb } from '../scope';
import { collection } from './dues';

export interface TenantCollection {
  tenantId: string;
  code: string;
  name: string;
  memberCount: number;
  tally: CollectionTally;
  permille: number | null;
  byMonth: (number | null)[];
}

export async function cityCollection(
  db: Kysely<PlatformDatabase>,
  input: { year: number },
  now: Date,
  userId: string,
): Promise<{ year: number; months: string[]; tenants: TenantCollection[] }> {
  const tenants = await db
    .selectFrom('platform.tenants')
    .select(['id', 'code', 'name', 'kind', 'schema_name', 'db_role', 'status'])
    .where('kind', '=', 'district')
    .where('status', '=', 'active')
    .orderBy('sort_order')
    .execute();
  const out: TenantCollection[] = [];
  let months: string[] = [];
  for (const t of tenants) {
    const scope: Scope = {
      role: 'district_admin',
      grantId: '',
      userId,
      tenant: { id: t.id, code: t.code, name: t.name, kind: 'district' },
      org: null,
      memberId: null,
    };
    const r = await withTenant(db, t, (tdb) => collection(tdb as TenantDb, scope, input, now));
    months = r.months;
    out.push({ tenantId: t.id, code: t.code, name: t.name, ...r.total });
  }
  return { year: input.year, months, tenants: out };
}
