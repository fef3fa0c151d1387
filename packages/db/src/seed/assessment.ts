/**
 * Demo 年终考核 (SUP-3) and 月度述职 (SUP-4), dated relative to the seed's clock:
 * - published rounds for the three years before the current Shanghai year's end (the current
 *   year included: year-end results of Y are published in Y), e.g. 2024, 2025, 2026 when seeded in
 *   2026; 永登县团委 is in the bottom 3 all three years (→ 建议调整函 in the last year), 皋兰县团委
 *   two years running (→ 告诫约谈), others once (→ 提醒约谈);
 * - a hearing on the 10th of last month with six organisations of 城关区 / 七里河区 / 西固区; five
 *   filed their 整改报告, one (七里河区) did not: overdue.
 * Actions are derived with the same domain functions the API uses.
 */
import {
  DEFAULT_ASSESSMENT_ITEMS,
  deriveActions,
  type RankedUnit,
  rankUnits,
  reportDueOn,
  ruleCatalogue,
  shanghaiDate,
  shanghaiInstant,
  type YearResult,
  yearResult,
} from '@tuanjian/domain';
import type { Transaction } from 'kysely';
import type { PlatformDatabase } from '../schema';

const escalation = ruleCatalogue['assessment.escalation'].value;
const hearingRule = ruleCatalogue['hearing.monthly'].value;

function partyCommittee(name: string): string {
  if (name.endsWith('团委')) return `中共${name.slice(0, -2)}委员会`;
  if (name === '市直团组织') return '中共兰州市直属机关工作委员会';
  return `${name}所在地党委`;
}

/** Totals (tenths) per unit code for a year; the bottom codes get the lowest totals in order. */
function totals(codes: string[], bottom: string[], year: number): Map<string, number> {
  const out = new Map<string, number>();
  let i = 0;
  for (const c of codes) {
    const b = bottom.indexOf(c);
    out.set(c, b >= 0 ? 720 + b * 15 : 930 - ((i++ * 7 + year) % 17) * 10);
  }
  return out;
}

/** Item scores (tenths) summing exactly to `total` (≤ 1000), roughly in proportion to the maxima. */
function itemsFor(total: number): Record<string, number> {
  const out: Record<string, number> = {};
  let left = total;
  for (const item of DEFAULT_ASSESSMENT_ITEMS) {
    const v = Math.min(item.max * 10, Math.floor((total * item.max) / 100));
    out[item.key] = v;
    left -= v;
  }
  for (const item of DEFAULT_ASSESSMENT_ITEMS) {
    const room = item.max * 10 - (out[item.key] ?? 0);
    const add = Math.min(room, left);
    out[item.key] = (out[item.key] ?? 0) + add;
    left -= add;
  }
  return out;
}

export async function insertDemoAssessment(
  trx: Transaction<PlatformDatabase>,
  now: Date,
  opts: { cityAdminUserId: string },
): Promise<void> {
  const tenants = await trx
    .selectFrom('platform.tenants')
    .select(['id', 'code', 'name', 'schema_name'])
    .where('kind', '=', 'district')
    .orderBy('sort_order')
    .orderBy('code')
    .execute();
  if (tenants.length < 6) return;
  await trx
    .insertInto('platform.assessment_units')
    .values(tenants.map((t) => ({ tenant_id: t.id, party_committee: partyCommittee(t.name) })))
    .onConflict((oc) => oc.column('tenant_id').doNothing())
    .execute();

  const idOf = new Map(tenants.map((t) => [t.code, t.id]));
  const codes = tenants.map((t) => t.code);
  const thisYear = Number(shanghaiDate(now).slice(0, 4));
  const bottoms: Record<number, string[]> = {
    [thisYear - 2]: ['yongdeng', 'yuzhong', 'honggu'],
    [thisYear - 1]: ['yongdeng', 'gaolan', 'xinqu'],
    [thisYear]: ['yongdeng', 'gaolan', 'honggu'],
  };
  const history: YearResult[] = [];
  let seq = 0;
  for (const year of [thisYear - 2, thisYear - 1, thisYear]) {
    const t = totals(
      codes,
      (bottoms[year] ?? []).filter((c) => idOf.has(c)),
      year,
    );
    const ranked: RankedUnit[] = rankUnits(
      codes.map((c) => ({ unitId: idOf.get(c) as string, total: t.get(c) as number })),
      escalation.bottomPlaces,
    );
    const publishedAt = shanghaiInstant(year === thisYear ? shanghaiDate(now) : `${year}-12-28`, '10:00');
    const issuedOn = shanghaiDate(publishedAt);
    const round = await trx
      .insertInto('platform.assessment_rounds')
      .values({
        year,
        title: `${year}年度基层团组织年终考核评估`,
        items: JSON.stringify(DEFAULT_ASSESSMENT_ITEMS),
        status: 'published',
        rule_version: 1,
        unit_count: ranked.length,
        published_at: publishedAt,
        published_by: opts.cityAdminUserId,
        created_by: opts.cityAdminUserId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('platform.assessment_scores')
      .values(
        ranked.map((r) => ({
          round_id: round.id,
          tenant_id: r.unitId,
          item_scores: JSON.stringify(itemsFor(r.total)),
          total: r.total,
          rank: r.rank,
          bottom_place: r.bottomPlace,
        })),
      )
      .execute();
    history.push(yearResult(year, ranked));
    const rankOf = new Map(ranked.map((r) => [r.unitId, r.rank]));
    const actions = deriveActions(year, history, escalation).sort(
      (a, b) => (rankOf.get(b.unitId) ?? 0) - (rankOf.get(a.unitId) ?? 0),
    );
    seq = 0;
    for (const a of actions) {
      const letter = a.level === 'adjustment_letter';
      if (letter) seq++;
      const name = tenants.find((x) => x.id === a.unitId)?.name ?? '';
      await trx
        .insertInto('platform.assessment_actions')
        .values({
          round_id: round.id,
          tenant_id: a.unitId,
          year,
          level: a.level,
          consecutive_years: a.consecutiveYears,
          rank: rankOf.get(a.unitId) ?? 0,
          unit_count: ranked.length,
          talk_on: !letter && year < thisYear ? `${year + 1}-01-15` : null,
          talk_by: !letter && year < thisYear ? '团市委副书记' : null,
          talk_note: !letter && year < thisYear ? '通报考核排名，分析原因，提出整改要求' : null,
          letter_no: letter ? `兰团建调〔${year}〕${seq}号` : null,
          letter_addressee: letter ? partyCommittee(name) : null,
          letter_issued_on: letter ? issuedOn : null,
        })
        .execute();
    }
  }

  // A hearing on the 10th of last month (Shanghai).
  const today = shanghaiDate(now);
  const [y, m] = [Number(today.slice(0, 4)), Number(today.slice(5, 7))];
  const last = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
  const heldOn = `${last}-10`;
  const session = await trx
    .insertInto('platform.hearing_sessions')
    .values({
      month: last,
      held_on: heldOn,
      venue: '团市委三楼会议室',
      report_due_days: hearingRule.reportDueDays,
      rule_version: 1,
      created_by: opts.cityAdminUserId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const due = reportDueOn(heldOn, hearingRule);
  const picks: { code: string; n: number }[] = [
    { code: 'chengguan', n: 2 },
    { code: 'qilihe', n: 2 },
    { code: 'xigu', n: 2 },
  ];
  const secretaries = ['李明', '王芳', '张伟', '刘洋', '陈静', '赵磊'];
  let position = 0;
  for (const p of picks) {
    const t = tenants.find((x) => x.code === p.code);
    if (!t?.schema_name) continue;
    const orgs = await (
      trx as unknown as Transaction<
        Record<string, { id: string; name: string; kind: string; status: string; path: string }>
      >
    )
      .withSchema(t.schema_name)
      .selectFrom('organisations')
      .select(['id', 'name'])
      .where('status', '=', 'active')
      .where('kind', 'in', ['general_branch', 'league_committee'])
      .orderBy('path')
      .limit(p.n + 1)
      .execute();
    for (const o of orgs.slice(1, p.n + 1)) {
      const idx = position++;
      const sp = await trx
        .insertInto('platform.hearing_speakers')
        .values({
          session_id: session.id,
          tenant_id: t.id,
          org_id: o.id,
          org_name: o.name,
          secretary_name: secretaries[idx] ?? '书记',
          position: idx + 1,
          comments: '组织生活开展较规范；团员发展质量和青年大学习参与率需进一步提高。',
          report_due_on: due,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      // 七里河区's second organisation has not filed: overdue.
      if (p.code === 'qilihe' && idx === 3) continue;
      const rep = await trx
        .insertInto('platform.hearing_reports')
        .values({
          speaker_id: sp.id,
          tenant_id: t.id,
          summary: '针对述职中指出的问题，召开支委会专题研究，制定以下整改措施。',
          submitted_at: shanghaiInstant(`${last}-14`, '16:00') as never,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('platform.hearing_tasks')
        .values([
          {
            report_id: rep.id,
            tenant_id: t.id,
            position: 1,
            title: '规范“三会两制一课”记录',
            due_on: `${last}-25`,
            done_on: `${last}-24`,
          },
          {
            report_id: rep.id,
            tenant_id: t.id,
            position: 2,
            title: '提高青年大学习参与率',
            due_on: reportDueOn(due, { reportDueDays: 30 }),
          },
        ])
        .execute();
    }
  }
}
