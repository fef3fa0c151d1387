/**
 * COM-3 sector view: aggregates of the committee's sectors across every district, read from
 * `platform.org_rollups` (the rollups contract, docs/SESSION5-PLAN.md) under the committee's own
 * role — row-level security lets it see only rows of its sectors (rule data `committee.sectors`).
 * Never personal data: the rollups hold organisation figures only, and nothing here reads a
 * district schema. `computedAt` is the oldest figure's time ("数据更新于 …").
 */
import { todayInShanghai } from '@tuanjian/domain';
import type { Scope, TenantDb } from '../scope';
import { platformOf, requireCommittee } from './common';

type Metrics = Record<string, unknown>;
const num = (m: Metrics, k: string): number | null => {
  const v = m[k];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
};
const avg = (xs: (number | null)[]): number | null => {
  const v = xs.filter((x): x is number => x !== null);
  return v.length === 0 ? null : Math.round((v.reduce((a, b) => a + b, 0) / v.length) * 10) / 10;
};

export async function sectorView(tdb: TenantDb, scope: Scope, input: { year?: number }, now: Date) {
  requireCommittee(scope);
  const year = input.year ?? Number(todayInShanghai(now).slice(0, 4));
  const rows = await platformOf(tdb)
    .selectFrom('platform.org_rollups')
    .select(['tenant_id', 'org_kind', 'sector', 'status', 'member_count', 'metrics', 'computed_at'])
    .where('year', '=', year)
    .execute();
  const active = rows.filter((r) => r.status === 'active');
  const metrics = (r: (typeof rows)[number]) =>
    (typeof r.metrics === 'string' ? JSON.parse(r.metrics) : (r.metrics ?? {})) as Metrics;
  const branches = active.filter((r) => r.org_kind === 'branch');
  const bySector = new Map<string, typeof active>();
  for (const r of active) {
    const k = r.sector ?? 'unknown';
    bySector.set(k, [...(bySector.get(k) ?? []), r]);
  }
  const stars: Record<string, number> = { '5': 0, '4': 0, '3': 0, '2': 0, '1': 0, none: 0 };
  for (const r of branches) {
    const s = num(metrics(r), 'star');
    stars[s === null ? 'none' : String(s)] = (stars[s === null ? 'none' : String(s)] ?? 0) + 1;
  }
  const summary = (list: typeof active) => {
    const ms = list.map(metrics);
    const br = list.filter((r) => r.org_kind === 'branch');
    return {
      organisations: list.length,
      branches: br.length,
      members: br.reduce((a, r) => a + r.member_count, 0),
      healthScore: avg(ms.map((m) => num(m, 'healthScore'))),
      meetingsRate: avg(ms.map((m) => num(m, 'meetingsRate'))),
      themeDayMonthsComplete: avg(ms.map((m) => num(m, 'themeDayMonthsComplete'))),
      duesRate: avg(ms.map((m) => num(m, 'duesRate'))),
      archiveCompleteRate: avg(ms.map((m) => num(m, 'archiveCompleteRate'))),
      cadreStaffedRate: (() => {
        const v = avg(ms.map((m) => num(m, 'cadreStaffed')));
        return v === null ? null : Math.round(v * 1000) / 10;
      })(),
    };
  };
  const computed = rows.map((r) => new Date(r.computed_at as unknown as string).getTime());
  return {
    year,
    computedAt: computed.length ? new Date(Math.min(...computed)).toISOString() : null,
    districts: new Set(active.map((r) => r.tenant_id)).size,
    total: summary(active),
    stars,
    sectors: [...bySector.entries()]
      .map(([sector, list]) => ({ sector, ...summary(list) }))
      .sort((a, b) => b.organisations - a.organisations),
  };
}
