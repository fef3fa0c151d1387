/**
 * Demo data of the organisation system (ORG-2…ORG-5), generated from a district's seed:
 * elected leadership (some terms overdue, some committees incomplete, so the rule warnings
 * show), a few five-problem reviews, build-out tags by sector and coverage gaps (空白点).
 * Deterministic, dated before DEMO_REFERENCE_DATE; nothing depends on the clock.
 */
import { isStudentBranch, ruleCatalogue } from '@tuanjian/domain';
import type { Kysely } from 'kysely';
import type { DistrictDatabase, OrgLeadersTable, OrgTagsTable } from '../schema';
import type { DistrictSeed } from './district';
import { personName } from './names';
import { addYears, dateBetween, Prng } from './prng';

type Position = OrgLeadersTable['position'];

export interface OrgSeed {
  elections: {
    id: string;
    org_id: string;
    elected_on: string;
    kind: 'first' | 'regular';
    method: 'competitive' | 'equal';
    entitled_count: number;
    present_count: number;
    term_years: number;
    previous_due_on: string | null;
    on_schedule: boolean;
    result: string;
    rule_version: number;
  }[];
  leaders: {
    org_id: string;
    member_id: string | null;
    name: string;
    position: Position;
    term_start: string;
    term_end: string | null;
    election_id: string;
  }[];
  reviews: {
    id: string;
    org_id: string;
    reviewed_on: string;
    reviewer_id: string;
    reviewer_name: string;
    note: string;
  }[];
  findings: { review_id: string; org_id: string; problem: string; note: string }[];
  tags: { org_id: string; tag: OrgTagsTable['tag']; tagged_on: string }[];
  gaps: {
    unit_name: string;
    unit_kind: string;
    sector: string | null;
    youth_count: number;
    responsible_org_id: string | null;
    registered_on: string;
    note: string | null;
    status: 'open' | 'covered';
    covered_org_id: string | null;
    covered_on: string | null;
  }[];
}

const TERM = ruleCatalogue['branch.term'].value;
const COMMITTEE = ruleCatalogue['branch.committee'].value;
const PROBLEMS = [
  ['setup_incomplete', '团员不足3人，未与邻近单位联合设置'],
  ['affiliation_unclear', '单位改制后上级团组织未明确'],
  ['leadership_incomplete', '宣传委员空缺半年以上'],
  ['mechanism_not_smooth', '支部委员会未按月召开'],
  ['activities_abnormal', '近三个月未开展主题团日活动'],
] as const;

const GAP_UNITS = [
  ['民办学校', '育才民办学校', 'high_school'],
  ['民办学校', '启明民办职业培训学校', 'vocational_school'],
  ['非公有制企业', '丝路物流有限公司', 'non_public_enterprise'],
  ['互联网企业', '陇上云科技有限公司', 'internet'],
  ['社会组织', '青禾社会工作服务中心', 'social_organisation'],
] as const;

export function generateOrgSeed(code: string, seed: DistrictSeed): OrgSeed {
  const rng = new Prng(`org:${code}`);
  const out: OrgSeed = { elections: [], leaders: [], reviews: [], findings: [], tags: [], gaps: [] };
  const membersBy = new Map<string, DistrictSeed['members']>();
  for (const m of seed.members) {
    if (m.status !== 'active') continue;
    const list = membersBy.get(m.org_id) ?? [];
    list.push(m);
    membersBy.set(m.org_id, list);
  }
  const reviewerId = rng.uuid();
  for (const org of seed.orgs) {
    if (org.kind === 'group') continue;
    const members = membersBy.get(org.id) ?? [];
    // About one organisation in eight has no election on record.
    if (rng.chance(0.12)) continue;
    const student = isStudentBranch(org);
    const termYears = student ? TERM.studentBranchYears : rng.chance(0.5) ? TERM.minYears : TERM.maxYears;
    const electedOn = student
      ? dateBetween(rng, '2024-09-01', '2025-10-31')
      : dateBetween(rng, '2021-06-01', '2025-10-31');
    const entitled = Math.max(members.length, 1);
    const present = Math.max(Math.floor(entitled / 2) + 1, Math.ceil(entitled * (0.7 + rng.next() * 0.3)));
    const id = rng.uuid();
    const previousDue = rng.chance(0.6) ? addYears(electedOn, -termYears) : null;
    out.elections.push({
      id,
      org_id: org.id,
      elected_on: electedOn,
      kind: previousDue ? 'regular' : 'first',
      method: rng.chance(0.7) ? 'competitive' : 'equal',
      entitled_count: entitled,
      present_count: Math.min(present, entitled),
      term_years: termYears,
      previous_due_on: previousDue,
      on_schedule: true,
      result: '选举产生新一届班子',
      rule_version: 1,
    });
    const pool = [...members];
    const take = () => (pool.length ? pool.splice(rng.int(0, pool.length - 1), 1)[0]! : null);
    const positions: Position[] = ['secretary'];
    if (members.length >= COMMITTEE.committeeFromMembers || org.kind !== 'branch') {
      positions.push('organising');
      // Some committees lack their 宣传委员 (a warning on the ledger).
      if (rng.chance(0.8)) positions.push('publicity');
      if (rng.chance(0.3)) positions.push('deputy_secretary');
    }
    for (const position of positions) {
      const m = take();
      if (!m && org.kind === 'branch') break;
      out.leaders.push({
        org_id: org.id,
        member_id: m?.id ?? null,
        name: m?.name ?? personName(rng, rng.chance(0.5) ? 'male' : 'female', '汉族'),
        position,
        term_start: electedOn,
        term_end: null,
        election_id: id,
      });
    }
    if (org.kind === 'branch' && rng.chance(0.12)) {
      const rid = rng.uuid();
      out.reviews.push({
        id: rid,
        org_id: org.id,
        reviewed_on: dateBetween(rng, '2025-03-01', '2025-11-30'),
        reviewer_id: reviewerId,
        reviewer_name: '组织部',
        note: '整理整顿排查',
      });
      const n = rng.int(1, 2);
      const picked = new Set<number>();
      while (picked.size < n) picked.add(rng.int(0, PROBLEMS.length - 1));
      for (const i of picked) {
        out.findings.push({
          review_id: rid,
          org_id: org.id,
          problem: PROBLEMS[i]![0],
          note: PROBLEMS[i]![1],
        });
      }
    }
    const tag: OrgTagsTable['tag'] | null =
      org.sector === 'non_public_enterprise'
        ? 'non_public_enterprise'
        : org.sector === 'internet' || org.sector === 'social_organisation'
          ? 'internet_social'
          : org.sector === 'subdistrict_township' && org.kind !== 'branch'
            ? 'township_committee'
            : student && rng.chance(0.3)
              ? 'school_class'
              : org.sector === 'community' && org.kind !== 'branch' && rng.chance(0.5)
                ? 'regional'
                : null;
    if (tag) out.tags.push({ org_id: org.id, tag, tagged_on: '2025-04-01' });
  }
  const root = seed.orgs.find((o) => o.parent_id === null) ?? null;
  const someBranch = seed.orgs.find((o) => o.kind === 'branch' && o.sector === 'non_public_enterprise');
  for (const [kind, unit, sector] of GAP_UNITS) {
    if (!rng.chance(0.7)) continue;
    const covered = sector === 'non_public_enterprise' && !!someBranch;
    out.gaps.push({
      unit_name: `${code === 'chengguan' ? '城关' : ''}${unit}`,
      unit_kind: kind,
      sector,
      youth_count: rng.int(15, 160),
      responsible_org_id: root?.id ?? null,
      registered_on: dateBetween(rng, '2025-02-01', '2025-06-30'),
      note: kind === '民办学校' ? '民办学校空白点，列入年度覆盖计划' : null,
      status: covered ? 'covered' : 'open',
      covered_org_id: covered ? someBranch!.id : null,
      covered_on: covered ? '2025-09-15' : null,
    });
  }
  return out;
}

export async function insertOrgSeed(tdb: Kysely<DistrictDatabase>, s: OrgSeed): Promise<void> {
  const chunks = async <T>(rows: T[], insert: (c: T[]) => Promise<unknown>) => {
    for (let i = 0; i < rows.length; i += 500) await insert(rows.slice(i, i + 500));
  };
  await chunks(s.elections, (c) => tdb.insertInto('org_elections').values(c).execute());
  await chunks(s.leaders, (c) => tdb.insertInto('org_leaders').values(c).execute());
  await chunks(s.reviews, (c) => tdb.insertInto('org_inventory_reviews').values(c).execute());
  await chunks(s.findings, (c) =>
    tdb
      .insertInto('org_inventory_findings')
      .values(c as DistrictDatabase['org_inventory_findings'][])
      .execute(),
  );
  await chunks(s.tags, (c) => tdb.insertInto('org_tags').values(c).execute());
  await chunks(s.gaps, (c) => tdb.insertInto('coverage_gaps').values(c).execute());
}
