/**
 * Slice "archive" end to end in Chromium (MEM-1, MEM-7): a district admin imports a small .xlsx
 * with one bad row through the admin app and sees the row error; re-importing the same file
 * changes nothing; then she reveals an imported member's ID number with a reason and finds the
 * audit entry on the member's archive page.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, launchChromium, type Product, screenshotDir, startProduct } from './product';

let product: Product;
let browser: Browser;
const tmp = mkdtempSync(path.join(os.tmpdir(), 'tj-archive-e2e-'));

beforeAll(async () => {
  mkdirSync(screenshotDir, { recursive: true });
  product = await startProduct();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await product?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

/** GB 11643 check character. */
function idCard(first17: string): string {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * w[i]!, 0);
  return first17 + '10X98765432'[sum % 11]!;
}

const GOOD_ID = idCard('62010220040601031'); // male, born 2004-06-01
const BAD_ID = `${idCard('62010220040601051').slice(0, 17)}${idCard('62010220040601051').endsWith('0') ? '1' : '0'}`;

async function adminLogin(page: Page, username: string) {
  await page.goto(`${product.baseUrl}/`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.getByRole('menuitem', { name: '团员管理' }).waitFor();
}

/** A branch of the tenant whose name is unique (the import finds organisations by name). */
async function uniqueBranchName(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const res = await fetch('/trpc/organisations.tree');
    type Node = { name: string; kind: string; children: Node[] };
    const tree = ((await res.json()) as { result: { data: Node[] } }).result.data;
    const all: Node[] = [];
    const walk = (ns: Node[]) => {
      for (const n of ns) {
        all.push(n);
        walk(n.children ?? []);
      }
    };
    walk(tree);
    const counts = new Map<string, number>();
    for (const n of all) counts.set(n.name, (counts.get(n.name) ?? 0) + 1);
    const b = all.find((n) => n.kind === 'branch' && counts.get(n.name) === 1);
    if (!b) throw new Error('no uniquely named branch');
    return b.name;
  });
}

async function writeWorkbook(file: string, branch: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('团员导入');
  ws.addRow([
    '姓名',
    '性别',
    '民族',
    '出生日期',
    '身份证号',
    '手机号码',
    '入团时间',
    '团员编号',
    '学历',
    '职业类别',
    '所在团组织',
  ]);
  ws.addRow([
    '导入测试甲',
    '男',
    '汉族',
    '2004-06-01',
    GOOD_ID,
    '13909311111',
    '2019-05-04',
    '',
    '大学本科',
    '学生',
    branch,
  ]);
  ws.addRow([
    '导入测试乙',
    '女',
    '回族',
    '2003-02-03',
    '',
    '',
    '2018-05-04',
    '201862990001',
    '高中',
    '学生',
    branch,
  ]);
  ws.addRow(['导入测试丙', '男', '汉族', '2004-06-01', BAD_ID, '', '', '', '', '', branch]);
  writeFileSync(file, new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer));
}

async function importFile(page: Page, file: string) {
  await page.locator('input[type=file]').setInputFiles(file);
  const result = page.getByTestId('import-result');
  await result.getByText('已完成').waitFor({ timeout: 30_000 });
  return result;
}

describe('archive: import and audited reveal', () => {
  it('imports a file with one bad row, reports it; re-import changes nothing; reveal is audited', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await adminLogin(page, 'chengguan.admin');
    const branch = await uniqueBranchName(page);
    const file = path.join(tmp, '团员导入.xlsx');
    await writeWorkbook(file, branch);

    await page.getByRole('menuitem', { name: 'Excel 导入' }).click();
    await page.getByRole('heading', { name: 'Excel 导入' }).waitFor();
    let result = await importFile(page, file);
    await result.getByText('新增 2').waitFor();
    await result.getByText('错误 1').waitFor();
    await result.getByText('第 4 行').waitFor();
    await result.getByText('校验码', { exact: false }).waitFor();
    await page.screenshot({ path: path.join(screenshotDir, 'archive-import-errors.png'), fullPage: true });

    // The same file again: nothing new, nothing changed, the bad row still reported.
    await page
      .getByRole('button', { name: '关闭' })
      .click()
      .catch(() => undefined);
    result = await importFile(page, file);
    await result.getByText('未变 2').waitFor();
    expect(await result.getByText('新增 0').count()).toBe(1);
    expect(await result.getByText('更新 0').count()).toBe(1);

    // The member list shows the masked number; search by the last 4 digits finds the member.
    await page.getByRole('menuitem', { name: '团员管理' }).click();
    await page.getByLabel('姓名/团员编号/身份证后4位').fill(GOOD_ID.slice(-4));
    await page.getByRole('button', { name: /查\s*询/ }).click();
    const masked = `${GOOD_ID.slice(0, 4)}**********${GOOD_ID.slice(-4)}`;
    const row = page.getByRole('row', { name: /导入测试甲/ });
    await row.getByText(masked).waitFor();
    expect(await page.getByText(GOOD_ID).count()).toBe(0);
    await row.getByRole('link', { name: '查看档案' }).click();

    // The archive page: masked, then revealed with a reason, then the audit entry.
    await page.getByRole('heading', { name: /团员档案/ }).waitFor();
    await page.getByTestId('id-card-masked').getByText(masked).waitFor();
    await page.getByTestId('reveal-idCard').click();
    await page.getByLabel('查看原因').fill('核对导入的入团材料');
    await page
      .getByRole('button', { name: /查\s*看/ })
      .last()
      .click();
    await expect.poll(() => page.getByTestId('revealed-value').textContent()).toBe(GOOD_ID);
    await page
      .getByRole('button', { name: /关\s*闭/ })
      .last()
      .click();
    const log = page.getByTestId('reveal-log');
    await log.getByText('核对导入的入团材料').waitFor();
    await log.getByText('身份证号').first().waitFor();
    await page.screenshot({ path: path.join(screenshotDir, 'archive-reveal-audit.png'), fullPage: true });
    await page.close();
  });
});
