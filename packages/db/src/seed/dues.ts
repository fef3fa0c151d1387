/**
 * Demo data for 团费 (MEM-3) and 推优入党 (MEM-5), deterministic per district (no I/O in `generate…`).
 *
 * - Every member gets a dues category from the occupation (students; a few unemployed / on relief;
 *   wage earners with a declared monthly after-tax pay in 分).
 * - 2026 payments January…October (`DUES_SEED_LAST_MONTH`): most members paid up, some stopped
 *   (arrears), a few with a gap, a few without dues since spring (自行脱团 candidates).
 *   In the demo branch: the demo member paid through September; its second member has paid nothing.
 * - Some members aged ≥ 20 have a party application; a few recommendations at various stages,
 *   finished ones with their party admission, plus admissions without 推优 (the KPI's denominator).
 */
import {
  addDays,
  ageOn,
  monthlyDuesFen,
  monthRange,
  recommendationValidUntil,
  ruleCatalogue,
} from '@tuanjian/domain';
import type { Insertable, Kysely } from 'kysely';
import type {
  DistrictDatabase,
  DuesPaymentMonthsTable,
  DuesPaymentsTable,
  PartyAdmissionsTable,
  PartyRecommendationsTable,
  RecommendationEventsTable,
} from '../schema';
import type { DistrictSeed, SeedMember } from './district';
import { dateBetween, Prng } from './prng';

export const DUES_SEED_FIRST_MONTH = '2026-01';
export const DUES_SEED_LAST_MONTH = '2026-10';

type Category = 'student' | 'unemployed' | 'relief' | 'wage';

export interface MemberDuesColumns {
  dues_category: Category;
  declared_pay_fen: number | null;
  party_application_date: string | null;
}

export interface DuesSeed {
  columns: Map<string, MemberDuesColumns>;
  payments: (Insertable<DuesPaymentsTable> & { id: string })[];
  months: Insertable<DuesPaymentMonthsTable>[];
  recommendations: (Insertable<PartyRecommendationsTable> & { id: string })[];
  events: Insertable<RecommendationEventsTable>[];
  admissions: Insertable<PartyAdmissionsTable>[];
}

/** Yuan ranges of declared pay by occupation; the rest of the wage earners get 2500–6000. */
const PAY_YUAN: Record<string, readonly [number, number]> = {
  教师: [4200, 8500],
  国有企业职工: [4500, 11000],
  机关事业单位工作人员: [4500, 9000],
  非公有制企业职工: [2800, 9000],
  社区工作者: [2300, 4200],
  进城务工青年: [1800, 5200],
  个体工商户: [1500, 8000],
  农民: [1000, 2600],
  自由职业者: [1500, 6000],
  社会组织从业人员: [2600, 5500],
};

const std = ruleCatalogue['dues.standard'].value;
const recRule = ruleCatalogue['party.recommendation'].value;

function categoryOf(rng: Prng, m: SeedMember): MemberDuesColumns {
  if (m.occupation_category === '学生') {
    return { dues_category: 'student', declared_pay_fen: null, party_application_date: null };
  }
  if (['自由职业者', '进城务工青年', '农民'].includes(m.occupation_category) && rng.chance(0.08)) {
    return {
      dues_category: rng.chance(0.6) ? 'unemployed' : 'relief',
      declared_pay_fen: null,
      party_application_date: null,
    };
  }
  const [lo, hi] = PAY_YUAN[m.occupation_category] ?? [2500, 6000];
  // whole 元 mostly, sometimes with 角/分 (after-tax pay is rarely round)
  const yuan = rng.int(lo, hi);
  const fen = yuan * 100 + (rng.chance(0.3) ? rng.int(1, 99) : 0);
  return {
    dues_category: 'wage',
    declared_pay_fen: rng.chance(0.04) ? null : fen,
    party_application_date: null,
  };
}

export function generateDuesSeed(code: string, seed: DistrictSeed): DuesSeed {
  const rng = new Prng(`tuanjian-demo:dues:${code}`);
  const out: DuesSeed = {
    columns: new Map(),
    payments: [],
    months: [],
    recommendations: [],
    events: [],
    admissions: [],
  };
  const allMonths = monthRange(DUES_SEED_FIRST_MONTH, DUES_SEED_LAST_MONTH);
  const demoBranchMembers = seed.members.filter(
    (m) => m.org_id === seed.demoBranchId && m.status === 'active',
  );
  const demoMember = demoBranchMembers[0]?.id;
  const demoNonPayer = demoBranchMembers[1]?.id;
  const unitByOrg = new Map(seed.orgs.map((o) => [o.id, o.unit_name ?? o.name]));

  for (const m of seed.members) {
    const cols = categoryOf(rng, m);
    out.columns.set(m.id, cols);
    if (m.status !== 'active') continue;
    const fen = monthlyDuesFen(cols.dues_category, cols.declared_pay_fen, std);

    // Which 2026 months were paid.
    let paid: string[];
    const r = rng.next();
    if (m.id === demoMember) paid = allMonths.filter((x) => x <= '2026-09');
    else if (m.id === demoNonPayer) paid = [];
    else if (r < 0.72) paid = allMonths;
    else if (r < 0.87) paid = allMonths.slice(0, rng.int(2, 8));
    else if (r < 0.95) {
      const gap = rng.int(1, allMonths.length - 2);
      paid = allMonths.filter((_, i) => i !== gap);
    } else if (r < 0.98) paid = allMonths.slice(0, rng.int(1, 3));
    else paid = [];

    // Collected quarterly (Jan–Mar, Apr–Jun, Jul–Sep, Oct) or month by month.
    const quarterly = rng.chance(0.5);
    const groups = new Map<string, string[]>();
    for (const month of paid) {
      const mm = Number(month.slice(5));
      const key = quarterly ? `${month.slice(0, 4)}-q${Math.ceil(mm / 3)}` : month;
      groups.set(key, [...(groups.get(key) ?? []), month]);
    }
    for (const months of groups.values()) {
      const last = months[months.length - 1] as string;
      const id = rng.uuid();
      out.payments.push({
        id,
        member_id: m.id,
        org_id: m.org_id,
        amount_fen: fen * months.length,
        paid_on: `${last}-${String(rng.int(3, 25)).padStart(2, '0')}`,
        method: rng.weighted([
          ['wechat', 6],
          ['cash', 3],
          ['transfer', 1],
        ] as const),
        collected_by: null,
        collected_by_name: '团支部书记',
        note: null,
      });
      for (const month of months)
        out.months.push({ member_id: m.id, month, payment_id: id, amount_fen: fen });
    }

    // 推优入党: party applications among members aged ≥ 20.
    if (ageOn(m.birth_date, '2026-01-01') >= 20 && rng.chance(0.1)) {
      cols.party_application_date = dateBetween(rng, '2024-01-01', '2025-10-31');
    }
  }

  // A few recommendations per district: finished ones (with the party admission) and open ones.
  const candidates = seed.members.filter((m) => {
    const c = out.columns.get(m.id);
    return m.status === 'active' && c?.party_application_date && c.party_application_date <= '2025-05-01';
  });
  const stages = ['sent', 'sent', 'sent', 'sent', 'nominated', 'voted', 'publicized'] as const;
  candidates.slice(0, stages.length).forEach((m, i) => {
    const stage = stages[i] as (typeof stages)[number];
    const cols = out.columns.get(m.id) as MemberDuesColumns;
    const nominated =
      stage === 'sent'
        ? dateBetween(rng, '2025-11-10', '2026-03-31')
        : dateBetween(rng, '2026-09-01', '2026-10-20');
    const id = rng.uuid();
    const entitled = rng.int(12, 40);
    const present = entitled - rng.int(0, 3);
    const yes = present - rng.int(0, 2);
    const voteOn = addDays(nominated, 7);
    const reviewedOn = addDays(nominated, 12);
    const pubFrom = addDays(nominated, 14);
    const pubTo = addDays(pubFrom, 6);
    const approvedOn = addDays(pubTo, 5);
    const sentOn = addDays(approvedOn, 3);
    const order = ['nominated', 'voted', 'reviewed', 'publicized', 'approved', 'sent'];
    const done = (s: string) => order.indexOf(s) <= order.indexOf(stage);
    out.recommendations.push({
      id,
      member_id: m.id,
      org_id: m.org_id,
      stage,
      party_application_date: cols.party_application_date as string,
      nominated_on: nominated,
      nomination_note: '支部委员会研究提名',
      vote_on: done('voted') ? voteOn : null,
      entitled: done('voted') ? entitled : null,
      present: done('voted') ? present : null,
      yes_votes: done('voted') ? yes : null,
      reviewed_on: done('reviewed') ? reviewedOn : null,
      review_note: done('reviewed') ? '经审查，符合推优条件' : null,
      publicity_from: done('publicized') ? pubFrom : null,
      publicity_to: done('publicized') ? pubTo : null,
      approved_on: done('approved') ? approvedOn : null,
      approved_by: done('approved') ? '上级团委' : null,
      valid_until: done('approved') ? recommendationValidUntil(approvedOn, recRule) : null,
      sent_on: done('sent') ? sentOn : null,
      party_org_name: done('sent') ? `中共${unitByOrg.get(m.org_id) ?? ''}支部委员会` : null,
      rejected_reason: null,
    });
    const ev = (action: string, on: string, detail: string) =>
      out.events.push({
        id: rng.uuid(),
        recommendation_id: id,
        action,
        on_date: on,
        detail,
        user_id: null,
        user_name: '演示数据',
      });
    ev('nominate', nominated, '支部委员会提名为推优对象');
    if (done('voted'))
      ev('vote', voteOn, `推优大会：应到${entitled}人，实到${present}人，赞成${yes}票，通过`);
    if (done('reviewed')) ev('review', reviewedOn, '审查通过');
    if (done('publicized')) ev('publicize', pubFrom, `公示${pubFrom}至${pubTo}`);
    if (done('approved')) ev('approve', approvedOn, '上级团委批准');
    if (done('sent')) {
      ev('send', sentOn, '推荐至党组织');
      const joined = addDays(sentOn, rng.int(60, 200));
      out.admissions.push({
        id: rng.uuid(),
        member_id: m.id,
        joined_on: joined,
        age_at_joining: ageOn(m.birth_date, joined),
        recommendation_id: id,
      });
    }
  });
  // Admissions without 推优.
  const others = seed.members.filter(
    (m) =>
      m.status === 'active' &&
      !out.recommendations.some((r) => r.member_id === m.id) &&
      ageOn(m.birth_date, '2026-01-01') >= 22,
  );
  for (const m of others.slice(0, 2)) {
    const joined = dateBetween(rng, '2026-03-01', '2026-09-30');
    out.admissions.push({
      id: rng.uuid(),
      member_id: m.id,
      joined_on: joined,
      age_at_joining: ageOn(m.birth_date, joined),
      recommendation_id: null,
    });
  }
  return out;
}

/** Insert the payments, recommendations and admissions (the member columns go in with the members). */
export async function insertDuesSeed(tdb: Kysely<DistrictDatabase>, data: DuesSeed): Promise<void> {
  const insertBatches = async <T>(rows: readonly T[], insert: (chunk: T[]) => Promise<unknown>) => {
    for (let i = 0; i < rows.length; i += 500) await insert(rows.slice(i, i + 500));
  };
  await insertBatches(data.payments, (chunk) => tdb.insertInto('dues_payments').values(chunk).execute());
  await insertBatches(data.months, (chunk) => tdb.insertInto('dues_payment_months').values(chunk).execute());
  await insertBatches(data.recommendations, (chunk) =>
    tdb.insertInto('party_recommendations').values(chunk).execute(),
  );
  await insertBatches(data.events, (chunk) =>
    tdb.insertInto('recommendation_events').values(chunk).execute(),
  );
  await insertBatches(data.admissions, (chunk) => tdb.insertInto('party_admissions').values(chunk).execute());
}
