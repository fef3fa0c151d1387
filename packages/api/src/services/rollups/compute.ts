/**
 * The figures of one district tenant for one year, computed inside the tenant (its role and schema)
 * by the modules' own report functions: meetings `compliance`, dues `collection`, theme-day `board`,
 * archive `completeness`, 推优 `kpi`; rectification health scores and published stars read from
 * their tables. No personal data leaves this file: counts, rates and dates only.
 */
import {
  addComplianceTally,
  type CollectionTally,
  type ComplianceTally,
  cadreStaffing,
  collectionPermille,
  compliancePermille,
  emptyComplianceTally,
  type LeaderPosition,
  percent,
  permilleToPercent,
  STAR_LEVEL_KEYS,
  type StarLevel,
  shanghaiDate,
  todayInShanghai,
} from '@tuanjian/domain';
import { completeness } from '../archive';
import { collection } from '../dues/dues';
import { kpi } from '../dues/recommendations';
import { type LiftFigures, liftFigures } from '../lift/figures';
import { compliance } from '../meetings/compliance';
import { loadOrgRules } from '../org/profile';
import type { Scope, TenantDb } from '../scope';
import { board } from '../theme-day/board';

export interface OrgRollup {
  orgId: string;
  orgName: string;
  orgKind: string;
  sector: string | null;
  parentOrgId: string | null;
  status: string;
  memberCount: number;
  metrics: OrgMetrics;
}

/** Rates are percent with one decimal (0–100); null = nothing to count. */
export interface OrgMetrics {
  branchCount: number;
  meetingsRate: number | null;
  themeDayMonths: number;
  themeDayMonthsComplete: number | null;
  duesRate: number | null;
  healthScore: number | null;
  /** 5 五星, 4 四星, 3 三星, 2 后进, 1 软弱涣散 (the year's published level) */
  star: number | null;
  starLevel: StarLevel | null;
  archiveCompleteRate: number | null;
  cadreRequired: number;
  cadreFilled: number;
  /** 1 when every position the rule asks for is filled, else 0 */
  cadreStaffed: number;
  cadreStaffingRate: number | null;
  lastActivityOn: string | null;
}

export interface TenantMetrics {
  orgCount: number;
  branchCount: number;
  memberCount: number;
  meetingsRate: number | null;
  duesRate: number | null;
  archiveCompleteRate: number | null;
  themeDayCompletionRate: number | null;
  cadreStaffingRate: number | null;
  healthScoreAvg: number | null;
  starCounts: Record<string, number>;
  tuiyouYoung: number;
  tuiyouVia: number;
  tuiyouRate: number | null;
  /** coverage (空白点), cadre training, contact-youth records, 工作品牌 of the year */
  lift: LiftFigures;
}

export interface TenantYearRollup {
  year: number;
  orgs: OrgRollup[];
  tenant: TenantMetrics;
}

const STAR_NUMBER: Record<StarLevel, number> = { five: 5, four: 4, three: 3, lagging: 2, weak: 1 };

function emptyCollection(): CollectionTally {
  return { dueCount: 0, paidCount: 0, dueFen: 0, paidFen: 0 };
}

function addCollection(into: CollectionTally, t: CollectionTally): void {
  into.dueCount += t.dueCount;
  into.paidCount += t.paidCount;
  into.dueFen += t.dueFen;
  into.paidFen += t.paidFen;
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

/** The months 'YYYY-MM' of a year that have begun by `today`. */
function monthsBegun(year: number, today: string): string[] {
  const y = Number(today.slice(0, 4));
  const last = year < y ? 12 : year > y ? 0 : Number(today.slice(5, 7));
  return Array.from({ length: last }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
}

export function districtAdminScope(tenant: { id: string; code: string; name: string }): Scope {
  return {
    role: 'district_admin',
    grantId: '',
    userId: '00000000-0000-0000-0000-000000000000',
    tenant: { id: tenant.id, code: tenant.code, name: tenant.name, kind: 'district' },
    org: null,
    memberId: null,
  };
}

/** The latest activity date per organisation (meetings, theme days, dues payments, check-ins), up to a date. */
export async function lastActivityByOrg(
  tdb: TenantDb,
  upTo: string,
): Promise<Map<string, { meeting?: string; themeDay?: string; dues?: string; checkIn?: string }>> {
  const out = new Map<string, { meeting?: string; themeDay?: string; dues?: string; checkIn?: string }>();
  const put = (orgId: string, key: 'meeting' | 'themeDay' | 'dues' | 'checkIn', d: string | null) => {
    if (!d) return;
    const e = out.get(orgId) ?? {};
    if (!e[key] || d > (e[key] as string)) e[key] = d;
    out.set(orgId, e);
  };
  const meetings = await tdb
    .selectFrom('meetings')
    .select(['org_id', (eb) => eb.fn.max('held_on').as('last')])
    .where('held_on', '<=', upTo)
    .groupBy('org_id')
    .execute();
  for (const r of meetings) put(r.org_id, 'meeting', r.last as string | null);
  const days = await tdb
    .selectFrom('theme_days')
    .select(['org_id', 'held_at', 'month'])
    .where('month', '<=', upTo.slice(0, 7))
    .execute();
  for (const r of days)
    put(r.org_id, 'themeDay', r.held_at ? shanghaiDate(new Date(r.held_at)) : `${r.month}-01`);
  const dues = await tdb
    .selectFrom('dues_payments')
    .select(['org_id', (eb) => eb.fn.max('paid_on').as('last')])
    .where('paid_on', '<=', upTo)
    .groupBy('org_id')
    .execute();
  for (const r of dues) put(r.org_id, 'dues', r.last as string | null);
  const checkIns = await tdb
    .selectFrom('theme_day_check_ins as c')
    .innerJoin('theme_days as d', 'd.id', 'c.theme_day_id')
    .select(['d.org_id', (eb) => eb.fn.max('c.checked_in_at').as('last')])
    .groupBy('d.org_id')
    .execute();
  for (const r of checkIns) {
    const d = r.last ? shanghaiDate(new Date(r.last as Date)) : null;
    if (d && d <= upTo) put(r.org_id, 'checkIn', d);
  }
  return out;
}

export async function computeTenantYear(
  tdb: TenantDb,
  tenant: { id: string; code: string; name: string },
  year: number,
  now: Date,
): Promise<TenantYearRollup> {
  const scope = districtAdminScope(tenant);
  const today = todayInShanghai(now);
  const yearEnd = `${year}-12-31`;
  const asOf = yearEnd < today ? yearEnd : today;

  const orgs = await tdb
    .selectFrom('organisations')
    .select(['id', 'parent_id', 'path', 'kind', 'name', 'sector', 'status'])
    .orderBy('path')
    .execute();
  const direct = new Map(
    (
      await tdb
        .selectFrom('members')
        .select(['org_id', (eb) => eb.fn.countAll<number>().as('n')])
        .where('status', '=', 'active')
        .groupBy('org_id')
        .execute()
    ).map((r) => [r.org_id, Number(r.n)]),
  );
  const under = (path: string) => orgs.filter((o) => o.path.startsWith(path));

  // 三会两制一课 (meetings), 团费 (dues), 档案 (archive): per branch, summed over the subtree.
  const comp = await compliance(tdb, scope, { year }, now);
  const compBy = new Map(comp.branches.map((b) => [b.id, b.tally]));
  const dues = await collection(tdb, scope, { year }, now);
  const duesBy = new Map(dues.branches.map((b) => [b.orgId, b.tally]));
  const arch = await completeness(tdb, scope, { page: 1, pageSize: 1 });
  const archBy = new Map(arch.branches.map((b) => [b.orgId, b]));

  // 主题团日: months complete per branch.
  const months = monthsBegun(year, today);
  const tdComplete = new Map<string, number>();
  for (const month of months) {
    const b = await board(tdb, scope, { month }, now);
    for (const r of b.rows) {
      if (r.completeness === 'complete') tdComplete.set(r.orgId, (tdComplete.get(r.orgId) ?? 0) + 1);
    }
  }

  const health = new Map(
    (
      await tdb
        .selectFrom('health_checks')
        .select(['org_id', 'overall'])
        .where('year', '=', year)
        .where('overall', 'is not', null)
        .execute()
    ).map((r) => [r.org_id, Number(r.overall)]),
  );
  const stars = new Map(
    (
      await tdb
        .selectFrom('star_ratings')
        .select(['org_id', 'published_level'])
        .where('year', '=', year)
        .where('status', '=', 'published')
        .execute()
    )
      .filter((r) => r.published_level && STAR_LEVEL_KEYS.includes(r.published_level as StarLevel))
      .map((r) => [r.org_id, r.published_level as StarLevel]),
  );

  const rules = await loadOrgRules(tdb, asOf);
  const leaders = await tdb
    .selectFrom('org_leaders')
    .select(['org_id', 'position'])
    .where('term_start', '<=', asOf)
    .where((eb) => eb.or([eb('term_end', 'is', null), eb('term_end', '>', asOf)]))
    .execute();
  const positionsOf = new Map<string, LeaderPosition[]>();
  for (const l of leaders) {
    const list = positionsOf.get(l.org_id) ?? [];
    list.push(l.position);
    positionsOf.set(l.org_id, list);
  }
  const activity = await lastActivityByOrg(tdb, asOf);

  const rows: OrgRollup[] = [];
  for (const o of orgs) {
    const sub = under(o.path).filter((x) => x.status === 'active' || x.id === o.id);
    const branches = sub.filter((x) => x.kind === 'branch' && x.status === 'active');
    const memberCount = sub.reduce((s, x) => s + (direct.get(x.id) ?? 0), 0);
    const ct: ComplianceTally = emptyComplianceTally();
    const dt = emptyCollection();
    let archMembers = 0;
    let archComplete = 0;
    let cadreRequired = 0;
    let cadreFilled = 0;
    let last: string | null = null;
    for (const x of sub) {
      const c = compBy.get(x.id);
      if (c) addComplianceTally(ct, c);
      const d = duesBy.get(x.id);
      if (d) addCollection(dt, d);
      const a = archBy.get(x.id);
      if (a) {
        archMembers += a.members;
        archComplete += a.complete;
      }
      if (x.status === 'active') {
        const s = cadreStaffing(
          { kind: x.kind, memberCount: direct.get(x.id) ?? 0, positions: positionsOf.get(x.id) ?? [] },
          rules.committee.value,
        );
        cadreRequired += s.required;
        cadreFilled += s.filled;
      }
      for (const v of Object.values(activity.get(x.id) ?? {})) if (v && (!last || v > last)) last = v;
    }
    const own = cadreStaffing(
      { kind: o.kind, memberCount: direct.get(o.id) ?? 0, positions: positionsOf.get(o.id) ?? [] },
      rules.committee.value,
    );
    const tdValues = branches.map((b) => tdComplete.get(b.id) ?? 0);
    const healthValues = sub.map((x) => health.get(x.id)).filter((v): v is number => typeof v === 'number');
    const star = stars.get(o.id) ?? null;
    rows.push({
      orgId: o.id,
      orgName: o.name,
      orgKind: o.kind,
      sector: o.sector,
      parentOrgId: o.parent_id,
      status: o.status,
      memberCount,
      metrics: {
        branchCount: branches.length,
        meetingsRate: permilleToPercent(compliancePermille(ct)),
        themeDayMonths: months.length,
        themeDayMonthsComplete: tdValues.length
          ? round1(tdValues.reduce((s, v) => s + v, 0) / tdValues.length)
          : null,
        duesRate: permilleToPercent(collectionPermille(dt)),
        healthScore: health.has(o.id)
          ? (health.get(o.id) as number)
          : healthValues.length
            ? round1(healthValues.reduce((s, v) => s + v, 0) / healthValues.length)
            : null,
        star: star ? STAR_NUMBER[star] : null,
        starLevel: star,
        archiveCompleteRate: percent(archComplete, archMembers),
        cadreRequired,
        cadreFilled,
        cadreStaffed: o.status === 'active' && own.staffed ? 1 : 0,
        cadreStaffingRate: percent(cadreFilled, cadreRequired),
        lastActivityOn: last,
      },
    });
  }

  const activeBranches = orgs.filter((o) => o.kind === 'branch' && o.status === 'active');
  const tdTotal = activeBranches.length * months.length;
  const tdDone = activeBranches.reduce((s, b) => s + (tdComplete.get(b.id) ?? 0), 0);
  const totalCt = emptyComplianceTally();
  for (const t of compBy.values()) addComplianceTally(totalCt, t);
  const cadre = rows.filter((r) => r.status === 'active' && r.parentOrgId === null);
  const cadreReq = cadre.reduce((s, r) => s + r.metrics.cadreRequired, 0);
  const cadreFill = cadre.reduce((s, r) => s + r.metrics.cadreFilled, 0);
  const healthAll = [...health.values()];
  const starCounts: Record<string, number> = {};
  for (const s of stars.values()) starCounts[s] = (starCounts[s] ?? 0) + 1;
  const t = await kpi(tdb, scope, { year });
  const lift = await liftFigures(tdb, null, year, asOf);
  return {
    year,
    orgs: rows,
    tenant: {
      orgCount: orgs.filter((o) => o.status === 'active').length,
      branchCount: activeBranches.length,
      memberCount: [...direct.values()].reduce((s, n) => s + n, 0),
      meetingsRate: permilleToPercent(compliancePermille(totalCt)),
      duesRate: permilleToPercent(dues.total.permille),
      archiveCompleteRate: arch.summary.members ? round1(arch.summary.rate) : null,
      themeDayCompletionRate: percent(tdDone, tdTotal),
      cadreStaffingRate: percent(cadreFill, cadreReq),
      healthScoreAvg: healthAll.length
        ? round1(healthAll.reduce((s, v) => s + v, 0) / healthAll.length)
        : null,
      starCounts,
      tuiyouYoung: t.young,
      tuiyouVia: t.viaTuiyou,
      tuiyouRate: permilleToPercent(t.permille),
      lift,
    },
  };
}
