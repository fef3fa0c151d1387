/**
 * 青年大学习 import: reads the completion list the provincial platform exports (.xlsx, exceljs),
 * finds the header row (the platform puts a title above it; header wording varies — see
 * `studyColumnOf`), matches each row to a member the importer may see (团员编号 first, then name +
 * 团支部, narrowed by phone / last ID digits) and records one completion per member and study week.
 * Bad rows are reported in Chinese with their Excel row number; good rows are kept; re-importing the
 * same file records nothing new. Neither the file nor any phone / ID digits are stored.
 */
import {
  isStudyWeekStart,
  mapStudyHeaders,
  matchStudyRow,
  parseLooseDate,
  STUDY_COLUMNS,
  type StudyColumn,
  studyCandidateIndex,
  studyColumnLabel,
  studyHeaderProblem,
  studyWeekStart,
  todayInShanghai,
} from '@tuanjian/domain';
import ExcelJS from 'exceljs';
import { env } from '../../env';
import { appError } from '../../errors';
import type { Scope, TenantDb } from '../scope';
import { assertStudyManager, studyRule } from './access';
import { responsibleMembers } from './responsible';

export const STUDY_MAX_ROWS = 20_000;
const HEADER_SCAN_ROWS = 10;

const bad = (message: string) => appError('BAD_REQUEST', 'INVALID_INPUT', message);

interface StudyRow {
  row: number;
  values: Record<StudyColumn, string>;
  /** A date cell (Excel date) of the date or session column. */
  date: string | null;
}

function cellValue(cell: ExcelJS.Cell): { text: string; date: string | null } {
  const v = cell.value;
  if (v === null || v === undefined) return { text: '', date: null };
  if (v instanceof Date) {
    const d = parseLooseDate(v);
    return { text: d ?? '', date: d };
  }
  if (typeof v === 'number') return { text: Number.isSafeInteger(v) ? String(v) : String(v), date: null };
  if (typeof v === 'string') return { text: v.trim(), date: null };
  if (typeof v === 'object') {
    if ('richText' in v)
      return {
        text: v.richText
          .map((t) => t.text)
          .join('')
          .trim(),
        date: null,
      };
    if ('result' in v && v.result !== undefined && v.result !== null) {
      const r = v.result;
      if (r instanceof Date) return { text: parseLooseDate(r) ?? '', date: parseLooseDate(r) };
      return { text: String(r).trim(), date: null };
    }
    if ('text' in v) return { text: String(v.text).trim(), date: null };
    if ('error' in v) return { text: '', date: null };
  }
  return { text: String(v).trim(), date: null };
}

/** Reads the workbook's first sheet into rows (header row found among the first rows). */
export async function parseStudyWorkbook(fileName: string, bytes: Buffer): Promise<StudyRow[]> {
  if (!/\.xlsx$/i.test(fileName))
    throw bad('只支持 .xlsx 格式的 Excel 文件（旧版 .xls 请在 Excel 中另存为 .xlsx）');
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
  const ws = wb.worksheets.find((w) => w.rowCount > 0);
  if (!ws) throw bad('文件中没有数据');
  let headerRow = 0;
  let cols = new Map<StudyColumn, number>();
  let problem: string | null = studyHeaderProblem(new Map());
  for (let r = 1; r <= Math.min(HEADER_SCAN_ROWS, ws.rowCount); r++) {
    const texts = new Map<number, string>();
    ws.getRow(r).eachCell((cell, colNo) => {
      const t = cellValue(cell).text;
      if (t) texts.set(colNo, t);
    });
    const mapped = mapStudyHeaders(texts);
    const p = studyHeaderProblem(mapped);
    if (!p) {
      headerRow = r;
      cols = mapped;
      problem = null;
      break;
    }
    if (mapped.size > 0) problem = p;
  }
  if (problem) throw bad(problem);
  const rows: StudyRow[] = [];
  for (let r = headerRow + 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const values = Object.fromEntries(STUDY_COLUMNS.map((c) => [c, ''])) as Record<StudyColumn, string>;
    let date: string | null = null;
    let any = false;
    for (const [col, colNo] of cols) {
      const v = cellValue(row.getCell(colNo));
      values[col] = v.text;
      if (v.date && (col === 'date' || col === 'session')) date ??= v.date;
      if (v.text) any = true;
    }
    if (!any) continue;
    rows.push({ row: r, values, date });
    if (rows.length > STUDY_MAX_ROWS) throw bad(`一次最多导入 ${STUDY_MAX_ROWS} 行，请分批导入`);
  }
  if (rows.length === 0) throw bad(`表头（第${headerRow}行）以下没有数据行`);
  return rows;
}

export interface StudyImportResult {
  id: string;
  fileName: string;
  totalRows: number;
  recordedRows: number;
  alreadyRows: number;
  errorRows: number;
  errors: { row: number; message: string }[];
  weeks: string[];
}

/** Imports a completion list into the tenant (rows outside the importer's scope are errors). */
export async function importStudyList(
  tdb: TenantDb,
  scope: Scope,
  input: { fileName: string; bytes: Buffer; weekStart?: string | null },
  actor: { userId: string; name: string },
  now: Date,
): Promise<StudyImportResult> {
  assertStudyManager(scope);
  const today = todayInShanghai(now);
  const rule = (await studyRule(tdb, today)).value;
  const currentWeek = studyWeekStart(today, rule.weekStartsOn);
  if (input.weekStart) {
    if (!isStudyWeekStart(input.weekStart, rule.weekStartsOn))
      throw bad('所选学习周无效：应为该周第一天（周一）的日期');
    if (input.weekStart > currentWeek) throw bad('不能导入尚未开始的学习周');
  }
  const rows = await parseStudyWorkbook(input.fileName, input.bytes);
  const candidates = await responsibleMembers(tdb, scope.org?.path ?? null);
  const { byNumber, byName } = studyCandidateIndex(candidates);

  const errors: { row: number; message: string }[] = [];
  const matched: {
    row: number;
    memberId: string;
    week: string;
    completedOn: string | null;
    label: string | null;
  }[] = [];
  for (const r of rows) {
    const m = matchStudyRow(r.values, byNumber, byName);
    if (!m.ok) {
      errors.push({ row: r.row, message: `第${r.row}行：${m.reason}` });
      continue;
    }
    const written = r.date ?? parseLooseDate(r.values.date) ?? parseLooseDate(r.values.session);
    if (r.values.date && !written && !input.weekStart) {
      errors.push({
        row: r.row,
        message: `第${r.row}行：“${studyColumnLabel.date}”不是有效日期（${r.values.date}）`,
      });
      continue;
    }
    const week = input.weekStart ?? (written ? studyWeekStart(written, rule.weekStartsOn) : null);
    if (!week) {
      errors.push({
        row: r.row,
        message: `第${r.row}行：无法确定学习期次，请在“学习日期”列填写完成日期，或导入时选择学习周`,
      });
      continue;
    }
    if (week > currentWeek) {
      errors.push({ row: r.row, message: `第${r.row}行：学习日期 ${written} 晚于本周，请核对` });
      continue;
    }
    const label =
      r.values.session && !parseLooseDate(r.values.session) ? r.values.session.slice(0, 100) : null;
    matched.push({ row: r.row, memberId: m.memberId, week, completedOn: written, label });
  }

  const weeks = [...new Set(matched.map((m) => m.week))].sort();
  const log = await tdb
    .insertInto('youth_study_imports')
    .values({
      file_name: input.fileName.slice(0, 200),
      week_start: input.weekStart ?? null,
      total_rows: rows.length,
      created_by: actor.userId,
      created_by_name: actor.name,
    })
    .returning('id')
    .executeTakeFirstOrThrow();

  const sessionOf = new Map<string, string>();
  for (const week of weeks) {
    const label = matched.find((m) => m.week === week && m.label)?.label ?? null;
    const s = await tdb
      .insertInto('youth_study_sessions')
      .values({ week_start: week, label })
      .onConflict((oc) =>
        oc
          .column('week_start')
          .doUpdateSet((eb) => ({ label: eb.fn.coalesce('youth_study_sessions.label', eb.val(label)) })),
      )
      .returning('id')
      .executeTakeFirstOrThrow();
    sessionOf.set(week, s.id);
  }

  let recorded = 0;
  let already = 0;
  const seen = new Set<string>();
  const batch: { session_id: string; member_id: string; completed_on: string | null; import_id: string }[] =
    [];
  for (const m of matched) {
    const key = `${m.week}|${m.memberId}`;
    if (seen.has(key)) {
      already++;
      continue;
    }
    seen.add(key);
    batch.push({
      session_id: sessionOf.get(m.week) as string,
      member_id: m.memberId,
      completed_on: m.completedOn,
      import_id: log.id,
    });
  }
  for (let i = 0; i < batch.length; i += 500) {
    const part = batch.slice(i, i + 500);
    const inserted = await tdb
      .insertInto('youth_study_completions')
      .values(part)
      .onConflict((oc) => oc.columns(['session_id', 'member_id']).doNothing())
      .returning('member_id')
      .execute();
    recorded += inserted.length;
    already += part.length - inserted.length;
  }
  errors.sort((a, b) => a.row - b.row);
  await tdb
    .updateTable('youth_study_imports')
    .set({
      recorded_rows: recorded,
      already_rows: already,
      error_rows: errors.length,
      errors: JSON.stringify(errors.slice(0, 1000)) as never,
      weeks: weeks as never,
    })
    .where('id', '=', log.id)
    .execute();
  return {
    id: log.id,
    fileName: input.fileName,
    totalRows: rows.length,
    recordedRows: recorded,
    alreadyRows: already,
    errorRows: errors.length,
    errors: errors.slice(0, 1000),
    weeks,
  };
}

/** Our template: the columns we accept, with an example row the importer deletes. */
export async function studyTemplate(): Promise<{ fileName: string; base64: string }> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('青年大学习完成名单');
  const cols: StudyColumn[] = ['name', 'memberNumber', 'phone', 'branch', 'session', 'date'];
  ws.columns = cols.map((c) => ({ header: studyColumnLabel[c], key: c, width: c === 'branch' ? 30 : 18 }));
  ws.getRow(1).font = { bold: true };
  for (const c of ['memberNumber', 'phone']) ws.getColumn(c).numFmt = '@';
  const note = wb.addWorksheet('填写说明');
  note.getColumn(1).width = 100;
  for (const line of [
    '可直接导入省级平台导出的“青年大学习”完成名单（.xlsx），表头名称不必完全一致，例如“团员姓名”“所属团支部”“完成时间”均可识别。',
    '识别团员：优先按“团员编号”；无编号时按“姓名”+“所在团支部”，同名时再按“手机号”或“身份证号后四位”区分。',
    '学习期次：按“学习日期”（完成日期）所在的学习周（周一至周日，北京时间）计入；也可在导入时选择学习周，整份名单计入该周。',
    '手机号、身份证号仅用于核对身份，不会保存。重复导入同一名单不会重复计数。',
  ])
    note.addRow([line]);
  const buf = await wb.xlsx.writeBuffer();
  return { fileName: '青年大学习完成名单模板.xlsx', base64: Buffer.from(buf).toString('base64') };
}
