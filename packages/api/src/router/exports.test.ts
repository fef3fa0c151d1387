/**
 * MEM-7 ledger exports (`exports.*`): each file parsed back with exceljs has the list's headers, exactly
 * the list's rows for the same filters and user (row count = list total), masked personal data only, an
 * org_secretary's file only its subtree, and every export leaves an audit entry.
 */
import type { Organisation, PlatformDatabase, Tenant } from '@tuanjian/db';
import { todayInShanghai } from '@tuanjian/domain';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ParsedLedger, plainPiiIn, readLedger } from '../test/excel';
import {
  callerAs,
  demoDatabase,
  errorOf,
  grantsOf,
  type TestDatabase,
  tenantByCode,
  tenantTables,
} from '../test/helpers';

type Caller = Awaited<ReturnType<typeof callerAs>>['caller'];

let database: TestDatabase;
let db: Kysely<PlatformDatabase>;
let chengguan: Tenant;
let admin: Caller;
let secretary: Caller;
let branchSec: Caller;
/** The secretary's 团总支 and the names of every organisation in its subtree. */
let subtree: Organisation;
let subtreeNames: Set<string>;
/** A branch under the secretary and one outside its subtree. */
let inBranch: Organisation;
let outBranch: Organisation;
const today = todayInShanghai();

beforeAll(async () => {
  database = await demoDatabase();
  db = database.db;
  chengguan = await tenantByCode(db, 'chengguan');
  const t = tenantTables(db, chengguan);
  const sg = (await grantsOf(db, 'chengguan.secretary'))[0]!;
  subtree = await t
    .selectFrom('organisations')
    .selectAll()
    .where('id', '=', sg.scope_org_id!)
    .executeTakeFirstOrThrow();
  const inside = await t
    .selectFrom('organisations')
    .selectAll()
    .where('path', 'like', `${subtree.path}%`)
    .execute();
  subtreeNames = new Set(inside.map((o) => o.name));
  const bg = (await grantsOf(db, 'chengguan.branch'))[0]!;
  inBranch = inside.find((o) => o.id === bg.scope_org_id)!;
  expect(inBranch).toBeDefined();
  outBranch = await t
    .selectFrom('organisations')
    .selectAll()
    .where('kind', '=', 'branch')
    .where('status', '=', 'active')
    .where('path', 'not like', `${subtree.path}%`)
    .orderBy('path')
    .executeTakeFirstOrThrow();
  admin = (await callerAs(database, 'chengguan.admin')).caller;
  secretary = (await callerAs(database, 'chengguan.secretary')).caller;
  branchSec = (await callerAs(database, 'chengguan.branch')).caller;
}, 300_000);

afterAll(async () => {
  await database?.close();
});

async function activeMembers(orgId: string, n: number) {
  return tenantTables(db, chengguan)
    .selectFrom('members')
    .select(['id', 'name'])
    .where('org_id', '=', orgId)
    .where('status', '=', 'active')
    .orderBy('name')
    .limit(n)
    .execute();
}

/** Common checks of every export: layout, row count, no plain personal data. */
async function parsed(
  file: { fileName: string; base64: string; rows: number },
  headers: string[],
  total: number,
) {
  const p = await readLedger(file);
  expect(p.headers).toEqual(headers);
  expect(p.frozenRows).toBe(3);
  expect(file.fileName).toMatch(/\.xlsx$/);
  expect(file.rows).toBe(total);
  expect(p.rows).toHaveLength(total);
  expect(plainPiiIn(p)).toEqual([]);
  return p;
}

function column(p: ParsedLedger, header: string) {
  return p.records.map((r) => r[header]);
}

async function auditCount(action: string) {
  const r = await db
    .selectFrom('platform.audit_log')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('action', '=', action)
    .where('target_type', '=', 'ledger_export')
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

describe('发展团员台帐 (exports.applications)', () => {
  it('same rows as development.list for the same filters; a secretary gets its subtree only; audited', async () => {
    await branchSec.development.submit({
      orgId: inBranch.id,
      name: '导出甲',
      gender: 'female',
      birthDate: '2010-03-01',
      appliedOn: '2026-09-01',
    });
    await branchSec.development.submit({
      orgId: inBranch.id,
      name: '导出乙',
      gender: 'male',
      birthDate: '2010-04-01',
      appliedOn: '2026-09-02',
    });
    await admin.development.submit({
      orgId: outBranch.id,
      name: '导出丙',
      gender: 'male',
      birthDate: '2010-05-01',
      appliedOn: '2026-09-03',
    });
    const headers = [
      '姓名',
      '性别',
      '出生日期',
      '团支部',
      '申请日期',
      '当前阶段',
      '下一步',
      '谈话期限',
      '谈话逾期',
      '团员编号',
    ];
    const all = await admin.development.list({ pageSize: 200 });
    const pAll = await parsed(await admin.exports.applications({}), headers, all.total);
    expect(column(pAll, '姓名')).toEqual(all.items.map((i) => i.name));
    expect(column(pAll, '姓名')).toContain('导出丙');
    const birth = pAll.records.find((r) => r['姓名'] === '导出甲')!['出生日期'];
    expect(birth).toBeInstanceOf(Date);
    expect((birth as Date).toISOString().slice(0, 10)).toBe('2010-03-01');

    const mine = await secretary.development.list({ pageSize: 200 });
    const pMine = await parsed(await secretary.exports.applications({}), headers, mine.total);
    expect(mine.total).toBeLessThan(all.total);
    expect(column(pMine, '姓名')).not.toContain('导出丙');
    for (const org of column(pMine, '团支部')) expect(subtreeNames.has(org as string)).toBe(true);

    const filtered = await admin.development.list({ q: '导出', stage: 'applied', pageSize: 200 });
    const pF = await parsed(
      await admin.exports.applications({ q: '导出', stage: 'applied' }),
      headers,
      filtered.total,
    );
    expect(filtered.total).toBe(3);
    expect(pF.filterLine).toContain('姓名含导出');

    expect(await auditCount('exports.applications')).toBe(3);
    const member = (await callerAs(database, 'chengguan.member')).caller;
    expect(await errorOf(member.exports.applications({}))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await errorOf(secretary.exports.applications({ orgId: outBranch.id }))).toMatchObject({
      code: 'FORBIDDEN',
    });
  });
});

describe('两制: 评议结果 and 年度团籍注册 (exports.evaluation, exports.registration)', () => {
  it('the roster of a branch and year, grades and registration results', async () => {
    const roster0 = await branchSec.development.evaluationRoster({ orgId: inBranch.id, year: 2026 });
    const n = roster0.members.length;
    expect(n).toBeGreaterThan(0);
    await branchSec.development.recordEvaluation({
      orgId: inBranch.id,
      year: 2026,
      heldOn: '2026-03-01',
      present: n,
      grades: roster0.members.map((m) => ({ memberId: m.id, grade: 'qualified' as const })),
    });
    await branchSec.development.register({ orgId: inBranch.id, year: 2026, decidedOn: '2026-03-10' });
    const roster = await branchSec.development.evaluationRoster({ orgId: inBranch.id, year: 2026 });

    const ev = await parsed(
      await branchSec.exports.evaluation({ orgId: inBranch.id, year: 2026 }),
      ['姓名', '团员编号', '评议等次', '评议日期'],
      n,
    );
    expect(ev.title).toBe(`${inBranch.name} 2026年度团员教育评议结果`);
    expect(column(ev, '姓名')).toEqual(roster.members.map((m) => m.name));
    expect(new Set(column(ev, '评议等次'))).toEqual(new Set(['合格']));

    const reg = await parsed(
      await branchSec.exports.registration({ orgId: inBranch.id, year: 2026 }),
      [
        '姓名',
        '团员编号',
        '评议等次',
        '注册结果',
        '办理日期',
        '再评议开始',
        '再评议截止',
        '再评议日期',
        '原因',
      ],
      n,
    );
    expect(new Set(column(reg, '注册结果'))).toEqual(new Set(['已注册']));
    expect((reg.records[0]!['办理日期'] as Date).toISOString().slice(0, 10)).toBe('2026-03-10');
    expect(await auditCount('exports.registration')).toBe(1);

    // Outside the secretary's subtree: refused like the roster.
    expect(await errorOf(secretary.exports.registration({ orgId: outBranch.id, year: 2026 }))).toMatchObject({
      code: 'FORBIDDEN',
    });
  });
});

describe('组织关系转接 (exports.transfers)', () => {
  it('same rows as transfers.list per box; ID numbers masked; a secretary sees its subtree only', async () => {
    const [a] = await activeMembers(inBranch.id, 1);
    const [b] = await activeMembers(outBranch.id, 1);
    await admin.transfers.start({ memberId: a!.id, target: { type: 'internal', orgId: outBranch.id } });
    await admin.transfers.start({
      memberId: b!.id,
      target: { type: 'out_of_city', name: '外省某团委', contact: '张老师' },
    });
    const headers = [
      '姓名',
      '团员编号',
      '身份证号',
      '类型',
      '转出组织',
      '接收组织',
      '申请日期',
      '状态',
      '超时上报',
      '超时天数',
      '接收时限',
      '办结日期',
      '转接原因',
    ];
    const all = await admin.transfers.list({ box: 'all', pageSize: 200 });
    const p = await parsed(await admin.exports.transfers({ box: 'all' }), headers, all.total);
    expect(column(p, '姓名')).toEqual(all.items.map((i) => i.memberName));
    const ids = column(p, '身份证号').filter((v) => v !== null);
    expect(ids.length).toBeGreaterThan(0);
    for (const v of ids) expect(v).toMatch(/\*{6,}/);
    expect(ids).toEqual(all.items.map((i) => i.memberIdCardMasked).filter((v) => v !== null));
    expect((p.records[0]!['申请日期'] as Date).toISOString().slice(0, 10)).toBe(today);

    const done = await admin.transfers.list({ box: 'all', status: 'completed', pageSize: 200 });
    await parsed(await admin.exports.transfers({ box: 'all', status: 'completed' }), headers, done.total);

    const mine = await secretary.transfers.list({ box: 'all', pageSize: 200 });
    const pm = await parsed(await secretary.exports.transfers({ box: 'all' }), headers, mine.total);
    expect(mine.total).toBeLessThan(all.total);
    expect(column(pm, '姓名')).not.toContain(b!.name);
  });
});

describe('团费交纳明细 (exports.duesMonth)', () => {
  it('payable and arrears per member in 元 from 分, the month of the list', async () => {
    const month = today.slice(0, 7);
    const list = await admin.dues.branchMonth({ orgId: inBranch.id, month });
    const p = await parsed(
      await admin.exports.duesMonth({ orgId: inBranch.id, month }),
      [
        '姓名',
        '团员编号',
        '团支部',
        '类别',
        '本月应交（元）',
        '本月已交',
        '欠交月数',
        '累计欠交（元）',
        '欠交月份',
        '拟停止团籍',
        '计算依据',
      ],
      list.rows.length,
    );
    expect(column(p, '本月应交（元）')).toEqual(list.rows.map((r) => r.payableFen / 100));
    expect(column(p, '累计欠交（元）').map((v) => Math.round((v as number) * 100))).toEqual(
      list.rows.map((r) => r.arrearsFen),
    );
    expect(p.numFmts[4]).toBe('#,##0.00');
    // The page's own filters (payment state, name) give the same rows in the file.
    const arrears = list.rows.filter((r) => r.arrearsMonths.length > 0);
    const pa = await parsed(
      await admin.exports.duesMonth({ orgId: inBranch.id, month, status: 'arrears' }),
      p.headers,
      arrears.length,
    );
    expect(column(pa, '姓名')).toEqual(arrears.map((r) => r.name));
    const first = list.rows[0]!;
    const byName = list.rows.filter((r) => r.name.includes(first.name));
    await parsed(
      await admin.exports.duesMonth({ orgId: inBranch.id, month, q: first.name }),
      p.headers,
      byName.length,
    );

    const whole = await admin.dues.branchMonth({ month });
    const mine = await secretary.dues.branchMonth({ month });
    await parsed(await admin.exports.duesMonth({ month }), p.headers, whole.rows.length);
    const pm = await parsed(await secretary.exports.duesMonth({ month }), p.headers, mine.rows.length);
    expect(mine.rows.length).toBeLessThan(whole.rows.length);
    for (const org of column(pm, '团支部')) expect(subtreeNames.has(org as string)).toBe(true);
  });
});

describe('推优入党 (exports.recommendations)', () => {
  it('same rows as recommendations.list; secretary subtree only', async () => {
    const headers = ['姓名', '团员编号', '团支部', '提名日期', '阶段', '下一步', '有效期至'];
    const all = await admin.recommendations.list({ pageSize: 200 });
    const p = await parsed(await admin.exports.recommendations({}), headers, all.total);
    expect(column(p, '姓名')).toEqual(all.items.map((i) => i.memberName));
    const mine = await secretary.recommendations.list({ pageSize: 200 });
    const pm = await parsed(await secretary.exports.recommendations({}), headers, mine.total);
    for (const org of column(pm, '团支部')) expect(subtreeNames.has(org as string)).toBe(true);
  });
});

describe('空白点 and 组织调整 (exports.gaps, exports.proposals)', () => {
  it('same rows as the lists for the same filters', async () => {
    const gapHeaders = [
      '单位名称',
      '单位类型',
      '地址',
      '青年人数',
      '负责组织',
      '登记日期',
      '状态',
      '覆盖组织',
      '覆盖日期',
      '备注',
    ];
    const gaps = await admin.org.gaps.list({});
    const pg = await parsed(await admin.exports.gaps({}), gapHeaders, gaps.total);
    expect(column(pg, '单位名称')).toEqual(gaps.items.map((g) => g.unitName));
    const open = await secretary.org.gaps.list({ status: 'open' });
    await parsed(await secretary.exports.gaps({ status: 'open' }), gapHeaders, open.total);

    await secretary.org.proposals.create({
      kind: 'adjust',
      orgId: inBranch.id,
      targetOrgId: inBranch.parent_id,
      newName: `${inBranch.name}（调整）`,
      reason: '单位更名',
      effectiveOn: today,
    });
    await admin.org.proposals.create({
      kind: 'adjust',
      orgId: outBranch.id,
      targetOrgId: outBranch.parent_id,
      newName: `${outBranch.name}（调整）`,
      reason: '单位更名',
      effectiveOn: today,
    });
    const propHeaders = [
      '类型',
      '组织',
      '目标组织',
      '新名称',
      '理由',
      '生效日期',
      '状态',
      '提出人',
      '提出日期',
      '审批人',
      '审批日期',
      '审批意见',
      '执行日期',
      '转移团员数',
      '转移下级组织数',
    ];
    const all = await admin.org.proposals.list({});
    const pa = await parsed(await admin.exports.proposals({}), propHeaders, all.length);
    expect(column(pa, '组织')).toContain(outBranch.name);
    const mine = await secretary.org.proposals.list({ status: 'pending' });
    const pm = await parsed(
      await secretary.exports.proposals({ status: 'pending' }),
      propHeaders,
      mine.length,
    );
    expect(mine.length).toBeLessThan(all.length);
    expect(column(pm, '组织')).not.toContain(outBranch.name);
  });
});

describe('档案待完善团员 (exports.completeness)', () => {
  it('every incomplete member of the list (all pages), secretary subtree only', async () => {
    const headers = ['姓名', '团员编号', '所在组织', '完备度', '缺少', '最近核查'];
    const all = await admin.archive.completeness({ pageSize: 10 });
    const p = await parsed(await admin.exports.completeness({}), headers, all.incomplete.total);
    expect(column(p, '姓名').slice(0, 10)).toEqual(all.incomplete.items.map((m) => m.name));
    const mine = await secretary.archive.completeness({ pageSize: 10 });
    const pm = await parsed(await secretary.exports.completeness({}), headers, mine.incomplete.total);
    expect(mine.incomplete.total).toBeLessThan(all.incomplete.total);
    for (const org of column(pm, '所在组织')) expect(subtreeNames.has(org as string)).toBe(true);
  });
});

describe('团员编号号段 (exports.numberBlocks, exports.cityNumberBlocks)', () => {
  it('the city and the district blocks as listed', async () => {
    const city = (await callerAs(database, 'city.admin')).caller;
    await city.development.assignCityBlock({
      tenantId: chengguan.id,
      year: 2026,
      startSeq: 5001,
      endSeq: 6000,
    });
    const committee = await tenantTables(db, chengguan)
      .selectFrom('organisations')
      .selectAll()
      .where('kind', '=', 'league_committee')
      .orderBy('path')
      .executeTakeFirstOrThrow();
    await admin.development.assignBlock({ orgId: committee.id, year: 2026, startSeq: 5001, endSeq: 5100 });

    const cityList = await city.development.cityBlocks({ year: 2026 });
    const pc = await parsed(
      await city.exports.cityNumberBlocks({ year: 2026 }),
      ['年度', '区县团委', '起始序号', '结束序号', '数量', '备注', '分配日期'],
      cityList.length,
    );
    expect(column(pc, '起始序号')).toEqual(cityList.map((b) => b.startSeq));
    expect(await auditCount('exports.cityNumberBlocks')).toBe(1);

    const blocks = await admin.development.blocks({ year: 2026 });
    const pb = await parsed(
      await admin.exports.numberBlocks({ year: 2026 }),
      ['年度', '团委', '起始序号', '结束序号', '下一个序号', '已使用', '剩余'],
      blocks.blocks.length,
    );
    expect(column(pb, '团委')).toContain(committee.name);
    expect(await errorOf(admin.exports.cityNumberBlocks({}))).toMatchObject({ code: 'FORBIDDEN' });
  });
});
