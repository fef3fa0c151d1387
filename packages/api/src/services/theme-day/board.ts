/**
 * The superior's monthly board (LIFE-2 "missing months are visible to the superior"): every active
 * 团支部 in the viewer's scope (or under a chosen organisation) for a month → complete / incomplete
 * (naming what is missing) / absent, with participation; completion rates for the whole scope and
 * per superior (each branch's parent organisation). Excel export with exceljs (shared ledger helper).
 */
import {
  completionPermille,
  formatChineseMonth,
  formatPermille,
  participationPermille,
  type ThemeDayCompleteness,
  themeDayCompletenessLabel,
  themeDayStatusLabel,
} from '@tuanjian/domain';
import { notFound } from '../../errors';
import { buildLedgerWorkbook, type LedgerExportFile } from '../excel';
import { escapeLike, pathInScope, type Scope, type TenantDb } from '../scope';
import {
  activeMembersOf,
  assertManager,
  type DayEvidence,
  effectiveStatus,
  evaluate,
  evidenceOf,
  requirementsOn,
} from './theme-day';

export interface BoardRow {
  orgId: string;
  name: string;
  parentId: string | null;
  parentName: string | null;
  completeness: ThemeDayCompleteness;
  completenessLabel: string;
  missing: string[];
  themeDayId: string | null;
  theme: string | null;
  heldAt: Date | null;
  statusLabel: string | null;
  checkedIn: number;
  memberCount: number;
  participationPermille: number | null;
}

export interface BoardTally {
  total: number;
  complete: number;
  incomplete: number;
  absent: number;
  completionPermille: number | null;
}

export interface Board {
  month: string;
  monthLabel: string;
  scopeName: string;
  summary: BoardTally;
  superiors: ({ orgId: string | null; name: string } & BoardTally)[];
  rows: BoardRow[];
  rule: { version: number; source: string };
}

function tally(rows: BoardRow[]): BoardTally {
  const complete = rows.filter((r) => r.completeness === 'complete').length;
  const incomplete = rows.filter((r) => r.completeness === 'incomplete').length;
  return {
    total: rows.length,
    complete,
    incomplete,
    absent: rows.length - complete - incomplete,
    completionPermille: completionPermille(complete, rows.length),
  };
}

export async function board(
  tdb: TenantDb,
  scope: Scope,
  input: { month: string; orgId?: string; completeness?: ThemeDayCompleteness },
  now: Date,
): Promise<Board> {
  assertManager(scope);
  let root: { name: string; path: string } | null = scope.org;
  if (input.orgId) {
    const o = await tdb
      .selectFrom('organisations')
      .select(['name', 'path'])
      .where('id', '=', input.orgId)
      .executeTakeFirst();
    if (!o || !pathInScope(scope, o.path)) throw notFound('组织');
    root = o;
  }
  let q = tdb
    .selectFrom('organisations as o')
    .leftJoin('organisations as p', 'p.id', 'o.parent_id')
    .select(['o.id', 'o.name', 'o.parent_id', 'p.name as parent_name'])
    .where('o.kind', '=', 'branch')
    .where('o.status', '=', 'active');
  if (root) q = q.where('o.path', 'like', `${escapeLike(root.path)}%`);
  const branches = await q.orderBy('o.path').execute();
  const rule = await requirementsOn(tdb, input.month);
  const days = branches.length
    ? await tdb
        .selectFrom('theme_days')
        .select(['id', 'org_id', 'theme', 'held_at', 'status', 'check_in_closes_at', 'member_count'])
        .where('month', '=', input.month)
        .where(
          'org_id',
          'in',
          branches.map((b) => b.id),
        )
        .execute()
    : [];
  const dayOf = new Map(days.map((d) => [d.org_id, d]));
  const evidence = await evidenceOf(
    tdb,
    days.map((d) => d.id),
  );
  const live = await activeMembersOf(
    tdb,
    days.filter((d) => d.member_count === null).map((d) => d.org_id),
  );
  const all: BoardRow[] = branches.map((b) => {
    const d = dayOf.get(b.id);
    if (!d) {
      return {
        orgId: b.id,
        name: b.name,
        parentId: b.parent_id,
        parentName: b.parent_name,
        completeness: 'absent',
        completenessLabel: themeDayCompletenessLabel.absent,
        missing: [`${formatChineseMonth(input.month)}未开展主题团日`],
        themeDayId: null,
        theme: null,
        heldAt: null,
        statusLabel: null,
        checkedIn: 0,
        memberCount: 0,
        participationPermille: null,
      };
    }
    const e = evidence.get(d.id) as DayEvidence;
    const ev = evaluate(d, e, rule.value, now);
    const memberCount = d.member_count ?? live.get(d.org_id) ?? 0;
    return {
      orgId: b.id,
      name: b.name,
      parentId: b.parent_id,
      parentName: b.parent_name,
      completeness: ev.status,
      completenessLabel: themeDayCompletenessLabel[ev.status],
      missing: ev.missing,
      themeDayId: d.id,
      theme: d.theme,
      heldAt: d.held_at ? new Date(d.held_at as unknown as string | Date) : null,
      statusLabel: themeDayStatusLabel[effectiveStatus(d, now)],
      checkedIn: e.checkedIn,
      memberCount,
      participationPermille: participationPermille(e.checkedIn, memberCount),
    };
  });
  const groups = new Map<string, { orgId: string | null; name: string; rows: BoardRow[] }>();
  for (const r of all) {
    const key = r.parentId ?? '';
    let g = groups.get(key);
    if (!g) {
      g = { orgId: r.parentId, name: r.parentName ?? '（无上级）', rows: [] };
      groups.set(key, g);
    }
    g.rows.push(r);
  }
  return {
    month: input.month,
    monthLabel: formatChineseMonth(input.month),
    scopeName: root?.name ?? scope.tenant.name,
    summary: tally(all),
    superiors: [...groups.values()].map((g) => ({ orgId: g.orgId, name: g.name, ...tally(g.rows) })),
    rows: input.completeness ? all.filter((r) => r.completeness === input.completeness) : all,
    rule: { version: rule.version, source: rule.source },
  };
}

export async function boardExport(
  tdb: TenantDb,
  scope: Scope,
  input: { month: string; orgId?: string; completeness?: ThemeDayCompleteness },
  now: Date,
): Promise<LedgerExportFile> {
  const b = await board(tdb, scope, input, now);
  return buildLedgerWorkbook({
    name: '主题团日完成情况',
    title: `${b.scopeName} ${b.monthLabel}“主题团日+”完成情况（完成率${formatPermille(b.summary.completionPermille)}）`,
    scopeName: b.scopeName,
    filters: [b.monthLabel, ...(input.completeness ? [themeDayCompletenessLabel[input.completeness]] : [])],
    unit: '个团支部',
    columns: [
      { header: '团支部', width: 28, value: (r: BoardRow) => r.name },
      { header: '上级组织', width: 24, value: (r) => r.parentName ?? '' },
      { header: '完成情况', width: 10, value: (r) => r.completenessLabel },
      { header: '主题', width: 28, value: (r) => r.theme ?? '' },
      { header: '签到人数', kind: 'int', value: (r) => r.checkedIn },
      { header: '在册团员', kind: 'int', value: (r) => r.memberCount },
      { header: '参与率', kind: 'percent', value: (r) => r.participationPermille },
      { header: '缺少项目', width: 60, value: (r) => r.missing.join('；') },
    ],
    rows: b.rows,
    now,
  });
}
