/**
 * The demo city (CONTRACTS.md "Demo city"): 兰州市团委 with nine districts + 市直, five
 * committees, a realistic organisation tree and members per district, and demo users.
 * Deterministic: same data, ids and member numbers on every run (no clock, seeded PRNG).
 */
import type { Kysely } from 'kysely';
import { hashPassword } from '../password';
import { provisionTenant } from '../provision';
import type { CommitteeDatabase, DistrictDatabase, PlatformDatabase, Role } from '../schema';
import { insertDemoAssessment } from './assessment';
import { committeeDemoAccounts, seedCommittees } from './committees';
import { type DistrictSeed, generateDistrict, type MemberNumberCounters } from './district';
import { generateDuesSeed, insertDuesSeed } from './dues';
import { insertDemoHandbook } from './handbook';
import { insertDemoInspections } from './inspections';
import { insertDemoInstructors } from './instructors';
import { insertDemoLectures } from './lectures';
import { insertLiftSeed } from './lift';
import { generateMeetingSeed, insertMeetingSeed } from './meetings';
import { personName } from './names';
import { generateOrgSeed, insertOrgSeed } from './org';
import { demoPii, sealedPiiColumns } from './pii';
import { CITY, COMMITTEE_PLANS, DISTRICT_PLANS } from './plans';
import { Prng } from './prng';
import { generateThemeDaySeed, insertThemeDaySeed } from './theme-days';
import { insertYouthSeed } from './youth';

export const DEMO_PASSWORD = 'Tuanjian@2026';

export interface DemoAccount {
  username: string;
  password: string;
  role: Role;
  /** Tenant code(s), comma-separated when several. */
  tenant: string;
  tenantName: string;
  note: string;
}

const districtName = (code: string): string =>
  DISTRICT_PLANS.find((d) => d.code === code)?.tenantName ?? code;

/** The demo accounts (pure: the same list `seedDemoCity` creates). */
export function demoAccounts(): DemoAccount[] {
  const a = (
    username: string,
    role: Role,
    tenant: string,
    tenantName: string,
    note: string,
  ): DemoAccount => ({
    username,
    password: DEMO_PASSWORD,
    role,
    tenant,
    tenantName,
    note,
  });
  return [
    a(
      'city.admin',
      'city_admin',
      CITY.code,
      CITY.name,
      '团市委管理员：管理全部区县和专门委员会、租户开通、规则数据',
    ),
    a('inspector', 'inspector', CITY.code, CITY.name, '督查组成员：查看督查和考核'),
    a('instructor', 'instructor', CITY.code, CITY.name, '基层团建指导员：走访所联系的团支部（城关区）'),
    ...DISTRICT_PLANS.map((d) =>
      a(`${d.code}.admin`, 'district_admin', d.code, d.tenantName, `${d.tenantName}管理员`),
    ),
    a(
      'chengguan.secretary',
      'org_secretary',
      'chengguan',
      districtName('chengguan'),
      '兰州市第三十三中学高一年级团总支书记（团总支及其下属团支部）',
    ),
    a(
      'chengguan.branch',
      'org_secretary',
      'chengguan',
      districtName('chengguan'),
      '兰州市第三十三中学高一（1）班团支部书记（小程序）',
    ),
    a(
      'chengguan.member',
      'member',
      'chengguan',
      districtName('chengguan'),
      '高一（1）班团支部团员（小程序）',
    ),
    a(
      'chengguan.member2',
      'member',
      'chengguan',
      districtName('chengguan'),
      '高一（1）班团支部另一名团员（小程序；主题团日签到演示）',
    ),
    a(
      'multi.admin',
      'district_admin',
      'chengguan,qilihe',
      `${districtName('chengguan')}、${districtName('qilihe')}`,
      '同时管理两个区：登录后可切换单位',
    ),
    a('enterprise.chair', 'committee_chair', 'enterprise', '企业工作委员会', '企业工作委员会主任'),
    a('enterprise.member', 'committee_member', 'enterprise', '企业工作委员会', '企业工作委员会委员'),
    ...committeeDemoAccounts().map((c) => a(c.username, c.role, c.tenant, c.tenantName, c.note)),
  ];
}

const BATCH = 400;

async function insertBatches<T>(rows: readonly T[], insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) await insert(rows.slice(i, i + BATCH));
}

/**
 * Seeds the demo city. Idempotent: does nothing (and returns the account list) when the city
 * tenant `lanzhou` exists — the city tenant is written last, so an interrupted seed is completed
 * by running it again.
 */
export async function seedDemoCity(
  db: Kysely<PlatformDatabase>,
  opts: {
    /** The seed's clock: demo 五四讲堂 are dated this month and next (default: now). */
    now?: Date;
  } = {},
): Promise<DemoAccount[]> {
  const accounts = demoAccounts();
  const existing = await db
    .selectFrom('platform.tenants')
    .select('id')
    .where('code', '=', CITY.code)
    .executeTakeFirst();
  if (existing) return accounts;

  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const counters: MemberNumberCounters = new Map();
  const districtIds = new Map<string, string>();
  let chengguanSeed: DistrictSeed | null = null;

  // Districts: provision (idempotent), then fill in one transaction if still empty.
  let sort = 10;
  for (const plan of DISTRICT_PLANS) {
    const tenant = await provisionTenant(db, {
      kind: 'district',
      code: plan.code,
      name: plan.tenantName,
      sortOrder: sort,
    });
    sort += 10;
    districtIds.set(plan.code, tenant.id);
    const seed = generateDistrict(plan, counters);
    if (plan.code === 'chengguan') chengguanSeed = seed;
    const schema = tenant.schema_name as string;
    await db.transaction().execute(async (trx) => {
      const tdb = trx.withSchema(schema) as unknown as Kysely<DistrictDatabase>;
      const any = await tdb.selectFrom('organisations').select('id').limit(1).executeTakeFirst();
      if (any) return;
      await insertBatches(seed.orgs, (chunk) => tdb.insertInto('organisations').values(chunk).execute());
      const dues = generateDuesSeed(plan.code, seed);
      const members = seed.members.map((m) => ({
        ...m,
        ...sealedPiiColumns(demoPii(plan.code, m)),
        ...dues.columns.get(m.id),
      }));
      await insertBatches(members, (chunk) => tdb.insertInto('members').values(chunk).execute());
      await insertDuesSeed(tdb, dues);
      await insertOrgSeed(tdb, generateOrgSeed(plan.code, seed));
      await insertThemeDaySeed(tdb, generateThemeDaySeed(plan.code, seed));
      await insertMeetingSeed(tdb, generateMeetingSeed(plan.code, seed));
      await insertYouthSeed(tdb, plan.code, opts.now ?? new Date());
      await insertLiftSeed(tdb, opts.now ?? new Date());
    });
  }

  // Committees with their rosters.
  const committeeIds = new Map<string, string>();
  for (const plan of COMMITTEE_PLANS) {
    const tenant = await provisionTenant(db, {
      kind: 'committee',
      code: plan.code,
      name: plan.name,
      sortOrder: sort,
    });
    sort += 10;
    committeeIds.set(plan.code, tenant.id);
  }

  // Users (insert missing), then grants.
  const rng = new Prng('tuanjian-demo:users');
  const displayName = (): string => personName(rng, rng.chance(0.5) ? 'male' : 'female', '汉族');
  const cg = chengguanSeed as DistrictSeed | null;
  if (!cg?.demoGeneralBranchId || !cg.demoBranchId) throw new Error('演示数据缺少城关区团总支/团支部');
  const demoMember = cg.members.find((m) => m.org_id === cg.demoBranchId && m.status === 'active');
  if (!demoMember) throw new Error('演示数据缺少城关区团员');
  const demoMember2 = cg.members.find(
    (m) => m.org_id === cg.demoBranchId && m.status === 'active' && m.id !== demoMember.id,
  );
  if (!demoMember2) throw new Error('演示数据缺少城关区第二名团员');

  const userRows = accounts.map((acc) => ({
    username: acc.username,
    display_name:
      acc.username === 'chengguan.member'
        ? demoMember.name
        : acc.username === 'chengguan.member2'
          ? demoMember2.name
          : displayName(),
    password_hash: passwordHash,
  }));
  await db
    .insertInto('platform.users')
    .values(userRows)
    .onConflict((oc) => oc.column('username').doNothing())
    .execute();
  const users = new Map(
    (
      await db
        .selectFrom('platform.users')
        .select(['id', 'username', 'display_name'])
        .where(
          'username',
          'in',
          accounts.map((a) => a.username),
        )
        .execute()
    ).map((u) => [u.username, u]),
  );
  const user = (name: string): { id: string; display_name: string } => {
    const u = users.get(name);
    if (!u) throw new Error(`missing demo user ${name}`);
    return u;
  };
  const userId = (name: string): string => user(name).id;

  // Committee rosters (need user ids for the enterprise chair/member).
  for (const plan of COMMITTEE_PLANS) {
    const schema = `t_${plan.code}`;
    const roster = committeeRoster(plan.code, {
      chair: plan.code === 'enterprise' ? user('enterprise.chair') : null,
      member: plan.code === 'enterprise' ? user('enterprise.member') : null,
    });
    await db.transaction().execute(async (trx) => {
      const tdb = trx.withSchema(schema) as unknown as Kysely<CommitteeDatabase>;
      const any = await tdb.selectFrom('committee_roster').select('id').limit(1).executeTakeFirst();
      if (any) return;
      await tdb.insertInto('committee_roster').values(roster).execute();
    });
  }

  // City tenant + all grants, last and atomically: its presence marks the seed complete.
  await db.transaction().execute(async (trx) => {
    const city = await trx
      .insertInto('platform.tenants')
      .values({
        kind: 'city',
        code: CITY.code,
        name: CITY.name,
        schema_name: null,
        db_role: null,
        status: 'active',
        sort_order: 0,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const did = (code: string) => districtIds.get(code) as string;
    const grants: {
      user_id: string;
      tenant_id: string;
      role: Role;
      scope_org_id: string | null;
      member_id: string | null;
    }[] = [
      {
        user_id: userId('city.admin'),
        tenant_id: city.id,
        role: 'city_admin',
        scope_org_id: null,
        member_id: null,
      },
      {
        user_id: userId('inspector'),
        tenant_id: city.id,
        role: 'inspector',
        scope_org_id: null,
        member_id: null,
      },
      {
        user_id: userId('instructor'),
        tenant_id: city.id,
        role: 'instructor',
        scope_org_id: null,
        member_id: null,
      },
      ...DISTRICT_PLANS.map((d) => ({
        user_id: userId(`${d.code}.admin`),
        tenant_id: did(d.code),
        role: 'district_admin' as const,
        scope_org_id: null,
        member_id: null,
      })),
      {
        user_id: userId('chengguan.secretary'),
        tenant_id: did('chengguan'),
        role: 'org_secretary',
        scope_org_id: cg.demoGeneralBranchId,
        member_id: null,
      },
      {
        user_id: userId('chengguan.branch'),
        tenant_id: did('chengguan'),
        role: 'org_secretary',
        scope_org_id: cg.demoBranchId,
        member_id: null,
      },
      {
        user_id: userId('chengguan.member'),
        tenant_id: did('chengguan'),
        role: 'member',
        scope_org_id: cg.demoBranchId,
        member_id: demoMember.id,
      },
      {
        user_id: userId('chengguan.member2'),
        tenant_id: did('chengguan'),
        role: 'member',
        scope_org_id: cg.demoBranchId,
        member_id: demoMember2.id,
      },
      {
        user_id: userId('multi.admin'),
        tenant_id: did('chengguan'),
        role: 'district_admin',
        scope_org_id: null,
        member_id: null,
      },
      {
        user_id: userId('multi.admin'),
        tenant_id: did('qilihe'),
        role: 'district_admin',
        scope_org_id: null,
        member_id: null,
      },
      {
        user_id: userId('enterprise.chair'),
        tenant_id: committeeIds.get('enterprise') as string,
        role: 'committee_chair',
        scope_org_id: null,
        member_id: null,
      },
      {
        user_id: userId('enterprise.member'),
        tenant_id: committeeIds.get('enterprise') as string,
        role: 'committee_member',
        scope_org_id: null,
        member_id: null,
      },
    ];
    await trx.insertInto('platform.grants').values(grants).execute();
    await seedCommittees(trx, { committeeIds });
    await insertDemoHandbook(trx, opts.now ?? new Date(), userId('city.admin'), [
      { tenantId: did('chengguan'), userId: userId('chengguan.branch') },
    ]);
    await insertDemoInspections(trx, opts.now ?? new Date(), {
      inspectorUserId: userId('inspector'),
      cityAdminUserId: userId('city.admin'),
      chengguan: {
        tenantId: did('chengguan'),
        generalBranchId: cg.demoGeneralBranchId,
        secretaryUserId: userId('chengguan.secretary'),
      },
      qilihe: { tenantId: did('qilihe') },
      xigu: { tenantId: did('xigu') },
    });
    await insertDemoAssessment(trx, opts.now ?? new Date(), { cityAdminUserId: userId('city.admin') });
    await insertDemoInstructors(trx, opts.now ?? new Date(), {
      instructorUserId: userId('instructor'),
      cityAdminUserId: userId('city.admin'),
      chengguan: { tenantId: did('chengguan'), branchId: cg.demoBranchId },
    });
    await insertDemoLectures(trx, opts.now ?? new Date(), {
      tenantId: did('chengguan'),
      seed: cg,
      excludeMemberId: demoMember.id,
    });
  });
  return accounts;
}

interface RosterRow {
  id: string;
  user_id: string | null;
  name: string;
  position: 'chair' | 'member' | 'alternate';
  unit_name: string | null;
  start_date: string;
  end_date: string | null;
  status: 'serving' | 'resigned';
}

const TERM_START = '2022-07-15';

interface LinkedUser {
  id: string;
  display_name: string;
}

const COMMITTEE_UNITS: Record<(typeof COMMITTEE_PLANS)[number]['code'], readonly string[]> = {
  school: [
    '兰州市第一中学团委',
    '兰州城市学院团委',
    '兰州交通大学团委',
    '城关区团委',
    '榆中县第一中学团委',
    '兰州市财经学校团委',
    '兰州市第三十三中学团委',
    '兰州外国语高级中学团委',
    '七里河区团委',
    '兰州新区第一高级中学团委',
  ],
  enterprise: [
    '兰州公交集团有限公司团委',
    '中国石油兰州石化公司炼油厂团委',
    '兰州银行股份有限公司团委',
    '中车兰州机车有限公司团委',
    '窑街煤电集团有限公司团委',
    '兰州新区城市发展投资集团有限公司团委',
    '甘肃丝路云数据科技有限公司团支部',
    '西固区团委',
    '兰州城市发展投资有限公司团委',
    '安宁区团委',
  ],
  community: [
    '城关区张掖路街道团工委',
    '七里河区西园街道团工委',
    '安宁区培黎街道团工委',
    '兰州市青年志愿者协会团支部',
    '城关区青少年社会工作服务中心团支部',
    '西固区先锋路街道团工委',
    '红古区华龙街道团工委',
    '安宁区团委',
    '城关区团委',
  ],
  rural: [
    '皋兰县石洞镇团委',
    '榆中县夏官营镇团委',
    '永登县红城镇团委',
    '红古区平安镇团委',
    '七里河区阿干镇团委',
    '兰州新区秦川镇团委',
    '皋兰县团委',
    '榆中县团委',
    '永登县团委',
  ],
  grassroots: [
    '城关区团委',
    '七里河区团委',
    '西固区团委',
    '安宁区团委',
    '红古区团委',
    '永登县团委',
    '皋兰县团委',
    '榆中县团委',
    '兰州新区团工委',
    '兰州市直属机关团工委',
  ],
};

export function committeeRoster(
  code: (typeof COMMITTEE_PLANS)[number]['code'],
  linked: { chair: LinkedUser | null; member: LinkedUser | null },
): RosterRow[] {
  const rng = new Prng(`tuanjian-demo:committee:${code}`);
  const units = COMMITTEE_UNITS[code];
  const rows: RosterRow[] = [];
  const person = (
    position: RosterRow['position'],
    unit: string,
    linkedUser: LinkedUser | null = null,
  ): RosterRow => ({
    id: rng.uuid(),
    user_id: linkedUser?.id ?? null,
    name:
      linkedUser?.display_name ??
      personName(rng, rng.chance(0.5) ? 'male' : 'female', rng.chance(0.9) ? '汉族' : '回族'),
    position,
    unit_name: unit,
    start_date: TERM_START,
    end_date: null,
    status: 'serving',
  });
  rows.push(person('chair', units[0] as string, linked.chair));
  const memberCount = rng.int(6, 8);
  for (let i = 1; i <= memberCount; i++) {
    rows.push(person('member', units[i % units.length] as string, i === 1 ? linked.member : null));
  }
  for (let i = 0, n = rng.int(2, 3); i < n; i++) rows.push(person('alternate', rng.pick(units)));
  // 卸职递补: the last member resigned and a replacement took the seat.
  const resigned = rows.filter((r) => r.position === 'member' && r.user_id === null).at(-1);
  if (resigned) {
    resigned.status = 'resigned';
    resigned.end_date = '2025-03-31';
    const replacement = person('member', resigned.unit_name ?? (units[0] as string));
    replacement.start_date = '2025-04-15';
    rows.push(replacement);
  }
  return rows;
}

/**
 * An empty deployment: the city tenant and one `admin` (city_admin) who must change the given
 * first password at first login. Idempotent (keeps an existing admin and its password).
 */
export async function setupEmptyCity(
  db: Kysely<PlatformDatabase>,
  opts: { adminPassword: string; cityName?: string },
): Promise<{ created: boolean }> {
  if (opts.adminPassword.length < 8) throw new Error('管理员初始密码至少 8 位');
  const existingAdmin = await db
    .selectFrom('platform.users')
    .select('id')
    .where('username', '=', 'admin')
    .executeTakeFirst();
  const city = await provisionTenant(db, { kind: 'city', code: CITY.code, name: opts.cityName ?? CITY.name });
  if (existingAdmin) return { created: false };
  const passwordHash = await hashPassword(opts.adminPassword);
  await db.transaction().execute(async (trx) => {
    const user = await trx
      .insertInto('platform.users')
      .values({
        username: 'admin',
        display_name: '系统管理员',
        password_hash: passwordHash,
        must_change_password: true,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('platform.grants')
      .values({
        user_id: user.id,
        tenant_id: city.id,
        role: 'city_admin',
        scope_org_id: null,
        member_id: null,
      })
      .execute();
  });
  return { created: true };
}
