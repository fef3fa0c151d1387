/**
 * ORG-7: a visit's findings become a 上级点 input of the branch's health check of the visit's year.
 * Runs under the district tenant's role: it reads the tenant's own visits (row-level security) and
 * marks them applied (the role may update only `health_check_id` / `applied_at`). A visit to a branch
 * without an open check stays 待计入 and is applied when the superior opens the round (`openRound`).
 */
import type { PlatformDatabase } from '@tuanjian/db';
import type { QueryCreator } from 'kysely';
import { sql } from 'kysely';
import { addInstructorInput } from '../rectification/rectification';
import type { TenantDb } from '../scope';

const platform = (tdb: TenantDb) => tdb as unknown as QueryCreator<PlatformDatabase>;

export function visitNotes(v: { instructor_name: string; visited_on: string; findings: string }): string {
  return `基层团建指导员${v.instructor_name}于${v.visited_on}走访：${v.findings}`;
}

export async function applyPendingVisits(
  tdb: TenantDb,
  tenantId: string,
  filter: { orgIds?: string[]; year?: number; visitIds?: string[] } = {},
): Promise<number> {
  let q = platform(tdb)
    .selectFrom('platform.instructor_visits')
    .select(['id', 'org_id', 'year', 'grades', 'findings', 'instructor_name', 'visited_on', 'recorded_by'])
    .where('tenant_id', '=', tenantId)
    .where('health_check_id', 'is', null)
    .orderBy('visited_on')
    .orderBy('created_at');
  if (filter.orgIds) {
    if (filter.orgIds.length === 0) return 0;
    q = q.where('org_id', 'in', filter.orgIds);
  }
  if (filter.year !== undefined) q = q.where('year', '=', filter.year);
  if (filter.visitIds) q = q.where('id', 'in', filter.visitIds);
  const visits = await q.execute();
  let applied = 0;
  for (const v of visits) {
    const check = await tdb
      .selectFrom('health_checks')
      .select('id')
      .where('org_id', '=', v.org_id)
      .where('year', '=', v.year)
      .where('status', '=', 'open')
      .executeTakeFirst();
    if (!check || !v.recorded_by) continue;
    const grades = (typeof v.grades === 'string' ? JSON.parse(v.grades) : v.grades) as Record<string, string>;
    const ok = await addInstructorInput(tdb, {
      healthCheckId: check.id,
      visitId: v.id,
      grades,
      notes: visitNotes({ ...v, visited_on: String(v.visited_on) }),
      submittedBy: v.recorded_by,
    });
    if (!ok) continue;
    await platform(tdb)
      .updateTable('platform.instructor_visits')
      .set({ health_check_id: check.id, applied_at: sql`now()` })
      .where('id', '=', v.id)
      .execute();
    applied += 1;
  }
  return applied;
}
