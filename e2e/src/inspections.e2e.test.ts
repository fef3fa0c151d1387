/**
 * SUP-1 季度督导检查 end to end in Chromium: a full quarter through the admin app — 团市委 plans the
 * quarter, names the team (the `inspector` as leader) and picks a 学校 target in 城关区; the
 * inspector records a finding with a photo as evidence (stored in 城关区's tenant); 城关区's
 * 团总支 secretary answers it in 我的整改; the city sees the answer, drafts the 通报 from the
 * findings and publishes it; 七里河区 reads the printable 通报. Then the 好经验好做法 library: the
 * city searches and promotes a submitted item, 城关区 finds it by a Chinese search.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAdmin, pageTrpc, shot } from './helpers';
import { launchChromium, type Product, screenshotDir, startProduct } from './product';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const PHOTO = path.join(repoRoot, 'apps/miniprogram/src/assets/tab/activities-active.png');
const SCHOOL_BRANCH = '高一年级团总支';

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

async function pick(page: Page, label: string, text: string, search?: string) {
  const box = page.getByRole('combobox', { name: label });
  await box.click();
  if (search) await box.fill(search);
  await page
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', {
      hasText: text,
    })
    .first()
    .click();
}

async function newPage(username: string, menu: string): Promise<Page> {
  const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await ctx.newPage();
  await loginAdmin(page, product.baseUrl, username, { menu });
  await page.getByRole('menuitem', { name: menu }).click();
  await page.getByRole('heading', { name: menu }).waitFor();
  return page;
}

describe('督导检查: a quarter through the admin app', () => {
  it('plan → team → targets → finding by the inspector → the district answers → 通报 read by another district', async () => {
    const description = `团员大会记录不全${Date.now() % 100000}`;

    // 1. 团市委 plans the quarter.
    const city = await newPage('city.admin', '督导检查');
    await city.getByRole('button', { name: /新建检查计划/ }).click();
    await city
      .getByRole('dialog')
      .getByRole('button', { name: /创\s*建/ })
      .click();
    await city.getByRole('button', { name: '调整检查组' }).waitFor();
    const planUrl = city.url();

    // 2. The team: the inspector, as leader.
    await city.getByRole('button', { name: '调整检查组' }).click();
    await pick(city, '检查组成员', '（inspector）');
    await city.keyboard.press('Escape');
    // the only member chosen above: the first (active) option of the open list, by keyboard — the
    // members' list closing beside it still matches an option locator while it animates out
    await city.getByRole('combobox', { name: '组长' }).click();
    await city.keyboard.press('Enter');
    await city.getByRole('button', { name: '保存检查组' }).click();
    await city.getByText('（组长）').waitFor();

    // 3. A target in 城关区, sector 学校.
    await city.getByRole('button', { name: '添加检查对象' }).click();
    const dialog = city.getByRole('dialog', { name: '添加检查对象' });
    await pick(city, '区县', '城关区团委');
    await pick(city, '检查领域', '学校');
    await pick(city, '组织', SCHOOL_BRANCH, '高一年级');
    await dialog.getByRole('button', { name: /添\s*加/ }).click();
    await city.locator('.ant-table-row', { hasText: SCHOOL_BRANCH }).first().waitFor();
    await dialog.getByRole('button', { name: /取\s*消/ }).click();
    await shot(city, 'inspections-plan-targets');

    // 4. The inspector records a finding with a photo (uploaded into 城关区's tenant).
    const inspector = await newPage('inspector', '督导检查');
    await inspector.goto(planUrl);
    await inspector.getByRole('button', { name: '记录问题' }).click();
    await pick(inspector, '被检查组织', SCHOOL_BRANCH);
    await pick(inspector, '检查方式', '调阅台账');
    await pick(inspector, '问题程度', '一般');
    await inspector.getByLabel('问题描述').fill(description);
    await inspector.locator('.file-upload input[type=file]').setInputFiles(PHOTO);
    await inspector.locator('.file-upload .ant-upload-list-item-done').first().waitFor();
    await inspector
      .getByRole('dialog')
      .getByRole('button', { name: /保\s*存/ })
      .click();
    const row = inspector.locator('.ant-table-row', { hasText: description });
    await row.waitFor();
    await row.getByText('待答复').waitFor();
    await shot(inspector, 'inspections-finding-recorded');

    // 5. 城关区's 团总支 secretary answers in 我的整改.
    const secretary = await newPage('chengguan.secretary', '督导问题整改');
    const mine = secretary.locator('.ant-table-row', { hasText: description });
    await mine.waitFor();
    await mine.getByRole('button', { name: '答复' }).click();
    await secretary
      .getByRole('dialog')
      .locator('a', { hasText: /activities-active|\.png|附件/ })
      .first()
      .waitFor();
    await secretary.getByLabel('整改情况').fill('已召开支部团员大会并补齐会议记录，建立台账。');
    await secretary.getByRole('button', { name: /提交答复/ }).click();
    await secretary.getByText('已召开支部团员大会并补齐会议记录').waitFor();
    await secretary.keyboard.press('Escape');
    await mine.getByText('已答复').waitFor();
    await shot(secretary, 'inspections-answered');
    // 七里河区 never sees it.
    const qilihe = await newPage('qilihe.admin', '督导问题整改');
    const qlFindings = await pageTrpc<{ description: string }[]>(qilihe, 'inspections.myFindings', {});
    expect(qlFindings.map((f) => f.description)).not.toContain(description);

    // 6. The city sees the answer, drafts the 通报 from the findings and publishes it.
    await city.goto(planUrl);
    const cityRow = city.locator('.ant-table-row', { hasText: description });
    await cityRow.getByText('已答复').waitFor();
    await cityRow.getByRole('button', { name: '查看' }).click();
    await city.locator('.finding-answer', { hasText: '补齐会议记录' }).waitFor();
    await city.getByRole('button', { name: /审核通过，销号/ }).click();
    await cityRow.getByText('已销号').waitFor();
    await city.keyboard.press('Escape');
    await city.getByRole('button', { name: '起草通报' }).click();
    await city.getByRole('heading', { name: '起草通报' }).waitFor();
    await expect.poll(async () => city.getByLabel('正文').inputValue()).toContain(description);
    await city.getByLabel('文号').fill('兰团通〔2026〕99号');
    await city.getByRole('button', { name: '发布通报' }).click();
    await city
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /确\s*定|OK/ })
      .click();
    await city.getByTestId('circular').waitFor();
    await city.getByTestId('circular').getByText(description, { exact: false }).waitFor();
    await shot(city, 'inspections-circular-print');

    // 7. Another district reads the published 通报 (printable).
    await qilihe.getByRole('menuitem', { name: '督导通报' }).click();
    await qilihe.getByRole('heading', { name: '督导通报' }).waitFor();
    await qilihe.locator('.ant-table-row', { hasText: '兰团通〔2026〕99号' }).getByRole('link').click();
    await qilihe.getByTestId('circular').getByText(description, { exact: false }).waitFor();
    await shot(qilihe, 'inspections-circular-other-district');
  }, 600_000);

  it('好经验好做法: the city promotes a submitted item; a district finds it by a Chinese search', async () => {
    const city = await newPage('city.admin', '好经验好做法');
    await city.getByLabel('搜索经验做法').fill('团费线上');
    await city.getByLabel('搜索经验做法').press('Enter');
    const item = city.locator('.good-practice', { hasText: '企业团费线上收缴' });
    await item.getByText('待推广').waitFor();
    await item.getByRole('button', { name: '全市推广' }).click();
    await item.getByText('全市推广').first().waitFor();
    await expect.poll(async () => item.getByRole('button', { name: '全市推广' }).count()).toBe(0);

    const cg = await newPage('chengguan.admin', '好经验好做法');
    await cg.getByLabel('搜索经验做法').fill('财务每季度对账');
    await cg.getByLabel('搜索经验做法').press('Enter');
    await cg.locator('.good-practice', { hasText: '企业团费线上收缴' }).waitFor();
    await shot(cg, 'good-practices-search');
  }, 300_000);
});
