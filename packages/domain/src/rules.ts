/**
 * Rule data: every number of the spec is a default in versioned rule data
 * with its source (DOMAIN.md §10). The platform seeds these as version 1;
 * a city admin edits them by adding a new version with a later effective date,
 * so results computed under an older version stay reproducible.
 */
import { z } from 'zod';
import {
  DEFAULT_FRESHNESS_DAYS,
  DEFAULT_RATING_CRITERIA,
  DEFAULT_RATING_VETO_ITEMS,
  DEFAULT_TUIYOU_MIN_COUNT,
} from './rating/rating';

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
  'dues.correction': {
    key: 'dues.correction',
    title: '团费登记撤销期限',
    schema: z.object({ secretaryWindowMonths: int.min(0) }),
    value: { secretaryWindowMonths: 0 },
    source: '本系统约定（local）',
    note: '地方做法（local），上级文件未作规定：登记错误的团费由团组织书记在登记当月（0 = 仅当月，1 = 至次月底）撤销并注明原因；逾期由上级团委（区县团委管理员）撤销。撤销不删除记录，留痕可查',
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
      // Absent in rows seeded before they were rule data → the defaults of `rating/rating.ts`.
      criteria: z
        .array(
          z.object({
            key: z.string().min(1),
            good: z.enum(['team', 'management', 'activity', 'system', 'role']),
            title: z.string().min(1),
            points: int.min(0).max(100),
            mode: z.enum(['computed', 'scored']),
            source: z
              .enum([
                'election',
                'dues',
                'archive',
                'themeDayMonths',
                'themeDayParticipation',
                'meetings',
                'tuiyou',
                'freshness',
              ])
              .optional(),
          }),
        )
        .refine((cs) => cs.reduce((s, c) => s + c.points, 0) === 100, { error: '各项分值合计应为100分' })
        .optional(),
      vetoItems: z.array(z.object({ key: z.string().min(1), title: z.string().min(1) })).optional(),
      freshnessDays: int.min(1).optional(),
      tuiyouMinCount: int.min(0).optional(),
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
      criteria: DEFAULT_RATING_CRITERIA,
      vetoItems: DEFAULT_RATING_VETO_ITEMS,
      freshnessDays: DEFAULT_FRESHNESS_DAYS,
      tuiyouMinCount: DEFAULT_TUIYOU_MIN_COUNT,
    },
    source: '《基层团组织规范化建设工作实施方案》（中青办发〔2019〕6号）及市级文件',
    note: '比例限制与青年大学习参学率要求为地方做法（local）。“五个好”各20分，细则分“系统计算”（注明数据来源）与“上级评分”（附佐证）两类；信息更新及时（最近更新距评定日不超过90天）、推优入党（年内至少1人）、一票否决事项为本系统约定（local）。比例超限时按总分从高到低保留，处于限额边界的同分组织一并降一级',
  },
  'rectification.bottomShare': {
    key: 'rectification.bottomShare',
    title: '重点整顿比例',
    schema: z.object({ bottomPercent: pct }),
    value: { bottomPercent: 20 },
    source: '兰州市团委《基层团组织基本任务规范提升的五个增强》',
    note: '名次不足整数时向上取整（30个取6个，31个取7个）；与末位同分的团支部一并列入（同分同等对待）——本系统约定（local）',
  },
  'rectification.checklist': {
    key: 'rectification.checklist',
    title: '团支部整顿参考标准',
    schema: z.object({
      groups: z
        .array(
          z.object({
            key: z.string().min(1),
            label: z.string().min(1),
            items: z
              .array(
                z.object({ key: z.string().min(1), label: z.string().min(1), weight: z.number().positive() }),
              )
              .min(1),
          }),
        )
        .min(1),
      grades: z.array(z.object({ key: z.string().min(1), label: z.string().min(1), percent: pct })).min(2),
    }),
    value: {
      groups: [
        {
          key: 'setup',
          label: '组织设置',
          items: [
            { key: 'setup_complete', label: '组织设置健全，按规定设立团支部（团小组）', weight: 10 },
            { key: 'affiliation_clear', label: '隶属关系清晰，组织关系在系统中准确', weight: 10 },
          ],
        },
        {
          key: 'leadership',
          label: '班子建设',
          items: [
            { key: 'leadership_staffed', label: '班子配备齐全，书记及委员到位', weight: 10 },
            { key: 'election_on_time', label: '按期换届，按程序选举', weight: 10 },
          ],
        },
        {
          key: 'mechanism',
          label: '运行机制',
          items: [
            { key: 'three_meetings', label: '落实“三会两制一课”', weight: 10 },
            { key: 'dues_on_time', label: '按时足额交纳团费', weight: 10 },
            { key: 'archives_complete', label: '团员档案完备、信息及时更新', weight: 10 },
          ],
        },
        {
          key: 'activities',
          label: '活动开展',
          items: [
            { key: 'theme_day', label: '每月开展“主题团日+”活动', weight: 10 },
            { key: 'youth_service', label: '团员教育管理和服务青年工作正常开展', weight: 10 },
          ],
        },
        {
          key: 'role',
          label: '作用发挥',
          items: [{ key: 'role_played', label: '在本单位中心工作中发挥作用，青年认可', weight: 10 }],
        },
      ],
      grades: [
        { key: 'meets', label: '符合', percent: 100 },
        { key: 'partly', label: '基本符合', percent: 60 },
        { key: 'fails', label: '不符合', percent: 0 },
      ],
    },
    source: '本系统默认标准（local），依据ORG-3“五个问题”与“五个好”整理',
    note: '地方做法（local）：团支部整顿参考标准未见原文，默认条目覆盖组织设置不健全、关系隶属不清晰、班子配备不齐全、运行机制不顺畅、活动开展不正常五个问题与“五个好”，市团委可修订；等级分值（符合100%、基本符合60%、不符合0%）亦为本系统约定',
  },
  'rectification.sources': {
    key: 'rectification.sources',
    title: '体检四方权重',
    schema: z.object({
      weights: z.object({ member: pct, self: pct, superior: pct, peer: pct }),
    }),
    value: { weights: { member: 20, self: 20, superior: 40, peer: 20 } },
    source: '本系统约定（local）',
    note: '地方做法（local）：团员提、支部查、上级点、互相评的权重未见规定；总分按有评价的来源加权平均',
  },
  'rectification.improvement': {
    key: 'rectification.improvement',
    title: '整顿成效明显的标准',
    schema: z.object({ minGainPoints: z.number().min(0), consecutiveRounds: int.min(1) }),
    value: { minGainPoints: 10, consecutiveRounds: 2 },
    source: '本系统约定（local）',
    note: '地方做法（local）：重点整顿对象次年体检总分提高不少于10分为“明显改善”；连续2轮未明显改善的，提出调整、合并或撤销建议（ORG-6）',
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
    note: '末3名提醒约谈，连续2年告诫约谈，连续3年向其党组织发建议调整函；与第3名并列者均计入末3名；当年未考核或不在末位即中断连续（DOMAIN §10 seed）',
  },
  'hearing.monthly': {
    key: 'hearing.monthly',
    title: '每月述职',
    schema: z.object({ minPerMonth: int.min(0), maxPerMonth: int.min(0), reportDueDays: int.min(1) }),
    value: { minPerMonth: 5, maxPerMonth: 8, reportDueDays: 7 },
    source: '兰州市团委《基层团组织基本任务规范提升的五个增强》',
    note: '每月5–8个基层团组织书记述职；整改报告于述职后7日内（北京时间）提交（DOMAIN §10 seed）',
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
  'committee.sectors': {
    key: 'committee.sectors',
    title: '专门委员会与领域的对应',
    schema: z.object({
      committees: z.record(
        z.string(),
        z.object({
          sectors: z.array(z.string().min(1)),
          all: z.boolean().optional(),
          township: z.enum(['urban', 'rural']).optional(),
        }),
      ),
      ruralTownship: z.object({ sector: z.string().min(1), ruralNamePattern: z.string().min(1) }),
    }),
    value: {
      committees: {
        school: { sectors: ['university', 'vocational_school', 'high_school', 'middle_school'] },
        enterprise: { sectors: ['state_enterprise', 'non_public_enterprise', 'internet'] },
        community: {
          sectors: ['subdistrict_township', 'community', 'social_organisation'],
          township: 'urban',
        },
        rural: { sectors: ['rural', 'subdistrict_township'], township: 'rural' },
        grassroots: { sectors: [], all: true },
      },
      ruralTownship: { sector: 'subdistrict_township', ruralNamePattern: '[乡镇]' },
    },
    source: 'DOMAIN.md §0（专门委员会 ↔ 领域）',
    note: '街道乡镇领域中名称含“乡”或“镇”的组织归农业农村工作委员会，其余（街道）归社区和社会组织工作委员会（local：组织未记录城乡属性，按名称区分）；基层建设工作委员会读取全部领域',
  },
  'dataQuality.zombie': {
    key: 'dataQuality.zombie',
    title: '“僵尸支部”数据质量检查',
    schema: z.object({ months: int.min(1).max(36) }),
    value: { months: 6 },
    source: 'DOMAIN.md §11（数据质量检查）',
    note: '地方做法（local）：连续N个月无会议、无主题团日、无团费收缴、无签到记录的团支部列为疑似“僵尸支部”',
  },
  'youthStudy.week': {
    key: 'youthStudy.week',
    title: '青年大学习学习周与回看期数',
    schema: z.object({ weekStartsOn: int.min(1).max(7), lookbackWeeks: int.min(1).max(52) }),
    value: { weekStartsOn: 1, lookbackWeeks: 8 },
    source: '共青团中央“青年大学习”网上主题团课（每周一期）',
    note: '本地（local）：学习周自周一起至周日止（北京时间）；团员本人记录与提醒回看最近8期',
  },
  'inspection.findings': {
    key: 'inspection.findings',
    title: '督导检查问题整改期限',
    schema: z.object({ rectificationDays: int.min(1).max(365) }),
    value: { rectificationDays: 30 },
    source: '本系统约定（local）',
    note: '地方做法（local），上级文件未作规定：督导检查发现的问题，默认自检查之日起30日内整改并答复；检查组可逐条另定期限',
  },
  'instructor.visits': {
    key: 'instructor.visits',
    title: '基层团建指导员走访频次',
    schema: z.object({ perBranchPerYear: int.min(1).max(52) }),
    value: { perBranchPerYear: 4 },
    source: '本系统约定（local）',
    note: '地方做法（local），上级文件未作规定：基层团建指导员对所联系的每个团支部每年至少走访4次（大致每季度1次）；年中开始联系的按所余月份折算、向上取整',
  },
  'account.resetCode': {
    key: 'account.resetCode',
    title: '批量重置密码的一次性验证码',
    schema: z.object({ validityHours: int.min(1).max(720), length: int.min(8).max(16) }),
    value: { validityHours: 72, length: 10 },
    source: '本系统约定（local）',
    note: '地方做法（local），上级文件未作规定：上级为支部团员批量重置密码时生成的一次性验证码72小时内有效、只能使用一次，首次登录须设置新密码',
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
