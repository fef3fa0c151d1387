/**
 * 专门委员会 (issue 7, "done when"): in Chromium, through the admin app — 城关区团委 submits a
 * research report with an attachment to 企业工作委员会 from its own tenant; the chair assigns a
 * reviewer, who returns it with comments; the district sees the comment and revises; the report
 * goes back to its reviewer, the chair accepts it and adopts it as 议事参考; the district sees it
 * adopted.
 */
import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAdmin, shot } from './helpers';
import { launchChromium, type Product, screenshotDir, startProduct } from './product';

let product: Product;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  mkdirSync(screenshotDir, { recursive: true });
  product = await startProduct();
  browser = await launchChromium();
});

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await product?.stop();
});

const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);
const TITLE = '城关区非公企业团建工作调研报告';

async function as(username: string, menu: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  contexts.push(context);
  const page = await context.newPage();
  // The machine may be loaded (a product per file, builds): be patient with navigation.
  page.setDefaultNavigationTimeout(120_000);
  page.setDefaultTimeout(60_000);
  await loginAdmin(page, product.baseUrl, username, { menu });
  return page;
}

async function pick(page: Page, label: string, option: string) {
  await page.getByLabel(label).click();
  await page.locator('.ant-select-item-option', { hasText: option }).first().click();
}

describe('调研报告: district submission through review to 议事参考', () => {
  it('submit → return with comments → revise → accept → adopt, in the admin app', async () => {
    const base = product.baseUrl;

    // 1. The district submits from its own tenant.
    const district = await as('chengguan.admin', '提交调研报告');
    await district.getByRole('menuitem', { name: '提交调研报告' }).click();
    await district.getByRole('button', { name: '提交调研报告' }).click();
    const dialog = district.getByRole('dialog');
    await pick(district, '报送委员会', '企业工作委员会');
    await dialog.getByLabel('报告标题').fill(TITLE);
    await dialog.getByLabel('报告正文').fill('一、基本情况：全区非公企业团组织覆盖率……');
    await dialog
      .locator('input[type=file]')
      .setInputFiles({ name: '调研数据.pdf', mimeType: 'application/pdf', buffer: PDF });
    await dialog.getByText('调研数据.pdf').waitFor();
    await dialog.getByRole('button', { name: /提\s*交/ }).click();
    await district.getByRole('cell', { name: TITLE }).waitFor();
    await expect.poll(() => district.getByText('已提交').count()).toBeGreaterThan(0);
    await shot(district, 'committees-district-submitted');

    // 2. The chair assigns a reviewer.
    const chair = await as('enterprise.chair', '调研报告');
    await chair.bringToFront();
    await chair.goto(`${base}/committee/reports`);
    await chair.getByRole('link', { name: TITLE }).click();
    await chair.getByText('调研数据.pdf').waitFor(); // the attachment, copied into the committee
    // The reviewer is the 委员 linked to enterprise.member2: her name is the one in her header.
    const member2 = await as('enterprise.member2', '调研报告');
    const name =
      ((await member2.getByTestId('current-user').textContent()) ?? '').trim().split(/\s/)[0] ?? '';
    expect(name).not.toBe('');
    // back to the chair's window (a page in the background gets no animation frames: antd waits on them)
    await chair.bringToFront();
    await chair.getByRole('button', { name: '指定审阅人' }).click();
    const reviewerDialog = chair.getByRole('dialog');
    const reviewers = reviewerDialog.getByRole('combobox', { name: '审阅人' });
    await reviewers.click();
    await reviewers.fill(name);
    await chair
      .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: name })
      .first()
      .waitFor();
    await reviewers.press('Enter');
    // A multiple Select keeps its list open over the dialog's buttons: close it by clicking the title.
    await reviewerDialog.getByText('指定审阅人', { exact: true }).click();
    await reviewerDialog.locator('.ant-select-selection-item', { hasText: name }).first().waitFor();
    await reviewerDialog.getByRole('button', { name: /确\s*定/ }).click();
    await chair.getByText('审阅中').first().waitFor();

    // 3. The reviewer returns it with comments.
    await member2.bringToFront();
    await member2.goto(`${base}/committee/reports`);
    await member2.getByRole('link', { name: TITLE }).click();
    await member2.getByRole('button', { name: '退回修改' }).click();
    await member2.getByLabel('修改意见').fill('请补充2025年非公企业团组织覆盖率数据');
    await member2
      .getByRole('dialog')
      .getByRole('button', { name: /确\s*定/ })
      .click();
    await member2.getByText('退回修改').first().waitFor();
    await shot(member2, 'committees-returned');

    // 4. The district sees the comment and revises.
    await district.reload();
    await district.getByText('请补充2025年非公企业团组织覆盖率数据').waitFor();
    await district.getByRole('button', { name: '修改后重新提交' }).click();
    await district.getByRole('dialog').getByLabel('报告正文').fill('一、基本情况（补充2025年覆盖率为62%）……');
    await district
      .getByRole('dialog')
      .getByRole('button', { name: /提\s*交/ })
      .click();
    await district.getByText('第2稿').waitFor();

    // 5. Back with its reviewer; the chair accepts and adopts it.
    await chair.reload();
    await chair.getByText(/第2稿：/).waitFor();
    await chair.getByRole('button', { name: /^采\s*纳$/ }).click();
    await chair
      .getByRole('dialog')
      .getByRole('button', { name: /确\s*定/ })
      .click();
    await chair.getByText('已采纳').first().waitFor();
    await chair.getByRole('button', { name: '转化为议事参考' }).click();
    await chair
      .getByRole('dialog')
      .getByRole('button', { name: /确\s*定/ })
      .click();
    await chair.getByText('已转化为议事参考').first().waitFor();
    await expect.poll(() => chair.getByText(/全委会议事参考/).count()).toBeGreaterThan(0);
    await shot(chair, 'committees-adopted');

    // 6. The district sees its report adopted, and nothing else of the committee.
    await district.reload();
    await district.getByText('已转化为议事参考').waitFor();
    await district.getByText('全委会议事参考').waitFor();
    expect(await district.getByText(name).count()).toBe(0);
    await shot(district, 'committees-district-adopted');
  }, 900_000);
});
