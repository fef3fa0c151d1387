/**
 * Test support for other packages (the api server's fuzz and security tests):
 * `import { … } from '@tuanjian/api/testing'`. Not part of the product.
 */
export {
  callerWith,
  DEMO_PASSWORD,
  demoDatabase,
  errorOf,
  sessionFor,
  TEST_CONFIG,
  type TestDatabase,
  tenantByCode,
  tenantTables,
} from '../test/helpers';
export * from './procedure-inputs';

import ExcelJS from 'exceljs';
import { TEMPLATE_COLUMNS } from '../services/imports';

/** A members import workbook (the template's header row, then one row per record), as base64. */
export async function membersImportXlsx(rows: Record<string, unknown>[]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('导入');
  const cols = TEMPLATE_COLUMNS.members;
  ws.addRow(cols.map((c) => c.header));
  for (const r of rows) ws.addRow(cols.map((c) => r[c.key] ?? null));
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer).toString('base64');
}
