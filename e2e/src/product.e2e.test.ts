/**
 * End-to-end in Debian Chromium: the real product process (tRPC + admin build +
 * H5 build, demo city) driven as a person would.
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

async function shot(page: Page, name: string) {
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true });
}

async function adminLogin(page: Page, username: string) {
  await page.goto(`${product.baseUrl}/`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: /登\s*录/ }).click();
}

describe('admin web app', () => {
  it('a district admin logs in and sees the organisation tree of her district only', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await adminLogin(page, 'chengguan.admin');
    await page.getByRole('menuitem', { name: '组织管理' }).click();
    await expect.poll(() => page.getByRole('heading', { name: '组织管理' }).count()).toBeGreaterThan(0);
    const tree = page.getByRole('tree');
    await tree.getByText('城关区团委', { exact: false }).first().waitFor();
    expect(await tree.getByText('七里河区团委').count()).toBe(0);
    await shot(page, 'admin-org-tree');
    await page.close();
  });

  it('a wrong password is refused with a Chinese message and no session', async () => {
    const page = await browser.newPage();
    await page.goto(`${product.baseUrl}/`);
    await page.getByLabel('用户名').fill('chengguan.admin');
    await page.getByLabel('密码').fill('wrong-password-1');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.getByText('用户名或密码错误', { exact: false }).first().waitFor();
    const me = await page.evaluate(async () => (await fetch('/trpc/auth.me')).status);
    expect(me).toBe(401);
    await page.close();
  });

  it('a user with grants in two districts chooses one and sees only that one', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await adminLogin(page, 'multi.admin');
    await page.getByText('七里河区', { exact: false }).first().click();
    await page.getByRole('menuitem', { name: '组织管理' }).click();
    const tree = page.getByRole('tree');
    await tree.getByText('七里河区团委', { exact: false }).first().waitFor();
    expect(await tree.getByText('城关区团委').count()).toBe(0);
    await shot(page, 'admin-multi-tenant');
    await page.close();
  });
});

describe('mini-program H5', () => {
  async function h5Login(page: Page, username: string) {
    await page.goto(`${product.baseUrl}/h5/`);
    await page.locator('#login-username input').fill(username);
    await page.locator('#login-password input').fill(DEMO_PASSWORD);
    await page.locator('#login-submit').click();
  }

  it('a branch secretary logs in and sees her branch and its members', async () => {
    const page = await browser.newPage({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    await h5Login(page, 'chengguan.branch');
    await page.locator('#home-members-title').getByText('本支部团员').waitFor();
    const branch = await page.locator('#home-branch-name').innerText();
    expect(branch).toContain('团支部');
    await shot(page, 'h5-home-secretary');
    await page.close();
  });

  it('a member logs in and sees his own record', async () => {
    const page = await browser.newPage({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    await h5Login(page, 'chengguan.member');
    await page.getByText('我的团员信息').first().waitFor();
    await shot(page, 'h5-home-member');
    await page.close();
  });
});
