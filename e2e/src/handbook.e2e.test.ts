/**
 * 工作手册 (LIFE-4) and the one search box end to end in Chromium: the city admin revises and
 * publishes a new version of 团费收缴工作规范 in the admin app; the branch secretary (who read
 * version 1) sees the update badge on the H5 团务 tab, opens the document with its changes, the
 * badge goes, and she searches the handbook; a district admin's header search box finds a member by
 * the last 4 digits of the ID number and an organisation by name.
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

describe('工作手册: publish in the admin app, read in the mini-program; the search box', () => {
  it('the city publishes a new version; the secretary sees 有更新, reads the changes and searches', async () => {
    const addition = `- 团费收缴情况每月${Date.now() % 100}日前在团务公开栏公示。`;

    // 1. 团市委 revises 团费收缴工作规范 and publishes version 2.
    const adminCtx = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const admin = await adminCtx.newPage();
    await loginAdmin(admin, product.baseUrl, 'city.admin', { menu: '工作手册' });
    await admin.getByRole('menuitem', { name: '工作手册' }).click();
    await admin.getByRole('heading', { name: '工作手册' }).waitFor();
    await admin.getByRole('link', { name: '团费收缴工作规范' }).click();
    await admin.getByRole('heading', { name: '团费收缴工作规范' }).first().waitFor();
    const body = admin.getByLabel('正文');
    await expect.poll(() => body.inputValue()).toContain('# 团费收缴工作规范');
    const before = await body.inputValue();
    await body.fill(`${before}\n${addition}`);
    await admin.getByLabel('修订说明').fill('增加团费公示要求');
    await admin.getByRole('button', { name: /保存草稿/ }).click();
    await admin.getByText('第2版草稿已保存').waitFor();
    await admin.getByRole('button', { name: /发布新版本/ }).click();
    await admin.getByText('第2版已发布，各支部将看到“有更新”').waitFor();
    await admin.getByText('现行第2版').waitFor();
    await shot(admin, 'admin-handbook-published');

    // 2. The branch secretary in the H5 mini-program.
    const h5Ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
    const h5 = await h5Ctx.newPage();
    await loginH5(h5, product.baseUrl, 'chengguan.branch');
    // The tab bar item (a text match also hits the page's own texts and the hidden title bar).
    await h5.locator('.weui-tabbar__item', { hasText: '团务' }).click();
    // The demo's revised 发展团员工作流程 and now 团费收缴工作规范.
    await h5.locator('#handbook-updated-badge', { hasText: '2篇有更新' }).waitFor();
    await shot(h5, 'h5-affairs-handbook-badge');
    await h5.locator('#affairs-handbook').click();
    const item = h5.locator('#handbook-list .handbook-item', { hasText: '团费收缴工作规范' });
    await item.locator('.tag', { hasText: '有更新' }).waitFor();
    await item.click();
    await h5.locator('#handbook-title', { hasText: '团费收缴工作规范' }).waitFor();
    await h5.locator('#handbook-changes', { hasText: addition.slice(2) }).waitFor();
    await h5.getByText('修订说明：增加团费公示要求').waitFor();
    await h5.locator('#handbook-body', { hasText: '团费是团员对团组织应尽的义务' }).waitFor();
    await shot(h5, 'h5-handbook-changes');
    await h5.goBack();
    await h5
      .locator('#handbook-list .handbook-item', { hasText: '团费收缴工作规范' })
      .locator('.tag', { hasText: '有更新' })
      .waitFor({ state: 'detached' });
    // Search the handbook.
    await h5.locator('#handbook-q input').fill('推优');
    await h5.locator('#handbook-search').last().click();
    await h5.locator('#handbook-results .hb-item', { hasText: '推优入党工作流程' }).first().waitFor();
    await shot(h5, 'h5-handbook-search');
    // Back on the 团务 tab (the tab bar is not shown on the handbook pages), the badge counts only the
    // revised procedure.
    await h5.goBack();
    await h5.locator('#handbook-updated-badge', { hasText: '1篇有更新' }).waitFor();
    await h5Ctx.close();
    await adminCtx.close();
  }, 300_000);

  it('the admin header search finds a member by the last 4 ID digits and an organisation', async () => {
    const token = await apiLogin(product.baseUrl, 'chengguan.admin');
    const page = await apiCall<{ items: { name: string; idCardMasked: string | null }[] }>(
      product.baseUrl,
      token,
      'members.list',
      { page: 1, pageSize: 20 },
      'query',
    );
    const member = page.items.find((m) => m.idCardMasked)!;
    const tail = member.idCardMasked!.slice(-4);

    const ctx = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const admin = await ctx.newPage();
    await loginAdmin(admin, product.baseUrl, 'chengguan.admin', { menu: '工作手册' });
    const box = admin.getByRole('searchbox', { name: '全局搜索' });
    await box.fill(tail);
    await box.press('Enter');
    await admin.getByRole('heading', { name: '搜索' }).waitFor();
    const members = admin.getByTestId('search-members');
    await members.getByRole('link', { name: member.name }).first().waitFor();
    await expect(members.textContent()).resolves.toContain(tail);
    await shot(admin, 'admin-search-id-tail');
    await members.getByRole('link', { name: member.name }).first().click();
    await admin.waitForURL(/\/members\/[0-9a-f-]{36}/);

    await box.fill('第三十三中学');
    await box.press('Enter');
    const orgs = admin.getByTestId('search-organisations');
    await orgs
      .getByRole('link', { name: /第三十三中学/ })
      .first()
      .click();
    await admin.waitForURL(/\/organisations\?org=/);
    await shot(admin, 'admin-search-org');
    await ctx.close();
  }, 300_000);
  it('the mini-program search box: own members, organisations and the handbook — never another district', async () => {
    const base = product.baseUrl;
    type Page<T> = { items: T[]; total: number };
    const sec = await apiLogin(base, 'chengguan.branch');
    const own = await apiCall<Page<{ name: string }>>(base, sec, 'members.list', { pageSize: 5 }, 'query');
    expect(own.total).toBeGreaterThan(0);
    const mine = own.items[0]!.name;
    // A member of 七里河区 whose name no member of the secretary's branch has.
    const ql = await apiLogin(base, 'qilihe.admin');
    const others = await apiCall<Page<{ name: string }>>(base, ql, 'members.list', { pageSize: 30 }, 'query');
    let stranger: string | undefined;
    for (const m of others.items) {
      const r = await apiCall<Page<unknown>>(base, sec, 'members.list', { q: m.name, pageSize: 1 }, 'query');
      if (r.total === 0) {
        stranger = m.name;
        break;
      }
    }
    expect(stranger).toBeDefined();

    const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
    const h5 = await ctx.newPage();
    await loginH5(h5, base, 'chengguan.branch');
    await h5.goto(`${base}/h5/#/pages/search/index`);
    const search = async (q: string) => {
      await h5.locator('#search-q input').fill(q);
      await h5.locator('#search-go').click();
    };
    await search(mine);
    await h5.locator('#search-members .mt-cell-title', { hasText: mine }).first().waitFor();
    await shot(h5, 'h5-search-member');
    await search(stranger!);
    await h5.getByText('没有您有权查看的相关内容。').waitFor();
    expect(await h5.locator('#search-members').count()).toBe(0);
    await search('推优');
    await h5.locator('#search-documents .mt-cell-title', { hasText: '推优入党工作流程' }).first().waitFor();
    await ctx.close();
  }, 300_000);
});
