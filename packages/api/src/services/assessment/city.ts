/**
 * SUP-3 年终考核评估, the city's side (platform handle, `cityProcedure`): the assessed units (one per
 * district tenant), a round per year with item scores per unit, the ranking, publication and the
 * actions derived from the rankings of consecutive years (提醒约谈 / 告诫约谈 / 建议调整函), the 约谈
 * records and the printable letter.
 */
import type { PlatformDatabase } from '@tuanjian/db';
import {
  type AssessmentItem,
  DEFAULT_ASSESSMENT_ITEMS,
  type DerivedAction,
  deriveActions,
  type EscalationLevel,
  escalationLevelLabel,
  type RankedUnit,
  rankUnits,
  scoreTotal,
  todayInShanghai,
  type YearResult,
  yearResult,
} from '@tuanjian/domain';
import type { Kysely } from 'kysely';
import { asDate } from '../../db-types';
import { appError, notFound } from '../../errors';
import { ruleVersionOn } from './rules';

type Db = Kysely<PlatformDatabase>;

const invalid = (message: string) => appError('PRECONDITION_FAILED', 'INVALID_STATE', message);

/** Default addressee of a 建议调整函: the party committee of the tenant's area. */
export function defaultPartyCommittee(tenantName: string): string {
  if (tenantName.endsWith('团委')) return `中共${tenantName.slice(0, -2)}委员会`;
  if (tenantName === '市直团组织') return '中共兰州市直属机关工作委员会';
  return `${tenantName}所在地党委`;
}

/** Every active district tenant is an assessed unit (rows are added when missing). */
export async function ensureUnits(db: Db): Promise<void> {
  const missing = await db
    .selectFrom('platform.tenants as t')
    .leftJoin('platform.assessment_units as u', 'u.tenant_id', 't.id')
    .select(['t.id', 't.name'])
    .where('t.kind', '=', 'district')
    .where('t.status', '=', 'active')
    .where('u.tenant_id', 'is', null)
    .execute();
  if (missing.length === 0) return;
  await db
    .insertInto('platform.assessment_units')
    .values(missing.map((t) => ({ tenant_id: t.id, party_committee: defaultPartyCommittee(t.name) })))
    .onConflict((oc) => oc.column('tenant_id').doNothing())
    .execute();
}

export interface AssessedUnit {
  tenantId: string;
  name: string;
  code: string;
  partyCommittee: string;
}

export async function units(db: Db): Promise<AssessedUnit[]> {
  await ensureUnits(db);
  const rows = await db
    .selectFrom('platform.assessment_units as u')
    .innerJoin('platform.tenants as t', 't.id', 'u.tenant_id')
    .select(['u.tenant_id', 't.name', 't.code', 'u.party_committee'])
    .where('t.status', '=', 'active')
    .orderBy('t.sort_order')
    .orderBy('t.code')
    .execute();
  return rows.map((r) => ({
    tenantId: r.tenant_id,
    name: r.name,
    code: r.code,
    partyCommittee: r.party_committee,
  }));
}

export async function updateUnit(db: Db, tenantId: string, partyCommittee: string): Promise<AssessedUnit> {
  await ensureUnits(db);
  const r = await db
    .updateTable('platform.assessment_units')
    .set({ party_committee: partyCommittee })
    .where('tenant_id', '=', tenantId)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0) throw notFound('考核单位');
  const found = (await units(db)).find((u) => u.tenantId === tenantId);
  if (!found) throw notFound('考核单位');
  return found;
}

const parseJson = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;

export interface RoundSummary {
  id: string;
  year: number;
  title: string;
  status: 'draft' | 'published';
  scoredCount: number;
  unitCount: number;
  publishedAt: Date | null;
  actionCounts: Record<EscalationLevel, number>;
}

export async function rounds(db: Db): Promise<RoundSummary[]> {
  await ensureUnits(db);
  const unitCount = (await units(db)).length;
  const rows = await db
    .selectFrom('platform.assessment_rounds as r')
    .select([
      'r.id',
      'r.year',
      'r.title',
      'r.status',
      'r.unit_count',
      'r.published_at',
      (eb) =>
        eb
          .selectFrom('platform.assessment_scores as s')
          .whereRef('s.round_id', '=', 'r.id')
          .select(eb.fn.countAll<number>().as('n'))
          .as('scored'),
    ])
    .orderBy('r.year', 'desc')
    .execute();
  const actions = await db
    .selectFrom('platform.assessment_actions')
    .select(['round_id', 'level', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy(['round_id', 'level'])
    .execute();
  return rows.map((r) => {
    const counts: Record<EscalationLevel, number> = {
      reminder_talk: 0,
      warning_talk: 0,
      adjustment_letter: 0,
    };
    for (const a of actions.filter((x) => x.round_id === r.id)) counts[a.level] = Number(a.n);
    return {
      id: r.id,
      year: r.year,
      title: r.title,
      status: r.status,
      scoredCount: Number(r.scored ?? 0),
      unitCount: r.unit_count ?? unitCount,
      publishedAt: r.published_at ? asDate(r.published_at) : null,
      actionCounts: counts,
    };
  });
}

export async function createRound(
  db: Db,
  input: { year: number; title?: string; items?: AssessmentItem[] },
  userId: string,
): Promise<{ id: string; year: number }> {
  await ensureUnits(db);
  const items = input.items ?? [...DEFAULT_ASSESSMENT_ITEMS];
  if (new Set(items.map((i) => i.key)).size !== items.length) throw invalid('评分项编码不能重复');
  const exists = await db
    .selectFrom('platform.assessment_rounds')
    .select('id')
    .where('year', '=', input.year)
    .executeTakeFirst();
  if (exists) throw appError('CONFLICT', 'CONFLICT', `${input.year}年度的年终考核已创建`);
  const r = await db
    .insertInto('platform.assessment_rounds')
    .values({
      year: input.year,
      title: input.title?.trim() || `${input.year}年度基层团组织年终考核评估`,
      items: JSON.stringify(items),
      created_by: userId,
    })
    .returning(['id', 'year'])
    .executeTakeFirstOrThrow();
  return r;
}

async function loadRound(db: Db, id: string) {
  const r = await db
    .selectFrom('platform.assessment_rounds')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (!r) throw notFound('考核');
  return { ...r, items: parseJson<AssessmentItem[]>(r.items) };
}

export interface ScoreRow {
  tenantId: string;
  name: string;
  partyCommittee: string;
  itemScores: Record<string, number> | null;
  total: number | null;
  note: string | null;
  rank: number | null;
  bottomPlace: number | null;
  inBottom: boolean;
}

export interface ActionItem {
  id: string;
  tenantId: string;
  unitName: string;
  year: number;
  level: EscalationLevel;
  levelLabel: string;
  consecutiveYears: number;
  rank: number;
  unitCount: number;
  talkOn: string | null;
  talkBy: string | null;
  talkNote: string | null;
  letterNo: string | null;
  letterAddressee: string | null;
  letterIssuedOn: string | null;
}

export interface RoundDetail {
  id: string;
  year: number;
  title: string;
  status: 'draft' | 'published';
  items: AssessmentItem[];
  publishedAt: Date | null;
  rule: { bottomPlaces: number; warningAfterYears: number; letterAfterYears: number; source: string };
  rows: ScoreRow[];
  /** Published: the stored actions. Draft: what publication would derive now (preview). */
  actions: ActionItem[];
  preview: boolean;
}

/** Published years before `year`, as assessed / bottom sets (from the stored places). */
async function history(db: Db, beforeYear: number, bottomPlaces: number): Promise<YearResult[]> {
  const rows = await db
    .selectFrom('platform.assessment_scores as s')
    .innerJoin('platform.assessment_rounds as r', 'r.id', 's.round_id')
    .select(['r.year', 's.tenant_id', 's.bottom_place'])
    .where('r.status', '=', 'published')
    .where('r.year', '<', beforeYear)
    .execute();
  const byYear = new Map<number, { assessed: Set<string>; bottom: Set<string> }>();
  for (const r of rows) {
    const y = byYear.get(r.year) ?? { assessed: new Set<string>(), bottom: new Set<string>() };
    y.assessed.add(r.tenant_id);
    if (r.bottom_place !== null && r.bottom_place <= bottomPlaces) y.bottom.add(r.tenant_id);
    byYear.set(r.year, y);
  }
  return [...byYear.entries()].map(([year, v]) => ({ year, ...v }));
}

async function escalationRule(db: Db, year: number) {
  // The rule in force at the end of the assessed year.
  return ruleVersionOn(db, 'assessment.escalation', `${year}-12-31`);
}

export async function getRound(db: Db, id: string): Promise<RoundDetail> {
  const round = await loadRound(db, id);
  const all = await units(db);
  const rule = await escalationRule(db, round.year);
  const scores = await db
    .selectFrom('platform.assessment_scores')
    .selectAll()
    .where('round_id', '=', id)
    .execute();
  const byTenant = new Map(scores.map((s) => [s.tenant_id, s]));
  const published = round.status === 'published';
  const ranked: RankedUnit[] = published
    ? scores.map((s) => ({
        unitId: s.tenant_id,
        total: s.total,
        rank: s.rank ?? 0,
        bottomPlace: s.bottom_place ?? 0,
        inBottom: (s.bottom_place ?? 0) <= rule.value.bottomPlaces,
      }))
    : rankUnits(
        scores.map((s) => ({ unitId: s.tenant_id, total: s.total })),
        rule.value.bottomPlaces,
      );
  const rankOf = new Map(ranked.map((r) => [r.unitId, r]));
  const names = new Map(all.map((u) => [u.tenantId, u]));
  // Published rounds list their scored units (also a unit that has since left); drafts list every unit.
  const tenantIds = published ? scores.map((s) => s.tenant_id) : all.map((u) => u.tenantId);
  const nameOf = async (tid: string) => {
    const u = names.get(tid);
    if (u) return u;
    const t = await db
      .selectFrom('platform.tenants')
      .select(['name'])
      .where('id', '=', tid)
      .executeTakeFirst();
    return { tenantId: tid, name: t?.name ?? '', code: '', partyCommittee: '' };
  };
  const rows: ScoreRow[] = [];
  for (const tid of tenantIds) {
    const u = await nameOf(tid);
    const s = byTenant.get(tid);
    const rk = rankOf.get(tid);
    rows.push({
      tenantId: tid,
      name: u.name,
      partyCommittee: u.partyCommittee,
      itemScores: s ? parseJson<Record<string, number>>(s.item_scores) : null,
      total: s?.total ?? null,
      note: s?.note ?? null,
      rank: rk?.rank ?? null,
      bottomPlace: rk?.bottomPlace ?? null,
      inBottom: rk?.inBottom ?? false,
    });
  }
  rows.sort((a, b) => (a.rank ?? 1e9) - (b.rank ?? 1e9) || a.name.localeCompare(b.name, 'zh-CN'));

  let actions: ActionItem[];
  if (published) {
    actions = await listActions(db, { roundId: id });
  } else {
    const derived = deriveActions(
      round.year,
      [...(await history(db, round.year, rule.value.bottomPlaces)), yearResult(round.year, ranked)],
      rule.value,
    );
    actions = derived.map((a) => previewAction(a, rankOf.get(a.unitId)?.rank ?? 0, ranked.length, names));
  }
  return {
    id: round.id,
    year: round.year,
    title: round.title,
    status: round.status,
    items: round.items,
    publishedAt: round.published_at ? asDate(round.published_at) : null,
    rule: { ...rule.value, source: rule.source },
    rows,
    actions,
    preview: !published,
  };
}

function previewAction(
  a: DerivedAction,
  rank: number,
  unitCount: number,
  names: Map<string, AssessedUnit>,
): ActionItem {
  return {
    id: '',
    tenantId: a.unitId,
    unitName: names.get(a.unitId)?.name ?? '',
    year: a.year,
    level: a.level,
    levelLabel: escalationLevelLabel[a.level],
    consecutiveYears: a.consecutiveYears,
    rank,
    unitCount,
    talkOn: null,
    talkBy: null,
    talkNote: null,
    letterNo: null,
    letterAddressee: a.level === 'adjustment_letter' ? (names.get(a.unitId)?.partyCommittee ?? null) : null,
    letterIssuedOn: null,
  };
}

export async function saveScore(
  db: Db,
  input: { roundId: string; tenantId: string; itemScores: Record<string, number>; note?: string | null },
): Promise<ScoreRow> {
  const round = await loadRound(db, input.roundId);
  if (round.status !== 'draft') throw invalid('考核结果已公布，不能再修改得分');
  const unit = (await units(db)).find((u) => u.tenantId === input.tenantId);
  if (!unit) throw notFound('考核单位');
  const t = scoreTotal(round.items, input.itemScores);
  if (!t.ok) throw invalid(t.message);
  await db
    .insertInto('platform.assessment_scores')
    .values({
      round_id: round.id,
      tenant_id: unit.tenantId,
      item_scores: JSON.stringify(input.itemScores),
      total: t.total,
      note: input.note?.trim() || null,
    })
    .onConflict((oc) =>
      oc.columns(['round_id', 'tenant_id']).doUpdateSet({
        item_scores: JSON.stringify(input.itemScores),
        total: t.total,
        note: input.note?.trim() || null,
        updated_at: new Date() as never,
      }),
    )
    .execute();
  const detail = await getRound(db, round.id);
  const row = detail.rows.find((r) => r.tenantId === unit.tenantId);
  if (!row) throw notFound('考核单位');
  return row;
}

/** Publishes the ranking and derives the actions (in the caller's transaction). */
export async function publish(db: Db, roundId: string, userId: string, now: Date): Promise<RoundDetail> {
  const round = await loadRound(db, roundId);
  if (round.status !== 'draft') throw invalid('考核结果已公布');
  const all = await units(db);
  const scores = await db
    .selectFrom('platform.assessment_scores')
    .select(['tenant_id', 'total'])
    .where('round_id', '=', roundId)
    .execute();
  const scored = new Set(scores.map((s) => s.tenant_id));
  const missing = all.filter((u) => !scored.has(u.tenantId));
  if (missing.length > 0) {
    throw invalid(`以下单位尚未评分，不能公布：${missing.map((u) => u.name).join('、')}`);
  }
  const rule = await escalationRule(db, round.year);
  const ranked = rankUnits(
    scores.map((s) => ({ unitId: s.tenant_id, total: s.total })),
    rule.value.bottomPlaces,
  );
  for (const r of ranked) {
    await db
      .updateTable('platform.assessment_scores')
      .set({ rank: r.rank, bottom_place: r.bottomPlace })
      .where('round_id', '=', roundId)
      .where('tenant_id', '=', r.unitId)
      .execute();
  }
  const today = todayInShanghai(now);
  await db
    .updateTable('platform.assessment_rounds')
    .set({
      status: 'published',
      published_at: now as never,
      published_by: userId,
      unit_count: ranked.length,
      rule_version: rule.version,
      updated_at: now as never,
    })
    .where('id', '=', roundId)
    .execute();
  const derived = deriveActions(
    round.year,
    [...(await history(db, round.year, rule.value.bottomPlaces)), yearResult(round.year, ranked)],
    rule.value,
  );
  const unitOf = new Map(all.map((u) => [u.tenantId, u]));
  const rankOf = new Map(ranked.map((r) => [r.unitId, r.rank]));
  // Letters are numbered from the lowest place up (then by unit name): stable and meaningful.
  const ordered = [...derived].sort(
    (x, y) =>
      (rankOf.get(y.unitId) ?? 0) - (rankOf.get(x.unitId) ?? 0) ||
      (unitOf.get(x.unitId)?.name ?? '').localeCompare(unitOf.get(y.unitId)?.name ?? '', 'zh-CN'),
  );
  let letterSeq = 0;
  for (const a of ordered) {
    const isLetter = a.level === 'adjustment_letter';
    if (isLetter) letterSeq++;
    await db
      .insertInto('platform.assessment_actions')
      .values({
        round_id: roundId,
        tenant_id: a.unitId,
        year: a.year,
        level: a.level,
        consecutive_years: a.consecutiveYears,
        rank: rankOf.get(a.unitId) ?? 0,
        unit_count: ranked.length,
        letter_no: isLetter ? `兰团建调〔${round.year}〕${letterSeq}号` : null,
        letter_addressee: isLetter ? (unitOf.get(a.unitId)?.partyCommittee ?? null) : null,
        letter_issued_on: isLetter ? today : null,
      })
      .execute();
  }
  return getRound(db, roundId);
}

export async function listActions(
  db: Db,
  filter: { roundId?: string; year?: number },
): Promise<ActionItem[]> {
  let q = db
    .selectFrom('platform.assessment_actions as a')
    .innerJoin('platform.tenants as t', 't.id', 'a.tenant_id')
    .selectAll('a')
    .select('t.name as unit_name');
  if (filter.roundId) q = q.where('a.round_id', '=', filter.roundId);
  if (filter.year) q = q.where('a.year', '=', filter.year);
  const rows = await q
    .orderBy('a.year', 'desc')
    .orderBy('a.consecutive_years', 'desc')
    .orderBy('a.rank', 'desc')
    .execute();
  return rows.map(toActionItem);
}

function toActionItem(r: {
  id: string;
  tenant_id: string;
  unit_name: string;
  year: number;
  level: EscalationLevel;
  consecutive_years: number;
  rank: number;
  unit_count: number;
  talk_on: string | null;
  talk_by: string | null;
  talk_note: string | null;
  letter_no: string | null;
  letter_addressee: string | null;
  letter_issued_on: string | null;
}): ActionItem {
  return {
    id: r.id,
    tenantId: r.tenant_id,
    unitName: r.unit_name,
    year: r.year,
    level: r.level,
    levelLabel: escalationLevelLabel[r.level],
    consecutiveYears: r.consecutive_years,
    rank: r.rank,
    unitCount: r.unit_count,
    talkOn: r.talk_on,
    talkBy: r.talk_by,
    talkNote: r.talk_note,
    letterNo: r.letter_no,
    letterAddressee: r.letter_addressee,
    letterIssuedOn: r.letter_issued_on,
  };
}

export async function recordTalk(
  db: Db,
  input: { actionId: string; talkOn: string; talkBy: string; note: string },
  now: Date,
): Promise<ActionItem> {
  const a = await db
    .selectFrom('platform.assessment_actions')
    .select(['id', 'level'])
    .where('id', '=', input.actionId)
    .executeTakeFirst();
  if (!a) throw notFound('处置事项');
  if (a.level === 'adjustment_letter') throw invalid('建议调整函不需登记约谈，请打印函件送达其党组织');
  if (input.talkOn > todayInShanghai(now)) throw invalid('约谈日期不能晚于今天');
  await db
    .updateTable('platform.assessment_actions')
    .set({ talk_on: input.talkOn, talk_by: input.talkBy.trim(), talk_note: input.note.trim() })
    .where('id', '=', a.id)
    .execute();
  const [item] = (await listActions(db, {})).filter((x) => x.id === a.id);
  if (!item) throw notFound('处置事项');
  return item;
}

export interface AdjustmentLetter {
  actionId: string;
  letterNo: string;
  addressee: string;
  unitName: string;
  issuedOn: string;
  years: { year: number; rank: number; unitCount: number; total: number }[];
  consecutiveYears: number;
  bottomPlaces: number;
  issuer: string;
}

/** The data of a printable 建议调整函. */
export async function letter(db: Db, actionId: string): Promise<AdjustmentLetter> {
  const a = await db
    .selectFrom('platform.assessment_actions as a')
    .innerJoin('platform.tenants as t', 't.id', 'a.tenant_id')
    .selectAll('a')
    .select('t.name as unit_name')
    .where('a.id', '=', actionId)
    .executeTakeFirst();
  if (a?.level !== 'adjustment_letter' || !a.letter_no || !a.letter_addressee || !a.letter_issued_on) {
    throw notFound('建议调整函');
  }
  const rule = await escalationRule(db, a.year);
  const years = await db
    .selectFrom('platform.assessment_scores as s')
    .innerJoin('platform.assessment_rounds as r', 'r.id', 's.round_id')
    .select(['r.year', 's.rank', 'r.unit_count', 's.total'])
    .where('s.tenant_id', '=', a.tenant_id)
    .where('r.status', '=', 'published')
    .where('r.year', '<=', a.year)
    .where('r.year', '>', a.year - a.consecutive_years)
    .orderBy('r.year')
    .execute();
  const city = await db
    .selectFrom('platform.tenants')
    .select('name')
    .where('kind', '=', 'city')
    .executeTakeFirst();
  return {
    actionId: a.id,
    letterNo: a.letter_no,
    addressee: a.letter_addressee,
    unitName: a.unit_name,
    issuedOn: a.letter_issued_on,
    years: years.map((y) => ({
      year: y.year,
      rank: y.rank ?? 0,
      unitCount: y.unit_count ?? 0,
      total: y.total,
    })),
    consecutiveYears: a.consecutive_years,
    bottomPlaces: rule.value.bottomPlaces,
    issuer: city?.name ?? '团市委',
  };
}
