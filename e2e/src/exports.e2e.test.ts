/**
 * MEM-7 in Chromium: on each ledger page the 导出Excel button downloads an .xlsx made by the server
 * whose header row is the ledger's and whose rows are the list's (count = the list's total for the
 * same user and filters).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAdmin, pageTrpc, shot } from './helpers';
import { launchChromium, type Product, screenshotDir, startProduct } from './product';

let product: Product;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(screenshotDir, { recursive: true });
  product = await startProduct();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await product?.stop();
});

async function download(page: Page, button: string | RegExp = /导出Excel/) {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: button }).first().click(),
  ]);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync((await file.path())!) as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const headers: string[] = [];
  ws.getRow(3).eachCell((c) => {
    headers.push(String(c.value));
  });
  return { name: file.suggestedFilename(), headers, rows: ws.rowCount - 3, ws };
}

async function open(page: Page, menu: string, heading = menu) {
  await page.getByRole('menuitem', { name: menu }).click();
  await page.getByRole('heading', { name: heading, exact: true }).waitFor();
}

describe('ledger exports in the admin app', () => {
  it('a district admin downloads each ledger; rows = the list total', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
    await loginAdmin(page, product.baseUrl, 'chengguan.admin', { menu: '发展团员' });

    await open(page, '发展团员');
    let f = await download(page);
    expect(f.name).toMatch(/^发展团员台帐_城关区团委_\d{8}\.xlsx$/);
    expect(f.headers.slice(0, 4)).toEqual(['姓名', '性别', '出生日期', '团支部']);
    expect(f.rows).toBe((await pageTrpc<{ total: number }>(page, 'development.list', {})).total);

    await open(page, '组织关系转接');
    f = await download(page);
    expect(f.name).toMatch(/^组织关系转接台帐_城关区团委_待我接收_\d{8}\.xlsx$/);
    expect(f.headers).toContain('身份证号');
    expect(f.rows).toBe(
      (await pageTrpc<{ total: number }>(page, 'transfers.list', { box: 'incoming' })).total,
    );

    await open(page, '推优入党');
    f = await download(page);
    expect(f.name).toMatch(/^推优入党台帐_/);
    expect(f.rows).toBe((await pageTrpc<{ total: number }>(page, 'recommendations.list', {})).total);
    expect(f.rows).toBeGreaterThan(0);

    await open(page, '空白点');
    f = await download(page);
    expect(f.name).toMatch(/^空白点台帐_城关区团委_未覆盖_/);
    expect(f.rows).toBe((await pageTrpc<{ total: number }>(page, 'org.gaps.list', { status: 'open' })).total);

    await open(page, '组织调整');
    f = await download(page);
    expect(f.headers[0]).toBe('类型');
    expect(f.rows).toBe((await pageTrpc<unknown[]>(page, 'org.proposals.list', {})).length);

    await open(page, '档案完备');
    f = await download(page, '导出待完善名单');
    expect(f.name).toMatch(/^档案待完善团员_/);
    expect(f.rows).toBe(
      (await pageTrpc<{ incomplete: { total: number } }>(page, 'archive.completeness', {})).incomplete.total,
    );

    await open(page, '团费管理');
    f = await download(page);
    expect(f.headers).toContain('本月应交（元）');
    expect(f.rows).toBe((await pageTrpc<{ rows: unknown[] }>(page, 'dues.branchMonth', {})).rows.length);
    await shot(page, 'exports-dues-month');
    await page.close();
  });
});
