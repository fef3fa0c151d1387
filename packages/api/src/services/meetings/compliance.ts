/**
 * LIFE-1 compliance: a branch's calendar (each period of each kind met / missing / upcoming /
 * not applicable, from `meetings.frequency` and `branch.committee` in force per period) and the
 * compliance rate (met ÷ (met + missing)) per branch, per superior (aggregated over the active
 * branches below it) and for the whole scope (the tenant for a district admin).
 * Member counts are today's active members (the committee threshold uses them for the whole year).
 */

import type { PlatformDatabase } from '@tuanjian/db';
import {
  addComplianceTally,
  basicAffairsWallChart,
  type CalendarMeeting,
  type ComplianceCalendar,
  type ComplianceTally,
  complianceCalendar,
  compliancePermille,
  emptyComplianceTally,
  MEETING_KINDS,
  type MeetingKind,
  meetingsWallChart,
  type OrgKind,
  orgKindLabel,
  parseRuleValue,
  RULE_DEFAULTS_EFFECTIVE_FROM,
  type RuleSources,
  ruleCatalogue,
  ruleInForce,
  todayInShanghai,
  WALL_CHART_RULE_KEYS,
  type WallChart,
  type WallChartRules,
} from '@tuanjian/domain';
import { type QueryCreator, sql } from 'kysely';
import { forbiddenScope, notFound } from '../../errors';
import { loadRuleBook } from '../dues/rules';
import { escapeLike, pathInScope, type Scope, type TenantDb } from '../scope';
import { assertManager, assertReader, branchInScope } from './meetings';

async function calendarContext(tdb: TenantDb) {
  const freq = await loadRuleBook(tdb, 'meetings.frequency');
  const committee = await loadRuleBook(tdb, 'branch.committee');
  return {
    frequencyOn: (d: string) => freq(d).value,
    committeeFromMembersOn: (d: string) => committee(d).value.committeeFromMembers,
    source: (d: string) => freq(d).source,
  };
}

async function meetingsOf(
  tdb: TenantDb,
  orgIds: string[],
  year: number,
): Promise<Map<string, CalendarMeeting[]>> {
  const out = new Map<string, CalendarMeeting[]>();
  for (let i = 0; i < orgIds.length; i += 1000) {
    const rows = await tdb
      .selectFrom('meetings')
      .select(['org_id', 'kind', 'held_on', 'quorum_met'])
      .where('org_id', 'in', orgIds.slice(i, i + 1000))
      .where('held_on', '>=', `${year}-01-01`)
      .where('held_on', '<=', `${year}-12-31`)
      .execute();
    for (const r of rows) {
      const list = out.get(r.org_id) ?? [];
      list.push({ kind: r.kind, heldOn: r.held_on, counts: r.quorum_met !== false });
      out.set(r.org_id, list);
    }
  }
  return out;
}

async function activeCounts(tdb: TenantDb, rootPath: string): Promise<{ path: string; n: number }[]> {
  const rows = await tdb
    .selectFrom('members as m')
    .innerJoin('organisations as o', 'o.id', 'm.org_id')
    .select(['o.path', sql<number>`count(*)::int`.as('n')])
    .where('m.status', '=', 'active')
    .where('o.path', 'like', `${escapeLike(rootPath)}%`)
    .groupBy('o.path')
    .execute();
  return rows.map((r) => ({ path: r.path, n: Number(r.n) }));
}

function countUnder(counts: { path: string; n: number }[], path: string): number {
  let n = 0;
  for (const c of counts) if (c.path.startsWith(path)) n += c.n;
  return n;
}

export interface BranchCalendar extends ComplianceCalendar {
  branch: { id: string; name: string; foundedOn: string | null; memberCount: number };
  today: string;
  source: string;
}

export async function calendar(
  tdb: TenantDb,
  scope: Scope,
  input: { orgId?: string; year: number },
  now: Date,
): Promise<BranchCalendar> {
  assertReader(scope);
  const branch = await branchInScope(tdb, scope, input.orgId);
  const ctx = await calendarContext(tdb);
  const today = todayInShanghai(now);
  const memberCount = countUnder(await activeCounts(tdb, branch.path), branch.path);
  const meetings = (await meetingsOf(tdb, [branch.id], input.year)).get(branch.id) ?? [];
  const cal = complianceCalendar({
    year: input.year,
    today,
    foundedOn: branch.founded_on,
    memberCount,
    meetings,
    frequencyOn: ctx.frequencyOn,
    committeeFromMembersOn: ctx.committeeFromMembersOn,
  });
  return {
    ...cal,
    branch: { id: branch.id, name: branch.name, foundedOn: branch.founded_on, memberCount },
    today,
    source: ctx.source(today),
  };
}

export interface ComplianceRow {
  id: string;
  name: string;
  kind: OrgKind;
  kindLabel: string;
  parentName: string | null;
  memberCount: number;
  tally: ComplianceTally;
  permille: number | null;
  byKind: Record<MeetingKind, ComplianceTally>;
}

export interface ComplianceGroup {
  id: string;
  name: string;
  kind: OrgKind;
  kindLabel: string;
  depth: number;
  branchCount: number;
  tally: ComplianceTally;
  permille: number | null;
}

export interface ComplianceReport {
  year: number;
  today: string;
  scopeName: string;
  source: string;
  total: { branchCount: number; tally: ComplianceTally; permille: number | null };
  /** 上级组织 (团委 / 团工委 / 团总支) in the subtree, each aggregated over its active branches. */
  groups: ComplianceGroup[];
  branches: ComplianceRow[];
}

function emptyByKind(): Record<MeetingKind, ComplianceTally> {
  return Object.fromEntries(MEETING_KINDS.map((k) => [k, emptyComplianceTally()])) as Record<
    MeetingKind,
    ComplianceTally
  >;
}

/** Compliance rates of the active branches under an organisation (default: the whole scope). */
export async function compliance(
  tdb: TenantDb,
  scope: Scope,
  input: { year: number; orgId?: string },
  now: Date,
): Promise<ComplianceReport> {
  assertManager(scope);
  let root: { path: string; name: string } | null = scope.org
    ? { path: scope.org.path, name: scope.org.name }
    : null;
  if (input.orgId) {
    const org = await tdb
      .selectFrom('organisations')
      .select(['path', 'name'])
      .where('id', '=', input.orgId)
      .executeTakeFirst();
    if (!org) throw notFound('组织');
    if (!pathInScope(scope, org.path)) throw forbiddenScope('该组织不在您管理的范围内');
    root = org;
  }
  let oq = tdb
    .selectFrom('organisations as o')
    .leftJoin('organisations as p', 'p.id', 'o.parent_id')
    .select(['o.id', 'o.name', 'o.kind', 'o.path', 'o.founded_on', 'o.status', 'p.name as parent_name'])
    .where('o.status', '=', 'active');
  if (root) oq = oq.where('o.path', 'like', `${escapeLike(root.path)}%`);
  const orgs = await oq.orderBy('o.path').execute();
  const branches = orgs.filter((o) => o.kind === 'branch');
  const ctx = await calendarContext(tdb);
  const today = todayInShanghai(now);
  const counts = root ? await activeCounts(tdb, root.path) : await activeCounts(tdb, '/');
  const meetings = await meetingsOf(
    tdb,
    branches.map((b) => b.id),
    input.year,
  );
  const rows: (ComplianceRow & { path: string })[] = branches.map((b) => {
    const memberCount = countUnder(counts, b.path);
    const cal = complianceCalendar({
      year: input.year,
      today,
      foundedOn: b.founded_on,
      memberCount,
      meetings: meetings.get(b.id) ?? [],
      frequencyOn: ctx.frequencyOn,
      committeeFromMembersOn: ctx.committeeFromMembersOn,
    });
    const byKind = emptyByKind();
    for (const r of cal.rows) {
      for (const c of r.cells) {
        const t = byKind[r.kind];
        if (c.status === 'met') t.met += 1;
        else if (c.status === 'missing') t.missing += 1;
        else if (c.status === 'upcoming') t.upcoming += 1;
        else t.notApplicable += 1;
      }
    }
    return {
      id: b.id,
      name: b.name,
      kind: b.kind,
      kindLabel: orgKindLabel[b.kind],
      parentName: b.parent_name,
      memberCount,
      tally: cal.tally,
      permille: cal.permille,
      byKind,
      path: b.path,
    };
  });
  const rootDepth = root ? root.path.split('/').filter(Boolean).length : 0;
  const groups: ComplianceGroup[] = orgs
    .filter((o) => o.kind !== 'branch' && o.kind !== 'group')
    .map((g) => {
      const tally = emptyComplianceTally();
      let branchCount = 0;
      for (const r of rows) {
        if (r.path.startsWith(g.path)) {
          addComplianceTally(tally, r.tally);
          branchCount += 1;
        }
      }
      return {
        id: g.id,
        name: g.name,
        kind: g.kind,
        kindLabel: orgKindLabel[g.kind],
        depth: g.path.split('/').filter(Boolean).length - rootDepth,
        branchCount,
        tally,
        permille: compliancePermille(tally),
      };
    })
    .filter((g) => g.branchCount > 0);
  const total = emptyComplianceTally();
  for (const r of rows) addComplianceTally(total, r.tally);
  return {
    year: input.year,
    today,
    scopeName: root?.name ?? scope.tenant.name,
    source: ctx.source(today),
    total: { branchCount: rows.length, tally: total, permille: compliancePermille(total) },
    groups,
    branches: rows.map(({ path: _path, ...r }) => r),
  };
}

// ---------------------------------------------------------------------------------- wall charts

export interface WallCharts {
  asOf: string;
  charts: WallChart[];
  rules: {
    key: string;
    title: string;
    version: number;
    effectiveFrom: string;
    source: string;
    note: string | null;
  }[];
}

/** The two wall charts, drawn from the rule versions in force on `asOf` (default today). */
export async function wallCharts(
  tdb: TenantDb,
  scope: Scope,
  asOf: string | undefined,
  now: Date,
): Promise<WallCharts> {
  assertReader(scope);
  return wallChartsOn(tdb as unknown as QueryCreator<PlatformDatabase>, asOf ?? todayInShanghai(now));
}

/** The two wall charts from the rule versions in force on `date` (any handle that can read `platform.rules`). */
export async function wallChartsOn(pdb: QueryCreator<PlatformDatabase>, date: string): Promise<WallCharts> {
  const rows = await pdb
    .selectFrom('platform.rules')
    .select(['key', 'version', 'effective_from', 'value', 'source', 'note'])
    .where('key', 'in', [...WALL_CHART_RULE_KEYS])
    .execute();
  const values = {} as Record<string, unknown>;
  const sources = {} as Record<string, { source: string; version: number }>;
  const used: WallCharts['rules'] = [];
  for (const key of WALL_CHART_RULE_KEYS) {
    const picked = ruleInForce(
      rows
        .filter((r) => r.key === key)
        .map((r) => ({ version: r.version, effectiveFrom: r.effective_from, value: r })),
      date,
    );
    const def = ruleCatalogue[key];
    if (picked) {
      const raw =
        typeof picked.value.value === 'string' ? JSON.parse(picked.value.value) : picked.value.value;
      values[key] = parseRuleValue(key, raw);
      sources[key] = { source: picked.value.source, version: picked.version };
      used.push({
        key,
        title: def.title,
        version: picked.version,
        effectiveFrom: picked.effectiveFrom,
        source: picked.value.source,
        note: picked.value.note,
      });
    } else {
      values[key] = def.value;
      sources[key] = { source: def.source, version: 1 };
      used.push({
        key,
        title: def.title,
        version: 1,
        effectiveFrom: RULE_DEFAULTS_EFFECTIVE_FROM,
        source: def.source,
        note: (def as { note?: string }).note ?? null,
      });
    }
  }
  const r = values as unknown as WallChartRules;
  const s = sources as RuleSources;
  return { asOf: date, charts: [basicAffairsWallChart(r, s), meetingsWallChart(r, s)], rules: used };
}
