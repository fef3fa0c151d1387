import type { Organisation, PlatformDatabase, Tenant } from '@tuanjian/db';
import { idCardCheckChar } from '@tuanjian/domain';
import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEMPLATE_COLUMNS } from '../services/imports';
import {
  callerAs,
  demoDatabase,
  errorOf,
  grantsOf,
  type TestDatabase,
  tenantByCode,
  tenantTables,
} from '../test/helpers';

let database: TestDatabase;
let db: Kysely<PlatformDatabase>;
let chengguan: Tenant;
let scopeOrg: Organisation;
let branch: Organisation;

beforeAll(async () => {
  database = await demoDatabase();
  db = database.db;
  chengguan = await tenantByCode(db, 'chengguan');
  const t = tenantTables(db, chengguan);
  const g = (await grantsOf(db, 'chengguan.secretary'))[0]!;
  scopeOrg = await t
    .selectFrom('organisations')
    .selectAll()
    .where('id', '=', g.scope_org_id!)
    .executeTakeFirstOrThrow();
  branch = await t
    .selectFrom('organisations')
    .selectAll()
    .where('parent_id', '=', scopeOrg.id)
    .where('kind', '=', 'branch')
    .orderBy('name')
    .executeTakeFirstOrThrow();
}, 300_000);

afterAll(async () => {
  await database?.close();
});

function idFor(birth: string, order: string): string {
  const first17 = `620102${birth.replaceAll('-', '')}${order}`;
  return first17 + idCardCheckChar(first17);
}

async function xlsx(kind: 'organisations' | 'members', rows: Record<string, unknown>[]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('导入');
  ws.addRow(TEMPLATE_COLUMNS[kind].map((c) => c.header));
  for (const r of rows) ws.addRow(TEMPLATE_COLUMNS[kind].map((c) => r[c.key] ?? null));
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer).toString('base64');
}

async function runToEnd(caller: Awaited<ReturnType<typeof callerAs>>['caller'], jobId: string) {
  const progress: number[] = [];
  for (;;) {
    const job = await caller.imports.process({ jobId });
    progress.push(job.processedRows);
    if (job.status !== 'running') return { job, progress };
  }
}

describe('imports: template', () => {
  it('offers an .xlsx template per kind with the header row', async () => {
    const { caller } = await callerAs(database, 'chengguan.admin');
    for (const kind of ['organisations', 'members'] as const) {
      const t = await caller.imports.template({ kind });
      expect(t.fileName).toMatch(/\.xlsx$/);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(t.base64, 'base64') as unknown as ArrayBuffer);
      const head = wb.worksheets[0]!.getRow(1).values as unknown[];
      expect(head.slice(1)).toEqual(TEMPLATE_COLUMNS[kind].map((c) => c.header));
    }
  });
});

describe('imports: members', () => {
  const good1 = {
    name: '导入甲',
    gender: '男',
    ethnicity: '汉族',
    birthDate: '2004-06-01',
    education: '大学本科',
  };
  const rows = () => [
    {
      ...good1,
      idCard: idFor('2004-06-01', '031'),
      phone: '13909311111',
      org: branch.name,
      joinDate: '2019-05-04',
    },
    { name: '导入乙', gender: '女', birthDate: '2003-02-03', memberNumber: '201962990001', org: branch.name },
    {
      name: '坏行',
      gender: '男',
      birthDate: '2004-06-01',
      idCard: `${idFor('2004-06-01', '051').slice(0, 17)}0`,
      org: branch.name,
    },
    {
      name: '太小',
      gender: '女',
      birthDate: '2010-01-01',
      joinDate: '2023-12-31',
      memberNumber: '202362990002',
      org: branch.name,
    },
    {
      name: '无组织',
      gender: '女',
      birthDate: '2001-01-01',
      memberNumber: '201862990003',
      org: '不存在的团支部',
    },
  ];

  it('good rows are written, bad rows reported with row number and reason; re-import changes nothing', async () => {
    const { caller } = await callerAs(database, 'chengguan.secretary');
    const t = tenantTables(db, chengguan);
    const before = await t
      .selectFrom('members')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const contentBase64 = await xlsx('members', rows());
    const up = await caller.imports.upload({ kind: 'members', fileName: '团员.xlsx', contentBase64 });
    expect(up).toMatchObject({ status: 'running', totalRows: 5, processedRows: 0 });
    const { job } = await runToEnd(caller, up.id);
    expect(job).toMatchObject({ status: 'done', createdRows: 2, unchangedRows: 0, errorRows: 3 });
    expect(job.errors.map((e) => e.row)).toEqual([4, 5, 6]);
    expect(job.errors[0]!.message).toContain('校验码');
    expect(job.errors[1]!.message).toContain('未满14周岁');
    expect(job.errors[2]!.message).toContain('不存在');
    const after = await t
      .selectFrom('members')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n) + 2);
    const jia = await t
      .selectFrom('members')
      .selectAll()
      .where('name', '=', '导入甲')
      .executeTakeFirstOrThrow();
    expect(jia.id_card_masked).toMatch(/^6201\*{10}/);
    expect(JSON.stringify(jia)).not.toContain(rows()[0]!.idCard);

    const again = await caller.imports.upload({ kind: 'members', fileName: '团员.xlsx', contentBase64 });
    const { job: job2 } = await runToEnd(caller, again.id);
    expect(job2).toMatchObject({
      status: 'done',
      createdRows: 0,
      updatedRows: 0,
      unchangedRows: 2,
      errorRows: 3,
    });
    const after2 = await t
      .selectFrom('members')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after2.n)).toBe(Number(after.n));
    const jia2 = await t
      .selectFrom('members')
      .selectAll()
      .where('name', '=', '导入甲')
      .executeTakeFirstOrThrow();
    expect(jia2.id_card_sealed).toBe(jia.id_card_sealed);
    expect(jia2.updated_at).toEqual(jia.updated_at);
    // A job row and its audit entries.
    const audit = await db
      .selectFrom('platform.audit_log')
      .selectAll()
      .where('action', '=', 'imports.upload')
      .execute();
    expect(audit.length).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(audit)).not.toMatch(/\d{17}[\dX]/);
  });

  it('large files are processed in chunks with progress', async () => {
    const { caller } = await callerAs(database, 'chengguan.admin');
    const many = Array.from({ length: 450 }, (_, i) => ({
      name: `批量${i}`,
      gender: i % 2 ? '男' : '女',
      birthDate: '2002-03-04',
      memberNumber: `2018629${String(80000 + i).padStart(5, '0')}`,
      org: branch.name,
    }));
    const up = await caller.imports.upload({
      kind: 'members',
      fileName: 'many.xlsx',
      contentBase64: await xlsx('members', many),
    });
    const { job, progress } = await runToEnd(caller, up.id);
    expect(progress).toEqual([200, 400, 450]);
    expect(job).toMatchObject({ createdRows: 450, errorRows: 0 });
    expect((await caller.imports.get({ jobId: up.id })).processedRows).toBe(450);
  });

  it('refuses non-xlsx, old .xls, oversized and formula-bearing files cleanly', async () => {
    const { caller } = await callerAs(database, 'chengguan.admin');
    const good = await xlsx('members', rows().slice(0, 1));
    expect(
      await errorOf(caller.imports.upload({ kind: 'members', fileName: 'a.csv', contentBase64: good })),
    ).toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('.xlsx'),
    });
    const xls = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0]), Buffer.alloc(100)]).toString('base64');
    expect(
      await errorOf(caller.imports.upload({ kind: 'members', fileName: 'a.xlsx', contentBase64: xls })),
    ).toMatchObject({
      message: expect.stringContaining('.xls'),
    });
    const junk = Buffer.from('not a zip at all').toString('base64');
    expect(
      await errorOf(caller.imports.upload({ kind: 'members', fileName: 'a.xlsx', contentBase64: junk })),
    ).toMatchObject({
      code: 'BAD_REQUEST',
    });
    const huge = 'A'.repeat(8 * 1024 * 1024);
    expect(
      await errorOf(caller.imports.upload({ kind: 'members', fileName: 'a.xlsx', contentBase64: huge })),
    ).toMatchObject({
      message: expect.stringContaining('文件过大'),
    });
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('x');
    ws.addRow(TEMPLATE_COLUMNS.members.map((c) => c.header));
    ws.addRow(['公式', '男', null, '2004-01-01', null, null, null, '201962990009', null, null, branch.name]);
    ws.getCell('C2').value = { formula: '1+1', result: 2 } as ExcelJS.CellFormulaValue;
    const withFormula = Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer).toString('base64');
    expect(
      await errorOf(
        caller.imports.upload({ kind: 'members', fileName: 'f.xlsx', contentBase64: withFormula }),
      ),
    ).toMatchObject({
      message: expect.stringContaining('公式'),
    });
    const wrongHeader = await xlsx('organisations', [{ name: 'x', kind: '团支部' }]);
    expect(
      await errorOf(
        caller.imports.upload({ kind: 'members', fileName: 'h.xlsx', contentBase64: wrongHeader }),
      ),
    ).toMatchObject({
      message: expect.stringContaining('表头'),
    });
  });

  it('members and committee roles cannot import', async () => {
    const good = await xlsx('members', rows().slice(0, 1));
    const mem = (await callerAs(database, 'chengguan.member')).caller;
    expect(
      await errorOf(mem.imports.upload({ kind: 'members', fileName: 'a.xlsx', contentBase64: good })),
    ).toMatchObject({
      code: 'FORBIDDEN',
    });
    const chair = (await callerAs(database, 'enterprise.chair')).caller;
    expect(
      await errorOf(chair.imports.upload({ kind: 'members', fileName: 'a.xlsx', contentBase64: good })),
    ).toMatchObject({
      appCode: 'TENANT_KIND',
    });
  });
});

describe('imports: organisations', () => {
  it('matches by name + parent; re-import changes nothing; bad kinds reported', async () => {
    const { caller } = await callerAs(database, 'chengguan.secretary');
    const contentBase64 = await xlsx('organisations', [
      {
        name: '导入测试团支部',
        kind: '团支部',
        parent: scopeOrg.name,
        unitName: '测试单位',
        foundedOn: '2020-05-04',
      },
      { name: '导入测试团小组', kind: '团小组', parent: '导入测试团支部' },
      { name: '错误类型', kind: '团中央', parent: scopeOrg.name },
      { name: '顶级组织', kind: '团委' },
    ]);
    const up = await caller.imports.upload({ kind: 'organisations', fileName: 'orgs.xlsx', contentBase64 });
    const { job } = await runToEnd(caller, up.id);
    expect(job).toMatchObject({ createdRows: 2, errorRows: 2 });
    expect(job.errors.map((e) => e.row)).toEqual([4, 5]);
    expect(job.errors[0]!.message).toContain('组织类型无效');
    expect(job.errors[1]!.message).toContain('顶级组织');
    const t = tenantTables(db, chengguan);
    const created = await t
      .selectFrom('organisations')
      .selectAll()
      .where('name', '=', '导入测试团支部')
      .executeTakeFirstOrThrow();
    expect(created.parent_id).toBe(scopeOrg.id);
    expect(created.path.startsWith(scopeOrg.path)).toBe(true);
    const again = await caller.imports.upload({
      kind: 'organisations',
      fileName: 'orgs.xlsx',
      contentBase64,
    });
    const { job: job2 } = await runToEnd(caller, again.id);
    expect(job2).toMatchObject({ createdRows: 0, updatedRows: 0, unchangedRows: 2, errorRows: 2 });
  });
});

describe('export', () => {
  it('the member ledger with the filters on screen, masked', async () => {
    const { caller } = await callerAs(database, 'chengguan.admin');
    const list = await caller.members.list({ orgId: scopeOrg.id, status: 'active', pageSize: 200 });
    const file = await caller.imports.exportMembers({ orgId: scopeOrg.id, status: 'active' });
    expect(file.fileName).toContain(scopeOrg.name);
    expect(file.fileName).toContain('正常');
    expect(file.rows).toBe(list.total);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.rowCount).toBe(list.total + 1);
    const text = JSON.stringify(ws.getSheetValues());
    expect(text).not.toMatch(/\d{17}[\dX]/);
    expect(text).toMatch(/\d{4}\*{10}/);
  });
});
