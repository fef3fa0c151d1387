/**
 * Rollups contract (docs/SESSION5-PLAN.md): `refreshTenantRollups` computes a district tenant's
 * figures under `withTenant` and upserts them with the platform handle into `platform.org_rollups`
 * and `platform.tenant_rollups`. Committee tenants have no organisations: nothing to refresh.
 */
import { type PlatformDatabase, type TenantRef, withTenant } from '@tuanjian/db';
import { todayInShanghai } from '@tuanjian/domain';
import { type Kysely, sql } from 'kysely';
import type { TenantDb } from '../scope';
import { computeTenantYear, type TenantYearRollup } from './compute';

export type RollupTenant = TenantRef & { id: string; code: string; name: string; kind: string };

/** Years refreshed by default: this year and last year (Asia/Shanghai). */
export function defaultRollupYears(now: Date): number[] {
  const y = Number(todayInShanghai(now).slice(0, 4));
  return [y, y - 1];
}

export async function refreshTenantRollups(
  db: Kysely<PlatformDatabase>,
  tenant: RollupTenant,
  year?: number,
  now: Date = new Date(),
): Promise<{ years: number[]; orgs: number }> {
  if (tenant.kind !== 'district') return { years: [], orgs: 0 };
  const years = year ? [year] : defaultRollupYears(now);
  // One transaction per year: the embedded database serves one transaction at a time.
  const results: TenantYearRollup[] = [];
  for (const y of years) {
    results.push(await withTenant(db, tenant, (tdb) => computeTenantYear(tdb as TenantDb, tenant, y, now)));
  }
  let orgs = 0;
  await db.transaction().execute(async (trx) => {
    for (const r of results) {
      const rows = r.orgs.map((o) => ({
        tenant_id: tenant.id,
        org_id: o.orgId,
        year: r.year,
        org_name: o.orgName,
        org_kind: o.orgKind,
        sector: o.sector,
        parent_org_id: o.parentOrgId,
        status: o.status,
        member_count: o.memberCount,
        metrics: JSON.stringify(o.metrics),
        computed_at: now,
      }));
      for (let i = 0; i < rows.length; i += 500) {
        await trx
          .insertInto('platform.org_rollups')
          .values(rows.slice(i, i + 500))
          .onConflict((oc) =>
            oc.columns(['tenant_id', 'org_id', 'year']).doUpdateSet({
              org_name: sql`excluded.org_name`,
              org_kind: sql`excluded.org_kind`,
              sector: sql`excluded.sector`,
              parent_org_id: sql`excluded.parent_org_id`,
              status: sql`excluded.status`,
              member_count: sql`excluded.member_count`,
              metrics: sql`excluded.metrics`,
              computed_at: sql`excluded.computed_at`,
            }),
          )
          .execute();
      }
      orgs += rows.length;
      await trx
        .insertInto('platform.tenant_rollups')
        .values({ tenant_id: tenant.id, year: r.year, metrics: JSON.stringify(r.tenant), computed_at: now })
        .onConflict((oc) =>
          oc.columns(['tenant_id', 'year']).doUpdateSet({
            metrics: sql`excluded.metrics`,
            computed_at: sql`excluded.computed_at`,
          }),
        )
        .execute();
    }
  });
  return { years, orgs };
}

/** Every active district tenant, one after the other. */
export async function refreshAllRollups(
  db: Kysely<PlatformDatabase>,
  now: Date = new Date(),
  onlyIds?: ReadonlySet<string>,
): Promise<number> {
  const tenants = await db
    .selectFrom('platform.tenants')
    .select(['id', 'code', 'name', 'kind', 'schema_name', 'db_role', 'status'])
    .where('kind', '=', 'district')
    .where('status', '=', 'active')
    .orderBy('sort_order')
    .execute();
  let n = 0;
  for (const t of tenants) {
    if (onlyIds && !onlyIds.has(t.id)) continue;
    await refreshTenantRollups(db, t as RollupTenant, undefined, now);
    n += 1;
    // Let waiting requests through between tenants (the embedded database has one connection).
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return n;
}
