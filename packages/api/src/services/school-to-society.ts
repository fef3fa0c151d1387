/**
 * 学社衔接 (MEM-4): graduating student members of school branches (普通高校 / 中职 / 普通高中) are
 * marked with their graduation year; per year, the share of them transferred to a receiving
 * organisation against the `transfer.schoolToSociety` target (default 50 %), per branch and for
 * the tenant. A graduate counts as transferred when a transfer that started while they were marked
 * graduating has completed (within the city or out of it).
 */
import {
  isSchoolToSocietySector,
  type SchoolToSocietyRate,
  type Sector,
  schoolToSocietyRate,
  sectorLabel,
  todayInShanghai,
} from '@tuanjian/domain';
import { sql } from 'kysely';
import { tsValue } from '../db-types';
import { appError, forbiddenRole, notFound } from '../errors';
import { escapeLike, pathInScope, type Scope, type TenantDb } from './scope';
import { ruleOn } from './transfers';

function requireCadre(scope: Scope): void {
  if (scope.role !== 'district_admin' && scope.role !== 'org_secretary') {
    throw forbiddenRole('仅区县团委管理员和团组织书记可以办理学社衔接');
  }
}

interface OrgRow {
  id: string;
  parent_id: string | null;
  name: string;
  kind: string;
  path: string;
  sector: string | null;
}

/** The sector of an organisation: its own, else the nearest ancestor's. */
function effectiveSectors(orgs: OrgRow[]): Map<string, string | null> {
  const byId = new Map(orgs.map((o) => [o.id, o]));
  const out = new Map<string, string | null>();
  for (const o of orgs) {
    let sector: string | null = null;
    const ids = o.path.split('/').filter(Boolean).reverse();
    for (const id of ids) {
      const x = byId.get(id);
      if (x?.sector) {
        sector = x.sector;
        break;
      }
    }
    out.set(o.id, sector);
  }
  return out;
}

async function allOrgs(tdb: TenantDb): Promise<OrgRow[]> {
  // Ancestors are needed for the sector: read the whole tree (names only), filter after.
  return tdb
    .selectFrom('organisations')
    .select(['id', 'parent_id', 'name', 'kind', 'path', 'sector'])
    .execute();
}

export interface MarkGraduatingInput {
  orgId: string;
  /** null clears the mark. */
  year: number | null;
  /** Only these members of the branch (default: every active member of the branch). */
  memberIds?: string[];
}

export async function markGraduating(
  tdb: TenantDb,
  scope: Scope,
  input: MarkGraduatingInput,
  now = new Date(),
): Promise<{ updated: number }> {
  requireCadre(scope);
  const orgs = await allOrgs(tdb);
  const org = orgs.find((o) => o.id === input.orgId);
  if (!org || !pathInScope(scope, org.path)) throw notFound('组织');
  const sector = effectiveSectors(orgs).get(org.id) ?? null;
  if (!isSchoolToSocietySector(sector)) {
    throw appError(
      'PRECONDITION_FAILED',
      'INVALID_STATE',
      '毕业班标记仅适用于普通高校、中职学校、普通高中的团组织（学社衔接）',
    );
  }
  let q = tdb
    .updateTable('members')
    .set({ graduation_year: input.year, updated_at: tsValue(now) })
    .where('org_id', '=', org.id)
    .where('status', '=', 'active');
  if (input.memberIds && input.memberIds.length > 0) q = q.where('id', 'in', input.memberIds);
  const r = await q.executeTakeFirst();
  return { updated: Number(r.numUpdatedRows) };
}

export interface BranchRate extends SchoolToSocietyRate {
  orgId: string;
  orgName: string;
  sector: Sector;
  sectorLabel: string;
}

export interface SchoolToSocietyReport {
  year: number;
  rule: { minPercent: number; version: number; source: string };
  total: SchoolToSocietyRate;
  branches: BranchRate[];
}

export async function rate(
  tdb: TenantDb,
  scope: Scope,
  year: number,
  today = todayInShanghai(),
): Promise<SchoolToSocietyReport> {
  requireCadre(scope);
  // The target in force at the end of that year (or today, if earlier).
  const onDate = `${year}-12-31` < today ? `${year}-12-31` : today;
  const rule = await ruleOn(tdb, 'transfer.schoolToSociety', onDate);
  const min = rule.value.minPercent;
  const orgs = await allOrgs(tdb);
  const sectors = effectiveSectors(orgs);
  const prefix = scope.org ? `${escapeLike(scope.org.path)}%` : '%';

  const transferred = await tdb
    .selectFrom('transfers as t')
    .innerJoin('organisations as o', 'o.id', 't.source_org_id')
    .select(['t.source_org_id as org_id', sql<number>`count(distinct t.member_id)::int`.as('n')])
    .where('t.side', 'in', ['outgoing', 'internal'])
    .where('t.status', '=', 'completed')
    .where('t.graduation_year', '=', year)
    .where('o.path', 'like', prefix)
    .groupBy('t.source_org_id')
    .execute();
  const remaining = await tdb
    .selectFrom('members as m')
    .innerJoin('organisations as o', 'o.id', 'm.org_id')
    .select(['m.org_id', sql<number>`count(*)::int`.as('n')])
    .where('m.graduation_year', '=', year)
    .where('m.status', 'in', ['active', 'lapsed'])
    .where('o.path', 'like', prefix)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('transfers as t')
            .select('t.id')
            .whereRef('t.member_id', '=', 'm.id')
            .where('t.side', 'in', ['outgoing', 'internal'])
            .where('t.status', '=', 'completed')
            .where('t.graduation_year', '=', year),
        ),
      ),
    )
    .groupBy('m.org_id')
    .execute();

  const counts = new Map<string, { graduating: number; transferred: number }>();
  const bump = (orgId: string, g: number, t: number) => {
    if (!isSchoolToSocietySector(sectors.get(orgId))) return;
    const c = counts.get(orgId) ?? { graduating: 0, transferred: 0 };
    c.graduating += g;
    c.transferred += t;
    counts.set(orgId, c);
  };
  for (const r of transferred) bump(r.org_id, Number(r.n), Number(r.n));
  for (const r of remaining) bump(r.org_id, Number(r.n), 0);

  const byId = new Map(orgs.map((o) => [o.id, o]));
  const branches: BranchRate[] = [...counts.entries()]
    .map(([orgId, c]) => {
      const sector = sectors.get(orgId) as Sector;
      return {
        orgId,
        orgName: byId.get(orgId)?.name ?? '',
        sector,
        sectorLabel: sectorLabel[sector] ?? sector,
        ...schoolToSocietyRate(c.graduating, c.transferred, min),
      };
    })
    .sort((a, b) => (a.percent ?? 0) - (b.percent ?? 0) || a.orgName.localeCompare(b.orgName, 'zh-CN'));
  const g = branches.reduce((s, b) => s + b.graduating, 0);
  const t = branches.reduce((s, b) => s + b.transferred, 0);
  return {
    year,
    rule: { minPercent: min, version: rule.version, source: rule.source },
    total: schoolToSocietyRate(g, t, min),
    branches,
  };
}
