/**
 * Demo 工作手册 (LIFE-4): procedures, a regulation, a template and a form written for the demo
 * city, the two wall charts drawn from the default rule data, and a second version of the
 * development procedure (so a reader who read version 1 sees 有更新). Numbers in the texts come
 * from the rule catalogue (version 1). Runs inside the seed's transaction with the platform
 * handle; the search index rows are written here the same way the API's publish writes them.
 */
import {
  basicAffairsWallChart,
  bodyPlainText,
  formatFen,
  type HandbookCategory,
  indexTerms,
  meetingsWallChart,
  type RuleSources,
  ruleCatalogue,
  WALL_CHART_RULE_KEYS,
  type WallChartRules,
  wallChartBody,
} from '@tuanjian/domain';
import type { Kysely } from 'kysely';
import type { PlatformDatabase } from '../schema';

const v = <K extends keyof typeof ruleCatalogue>(key: K): (typeof ruleCatalogue)[K]['value'] =>
  ruleCatalogue[key].value;

export interface DemoHandbookDocument {
  category: HandbookCategory;
  code?: string;
  /** Published versions, oldest first. */
  versions: { title: string; body: string; changeNote?: string }[];
}

function developmentProcedure(revised: boolean): string {
  const age = v('member.joiningAge');
  const dev = v('member.development');
  const steps = [
    `递交入团申请书：年满${age.minAge}周岁、不满${age.maxAge}周岁的中国青年，本人自愿向所在单位团支部递交书面申请。`,
    `谈话：团支部在收到申请后${dev.applicationTalkWithinMonths}个月内派人与申请人谈话，了解基本情况。`,
    `确定入团积极分子：经团员推荐或群团组织推优，团支部委员会研究确定，并报上级团组织备案。`,
    `培养教育：对入团积极分子进行不少于${dev.cultivationMonths}个月的培养考察，参加团课学习不少于${dev.lessonHours}学时。`,
    `确定发展对象：经培养考察合格，由${dev.introducers}名团员作入团介绍人，填写《入团志愿书》。`,
    '支部大会讨论：召开团支部大会讨论表决，赞成人数超过应到会有表决权团员的半数，方可通过。',
    '上级团委审批：报上级团委审批，批准后方为团员。',
  ];
  if (revised) {
    steps.push(
      '编号与入团仪式：审批通过即在“智慧团建”系统生成团员编号，坚决杜绝“无编号”团员；及时举行入团仪式，佩戴团徽、重温入团誓词。',
    );
  }
  return [
    '# 发展团员工作流程',
    '',
    '依据《发展团员工作细则》，发展团员坚持“入团自愿、控制数量、提高质量、严格程序”的原则。',
    '',
    '## 基本程序',
    '',
    ...steps.map((s, i) => `${i + 1}. ${s}`),
    '',
    '## 注意事项',
    '',
    `- 不满${age.minAge}周岁的，不得批准入团，杜绝“低龄入团”。`,
    '- 发展团员须在上级团委下达的指标内进行，编号在号段内按序取用。',
    ...(revised ? ['- 入团材料（申请书、志愿书、考察记录）一并归入团员档案。'] : []),
  ].join('\n');
}

function duesRegulation(): string {
  const d = v('dues.standard');
  return [
    '# 团费收缴工作规范',
    '',
    '团员应当按月缴纳团费，团费是团员对团组织应尽的义务，也是团员组织观念的体现。',
    '',
    '## 缴纳标准',
    '',
    `- 学生团员及无收入团员：每月${formatFen(d.studentFen)}元。`,
    `- 月收入${formatFen(d.lowIncomeThresholdFen)}元以下的团员：每月${formatFen(d.lowIncomeFen)}元。`,
    `- 其他在职团员：按月收入的千分之${d.perMille}缴纳，每月最多${formatFen(d.capFen)}元。`,
    '',
    '## 收缴办法',
    '',
    '1. 结合每月主题团日活动集中收缴团费，由团支部组织委员登记。',
    '2. 团支部每季度向团员公布一次团费收缴情况，接受团员监督。',
    `3. 连续${v('member.lapse').consecutiveMonths}个月不缴纳团费的，团支部应及时谈话教育，仍不改正的按自行脱团处理。`,
    '',
    '> 团费标准以团市委发布的规则数据为准，标准调整时本规范同步修订。',
  ].join('\n');
}

function recommendationProcedure(): string {
  const p = v('party.recommendation');
  return [
    '# 推优入党工作流程',
    '',
    `“推优入党”是团组织向党组织推荐${p.maxNewPartyMemberAge}周岁以下优秀团员作为入党积极分子人选的制度。`,
    '',
    '## 推荐条件',
    '',
    `- 年满${p.minAge}周岁，团龄满${p.minLeagueYears}年，已向党组织递交入党申请书满${p.minApplicationMonths}个月。`,
    '- 团员年度教育评议等次为“优秀”或“合格”，按时缴纳团费，正常参加组织生活。',
    '',
    '## 工作程序',
    '',
    '1. 个人申请与团员推荐：符合条件的团员向团支部提出申请，或由团员推荐。',
    '2. 支委会审查：团支部委员会审查推荐人选资格，确定推优对象。',
    '3. 支部大会表决：召开团支部大会，以无记名投票方式表决，赞成票超过应到会有表决权团员的半数为通过。',
    '4. 公示：推优结果在团支部范围内公示不少于5个工作日。',
    '5. 上级团委审核：报上级团委审核同意后，以团组织名义向党组织推荐，同时填写《入党积极分子培养考察表》。',
    '',
    `> 推优结果有效期为${p.validYears}年，期满未被党组织确定为入党积极分子的，须重新推荐。`,
  ].join('\n');
}

function transferGuide(): string {
  return [
    '# 团员组织关系转接办理指引',
    '',
    '团员工作、学习单位变动时，应及时转接组织关系，做到“人走关系转”。',
    '',
    '## 办理步骤',
    '',
    '1. 团员向转出团支部提出申请，说明转入单位。',
    '2. 转出团组织在“智慧团建”系统发起转接，并将团员档案一并移交。',
    `3. 转入团组织应在${v('transfer.timeout').receiverDays}日内办理接收；逾期未办理的，由上级团组织督促。`,
    '4. 转接完成后，团员到新团支部报到，参加组织生活并按月缴纳团费。',
    '',
    '## 学社衔接',
    '',
    `- 毕业学生团员离校前，学校团组织应将其组织关系转至就业单位或居住地团组织，年度转接率不低于${v('transfer.schoolToSociety').minPercent}%。`,
    '- 暂未就业的毕业生，组织关系可转至户籍所在地或居住地的社区团组织。',
  ].join('\n');
}

function minutesTemplate(): string {
  return [
    '# 团支部大会会议记录（模板）',
    '',
    '本模板用于“三会两制一课”中的团支部大会记录，请逐项填写后归档。',
    '',
    '## 基本信息',
    '',
    '- 会议时间：____年__月__日',
    '- 会议地点：__________',
    '- 主持人：__________ 记录人：__________',
    '- 应到会团员____人，实到会团员____人，缺席____人（缺席原因：__________）',
    '',
    '## 会议议程',
    '',
    '1. 学习传达上级团组织有关精神。',
    '2. 讨论决定支部重要事项（发展团员、推优入党、团员教育评议、选举等）。',
    '3. 布置下阶段工作。',
    '',
    '## 表决情况',
    '',
    '- 表决事项：__________；赞成____票，反对____票，弃权____票。',
    '',
    '> 到会团员须超过应到会团员的半数方可召开；会议记录由团支部书记签字确认。',
  ].join('\n');
}

function inspectionForm(): string {
  return [
    '# 入党积极分子培养考察表（样式）',
    '',
    '本表为兰州市“推优入党”统一样式，团支部推荐时一式两份，一份报党组织，一份存入团员档案。',
    '',
    '## 基本情况',
    '',
    '- 姓名、性别、民族、出生年月、入团时间、团员编号',
    '- 所在团支部、现任职务、递交入党申请书时间',
    '',
    '## 团组织推荐意见',
    '',
    '- 团支部大会表决情况（应到、实到、赞成、反对、弃权人数）',
    '- 团支部意见（书记签字、日期）',
    '- 上级团委审核意见（盖章、日期）',
    '',
    '## 培养考察记录',
    '',
    '- 培养联系人姓名及考察意见（每季度一次）',
  ].join('\n');
}

function themeDayGuide(): string {
  return [
    '# “主题团日+”活动实施要点',
    '',
    '各团支部每月开展一次“主题团日+”活动，既完成“七事联动”规定动作，又结合实际设计自选动作。',
    '',
    '## 七事联动规定动作',
    '',
    '1. 组织“青年大学习”。',
    '2. 缴纳团费。',
    '3. 民主议事。',
    '4. 团务公开。',
    '5. 支部组织生活。',
    '6. 团干部密切联系青年。',
    '7. “智慧团建”网上共青团建设。',
    '',
    '## 仪式要求',
    '',
    '- 活动现场悬挂或摆放团旗，张贴入团誓词。',
    '- 团员佩戴团徽、携带团章，活动照片上传留存。',
  ].join('\n');
}

function defaultWallCharts() {
  const values = {} as Record<string, unknown>;
  const sources = {} as Record<string, { source: string; version: number }>;
  for (const key of WALL_CHART_RULE_KEYS) {
    values[key] = ruleCatalogue[key].value;
    sources[key] = { source: ruleCatalogue[key].source, version: 1 };
  }
  const r = values as unknown as WallChartRules;
  const s = sources as RuleSources;
  return { basic: basicAffairsWallChart(r, s), meetings: meetingsWallChart(r, s) };
}

export function demoHandbook(): DemoHandbookDocument[] {
  const charts = defaultWallCharts();
  return [
    {
      category: 'wall_chart',
      code: 'wall_chart.basic_affairs',
      versions: [
        {
          title: `${charts.basic.title}挂图`,
          body: wallChartBody(charts.basic),
          changeNote: '按规则数据生成',
        },
      ],
    },
    {
      category: 'wall_chart',
      code: 'wall_chart.meetings',
      versions: [
        {
          title: `${charts.meetings.title}挂图`,
          body: wallChartBody(charts.meetings),
          changeNote: '按规则数据生成',
        },
      ],
    },
    {
      category: 'procedure',
      versions: [
        { title: '发展团员工作流程', body: developmentProcedure(false), changeNote: '首次发布' },
        {
          title: '发展团员工作流程',
          body: developmentProcedure(true),
          changeNote: '增加团员编号与入团仪式环节，明确入团材料归档',
        },
      ],
    },
    { category: 'procedure', versions: [{ title: '推优入党工作流程', body: recommendationProcedure() }] },
    { category: 'procedure', versions: [{ title: '团员组织关系转接办理指引', body: transferGuide() }] },
    { category: 'regulation', versions: [{ title: '团费收缴工作规范', body: duesRegulation() }] },
    { category: 'regulation', versions: [{ title: '“主题团日+”活动实施要点', body: themeDayGuide() }] },
    { category: 'template', versions: [{ title: '团支部大会会议记录（模板）', body: minutesTemplate() }] },
    { category: 'form', versions: [{ title: '入党积极分子培养考察表（样式）', body: inspectionForm() }] },
  ];
}

/**
 * Inserts the demo handbook, published by `publishedBy` (the city admin) in the days before `now`.
 * `readers` have read version 1 of every document (so the revised one shows 有更新 to them).
 */
export async function insertDemoHandbook(
  trx: Kysely<PlatformDatabase>,
  now: Date,
  publishedBy: string | null,
  readers: { tenantId: string; userId: string }[] = [],
): Promise<void> {
  const docs = demoHandbook();
  const day = 86_400_000;
  for (const [i, d] of docs.entries()) {
    const last = d.versions[d.versions.length - 1]!;
    const lastAt = new Date(now.getTime() - (docs.length - i) * day);
    const doc = await trx
      .insertInto('platform.handbook_documents')
      .values({
        category: d.category,
        title: last.title,
        code: d.code ?? null,
        current_version: d.versions.length,
        published_at: lastAt as never,
        sort_order: i,
        created_by: publishedBy,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('platform.handbook_versions')
      .values(
        d.versions.map((ver, k) => {
          const at = new Date(lastAt.getTime() - (d.versions.length - 1 - k) * 30 * day);
          return {
            document_id: doc.id,
            version: k + 1,
            title: ver.title,
            body: ver.body,
            change_note: ver.changeNote ?? null,
            created_by: publishedBy,
            created_at: at as never,
            updated_at: at as never,
            published_at: at as never,
            published_by: publishedBy,
          };
        }),
      )
      .execute();
    const terms = indexTerms(`${last.title}\n${bodyPlainText(last.body)}`);
    await trx
      .insertInto('platform.handbook_terms')
      .values(terms.map((term) => ({ document_id: doc.id, term })))
      .execute();
    if (readers.length > 0)
      await trx
        .insertInto('platform.handbook_reads')
        .values(
          readers.map((r) => ({
            tenant_id: r.tenantId,
            user_id: r.userId,
            document_id: doc.id,
            version: 1,
            read_at: lastAt as never,
          })),
        )
        .execute();
  }
}
