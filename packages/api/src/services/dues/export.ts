/** Excel export of the collection-rate view (exceljs): the same columns and filters as the screen. */
import { formatChineseMonth, formatFen, formatPermille, todayInShanghai } from '@tuanjian/domain';
import ExcelJS from 'exceljs';
import type { Scope, TenantDb } from '../scope';
import { collection } from './dues';

function safeFilePart(s: string): string {
  return s.replace(/[\\/:*?"<>|\s]+/g, '-').slice(0, 40);
}

export async function collectionExport(
  tdb: TenantDb,
  scope: Scope,
  input: { year: number; orgId?: string },
  now: Date,
): Promise<{ fileName: string; base64: string; rows: number }> {
  const r = await collection(tdb, scope, input, now);
  const wb = new ExcelJS.Workbook();
  wb.creator = '团建云';
  wb.created = now;
  const ws = wb.addWorksheet('团费收缴率');
  ws.addRow([`${r.scopeName} ${r.year}年团费收缴率`]).font = { bold: true, size: 14 };
  ws.addRow([`导出日期：${todayInShanghai(now)}　共${r.branches.length}个团支部　金额单位：元`]);
  const header = ws.addRow([
    '团支部',
    '上级组织',
    '在册团员',
    '应交人次',
    '已交人次',
    '应交金额',
    '已交金额',
    '全年收缴率',
    ...r.months.map(formatChineseMonth),
  ]);
  header.font = { bold: true };
  const line = (name: string, parent: string, row: (typeof r)['total']) =>
    ws.addRow([
      name,
      parent,
      row.memberCount,
      row.tally.dueCount,
      row.tally.paidCount,
      formatFen(row.tally.dueFen),
      formatFen(row.tally.paidFen),
      formatPermille(row.permille),
      ...row.byMonth.map(formatPermille),
    ]);
  for (const b of r.branches) line(b.name, b.parentName ?? '', b);
  line('合计', '', r.total).font = { bold: true };
  [28, 24, 10, 10, 10, 14, 14, 12].forEach((w, i) => {
    ws.getColumn(i + 1).width = w;
  });
  ws.views = [{ state: 'frozen', ySplit: 3 }];
  const buffer = await wb.xlsx.writeBuffer();
  const name = ['团费收缴率', r.scopeName, `${r.year}年`, todayInShanghai(now).replaceAll('-', '')]
    .map(safeFilePart)
    .join('_');
  return {
    fileName: `${name}.xlsx`,
    base64: Buffer.from(buffer as ArrayBuffer).toString('base64'),
    rows: r.branches.length,
  };
}
