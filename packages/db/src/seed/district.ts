/**
 * Pure generator of one district's organisation tree and members (no I/O).
 */
import type { Sector } from '@tuanjian/domain';
import type { MemberStatus, OrgKind } from '../schema';
import { ETHNICITY_WEIGHTS, type Gender, personName } from './names';
import {
  COLLEGES,
  COMMUNITY_STEMS,
  DEPARTMENTS,
  type DistrictPlan,
  MAJORS_UNIVERSITY,
  MAJORS_VOCATIONAL,
  VILLAGE_STEMS,
} from './plans';
import { addYears, dateBetween, Prng } from './prng';

/** Ages are computed against this fixed date, so the demo never depends on the clock. */
export const DEMO_REFERENCE_DATE = '2026-01-01';
const LAST_DAY = '2025-12-31';

type Profile =
  | 'middle'
  | 'high'
  | 'vocational'
  | 'university'
  | 'teacher'
  | 'soe'
  | 'official'
  | 'community'
  | 'village'
  | 'private'
  | 'social';

export interface SeedOrg {
  id: string;
  parent_id: string | null;
  path: string;
  kind: OrgKind;
  name: string;
  sector: Sector | null;
  unit_name: string | null;
  address: string | null;
  founded_on: string | null;
  sort_order: number;
}

export interface SeedMember {
  id: string;
  org_id: string;
  name: string;
  gender: Gender;
  ethnicity: string;
  birth_date: string;
  join_date: string;
  member_number: string | null;
  education: string;
  occupation_category: string;
  status: MemberStatus;
}

export interface DistrictSeed {
  orgs: SeedOrg[];
  members: SeedMember[];
  /** The first 团总支 with branches (demo org_secretary scope) and its first branch. */
  demoGeneralBranchId: string | null;
  demoBranchId: string | null;
}

/** Per-year sequence counters for 团员编号, shared across the city so numbers stay unique. */
export type MemberNumberCounters = Map<number, number>;

const PROVINCE_GANSU = '62';

interface BranchSlot {
  org: SeedOrg;
  profile: Profile;
  weight: number;
}

export function generateDistrict(plan: DistrictPlan, counters: MemberNumberCounters): DistrictSeed {
  const rng = new Prng(`tuanjian-demo:${plan.code}`);
  const orgs: SeedOrg[] = [];
  const branches: BranchSlot[] = [];
  const sortCounters = new Map<string | null, number>();

  const address = (locality?: string) =>
    `甘肃省兰州市${plan.area === '兰州市' ? '' : plan.area}${locality ?? rng.pick(plan.roads)}`;

  function org(
    parent: SeedOrg | null,
    kind: OrgKind,
    name: string,
    sector: Sector | null,
    unit: string | null,
    opts: { locality?: string; foundedFrom?: string } = {},
  ): SeedOrg {
    const id = rng.uuid();
    const key = parent?.id ?? null;
    const sort = (sortCounters.get(key) ?? 0) + 1;
    sortCounters.set(key, sort);
    const o: SeedOrg = {
      id,
      parent_id: parent?.id ?? null,
      path: `${parent?.path ?? '/'}${id}/`,
      kind,
      name,
      sector,
      unit_name: unit,
      address: address(opts.locality),
      founded_on: dateBetween(rng, opts.foundedFrom ?? '1985-05-04', '2025-10-31'),
      sort_order: sort * 10,
    };
    orgs.push(o);
    return o;
  }

  function branch(
    parent: SeedOrg,
    name: string,
    sector: Sector | null,
    unit: string | null,
    profile: Profile,
    weight: number,
    opts: { locality?: string; foundedFrom?: string } = {},
  ): SeedOrg {
    const b = org(parent, 'branch', name, sector, unit, opts);
    branches.push({ org: b, profile, weight });
    return b;
  }

  const roots: SeedOrg[] = [];
  const root = plan.rootName
    ? org(null, plan.rootKind, plan.rootName, null, plan.rootName, { foundedFrom: '1950-01-01' })
    : null;
  if (root) {
    root.founded_on = dateBetween(rng, '1950-05-04', '1985-12-31');
    roots.push(root);
  }
  /** Parent for a top-level unit: the district root, or itself a root in 市直. */
  const top = () => root;

  let demoGeneralBranchId: string | null = null;
  let demoBranchId: string | null = null;

  // ---- 普通高中: 团委 → (first school) 年级团总支 → 班级团支部; others → 班级团支部 + 教工团支部
  plan.highSchools.forEach((school, si) => {
    const committee = org(top(), 'league_committee', `${school}团委`, 'high_school', school);
    if (!root) roots.push(committee);
    if (si === 0) {
      const grades = ['高一', '高二', '高三'] as const;
      for (const grade of grades) {
        const gb = org(committee, 'general_branch', `${grade}年级团总支`, 'high_school', school, {
          foundedFrom: '2015-09-01',
        });
        const classes = rng.int(2, 3);
        for (let c = 1; c <= classes; c++) {
          const b = branch(gb, `${grade}（${c}）班团支部`, 'high_school', school, 'high', 4, {
            foundedFrom: '2023-09-01',
          });
          if (grade === '高一' && c === 1 && demoBranchId === null) {
            demoGeneralBranchId = gb.id;
            demoBranchId = b.id;
          }
          if (c === 1 && rng.chance(0.5)) {
            org(b, 'group', '第一团小组', 'high_school', school, { foundedFrom: '2024-09-01' });
            org(b, 'group', '第二团小组', 'high_school', school, { foundedFrom: '2024-09-01' });
          }
        }
      }
    } else {
      const n = rng.int(3, 5);
      for (let c = 1; c <= n; c++) {
        const grade = rng.pick(['高一', '高二', '高三'] as const);
        branch(committee, `${grade}（${c}）班团支部`, 'high_school', school, 'high', 4, {
          foundedFrom: '2023-09-01',
        });
      }
    }
    branch(committee, '教工团支部', 'high_school', school, 'teacher', 1);
  });

  // ---- 初中: 团总支 → 九年级班级团支部
  for (const school of plan.middleSchools) {
    const gb = org(top(), 'general_branch', `${school}团总支`, 'middle_school', school);
    if (!root) roots.push(gb);
    const n = rng.int(2, 3);
    for (let c = 1; c <= n; c++) {
      branch(gb, `九年级（${c}）班团支部`, 'middle_school', school, 'middle', 3, {
        foundedFrom: '2024-09-01',
      });
    }
  }

  // ---- 中职: 团委 → 专业团支部
  for (const school of plan.vocationalSchools) {
    const committee = org(top(), 'league_committee', `${school}团委`, 'vocational_school', school);
    if (!root) roots.push(committee);
    for (const major of rng.sample(MAJORS_VOCATIONAL, rng.int(3, 4))) {
      const year = rng.pick([2023, 2024, 2025]);
      branch(committee, `${year}级${major}专业团支部`, 'vocational_school', school, 'vocational', 3, {
        foundedFrom: `${year}-09-01`,
      });
    }
  }

  // ---- 普通高校: 团委 → 学院团总支 → 班级团支部
  for (const university of plan.universities) {
    const committee = org(top(), 'league_committee', `${university}团委`, 'university', university);
    if (!root) roots.push(committee);
    for (const college of rng.sample(COLLEGES, 2)) {
      const gb = org(committee, 'general_branch', `${college}团总支`, 'university', university);
      for (const major of rng.sample(MAJORS_UNIVERSITY, rng.int(2, 3))) {
        const year = rng.pick([2022, 2023, 2024, 2025]);
        branch(gb, `${year}级${major}1班团支部`, 'university', university, 'university', 4, {
          foundedFrom: `${year}-09-01`,
        });
      }
    }
  }

  // ---- 国有企业: 团委 → 部门团支部
  for (const company of plan.stateEnterprises) {
    const committee = org(top(), 'league_committee', `${company}团委`, 'state_enterprise', company);
    if (!root) roots.push(committee);
    for (const dept of rng.sample(DEPARTMENTS, rng.int(2, 3))) {
      branch(committee, `${dept}团支部`, 'state_enterprise', company, 'soe', 2);
    }
  }

  // ---- 街道: 团工委 → 社区团支部 + 街道机关团支部
  const communityStems = rng.sample(COMMUNITY_STEMS, COMMUNITY_STEMS.length);
  for (const street of plan.streets) {
    const wc = org(
      top(),
      'working_committee',
      `${plan.area}${street}团工委`,
      'subdistrict_township',
      `${street}办事处`,
      {
        locality: street,
      },
    );
    for (let i = 0, n = rng.int(2, 3); i < n; i++) {
      const stem = communityStems.shift() ?? `第${i + 1}`;
      const b = branch(wc, `${stem}社区团支部`, 'community', `${stem}社区居民委员会`, 'community', 1.5, {
        locality: street,
      });
      if (i === 0 && rng.chance(0.4))
        org(b, 'group', '青年志愿服务团小组', 'community', `${stem}社区居民委员会`, { locality: street });
    }
    branch(wc, '街道机关团支部', 'subdistrict_township', `${street}办事处`, 'official', 1, {
      locality: street,
    });
  }

  // ---- 乡镇: 团委 → 村团支部 + 镇机关团支部
  const villageStems = rng.sample(VILLAGE_STEMS, VILLAGE_STEMS.length);
  for (const town of plan.towns) {
    const committee = org(
      top(),
      'league_committee',
      `${plan.area}${town}团委`,
      'subdistrict_township',
      `${town}人民政府`,
      {
        locality: town,
      },
    );
    for (let i = 0, n = rng.int(2, 4); i < n; i++) {
      const stem = villageStems.shift() ?? `第${i + 1}`;
      branch(committee, `${stem}村团支部`, 'rural', `${stem}村民委员会`, 'village', 1.5, { locality: town });
    }
    branch(committee, `${town}机关团支部`, 'subdistrict_township', `${town}人民政府`, 'official', 1, {
      locality: town,
    });
  }

  // ---- 非公有制经济组织 and 互联网行业: one 团工委 when there are several, else directly under the root
  const privateUnits = [
    ...plan.nonPublic.map((n) => [n, 'non_public_enterprise'] as const),
    ...plan.internet.map((n) => [n, 'internet'] as const),
  ];
  if (privateUnits.length > 0) {
    const parent =
      privateUnits.length >= 3 && root
        ? org(
            root,
            'working_committee',
            `${plan.area}非公有制经济组织团工委`,
            'non_public_enterprise',
            null,
            {
              foundedFrom: '2012-01-01',
            },
          )
        : root;
    for (const [company, sector] of privateUnits) {
      if (!parent) continue;
      branch(parent, `${company}团支部`, sector, company, 'private', 1.2, { foundedFrom: '2012-01-01' });
    }
  }

  // ---- 社会组织: 团支部
  for (const name of plan.socialOrgs) {
    if (root) {
      branch(root, `${name}团支部`, 'social_organisation', name, 'social', 1, { foundedFrom: '2010-01-01' });
    } else {
      const gb = org(null, 'general_branch', `${name}团总支`, 'social_organisation', name, {
        foundedFrom: '2010-01-01',
      });
      roots.push(gb);
      branch(gb, '志愿服务团支部', 'social_organisation', name, 'social', 1);
      branch(gb, '秘书处团支部', 'social_organisation', name, 'social', 1);
    }
  }

  // ---- 机关事业单位: 直属机关团工委 → 单位团支部 (市直: each is its own 团委)
  if (plan.institutions.length > 0) {
    if (root) {
      const wc = org(root, 'working_committee', `${plan.area}直属机关团工委`, 'public_institution', null);
      for (const inst of plan.institutions)
        branch(wc, `${inst}团支部`, 'public_institution', inst, 'official', 1.2);
    } else {
      for (const inst of plan.institutions) {
        const kind = inst.endsWith('机关') ? 'working_committee' : 'league_committee';
        const c = org(
          null,
          kind,
          `${inst}${kind === 'working_committee' ? '团工委' : '团委'}`,
          'public_institution',
          inst,
        );
        roots.push(c);
        for (let i = 1, n = rng.int(2, 3); i <= n; i++) {
          branch(c, `第${['一', '二', '三'][i - 1]}团支部`, 'public_institution', inst, 'official', 1.2);
        }
      }
    }
  }

  // ---- members
  const target = rng.int(320, 480);
  const totalWeight = branches.reduce((s, b) => s + b.weight, 0);
  const members: SeedMember[] = [];
  for (const slot of branches) {
    const count = Math.max(3, Math.round((target * slot.weight) / totalWeight + rng.int(-2, 2)));
    for (let i = 0; i < count; i++) members.push(member(rng, slot, counters));
  }
  return { orgs, members, demoGeneralBranchId, demoBranchId };
}

const PROFILE: Record<
  Profile,
  {
    ages: [number, number];
    education: readonly (readonly [string, number])[];
    occupation: readonly (readonly [string, number])[];
    female: number;
  }
> = {
  middle: { ages: [14, 15], education: [['初中在读', 1]], occupation: [['学生', 1]], female: 0.5 },
  high: { ages: [15, 18], education: [['高中在读', 1]], occupation: [['学生', 1]], female: 0.52 },
  vocational: { ages: [15, 19], education: [['中职在读', 1]], occupation: [['学生', 1]], female: 0.45 },
  university: {
    ages: [18, 23],
    education: [
      ['大学本科在读', 9],
      ['硕士研究生在读', 1],
    ],
    occupation: [['学生', 1]],
    female: 0.52,
  },
  teacher: {
    ages: [22, 28],
    education: [
      ['大学本科', 7],
      ['硕士研究生', 3],
    ],
    occupation: [['教师', 1]],
    female: 0.7,
  },
  soe: {
    ages: [20, 28],
    education: [
      ['大学专科', 4],
      ['大学本科', 5],
      ['硕士研究生', 1],
      ['中专', 1],
    ],
    occupation: [['国有企业职工', 1]],
    female: 0.35,
  },
  official: {
    ages: [22, 28],
    education: [
      ['大学本科', 7],
      ['硕士研究生', 3],
    ],
    occupation: [['机关事业单位工作人员', 1]],
    female: 0.5,
  },
  community: {
    ages: [18, 28],
    education: [
      ['高中', 3],
      ['大学专科', 4],
      ['大学本科', 3],
    ],
    occupation: [
      ['社区工作者', 3],
      ['自由职业者', 2],
      ['进城务工青年', 3],
      ['个体工商户', 1],
    ],
    female: 0.5,
  },
  village: {
    ages: [16, 28],
    education: [
      ['初中', 3],
      ['高中', 3],
      ['中专', 2],
      ['大学专科', 2],
    ],
    occupation: [
      ['农民', 5],
      ['进城务工青年', 4],
      ['个体工商户', 1],
    ],
    female: 0.45,
  },
  private: {
    ages: [19, 28],
    education: [
      ['大学专科', 4],
      ['大学本科', 5],
      ['硕士研究生', 1],
    ],
    occupation: [['非公有制企业职工', 1]],
    female: 0.45,
  },
  social: {
    ages: [20, 28],
    education: [
      ['大学专科', 3],
      ['大学本科', 6],
      ['硕士研究生', 1],
    ],
    occupation: [['社会组织从业人员', 1]],
    female: 0.6,
  },
};

function member(rng: Prng, slot: BranchSlot, counters: MemberNumberCounters): SeedMember {
  const p = PROFILE[slot.profile];
  const gender: Gender = rng.chance(p.female) ? 'female' : 'male';
  const ethnicity = rng.weighted(ETHNICITY_WEIGHTS);
  const age = rng.int(p.ages[0], p.ages[1]);
  // age `age` on the reference date: born in (ref - age - 1 year, ref - age years]
  // (a day earlier at the top end, so even the youngest turned 14 before the reference date and could join)
  const latestBirth = addDaysStr(addYears(DEMO_REFERENCE_DATE, -age), -1);
  const earliestBirth = addDaysStr(addYears(DEMO_REFERENCE_DATE, -age - 1), 1);
  const birth = dateBetween(rng, earliestBirth, latestBirth);
  // Joined at 14–16 (students in the 五四 batch mostly), never before the 14th birthday.
  const fourteenth = addYears(birth, 14);
  const joinAge = rng.weighted([
    [14, 5],
    [15, 3],
    [16, 2],
    [17, 1],
  ] as const);
  let join = addYears(birth, joinAge);
  if (join > LAST_DAY) join = dateBetween(rng, fourteenth, LAST_DAY);
  else {
    // move to the nearest 五四 batch (late April – May) of that year when possible
    const year = Number(join.slice(0, 4));
    const may = dateBetween(rng, `${year}-04-20`, `${year}-05-31`);
    join = may >= fourteenth && may <= LAST_DAY ? may : join;
  }
  const joinYear = Number(join.slice(0, 4));
  const seq = (counters.get(joinYear) ?? 0) + 1;
  counters.set(joinYear, seq);
  const memberNumber = rng.chance(0.03)
    ? null
    : `${joinYear}${PROVINCE_GANSU}${String(seq).padStart(6, '0')}`;
  const student = ['middle', 'high', 'vocational', 'university'].includes(slot.profile);
  const status = rng.weighted<MemberStatus>(
    student
      ? [
          ['active', 98],
          ['transferred_out', 2],
        ]
      : [
          ['active', 94],
          ['transferred_out', 2],
          ['lapsed', 3],
          ['left', age >= 27 ? 3 : 0],
        ],
  );
  return {
    id: rng.uuid(),
    org_id: slot.org.id,
    name: personName(rng, gender, ethnicity),
    gender,
    ethnicity,
    birth_date: birth,
    join_date: join,
    member_number: memberNumber,
    education: rng.weighted(p.education),
    occupation_category: rng.weighted(p.occupation),
    status,
  };
}

function addDaysStr(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
