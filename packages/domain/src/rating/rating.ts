/**
 * RATE-1…RATE-3 对标定级 (“五个好” star rating). The criteria, points, thresholds, caps and veto items
 * are rule data (`rating.stars`, rules.ts); a rating stores the rule version it used so that last
 * year's results recompute identically after the city adds a new version.
 *
 * Definitions (stated here, used everywhere):
 * - Points are kept as integer hundredths (“centipoints”, 100 = 1 分) so 89.99 and 90 differ exactly.
 * - A computed criterion gets `full × permille ÷ 1000` points (rounded half up to 0.01 分) from an
 *   indicator the server computes from the data (permille 0–1000; no data → 0 points, explained).
 *   A scored criterion gets what the superior gives (0…full, ≤ 2 decimals) with evidence.
 * - Level from the total: 五星 ≥ fiveStar, 四星 ≥ fourStar, 三星 ≥ threeStar, 后进 ≥ lagging, else
 *   软弱涣散; any 一票否决 item → 软弱涣散 whatever the total.
 * - Only an organisation at least `minBranchAgeMonths` full months old on the rating date (founded_on
 *   to the rating date, in calendar months, like an age) is rated; others are 不参评.
 * - 青年大学习 participation below `studyMinPercentForFiveStar` (or not reported) bars 五星 → 四星 (*local*).
 * - A 团总支 with a sub-branch rated 后进 or 软弱涣散 cannot be 五星 → 四星.
 * - Caps per superior at publication (*local*): at most floor(n × fiveStarMaxPercent ÷ 100) 五星 and
 *   floor(n × fourStarMaxPercent ÷ 100) 四星 among the n rated organisations of the round. When exceeded,
 *   the organisations of that level are ranked by total (highest first); those beyond the cap are
 *   demoted one level (五星 → 四星, 四星 → 三星). **Ties at the cap**: if organisations with the same
 *   total straddle the cap, all of them are demoted (the cap is a maximum and is never exceeded;
 *   no order between equal totals is invented). 五星 are capped first; the demoted ones then count
 *   as 四星 for the 四星 cap.
 */
import { parseDate } from '../dates';

export const GOODS = {
  team: '支部班子好',
  management: '团员管理好',
  activity: '活动开展好',
  system: '制度落实好',
  role: '作用发挥好',
} as const;
export type Good = keyof typeof GOODS;
export const GOOD_KEYS = Object.keys(GOODS) as [Good, ...Good[]];

/** Where a computed indicator comes from (one per module that records the data). */
export const INDICATOR_SOURCES = {
  election: '按期换届（组织管理：换届选举记录与换届周期）',
  dues: '团费收缴率（团费管理）',
  archive: '团员档案完备率（团员档案）',
  themeDayMonths: '主题团日完成月数（主题团日）',
  themeDayParticipation: '主题团日团员参与率（主题团日签到）',
  meetings: '三会两制一课落实率（组织生活）',
  tuiyou: '推优入党人数（推优入党）',
  freshness: '信息更新及时（最近一次录入或更新）',
} as const;
export type IndicatorSource = keyof typeof INDICATOR_SOURCES;
export const INDICATOR_SOURCE_KEYS = Object.keys(INDICATOR_SOURCES) as [
  IndicatorSource,
  ...IndicatorSource[],
];

export interface RatingCriterion {
  key: string;
  good: Good;
  title: string;
  /** Full points (whole 分). */
  points: number;
  mode: 'computed' | 'scored';
  /** computed only */
  source?: IndicatorSource;
}

export interface RatingVetoItem {
  key: string;
  title: string;
}

export interface RatingStarsRule {
  fiveStar: number;
  fourStar: number;
  threeStar: number;
  lagging: number;
  minBranchAgeMonths: number;
  fiveStarMaxPercent: number;
  fourStarMaxPercent: number;
  studyMinPercentForFiveStar: number;
  /** Absent in rows seeded before the criteria were rule data → `DEFAULT_RATING_CRITERIA`. */
  criteria?: readonly RatingCriterion[];
  vetoItems?: readonly RatingVetoItem[];
  /** 信息更新及时: full points when the last update is at most this many days before the rating date. */
  freshnessDays?: number;
  /** 推优入党: full points from this many members recommended (sent or approved) in the year. */
  tuiyouMinCount?: number;
}

/** Criteria from 《基层团组织规范化建设工作实施方案》 “五个好” (seed text), 20 分 per good. */
export const DEFAULT_RATING_CRITERIA: readonly RatingCriterion[] = [
  {
    key: 'team.election',
    good: 'team',
    title: '按期换届，按程序选举',
    points: 8,
    mode: 'computed',
    source: 'election',
  },
  {
    key: 'team.quality',
    good: 'team',
    title: '班子齐整；支部书记信念坚定、心系青年、能力突出、作风严实；班子分工协作、运转有序',
    points: 12,
    mode: 'scored',
  },
  {
    key: 'management.dues',
    good: 'management',
    title: '团费收缴规范',
    points: 6,
    mode: 'computed',
    source: 'dues',
  },
  {
    key: 'management.archive',
    good: 'management',
    title: '团员档案完备',
    points: 6,
    mode: 'computed',
    source: 'archive',
  },
  {
    key: 'management.education',
    good: 'management',
    title: '发展团员程序规范严格；教育、管理、监督团员经常有效；理论学习、仪式教育、团课经常开展',
    points: 8,
    mode: 'scored',
  },
  {
    key: 'activity.themeDay',
    good: 'activity',
    title: '定期开展主题团日活动',
    points: 10,
    mode: 'computed',
    source: 'themeDayMonths',
  },
  {
    key: 'activity.participation',
    good: 'activity',
    title: '各项工作团员参与率高',
    points: 4,
    mode: 'computed',
    source: 'themeDayParticipation',
  },
  {
    key: 'activity.regular',
    good: 'activity',
    title: '围绕志愿服务、济困助学、就业创业、岗位建功、实践教育等领域形成至少1项经常性工作',
    points: 6,
    mode: 'scored',
  },
  {
    key: 'system.meetings',
    good: 'system',
    title: '落实“三会两制一课”，组织生活严肃认真、规范开展',
    points: 12,
    mode: 'computed',
    source: 'meetings',
  },
  {
    key: 'system.freshness',
    good: 'system',
    title: '运用“智慧团建”系统常态化，团内信息录入更新及时',
    points: 4,
    mode: 'computed',
    source: 'freshness',
  },
  {
    key: 'system.charter',
    good: 'system',
    title: '尊崇团章、贯彻团章，执行《团支部工作条例》',
    points: 4,
    mode: 'scored',
  },
  {
    key: 'role.tuiyou',
    good: 'role',
    title: '积极落实“推优入党”制度',
    points: 6,
    mode: 'computed',
    source: 'tuiyou',
  },
  {
    key: 'role.care',
    good: 'role',
    title: '团内激励关怀帮扶扎实；弘扬正能量、参与建设清朗网络空间；经费、场所等基础保障基本到位',
    points: 8,
    mode: 'scored',
  },
  { key: 'role.evaluation', good: 'role', title: '团员青年对团组织评价较高', points: 6, mode: 'scored' },
];

export const DEFAULT_RATING_VETO_ITEMS: readonly RatingVetoItem[] = [
  { key: 'politics', title: '出现政治方向、政治立场问题' },
  { key: 'discipline', title: '支部班子成员发生严重违纪违法问题' },
  { key: 'fraud', title: '星级创建评定中弄虚作假' },
];

export const DEFAULT_FRESHNESS_DAYS = 90;
export const DEFAULT_TUIYOU_MIN_COUNT = 1;

export interface ResolvedRatingRule extends RatingStarsRule {
  criteria: readonly RatingCriterion[];
  vetoItems: readonly RatingVetoItem[];
  freshnessDays: number;
  tuiyouMinCount: number;
}

/** Fill the parts absent from older rows with the defaults (documented in the rule's note). */
export function resolveRatingRule(rule: RatingStarsRule): ResolvedRatingRule {
  const resolved: ResolvedRatingRule = {
    ...rule,
    criteria: rule.criteria ?? DEFAULT_RATING_CRITERIA,
    vetoItems: rule.vetoItems ?? DEFAULT_RATING_VETO_ITEMS,
    freshnessDays: rule.freshnessDays ?? DEFAULT_FRESHNESS_DAYS,
    tuiyouMinCount: rule.tuiyouMinCount ?? DEFAULT_TUIYOU_MIN_COUNT,
  };
  const sum = resolved.criteria.reduce((s, c) => s + c.points, 0);
  if (sum !== 100) throw new RangeError(`星级评定细则总分应为100分，现为${sum}分`);
  return resolved;
}

export const STAR_LEVELS = {
  five: '五星',
  four: '四星',
  three: '三星',
  lagging: '后进',
  weak: '软弱涣散',
} as const;
export type StarLevel = keyof typeof STAR_LEVELS;
export const STAR_LEVEL_KEYS = Object.keys(STAR_LEVELS) as [StarLevel, ...StarLevel[]];
export const starLevelLabel: Record<StarLevel, string> = STAR_LEVELS;

/** Next level down (what “demoted” means). */
export function demote(level: StarLevel): StarLevel {
  const i = STAR_LEVEL_KEYS.indexOf(level);
  return STAR_LEVEL_KEYS[Math.min(i + 1, STAR_LEVEL_KEYS.length - 1)] as StarLevel;
}

/** Points (分, ≤ 2 decimals) → centipoints; refuses more decimals, negatives and more than `max`. */
export function toCentipoints(points: number, max: number): number {
  const c = Math.round(points * 100);
  if (!Number.isFinite(points) || Math.abs(c - points * 100) > 1e-6) {
    throw new RangeError('得分最多保留两位小数');
  }
  if (c < 0 || c > max * 100) throw new RangeError(`得分应在0至${max}分之间`);
  return c;
}

export function formatPoints(centi: number): string {
  const s = (centi / 100).toFixed(2);
  return s.replace(/\.?0+$/, '');
}

/** full × permille ÷ 1000 in centipoints, half up; null (no data) → 0. */
export function computedCentipoints(fullPoints: number, permille: number | null): number {
  if (permille === null) return 0;
  const p = Math.max(0, Math.min(1000, permille));
  return Math.floor((fullPoints * 100 * p + 500) / 1000);
}

export function levelForTotal(totalCenti: number, rule: RatingStarsRule, vetoed: boolean): StarLevel {
  if (vetoed) return 'weak';
  if (totalCenti >= rule.fiveStar * 100) return 'five';
  if (totalCenti >= rule.fourStar * 100) return 'four';
  if (totalCenti >= rule.threeStar * 100) return 'three';
  if (totalCenti >= rule.lagging * 100) return 'lagging';
  return 'weak';
}

/** Full calendar months from `from` to `to` (an anniversary day counts; like an age in months). */
export function fullMonthsBetween(from: string, to: string): number {
  const a = parseDate(from);
  const b = parseDate(to);
  let m = (b.year - a.year) * 12 + (b.month - a.month);
  if (b.day < a.day) m -= 1;
  return m;
}

/** The rating date of a year: the Shanghai date of `today`, but not after 31 December of the year. */
export function ratingDate(year: number, today: string): string {
  const end = `${year}-12-31`;
  return today < end ? today : end;
}

export function eligibleByAge(
  foundedOn: string | null,
  onDate: string,
  rule: RatingStarsRule,
): { eligible: boolean; months: number | null; reason: string | null } {
  if (!foundedOn) return { eligible: true, months: null, reason: null };
  const months = fullMonthsBetween(foundedOn, onDate);
  if (months >= rule.minBranchAgeMonths) return { eligible: true, months, reason: null };
  return {
    eligible: false,
    months,
    reason: `成立不满${rule.minBranchAgeMonths}个月（${foundedOn}成立），本年度不参加星级评定`,
  };
}

export interface CriterionScore {
  key: string;
  centi: number;
}

export interface LevelInput {
  scores: readonly CriterionScore[];
  vetoItems: readonly string[];
  /** 青年大学习 participation ‰, null = not reported. */
  studyPermille: number | null;
  /** 团总支 only: the levels of its rated sub-branches. */
  subBranchLevels?: readonly StarLevel[];
}

export interface LevelResult {
  totalCenti: number;
  byGood: Record<Good, number>;
  scoreLevel: StarLevel;
  level: StarLevel;
  /** Why `level` is below `scoreLevel` (Chinese, with the rule). */
  reasons: string[];
}

export function rateLevel(input: LevelInput, rule: ResolvedRatingRule): LevelResult {
  const byGood = Object.fromEntries(GOOD_KEYS.map((g) => [g, 0])) as Record<Good, number>;
  let total = 0;
  for (const c of rule.criteria) {
    const s = input.scores.find((x) => x.key === c.key);
    const centi = Math.max(0, Math.min(c.points * 100, s?.centi ?? 0));
    byGood[c.good] += centi;
    total += centi;
  }
  const vetoed = input.vetoItems.length > 0;
  const scoreLevel = levelForTotal(total, rule, vetoed);
  const reasons: string[] = [];
  let level = scoreLevel;
  if (vetoed) {
    const titles = input.vetoItems.map((k) => rule.vetoItems.find((v) => v.key === k)?.title ?? k);
    reasons.push(`存在一票否决事项：${titles.join('、')}，定为软弱涣散`);
  }
  if (level === 'five') {
    const min = rule.studyMinPercentForFiveStar * 10;
    if (input.studyPermille === null || input.studyPermille < min) {
      level = 'four';
      reasons.push(
        input.studyPermille === null
          ? `未填报青年大学习参学率，不能评为五星（参学率须达到${rule.studyMinPercentForFiveStar}%）`
          : `青年大学习参学率${(input.studyPermille / 10).toFixed(1)}%，低于${rule.studyMinPercentForFiveStar}%，不能评为五星`,
      );
    }
  }
  if (level === 'five' && input.subBranchLevels?.some((l) => l === 'lagging' || l === 'weak')) {
    level = 'four';
    reasons.push('所属团支部中有后进或软弱涣散的，团总支不能评为五星');
  }
  return { totalCenti: total, byGood, scoreLevel, level, reasons };
}

export interface CapCandidate {
  id: string;
  level: StarLevel;
  totalCenti: number;
}

export interface CapOutcome {
  id: string;
  level: StarLevel;
  publishedLevel: StarLevel;
  capped: boolean;
  reason: string | null;
}

export interface CapReport {
  count: number;
  fiveStarMax: number;
  fourStarMax: number;
  fiveStarBefore: number;
  fourStarBefore: number;
  fiveStarAfter: number;
  fourStarAfter: number;
  outcomes: CapOutcome[];
}

/** Keep at most `max` of `ids` (ranked by total, highest first); ties straddling the cut all go. */
function overCap(cands: readonly CapCandidate[], max: number): Set<string> {
  if (cands.length <= max) return new Set();
  const sorted = [...cands].sort((a, b) => b.totalCenti - a.totalCenti);
  let keep = max;
  // sorted[max] is the first beyond the cap; everyone tied with it is demoted too.
  const cut = sorted[max]?.totalCenti;
  while (keep > 0 && sorted[keep - 1]?.totalCenti === cut) keep -= 1;
  return new Set(sorted.slice(keep).map((c) => c.id));
}

/** Apply the caps of one superior's round (see the module comment for the tie rule). */
export function applyCaps(cands: readonly CapCandidate[], rule: RatingStarsRule): CapReport {
  const n = cands.length;
  const fiveMax = Math.floor((n * rule.fiveStarMaxPercent) / 100);
  const fourMax = Math.floor((n * rule.fourStarMaxPercent) / 100);
  const level = new Map(cands.map((c) => [c.id, c.level]));
  const reason = new Map<string, string>();
  const fives = cands.filter((c) => c.level === 'five');
  for (const id of overCap(fives, fiveMax)) {
    level.set(id, 'four');
    reason.set(
      id,
      `五星比例不超过${rule.fiveStarMaxPercent}%（${n}个中最多${fiveMax}个），按总分排序调为四星`,
    );
  }
  const fours = cands.filter((c) => level.get(c.id) === 'four');
  for (const id of overCap(fours, fourMax)) {
    const was = level.get(id);
    level.set(id, 'three');
    reason.set(
      id,
      `${was === 'four' && reason.has(id) ? `${reason.get(id)}；` : ''}四星比例不超过${rule.fourStarMaxPercent}%（${n}个中最多${fourMax}个），按总分排序调为三星`,
    );
  }
  const outcomes = cands.map((c) => {
    const published = level.get(c.id) as StarLevel;
    return {
      id: c.id,
      level: c.level,
      publishedLevel: published,
      capped: published !== c.level,
      reason: reason.get(c.id) ?? null,
    };
  });
  return {
    count: n,
    fiveStarMax: fiveMax,
    fourStarMax: fourMax,
    fiveStarBefore: fives.length,
    fourStarBefore: cands.filter((c) => c.level === 'four').length,
    fiveStarAfter: outcomes.filter((o) => o.publishedLevel === 'five').length,
    fourStarAfter: outcomes.filter((o) => o.publishedLevel === 'four').length,
    outcomes,
  };
}

export const RATING_STATUSES = {
  self_assessing: '待自评',
  self_assessed: '已自评',
  reviewed: '已审核',
  published: '已公布',
  ineligible: '不参评',
} as const;
export type RatingStatus = keyof typeof RATING_STATUSES;
export const ratingStatusLabel: Record<RatingStatus, string> = RATING_STATUSES;
