/**
 * Demo data of SUP-1 / SUP-2: last quarter's inspection (plan, the `inspector` as team leader,
 * targets in 城关区 and 七里河区 across sectors, findings — one answered, one overdue —, a
 * published circular) and a few good practices (promoted, submitted). Organisations are read from
 * the districts' schemas already seeded (names only).
 */
import { type Kysely, sql, type Transaction } from 'kysely';
import type { PlatformDatabase } from '../schema';

type Db = Transaction<PlatformDatabase> | Kysely<PlatformDatabase>;

const pad = (n: number) => String(n).padStart(2, '0');

/** Last Shanghai quarter of `now`. */
function lastQuarter(now: Date) {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(now);
  const y = Number(today.slice(0, 4));
  const q = Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1;
  const year = q === 1 ? y - 1 : y;
  const quarter = q === 1 ? 4 : q - 1;
  const first = (quarter - 1) * 3 + 1;
  const start = `${year}-${pad(first)}-01`;
  const end = new Date(Date.UTC(year, first + 2, 0)).toISOString().slice(0, 10);
  return { year, quarter, start, end, label: `${year}年第${'一二三四'[quarter - 1]}季度` };
}

const addDays = (date: string, days: number) => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
};

interface OrgRow {
  id: string;
  name: string;
  kind: string;
  sector: string | null;
}

async function orgs(db: Db, schema: string, where: { id?: string; sector?: string[] }): Promise<OrgRow[]> {
  const cond = where.id
    ? sql`id = ${where.id}`
    : sql`sector in (${sql.join(where.sector ?? [])}) and kind in ('league_committee', 'general_branch')`;
  const { rows } = await sql<OrgRow>`select id, name, kind, sector from ${sql.id(schema, 'organisations')}
    where status = 'active' and ${cond} order by path limit 1`.execute(db);
  return rows;
}

export async function insertDemoInspections(
  db: Db,
  now: Date,
  ids: {
    inspectorUserId: string;
    cityAdminUserId: string;
    chengguan: { tenantId: string; generalBranchId: string | null; secretaryUserId: string };
    qilihe: { tenantId: string };
    xigu: { tenantId: string };
  },
): Promise<void> {
  const period = lastQuarter(now);
  const plan = await db
    .insertInto('platform.inspection_plans')
    .values({
      year: period.year,
      quarter: period.quarter,
      title: `${period.label}全市共青团基层组织建设督导检查`,
      focus: '“三会两制一课”落实、团费收缴、“主题团日+”开展、团员档案管理',
      methods: [
        'unannounced_visit',
        'hearing_report',
        'site_visit',
        'ledger_review',
        'symposium',
        'individual_talk',
      ],
      starts_on: addDays(period.start, 14),
      ends_on: addDays(period.end, -10),
      status: 'closed',
      created_by: ids.cityAdminUserId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('platform.inspection_team_members')
    .values({ plan_id: plan.id, user_id: ids.inspectorUserId, is_leader: true })
    .execute();

  const school = ids.chengguan.generalBranchId
    ? await orgs(db, 't_chengguan', { id: ids.chengguan.generalBranchId })
    : [];
  const community = await orgs(db, 't_chengguan', { sector: ['community', 'rural'] });
  const enterprise = await orgs(db, 't_qilihe', { sector: ['state_enterprise', 'non_public_enterprise'] });
  const targets: { tenantId: string; org: OrgRow; sector: string }[] = [
    ...school.map((org) => ({ tenantId: ids.chengguan.tenantId, org, sector: 'school' })),
    ...community.map((org) => ({ tenantId: ids.chengguan.tenantId, org, sector: 'community_rural' })),
    ...enterprise.map((org) => ({
      tenantId: ids.qilihe.tenantId,
      org,
      sector: org.sector === 'state_enterprise' ? 'state_enterprise' : 'non_public_social',
    })),
  ];
  const inspectedOn = addDays(period.start, 20);
  const findings: {
    t: number;
    method: string;
    severity: 'minor' | 'general' | 'serious';
    description: string;
    status: 'open' | 'answered' | 'closed';
  }[] = [
    {
      t: 0,
      method: 'ledger_review',
      severity: 'general',
      description: '部分班级团支部团员大会记录不全，未按季度召开支部团员大会',
      status: 'open',
    },
    {
      t: 0,
      method: 'individual_talk',
      severity: 'minor',
      description: '个别团员不清楚本支部“主题团日+”活动安排',
      status: 'answered',
    },
    {
      t: 1,
      method: 'site_visit',
      severity: 'minor',
      description: '团务公开栏内容未及时更新',
      status: 'closed',
    },
    {
      t: 2,
      method: 'unannounced_visit',
      severity: 'serious',
      description: '团费收缴台账缺失，近半年未按月收缴团费',
      status: 'open',
    },
  ];
  const lines: string[] = [];
  for (const f of findings) {
    const target = targets[f.t];
    if (!target) continue;
    const t = await db
      .insertInto('platform.inspection_targets')
      .values({
        plan_id: plan.id,
        tenant_id: target.tenantId,
        org_id: target.org.id,
        org_name: target.org.name,
        org_kind: target.org.kind,
        sector: target.sector,
      })
      .onConflict((oc) => oc.constraint('inspection_targets_uq').doUpdateSet({ sector: target.sector }))
      .returning('id')
      .executeTakeFirstOrThrow();
    const row = await db
      .insertInto('platform.inspection_findings')
      .values({
        plan_id: plan.id,
        target_id: t.id,
        tenant_id: target.tenantId,
        org_id: target.org.id,
        org_name: target.org.name,
        method: f.method,
        severity: f.severity,
        description: f.description,
        requirement: '对照问题逐项整改，建立长效机制',
        inspected_on: inspectedOn,
        deadline: addDays(inspectedOn, 30),
        status: f.status,
        recorded_by: ids.inspectorUserId,
        answered_at: f.status === 'open' ? null : (addDays(inspectedOn, 20) as never),
        closed_at: f.status === 'closed' ? (addDays(inspectedOn, 25) as never) : null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (f.status !== 'open') {
      await db
        .insertInto('platform.inspection_answers')
        .values({
          finding_id: row.id,
          tenant_id: target.tenantId,
          body: '已召开专题会议研究整改，完善制度并明确专人负责，整改已完成。',
          answered_by: ids.chengguan.secretaryUserId,
          answered_by_name: '团组织书记',
          answered_at: addDays(inspectedOn, 20) as never,
        })
        .execute();
    }
    lines.push(`　　${target.org.name}：${f.description}。`);
  }
  await db
    .insertInto('platform.inspection_circulars')
    .values({
      plan_id: plan.id,
      title: `关于${period.label}全市共青团基层组织建设督导检查情况的通报`,
      doc_number: `兰团通〔${period.year}〕${period.quarter + 10}号`,
      body: [
        '各区县团委：',
        `　　按照全市共青团基层组织建设督导检查工作安排，团市委督查组采取明察暗访、听取汇报、实地查看、调阅台账、专题座谈、个别谈话等方式，对${targets.length}个基层团组织进行了${period.label}督导检查。现将发现的主要问题通报如下：`,
        ...lines,
        '　　各被检查单位要对照问题清单逐项整改，在整改期限内通过系统答复整改情况。',
      ].join('\n'),
      status: 'published',
      published_at: addDays(period.end, -5) as never,
      published_on: addDays(period.end, -5),
      created_by: ids.cityAdminUserId,
    })
    .execute();

  const half = `${period.year}-H${period.quarter <= 2 ? 1 : 2}`;
  await db
    .insertInto('platform.good_practices')
    .values([
      {
        title: '“团干部+青年”结对联系制度',
        body: '每名团干部固定联系5至10名青年，每月至少一次谈心谈话，建立联系台账，及时掌握青年思想动态和急难愁盼。',
        tags: ['联系青年', '团干部'],
        sector: 'community_rural',
        tenant_id: ids.xigu.tenantId,
        tenant_name: '西固区团委',
        source_org_name: '西固区团委',
        half_year: half,
        status: 'promoted',
        promoted_at: addDays(period.end, -3) as never,
        promoted_by: ids.cityAdminUserId,
      },
      {
        title: '“主题团日+”活动菜单化',
        body: '团委每月发布“主题团日+”活动菜单，规定动作与自选动作清单化，班级团支部按菜单组织，活动照片和记录当天上传。',
        tags: ['主题团日', '智慧团建'],
        sector: 'school',
        tenant_id: null,
        tenant_name: '团市委',
        source_org_name: '兰州市第二中学团委',
        half_year: half,
        status: 'promoted',
        promoted_at: addDays(period.end, -3) as never,
        promoted_by: ids.cityAdminUserId,
      },
      {
        title: '企业团费线上收缴',
        body: '依托“智慧团建”系统按月收缴团费，财务每季度对账，团费收缴率达到100%。',
        tags: ['团费', '智慧团建'],
        sector: 'state_enterprise',
        tenant_id: ids.qilihe.tenantId,
        tenant_name: '七里河区团委',
        source_org_name: '七里河区团委',
        half_year: half,
        status: 'submitted',
      },
    ])
    .execute();
}
