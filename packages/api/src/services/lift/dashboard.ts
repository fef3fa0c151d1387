/**
 * LIFT-1 dashboards. Per tenant (district_admin: the district; org_secretary: its subtree) — this
 * year and last year — from the rollups (`platform.org_rollups` / `tenant_rollups`, read under the
 * tenant's own role: row-level security shows it its own rows) plus the live LIFT records; and
 * citywide for the city from `tenant_rollups` of every district (platform handle).
 */
import type { PlatformDatabase } from '@tuanjian/db';
import { percent, todayInShanghai, yearOverYear } from '@tuanjian/domain';
import type { Kysely, QueryCreator } from 'kysely';
import { kpi } from '../dues/recommendations';
import type { OrgMetrics, TenantMetrics } from '../rollups/compute';
import type { Scope, TenantDb } from '../scope';
import { type LiftFigures, liftFigures } from './figures';
import { assertLiftManager } from './records';

export interface Headline {
  memberCount: number | null;
  branchCount: number | null;
  meetingsRate: number | null;
  duesRate: number | null;
  themeDayCompletionRate: number | null;
  cadreStaffingRate: number | null;
  archiveCompleteRate: number | null;
  tuiyouYoung: number;
  tuiyouVia: number;
  tuiyouRate: number | null;
  coverageRate: number | null;
  trainingCoverageRate: number | null;
  contactRecords: number;
  contactYouths: number;
  brandProjects: number;
}

export const HEADLINE_KEYS = [
  'meetingsRate',
  'duesRate',
  'themeDayCompletionRate',
  'cadreStaffingRate',
  'archiveCompleteRate',
  'tuiyouRate',
  'coverageRate',
  'trainingCoverageRate',
] as const;

function headline(
  m: Partial<TenantMetrics> | null,
  org: { metrics: OrgMetrics; memberCount: number } | null,
  lift: LiftFigures,
  tuiyou: { young: number; via: number; rate: number | null },
): Headline {
  const om = org?.metrics;
  return {
    memberCount: m?.memberCount ?? org?.memberCount ?? null,
    branchCount: m?.branchCount ?? om?.branchCount ?? null,
    meetingsRate: m ? (m.meetingsRate ?? null) : (om?.meetingsRate ?? null),
    duesRate: m ? (m.duesRate ?? null) : (om?.duesRate ?? null),
    themeDayCompletionRate: m
      ? (m.themeDayCompletionRate ?? null)
      : om && om.themeDayMonthsComplete !== null
        ? percent(om.themeDayMonthsComplete, om.themeDayMonths)
        : null,
    cadreStaffingRate: m ? (m.cadreStaffingRate ?? null) : (om?.cadreStaffingRate ?? null),
    archiveCompleteRate: m ? (m.archiveCompleteRate ?? null) : (om?.archiveCompleteRate ?? null),
    tuiyouYoung: tuiyou.young,
    tuiyouVia: tuiyou.via,
    tuiyouRate: tuiyou.rate,
    coverageRate: lift.coverage.coverageRate,
    trainingCoverageRate: lift.training.coverageRate,
    contactRecords: lift.contacts.records,
    contactYouths: lift.contacts.youths,
    brandProjects: lift.brands.total,
  };
}

function change(a: Headline, b: Headline): Partial<Record<(typeof HEADLINE_KEYS)[number], number | null>> {
  return Object.fromEntries(HEADLINE_KEYS.map((k) => [k, yearOverYear(a[k], b[k])]));
}

export async function tenantDashboard(tdb: TenantDb, scope: Scope, input: { year: number }, now: Date) {
  assertLiftManager(scope);
  const pdb = tdb as unknown as QueryCreator<PlatformDatabase>;
  const years = [input.year, input.year - 1];
  const today = todayInShanghai(now);
  const tenantRows = await pdb
    .selectFrom('platform.tenant_rollups')
    .selectAll()
    .where('tenant_id', '=', scope.tenant.id)
    .where('year', 'in', years)
    .execute();
  const orgRows = await pdb
    .selectFrom('platform.org_rollups')
    .selectAll()
    .where('tenant_id', '=', scope.tenant.id)
    .where('year', 'in', years)
    .execute();
  const rootId = scope.org?.id ?? null;
  const result = [];
  for (const y of years) {
    const end = `${y}-12-31`;
    const asOf = end < today ? end : today;
    const lift = await liftFigures(tdb, scope.org?.path ?? null, y, asOf);
    const k = await kpi(tdb, scope, { year: y });
    const tuiyou = { young: k.young, via: k.viaTuiyou, rate: k.permille === null ? null : k.permille / 10 };
    const tm = rootId ? null : ((tenantRows.find((r) => r.year === y)?.metrics as TenantMetrics) ?? null);
    const own = rootId ? orgRows.find((r) => r.year === y && r.org_id === rootId) : undefined;
    result.push({
      year: y,
      headline: headline(
        tm,
        own ? { metrics: own.metrics as OrgMetrics, memberCount: own.member_count } : null,
        lift,
        tuiyou,
      ),
      lift,
    });
  }
  const [cur, prev] = result as [(typeof result)[number], (typeof result)[number]];
  const units = orgRows
    .filter((r) => r.year === input.year && r.parent_org_id === rootId && r.status === 'active')
    .map((r) => {
      const last = orgRows.find((x) => x.year === input.year - 1 && x.org_id === r.org_id);
      return {
        orgId: r.org_id,
        name: r.org_name,
        kind: r.org_kind,
        memberCount: r.member_count,
        thisYear: r.metrics as OrgMetrics,
        lastYear: (last?.metrics as OrgMetrics | undefined) ?? null,
      };
    })
    .sort((a, b) => b.memberCount - a.memberCount || a.name.localeCompare(b.name, 'zh-CN'));
  const stamps = [...tenantRows, ...orgRows].map((r) => new Date(r.computed_at).getTime());
  return {
    year: input.year,
    scopeName: scope.org?.name ?? scope.tenant.name,
    computedAt: stamps.length ? new Date(Math.min(...stamps)) : null,
    thisYear: cur,
    lastYear: prev,
    change: change(cur.headline, prev.headline),
    units,
  };
}

export async function cityDashboard(db: Kysely<PlatformDatabase>, input: { year: number }) {
  const tenants = await db
    .selectFrom('platform.tenants')
    .select(['id', 'code', 'name'])
    .where('kind', '=', 'district')
    .where('status', '=', 'active')
    .orderBy('sort_order')
    .execute();
  const rows = await db
    .selectFrom('platform.tenant_rollups')
    .selectAll()
    .where('year', 'in', [input.year, input.year - 1])
    .execute();
  const of = (tenantId: string, year: number) => {
    const r = rows.find((x) => x.tenant_id === tenantId && x.year === year);
    if (!r) return null;
    const m = r.metrics as TenantMetrics;
    return headline(m, null, m.lift, { young: m.tuiyouYoung, via: m.tuiyouVia, rate: m.tuiyouRate });
  };
  const districts = tenants.map((t) => {
    const thisYear = of(t.id, input.year);
    const lastYear = of(t.id, input.year - 1);
    return {
      tenantId: t.id,
      code: t.code,
      name: t.name,
      thisYear,
      lastYear,
      change: thisYear && lastYear ? change(thisYear, lastYear) : null,
    };
  });
  const total = (year: number) => {
    const hs = districts
      .map((d) => (year === input.year ? d.thisYear : d.lastYear))
      .filter((h) => h !== null);
    const sum = (k: keyof Headline) => hs.reduce((s, h) => s + ((h[k] as number | null) ?? 0), 0);
    const mean = (k: keyof Headline) => {
      const v = hs.map((h) => h[k]).filter((x): x is number => typeof x === 'number');
      return v.length ? Math.round((v.reduce((s, x) => s + x, 0) / v.length) * 10) / 10 : null;
    };
    return {
      year,
      districts: hs.length,
      memberCount: sum('memberCount'),
      branchCount: sum('branchCount'),
      tuiyouYoung: sum('tuiyouYoung'),
      tuiyouVia: sum('tuiyouVia'),
      tuiyouRate: percent(sum('tuiyouVia'), sum('tuiyouYoung')),
      contactRecords: sum('contactRecords'),
      contactYouths: sum('contactYouths'),
      brandProjects: sum('brandProjects'),
      /** rates: mean of the districts that have a figure */
      meetingsRate: mean('meetingsRate'),
      duesRate: mean('duesRate'),
      themeDayCompletionRate: mean('themeDayCompletionRate'),
      cadreStaffingRate: mean('cadreStaffingRate'),
      archiveCompleteRate: mean('archiveCompleteRate'),
      coverageRate: mean('coverageRate'),
      trainingCoverageRate: mean('trainingCoverageRate'),
    };
  };
  const stamps = rows.filter((r) => r.year === input.year).map((r) => new Date(r.computed_at).getTime());
  return {
    year: input.year,
    computedAt: stamps.length ? new Date(Math.min(...stamps)) : null,
    districts,
    thisYear: total(input.year),
    lastYear: total(input.year - 1),
  };
}
