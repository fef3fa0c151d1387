/**
 * RATE-1…RATE-3 对标定级: a superior starts a year's round for the 团支部 / 团总支 below it (only
 * branches that passed the rectification acceptance of that year, `acceptedBranchIds`; 团总支 are not
 * subject to acceptance); the branch secretary self-assesses and signs with a member representative;
 * the superior reviews; publication applies the caps. Every level is computed from the stored scores
 * with the rule version the round stored, so a result recomputes identically after a new version.
 */
import type { PlatformDatabase } from '@tuanjian/db';
import {
  applyCaps,
  type CapReport,
  computedCentipoints,
  eligibleByAge,
  formatPoints,
  GOODS,
  parseRuleValue,
  type RatingStatus,
  type ResolvedRatingRule,
  rateLevel,
  ratingDate,
  ratingStatusLabel,
  resolveRatingRule,
  ruleCatalogue,
  ruleInForce,
  type StarLevel,
  starLevelLabel,
  toCentipoints,
  todayInShanghai,
} from '@tuanjian/domain';
import { type QueryCreator, sql } from 'kysely';
import { appError, forbiddenRole, forbiddenScope, notFound } from '../../errors';
import { buildLedgerWorkbook, type LedgerExportFile } from '../excel';
import { assertFilesUsable, fileUrls } from '../files';
import { acceptedBranchIds } from '../rectification/acceptance';
import { escapeLike, pathInScope, type Scope, type TenantDb } from '../scope';
import { participationPermille } from '../youth/study';
import { computeIndicators, type Indicator, type RatedUnit } from './indicators';
import { currentStar } from './star';

export { currentStar } from './star';

export interface Actor {
  userId: string;
  displayName: string;
}

// ——— rule versions ———

export interface RatingRuleAt {
  version: number;
  source: string;
  rule: ResolvedRatingRule;
}

async function ruleVersions(tdb: TenantDb) {
  const pdb = tdb as unknown as QueryCreator<PlatformDatabase>;
  const rows = await pdb
    .selectFrom('platform.rules')
    .select(['version', 'effective_from', 'value', 'source'])
    .where('key', '=', 'rating.stars')
    .execute();
  return rows.map((r) => ({
    version: r.version,
    effectiveFrom: r.effective_from,
    source: r.source,
    value: parseRuleValue('rating.stars', typeof r.value === 'string' ? JSON.parse(r.value) : r.value),
  }));
}

/** The version in force on a date (the round stores it). */
export async function ratingRuleOn(tdb: TenantDb, onDate: string): Promise<RatingRuleAt> {
  const versions = await ruleVersions(tdb);
  const v = ruleInForce(versions, onDate);
  if (!v) {
    return {
      version: 1,
      source: ruleCatalogue['rating.stars'].source,
      rule: resolveRatingRule(ruleCatalogue['rating.stars'].value),
    };
  }
  const full = versions.find((x) => x.version === v.version);
  return { version: v.version, source: full?.source ?? '', rule: resolveRatingRule(v.value) };
}

/** A stored version by number (recomputing last year's results). */
export async function ratingRuleVersion(tdb: TenantDb, version: number): Promise<RatingRuleAt> {
  const v = (await ruleVersions(tdb)).find((x) => x.version === version);
  if (!v) {
    if (version === 1) {
      return {
        version: 1,
        source: ruleCatalogue['rating.stars'].source,
        rule: resolveRatingRule(ruleCatalogue['rating.stars'].value),
      };
    }
    throw appError('INTERNAL_SERVER_ERROR', 'INTERNAL', `星级评定规则第${version}版不存在`);
  }
  return { version: v.version, source: v.source, rule: resolveRatingRule(v.value) };
}

// ——— roles ———

function assertCadre(scope: Scope): void {
  if (scope.role !== 'district_admin' && scope.role !== 'org_secretary') {
    throw forbiddenRole('您的角色无权进行星级评定操作');
  }
}

/** The superior of a rated organisation: district_admin, or a secretary whose organisation is strictly above. */
export function isSuperiorOf(scope: Scope, orgPath: string): boolean {
  if (scope.role === 'district_admin') return true;
  return (
    scope.role === 'org_secretary' &&
    !!scope.org &&
    orgPath.startsWith(scope.org.path) &&
    orgPath !== scope.org.path
  );
}

async function orgRow(tdb: TenantDb, id: string) {
  const org = await tdb
    .selectFrom('organisations')
    .select(['id', 'name', 'kind', 'path', 'sector', 'status', 'parent_id', 'founded_on'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!org) throw notFound('组织');
  return org;
}

// ——— start ———

export interface StartResult {
  roundId: string;
  year: number;
  ruleVersion: number;
  ratingDate: string;
  rated: number;
  ineligible: { orgId: string; name: string; reason: string }[];
  notAccepted: { orgId: string; name: string }[];
}

export async function start(
  tdb: TenantDb,
  scope: Scope,
  input: { orgId: string; year: number },
  actor: Actor,
  now: Date,
): Promise<StartResult> {
  assertCadre(scope);
  const superior = await orgRow(tdb, input.orgId);
  if (!pathInScope(scope, superior.path)) throw forbiddenScope('该组织不在您管理的范围内');
  if (superior.kind === 'branch' || superior.kind === 'group') {
    throw appError('BAD_REQUEST', 'INVALID_INPUT', '星级评定由团委、团工委或团总支对所属团支部组织开展');
  }
  const today = todayInShanghai(now);
  if (input.year > Number(today.slice(0, 4))) {
    throw appError('BAD_REQUEST', 'INVALID_INPUT', '不能为将来的年度开展星级评定');
  }
  const existing = await tdb
    .selectFrom('star_rating_rounds')
    .select('id')
    .where('org_id', '=', superior.id)
    .where('year', '=', input.year)
    .executeTakeFirst();
  if (existing) throw appError('CONFLICT', 'CONFLICT', `${superior.name}${input.year}年度星级评定已经开始`);
  const date = ratingDate(input.year, today);
  const rule = await ratingRuleOn(tdb, date);

  const orgs = await tdb
    .selectFrom('organisations')
    .select(['id', 'name', 'kind', 'path', 'sector', 'status', 'parent_id', 'founded_on'])
    .where('path', 'like', `${escapeLike(superior.path)}%`)
    .where('id', '<>', superior.id)
    .where('status', '=', 'active')
    .where('kind', 'in', ['branch', 'general_branch'])
    .orderBy('path')
    .execute();
  const already = orgs.length
    ? await tdb
        .selectFrom('star_ratings')
        .select('org_id')
        .where('year', '=', input.year)
        .where(
          'org_id',
          'in',
          orgs.map((o) => o.id),
        )
        .execute()
    : [];
  const taken = new Set(already.map((r) => r.org_id));
  const accepted = await acceptedBranchIds(tdb, input.year);
  const notAccepted = orgs.filter((o) => o.kind === 'branch' && !accepted.has(o.id));
  const units: (RatedUnit & { foundedOn: string | null })[] = orgs
    .filter((o) => !taken.has(o.id) && (o.kind === 'general_branch' || accepted.has(o.id)))
    .map((o) => ({
      id: o.id,
      name: o.name,
      kind: o.kind as 'branch' | 'general_branch',
      path: o.path,
      sector: o.sector,
      status: o.status,
      parentId: o.parent_id,
      foundedOn: o.founded_on,
    }));
  if (units.length === 0) {
    throw appError(
      'BAD_REQUEST',
      'INVALID_STATE',
      '没有可参加星级评定的团支部（须已通过本年度整理整顿考核验收）',
    );
  }
  const indicators = await computeIndicators(tdb, scope, superior, units, input.year, date, rule.rule, now);

  const round = await tdb
    .insertInto('star_rating_rounds')
    .values({
      org_id: superior.id,
      year: input.year,
      rule_version: rule.version,
      rating_date: date,
      started_by: actor.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const ineligible: StartResult['ineligible'] = [];
  for (const u of units) {
    const age = eligibleByAge(u.foundedOn, date, rule.rule);
    if (!age.eligible) ineligible.push({ orgId: u.id, name: u.name, reason: age.reason ?? '' });
    const snap = indicators.get(u.id) ?? [];
    const r = await tdb
      .insertInto('star_ratings')
      .values({
        round_id: round.id,
        org_id: u.id,
        year: input.year,
        rule_version: rule.version,
        status: age.eligible ? 'self_assessing' : 'ineligible',
        ineligible_reason: age.reason,
        computed: JSON.stringify(snap),
        computed_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const computed = rule.rule.criteria.filter((c) => c.mode === 'computed');
    if (computed.length) {
      await tdb
        .insertInto('star_rating_scores')
        .values(
          computed.map((c) => ({
            rating_id: r.id,
            criterion_key: c.key,
            self_centi: computedCentipoints(
              c.points,
              snap.find((i) => i.source === c.source)?.permille ?? null,
            ),
          })),
        )
        .execute();
    }
  }
  return {
    roundId: round.id,
    year: input.year,
    ruleVersion: rule.version,
    ratingDate: date,
    rated: units.length - ineligible.length,
    ineligible,
    notAccepted: notAccepted.map((o) => ({ orgId: o.id, name: o.name })),
  };
}

// ——— detail ———

export interface CriterionView {
  key: string;
  good: string;
  goodLabel: string;
  title: string;
  points: number;
  mode: 'computed' | 'scored';
  modeLabel: string;
  indicator: Indicator | null;
  selfPoints: number | null;
  selfNote: string | null;
  reviewedPoints: number | null;
  reviewNote: string | null;
  /** The points that count: reviewed if reviewed, else the self-assessment (computed: the computation). */
  points_: number | null;
  evidence: { id: string; url: string; thumbUrl: string }[];
}

export interface RatingDetail {
  id: string;
  roundId: string;
  orgId: string;
  orgName: string;
  orgKind: string;
  year: number;
  ruleVersion: number;
  ratingDate: string;
  status: RatingStatus;
  statusLabel: string;
  ineligibleReason: string | null;
  criteria: CriterionView[];
  vetoItems: { key: string; title: string; selected: boolean }[];
  studyPercent: number | null;
  totalPoints: number | null;
  level: StarLevel | null;
  levelLabel: string | null;
  levelReasons: string[];
  publishedLevel: StarLevel | null;
  publishedLevelLabel: string | null;
  capped: boolean;
  capReason: string | null;
  signature: { secretaryName: string; memberRepName: string; signedAt: Date } | null;
  reviewNote: string | null;
  reviewedAt: Date | null;
  computedAt: Date;
  canSelfAssess: boolean;
  canReview: boolean;
}

async function loadRating(tdb: TenantDb, id: string) {
  const r = await tdb
    .selectFrom('star_ratings as r')
    .innerJoin('organisations as o', 'o.id', 'r.org_id')
    .innerJoin('star_rating_rounds as rr', 'rr.id', 'r.round_id')
    .selectAll('r')
    .select([
      'o.name as org_name',
      'o.kind as org_kind',
      'o.path as org_path',
      'rr.rating_date',
      'rr.org_id as superior_id',
    ])
    .where('r.id', '=', id)
    .executeTakeFirst();
  if (!r) throw notFound('星级评定');
  return r;
}
type RatingRow = Awaited<ReturnType<typeof loadRating>>;

function assertReads(scope: Scope, r: RatingRow): void {
  assertCadre(scope);
  if (!pathInScope(scope, r.org_path)) throw notFound('星级评定');
}

function isOwnSecretary(scope: Scope, r: RatingRow): boolean {
  return scope.role === 'org_secretary' && scope.org?.id === r.org_id;
}

async function scoresOf(tdb: TenantDb, id: string) {
  return tdb.selectFrom('star_rating_scores').selectAll().where('rating_id', '=', id).execute();
}

const toPoints = (c: number | null | undefined) => (c === null || c === undefined ? null : c / 100);

function countedCenti(
  s: { self_centi: number | null; reviewed_centi: number | null } | undefined,
): number | null {
  if (!s) return null;
  return s.reviewed_centi ?? s.self_centi;
}

export async function detail(tdb: TenantDb, scope: Scope, id: string): Promise<RatingDetail> {
  const r = await loadRating(tdb, id);
  assertReads(scope, r);
  const rule = await ratingRuleVersion(tdb, r.rule_version);
  const scores = await scoresOf(tdb, id);
  const snap = (typeof r.computed === 'string' ? JSON.parse(r.computed) : r.computed) as Indicator[];
  const veto = r.veto_items ?? [];
  const reasons = (
    typeof r.level_reasons === 'string' ? JSON.parse(r.level_reasons) : r.level_reasons
  ) as string[];
  return {
    id: r.id,
    roundId: r.round_id,
    orgId: r.org_id,
    orgName: r.org_name,
    orgKind: r.org_kind,
    year: r.year,
    ruleVersion: r.rule_version,
    ratingDate: r.rating_date,
    status: r.status,
    statusLabel: ratingStatusLabel[r.status],
    ineligibleReason: r.ineligible_reason,
    criteria: rule.rule.criteria.map((c) => {
      const s = scores.find((x) => x.criterion_key === c.key);
      return {
        key: c.key,
        good: c.good,
        goodLabel: GOODS[c.good],
        title: c.title,
        points: c.points,
        mode: c.mode,
        modeLabel: c.mode === 'computed' ? '系统计算' : '上级评分',
        indicator: c.mode === 'computed' ? (snap.find((i) => i.source === c.source) ?? null) : null,
        selfPoints: toPoints(s?.self_centi),
        selfNote: s?.self_note ?? null,
        reviewedPoints: toPoints(s?.reviewed_centi),
        reviewNote: s?.review_note ?? null,
        points_: toPoints(countedCenti(s)),
        evidence: (s?.evidence_ids ?? []).map((f) => fileUrls(f)),
      };
    }),
    vetoItems: rule.rule.vetoItems.map((v) => ({ ...v, selected: veto.includes(v.key) })),
    studyPercent: r.study_permille === null ? null : r.study_permille / 10,
    totalPoints: toPoints(r.total_centi),
    level: r.level,
    levelLabel: r.level ? starLevelLabel[r.level] : null,
    levelReasons: reasons ?? [],
    publishedLevel: r.published_level,
    publishedLevelLabel: r.published_level ? starLevelLabel[r.published_level] : null,
    capped: r.capped,
    capReason: r.cap_reason,
    signature:
      r.signed_at && r.secretary_name && r.member_rep_name
        ? { secretaryName: r.secretary_name, memberRepName: r.member_rep_name, signedAt: r.signed_at }
        : null,
    reviewNote: r.review_note,
    reviewedAt: r.reviewed_at,
    computedAt: r.computed_at,
    canSelfAssess:
      isOwnSecretary(scope, r) && (r.status === 'self_assessing' || r.status === 'self_assessed'),
    canReview: isSuperiorOf(scope, r.org_path) && (r.status === 'self_assessed' || r.status === 'reviewed'),
  };
}

// ——— self-assessment ———

export interface ScoreInput {
  key: string;
  points: number;
  note?: string | null;
  evidenceIds?: string[];
}

function scoredCriterion(rule: ResolvedRatingRule, key: string) {
  const c = rule.criteria.find((x) => x.key === key);
  if (!c) throw appError('BAD_REQUEST', 'INVALID_INPUT', `评分项目“${key}”不存在`);
  if (c.mode !== 'scored') {
    throw appError('BAD_REQUEST', 'INVALID_INPUT', `“${c.title}”由系统根据数据计算，不能手工评分`);
  }
  return c;
}

function centiOf(points: number, max: number, title: string): number {
  try {
    return toCentipoints(points, max);
  } catch (e) {
    throw appError('BAD_REQUEST', 'INVALID_INPUT', `“${title}”${(e as Error).message}`);
  }
}

export async function selfAssess(
  tdb: TenantDb,
  scope: Scope,
  input: { id: string; scores: ScoreInput[] },
): Promise<RatingDetail> {
  const r = await loadRating(tdb, input.id);
  assertReads(scope, r);
  if (!isOwnSecretary(scope, r)) throw forbiddenRole('自评由本团支部书记填写');
  if (r.status !== 'self_assessing' && r.status !== 'self_assessed') {
    throw appError('BAD_REQUEST', 'INVALID_STATE', `该评定${ratingStatusLabel[r.status]}，不能再修改自评`);
  }
  const rule = await ratingRuleVersion(tdb, r.rule_version);
  await assertFilesUsable(
    tdb,
    input.scores.flatMap((s) => s.evidenceIds ?? []),
  );
  for (const s of input.scores) {
    const c = scoredCriterion(rule.rule, s.key);
    const centi = centiOf(s.points, c.points, c.title);
    const ids = s.evidenceIds ?? [];
    await tdb
      .insertInto('star_rating_scores')
      .values({
        rating_id: r.id,
        criterion_key: c.key,
        self_centi: centi,
        self_note: s.note ?? null,
        evidence_ids: sql<string[]>`${`{${ids.join(',')}}`}::uuid[]`,
      })
      .onConflict((oc) =>
        oc.columns(['rating_id', 'criterion_key']).doUpdateSet({
          self_centi: centi,
          self_note: s.note ?? null,
          evidence_ids: sql<string[]>`${`{${ids.join(',')}}`}::uuid[]`,
        }),
      )
      .execute();
  }
  // Changing the self-assessment withdraws the signatures: they signed what was there before.
  await tdb
    .updateTable('star_ratings')
    .set({
      status: 'self_assessing',
      secretary_name: null,
      secretary_user_id: null,
      member_rep_id: null,
      member_rep_name: null,
      signed_at: null,
      updated_at: new Date(),
    })
    .where('id', '=', r.id)
    .execute();
  return detail(tdb, scope, r.id);
}

export async function sign(
  tdb: TenantDb,
  scope: Scope,
  input: { id: string; memberRepId: string },
  actor: Actor,
  now: Date,
): Promise<RatingDetail> {
  const r = await loadRating(tdb, input.id);
  assertReads(scope, r);
  if (!isOwnSecretary(scope, r)) throw forbiddenRole('自评由本团支部书记签字');
  if (r.status !== 'self_assessing') {
    throw appError('BAD_REQUEST', 'INVALID_STATE', `该评定${ratingStatusLabel[r.status]}，不能再签字`);
  }
  const rule = await ratingRuleVersion(tdb, r.rule_version);
  const scores = await scoresOf(tdb, r.id);
  const missing = rule.rule.criteria.filter(
    (c) => c.mode === 'scored' && !scores.some((s) => s.criterion_key === c.key && s.self_centi !== null),
  );
  if (missing.length) {
    throw appError(
      'BAD_REQUEST',
      'INVALID_STATE',
      `请先完成自评：${missing.map((c) => c.title.split('；')[0]).join('、')}`,
    );
  }
  const rep = await tdb
    .selectFrom('members as m')
    .innerJoin('organisations as o', 'o.id', 'm.org_id')
    .select(['m.id', 'm.name', 'm.status', 'o.path'])
    .where('m.id', '=', input.memberRepId)
    .executeTakeFirst();
  if (!rep || rep.status !== 'active' || !rep.path.startsWith(r.org_path)) {
    throw appError('BAD_REQUEST', 'INVALID_INPUT', '团员代表须是本支部在册团员');
  }
  await tdb
    .updateTable('star_ratings')
    .set({
      status: 'self_assessed',
      secretary_user_id: actor.userId,
      secretary_name: actor.displayName,
      member_rep_id: rep.id,
      member_rep_name: rep.name,
      signed_at: now,
      updated_at: now,
    })
    .where('id', '=', r.id)
    .where('status', '=', 'self_assessing')
    .execute();
  return detail(tdb, scope, r.id);
}

// ——— review ———

/** Levels of the rated 团支部 directly under a 团总支 in the same round (their current level). */
async function subBranchLevels(tdb: TenantDb, r: { round_id: string; org_id: string }): Promise<StarLevel[]> {
  const rows = await tdb
    .selectFrom('star_ratings as s')
    .innerJoin('organisations as o', 'o.id', 's.org_id')
    .select('s.level')
    .where('s.round_id', '=', r.round_id)
    .where('o.parent_id', '=', r.org_id)
    .where('s.status', '<>', 'ineligible')
    .execute();
  return rows.map((x) => x.level).filter((l): l is StarLevel => l !== null);
}

/** The level from the stored scores with the stored rule version (also used to recompute). */
export async function levelOf(tdb: TenantDb, id: string) {
  const r = await loadRating(tdb, id);
  const rule = await ratingRuleVersion(tdb, r.rule_version);
  const scores = await scoresOf(tdb, id);
  const result = rateLevel(
    {
      scores: scores.map((s) => ({ key: s.criterion_key, centi: countedCenti(s) ?? 0 })),
      vetoItems: r.veto_items ?? [],
      studyPermille: r.study_permille,
      subBranchLevels: r.org_kind === 'general_branch' ? await subBranchLevels(tdb, r) : undefined,
    },
    rule.rule,
  );
  return { ...result, ruleVersion: rule.version };
}

export async function review(
  tdb: TenantDb,
  scope: Scope,
  input: {
    id: string;
    scores: { key: string; points: number; note?: string | null }[];
    vetoItems: string[];
    studyPercent: number | null;
    note?: string | null;
  },
  actor: Actor,
  now: Date,
): Promise<RatingDetail> {
  const r = await loadRating(tdb, input.id);
  assertReads(scope, r);
  if (!isSuperiorOf(scope, r.org_path)) throw forbiddenRole('审核由上级团组织进行');
  if (r.status !== 'self_assessed' && r.status !== 'reviewed') {
    throw appError(
      'BAD_REQUEST',
      'INVALID_STATE',
      r.status === 'self_assessing'
        ? '该支部尚未完成自评签字，不能审核'
        : `该评定${ratingStatusLabel[r.status]}，不能审核`,
    );
  }
  const rule = await ratingRuleVersion(tdb, r.rule_version);
  for (const v of input.vetoItems) {
    if (!rule.rule.vetoItems.some((x) => x.key === v)) {
      throw appError('BAD_REQUEST', 'INVALID_INPUT', `一票否决事项“${v}”不存在`);
    }
  }
  for (const s of input.scores) {
    const c = scoredCriterion(rule.rule, s.key);
    const centi = centiOf(s.points, c.points, c.title);
    await tdb
      .insertInto('star_rating_scores')
      .values({ rating_id: r.id, criterion_key: c.key, reviewed_centi: centi, review_note: s.note ?? null })
      .onConflict((oc) =>
        oc
          .columns(['rating_id', 'criterion_key'])
          .doUpdateSet({ reviewed_centi: centi, review_note: s.note ?? null }),
      )
      .execute();
  }
  // 青年大学习: the reviewer's figure when typed in, else the rate from the imported completion lists
  // (services/youth; null = no session imported that year → unreported).
  const study =
    input.studyPercent === null
      ? (await participationPermille(tdb, r.org_path, r.year)).permille
      : Math.round(input.studyPercent * 10);
  await tdb
    .updateTable('star_ratings')
    .set({
      veto_items: sql<string[]>`${`{${input.vetoItems.join(',')}}`}::text[]`,
      study_permille: study,
      review_note: input.note ?? null,
    })
    .where('id', '=', r.id)
    .execute();
  const lv = await levelOf(tdb, r.id);
  await tdb
    .updateTable('star_ratings')
    .set({
      status: 'reviewed',
      total_centi: lv.totalCenti,
      score_level: lv.scoreLevel,
      level: lv.level,
      level_reasons: JSON.stringify(lv.reasons),
      reviewed_by: actor.userId,
      reviewed_at: now,
      updated_at: now,
    })
    .where('id', '=', r.id)
    .execute();
  return detail(tdb, scope, r.id);
}

// ——— rounds, publication ———

export interface RoundRow {
  ratingId: string;
  orgId: string;
  orgName: string;
  orgKind: string;
  parentName: string | null;
  status: RatingStatus;
  statusLabel: string;
  totalPoints: number | null;
  level: StarLevel | null;
  levelLabel: string | null;
  publishedLevel: StarLevel | null;
  publishedLevelLabel: string | null;
  capped: boolean;
  capReason: string | null;
  signed: boolean;
}

export interface RoundView {
  id: string;
  orgId: string;
  orgName: string;
  year: number;
  ruleVersion: number;
  ratingDate: string;
  status: 'open' | 'published';
  statusLabel: string;
  publishedAt: Date | null;
  capReport: CapReport | null;
  counts: Record<RatingStatus, number>;
  rows: RoundRow[];
  canPublish: boolean;
}

export async function loadRound(tdb: TenantDb, scope: Scope, id: string) {
  const round = await tdb
    .selectFrom('star_rating_rounds as rr')
    .innerJoin('organisations as o', 'o.id', 'rr.org_id')
    .selectAll('rr')
    .select(['o.name as org_name', 'o.path as org_path'])
    .where('rr.id', '=', id)
    .executeTakeFirst();
  if (!round) throw notFound('评定轮次');
  assertCadre(scope);
  if (!pathInScope(scope, round.org_path)) throw notFound('评定轮次');
  return round;
}

export async function rounds(tdb: TenantDb, scope: Scope, input: { year?: number }) {
  assertCadre(scope);
  let q = tdb
    .selectFrom('star_rating_rounds as rr')
    .innerJoin('organisations as o', 'o.id', 'rr.org_id')
    .select([
      'rr.id',
      'rr.org_id',
      'o.name as org_name',
      'rr.year',
      'rr.status',
      'rr.rule_version',
      'rr.published_at',
    ])
    .orderBy('rr.year', 'desc')
    .orderBy('o.path');
  if (scope.org) q = q.where('o.path', 'like', `${escapeLike(scope.org.path)}%`);
  if (input.year) q = q.where('rr.year', '=', input.year);
  const rows = await q.execute();
  return rows.map((r) => ({
    id: r.id,
    orgId: r.org_id,
    orgName: r.org_name,
    year: r.year,
    status: r.status,
    statusLabel: r.status === 'published' ? '已公布' : '评定中',
    ruleVersion: r.rule_version,
    publishedAt: r.published_at,
  }));
}

export async function round(
  tdb: TenantDb,
  scope: Scope,
  input: { id: string; status?: RatingStatus; q?: string },
): Promise<RoundView> {
  const rr = await loadRound(tdb, scope, input.id);
  let q = tdb
    .selectFrom('star_ratings as s')
    .innerJoin('organisations as o', 'o.id', 's.org_id')
    .leftJoin('organisations as p', 'p.id', 'o.parent_id')
    .select([
      's.id',
      's.org_id',
      'o.name',
      'o.kind',
      'o.path',
      'p.name as parent_name',
      's.status',
      's.total_centi',
      's.level',
      's.published_level',
      's.capped',
      's.cap_reason',
      's.signed_at',
    ])
    .where('s.round_id', '=', rr.id)
    .orderBy('o.path');
  if (scope.org) q = q.where('o.path', 'like', `${escapeLike(scope.org.path)}%`);
  const all = await q.execute();
  const counts = Object.fromEntries(Object.keys(ratingStatusLabel).map((k) => [k, 0])) as Record<
    RatingStatus,
    number
  >;
  for (const r of all) counts[r.status] += 1;
  const rows = all.filter(
    (r) => (!input.status || r.status === input.status) && (!input.q || r.name.includes(input.q)),
  );
  return {
    id: rr.id,
    orgId: rr.org_id,
    orgName: rr.org_name,
    year: rr.year,
    ruleVersion: rr.rule_version,
    ratingDate: rr.rating_date,
    status: rr.status,
    statusLabel: rr.status === 'published' ? '已公布' : '评定中',
    publishedAt: rr.published_at,
    capReport: (typeof rr.cap_report === 'string'
      ? JSON.parse(rr.cap_report)
      : rr.cap_report) as CapReport | null,
    counts,
    rows: rows.map((r) => ({
      ratingId: r.id,
      orgId: r.org_id,
      orgName: r.name,
      orgKind: r.kind,
      parentName: r.parent_name,
      status: r.status,
      statusLabel: ratingStatusLabel[r.status],
      totalPoints: toPoints(r.total_centi),
      level: r.level,
      levelLabel: r.level ? starLevelLabel[r.level] : null,
      publishedLevel: r.published_level,
      publishedLevelLabel: r.published_level ? starLevelLabel[r.published_level] : null,
      capped: r.capped,
      capReason: r.cap_reason,
      signed: r.signed_at !== null,
    })),
    canPublish:
      rr.status === 'open' &&
      (scope.role === 'district_admin' || (scope.org !== null && rr.org_path.startsWith(scope.org.path))),
  };
}

export interface PublishPreview {
  report: CapReport;
  capped: {
    orgId: string;
    orgName: string;
    totalPoints: number;
    level: string;
    publishedLevel: string;
    reason: string;
  }[];
  published: boolean;
}

export async function publish(
  tdb: TenantDb,
  scope: Scope,
  input: { id: string; preview: boolean },
  actor: Actor,
  now: Date,
): Promise<PublishPreview> {
  const rr = await loadRound(tdb, scope, input.id);
  if (scope.role !== 'district_admin' && !(scope.org && rr.org_path.startsWith(scope.org.path))) {
    throw forbiddenRole('由组织评定的上级团组织公布结果');
  }
  if (rr.status === 'published') throw appError('BAD_REQUEST', 'INVALID_STATE', '该年度评定结果已公布');
  const all = await tdb
    .selectFrom('star_ratings as s')
    .innerJoin('organisations as o', 'o.id', 's.org_id')
    .select(['s.id', 's.org_id', 'o.name', 'o.kind', 's.status', 's.total_centi'])
    .where('s.round_id', '=', rr.id)
    .orderBy('o.kind') // 'branch' before 'general_branch' (their levels feed the 团总支 rule)
    .execute();
  const pending = all.filter((r) => r.status !== 'reviewed' && r.status !== 'ineligible');
  if (pending.length) {
    throw appError(
      'BAD_REQUEST',
      'INVALID_STATE',
      `还有${pending.length}个组织未审核（${pending
        .slice(0, 5)
        .map((p) => p.name)
        .join('、')}${pending.length > 5 ? '等' : ''}），不能公布`,
    );
  }
  const rule = await ratingRuleVersion(tdb, rr.rule_version);
  // Recompute every level with the final levels of the sub-branches (the 团总支 rule).
  const levels = new Map<string, { level: StarLevel; total: number }>();
  for (const r of all.filter((x) => x.status === 'reviewed')) {
    const lv = await levelOf(tdb, r.id);
    levels.set(r.id, { level: lv.level, total: lv.totalCenti });
    if (!input.preview) {
      await tdb
        .updateTable('star_ratings')
        .set({
          level: lv.level,
          score_level: lv.scoreLevel,
          total_centi: lv.totalCenti,
          level_reasons: JSON.stringify(lv.reasons),
        })
        .where('id', '=', r.id)
        .execute();
    }
  }
  const report = applyCaps(
    [...levels].map(([id, v]) => ({ id, level: v.level, totalCenti: v.total })),
    rule.rule,
  );
  const name = new Map(all.map((r) => [r.id, r.name]));
  const orgOf = new Map(all.map((r) => [r.id, r.org_id]));
  const capped = report.outcomes
    .filter((o) => o.capped)
    .map((o) => ({
      orgId: orgOf.get(o.id) ?? '',
      orgName: name.get(o.id) ?? '',
      totalPoints: (levels.get(o.id)?.total ?? 0) / 100,
      level: starLevelLabel[o.level],
      publishedLevel: starLevelLabel[o.publishedLevel],
      reason: o.reason ?? '',
    }));
  if (!input.preview) {
    for (const o of report.outcomes) {
      await tdb
        .updateTable('star_ratings')
        .set({
          status: 'published',
          published_level: o.publishedLevel,
          capped: o.capped,
          cap_reason: o.reason,
          published_at: now,
          updated_at: now,
        })
        .where('id', '=', o.id)
        .execute();
    }
    const updated = await tdb
      .updateTable('star_rating_rounds')
      .set({
        status: 'published',
        published_at: now,
        published_by: actor.userId,
        cap_report: JSON.stringify(report),
      })
      .where('id', '=', rr.id)
      .where('status', '=', 'open')
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw appError('CONFLICT', 'CONFLICT', '该年度评定结果已公布');
  }
  return { report, capped, published: !input.preview };
}

// ——— the secretary's view ———

export async function mine(tdb: TenantDb, scope: Scope) {
  assertCadre(scope);
  if (!scope.org) throw forbiddenRole('“我的星级”供团组织书记查看本组织');
  const latest = await tdb
    .selectFrom('star_ratings')
    .select('id')
    .where('org_id', '=', scope.org.id)
    .orderBy('year', 'desc')
    .executeTakeFirst();
  const star = await currentStar(tdb, scope.org.id);
  if (!latest) return { orgName: scope.org.name, star, rating: null, raise: [] };
  const d = await detail(tdb, scope, latest.id);
  const raise = d.criteria
    .filter((c) => (c.points_ ?? 0) < c.points)
    .map((c) => ({
      key: c.key,
      goodLabel: c.goodLabel,
      title: c.title,
      points: c.points,
      got: c.points_ ?? 0,
      gap: Math.round((c.points - (c.points_ ?? 0)) * 100) / 100,
      modeLabel: c.modeLabel,
      explanation: c.indicator
        ? `${c.indicator.title}：${c.indicator.value}。${c.indicator.formula}`
        : c.reviewNote
          ? `上级意见：${c.reviewNote}`
          : '由上级根据佐证材料评分，请补充佐证材料',
    }))
    .sort((a, b) => b.gap - a.gap);
  return { orgName: scope.org.name, star, rating: d, raise };
}

export const formatTotal = (centi: number) => formatPoints(centi);

// ——— export ———

export async function roundExport(
  tdb: TenantDb,
  scope: Scope,
  input: { id: string; status?: RatingStatus; q?: string },
  now: Date,
): Promise<LedgerExportFile> {
  const v = await round(tdb, scope, input);
  return buildLedgerWorkbook({
    name: '星级评定结果',
    title: `${v.orgName} ${v.year}年度基层团组织星级评定结果（${v.statusLabel}）`,
    scopeName: v.orgName,
    filters: [
      `${v.year}年度`,
      ...(input.status ? [ratingStatusLabel[input.status]] : []),
      ...(input.q ? [input.q] : []),
    ],
    unit: '个组织',
    columns: [
      { header: '组织', width: 28, value: (r: RoundRow) => r.orgName },
      { header: '上级组织', width: 24, value: (r) => r.parentName ?? '' },
      { header: '状态', width: 10, value: (r) => r.statusLabel },
      { header: '总分', kind: 'text', value: (r) => (r.totalPoints === null ? '' : String(r.totalPoints)) },
      { header: '评定等次', width: 10, value: (r) => r.levelLabel ?? '' },
      { header: '公布等次', width: 10, value: (r) => r.publishedLevelLabel ?? '' },
      { header: '比例调整', kind: 'bool', value: (r) => r.capped },
      { header: '调整说明', width: 60, value: (r) => r.capReason ?? '' },
    ],
    rows: v.rows,
    now,
  });
}

export async function currentStarInScope(tdb: TenantDb, scope: Scope, orgId: string) {
  assertCadre(scope);
  const org = await orgRow(tdb, orgId);
  if (!pathInScope(scope, org.path)) throw notFound('组织');
  return { orgId, orgName: org.name, star: await currentStar(tdb, orgId) };
}

export async function recompute(tdb: TenantDb, scope: Scope, id: string) {
  const r = await loadRating(tdb, id);
  assertReads(scope, r);
  const lv = await levelOf(tdb, id);
  return {
    id,
    ruleVersion: lv.ruleVersion,
    totalPoints: lv.totalCenti / 100,
    level: lv.level,
    levelLabel: starLevelLabel[lv.level],
    storedTotalPoints: toPoints(r.total_centi),
    storedLevel: r.level,
    reasons: lv.reasons,
  };
}
