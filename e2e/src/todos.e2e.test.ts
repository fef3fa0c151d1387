/**
 * 待办事项 on the mini-program H5 首页 (PLAT-3): a member sees the own unpaid dues months with the
 * red badge on the 首页 tab and opens 我的团费 from the item; a branch secretary sees the branch's
 * to-dos, the badge equals their sum, and an item opens the page that handles it.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, launchChromium, type Product, screenshotDir, startProduct } from './product';

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

const mobile = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

async function h5Login(page: Page, username: string) {
  await page.goto(`${product.baseUrl}/h5/`);
  await page.locator('#login-username input').fill(username);
  await page.locator('#login-password input').fill(DEMO_PASSWORD);
  await page.locator('#login-submit').click();
  await page.locator('#home-branch-name').waitFor();
}

/** The visible to-do items on 首页: title and count. */
async function todoItems(page: Page) {
  await page.locator('#home-todos').waitFor();
  const items = page.locator('#home-todos .todo-item');
  const out: { title: string; count: number }[] = [];
  for (let i = 0; i < (await items.count()); i++) {
    out.push({
      title: (await items.nth(i).locator('.todo-title').textContent()) ?? '',
      count: Number(await items.nth(i).locator('.todo-count').textContent()),
    });
  }
  return out;
}

/** The red badge Taro H5 draws on the 首页 tab. */
const badge = (page: Page) =>
  page.locator('.weui-tabbar__item', { hasText: '首页' }).locator('.taro-tabbar-badge');

const PAGES: Record<string, string> = {
  发展团员待办理下一步: '/pages/development/review/index',
  组织关系转入待接收: '/pages/transfer/incoming/index',
  转接超时待督办: '/pages/transfer/incoming/index',
  连续未交团费待支部大会认定: '/pages/dues/collect/index',
};

describe('待办事项 and the badge on the H5 首页', () => {
  it('a member: unpaid dues months, the badge, and the item opens 我的团费', async () => {
    const page = await browser.newPage(mobile);
    await h5Login(page, 'chengguan.member');
    const items = await todoItems(page);
    const dues = items.find((t) => t.title === '我的团费待交纳（月）');
    expect(dues?.count).toBeGreaterThan(0);
    const total = items.reduce((s, t) => s + t.count, 0);
    await expect
      .poll(async () => (await badge(page).textContent())?.trim())
      .toBe(total > 99 ? '99+' : String(total));
    await page.screenshot({ path: path.join(screenshotDir, 'h5-todos-member.png'), fullPage: true });
    await page.locator('#home-todos .todo-item', { hasText: '我的团费待交纳（月）' }).click();
    await page.locator('#dues-arrears').waitFor();
    expect(page.url()).toContain('/pages/dues/mine/index');
    await page.close();
  }, 120_000);

  it('a branch secretary: the branch’s to-dos, badge = their sum, an item opens its page', async () => {
    const page = await browser.newPage(mobile);
    await h5Login(page, 'chengguan.branch');
    const items = await todoItems(page);
    expect(items.length).toBeGreaterThan(0);
    const total = items.reduce((s, t) => s + t.count, 0);
    await expect
      .poll(async () => (await badge(page).textContent())?.trim())
      .toBe(total > 99 ? '99+' : String(total));
    await page.screenshot({ path: path.join(screenshotDir, 'h5-todos-secretary.png'), fullPage: true });
    const handled = items.find((t) => PAGES[t.title]);
    expect(handled, `no mini-program item among ${items.map((t) => t.title).join('、')}`).toBeTruthy();
    await page.locator('#home-todos .todo-item', { hasText: handled!.title }).click();
    await expect.poll(() => page.url()).toContain(PAGES[handled!.title]!);
    await page.close();
  }, 120_000);
});
