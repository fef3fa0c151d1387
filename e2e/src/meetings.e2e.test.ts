/**
 * 三会两制一课 (LIFE-1) end to end in Chromium: a branch secretary records a 支部团员大会 in the
 * mini-program (H5) from the 团务 tab, ticking attendance; the admin compliance calendar then shows
 * this quarter met; the 三会两制一课 and 四项基础团务 wall charts print the numbers of the rule data.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_PASSWORD,
  launchChromium,
  type Product,
  repoRoot,
  screenshotDir,
  startProduct,
} from './product';

let product: Product;
const PHOTO = path.join(repoRoot, 'apps/miniprogram/src/assets/tab/activities-active.png');
let browser: Browser;

function today(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
}

async function login(username: string): Promise<string> {
  const r = await fetch(`${product.baseUrl}/trpc/auth.login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD, client: 'miniprogram' }),
  });
  const body = (await r.json()) as { result: { data: { token: string } } };
  return body.result.data.token;
}

async function query<T>(token: string, proc: string, input?: unknown): Promise<T> {
  const r = await fetch(
    `${product.baseUrl}/trpc/${proc}${input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`}`,
    { headers: { authorization: `Bearer ${token}` } },
  );
  const body = (await r.json()) as { result?: { data: T }; error?: { message: string } };
  if (!body.result) throw new Error(`${proc}: ${body.error?.message ?? r.status}`);
  return body.result.data;
}

async function shot(page: Page, name: string) {
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true });
}

async function adminLogin(page: Page, username: string) {
  await page.goto(`${product.baseUrl}/`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.getByRole('menuitem', { name: '工作台' }).waitFor();
}

beforeAll(async () => {
  mkdirSync(screenshotDir, { recursive: true });
  product = await startProduct();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await product?.stop();
});

interface Calendar {
  branch: { id: string };
  rows: { kind: string; cells: { key: string; status: string; count: number }[] }[];
}

describe('三会两制一课', () => {
  it('a secretary records a general meeting on the phone; the admin calendar shows the quarter met', async () => {
    const day = today();
    const year = Number(day.slice(0, 4));
    const quarter = `${year}-Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;
    const token = await login('chengguan.branch');
    const topic = `学习团章 ${Date.now()}`;

    const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await phone.goto(`${product.baseUrl}/h5/`);
    await phone.locator('#login-username input').fill('chengguan.branch');
    await phone.locator('#login-password input').fill(DEMO_PASSWORD);
    await phone.locator('#login-submit').click();
    await phone.locator('#home-branch-name').waitFor();
    await phone.goto(`${product.baseUrl}/h5/#/pages/affairs/index`);
    await phone.locator('#affairs-meetings').click();
    await phone.locator('#meeting-new').click();
    await phone.locator('#meeting-topic input').fill(topic);
    await phone.locator('#meeting-kind-general_meeting').click();
    await phone.locator('.meeting-person').first().waitFor();
    const people = await phone.locator('.meeting-person').count();
    expect(people).toBeGreaterThan(0);
    // One person of several is below quorum; everyone present is quorate.
    await phone.locator('.meeting-person').first().click();
    if (people > 1) {
      await expect
        .poll(async () => (await phone.locator('#meeting-quorum').textContent()) ?? '')
        .toContain('未达法定人数');
    }
    await phone.locator('#meeting-all').click();
    await expect
      .poll(async () => (await phone.locator('#meeting-quorum').textContent()) ?? '')
      .toBe('已达到法定人数');
    await phone.locator('#meeting-minutes textarea').fill('逐条学习团章，讨论本季度工作。');
    await shot(phone, 'h5-meeting-entry');
    await phone.locator('#meeting-save').click();
    await phone.locator('.meeting-item', { hasText: topic }).waitFor();
    await shot(phone, 'h5-meeting-list');

    const list = await query<{
      items: { topic: string; presentCount: number; entitledCount: number; counts: boolean }[];
    }>(token, 'meetings.list', { q: topic });
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({ presentCount: people, entitledCount: people, counts: true });

    const cal = await query<Calendar>(token, 'meetings.calendar', { year });
    const admin = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await adminLogin(admin, 'chengguan.branch');
    await admin.goto(`${product.baseUrl}/meetings-compliance?orgId=${cal.branch.id}&year=${year}`);
    const cell = admin.locator(
      `[data-testid="compliance-calendar"] tr[data-kind="general_meeting"] [data-period="${quarter}"]`,
    );
    await cell.waitFor();
    expect(await cell.getAttribute('data-status')).toBe('met');
    await shot(admin, 'meetings-compliance-calendar');

    // The ledger lists it too.
    await admin.getByRole('menuitem', { name: '三会两制一课' }).click();
    await admin.getByRole('link', { name: topic }).waitFor();

    // The secretary adds a photo to the record in the admin app (FileUpload → /api/files).
    await admin.getByRole('link', { name: topic }).click();
    await admin.locator('.file-upload input[type=file]').setInputFiles(PHOTO);
    await admin.locator('.file-upload .ant-upload-list-item-done').first().waitFor();
    await admin.getByRole('button', { name: /保\s*存/ }).click();
    await expect
      .poll(async () => {
        const id = (
          await query<{ items: { id: string; topic: string }[] }>(token, 'meetings.list', { q: topic })
        ).items[0]?.id;
        return id ? (await query<{ photos: unknown[] }>(token, 'meetings.get', { id })).photos.length : -1;
      })
      .toBe(1);
  });

  it('the wall charts render the rule numbers for print', async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 1000 } });
    await adminLogin(page, 'chengguan.admin');
    await page.goto(`${product.baseUrl}/wall-charts/meetings/print`);
    const chart = page.getByTestId('wall-chart');
    await chart.getByText('每季度至少1次').waitFor();
    const text = (await chart.textContent()) ?? '';
    expect(text).toContain('每月至少1次');
    expect(text).toContain('每年至少4次');
    expect(text).toContain('超过应到会团员的半数');
    expect(text).toContain('中青发〔2017〕5号');
    await shot(page, 'wall-chart-meetings');
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.tj-toolbar').isVisible()).toBe(false);
    await page.emulateMedia({ media: 'screen' });

    await page.goto(`${product.baseUrl}/wall-charts/basic_affairs/print`);
    await page
      .getByTestId('wall-chart')
      .getByText(/不少于8学时/)
      .waitFor();
    const basic = (await page.getByTestId('wall-chart').textContent()) ?? '';
    for (const s of ['年满14周岁', '¥0.20', '15日内', '不低于50%', '年满18周岁']) expect(basic).toContain(s);
    await shot(page, 'wall-chart-basic-affairs');
  });
});
