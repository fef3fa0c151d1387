/**
 * RECT-5 考核验收: the superior records, per branch and year, whether the branch passed the annual
 * acceptance of the rectification phase. Only a branch that passed enters 对标定级 (rating):
 * `acceptedBranchIds(tdb, year)` is the list the rating reads.
 */
import type { AcceptanceResult } from '@tuanjian/domain';
import type { TenantDb } from '../scope';

/** Ids of the branches whose acceptance of `year` passed (in this tenant). */
export async function acceptedBranchIds(tdb: TenantDb, year: number): Promise<Set<string>> {
  const rows = await tdb
    .selectFrom('rectification_acceptances')
    .select('org_id')
    .where('year', '=', year)
    .where('result', '=', 'passed')
    .execute();
  return new Set(rows.map((r) => r.org_id));
}

export interface AcceptanceRow {
  orgId: string;
  year: number;
  result: AcceptanceResult;
  notes: string | null;
  decidedBy: string;
  decidedAt: Date;
}
