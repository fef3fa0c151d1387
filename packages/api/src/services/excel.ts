/**
 * One shape for every ledger export (MEM-7 "every ledger exports to Excel"), built with exceljs:
 *   row 1  the title (bold), row 2  filters in words + export date + row count,
 *   row 3  the Chinese column headers (bold, frozen with the rows above),
 *   row 4… one row per list row, in the list's order.
 * Column kinds: `text`, `int`, `date` ('YYYY-MM-DD' → a real Excel date, shown yyyy-mm-dd),
 * `money` (integer 分 → a number in 元 with two decimals; the header gets （元）), `percent`
 * (permille ‰ → a fraction shown as 0.0%), `bool` (是/否).
 * Personal data: callers pass the masked values the list shows; `buildLedgerWorkbook` refuses a cell
 * that looks like a full 18-digit ID-card number or an 11-digit mobile number (never exported).
 * Returned as `{ fileName, base64, rows }` like `org.ledger.export`; the admin app downloads it.
 */
import { todayInShanghai } from '@tuanjian/domain';
import ExcelJS from 'exceljs';
import { appError } from '../errors';

export type LedgerCellKind = 'text' | 'int' | 'date' | 'money' | 'percent' | 'bool';
export type LedgerCellValue = string | number | boolean | null | undefined;

export interface LedgerColumn<R> {
  header: string;
  /** Column width in characters (default 12). */
  width?: number;
  kind?: LedgerCellKind;
  value: (row: R) => LedgerCellValue;
}

export interface LedgerExportFile {
  fileName: string;
  base64: string;
  /** Data rows in the file (= the list's total for the same filters). */
  rows: number;
}

export interface LedgerWorkbookInput<R> {
  /** Sheet name and first part of the file name, e.g. 发展团员台帐. */
  name: string;
  /** Row 1; default `<scopeName> <name>`. */
  title?: string;
  /** The unit or organisation the export covers (tenant name, or the scope organisation). */
  scopeName: string;
  /** The filters in words (empty = 全部); they also go into the file name. */
  filters: string[];
  columns: LedgerColumn<R>[];
  rows: R[];
  now: Date;
  /** Unit word for the count in row 2 (default 条). */
  unit?: string;
}

export const LEDGER_HEADER_ROW = 3;

/** A full ID-card number (18 characters) or a mobile number (11 digits) — never in an export. */
const PLAIN_PII = /(?<![\dA-Za-z])(\d{17}[\dXx]|1[3-9]\d{9})(?![\dA-Za-z])/;

export function safeFilePart(s: string): string {
  return s.replace(/[\\/:*?"<>|\s]+/g, '-').slice(0, 40);
}

function dateCell(v: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(v);
  if (!m) throw new Error(`not a date: ${v}`);
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
}

function cell(kind: LedgerCellKind, v: LedgerCellValue): ExcelJS.CellValue {
  if (v === null || v === undefined || v === '') return null;
  switch (kind) {
    case 'date':
      return dateCell(String(v));
    case 'money':
      return Number(v) / 100;
    case 'percent':
      return Number(v) / 1000;
    case 'int':
      return Number(v);
    case 'bool':
      return v ? '是' : '否';
    default:
      return String(v);
  }
}

const NUM_FMT: Partial<Record<LedgerCellKind, string>> = {
  date: 'yyyy-mm-dd',
  money: '#,##0.00',
  percent: '0.0%',
  int: '0',
};

export function ledgerFileName(name: string, scopeName: string, filters: string[], now: Date): string {
  return `${[name, scopeName, ...filters, todayInShanghai(now).replaceAll('-', '')].map(safeFilePart).join('_')}.xlsx`;
}

/** Build the workbook; refuses plain personal data (INTERNAL) rather than writing it. */
export async function buildLedgerWorkbook<R>(input: LedgerWorkbookInput<R>): Promise<LedgerExportFile> {
  const { columns, rows, now } = input;
  const wb = new ExcelJS.Workbook();
  wb.creator = '团建云';
  wb.created = now;
  const ws = wb.addWorksheet(safeFilePart(input.name).slice(0, 31));
  ws.addRow([input.title ?? `${input.scopeName} ${input.name}`]).font = { bold: true, size: 14 };
  ws.addRow([
    `筛选条件：${input.filters.length ? input.filters.join('；') : '全部'}　导出日期：${todayInShanghai(now)}　共${rows.length}${input.unit ?? '条'}`,
  ]);
  const header = ws.addRow(columns.map((c) => (c.kind === 'money' ? `${c.header}（元）` : c.header)));
  header.font = { bold: true };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF0F0F0' } };
  columns.forEach((c, i) => {
    const col = ws.getColumn(i + 1);
    col.width = c.width ?? 12;
    const fmt = NUM_FMT[c.kind ?? 'text'];
    if (fmt) col.numFmt = fmt;
  });
  for (const r of rows) {
    const values = columns.map((c) => {
      const v = c.value(r);
      if (typeof v === 'string' && PLAIN_PII.test(v)) {
        throw appError(
          'INTERNAL_SERVER_ERROR',
          'INTERNAL',
          `导出内容含未脱敏的个人信息（${c.header}），已拒绝导出`,
        );
      }
      return cell(c.kind ?? 'text', v);
    });
    ws.addRow(values);
  }
  ws.views = [{ state: 'frozen', ySplit: LEDGER_HEADER_ROW }];
  const buffer = await wb.xlsx.writeBuffer();
  return {
    fileName: ledgerFileName(input.name, input.scopeName, input.filters, now),
    base64: Buffer.from(buffer as ArrayBuffer).toString('base64'),
    rows: rows.length,
  };
}

/** Every row of a paged list, in its order: calls `page(n, size)` until `total` rows are read. */
export async function allPages<T>(
  fetch: (page: number, pageSize: number) => Promise<{ items: T[]; total: number }>,
  pageSize = 200,
): Promise<{ items: T[]; total: number }> {
  const items: T[] = [];
  for (let page = 1; ; page++) {
    const r = await fetch(page, pageSize);
    items.push(...r.items);
    if (r.items.length === 0 || items.length >= r.total) return { items, total: r.total };
  }
}
