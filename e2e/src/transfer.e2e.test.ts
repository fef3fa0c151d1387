/**
 * 组织关系转接 (MEM-4) end to end in Chromium: 城关区 starts a transfer of one of its members to a
 * 团支部 of 七里河区 in the admin app; 七里河区 — another browser context with its own login —
 * finds it by 团员编号 on its approval screen and accepts it; the member is then in 七里河区 and
 * no longer in 城关区.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
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

async function shot(page: Page, name: string) {
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true });
}

async function adminLogin(context: BrowserContext, username: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${product.baseUrl}/`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.getByRole('menuitem', { name: '组织关系转接' }).waitFor();
  return page;
}

/** A tRPC query with the page's own session cookie. */
async function query<T>(page: Page, proc: string, input: unknown): Promise<T> {
  return page.evaluate(
    async ([p, i]) => {
      const r = await fetch(`/trpc/${p}?input=${encodeURIComponent(JSON.stringify(i))}`);
      const body = await r.json();
      if (!r.ok) throw new Error(JSON.stringify(body));
      return body.result.data;
    },
    [proc, input] as const,
  ) as Promise<T>;
}

type MemberList = {
  total: number;
  items: { id: string; name: string; memberNumber: string | null; orgName: string }[];
};

describe('组织关系转接 across districts in the admin app', () => {
  it('城关区 starts, 七里河区 accepts, the member moves', async () => {
    const cgContext = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const qlContext = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const cg = await adminLogin(cgContext, 'chengguan.admin');

    // A member of 城关区 with a 团员编号.
    const list = await query<MemberList>(cg, 'members.list', { status: 'active', q: '2', pageSize: 50 });
    const member = list.items.find((m) => m.memberNumber)!;
    const number = member.memberNumber!;

    // Step form: member → 其他区县 → 七里河区团委 → a 团支部 → submit.
    await cg.getByRole('menuitem', { name: '组织关系转接' }).click();
    await cg.getByRole('button', { name: /发起转接/ }).click();
    await cg.getByRole('heading', { name: '发起组织关系转接' }).waitFor();
    await cg.getByLabel('选择团员').click();
    await cg.getByLabel('选择团员').fill(number);
    await cg.locator('.ant-select-item-option', { hasText: number }).first().click();
    await cg.getByRole('button', { name: /下一步/ }).click();
    await cg.getByText('其他区县').click();
    await cg.getByLabel('接收区县团委').click();
    await cg.locator('.ant-select-item-option', { hasText: '七里河区团委' }).first().click();
    await cg.getByLabel('接收团组织').click();
    const firstOrg = cg.locator('.ant-select-item-option', { hasText: '团支部' }).first();
    await firstOrg.waitFor();
    const orgLabel = (await firstOrg.getAttribute('title')) ?? (await firstOrg.textContent()) ?? '';
    await firstOrg.click();
    await cg.getByRole('button', { name: /下一步/ }).click();
    await cg.getByText(number).first().waitFor();
    await cg.getByRole('button', { name: /提交转接/ }).click();
    await cg.getByText('待接收方审核').first().waitFor();
    await shot(cg, 'admin-transfer-started');

    // 七里河区, its own login in another context: finds it by number on the approval screen.
    const ql = await adminLogin(qlContext, 'qilihe.admin');
    await ql.getByRole('menuitem', { name: '组织关系转接' }).click();
    await ql.getByLabel('姓名或团员编号').fill(number);
    await ql.getByRole('button', { name: /查\s*询/ }).click();
    const row = ql.locator('.ant-table-row', { hasText: member.name });
    await row.first().waitFor();
    expect(await ql.locator('.ant-table-row').count()).toBe(1);
    await shot(ql, 'admin-transfer-incoming');
    await row.first().click();
    await ql.getByRole('heading', { name: `组织关系转接：${member.name}` }).waitFor();
    await ql.getByRole('button', { name: /同意接收/ }).click();
    await ql.getByLabel('办理意见').fill('同意接收');
    await ql.getByRole('button', { name: /确\s*定/ }).click();
    await ql.getByText('已完成').first().waitFor();
    await ql.getByText('接收方接收').first().waitFor();
    await shot(ql, 'admin-transfer-accepted');

    // The member is in 七里河区 (in the receiving 团支部) and no longer in 城关区.
    const inQilihe = await query<MemberList>(ql, 'members.list', { q: number });
    expect(inQilihe.total).toBe(1);
    expect(orgLabel).toContain(inQilihe.items[0]!.orgName);
    const inChengguan = await query<MemberList>(cg, 'members.list', { q: number, status: 'active' });
    expect(inChengguan.total).toBe(0);
    // 城关区 sees the completed transfer with the whole timeline.
    await cg.reload();
    await cg.getByText('已完成').first().waitFor();
    await cg.getByText('接收方接收').first().waitFor();

    await cgContext.close();
    await qlContext.close();
  }, 180_000);
});

describe('组织关系转接 in the mini-program H5', () => {
  const mobile = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

  /** H5 keeps earlier pages of the stack in the DOM (hidden): match the visible one. */
  const visible = (p: Page, text: string) => p.locator(`text=${text} >> visible=true`).first();

  async function h5Login(page: Page, username: string) {
    await page.goto(`${product.baseUrl}/h5/`);
    await page.locator('#login-username input').fill(username);
    await page.locator('#login-password input').fill(DEMO_PASSWORD);
    await page.locator('#login-submit').click();
    await page.locator('#home-branch-name').waitFor();
  }

  it('a member applies to move out of the city and tracks it; the branch secretary approves', async () => {
    const page = await browser.newPage(mobile);
    await h5Login(page, 'chengguan.member');
    await page.goto(`${product.baseUrl}/h5/#/pages/me/index`);
    await page.locator('#me-transfer-mine').click();
    await page.locator('#transfer-apply').click();
    await page.getByText('转出本市', { exact: true }).click();
    await page.locator('#transfer-external-name input').fill('上海市浦东新区某街道团工委');
    await page.locator('#transfer-external-contact input').fill('王老师 021-12345678');
    await page.locator('#transfer-submit').click();
    await visible(page, '待转出方审核').waitFor();
    await visible(page, '提交申请').waitFor();
    await shot(page, 'h5-transfer-mine');

    const sec = await browser.newPage(mobile);
    await h5Login(sec, 'chengguan.branch');
    await sec.goto(`${product.baseUrl}/h5/#/pages/me/index`);
    await sec.locator('#me-transfer-incoming').click();
    await visible(sec, '申请转往 上海市浦东新区某街道团工委').waitFor();
    await shot(sec, 'h5-transfer-todo');
    await sec.getByText('审核通过', { exact: true }).first().click();
    await sec.getByText('确定', { exact: true }).last().click();
    await visible(sec, '没有待办的转接').waitFor();
    await sec.close();

    await page.reload();
    await visible(page, '已完成').waitFor();
    await visible(page, '转出方审核通过').waitFor();
    await page.close();
  }, 120_000);
});
