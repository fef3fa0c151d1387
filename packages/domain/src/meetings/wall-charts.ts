/**
 * The two wall charts (挂图) the city issues to every branch (LIFE-1, LIFE-4): "四项基础团务"
 * (团员发展、团费收缴、档案管理和组织关系转接、推优入党 — with 三会两制一课 the "4321" basic affairs)
 * and "三会两制一课". Every number on them comes from the rule data in force, with its source.
 */

import type { z } from 'zod';
import { formatFen } from '../dues/money';
import type { RuleKey, ruleCatalogue } from '../rules';
import { fractionText, meetingKindLabel, meetingRequirements } from './meetings';

type RV<K extends RuleKey> = z.infer<(typeof ruleCatalogue)[K]['schema']>;

/** The rule values a chart is drawn from (the versions in force on the chart's date). */
export type WallChartRules = {
  'meetings.frequency': RV<'meetings.frequency'>;
  'member.evaluation': RV<'member.evaluation'>;
  'member.registration': RV<'member.registration'>;
  'branch.committee': RV<'branch.committee'>;
  'member.joiningAge': RV<'member.joiningAge'>;
  'member.development': RV<'member.development'>;
  'member.developmentVote': RV<'member.developmentVote'>;
  'member.number': RV<'member.number'>;
  'dues.standard': RV<'dues.standard'>;
  'member.lapse': RV<'member.lapse'>;
  'transfer.timeout': RV<'transfer.timeout'>;
  'transfer.schoolToSociety': RV<'transfer.schoolToSociety'>;
  'party.recommendation': RV<'party.recommendation'>;
  'party.recommendationVote': RV<'party.recommendationVote'>;
};

export type WallChartRuleKey = keyof WallChartRules;
export const WALL_CHART_RULE_KEYS = [
  'meetings.frequency',
  'member.evaluation',
  'member.registration',
  'branch.committee',
  'member.joiningAge',
  'member.development',
  'member.developmentVote',
  'member.number',
  'dues.standard',
  'member.lapse',
  'transfer.timeout',
  'transfer.schoolToSociety',
  'party.recommendation',
  'party.recommendationVote',
] as const satisfies readonly WallChartRuleKey[];

export interface WallChartSection {
  title: string;
  /** One line each: what to do, with the numbers filled in. */
  items: string[];
  /** Rule keys and sources cited under the section. */
  sources: { key: WallChartRuleKey; source: string; version: number }[];
}

export interface WallChart {
  kind: 'basic_affairs' | 'meetings';
  title: string;
  subtitle: string;
  sections: WallChartSection[];
}

export type RuleSources = Record<WallChartRuleKey, { source: string; version: number }>;

const cite = (src: RuleSources, ...keys: WallChartRuleKey[]) => keys.map((key) => ({ key, ...src[key] }));

/** 三会两制一课 wall chart. */
export function meetingsWallChart(r: WallChartRules, src: RuleSources): WallChart {
  const f = r['meetings.frequency'];
  const req = meetingRequirements(f);
  const committee = r['branch.committee'];
  const ev = r['member.evaluation'];
  const reg = r['member.registration'];
  return {
    kind: 'meetings',
    title: '“三会两制一课”',
    subtitle: '团支部组织生活基本制度',
    sections: [
      {
        title: `${meetingKindLabel.general_meeting}`,
        items: [
          `${req.general_meeting.text}，由支部委员会（不设委员会的由书记）召集`,
          `到会团员须超过应到会团员的${fractionText(f.generalMeeting.quorumMoreThanFraction)}方可召开`,
          '讨论决定支部重要事项：发展团员、推优入党、团员教育评议、选举等',
        ],
        sources: cite(src, 'meetings.frequency'),
      },
      {
        title: `${meetingKindLabel.committee_meeting}`,
        items: [
          `${req.committee_meeting.text}`,
          `团员${committee.committeeFromMembers}人以上的团支部设支部委员会（${committee.minSize}至${committee.maxSize}人，最多不超过${committee.absoluteMax}人）；不足${committee.committeeFromMembers}人的设书记1人`,
          '研究落实上级部署和支部工作计划，提出提交支部团员大会讨论的事项',
        ],
        sources: cite(src, 'meetings.frequency', 'branch.committee'),
      },
      {
        title: `${meetingKindLabel.group_meeting}`,
        items: [
          req.group_meeting.period ? `${req.group_meeting.text}` : '根据工作需要召开（按需召开）',
          '组织团员学习、交流思想，落实支部分配的任务',
        ],
        sources: cite(src, 'meetings.frequency'),
      },
      {
        title: '团员教育评议制度',
        items: [
          `每年开展${ev.perYear}次`,
          `到会团员须达到应到会团员的${fractionText(ev.quorumFraction)}`,
          `等次：优秀、合格、基本合格、不合格；优秀比例不超过${ev.excellentMaxPercent}%，不合格不设比例`,
        ],
        sources: cite(src, 'member.evaluation'),
      },
      {
        title: '团员年度团籍注册制度',
        items: [
          '每年开展1次，依据团员教育评议结果进行',
          '评议为基本合格及以上的予以注册',
          `评议为不合格的暂缓注册，${reg.reassessAfterMonthsMin}至${reg.reassessAfterMonthsMax}个月后再次评议`,
        ],
        sources: cite(src, 'member.registration'),
      },
      {
        title: `${meetingKindLabel.league_lesson}`,
        items: [
          `${req.league_lesson.text}`,
          '内容包括团的基本知识、党的创新理论、形势政策等，可结合主题团日开展',
        ],
        sources: cite(src, 'meetings.frequency'),
      },
    ],
  };
}

/** 四项基础团务 wall chart: 团员发展、团费收缴、档案管理和组织关系转接、推优入党. */
export function basicAffairsWallChart(r: WallChartRules, src: RuleSources): WallChart {
  const age = r['member.joiningAge'];
  const dev = r['member.development'];
  const vote = r['member.developmentVote'];
  const num = r['member.number'];
  const dues = r['dues.standard'];
  const lapse = r['member.lapse'];
  const timeout = r['transfer.timeout'];
  const sts = r['transfer.schoolToSociety'];
  const rec = r['party.recommendation'];
  const recVote = r['party.recommendationVote'];
  return {
    kind: 'basic_affairs',
    title: '“四项基础团务”',
    subtitle: '团员发展 · 团费收缴 · 档案管理和组织关系转接 · 推优入党',
    sections: [
      {
        title: '一、团员发展',
        items: [
          `入团年龄：批准入团时年满${age.minAge}周岁、不超过${age.maxAge}周岁；严禁${age.minAge}岁以下“低龄入团”`,
          `递交入团申请后${dev.applicationTalkWithinMonths}个月内谈话`,
          `确定为入团积极分子后培养教育不少于${dev.cultivationMonths}个月，参加团课不少于${dev.lessonHours}学时`,
          `确定为发展对象，${dev.introducers}名正式团员作入团介绍人`,
          `支部团员大会讨论表决：到会须超过应到会有表决权团员的${fractionText(vote.quorumMoreThanFraction)}，赞成票超过应到会有表决权团员的${fractionText(vote.passMoreThanFraction)}方为通过`,
          `上级团委批准，发放${num.digits}位团员编号（由上级分配号段），严禁“无编号团员”；举行入团宣誓`,
        ],
        sources: cite(
          src,
          'member.joiningAge',
          'member.development',
          'member.developmentVote',
          'member.number',
        ),
      },
      {
        title: '二、团费收缴',
        items: [
          `学生、失业、享受低保的团员：每月${formatFen(dues.studentFen)}`,
          `在职团员：税后收入${formatFen(dues.lowIncomeThresholdFen)}以下每月${formatFen(dues.lowIncomeFen)}；${formatFen(dues.lowIncomeThresholdFen)}及以上按${dues.perMille}‰交纳，最高${formatFen(dues.capFen)}`,
          '结合每月主题团日按时交纳团费',
          `连续${lapse.consecutiveMonths}个月不交纳团费、不参加团的组织生活、不做团所分配的工作，提交支部团员大会讨论`,
        ],
        sources: cite(src, 'dues.standard', 'member.lapse'),
      },
      {
        title: '三、档案管理和组织关系转接',
        items: [
          '团员档案规范管理，定期核查，信息及时录入更新',
          `组织关系转接：接收方须在${timeout.receiverDays}日内办理，逾期提交接收方上级处理`,
          `学社衔接：毕业学生团员组织关系转接率不低于${sts.minPercent}%`,
        ],
        sources: cite(src, 'transfer.timeout', 'transfer.schoolToSociety'),
      },
      {
        title: '四、推优入党',
        items: [
          `推优对象：年满${rec.minAge}周岁、团龄满${rec.minLeagueYears}年、递交入党申请书满${rec.minApplicationMonths}个月`,
          '支部委员会提名 → 推优大会 → 审核 → 公示 → 上级团委审批 → 推荐给党组织',
          `推优大会到会团员须超过应到会团员的${fractionText(recVote.quorumMoreThanFraction)}，无记名投票，赞成票超过应到会有表决权团员的${fractionText(recVote.passMoreThanFraction)}为通过`,
          `推优结果有效期${rec.validYears}年；${rec.maxNewPartyMemberAge}周岁以下发展党员原则上从推优对象中产生`,
        ],
        sources: cite(src, 'party.recommendation', 'party.recommendationVote'),
      },
    ],
  };
}
