/**
 * 星级评定 (RATE-3) end to end: the branch passes the annual acceptance, its 团总支 starts the year's
 * rating, the branch secretary self-assesses and signs (over the API, as the mini-program does), then
 * in Chromium the 团总支 secretary reviews the branch in the admin app and publishes the results with
 * the caps preview; the published star is what the branch secretary then sees.
 */
import { mkdirSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall, apiLogin, loginAdmin, shot } from './helpers';
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

interface Summary {
  branch: { id: string; name: string } | null;
  members: { id: string; name: string }[];
}

describe('星级评定: review and publication in the admin app', () => {
  it('self-assessed over the API, reviewed and published in Chromium', async () => {
    const base = product.baseUrl;
    const year = Number(
      new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date()).slice(0, 4),
    );
    const admin = await apiLogin(base, 'chengguan.admin');
    const sup = await apiLogin(base, 'chengguan.secretary');
    const sec = await apiLogin(base, 'chengguan.branch');
    const branch = await apiCall<Summary>(base, sec, 'home.summary', undefined, 'query');
    const general = await apiCall<Summary>(base, sup, 'home.summary', undefined, 'query');
    expect(branch.branch && general.branch).toBeTruthy();
    await apiCall(base, admin, 'rectification.accept', { orgId: branch.branch!.id, year, result: 'passed' });
    const started = await apiCall<{ roundId: string; rated: number }>(base, sup, 'rating.start', {
      orgId: general.branch!.id,
      year,
    });
    expect(started.rated).toBe(1);
    const mine = await apiCall<{
      rating: { id: string; criteria: { key: string; mode: string; points: number }[] };
    }>(base, sec, 'rating.mine', undefined, 'query');
    const ratingId = mine.rating.id;
    await apiCall(base, sec, 'rating.selfAssess', {
      id: ratingId,
      scores: mine.rating.criteria
        .filter((c) => c.mode === 'scored')
        .map((c) => ({ key: c.key, points: c.points })),
    });
    await apiCall(base, sec, 'rating.sign', { id: ratingId, memberRepId: branch.members[0]!.id });

    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await loginAdmin(page, base, 'chengguan.secretary', { menu: '星级评定' });
    await page.goto(`${base}/rating?round=${started.roundId}`);
    await page.getByRole('link', { name: branch.branch!.name }).click();
    await page.getByText('评分细则').waitFor();
    await expect.poll(() => page.getByText('三会两制一课落实率').count()).toBeGreaterThan(0);
    await page.getByLabel('青年大学习参学率').fill('85');
    await page.getByRole('button', { name: /提交审核/ }).click();
    await page.getByText(/已审核：/).waitFor();
    await shot(page, 'rating-review');

    await page.goto(`${base}/rating?round=${started.roundId}`);
    await page.getByRole('button', { name: /公布结果/ }).click();
    await page.getByText(/参评1个：五星最多0个/).waitFor();
    await shot(page, 'rating-publish-preview');
    await page.getByRole('button', { name: /确认公布/ }).click();
    await page.getByText(/已公布，比例调整/).waitFor();
    await expect.poll(() => page.getByText('已公布').count()).toBeGreaterThan(0);
    await shot(page, 'rating-published');

    const after = await apiCall<{ star: { year: number; label: string } | null }>(
      base,
      sec,
      'rating.mine',
      undefined,
      'query',
    );
    expect(after.star?.year).toBe(year);
    await page.close();
  });
});
