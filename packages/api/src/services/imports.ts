/**
 * Excel import of organisations and members (MEM-7), and the member ledger export.
 *
 * Upload: a base64 tRPC input (`imports.upload`), size-checked against `TJ_IMPORT_MAX_BYTES`
 * (apps/api raises the body limit for that one path only). The file is parsed with exceljs and
 * refused as a whole when it is not an .xlsx, is too large, has no matching header or holds a
 * formula. The parsed rows stay in this process's memory (never on disk: they carry personal
 * information) and the client drives the work chunk by chunk (`imports.process`), polling the
 * job row for progress. Each row is validated, then written in a savepoint: a bad row is reported
 * with its Excel row number and a Chinese reason, good rows are kept, nothing is half-written.
 * Re-importing the same file changes nothing: organisations match by name + parent, members by
 * 团员编号 or 身份证号 (blind index), and equal values are not rewritten.
 */
import { createHash, randomUUID } from 'node:crypto';
import { decryptPii, encryptPii, piiBlindIndex } from '@tuanjian/db';
import {
  ageOn,
  allowedChildKinds,
  canParent,
  GENDERS,
  genderLabel,
  isValidMemberNumber,
  isValidPhone,
  MEMBER_STATUSES,
  maskIdCard,
  maskPhone,
  memberStatusLabel,
  normalizePhone,
  ORG_KINDS,
  type OrgKind,
  orgKindLabel,
  parseIdCard,
  phoneProblemMessage,
  SECTORS,
  type Sector,
  sectorLabel,
  todayInShanghai,
} from '@tuanjian/domain';
import ExcelJS from 'exceljs';
import { type Kysely, sql } from 'kysely';
import type { AuditRecorder } from '../audit';
import { asDate } from '../db-types';
import { env } from '../env';
import { appError, forbiddenRole, notFound } from '../errors';
import * as members from './members';
import { getOrgInScope } from './organisations';
import { escapeLike, pathInScope, type Scope, type TenantDb } from './scope';

export type ImportKind = 'organisations' | 'members';
export const CHUNK_ROWS = 200;
export const MAX_ROWS = 20_000;

interface Column {
  key: string;
  header: string;
  required?: boolean;
  width?: number;
  note?: string;
  list?: readonly string[];
}

export const TEMPLATE_COLUMNS: Record<ImportKind, Column[]> = {
  organisations: [
    { key: 'name', header: '组织名称', required: true, width: 30 },
    {
      key: 'kind',
      header: '组织类型',
      required: true,
      width: 12,
      list: ORG_KINDS.map((k) => orgKindLabel[k]),
    },
    {
      key: 'parent',
      header: '上级组织',
      width: 30,
      note: '上级组织的全称；留空为顶级组织（仅区县团委管理员）',
    },
    { key: 'sector', header: '所属领域', width: 18, list: SECTORS.map((s) => sectorLabel[s]) },
    { key: 'unitName', header: '所在单位', width: 24 },
    { key: 'address', header: '地址', width: 30 },
    { key: 'foundedOn', header: '成立日期', width: 14, note: '格式 2020-05-04' },
  ],
  members: [
    { key: 'name', header: '姓名', required: true, width: 12 },
    { key: 'gender', header: '性别', required: true, width: 8, list: GENDERS.map((g) => genderLabel[g]) },
    { key: 'ethnicity', header: '民族', width: 10 },
    { key: 'birthDate', header: '出生日期', required: true, width: 14, note: '格式 2005-03-04' },
    { key: 'idCard', header: '身份证号', width: 22, note: '18位，请以文本格式填写' },
    { key: 'phone', header: '手机号码', width: 15 },
    { key: 'joinDate', header: '入团时间', width: 14 },
    { key: 'memberNumber', header: '团员编号', width: 16, note: '12位；团员编号与身份证号至少填一项' },
    { key: 'education', header: '学历', width: 12 },
    { key: 'occupationCategory', header: '职业类别', width: 16 },
    { key: 'org', header: '所在团组织', required: true, width: 30, note: '团组织全称（须在您管理的范围内）' },
  ],
};

export const KIND_LABEL: Record<ImportKind, string> = { organisations: '团组织', members: '团员' };

// ---------------------------------------------------------------- template

function header(ws: ExcelJS.Worksheet, cols: Column[]): void {
  ws.columns = cols.map((c) => ({ header: c.header, key: c.key, width: c.width ?? 14 }));
  const row = ws.getRow(1);
  row.font = { bold: true };
  cols.forEach((c, i) => {
    const cell = row.getCell(i + 1);
    if (c.required) cell.font = { bold: true, color: { argb: 'FFC00000' } };
    if (c.note) cell.note = c.note;
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
  });
  ws.views = [{ state: 'frozen', ySplit: 1 }];
}

async function toBase64(wb: ExcelJS.Workbook): Promise<string> {
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer).toString('base64');
}

export async function template(kind: ImportKind): Promise<{ fileName: string; base64: string }> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '团建云';
  const cols = TEMPLATE_COLUMNS[kind];
  const ws = wb.addWorksheet(`${KIND_LABEL[kind]}导入`);
  header(ws, cols);
  // Text format for the columns that hold long digit strings, lists for enumerations.
  cols.forEach((c, i) => {
    const col = ws.getColumn(i + 1);
    if (['idCard', 'phone', 'memberNumber'].includes(c.key)) col.numFmt = '@';
    if (c.list) {
      for (let r = 2; r <= 1000; r++)
        ws.getCell(r, i + 1).dataValidation = {
          type: 'list',
          allowBlank: !c.required,
          formulae: [`"${c.list.join(',')}"`],
        };
    }
  });
  const help = wb.addWorksheet('填写说明');
  help.columns = [
    { header: '列', key: 'h', width: 16 },
    { header: '说明', key: 'n', width: 70 },
  ];
  for (const c of cols)
    help.addRow({
      h: c.header,
      n: `${c.required ? '必填。' : ''}${c.note ?? ''}${c.list ? `可选值：${c.list.join('、')}` : ''}`,
    });
  help.addRow({
    h: '',
    n: '从第2行起每行一条；不要修改第1行表头；请勿使用公式。重复导入同一文件不会产生重复记录。',
  });
  return { fileName: `${KIND_LABEL[kind]}导入模板.xlsx`, base64: await toBase64(wb) };
}

// ---------------------------------------------------------------- parse

export interface ParsedRow {
  /** Excel row number (header = 1). */
  row: number;
  values: Record<string, string>;
}

const bad = (message: string) => appError('BAD_REQUEST', 'INVALID_INPUT', message);

function cellText(cell: ExcelJS.Cell, rowNo: number, col: Column): string {
  const v = cell.value;
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'number') {
    if (['idCard', 'phone', 'memberNumber'].includes(col.key) && !Number.isSafeInteger(v))
      throw bad(`第${rowNo}行“${col.header}”为数值格式，已丢失精度，请将该列设为文本格式后重新填写`);
    return String(v);
  }
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'object') {
    if ('formula' in v || 'sharedFormula' in v)
      throw bad(`第${rowNo}行“${col.header}”含有公式，请将公式转换为数值后再导入`);
    if ('richText' in v)
      return v.richText
        .map((t) => t.text)
        .join('')
        .trim();
    if ('text' in v) return String(v.text).trim();
    if ('error' in v) throw bad(`第${rowNo}行“${col.header}”单元格有错误值（${v.error}）`);
  }
  return String(v).trim();
}

/** Reads an uploaded workbook; refuses the whole file for anything but well-formed data rows. */
export async function parseWorkbook(kind: ImportKind, fileName: string, bytes: Buffer): Promise<ParsedRow[]> {
  if (!/\.xlsx$/i.test(fileName)) throw bad('只支持 .xlsx 格式的 Excel 文件，请使用下载的模板');
  if (bytes.length > env.TJ_IMPORT_MAX_BYTES)
    throw bad(`文件过大（上限 ${Math.floor(env.TJ_IMPORT_MAX_BYTES / 1024 / 1024)}MB），请分批导入`);
  if (bytes.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0])))
    throw bad('不支持旧版 .xls 文件，请在 Excel 中另存为 .xlsx 后再导入');
  if (!bytes.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04])))
    throw bad('文件不是有效的 .xlsx 文件');
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw bad('文件无法读取，可能已损坏或不是 Excel 文件');
  }
  const ws = wb.worksheets[0];
  if (!ws) throw bad('文件中没有工作表');
  const cols = TEMPLATE_COLUMNS[kind];
  const head = ws.getRow(1);
  const index = new Map<string, number>();
  head.eachCell((cell, colNo) => {
    const text = typeof cell.value === 'string' ? cell.value.replace(/[\s*＊]/g, '') : '';
    if (text) index.set(text, colNo);
  });
  const missing = cols.filter((c) => c.required && !index.has(c.header)).map((c) => c.header);
  if (missing.length)
    throw bad(`表头不符合${KIND_LABEL[kind]}导入模板：缺少“${missing.join('”“')}”列，请使用下载的模板`);
  const rows: ParsedRow[] = [];
  for (let r = 2; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    // Formulas anywhere in the row refuse the file (even in columns we do not read).
    row.eachCell((cell, colNo) => {
      if (cell.type === ExcelJS.ValueType.Formula)
        throw bad(`第${r}行第${colNo}列含有公式，请将公式转换为数值后再导入`);
    });
    const values: Record<string, string> = {};
    let any = false;
    for (const c of cols) {
      const colNo = index.get(c.header);
      const text = colNo ? cellText(row.getCell(colNo), r, c) : '';
      values[c.key] = text;
      if (text) any = true;
    }
    if (!any) continue;
    rows.push({ row: r, values });
    if (rows.length > MAX_ROWS) throw bad(`一次最多导入 ${MAX_ROWS} 行，请分批导入`);
  }
  if (rows.length === 0) throw bad('文件中没有数据行（从第2行起填写）');
  return rows;
}

// ---------------------------------------------------------------- jobs

export interface ImportJob {
  id: string;
  kind: ImportKind;
  fileName: string;
  status: 'running' | 'done' | 'failed';
  totalRows: number;
  processedRows: number;
  createdRows: number;
  updatedRows: number;
  unchangedRows: number;
  errorRows: number;
  errors: { row: number; message: string }[];
  message: string | null;
  createdAt: Date;
  finishedAt: Date | null;
}

interface Pending {
  tenantId: string;
  userId: string;
  rows: ParsedRow[];
}

/** Parsed rows waiting to be processed, by job id (memory only: they hold personal information). */
const pending = new Map<string, Pending>();

function toJob(r: {
  id: string;
  kind: ImportKind;
  file_name: string;
  status: 'running' | 'done' | 'failed';
  total_rows: number;
  processed_rows: number;
  created_rows: number;
  updated_rows: number;
  unchanged_rows: number;
  error_rows: number;
  errors: { row: number; message: string }[];
  message: string | null;
  created_at: unknown;
  finished_at: unknown;
}): ImportJob {
  return {
    id: r.id,
    kind: r.kind,
    fileName: r.file_name,
    status: r.status,
    totalRows: r.total_rows,
    processedRows: r.processed_rows,
    createdRows: r.created_rows,
    updatedRows: r.updated_rows,
    unchangedRows: r.unchanged_rows,
    errorRows: r.error_rows,
    errors: typeof r.errors === 'string' ? JSON.parse(r.errors) : r.errors,
    message: r.message,
    createdAt: asDate(r.created_at),
    finishedAt: r.finished_at ? asDate(r.finished_at) : null,
  };
}

function assertImporter(scope: Scope): void {
  if (scope.role !== 'district_admin' && scope.role !== 'org_secretary')
    throw forbiddenRole('只有区县团委管理员和团组织书记可以导入');
}

export async function upload(
  tdb: TenantDb,
  scope: Scope,
  audit: AuditRecorder,
  input: { kind: ImportKind; fileName: string; contentBase64: string },
): Promise<ImportJob> {
  assertImporter(scope);
  if (input.contentBase64.length > Math.ceil((env.TJ_IMPORT_MAX_BYTES * 4) / 3) + 8)
    throw bad(`文件过大（上限 ${Math.floor(env.TJ_IMPORT_MAX_BYTES / 1024 / 1024)}MB），请分批导入`);
  const bytes = Buffer.from(input.contentBase64, 'base64');
  const rows = await parseWorkbook(input.kind, input.fileName, bytes);
  const id = randomUUID();
  const job = await tdb
    .insertInto('import_jobs')
    .values({
      id,
      kind: input.kind,
      file_name: input.fileName,
      file_sha256: createHash('sha256').update(bytes).digest('hex'),
      total_rows: rows.length,
      created_by: scope.userId,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  pending.set(id, { tenantId: scope.tenant.id, userId: scope.userId, rows });
  audit.target('import_job', id, { kind: input.kind, fileName: input.fileName, rows: rows.length });
  return toJob(job);
}

async function jobRow(tdb: TenantDb, scope: Scope, id: string) {
  const job = await tdb.selectFrom('import_jobs').selectAll().where('id', '=', id).executeTakeFirst();
  if (!job || (scope.role !== 'district_admin' && job.created_by !== scope.userId))
    throw notFound('导入任务');
  return job;
}

export async function getJob(tdb: TenantDb, scope: Scope, id: string): Promise<ImportJob> {
  assertImporter(scope);
  return toJob(await jobRow(tdb, scope, id));
}

export async function listJobs(tdb: TenantDb, scope: Scope): Promise<ImportJob[]> {
  assertImporter(scope);
  let q = tdb.selectFrom('import_jobs').selectAll().orderBy('created_at', 'desc').limit(20);
  if (scope.role !== 'district_admin') q = q.where('created_by', '=', scope.userId);
  return (await q.execute()).map(toJob);
}

/** Processes the next chunk of a running job (one transaction per call) and returns its progress. */
export async function processChunk(
  tdb: TenantDb,
  scope: Scope,
  audit: AuditRecorder,
  id: string,
): Promise<ImportJob> {
  assertImporter(scope);
  const job = await jobRow(tdb, scope, id);
  audit.target('import_job', id);
  if (job.status !== 'running') return toJob(job);
  const p = pending.get(id);
  if (!p || p.tenantId !== scope.tenant.id || p.userId !== scope.userId) {
    const done = await tdb
      .updateTable('import_jobs')
      .set({
        status: 'failed',
        message: '导入已中断（服务已重启或由他人发起），请重新上传文件；重复导入不会产生重复记录',
        finished_at: new Date() as never,
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return toJob(done);
  }
  const chunk = p.rows.slice(job.processed_rows, job.processed_rows + CHUNK_ROWS);
  const counts = { created: 0, updated: 0, unchanged: 0 };
  const errors: { row: number; message: string }[] = [];
  const k = tdb as unknown as Kysely<never>;
  for (const row of chunk) {
    await sql`savepoint import_row`.execute(k);
    try {
      const r = await (job.kind === 'members' ? importMember(tdb, scope, row) : importOrg(tdb, scope, row));
      counts[r]++;
      await sql`release savepoint import_row`.execute(k);
    } catch (err) {
      await sql`rollback to savepoint import_row`.execute(k);
      errors.push({ row: row.row, message: rowMessage(err) });
    }
  }
  const processed = job.processed_rows + chunk.length;
  const finished = processed >= p.rows.length;
  const allErrors = [...(typeof job.errors === 'string' ? JSON.parse(job.errors) : job.errors), ...errors];
  const updated = await tdb
    .updateTable('import_jobs')
    .set({
      processed_rows: processed,
      created_rows: job.created_rows + counts.created,
      updated_rows: job.updated_rows + counts.updated,
      unchanged_rows: job.unchanged_rows + counts.unchanged,
      error_rows: job.error_rows + errors.length,
      errors: JSON.stringify(allErrors),
      ...(finished ? { status: 'done' as const, finished_at: new Date() as never } : {}),
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  if (finished) pending.delete(id);
  return toJob(updated);
}

class RowError extends Error {}
const rowError = (message: string) => new RowError(message);

function rowMessage(err: unknown): string {
  if (err instanceof RowError) return err.message;
  const e = err as { message?: string; code?: string };
  if (e.code === '23505' || /unique|duplicate/i.test(e.message ?? ''))
    return '与已有记录重复（团员编号或身份证号已存在）';
  if (e.message && /[\u4e00-\u9fff]/.test(e.message)) return e.message;
  return '该行无法写入，请检查内容';
}

const DATE_RE = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/;

function parseDateCell(text: string, label: string): string | null {
  if (!text) return null;
  const m = DATE_RE.exec(text);
  if (!m) throw rowError(`${label}格式无效（应为 2005-03-04）`);
  const v = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  const d = new Date(`${v}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== v) throw rowError(`${label}不是有效日期`);
  if (v > todayInShanghai()) throw rowError(`${label}不能晚于今天`);
  return v;
}

async function orgByName(tdb: TenantDb, scope: Scope, name: string, label: string) {
  let q = tdb.selectFrom('organisations').selectAll().where('name', '=', name).where('status', '=', 'active');
  if (scope.org) q = q.where('path', 'like', `${escapeLike(scope.org.path)}%`);
  const found = await q.limit(2).execute();
  if (found.length === 0) throw rowError(`${label}“${name}”不存在或不在您管理的范围内`);
  if (found.length > 1) throw rowError(`${label}“${name}”有重名，无法确定是哪一个`);
  return found[0]!;
}

const kindByLabel = new Map<string, OrgKind>(ORG_KINDS.map((k) => [orgKindLabel[k], k]));
const sectorByLabel = new Map<string, Sector>(SECTORS.map((s) => [sectorLabel[s], s]));

type RowResult = 'created' | 'updated' | 'unchanged';

async function importOrg(tdb: TenantDb, scope: Scope, row: ParsedRow): Promise<RowResult> {
  const v = row.values;
  if (!v.name) throw rowError('组织名称不能为空');
  if (v.name!.length > 100) throw rowError('组织名称不能超过100个字');
  const kind = kindByLabel.get(v.kind ?? '');
  if (!kind) throw rowError(`组织类型无效（可选：${ORG_KINDS.map((k) => orgKindLabel[k]).join('、')}）`);
  let sector: Sector | null = null;
  if (v.sector) {
    sector = sectorByLabel.get(v.sector) ?? null;
    if (!sector) throw rowError(`所属领域“${v.sector}”无效`);
  }
  const foundedOn = parseDateCell(v.foundedOn ?? '', '成立日期');
  let parent: Awaited<ReturnType<typeof orgByName>> | null = null;
  if (v.parent) parent = await orgByName(tdb, scope, v.parent, '上级组织');
  else if (scope.role !== 'district_admin' || scope.org)
    throw rowError('只有区县团委管理员可以导入顶级组织，请填写上级组织');
  let q = tdb.selectFrom('organisations').selectAll().where('name', '=', v.name!);
  q = parent ? q.where('parent_id', '=', parent.id) : q.where('parent_id', 'is', null);
  const existing = await q.executeTakeFirst();
  if (existing) {
    if (existing.kind !== kind)
      throw rowError(
        `已有同名组织“${v.name}”，但类型为${orgKindLabel[existing.kind]}，与表中“${v.kind}”不一致`,
      );
    if (!pathInScope(scope, existing.path)) throw rowError('该组织不在您管理的范围内');
    const set: Record<string, unknown> = {};
    if (sector && sector !== existing.sector) set.sector = sector;
    if (v.unitName && v.unitName !== existing.unit_name) set.unit_name = v.unitName;
    if (v.address && v.address !== existing.address) set.address = v.address;
    if (foundedOn && foundedOn !== existing.founded_on) set.founded_on = foundedOn;
    if (Object.keys(set).length === 0) return 'unchanged';
    await tdb
      .updateTable('organisations')
      .set({ ...set, updated_at: new Date() } as never)
      .where('id', '=', existing.id)
      .execute();
    return 'updated';
  }
  if (!canParent(parent?.kind ?? null, kind)) {
    const allowed = allowedChildKinds[parent?.kind ?? 'root'].map((k) => orgKindLabel[k]);
    throw rowError(
      `${parent ? `${orgKindLabel[parent.kind]}下` : '顶级'}不能设立${orgKindLabel[kind]}${allowed.length ? `（可设立：${allowed.join('、')}）` : ''}`,
    );
  }
  const id = randomUUID();
  await tdb
    .insertInto('organisations')
    .values({
      id,
      parent_id: parent?.id ?? null,
      path: `${parent?.path ?? '/'}${id}/`,
      kind,
      name: v.name!,
      sector: sector ?? parent?.sector ?? null,
      unit_name: v.unitName || null,
      address: v.address || null,
      founded_on: foundedOn,
    })
    .execute();
  return 'created';
}

const genderByLabel = new Map<string, 'male' | 'female'>([
  ['男', 'male'],
  ['女', 'female'],
]);

async function importMember(tdb: TenantDb, scope: Scope, row: ParsedRow): Promise<RowResult> {
  const v = row.values;
  if (!v.name) throw rowError('姓名不能为空');
  if (v.name!.length > 50) throw rowError('姓名不能超过50个字');
  const gender = genderByLabel.get(v.gender ?? '');
  if (!gender) throw rowError('性别应填写“男”或“女”');
  const birthDate = parseDateCell(v.birthDate ?? '', '出生日期');
  if (!birthDate) throw rowError('出生日期不能为空');
  let idCard: string | null = null;
  if (v.idCard) {
    const p = parseIdCard(v.idCard);
    if (!p.ok) throw rowError(p.message);
    if (p.info.birthDate !== birthDate)
      throw rowError(`身份证号中的出生日期（${p.info.birthDate}）与出生日期（${birthDate}）不一致`);
    if (p.info.gender !== gender) throw rowError('身份证号中的性别与所填性别不一致');
    idCard = p.info.value;
  }
  let phone: string | null = null;
  if (v.phone) {
    if (!isValidPhone(v.phone)) throw rowError(phoneProblemMessage);
    phone = normalizePhone(v.phone);
  }
  const joinDate = parseDateCell(v.joinDate ?? '', '入团时间');
  if (joinDate && ageOn(birthDate, joinDate) < 14)
    throw rowError('入团时未满14周岁，不能登记为团员（《发展团员工作细则》）');
  const memberNumber = v.memberNumber || null;
  if (memberNumber && !isValidMemberNumber(memberNumber))
    throw rowError('团员编号应为12位数字（年份+省份代码+顺序号）');
  if (!memberNumber && !idCard) throw rowError('团员编号和身份证号至少填写一项（用于识别重复导入）');
  if (!v.org) throw rowError('所在团组织不能为空');
  const org = await orgByName(tdb, scope, v.org, '所在团组织');
  const index = idCard ? piiBlindIndex(idCard) : null;

  const matches = await tdb
    .selectFrom('members as m')
    .innerJoin('organisations as o', 'o.id', 'm.org_id')
    .selectAll('m')
    .select('o.path as org_path')
    .where((eb) =>
      eb.or([
        ...(memberNumber ? [eb('m.member_number', '=', memberNumber)] : []),
        ...(index ? [eb('m.id_card_index', '=', index)] : []),
      ]),
    )
    .execute();
  if (matches.length > 1) throw rowError('团员编号与身份证号分别对应两名不同的团员，请核对');
  const existing = matches[0];
  if (!existing) {
    await tdb
      .insertInto('members')
      .values({
        org_id: org.id,
        name: v.name!,
        gender,
        ethnicity: v.ethnicity || null,
        birth_date: birthDate,
        join_date: joinDate,
        member_number: memberNumber,
        education: v.education || null,
        occupation_category: v.occupationCategory || null,
        id_card_sealed: idCard ? encryptPii(idCard) : null,
        id_card_masked: idCard ? maskIdCard(idCard) : null,
        id_card_index: index,
        phone_sealed: phone ? encryptPii(phone) : null,
        phone_masked: phone ? maskPhone(phone) : null,
      })
      .execute();
    return 'created';
  }
  if (!pathInScope(scope, existing.org_path))
    throw rowError('该团员已登记在您管理范围以外的组织，请通过组织关系转接办理');
  const set: Record<string, unknown> = {};
  const same = (col: string, value: unknown, current: unknown) => {
    if (value !== null && value !== '' && value !== current) set[col] = value;
  };
  same('name', v.name, existing.name);
  same('gender', gender, existing.gender);
  same('ethnicity', v.ethnicity || null, existing.ethnicity);
  same('birth_date', birthDate, existing.birth_date);
  same('join_date', joinDate, existing.join_date);
  same('member_number', memberNumber, existing.member_number);
  same('education', v.education || null, existing.education);
  same('occupation_category', v.occupationCategory || null, existing.occupation_category);
  same('org_id', org.id, existing.org_id);
  if (idCard && (!existing.id_card_sealed || decryptPii(existing.id_card_sealed) !== idCard)) {
    set.id_card_sealed = encryptPii(idCard);
    set.id_card_masked = maskIdCard(idCard);
    set.id_card_index = index;
  }
  if (phone && (!existing.phone_sealed || decryptPii(existing.phone_sealed) !== phone)) {
    set.phone_sealed = encryptPii(phone);
    set.phone_masked = maskPhone(phone);
  }
  if (Object.keys(set).length === 0) return 'unchanged';
  await tdb
    .updateTable('members')
    .set({ ...set, updated_at: new Date() } as never)
    .where('id', '=', existing.id)
    .execute();
  return 'updated';
}

// ---------------------------------------------------------------- export

/** The member ledger with the filters on screen (masked personal information only). */
export async function exportMembers(
  tdb: TenantDb,
  scope: Scope,
  input: Omit<members.ListMembersInput, 'page' | 'pageSize'>,
): Promise<{ fileName: string; base64: string; rows: number }> {
  const res = await members.list(tdb, scope, { ...input, page: 1, pageSize: 100_000 });
  const wb = new ExcelJS.Workbook();
  wb.creator = '团建云';
  const ws = wb.addWorksheet('团员名册');
  ws.columns = [
    { header: '姓名', key: 'name', width: 12 },
    { header: '性别', key: 'gender', width: 8 },
    { header: '民族', key: 'ethnicity', width: 10 },
    { header: '出生日期', key: 'birthDate', width: 12 },
    { header: '年龄', key: 'age', width: 8 },
    { header: '身份证号', key: 'idCard', width: 22 },
    { header: '手机号码', key: 'phone', width: 15 },
    { header: '入团时间', key: 'joinDate', width: 12 },
    { header: '团员编号', key: 'memberNumber', width: 16 },
    { header: '学历', key: 'education', width: 12 },
    { header: '职业类别', key: 'occupationCategory', width: 16 },
    { header: '所在团组织', key: 'orgName', width: 30 },
    { header: '状态', key: 'status', width: 10 },
  ];
  ws.getRow(1).font = { bold: true };
  for (const m of res.items)
    ws.addRow({
      ...m,
      gender: genderLabel[m.gender],
      idCard: m.idCardMasked ?? '',
      phone: m.phoneMasked ?? '',
      status: memberStatusLabel[m.status],
    });
  const parts = ['团员名册'];
  if (input.orgId) parts.push((await getOrgInScope(tdb, scope, input.orgId)).name);
  else if (scope.org) parts.push(scope.org.name);
  if (input.status && MEMBER_STATUSES.includes(input.status)) parts.push(memberStatusLabel[input.status]);
  if (input.q) parts.push(`含“${input.q}”`);
  parts.push(todayInShanghai());
  return {
    fileName: `${parts.join('_').replace(/[\\/:*?"<>|]/g, '')}.xlsx`,
    base64: await toBase64(wb),
    rows: res.items.length,
  };
}

/** The tRPC path of the upload, which gets a larger HTTP body limit than the rest of /trpc. */
export const IMPORT_UPLOAD_PATH = '/trpc/imports.upload';

/** Largest request body the upload may send: the base64 of the largest file, plus JSON overhead. */
export function importUploadMaxBodyBytes(): number {
  return Math.ceil((env.TJ_IMPORT_MAX_BYTES * 4) / 3) + 64 * 1024;
}
