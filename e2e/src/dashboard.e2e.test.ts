/**
 * Slice "lift" end to end in Chromium (LIFT-1): the product refreshes the rollups in the background
 * at start; the city admin opens 数据看板 and sees each district's figures as the API answers them;
 * a district admin opens its own 数据看板 (this year vs last year) and 数据质量 with the zombie list.
 */

import { mkdirSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall, apiLogin, loginAdmin, shot } from './helpers';
import { launchChromium, type Product, screenshotDir, startProduct } from './product';

const year = Number(
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()),
);
const pct = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${v.toFixed(1)}%`);

let product: Product;
let browser: Browser;

interface Headline {
  meetingsRate: number | null;
  duesRate: number | null;
  memberCount: number | null;
}
interface City {
  computedAt: string | null;
  districts: { code: string; name: string; thisYear: Headline | null }[];
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

describe('数据看板 and 数据质量', () => {
  it('city admin: every district’s figures as the API gives them', async () => {
    const base = product.baseUrl;
    const token = await apiLogin(base, 'city.admin');
    // The background refresh at start fills the rollups of every district.
    let city: City | null = null;
    for (let i = 0; i < 150; i++) {
      city = await apiCall<City>(base, token, 'dashboard.city', { year }, 'query');
      if (city.districts.every((d) => d.thisYear !== null)) break;
      await new Promise((r) => setTimeout(r, 2000));
    }
    expect(city!.districts.every((d) => d.thisYear !== null)).toBe(true);
    const page = await browser.newPage();
    await loginAdmin(page, base, 'city.admin', { menu: '数据看板' });
    await page.getByRole('menuitem', { name: '数据看板' }).click();
    await page.getByText('各区县指标').waitFor();
    await page.locator('canvas').first().waitFor();
    for (const d of city!.districts.slice(0, 3)) {
      await expect
        .poll(() => page.getByTestId(`city-${d.code}-meetingsRate`).innerText())
        .toContain(pct(d.thisYear?.meetingsRate));
      await expect
        .poll(() => page.getByTestId(`city-${d.code}-duesRate`).innerText())
        .toContain(pct(d.thisYear?.duesRate));
    }
    await page
      .getByText(/数据更新于/)
      .first()
      .waitFor();
    await shot(page, 'lift-city-dashboard');
    await page.close();
  }, 420_000);

  it('district admin: its dashboard year over year and the zombie list', async () => {
    const base = product.baseUrl;
    const token = await apiLogin(base, 'chengguan.admin');
    const d = await apiCall<{ thisYear: { headline: Headline & { brandProjects: number } } }>(
      base,
      token,
      'dashboard.tenant',
      { year },
      'query',
    );
    const page = await browser.newPage();
    await loginAdmin(page, base, 'chengguan.admin', { menu: '数据看板' });
    await page.getByRole('menuitem', { name: '数据看板' }).click();
    await expect
      .poll(() => page.getByTestId('kpi-meetingsRate').innerText())
      .toContain(pct(d.thisYear.headline.meetingsRate));
    await expect
      .poll(() => page.getByTestId('kpi-duesRate').innerText())
      .toContain(pct(d.thisYear.headline.duesRate));
    await expect
      .poll(() => page.getByTestId('kpi-brands').innerText())
      .toContain(String(d.thisYear.headline.brandProjects));
    expect(await page.getByTestId('kpi-meetingsRate').innerText()).toContain(`${year - 1}年`);
    await shot(page, 'lift-district-dashboard');

    const z = await apiCall<{ items: { name: string }[]; rule: { months: number } }>(
      base,
      token,
      'dataQuality.zombies',
      undefined,
      'query',
    );
    await page.getByRole('menuitem', { name: '数据质量' }).click();
    await page.getByText('疑似“僵尸支部”').first().waitFor();
    await page
      .getByText(new RegExp(`有${z.items.length}个自`))
      .first()
      .waitFor();
    for (const item of z.items.slice(0, 3))
      await page.getByRole('cell', { name: item.name }).first().waitFor();
    expect(await page.getByTestId('archive-summary').innerText()).toContain('在册团员');
    await shot(page, 'lift-data-quality');
    await page.close();
  }, 120_000);
});
