/**
 * 五四讲堂 (LIFE-3) end to end in Chromium: the city admin creates and publishes a lecture in the
 * admin app; a member of 城关区 finds it in the H5 mini-program (活动 tab → 全部讲堂), signs up and
 * sees the seat count change; the city admin then sees the sign-up under 城关区团委 and by name.
 */
import { mkdirSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall, apiLogin, loginAdmin, loginH5, shot } from './helpers';
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

describe('五四讲堂: publish in the admin app, sign up in the mini-program', () => {
  it('city admin publishes; a member signs up in H5; the admin sees the sign-up', async () => {
    const theme = `青年讲堂${Date.now() % 100000}`;
    // A week from today, Beijing calendar.
    const date = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(
      new Date(Date.now() + 7 * 86_400_000),
    );

    // 1. 团市委 creates and publishes the lecture.
    const adminCtx = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const admin = await adminCtx.newPage();
    await loginAdmin(admin, product.baseUrl, 'city.admin', { menu: '五四讲堂' });
    await admin.getByRole('menuitem', { name: '五四讲堂' }).click();
    await admin.getByRole('heading', { name: '五四讲堂' }).waitFor();
    await admin.getByRole('button', { name: /新建讲堂/ }).click();
    await admin.getByRole('heading', { name: '新建讲堂' }).waitFor();
    await admin.getByLabel('主题').fill(theme);
    await admin.getByLabel('主讲人', { exact: true }).fill('张明');
    await admin.getByLabel('地点').fill('七里河区青年之家');
    await admin.getByLabel('日期').click();
    await admin.getByLabel('日期').fill(date);
    await admin.getByLabel('日期').press('Tab');
    const times = admin.locator('.ant-picker-range input');
    await times.first().click();
    await times.first().fill('14:30');
    await times.first().press('Tab');
    await times.nth(1).fill('16:30');
    await times.nth(1).press('Tab');
    await admin.getByLabel('名额（人）').fill('30');
    await admin.getByRole('heading', { name: '新建讲堂' }).click();
    await shot(admin, 'admin-lecture-form');
    await admin.getByRole('button', { name: /保\s*存/ }).click();
    await admin.getByRole('heading', { name: theme }).waitFor();
    await admin.getByText('草稿').first().waitFor();
    await admin.getByRole('button', { name: /发\s*布/ }).click();
    await admin.getByText('已发布').first().waitFor();
    await admin.getByText('已报名 0 / 30').waitFor();
    await shot(admin, 'admin-lecture-published');
    const lectureUrl = admin.url();

    // 2. A member signs up in the H5 mini-program.
    const h5Ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
    const h5 = await h5Ctx.newPage();
    await loginH5(h5, product.baseUrl, 'chengguan.member');
    await h5.getByText('活动', { exact: true }).last().click();
    await h5.locator('#lecture-list-link').last().click();
    const card = h5.locator('#lecture-list .lecture-card', { hasText: theme });
    await card.waitFor();
    await card.click();
    await h5.locator('#lecture-detail', { hasText: theme }).waitFor();
    await h5.locator('#lecture-seats', { hasText: '已报名 0 人，剩余 30 席' }).waitFor();
    await h5.locator('#lecture-signup').last().click();
    await h5.locator('#lecture-my-status', { hasText: '已报名' }).waitFor();
    await h5.locator('#lecture-seats', { hasText: '已报名 1 人，剩余 29 席' }).waitFor();
    await h5.locator('#lecture-cancel').last().waitFor();
    await shot(h5, 'h5-lecture-signed-up');

    // The member's own list shows it; 城关区's attendance counts it.
    const token = await apiLogin(product.baseUrl, 'chengguan.member');
    const mine = await apiCall<{ status: string; lecture: { theme: string } }[]>(
      product.baseUrl,
      token,
      'lectures.mine',
      undefined,
      'query',
    );
    expect(mine.find((s) => s.lecture.theme === theme)?.status).toBe('booked');

    // 3. The city admin sees the sign-up under 城关区团委 and by name.
    await admin.goto(lectureUrl);
    await admin.getByText('已报名 1 / 30').waitFor();
    await admin.locator('.ant-table-row', { hasText: '城关区团委' }).first().waitFor();
    await admin.getByRole('tab', { name: /报名名单/ }).click();
    const me = await apiCall<{ user: { displayName: string } }>(
      product.baseUrl,
      token,
      'auth.me',
      undefined,
      'query',
    );
    await admin.locator('.ant-table-row', { hasText: me.user.displayName }).first().waitFor();
    await shot(admin, 'admin-lecture-signups');
    await adminCtx.close();
    await h5Ctx.close();
  }, 240_000);
});
