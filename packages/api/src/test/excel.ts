/** Test helper: read a ledger export (`buildLedgerWorkbook` layout) back with exceljs. */
import ExcelJS from 'exceljs';
import { LEDGER_HEADER_ROW } from '../services/excel';

export interface ParsedLedger {
  title: string;
  filterLine: string;
  headers: string[];
  /** Data rows as plain values (dates as Date, numbers as number, text as string, empty as null). */
  rows: (string | number | Date | null)[][];
  /** Objects keyed by header. */
  records: Record<string, string | number | Date | null>[];
  frozenRows: number | undefined;
  widths: (number | undefined)[];
  numFmts: (string | undefined)[];
}

export async function readLedger(file: { base64: string }): Promise<ParsedLedger> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const text = (v: ExcelJS.CellValue) => (v === null || v === undefined ? '' : String(v));
  const headerRow = ws.getRow(LEDGER_HEADER_ROW);
  const headers: string[] = [];
  headerRow.eachCell({ includeEmpty: false }, (c, col) => {
    headers[col - 1] = text(c.value);
  });
  const rows: (string | number | Date | null)[][] = [];
  for (let r = LEDGER_HEADER_ROW + 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    rows.push(
      headers.map((_, i) => {
        const v = row.getCell(i + 1).value;
        if (v === null || v === undefined) return null;
        if (v instanceof Date || typeof v === 'number' || typeof v === 'string') return v;
        return String(v);
      }),
    );
  }
  const view = ws.views[0] as { ySplit?: number } | undefined;
  return {
    title: text(ws.getCell(1, 1).value),
    filterLine: text(ws.getCell(2, 1).value),
    headers,
    rows,
    records: rows.map((r) => Object.fromEntries(headers.map((h, i) => [h, r[i] ?? null]))),
    frozenRows: view?.ySplit,
    widths: headers.map((_, i) => ws.getColumn(i + 1).width),
    numFmts: headers.map((_, i) => ws.getColumn(i + 1).numFmt),
  };
}

/** A full ID-card number or mobile number anywhere in the parsed rows. */
export function plainPiiIn(p: ParsedLedger): string[] {
  const re = /(?<![\dA-Za-z])(\d{17}[\dXx]|1[3-9]\d{9})(?![\dA-Za-z])/;
  return p.rows.flat().filter((v): v is string => typeof v === 'string' && re.test(v));
}
