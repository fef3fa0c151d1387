/**
 * 年终考核 (SUP-3) and 月度述职 (SUP-4) through the admin app in Chromium: a full year — the city
 * creates the round, enters every unit's scores, sees the ranking, publishes, the derived actions
 * appear (永登县团委 bottom 3 a fourth year running after the seeded three → 建议调整函) and the
 * letter prints; a month of hearings — the city schedules five organisations, 城关区 files its
 * 整改报告 with a task, the other report is flagged overdue for the district and for the city.
 */
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAdmin, shot } from './helpers';
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

/**
 * Picks an option of an antd Select by keyboard: type to filter, wait for the option in the open list,
 * Enter. (Clicking the option raced the list's open/close animation under load.)
 */
async function pickOption(page: Page, label: string, text: string) {
  const box = page.getByLabel(label, { exact: true });
  await box.click();
  await box.fill(text);
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option')
    .filter({ hasText: text })
    .first()
    .waitFor();
  await box.press('Enter');
}

/** Picks the n-th (0-based) option of an antd Select's list by keyboard. */
async function pickNth(page: Page, label: string, n: number) {
  const box = page.getByLabel(label, { exact: true });
  await box.click();
  const options = page.locator('.ant-select-dropdown:visible .ant-select-item-option');
  await options.nth(n).waitFor();
  for (let i = 0; i < n; i++) await box.press('ArrowDown');
  await box.press('Enter');
}

describe('年终考核 and 月度述职 in the admin app', () => {
  it('a full year: scores → ranking → publication → actions → printable 建议调整函', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await ctx.newPage();
    await loginAdmin(page, product.baseUrl, 'city.admin', { menu: '年终考核' });
    await page.getByRole('menuitem', { name: '年终考核' }).click();
    await page.getByRole('heading', { name: '年终考核' }).waitFor();
    // The seeded years are there, the last with a letter.
    await page.getByRole('link', { name: '2026年度' }).waitFor();
    await page.getByLabel('考核年度').fill('2027');
    await page.getByRole('button', { name: /新建年度考核/ }).click();
    await page.getByRole('heading', { name: '2027年度基层团组织年终考核评估' }).waitFor();

    const rows = page.locator('.ant-table-tbody tr.ant-table-row').filter({ has: page.locator('input') });
    const n = await rows.count();
    expect(n).toBeGreaterThanOrEqual(10);
    for (let i = 0; i < n; i++) {
      const row = rows.nth(i);
      const name = (await row.locator('td').nth(1).innerText()).trim();
      // 永登县团委 lowest; the others high and apart.
      const base =
        name === '永登县团委'
          ? [10, 10, 8, 8, 4]
          : name === '皋兰县团委'
            ? [15, 15, 12, 12, 6]
            : [22, 22, 18, 18, 9 - (i % 5) * 0.5];
      const inputs = row.locator('input');
      for (let k = 0; k < 5; k++) await inputs.nth(k).fill(String(base[k]));
      await row.getByRole('button', { name: `保存${name}的得分` }).click();
      await page.getByText(`${name}的得分已保存`).waitFor();
    }
    await page.getByText('处置预览（公布后生成）').waitFor();
    await shot(page, 'admin-assessment-scores');
    await page.getByRole('button', { name: /公布考核结果/ }).click();
    await page.getByRole('button', { name: /确\s*定|OK/ }).click();
    await page.getByText('考核结果已公布，处置事项已生成').waitFor();
    await page.getByText('考核排名').waitFor();
    const actions = page.locator('.ant-card').filter({ hasText: '处置事项' });
    const letterRow = actions.locator('tr').filter({ hasText: '永登县团委' });
    await letterRow.getByText('建议调整函').first().waitFor();
    await letterRow.getByText('4年').waitFor();
    await letterRow.getByText(/兰团建调〔2027〕1号/).waitFor();
    await actions.locator('tr').filter({ hasText: '皋兰县团委' }).getByText('建议调整函').first().waitFor();
    await shot(page, 'admin-assessment-published');

    // 约谈 record for a talk.
    const talkRow = actions
      .locator('tr')
      .filter({ has: page.getByRole('button', { name: '登记约谈' }) })
      .first();
    if ((await talkRow.count()) > 0) {
      await talkRow.getByRole('button', { name: '登记约谈' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('约谈日期').click();
      await dialog.getByLabel('约谈日期').fill('2026-11-20');
      await dialog.getByLabel('约谈日期').press('Enter');
      await dialog.getByLabel('约谈人').fill('团市委副书记');
      await dialog.getByLabel('约谈记录').fill('通报排名，提出整改要求');
      await dialog.getByRole('button', { name: /保存约谈记录/ }).click();
      await page.getByText('约谈记录已保存').waitFor();
    }

    // The letter prints on one clean A4 sheet.
    await letterRow.getByRole('link', { name: '打印建议调整函' }).click();
    const sheet = page.getByTestId('letter-sheet');
    await sheet.waitFor();
    expect(await sheet.innerText()).toContain('中共永登县委员会');
    expect(await sheet.innerText()).toContain('连续4年排名末3位');
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('button', { name: /打\s*印/ }).isVisible()).toBe(false);
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.byteLength).toBeGreaterThan(1000);
    await shot(page, 'admin-assessment-letter');
    await ctx.close();

    // The district sees its own result only.
    const dctx = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const d = await dctx.newPage();
    await loginAdmin(d, product.baseUrl, 'yongdeng.admin', { menu: '考核结果' });
    await d.getByRole('menuitem', { name: '考核结果' }).click();
    await d.getByText('2027年度').waitFor();
    await d.getByText('建议调整函（连续4年）').waitFor();
    await dctx.close();
  }, 300_000);

  // Skipped (session 5): never passed in Chromium — the organisation picker of the scheduling form
  // (OrgSelect, antd Select loaded per district) gives no option to the locator; the API test
  // (packages/api/src/router/assessment.test.ts) covers the month of hearings. See NOTES.md.
  it('a month of hearings: schedule five → the district files its report → overdue flags', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
    const page = await ctx.newPage();
    await loginAdmin(page, product.baseUrl, 'city.admin', { menu: '月度述职' });
    await page.getByRole('menuitem', { name: '月度述职' }).click();
    await page.getByRole('heading', { name: '月度述职' }).waitFor();
    // The seeded hearing of last month already has one overdue report (七里河区).
    await page
      .locator('.ant-card')
      .filter({ hasText: '逾期提醒' })
      .getByText('七里河区团委')
      .first()
      .waitFor();

    await page.getByLabel('述职日期').click();
    await page.getByLabel('述职日期').fill('2025-06-10');
    await page.getByLabel('述职日期').press('Enter');
    await page.keyboard.press('Escape');
    const plan = ['城关区团委', '城关区团委', '七里河区团委', '西固区团委', '安宁区团委'];
    const used = new Map<string, number>();
    for (let i = 0; i < plan.length; i++) {
      await pickOption(page, `第${i + 1}个述职区县`, plan[i]!);
      const k = used.get(plan[i]!) ?? 0;
      used.set(plan[i]!, k + 1);
      await pickNth(page, `第${i + 1}个述职组织`, k + 1);
      const sec = page.getByLabel(`第${i + 1}个述职书记`);
      if (!(await sec.inputValue())) await sec.fill(`书记${i + 1}`);
    }
    await shot(page, 'admin-hearing-schedule');
    await page.getByRole('button', { name: /确定安排/ }).click();
    await page.getByRole('heading', { name: '2025-06 月度述职' }).waitFor();
    const rows = page.locator('.ant-table-tbody tr.ant-table-row');
    expect(await rows.count()).toBe(5);
    // Due 7 days later; already past → overdue.
    expect(await rows.first().innerText()).toContain('2025年6月17日');
    await rows.first().getByRole('button', { name: '点评' }).click();
    await page.getByLabel('点评意见').fill('团员发展程序规范，青年大学习参与率偏低。');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('点评意见已保存').waitFor();
    await ctx.close();

    // 城关区 files the report for one of its two organisations.
    const dctx = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const d = await dctx.newPage();
    await loginAdmin(d, product.baseUrl, 'chengguan.admin', { menu: '我的整改报告' });
    await d.getByRole('menuitem', { name: '我的整改报告' }).click();
    await d.getByRole('heading', { name: '我的整改报告' }).waitFor();
    const cards = d.locator('.ant-card').filter({ hasText: '2025-06 述职' });
    await cards.first().waitFor();
    expect(await cards.count()).toBe(2);
    await cards.first().getByText('团员发展程序规范，青年大学习参与率偏低。').waitFor();
    await cards
      .first()
      .getByRole('button', { name: /提交整改报告/ })
      .click();
    const dialog = d.getByRole('dialog');
    await dialog.getByLabel('整改报告').fill('召开支委会专题研究点评意见，制定整改措施。');
    await dialog.getByLabel('第1项整改任务').fill('组织团员参加青年大学习');
    await dialog.getByLabel('第1项完成期限').click();
    await dialog.getByLabel('第1项完成期限').fill('2025-07-10');
    // Enter confirms the typed date and, in a form, also submits it; click only if the dialog stayed open.
    await dialog.getByLabel('第1项完成期限').press('Enter');
    const saved = d.getByText('整改报告已提交');
    try {
      await saved.waitFor({ timeout: 5_000 });
    } catch {
      await dialog.getByRole('button', { name: /提交整改报告/ }).click();
      await saved.waitFor();
    }
    await cards.first().getByText('逾期提交').waitFor();
    await cards.nth(1).getByText('已逾期').waitFor();
    await shot(d, 'admin-my-hearings');
    // The to-dos of the workbench list the overdue report.
    const todos = await d.evaluate(async () => {
      const r = await fetch('/trpc/todos.list');
      return (await r.json()) as { result: { data: { kind: string; count: number; overdue: boolean }[] } };
    });
    const item = todos.result.data.find((t) => t.kind === 'hearing_reports');
    expect(item?.overdue).toBe(true);
    expect(item?.count).toBeGreaterThanOrEqual(1);
    await dctx.close();

    // The city sees the flag on the month.
    const c2 = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const p2 = await c2.newPage();
    await loginAdmin(p2, product.baseUrl, 'city.admin', { menu: '月度述职' });
    await p2.getByRole('menuitem', { name: '月度述职' }).click();
    const monthRow = p2
      .locator('.ant-card')
      .filter({ hasText: '述职安排' })
      .locator('tr')
      .filter({ hasText: '2025-06' });
    await monthRow.getByText(/报告逾期4/).waitFor();
    await c2.close();
  }, 300_000);
});
