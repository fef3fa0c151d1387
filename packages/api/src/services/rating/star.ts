/**
 * The star shown on an organisation everywhere (RATE-3): its latest *published* level. A rating in
 * progress or reviewed but not yet published does not show. Kept free of other services so the
 * organisation tree, `organisations.get` and the mini-program home can read it without cycles.
 */
import { type StarLevel, starLevelLabel } from '@tuanjian/domain';
import type { TenantDb } from '../scope';

export interface OrgStar {
  year: number;
  level: StarLevel;
  label: string;
}

/** Latest published star per organisation (absent: never published). */
export async function currentStars(tdb: TenantDb, orgIds?: string[]): Promise<Map<string, OrgStar>> {
  if (orgIds && orgIds.length === 0) return new Map();
  let q = tdb
    .selectFrom('star_ratings')
    .select(['org_id', 'year', 'published_level'])
    .distinctOn('org_id')
    .where('status', '=', 'published')
    .where('published_level', 'is not', null)
    .orderBy('org_id')
    .orderBy('year', 'desc');
  if (orgIds) q = q.where('org_id', 'in', orgIds);
  const rows = await q.execute();
  const m = new Map<string, OrgStar>();
  for (const r of rows) {
    if (!r.published_level) continue;
    m.set(r.org_id, { year: r.year, level: r.published_level, label: starLevelLabel[r.published_level] });
  }
  return m;
}

export async function currentStar(tdb: TenantDb, orgId: string): Promise<OrgStar | null> {
  return (await currentStars(tdb, [orgId])).get(orgId) ?? null;
}
