/**
 * 推优入党 (MEM-5): eligibility, the 推优大会 vote, the workflow stages, validity and the KPI.
 * Pure functions over rule data `party.recommendation` and `party.recommendationVote`.
 */
import { ageOn, formatChineseDate } from '../dates';
import type { RuleData } from './dues';
import { addMonthsClamped, addYearsClamped } from './months';

export type RecommendationRule = RuleData<'party.recommendation'>;
export type RecommendationVoteRule = RuleData<'party.recommendationVote'>;

const SOURCE = '《共青团推优入党工作实施办法》（中青发〔2019〕9号）';

export interface EligibilityInput {
  birthDate: string;
  /** 入团 date (团龄 counts from it); null = unknown */
  leagueJoinDate: string | null;
  /** date of the written application to join the party; null = none */
  partyApplicationDate: string | null;
  /** the date the branch committee nominates */
  onDate: string;
}

export interface EligibilityCheck {
  key: 'age' | 'leagueYears' | 'application';
  ok: boolean;
  /** what the rule requires, e.g. 年满18周岁 */
  rule: string;
  /** the fact, e.g. 现年17周岁 */
  actual: string;
}

export interface Eligibility {
  eligible: boolean;
  checks: EligibilityCheck[];
  /** Refusal reasons in Chinese, quoting the rule and its source. */
  reasons: string[];
}

export function recommendationEligibility(input: EligibilityInput, rule: RecommendationRule): Eligibility {
  const checks: EligibilityCheck[] = [];
  const age = ageOn(input.birthDate, input.onDate);
  checks.push({
    key: 'age',
    ok: age >= rule.minAge,
    rule: `年满${rule.minAge}周岁`,
    actual: `${formatChineseDate(input.onDate)}时${age}周岁`,
  });
  if (input.leagueJoinDate) {
    const enough = addYearsClamped(input.leagueJoinDate, rule.minLeagueYears);
    checks.push({
      key: 'leagueYears',
      ok: enough <= input.onDate,
      rule: `团龄满${rule.minLeagueYears}年`,
      actual: `${formatChineseDate(input.leagueJoinDate)}入团，${formatChineseDate(enough)}起团龄满${rule.minLeagueYears}年`,
    });
  } else {
    checks.push({
      key: 'leagueYears',
      ok: false,
      rule: `团龄满${rule.minLeagueYears}年`,
      actual: '入团日期不详',
    });
  }
  if (input.partyApplicationDate) {
    const enough = addMonthsClamped(input.partyApplicationDate, rule.minApplicationMonths);
    checks.push({
      key: 'application',
      ok: enough <= input.onDate,
      rule: `递交入党申请书满${rule.minApplicationMonths}个月`,
      actual: `${formatChineseDate(input.partyApplicationDate)}递交，${formatChineseDate(enough)}起满${rule.minApplicationMonths}个月`,
    });
  } else {
    checks.push({
      key: 'application',
      ok: false,
      rule: `递交入党申请书满${rule.minApplicationMonths}个月`,
      actual: '尚未递交入党申请书',
    });
  }
  const reasons = checks
    .filter((c) => !c.ok)
    .map((c) => `不符合推优条件：须${c.rule}（${c.actual}）（${SOURCE}）`);
  return { eligible: reasons.length === 0, checks, reasons };
}

export interface VoteInput {
  /** members entitled to vote (有选举权的团员) */
  entitled: number;
  present: number;
  yes: number;
}

export interface VoteResult {
  quorum: boolean;
  passed: boolean;
  message: string;
}

/** "More than a fraction" with integers: n > fraction × total, exact for fractions like 1/2, 2/3. */
function moreThan(n: number, total: number, fraction: number): boolean {
  return n > fraction * total + 1e-9;
}

export function recommendationVote(v: VoteInput, rule: RecommendationVoteRule): VoteResult {
  if (![v.entitled, v.present, v.yes].every((n) => Number.isInteger(n) && n >= 0)) {
    throw new RangeError('票数须为非负整数');
  }
  if (v.present > v.entitled) throw new RangeError('到会人数不能超过应到人数');
  if (v.yes > v.present) throw new RangeError('赞成票不能超过到会人数');
  const quorum = moreThan(v.present, v.entitled, rule.quorumMoreThanFraction);
  if (!quorum) {
    return {
      quorum,
      passed: false,
      message: `到会${v.present}人，未超过应到${v.entitled}人的半数，推优大会无效（${SOURCE}）`,
    };
  }
  const passed = moreThan(v.yes, v.entitled, rule.passMoreThanFraction);
  return {
    quorum,
    passed,
    message: passed
      ? `赞成${v.yes}票，超过应到${v.entitled}人的半数，通过`
      : `赞成${v.yes}票，未超过应到${v.entitled}人的半数，未通过（${SOURCE}）`,
  };
}

export const RECOMMENDATION_STAGES = [
  'nominated',
  'voted',
  'reviewed',
  'publicized',
  'approved',
  'sent',
  'rejected',
] as const;
export type RecommendationStage = (typeof RECOMMENDATION_STAGES)[number];

const stageLabels: Record<RecommendationStage, string> = {
  nominated: '支委会提名',
  voted: '推优大会通过',
  reviewed: '审查通过',
  publicized: '公示',
  approved: '上级团组织批准',
  sent: '已推荐至党组织',
  rejected: '未通过',
};
export const recommendationStageLabel = (s: RecommendationStage): string => stageLabels[s];

export type RecommendationAction = 'vote' | 'review' | 'publicize' | 'approve' | 'send';
const actionFrom: Record<RecommendationAction, RecommendationStage> = {
  vote: 'nominated',
  review: 'voted',
  publicize: 'reviewed',
  approve: 'publicized',
  send: 'approved',
};
const actionLabels: Record<RecommendationAction, string> = {
  vote: '推优大会表决',
  review: '审查',
  publicize: '公示',
  approve: '上级审批',
  send: '推荐至党组织',
};
export const recommendationActionLabel = (a: RecommendationAction): string => actionLabels[a];

/** null when the action may run in `stage`, else the refusal (Chinese). */
export function recommendationActionRefusal(
  stage: RecommendationStage,
  action: RecommendationAction,
): string | null {
  if (actionFrom[action] === stage) return null;
  return `当前处于“${recommendationStageLabel(stage)}”阶段，不能进行“${actionLabels[action]}”（应在“${recommendationStageLabel(actionFrom[action])}”之后）`;
}

/** The action that moves a recommendation on from `stage` (null at the end). */
export function nextRecommendationAction(stage: RecommendationStage): RecommendationAction | null {
  const found = (Object.keys(actionFrom) as RecommendationAction[]).find((a) => actionFrom[a] === stage);
  return found ?? null;
}

/** The last day a recommendation approved on `approvedOn` is valid. */
export function recommendationValidUntil(approvedOn: string, rule: RecommendationRule): string {
  const end = addYearsClamped(approvedOn, rule.validYears);
  const d = new Date(`${end}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

export interface PartyAdmissionFact {
  ageAtJoining: number;
  viaRecommendation: boolean;
}

export interface TuiyouKpi {
  /** new party members aged ≤ maxNewPartyMemberAge */
  young: number;
  /** of those, through 推优 */
  viaTuiyou: number;
  /** percent × 10, null when no young new party members */
  permille: number | null;
}

/** KPI: the share of new party members aged ≤ 28 who came through 推优. */
export function tuiyouKpi(facts: readonly PartyAdmissionFact[], rule: RecommendationRule): TuiyouKpi {
  const young = facts.filter((f) => f.ageAtJoining <= rule.maxNewPartyMemberAge);
  const via = young.filter((f) => f.viaRecommendation).length;
  return {
    young: young.length,
    viaTuiyou: via,
    permille: young.length === 0 ? null : Math.floor((via * 2000 + young.length) / (young.length * 2)),
  };
}
