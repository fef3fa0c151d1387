/**
 * Rule data: every number of the spec is a default in versioned rule data
 * with its source (DOMAIN.md §10). The platform seeds these as version 1;
 * a city admin edits them by adding a new version with a later effective date,
 * so results computed under an older version stay reproducible.
 */
import { z } from 'zod';

export interface RuleDefinition<T> {
  key: string;
  title: string;
  schema: z.ZodType<T>;
  value: T;
  source: string;
  /** *local* / *unverified* remarks from the spec, shown beside the rule. */
  note?: string;
}

const int = z.number().int();
const pct = z.number().min(0).max(100);

export const ruleCatalogue = {
  'branch.setup': {
    key: 'branch.setup',
    title: '团支部设置',
    schema: z.object({ minMembers: int.min(1), normalMaxMembers: int.min(1) }),
    value: { minMembers: 3, normalMaxMembers: 50 },
    source: '《团支部工作条例（试行）》第四条',
    note: '不足最少人数的单位可联合成立联合团支部',
  },
  'branch.committee': {
    key: 'branch.committee',
    title: '支部委员会设置',
    schema: z.object({
      committeeFromMembers: int.min(1),
      minSize: int.min(1),
      maxSize: int.min(1),
      absoluteMax: int.min(1),
    }),
    value: { committeeFromMembers: 7, minSize: 3, maxSize: 5, absoluteMax: 7 },
    source: '《团支部工作条例（试行）》',
    note: '团员7人以上设支部委员会（3–5人，最多不超过7人）；不足7人设书记1人',
  },
  'branch.term': {
    key: 'branch.term',
    title: '换届周期',
    schema: z.object({ minYears: int.min(1), maxYears: int.min(1), studentBranchYears: int.min(1) }),
    value: { minYears: 2, maxYears: 3, studentBranchYears: 1 },
    source: '《团支部工作条例（试行）》',
  },
  'meetings.frequency': {
    key: 'meetings.frequency',
    title: '三会两制一课频次',
    schema: z.object({
      generalMeeting: z.object({ perQuarter: int.min(0), quorumMoreThanFraction: z.number().min(0).max(1) }),
      committeeMeeting: z.object({ perMonth: int.min(0) }),
      // `period`: the period the minimum counts in (absent in rows seeded before it existed → quarter).
      groupMeeting: z.object({
        minimum: int.min(0),
        period: z.enum(['month', 'quarter', 'year']).optional(),
      }),
      leagueLesson: z.object({ perYear: int.min(0) }),
    }),
    value: {
      generalMeeting: { perQuarter: 1, quorumMoreThanFraction: 0.5 },
      committeeMeeting: { perMonth: 1 },
      groupMeeting: { minimum: 0, period: 'quarter' },
      leagueLesson: { perYear: 4 },
    },
    source: '《“三会两制一课”实施细则》（中青发〔2017〕5号）',
    note: '团课每年次数为地方做法（local）；团小组会按需召开，不设最低次数；支部团员大会到会人数须超过应到会团员的半数',
  },
  'member.evaluation': {
    key: 'member.evaluation',
    title: '团员教育评议',
    schema: z.object({
      perYear: int.min(1),
      quorumFraction: z.number().min(0).max(1),
      excellentMaxPercent: pct,
    }),
    value: { perYear: 1, quorumFraction: 2 / 3, excellentMaxPercent: 30 },
    source: '《“三会两制一课”实施细则》第33–36条',
    note: '等次：优秀、合格、基本合格、不合格；不合格不设比例',
  },
  'member.registration': {
    key: 'member.registration',
    title: '年度团籍注册',
    schema: z.object({ reassessAfterMonthsMin: int.min(0), reassessAfterMonthsMax: int.min(0) }),
    value: { reassessAfterMonthsMin: 3, reassessAfterMonthsMax: 6 },
    source: '《“三会两制一课”实施细则》',
    note: '评议为基本合格及以上方可注册；不合格者3–6个月后再评议',
  },
  'member.joiningAge': {
    key: 'member.joiningAge',
    title: '入团年龄',
    schema: z.object({ minAge: int.min(0), maxAge: int.min(0) }),
    value: { minAge: 14, maxAge: 28 },
    source: '《发展团员工作细则》（2023）',
    note: '以批准入团时的年龄计算',
  },
  'member.development': {
    key: 'member.development',
    title: '发展团员程序',
    schema: z.object({
      applicationTalkWithinMonths: int.min(0),
      cultivationMonths: int.min(0),
      lessonHours: int.min(0),
      introducers: int.min(0),
    }),
    value: { applicationTalkWithinMonths: 1, cultivationMonths: 3, lessonHours: 8, introducers: 2 },
    source: '《发展团员工作细则》（2023）',
  },
  'member.developmentVote': {
    key: 'member.developmentVote',
    title: '发展团员支部大会表决',
    schema: z.object({
      quorumMoreThanFraction: z.number().min(0).max(1),
      passMoreThanFraction: z.number().min(0).max(1),
    }),
    value: { quorumMoreThanFraction: 0.5, passMoreThanFraction: 0.5 },
    source: '《发展团员工作细则》（2023）',
    note: '到会人数须超过应到会有表决权团员的半数；赞成票超过应到会有表决权团员的半数方为通过',
  },
  'member.number': {
    key: 'member.number',
    title: '团员编号',
    schema: z.object({ digits: int, provinceCode: z.string().regex(/^\d{2}$/) }),
    value: { digits: 12, provinceCode: '62' },
    source: '智慧团建做法',
    note: '4位年份 + 2位省级代码 + 6位序号，由上级分配号段',
  },
  'dues.standard': {
    key: 'dues.standard',
    title: '团费标准（分/月）',
    schema: z.object({
      studentFen: int.min(0),
      lowIncomeThresholdFen: int.min(0),
      lowIncomeFen: int.min(0),
      perMille: int.min(0),
      roundDownToFen: int.min(1),
      capFen: int.min(0),
    }),
    value: {
      studentFen: 20,
      lowIncomeThresholdFen: 200_000,
      lowIncomeFen: 50,
      perMille: 2,
      roundDownToFen: 10,
      capFen: 2000,
    },
    source: '《团费收缴使用管理规定》（中青发〔2016〕13号）及二手资料',
    note: '未核实（unverified）：低收入档各版本为0.50元或3元，封顶边界亦有出入',
  },
  'member.lapse': {
    key: 'member.lapse',
    title: '自行脱团认定',
    schema: z.object({ consecutiveMonths: int.min(1) }),
    value: { consecutiveMonths: 6 },
    source: '《中国共产主义青年团章程》第八条',
  },
  'party.recommendation': {
    key: 'party.recommendation',
    title: '推优入党',
    schema: z.object({
      minAge: int,
      minLeagueYears: int,
      minApplicationMonths: int,
      validYears: int,
      maxNewPartyMemberAge: int,
    }),
    value: {
      minAge: 18,
      minLeagueYears: 1,
      minApplicationMonths: 6,
      validYears: 2,
      maxNewPartyMemberAge: 28,
    },
    source: '《共青团推优入党工作实施办法》（中青发〔2019〕9号）',
  },
  'party.recommendationVote': {
    key: 'party.recommendationVote',
    title: '推优大会表决',
    schema: z.object({
      quorumMoreThanFraction: z.number().min(0).max(1),
      passMoreThanFraction: z.number().min(0).max(1),
    }),
    value: { quorumMoreThanFraction: 0.5, passMoreThanFraction: 0.5 },
    source: '《共青团推优入党工作实施办法》（中青发〔2019〕9号）',
    note: '到会团员须超过应到会团员的半数；赞成票超过应到会有表决权团员的半数为通过（无记名投票）',
  },
  'dues.tracking': {
    key: 'dues.tracking',
    title: '团费记账起始月份',
    schema: z.object({ fromMonth: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/) }),
    value: { fromMonth: '2026-01' },
    source: '本平台设置',
    note: '平台开始记录团费的月份；此前月份不计欠缴',
  },
  'rating.stars': {
    key: 'rating.stars',
    title: '星级评定',
    schema: z.object({
      fiveStar: int,
      fourStar: int,
      threeStar: int,
      lagging: int,
      minBranchAgeMonths: int,
      fiveStarMaxPercent: pct,
      fourStarMaxPercent: pct,
      studyMinPercentForFiveStar: pct,
    }),
    value: {
      fiveStar: 90,
      fourStar: 80,
      threeStar: 70,
      lagging: 60,
      minBranchAgeMonths: 6,
      fiveStarMaxPercent: 20,
      fourStarMaxPercent: 60,
      studyMinPercentForFiveStar: 80,
    },
    source: '《基层团组织规范化建设工作实施方案》（中青办发〔2019〕6号）及市级文件',
    note: '比例限制与青年大学习参学率要求为地方做法（local）',
  },
  'rectification.bottomShare': {
    key: 'rectification.bottomShare',
    title: '重点整顿比例',
    schema: z.object({ bottomPercent: pct }),
    value: { bottomPercent: 20 },
    source: '兰州市团委《基层团组织基本任务规范提升的五个增强》',
  },
  'assessment.escalation': {
    key: 'assessment.escalation',
    title: '年终考核末位处置',
    schema: z.object({
      bottomPlaces: int.min(1),
      warningAfterYears: int.min(1),
      letterAfterYears: int.min(1),
    }),
    value: { bottomPlaces: 3, warningAfterYears: 2, letterAfterYears: 3 },
    source: '兰州市团委《基层团组织基本任务规范提升的五个增强》',
  },
  'hearing.monthly': {
    key: 'hearing.monthly',
    title: '每月述职',
    schema: z.object({ minPerMonth: int.min(0), maxPerMonth: int.min(0), reportDueDays: int.min(1) }),
    value: { minPerMonth: 5, maxPerMonth: 8, reportDueDays: 7 },
    source: '兰州市团委《基层团组织基本任务规范提升的五个增强》',
  },
  'transfer.schoolToSociety': {
    key: 'transfer.schoolToSociety',
    title: '学社衔接转接率',
    schema: z.object({ minPercent: pct }),
    value: { minPercent: 50 },
    source: '兰州市团委《基层团组织基本任务规范提升的五个增强》',
  },
  'transfer.timeout': {
    key: 'transfer.timeout',
    title: '组织关系转接时限',
    schema: z.object({ receiverDays: int.min(1) }),
    value: { receiverDays: 15 },
    source: '二手资料',
    note: '未核实（unverified）：超时提交接收方上级处理',
  },
  'themeDay.requirements': {
    key: 'themeDay.requirements',
    title: '“主题团日+”规定动作与仪式',
    schema: z.object({
      requiredActions: z.array(z.object({ key: z.string().min(1), label: z.string().min(1) })).min(1),
      ceremonyItems: z.array(z.object({ key: z.string().min(1), label: z.string().min(1) })),
      minSelfChosenActions: int.min(0),
    }),
    value: {
      requiredActions: [
        { key: 'youth_study', label: '青年大学习' },
        { key: 'dues', label: '缴纳团费' },
        { key: 'deliberation', label: '民主议事' },
        { key: 'disclosure', label: '团务公开' },
        { key: 'organisational_life', label: '支部组织生活' },
        { key: 'cadre_contact', label: '团干部密切联系青年' },
        { key: 'smart_league', label: '“智慧团建”网上共青团建设' },
      ],
      ceremonyItems: [
        { key: 'flag', label: '悬挂或摆放团旗' },
        { key: 'oath', label: '张贴入团誓词' },
        { key: 'badge', label: '团员佩戴团徽' },
        { key: 'constitution', label: '团员带上团章' },
      ],
      minSelfChosenActions: 1,
    },
    source: '兰州市团委《关于在全市各级团组织建立“主题团日+”活动长效机制的实施意见》（2019年）',
    note: '每月一次；“七事联动”规定动作，结合实际设计至少1项“自选动作”；开展时悬挂或摆放团旗、张贴入团誓词，团员佩戴团徽、带上团章',
  },
  'lecture.signup': {
    key: 'lecture.signup',
    title: '五四讲堂报名、取消与签到时段',
    schema: z.object({
      signupClosesMinutesBeforeStart: int.min(0),
      cancelClosesMinutesBeforeStart: int.min(0),
      checkInOpensMinutesBeforeStart: int.min(0),
      checkInClosesMinutesAfterEnd: int.min(0),
      listMonthsAhead: int.min(0),
    }),
    value: {
      signupClosesMinutesBeforeStart: 0,
      cancelClosesMinutesBeforeStart: 0,
      checkInOpensMinutesBeforeStart: 30,
      checkInClosesMinutesAfterEnd: 0,
      listMonthsAhead: 2,
    },
    source: '本系统约定（local）',
    note: '地方做法（local），上级文件未作规定：开讲时停止报名、开讲前可取消；开讲前30分钟至结束时可签到；小程序列出本月及其后2个月的讲堂',
  },
} as const satisfies Record<string, RuleDefinition<unknown>>;

export type RuleKey = keyof typeof ruleCatalogue;
export type RuleValue<K extends RuleKey> = (typeof ruleCatalogue)[K]['value'];
export const ruleKeys = Object.keys(ruleCatalogue) as RuleKey[];

/** The date from which the seeded version-1 rules apply. */
export const RULE_DEFAULTS_EFFECTIVE_FROM = '2019-01-01';

export interface RuleRecordDefault {
  key: RuleKey;
  title: string;
  version: 1;
  effectiveFrom: string;
  value: unknown;
  source: string;
  note: string | null;
}

export const RULE_DEFAULTS: readonly RuleRecordDefault[] = ruleKeys.map((key) => {
  const rule: RuleDefinition<unknown> = ruleCatalogue[key];
  return {
    key,
    title: rule.title,
    version: 1,
    effectiveFrom: RULE_DEFAULTS_EFFECTIVE_FROM,
    value: rule.value,
    source: rule.source,
    note: rule.note ?? null,
  };
});

/** Validate a rule value (e.g. a city admin's edit) against its schema. */
export function parseRuleValue<K extends RuleKey>(key: K, value: unknown): RuleValue<K> {
  return ruleCatalogue[key].schema.parse(value) as RuleValue<K>;
}

export interface RuleVersion<T = unknown> {
  version: number;
  effectiveFrom: string;
  value: T;
}

/** The version in force on a date: the highest effective_from ≤ date (ties: highest version). */
export function ruleInForce<T>(
  versions: readonly RuleVersion<T>[],
  onDate: string,
): RuleVersion<T> | undefined {
  let best: RuleVersion<T> | undefined;
  for (const v of versions) {
    if (v.effectiveFrom > onDate) continue;
    if (
      !best ||
      v.effectiveFrom > best.effectiveFrom ||
      (v.effectiveFrom === best.effectiveFrom && v.version > best.version)
    ) {
      best = v;
    }
  }
  return best;
}
