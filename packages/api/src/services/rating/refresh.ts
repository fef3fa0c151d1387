/**
 * RATE-2 refresh: the computed indicators are a snapshot taken at the start of a round; before
 * publication the superior may take them again from the current data (a late 换届 record, dues paid
 * after the start, …). The round keeps its criteria version and rating date (eligibility by age does
 * not move); the data horizon is the round's year up to today (Asia/Shanghai, not after 31 December).
 * Self-assessed / reviewed scores and signatures are kept — the computed points are not the branch's
 * assessment; a reviewed rating's total and level are recomputed at once.
 */
import {
  computedCentipoints,
  ratingDate,
  type StarLevel,
  starLevelLabel,
  todayInShanghai,
} from '@tuanjian/domain';
import { appError, forbiddenRole } from '../../errors';
import type { Scope, TenantDb } from '../scope';
import { computeIndicators, type Indicator, type RatedUnit } from './indicators';
import { levelOf, loadRound, ratingRuleVersion } from './rating';

export interface RefreshChange {
  orgId: string;
  orgName: string;
  title: string;
  before: string;
  after: string;
  beforePoints: number;
  afterPoints: number;
}

export interface RefreshResult {
  roundId: string;
  ruleVersion: number;
  refreshed: number;
  computedAt: Date;
  changes: RefreshChange[];
  levels: { orgId: string; orgName: string; before: string | null; after: string }[];
}

const parse = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v) as Indicator[];

export async function refresh(
  tdb: TenantDb,
  scope: Scope,
  input: { id: string; orgId?: string },
  now: Date,
): Promise<RefreshResult> {
  const rr = await loadRound(tdb, scope, input.id);
  if (scope.role !== 'district_admin' && !(scope.org && rr.org_path.startsWith(scope.org.path))) {
    throw forbiddenRole('由组织评定的上级团组织刷新计算指标');
  }
  if (rr.status === 'published') {
    throw appError('BAD_REQUEST', 'INVALID_STATE', '该年度评定结果已公布，计算指标不能再刷新');
  }
  let q = tdb
    .selectFrom('star_ratings as s')
    .innerJoin('organisations as o', 'o.id', 's.org_id')
    .select([
      's.id',
      's.org_id',
      's.status',
      's.computed',
      's.level',
      'o.name',
      'o.kind',
      'o.path',
      'o.sector',
      'o.status as org_status',
      'o.parent_id',
    ])
    .where('s.round_id', '=', rr.id)
    .where('s.status', 'in', ['self_assessing', 'self_assessed', 'reviewed'])
    .orderBy('o.path');
  if (input.orgId) q = q.where('s.org_id', '=', input.orgId);
  const rows = await q.execute();
  if (input.orgId && rows.length === 0) {
    throw appError('BAD_REQUEST', 'INVALID_INPUT', '该组织不在本轮评定中，或已不参评');
  }
  const rule = await ratingRuleVersion(tdb, rr.rule_version);
  const units: RatedUnit[] = rows.map((r) => ({
    id: r.org_id,
    name: r.name,
    kind: r.kind as 'branch' | 'general_branch',
    path: r.path,
    sector: r.sector,
    status: r.org_status,
    parentId: r.parent_id,
  }));
  const horizon = ratingDate(rr.year, todayInShanghai(now));
  const superior = { id: rr.org_id, path: rr.org_path };
  const indicators = units.length
    ? await computeIndicators(tdb, scope, superior, units, rr.year, horizon, rule.rule, now)
    : new Map<string, Indicator[]>();
  const computed = rule.rule.criteria.filter((c) => c.mode === 'computed');
  const changes: RefreshChange[] = [];
  const levels: RefreshResult['levels'] = [];
  for (const r of rows) {
    const before = parse(r.computed) ?? [];
    const after = indicators.get(r.org_id) ?? [];
    for (const c of computed) {
      const b = before.find((i) => i.source === c.source);
      const a = after.find((i) => i.source === c.source);
      const bc = computedCentipoints(c.points, b?.permille ?? null);
      const ac = computedCentipoints(c.points, a?.permille ?? null);
      if (bc !== ac || (b?.value ?? '') !== (a?.value ?? '')) {
        changes.push({
          orgId: r.org_id,
          orgName: r.name,
          title: a?.title ?? b?.title ?? c.title,
          before: b?.value ?? '无数据',
          after: a?.value ?? '无数据',
          beforePoints: bc / 100,
          afterPoints: ac / 100,
        });
      }
      await tdb
        .updateTable('star_rating_scores')
        .set({ self_centi: ac })
        .where('rating_id', '=', r.id)
        .where('criterion_key', '=', c.key)
        .execute();
    }
    await tdb
      .updateTable('star_ratings')
      .set({ computed: JSON.stringify(after), computed_at: now, updated_at: now })
      .where('id', '=', r.id)
      .execute();
  }
  // reviewed ratings: total and level from the refreshed points (branches first: the 团总支 rule)
  const reviewed = rows
    .filter((r) => r.status === 'reviewed')
    .sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'branch' ? -1 : 1));
  for (const r of reviewed) {
    const lv = await levelOf(tdb, r.id);
    await tdb
      .updateTable('star_ratings')
      .set({
        total_centi: lv.totalCenti,
        score_level: lv.scoreLevel,
        level: lv.level,
        level_reasons: JSON.stringify(lv.reasons),
      })
      .where('id', '=', r.id)
      .execute();
    const label = (l: StarLevel | null) => (l ? starLevelLabel[l] : null);
    if (r.level !== lv.level) {
      levels.push({
        orgId: r.org_id,
        orgName: r.name,
        before: label(r.level),
        after: `${starLevelLabel[lv.level]}（${lv.totalCenti / 100}分）`,
      });
    }
  }
  return {
    roundId: rr.id,
    ruleVersion: rr.rule_version,
    refreshed: rows.length,
    computedAt: now,
    changes,
    levels,
  };
}
