/**
 * RATE-2: the computed indicators of a rating round, from the modules that record the data. Each
 * indicator answers its value as permille (0–1000, null = no data) AND how it was computed (inputs,
 * formula in Chinese) for display. The modules' own report functions are called with the superior's
 * scope (meetings `compliance`, dues `collection`, archive `completeness`, theme-day `board`, org
 * `loadOrgRules` + the domain's `termPolicy`/`electionDue`); only 推优 counts and data freshness are
 * read here directly (no report function gives them per branch).
 *
 * A 团总支 gets, for dues / archive / theme days / 三会两制一课, the average of its 团支部' values
 * (those with data); 按期换届 is its own; 推优 counts and freshness are over its whole subtree.
 */
import {
  addDays,
  electionDue,
  INDICATOR_SOURCES,
  type IndicatorSource,
  type ResolvedRatingRule,
  termPolicy,
} from '@tuanjian/domain';
import { sql } from 'kysely';
import { completeness } from '../archive';
import { collection } from '../dues/dues';
import { compliance } from '../meetings/compliance';
import { loadOrgRules } from '../org/profile';
import type { Scope, TenantDb } from '../scope';
import { board } from '../theme-day/board';

export interface Indicator {
  source: IndicatorSource;
  title: string;
  permille: number | null;
  /** Human-readable value, e.g. '92.5%' or '11/12个月'. */
  value: string;
  inputs: Record<string, string | number | null>;
  /** How it was computed (Chinese). */
  formula: string;
}

export interface RatedUnit {
  id: string;
  name: string;
  kind: 'branch' | 'general_branch';
  path: string;
  sector: string | null;
  status: string;
  parentId: string | null;
}

const pct = (permille: number | null) => (permille === null ? '无数据' : `${(permille / 10).toFixed(1)}%`);

function avg(values: (number | null | undefined)[]): number | null {
  const v = values.filter((x): x is number => typeof x === 'number');
  if (v.length === 0) return null;
  return Math.round(v.reduce((s, x) => s + x, 0) / v.length);
}

/** Months 'YYYY-MM' of the year up to the rating date's month. */
function monthsUpTo(year: number, ratingDate: string): string[] {
  const last = ratingDate.startsWith(`${year}-`) ? Number(ratingDate.slice(5, 7)) : 12;
  return Array.from({ length: last }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export async function computeIndicators(
  tdb: TenantDb,
  scope: Scope,
  superior: { id: string; path: string },
  units: readonly RatedUnit[],
  year: number,
  ratingDate: string,
  rule: ResolvedRatingRule,
  now: Date,
): Promise<Map<string, Indicator[]>> {
  const branchesOf = new Map<string, string[]>();
  const allBranches = await tdb
    .selectFrom('organisations')
    .select(['id', 'path', 'parent_id'])
    .where('kind', '=', 'branch')
    .where('status', '=', 'active')
    .where('path', 'like', `${superior.path}%`)
    .execute();
  for (const u of units) {
    branchesOf.set(
      u.id,
      u.kind === 'branch' ? [u.id] : allBranches.filter((b) => b.path.startsWith(u.path)).map((b) => b.id),
    );
  }

  // 三会两制一课 (meetings service)
  const comp = await compliance(tdb, scope, { year, orgId: superior.id }, now);
  const meetingsBy = new Map(comp.branches.map((b) => [b.id, b.permille]));
  // 团费 (dues service)
  const dues = await collection(tdb, scope, { year, orgId: superior.id }, now);
  const duesBy = new Map(dues.branches.map((b) => [b.orgId, b.permille]));
  // 档案 (archive service): rate is 0–100 with one decimal
  const arch = await completeness(tdb, scope, { orgId: superior.id, page: 1, pageSize: 1 });
  const archBy = new Map(arch.branches.map((b) => [b.orgId, b.members > 0 ? Math.round(b.rate * 10) : null]));
  // 主题团日 (theme-day board per month)
  const months = monthsUpTo(year, ratingDate);
  const tdComplete = new Map<string, number>();
  const tdPart = new Map<string, number[]>();
  for (const month of months) {
    const b = await board(tdb, scope, { month, orgId: superior.id }, now);
    for (const r of b.rows) {
      if (r.completeness === 'complete') tdComplete.set(r.orgId, (tdComplete.get(r.orgId) ?? 0) + 1);
      if (r.participationPermille !== null) {
        const list = tdPart.get(r.orgId) ?? [];
        list.push(r.participationPermille);
        tdPart.set(r.orgId, list);
      }
    }
  }
  // 换届 (org rules + last election)
  const orgRules = await loadOrgRules(tdb, ratingDate);
  const unitIds = units.map((u) => u.id);
  const elections = unitIds.length
    ? await tdb
        .selectFrom('org_elections')
        .select(['org_id', 'elected_on', 'term_years'])
        .where('org_id', 'in', unitIds)
        .where('elected_on', '<=', ratingDate)
        .orderBy('elected_on', 'desc')
        .execute()
    : [];
  // 推优入党: recommendations approved or sent within the year, by branch
  const recs = await tdb
    .selectFrom('party_recommendations as r')
    .innerJoin('organisations as o', 'o.id', 'r.org_id')
    .select(['o.path', sql<string>`coalesce(r.sent_on, r.approved_on)`.as('on')])
    .where('r.stage', 'in', ['approved', 'sent'])
    .where('o.path', 'like', `${superior.path}%`)
    .where(sql<boolean>`coalesce(r.sent_on, r.approved_on) between ${`${year}-01-01`} and ${ratingDate}`)
    .execute();
  // 信息更新: the latest update of members, meetings and theme days per organisation
  const pathOf = new Map(
    (
      await tdb
        .selectFrom('organisations')
        .select(['id', 'path'])
        .where('path', 'like', `${superior.path}%`)
        .execute()
    ).map((o) => [o.id, o.path]),
  );
  const lastDates: { path: string; date: string }[] = [];
  const shanghaiDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' });
  for (const table of ['members', 'meetings', 'theme_days'] as const) {
    const rows = await tdb
      .selectFrom(table)
      .select(['org_id', (eb) => eb.fn.max('updated_at').as('last')])
      .where('org_id', 'in', [...pathOf.keys()])
      .groupBy('org_id')
      .execute();
    for (const r of rows) {
      const path = pathOf.get(r.org_id);
      if (path && r.last) lastDates.push({ path, date: shanghaiDay.format(new Date(r.last as Date)) });
    }
  }

  const out = new Map<string, Indicator[]>();
  for (const u of units) {
    const bs = branchesOf.get(u.id) ?? [];
    const agg = u.kind === 'general_branch';
    const aggNote = agg ? `（团总支取所属${bs.length}个团支部的平均值）` : '';
    const list: Indicator[] = [];
    const sources = new Set(rule.criteria.filter((c) => c.mode === 'computed').map((c) => c.source));

    const meetingP = avg(bs.map((id) => meetingsBy.get(id)));
    list.push({
      source: 'meetings',
      title: INDICATOR_SOURCES.meetings,
      permille: meetingP,
      value: pct(meetingP),
      inputs: { 年度: year, 落实率: pct(meetingP) },
      formula: `${year}年三会两制一课落实率（按组织生活模块的达标日历计算：应开会议中按期开且达到要求的比例）${aggNote}；得分 = 分值 × 落实率`,
    });
    const duesP = avg(bs.map((id) => duesBy.get(id)));
    list.push({
      source: 'dues',
      title: INDICATOR_SOURCES.dues,
      permille: duesP,
      value: pct(duesP),
      inputs: { 年度: year, 收缴率: pct(duesP) },
      formula: `${year}年团费收缴率（已交团费月数 ÷ 应交月数，团费管理模块）${aggNote}；得分 = 分值 × 收缴率`,
    });
    const archP = avg(bs.map((id) => archBy.get(id)));
    list.push({
      source: 'archive',
      title: INDICATOR_SOURCES.archive,
      permille: archP,
      value: pct(archP),
      inputs: { 档案完备率: pct(archP) },
      formula: `团员档案完备率（档案项目齐全的在册团员 ÷ 在册团员，团员档案模块）${aggNote}；得分 = 分值 × 完备率`,
    });
    const completeMonths = avg(bs.map((id) => tdComplete.get(id) ?? 0));
    const tdP =
      months.length && completeMonths !== null ? Math.round((completeMonths * 1000) / months.length) : null;
    list.push({
      source: 'themeDayMonths',
      title: INDICATOR_SOURCES.themeDayMonths,
      permille: tdP,
      value: completeMonths === null ? '无数据' : `${completeMonths}/${months.length}个月`,
      inputs: { 完成月数: completeMonths, 应开展月数: months.length },
      formula: `${months[0] ?? ''}至${months.at(-1) ?? ''}主题团日“已完成”的月数 ÷ 应开展月数${aggNote}；得分 = 分值 × 完成月数 ÷ 应开展月数`,
    });
    const partP = avg(bs.map((id) => avg(tdPart.get(id) ?? [])));
    list.push({
      source: 'themeDayParticipation',
      title: INDICATOR_SOURCES.themeDayParticipation,
      permille: partP,
      value: pct(partP),
      inputs: { 平均参与率: pct(partP), 有签到记录的月数: avg(bs.map((id) => tdPart.get(id)?.length ?? 0)) },
      formula: `各月主题团日签到人数 ÷ 在册团员数的平均值${aggNote}；得分 = 分值 × 平均参与率`,
    });

    const last = elections.find((e) => e.org_id === u.id) ?? null;
    const policy = termPolicy({ kind: u.kind, sector: u.sector, name: u.name }, orgRules.term.value);
    const due = electionDue(last?.elected_on ?? null, last?.term_years ?? policy.defaultYears, ratingDate);
    const electionP = last ? (due.overdue ? 0 : 1000) : 0;
    list.push({
      source: 'election',
      title: INDICATOR_SOURCES.election,
      permille: electionP,
      value: !last
        ? '未录入换届选举'
        : due.overdue
          ? `逾期未换届（应于${due.dueOn}前）`
          : `按期（下次${due.dueOn}前）`,
      inputs: {
        最近一次选举: last?.elected_on ?? null,
        任期年数: last?.term_years ?? null,
        应换届日期: due.dueOn,
      },
      formula: `评定日${ratingDate}时未超过应换届日期（最近一次选举日期 + 任期，规则“换届周期”第${orgRules.term.version}版）得满分，逾期或无选举记录得0分`,
    });

    const recCount = recs.filter((r) => r.path.startsWith(u.path)).length;
    const tuiyouP = recCount >= rule.tuiyouMinCount ? 1000 : 0;
    list.push({
      source: 'tuiyou',
      title: INDICATOR_SOURCES.tuiyou,
      permille: tuiyouP,
      value: `${recCount}人`,
      inputs: { 推优人数: recCount, 满分所需人数: rule.tuiyouMinCount },
      formula: `${year}年经批准或已推送的推优入党人数达到${rule.tuiyouMinCount}人得满分，否则得0分`,
    });

    const lastDate = lastDates
      .filter((d) => d.path.startsWith(u.path))
      .map((d) => d.date)
      .sort()
      .at(-1);
    const age = lastDate ? daysBetween(lastDate, ratingDate) : null;
    const freshP = age !== null && age <= rule.freshnessDays ? 1000 : 0;
    list.push({
      source: 'freshness',
      title: INDICATOR_SOURCES.freshness,
      permille: freshP,
      value: lastDate ? `最近更新${lastDate}` : '无更新记录',
      inputs: { 最近更新日期: lastDate ?? null, 距评定日天数: age, 期限天数: rule.freshnessDays },
      formula: `团员信息、会议记录、主题团日最近一次录入或更新距评定日${ratingDate}不超过${rule.freshnessDays}天（即不早于${addDays(ratingDate, -rule.freshnessDays)}）得满分，否则得0分`,
    });
    out.set(
      u.id,
      list.filter((i) => sources.has(i.source)),
    );
  }
  return out;
}
