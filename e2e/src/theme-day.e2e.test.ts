/**
 * 主题团日+ (LIFE-2) end to end in Chromium — the done-criterion: a branch secretary runs a
 * whole theme day from the H5 mini-program (create; tick all seven required actions, the first
 * with a photo; a self-chosen action; the four ceremony photos — photos through the real upload
 * endpoint POST /api/files, not the H5 file chooser; open check-in), two members check in with the code from their own
 * browser contexts, the count climbs live on her phone, she closes check-in, and the superior's
 * admin board shows the branch 已完成 (refusals — twice, late, another branch — are API tests).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
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
let browser: Browser;
const PHOTO = path.join(repoRoot, 'apps/miniprogram/src/assets/tab/activities-active.png');
const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

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

async function h5(context: BrowserContext, username: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${product.baseUrl}/h5/`);
  await page.locator('#login-username input').fill(username);
  await page.locator('#login-password input').fill(DEMO_PASSWORD);
  await page.locator('#login-submit').click();
  await page.locator('#home-branch-name').waitFor();
  await page.getByText('活动', { exact: true }).last().click();
  return page;
}

/** Upload a photo through the real endpoint (POST /api/files, bearer token) → file id. */
async function uploadPhoto(token: string): Promise<string> {
  const fd = new FormData();
  fd.append('file', new Blob([readFileSync(PHOTO)], { type: 'image/png' }), '团旗.png');
  const r = await fetch(`${product.baseUrl}/api/files`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}` },
    body: fd,
  });
  const body = (await r.json()) as { id?: string };
  expect(r.ok, JSON.stringify(body)).toBe(true);
  return body.id as string;
}

async function mutate(token: string, proc: string, input: unknown): Promise<void> {
  const r = await fetch(`${product.baseUrl}/trpc/${proc}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(input),
  });
  expect(r.ok, await r.text()).toBe(true);
}

async function apiLogin(username: string): Promise<string> {
  const r = await fetch(`${product.baseUrl}/trpc/auth.login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD, client: 'miniprogram' }),
  });
  return ((await r.json()) as { result: { data: { token: string } } }).result.data.token;
}

describe('主题团日+ from the H5 mini-program to the superior’s board', () => {
  it('a secretary runs a whole theme day; members check in; the board shows the branch complete', async () => {
    const secContext = await browser.newContext(phone);
    const sec = await h5(secContext, 'chengguan.branch');

    // Create this month's theme day.
    await sec.locator('#td-theme input').fill('学习团章，争做新时代好青年');
    await sec.locator('#td-place input').fill('高一（1）班教室');
    await sec.locator('#td-create').click();
    await sec.locator('#td-missing').waitFor();
    const head = (await sec.locator('#theme-day-section .section-head .muted').first().textContent()) ?? '';
    const branchName = head.split(' · ')[0]!.trim();
    expect(branchName).not.toBe('');

    // The seven required actions, each with evidence; the first also with a photo.
    const actions = sec.locator('.td-action[data-key]');
    await expect.poll(() => actions.count()).toBe(7);
    const keys = await actions.evaluateAll((els) => els.map((e) => e.getAttribute('data-key') ?? ''));
    for (const [i, key] of keys.entries()) {
      const row = sec.locator(`.td-action[data-key="${key}"]`);
      await row.click();
      await sec.locator('#td-action-evidence textarea').fill(`第${i + 1}项：全体团员参加，已完成`);
      await sec.locator('#td-action-save').click();
      await row.locator('.td-tick-done').waitFor();
    }
    await sec.getByText('7 / 7', { exact: true }).waitFor();

    // A self-chosen action.
    await sec.locator('#td-self-title input').fill('社区志愿服务');
    await sec.locator('#td-self-evidence textarea').fill('到社区开展垃圾分类宣传，12人参加');
    await sec.locator('#td-self-add').click();
    await sec.locator('.td-self', { hasText: '社区志愿服务' }).waitFor();

    // Photos through the real upload endpoint (the H5 file chooser of the shared PhotoPicker is
    // covered by the uploads slice): one for 青年大学习, one per ceremony item.
    const token = await apiLogin('chengguan.branch');
    const forBranch = await fetch(
      `${product.baseUrl}/trpc/themeDays.forBranch?input=${encodeURIComponent('{}')}`,
      {
        headers: { Authorization: `Bearer ${token}` },
      },
    );
    const day = ((await forBranch.json()) as { result: { data: { themeDay: { id: string } } } }).result.data
      .themeDay;
    await mutate(token, 'themeDays.setAction', {
      id: day.id,
      actionKey: 'youth_study',
      done: true,
      evidence: '第1项：全体团员参加，已完成',
      photoIds: [await uploadPhoto(token)],
    });
    for (const itemKey of ['flag', 'oath', 'badge', 'constitution']) {
      await mutate(token, 'themeDays.setCeremonyPhotos', {
        id: day.id,
        itemKey,
        photoIds: [await uploadPhoto(token)],
      });
    }
    await sec.reload();
    const ceremony = sec.locator('.td-ceremony[data-key]');
    await expect.poll(() => ceremony.count()).toBe(4);
    await expect.poll(() => sec.locator('.td-ceremony .photo-thumb').count()).toBe(4);
    // Only the check-in is missing now.
    await sec.locator('.td-missing-item', { hasText: '活动签到尚未结束' }).waitFor();
    await expect.poll(() => sec.locator('.td-missing-item').count()).toBe(1);

    // Open check-in: the code large, and its QR.
    await sec.locator('#td-open').click();
    await sec.locator('#td-code').waitFor();
    const code = ((await sec.locator('#td-code').textContent()) ?? '').trim();
    expect(code).toMatch(/^\d{6}$/);
    await sec.locator('.td-qr').waitFor();
    await sec.waitForTimeout(500);
    await shot(sec, 'h5-theme-day-check-in-open');

    // Two members, each in their own browser context, check in with the code.
    const members: Page[] = [];
    for (const username of ['chengguan.member', 'chengguan.member2']) {
      const ctx = await browser.newContext(phone);
      const m = await h5(ctx, username);
      await m.locator('#td-checkin-code input').fill(code);
      await m.locator('#td-checkin').click();
      await m.locator('#td-checked-in').waitFor();
      members.push(m);
    }
    await shot(members[0]!, 'h5-theme-day-member-checked-in');

    // The count climbs live on the secretary's phone; then she closes check-in.
    await sec
      .getByText(/已签到 2 人/)
      .first()
      .waitFor({ timeout: 20_000 });
    await sec.locator('#td-close').click();
    await sec.locator('.taro-model__confirm').click();
    await sec.locator('#td-closed').waitFor();
    await sec.locator('#td-complete').waitFor();
    await sec.getByText('签到 2 /', { exact: false }).first().waitFor();
    await sec.waitForTimeout(500);
    await shot(sec, 'h5-theme-day-complete');

    // The superior (团总支 secretary) sees the branch 已完成 on the monthly board.
    const adminContext = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const admin = await adminContext.newPage();
    await admin.goto(`${product.baseUrl}/`);
    await admin.getByLabel('用户名').fill('chengguan.secretary');
    await admin.getByLabel('密码').fill(DEMO_PASSWORD);
    await admin.getByRole('button', { name: /登\s*录/ }).click();
    await admin.getByRole('menuitem', { name: '主题团日' }).click();
    await admin.getByRole('heading', { name: '主题团日完成情况' }).waitFor();
    const row = admin.locator('.ant-table-row', { hasText: branchName });
    await row.first().waitFor();
    await row.first().getByText('已完成').waitFor();
    expect(await row.first().textContent()).toContain('2 /');
    await shot(admin, 'admin-theme-day-board');
    // Drill into the branch's record with its photos.
    await row.first().getByRole('link', { name: branchName }).click();
    await admin.getByText('本月主题团日各项已完成').waitFor();
    await expect.poll(() => admin.locator('img.ant-image-img').count()).toBeGreaterThanOrEqual(5);
    await shot(admin, 'admin-theme-day-record');

    await Promise.all([secContext.close(), adminContext.close(), ...members.map((m) => m.context().close())]);
  }, 360_000);
});
