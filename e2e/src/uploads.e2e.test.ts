/**
 * Uploads end to end in Chromium, through a real page that uses the shared photo picker: the
 * branch secretary's 主题团日 ceremony photos in the H5 mini-program. A photo is chosen in the
 * browser's file chooser → Taro.uploadFile → POST /api/files with the bearer token; the thumbnail
 * loads from its signed link (no header, no cookie); a type the server refuses (GIF) shows its
 * Chinese message and adds nothing; the photo is back after a reload; a user of another district
 * gets 404 for the file. (Removing is covered by the admin FileUpload render test only.)
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiLogin, loginH5, shot } from './helpers';
import { launchChromium, type Product, repoRoot, screenshotDir, startProduct } from './product';

let product: Product;
let browser: Browser;
let tmp: string;
const PHOTO = path.join(repoRoot, 'apps/miniprogram/src/assets/tab/activities-active.png');
const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

beforeAll(async () => {
  mkdirSync(screenshotDir, { recursive: true });
  tmp = mkdtempSync(path.join(os.tmpdir(), 'tj-e2e-uploads-'));
  product = await startProduct();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await product?.stop();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

async function choose(page: Page, picker: ReturnType<Page['locator']>, file: string) {
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    picker.locator('.photo-add').click(),
  ]);
  await chooser.setFiles(file);
}

describe('photo picker on the theme day page (H5)', () => {
  it('uploads, shows the signed thumbnail, refuses a GIF in Chinese, keeps it after a reload; other tenants get 404', async () => {
    const context = await browser.newContext(phone);
    const page = await context.newPage();
    await loginH5(page, product.baseUrl, 'chengguan.branch');
    await page.getByText('活动', { exact: true }).last().click();
    await page.locator('#td-theme input').fill('上传照片测试');
    await page.locator('#td-create').click();
    const item = page.locator('.td-ceremony[data-key]').first();
    const picker = item.locator('.photo-picker');
    await picker.waitFor();

    // Upload one photo.
    const upload = page.waitForResponse(
      (r) => r.url().endsWith('/api/files') && r.request().method() === 'POST',
    );
    await choose(page, picker, PHOTO);
    const answer = await upload;
    expect(answer.status()).toBe(201);
    expect(answer.request().headers().authorization).toMatch(/^Bearer [a-z2-7]{32}$/);
    const uploaded = (await answer.json()) as { id: string; kind: string; thumbUrl: string };
    expect(uploaded.kind).toBe('image');
    const img = picker.locator('.photo-thumb img');
    await expect.poll(() => img.count(), { timeout: 30_000 }).toBe(1);
    // The thumbnail really loaded in the browser, from a signed link.
    await expect
      .poll(() =>
        img.evaluate((el) => (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth),
      )
      .toBeGreaterThan(0);
    const src = (await img.getAttribute('src')) ?? '';
    expect(src).toMatch(new RegExp(`/api/files/${uploaded.id}/thumb\\?t=[0-9a-f-]{36}&e=\\d+&s=`));
    // The link needs no session; without the signature the file needs one.
    const direct = await fetch(new URL(src, product.baseUrl));
    expect(direct.status).toBe(200);
    expect(direct.headers.get('content-type')).toBe('image/webp');
    expect((await fetch(`${product.baseUrl}/api/files/${uploaded.id}`)).status).toBe(401);
    await expect
      .poll(async () => (await item.locator('.td-label').textContent())?.startsWith('✓'))
      .toBe(true);
    await shot(page, 'uploads-h5-photo');

    // A GIF: the browser shows it, the server refuses it — in Chinese, and nothing is added.
    const gif = path.join(tmp, '合影.gif');
    writeFileSync(gif, Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64'));
    const refused = page.waitForResponse(
      (r) => r.url().endsWith('/api/files') && r.request().method() === 'POST',
    );
    await choose(page, picker, gif);
    expect((await refused).status()).toBe(400);
    await page
      .getByText(/不支持的文件类型/)
      .first()
      .waitFor();
    expect(await picker.locator('.photo-item').count()).toBe(1);

    // Another district cannot read it, even with a valid session.
    const other = await apiLogin(product.baseUrl, 'qilihe.admin');
    const cross = await fetch(`${product.baseUrl}/api/files/${uploaded.id}`, {
      headers: { authorization: `Bearer ${other}` },
    });
    expect(cross.status).toBe(404);

    // Saved with the record: after a reload the photo is back, with a fresh signed link.
    await page.reload();
    const again = page.locator('.td-ceremony[data-key]').first().locator('.photo-picker .photo-thumb img');
    await expect.poll(() => again.count(), { timeout: 30_000 }).toBe(1);
    await expect
      .poll(() =>
        again.evaluate((el) => (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth),
      )
      .toBeGreaterThan(0);

    await context.close();
  }, 240_000);
});
