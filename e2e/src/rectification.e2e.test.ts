/**
 * 整理整顿 (RECT) end to end: the 团总支 opens the year's health check and gives 上级点 over the API,
 * the branch does its self-check (as the mini-program does); in Chromium the 团总支 secretary sees the
 * ranking with the bottom cut, publishes the key-rectification list, adds a task in the ledger, the
 * branch reports it done (API), the superior closes it (对账销号) and passes the acceptance (考核验收).
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

interface Checklist {
  checklist: { groups: { items: { key: string }[] }[] };
}
interface Ranking {
  rows: { id: string; orgId: string; orgName: string; inCut: boolean }[];
}

describe('整理整顿: ranking → ledger → 销号 → acceptance in the admin app', () => {
  it('runs a superior’s year in Chromium', async () => {
    const base = product.baseUrl;
    const year = Number(
      new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date()).slice(0, 4),
    );
    const sup = await apiLogin(base, 'chengguan.secretary');
    const sec = await apiLogin(base, 'chengguan.branch');
    const mine = await apiCall<{ branch: { id: string; name: string } | null }>(
      base,
      sec,
      'home.summary',
      undefined,
      'query',
    );
    const branch = mine.branch!;
    await apiCall(base, sup, 'rectification.openRound', { year });
    const c = await apiCall<Checklist>(base, sup, 'rectification.checklist', { year }, 'query');
    const items = c.checklist.groups.flatMap((g) => g.items.map((i) => i.key));
    const rk = await apiCall<Ranking>(base, sup, 'rectification.ranking', { year }, 'query');
    for (const [n, row] of rk.rows.entries()) {
      // the demo branch fails everything; the others meet more items
      const fails = row.orgId === branch.id ? items.length : n % 3;
      const grades = Object.fromEntries(items.map((k, i) => [k, i < fails ? 'fails' : 'meets']));
      await apiCall(base, sup, 'rectification.submit', { healthCheckId: row.id, source: 'superior', grades });
    }
    const own = rk.rows.find((r) => r.orgId === branch.id)!;
    await apiCall(base, sec, 'rectification.submit', {
      healthCheckId: own.id,
      source: 'self',
      grades: Object.fromEntries(items.map((k) => [k, 'partly'])),
    });

    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await loginAdmin(page, base, 'chengguan.secretary', { menu: '整理整顿' });
    await page.goto(`${base}/rectification?year=${year}`);
    await page.getByText(/年度体检排名（已评分/).waitFor();
    const ownRow = page.locator('tr', { hasText: branch.name });
    await expect.poll(() => ownRow.getByText(/后20%/).count()).toBe(1);
    await shot(page, 'rectification-ranking');
    await page.getByRole('button', { name: /公布重点整顿对象/ }).click();
    await page.getByText(/已公布重点整顿对象：新列入/).waitFor();

    await page.getByRole('tab', { name: '重点整顿台帐' }).click();
    // Scoped to the ledger's tab panel: the task list (kept in the DOM by the tabs) has rows of the branch too.
    const entry = page
      .getByRole('tabpanel', { name: '重点整顿台帐' })
      .locator('tr', { hasText: branch.name });
    await entry.getByText('整顿中').waitFor();
    await entry.getByRole('button', { name: '添加任务' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('整改任务').fill('按期召开支部团员大会');
    await dialog.getByLabel('责任人').fill('张书记');
    await dialog.getByLabel('完成时限').click();
    await dialog.getByLabel('完成时限').fill(`${year}-12-31`);
    await dialog.getByLabel('完成时限').press('Enter');
    await dialog.getByRole('button', { name: /添\s*加/ }).click();
    await page.getByText('已添加整改任务：按期召开支部团员大会').waitFor();

    const tasks = await apiCall<{ id: string }[]>(base, sec, 'rectification.tasks', { year }, 'query');
    expect(tasks).toHaveLength(1);
    await apiCall(base, sec, 'rectification.submitEvidence', {
      id: tasks[0]!.id,
      evidence: '已于本月召开支部团员大会',
      fileIds: [],
    });

    // the branch reported over the API: reload to see it
    await page.goto(`${base}/rectification?year=${year}&tab=tasks`);
    const task = page.locator('tr', { hasText: '按期召开支部团员大会' });
    await task.getByText('已于本月召开支部团员大会').waitFor();
    await task.getByRole('button', { name: /销\s*号/ }).click();
    await page.getByText('已销号：按期召开支部团员大会').waitFor();
    await task.getByText('已销号').waitFor();

    await page.getByRole('tab', { name: '重点整顿台帐' }).click();
    await entry.getByText('已销号').waitFor();
    await entry.getByRole('button', { name: '验收通过' }).click();
    await page.getByText(`${branch.name}：验收通过`).waitFor();
    await shot(page, 'rectification-ledger');

    const ledger = await apiCall<{ rows: { orgId: string; acceptance: string | null; status: string }[] }>(
      base,
      sup,
      'rectification.ledger',
      { year },
      'query',
    );
    expect(ledger.rows.find((r) => r.orgId === branch.id)).toMatchObject({
      acceptance: 'passed',
      status: 'closed',
    });
    await page.close();
  }, 240_000);
});
