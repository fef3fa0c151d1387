/**
 * Slice "youth" end to end in Chromium (issue 10, 青年大学习 + reminders): the branch secretary
 * imports this week's completion list (as the provincial platform exports it: a title row, its own
 * header wording, one unknown name) in the admin app and sees the row error and who has not
 * completed; in the H5 mini-program she opens 提醒名单 and sees the member who has not completed;
 * that member sees the to-do on her home page and 未完成 on 我的青年大学习, while the member who
 * completed does not get the to-do.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall, apiLogin, loginAdmin, loginH5, shot } from './helpers';
import { launchChromium, type Product, screenshotDir, startProduct } from './product';

/** Today in Asia/Shanghai, 'YYYY-MM-DD'. */
const todayInShanghai = () =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

let product: Product;
let browser: Browser;
const tmp = mkdtempSync(path.join(os.tmpdir(), 'tj-youth-e2e-'));

interface Summary {
  branch: { name: string } | null;
  profile: { name: string } | null;
}

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

describe('青年大学习 import and reminders', () => {
  it('import in the admin app → the secretary sees who has not completed in H5 → the member sees the reminder', async () => {
    const base = product.baseUrl;
    const m1 = await apiCall<Summary>(
      base,
      await apiLogin(base, 'chengguan.member'),
      'home.summary',
      undefined,
      'query',
    );
    const m2 = await apiCall<Summary>(
      base,
      await apiLogin(base, 'chengguan.member2'),
      'home.summary',
      undefined,
      'query',
    );
    const branch = m1.branch!.name;
    const missing = m1.profile!.name;
    const done = m2.profile!.name;

    // The platform's export: a title row, its own header names, this week's completion time.
    const file = path.join(tmp, '青年大学习完成名单.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('完成名单');
    ws.addRow(['“青年大学习”第十二季第十期 完成名单']);
    ws.addRow(['序号', '团员姓名', '所属团支部', '完成时间']);
    ws.addRow([1, done, branch, `${todayInShanghai()} 08:30:00`]);
    ws.addRow([2, '不存在的人', branch, todayInShanghai()]);
    await wb.xlsx.writeFile(file);

    const admin = await browser.newPage();
    await loginAdmin(admin, base, 'chengguan.branch', { menu: '青年大学习' });
    await admin.getByRole('menuitem', { name: '青年大学习' }).click();
    await admin.getByRole('tab', { name: '导入完成名单' }).click();
    await admin.locator('input[type=file]').setInputFiles(file);
    const result = admin.getByTestId('youth-import-result');
    await result.getByText('新记录 1 条').waitFor();
    await result.getByText('错误 1 行').waitFor();
    await result.getByText('第4行：未找到姓名为“不存在的人”的团员').waitFor();
    await shot(admin, 'youth-import');

    await admin.getByRole('tab', { name: '每周完成情况' }).click();
    const week = admin.getByRole('tabpanel', { name: '每周完成情况' });
    const notCompleted = week.locator('.ant-card', { hasText: '未完成名单' });
    await notCompleted.getByRole('cell', { name: missing, exact: true }).waitFor();
    expect(await notCompleted.getByRole('cell', { name: done, exact: true }).count()).toBe(0);
    await admin.close();

    // The secretary in the mini-program: 团务 → 提醒名单.
    const h5 = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await loginH5(h5, base, 'chengguan.branch');
    await h5.locator('.weui-tabbar__item', { hasText: '团务' }).click();
    await h5.locator('#affairs-reminders').click();
    const study = h5.locator('#reminders-study');
    await study.getByText(missing, { exact: true }).waitFor();
    expect(await study.getByText(done, { exact: true }).count()).toBe(0);
    await h5.locator('#reminders-dues').waitFor();
    await shot(h5, 'youth-reminders-h5');
    await h5.close();

    // The member who has not completed: the to-do on her home page, then her record.
    const member = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await loginH5(member, base, 'chengguan.member');
    const todo = member.locator('#home-todos .todo-item', { hasText: '本周青年大学习待完成' });
    await todo.waitFor();
    await todo.click();
    await member.locator('#youth-this-week').getByText('本周青年大学习尚未完成', { exact: false }).waitFor();
    await shot(member, 'youth-member-h5');
    await member.close();

    // The member who completed has no such to-do.
    const token2 = await apiLogin(base, 'chengguan.member2');
    const todos2 = await apiCall<{ kind: string; count: number }[]>(
      base,
      token2,
      'todos.list',
      undefined,
      'query',
    );
    expect(todos2.find((t) => t.kind === 'youth_study_missing')?.count).toBe(0);
  }, 360_000);
});
