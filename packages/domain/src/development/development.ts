/**
 * 发展团员 (MEM-2): the development pipeline as a pure stage machine. Every number comes from the
 * rule values passed in (`member.development`, `member.joiningAge`, `member.developmentVote`);
 * every refusal is a Chinese message quoting 《发展团员工作细则》.
 */
import { ageOn, formatChineseDate, parseDate } from '../dates';

export const DEVELOPMENT_RULE_SOURCE = '《发展团员工作细则》';

/** The steps in order; an application's `stage` is the last step it has completed. */
export const DEVELOPMENT_STAGES = [
  'applied',
  'talked',
  'activist',
  'candidate',
  'prechecked',
  'introduced',
  'voted',
  'approved',
  'sworn',
] as const;
export type DevelopmentStage = (typeof DEVELOPMENT_STAGES)[number];

export const developmentStageLabel: Record<DevelopmentStage, string> = {
  applied: '递交入团申请',
  talked: '谈话',
  activist: '确定入团积极分子',
  candidate: '确定发展对象',
  prechecked: '上级团委预审、发放入团志愿书',
  introduced: '确定入团介绍人',
  voted: '支部团员大会表决',
  approved: '上级团委批准',
  sworn: '入团宣誓',
};

/** The five stages of the 细则 the nine steps belong to. */
export const developmentPhaseOf: Record<DevelopmentStage, string> = {
  applied: '入团申请',
  talked: '入团申请',
  activist: '入团积极分子的确定和培养',
  candidate: '发展对象的确定和考察',
  prechecked: '发展对象的确定和考察',
  introduced: '接收团员',
  voted: '接收团员',
  approved: '接收团员',
  sworn: '入团宣誓',
};

export const ACTIVIST_SOURCES = ['recommendation', 'pioneer'] as const;
export type ActivistSource = (typeof ACTIVIST_SOURCES)[number];
export const activistSourceLabel: Record<ActivistSource, string> = {
  recommendation: '团员推荐',
  pioneer: '少先队推优',
};

export interface DevelopmentRules {
  applicationTalkWithinMonths: number;
  cultivationMonths: number;
  lessonHours: number;
  introducers: number;
}
export interface JoiningAgeRules {
  minAge: number;
  maxAge: number;
}
export interface DevelopmentVoteRules {
  /** More than this fraction of the members entitled to vote must be present. */
  quorumMoreThanFraction: number;
  /** Yes votes must be more than this fraction of the members entitled to vote. */
  passMoreThanFraction: number;
}

/** The dates and facts of one application so far (null = not reached). */
export interface DevelopmentRecord {
  stage: DevelopmentStage;
  birthDate: string;
  appliedOn: string;
  talkOn: string | null;
  activistOn: string | null;
  candidateOn: string | null;
  precheckOn: string | null;
  volunteerFormOn: string | null;
  introducedOn: string | null;
  meetingOn: string | null;
  approvedOn: string | null;
  oathOn: string | null;
  /** 团课 hours recorded so far, with their dates. */
  lessons: readonly { on: string; hours: number }[];
}

export type DevelopmentAdvance =
  | { step: 'talked'; talkOn: string }
  | { step: 'activist'; activistOn: string; source: ActivistSource; noticeOn: string }
  | { step: 'candidate'; candidateOn: string }
  | { step: 'prechecked'; precheckOn: string; volunteerFormOn: string }
  | { step: 'introduced'; introducedOn: string; introducerIds: readonly string[] }
  | { step: 'voted'; meetingOn: string; entitled: number; present: number; yes: number; no: number }
  | { step: 'approved'; approvedOn: string }
  | { step: 'sworn'; oathOn: string };

export interface DevelopmentRuleSet {
  development: DevelopmentRules;
  joiningAge: JoiningAgeRules;
  vote: DevelopmentVoteRules;
}

export type Verdict = { ok: true } | { ok: false; reason: string };

const ok: Verdict = { ok: true };
const refuse = (reason: string): Verdict => ({
  ok: false,
  reason: `${reason}（${DEVELOPMENT_RULE_SOURCE}）`,
});

/** Add calendar months; a day past the end of the target month becomes its last day (31 Jan + 1 = 28/29 Feb). */
export function addMonthsToDate(date: string, months: number): string {
  const p = parseDate(date);
  const total = p.year * 12 + (p.month - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const day = Math.min(p.day, last);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function stageIndex(stage: DevelopmentStage): number {
  return DEVELOPMENT_STAGES.indexOf(stage);
}

export function nextStage(stage: DevelopmentStage): DevelopmentStage | null {
  return DEVELOPMENT_STAGES[stageIndex(stage) + 1] ?? null;
}

/** The deadline for the talk: within N months of the application. */
export function talkDueBy(appliedOn: string, rules: DevelopmentRules): string {
  return addMonthsToDate(appliedOn, rules.applicationTalkWithinMonths);
}

/** Talk overdue: not held and past the deadline, or held after it. */
export function isTalkOverdue(
  record: Pick<DevelopmentRecord, 'appliedOn' | 'talkOn'>,
  rules: DevelopmentRules,
  today: string,
): boolean {
  const due = talkDueBy(record.appliedOn, rules);
  return record.talkOn === null ? today > due : record.talkOn > due;
}

/** 团课 hours recorded on or before a date. */
export function lessonHoursUntil(lessons: DevelopmentRecord['lessons'], onDate: string): number {
  return lessons.filter((l) => l.on <= onDate).reduce((s, l) => s + l.hours, 0);
}

/** Earliest date an activist can become a 发展对象 (cultivation ≥ N months). */
export function cultivationEndsOn(activistOn: string, rules: DevelopmentRules): string {
  return addMonthsToDate(activistOn, rules.cultivationMonths);
}

/** Age check at approval (Asia/Shanghai calendar date): 14 ≤ age ≤ 28 by default. */
export function checkJoiningAge(birthDate: string, approvedOn: string, rules: JoiningAgeRules): Verdict {
  const age = ageOn(birthDate, approvedOn);
  if (age < rules.minAge) return refuse(`未满${rules.minAge}周岁，不能批准入团`);
  if (age > rules.maxAge) return refuse(`已超过${rules.maxAge}周岁，不能批准入团`);
  return ok;
}

/** The vote of the branch general meeting. */
export function checkVote(
  v: { entitled: number; present: number; yes: number; no: number },
  rules: DevelopmentVoteRules,
): Verdict {
  if (v.entitled < 1) return refuse('应到会有表决权的团员人数须大于0');
  if (v.present > v.entitled) return refuse('实到人数不能多于应到人数');
  if (v.yes + v.no > v.present) return refuse('赞成票与反对票之和不能多于实到人数');
  const quorumPct = Math.round(rules.quorumMoreThanFraction * 100);
  if (!(v.present > v.entitled * rules.quorumMoreThanFraction)) {
    return refuse(
      `到会人数须超过应到会有表决权团员的${quorumPct}%（应到${v.entitled}人，实到${v.present}人）`,
    );
  }
  const passPct = Math.round(rules.passMoreThanFraction * 100);
  if (!(v.yes > v.entitled * rules.passMoreThanFraction)) {
    return refuse(
      `赞成票须超过应到会有表决权团员的${passPct}%，表决未通过（应到${v.entitled}人，赞成${v.yes}票）`,
    );
  }
  return ok;
}

function dateOf(record: DevelopmentRecord, stage: DevelopmentStage): string | null {
  switch (stage) {
    case 'applied':
      return record.appliedOn;
    case 'talked':
      return record.talkOn;
    case 'activist':
      return record.activistOn;
    case 'candidate':
      return record.candidateOn;
    case 'prechecked':
      return record.volunteerFormOn ?? record.precheckOn;
    case 'introduced':
      return record.introducedOn;
    case 'voted':
      return record.meetingOn;
    case 'approved':
      return record.approvedOn;
    case 'sworn':
      return record.oathOn;
  }
}

const notBefore = (what: string, date: string, prevWhat: string, prev: string): Verdict | null =>
  date < prev
    ? refuse(`${what}（${formatChineseDate(date)}）不能早于${prevWhat}（${formatChineseDate(prev)}）`)
    : null;

/**
 * May the application take this step now? Refuses skipping a step, going back, a date out of
 * order or in the future, and every rule of the step.
 */
export function checkAdvance(
  record: DevelopmentRecord,
  advance: DevelopmentAdvance,
  rules: DevelopmentRuleSet,
  today: string,
): Verdict {
  const expected = nextStage(record.stage);
  if (expected === null) return refuse('发展程序已全部完成，不能再推进');
  if (advance.step !== expected) {
    const want = developmentStageLabel[expected];
    const got = developmentStageLabel[advance.step];
    return stageIndex(advance.step) <= stageIndex(record.stage)
      ? refuse(`“${got}”环节已完成，下一步应为“${want}”`)
      : refuse(`不能跳过“${want}”环节直接进行“${got}”，发展团员须按程序逐步进行`);
  }
  const prevStage = record.stage;
  const prev = dateOf(record, prevStage) ?? record.appliedOn;
  const prevLabel = `${developmentStageLabel[prevStage]}日期`;
  const dates = Object.entries(advance).filter(([k]) => k.endsWith('On')) as [string, string][];
  for (const [, d] of dates) {
    if (d > today)
      return refuse(`日期（${formatChineseDate(d)}）不能晚于今天（${formatChineseDate(today)}）`);
  }

  switch (advance.step) {
    case 'talked':
      return notBefore('谈话日期', advance.talkOn, prevLabel, prev) ?? ok;
    case 'activist':
      return (
        notBefore('确定入团积极分子日期', advance.activistOn, prevLabel, prev) ??
        notBefore('公示日期', advance.noticeOn, '确定入团积极分子日期', advance.activistOn) ??
        ok
      );
    case 'candidate': {
      const activistOn = record.activistOn ?? prev;
      const earliest = cultivationEndsOn(activistOn, rules.development);
      if (advance.candidateOn < earliest) {
        return refuse(
          `入团积极分子培养教育时间须满${rules.development.cultivationMonths}个月（${formatChineseDate(activistOn)}确定为入团积极分子，最早可于${formatChineseDate(earliest)}确定为发展对象）`,
        );
      }
      const hours = lessonHoursUntil(record.lessons, advance.candidateOn);
      if (hours < rules.development.lessonHours) {
        return refuse(
          `团课学习须不少于${rules.development.lessonHours}学时（截至${formatChineseDate(advance.candidateOn)}已记录${hours}学时）`,
        );
      }
      return ok;
    }
    case 'prechecked':
      return (
        notBefore('上级团委预审日期', advance.precheckOn, prevLabel, prev) ??
        notBefore('发放入团志愿书日期', advance.volunteerFormOn, '预审日期', advance.precheckOn) ??
        ok
      );
    case 'introduced': {
      const ids = new Set(advance.introducerIds);
      if (
        advance.introducerIds.length !== rules.development.introducers ||
        ids.size !== advance.introducerIds.length
      ) {
        return refuse(`须有${rules.development.introducers}名正式团员作入团介绍人（不得重复）`);
      }
      return notBefore('确定入团介绍人日期', advance.introducedOn, prevLabel, prev) ?? ok;
    }
    case 'voted':
      return (
        notBefore('支部团员大会日期', advance.meetingOn, prevLabel, prev) ?? checkVote(advance, rules.vote)
      );
    case 'approved':
      return (
        notBefore('上级团委批准日期', advance.approvedOn, prevLabel, prev) ??
        checkJoiningAge(record.birthDate, advance.approvedOn, rules.joiningAge)
      );
    case 'sworn':
      return notBefore('入团宣誓日期', advance.oathOn, prevLabel, prev) ?? ok;
  }
}

/** 团龄 counts from the branch general meeting that voted the applicant in. */
export function leagueJoinDate(record: Pick<DevelopmentRecord, 'meetingOn'>): string | null {
  return record.meetingOn;
}
