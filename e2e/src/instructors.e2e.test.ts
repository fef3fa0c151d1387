/**
 * ORG-7 基层团建指导员 end to end in Chromium (admin app): the city registers an instructor with a
 * training record and assigns a 城关区 branch to them, assigns another branch to the demo instructor;
 * the demo instructor signs in, records a visit in 我的走访 (findings + a grade); the 城关区 admin sees
 * the visit in 指导员走访; the city's coverage page shows both branches covered and the visit.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAdmin, pageTrpc, shot } from './helpers';
import { launchChromium, type Product, startProduct } from './product';

let product: Product;
let browser: Browser;

interface Coverage {
  byTenant: { tenantId: string; tenantName: string; covered: number; total: number }[];
  total: { covered: number };
}
interface BranchOption {
  orgId: string;
  orgName: string;
  currentInstructor: string | null;
}

beforeAll(async () => {
  product = await startProduct();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await product?.stop();
});

async function pick(page: Page, combobox: string, option: string, search?: string) {
  const box = page.getByRole('combobox', { name: combobox });
  await box.click();
  if (search) await box.fill(search);
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option })
    .first()
    .click();
}

async function assignInDrawer(page: Page, branch: string) {
  const drawer = page.locator('.ant-drawer');
  await pick(page, '区县', '城关区');
  await pick(page, '团支部', branch, branch);
  await drawer.getByRole('button', { name: /分\s*配/ }).click();
  await drawer.locator('tr', { hasText: branch }).waitFor();
}

describe('基层团建指导员', () => {
  it('register → assign → the instructor records a visit → the district sees it → coverage shows it', async () => {
    const base = product.baseUrl;
    const city = await browser.newPage();
    await loginAdmin(city, base, 'city.admin', { menu: '基层团建指导员' });
    const districts = await pageTrpc<{ id: string; name: string }[]>(
      city,
      'instructors.districts',
      undefined,
    );
    const cg = districts.find((d) => d.name.includes('城关区'));
    if (!cg) throw new Error('城关区 missing');
    const before = await pageTrpc<Coverage>(city, 'instructors.coverage', {});
    const free = (await pageTrpc<BranchOption[]>(city, 'instructors.branches', { tenantId: cg.id })).filter(
      (b) => b.currentInstructor === null,
    );
    const [b1, b2] = free;
    if (!b1 || !b2) throw new Error('two free branches needed');

    // register, with a training record, and assign a branch
    await city.getByRole('menuitem', { name: '基层团建指导员' }).click();
    await city.getByRole('button', { name: '登记指导员' }).click();
    const dialog = city.getByRole('dialog', { name: '登记指导员' });
    await dialog.getByLabel('姓名').fill('孙立新');
    await dialog.getByLabel('工作单位').fill('兰州市青年联合会');
    await dialog.getByLabel('手机号码').fill('13800001111');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    const drawer = city.locator('.ant-drawer');
    await drawer.getByText('指导员：孙立新').waitFor();
    await drawer.getByText('138****1111').waitFor();
    await drawer.getByPlaceholder('培训日期').click();
    await drawer.getByPlaceholder('培训日期').fill('2026-03-20');
    await drawer.getByPlaceholder('培训日期').press('Enter');
    await drawer.getByPlaceholder('培训课程').fill('基层团建指导员岗前培训');
    await drawer.getByPlaceholder('学时').fill('8');
    await drawer.getByRole('button', { name: '添加培训记录' }).click();
    await drawer.locator('tr', { hasText: '基层团建指导员岗前培训' }).waitFor();
    await assignInDrawer(city, b1.orgName);
    await shot(city, 'instructors-registry');
    await drawer.locator('.ant-drawer-close').click();

    // the demo instructor (马晓东) gets the second branch
    await city.getByLabel('姓名或单位').fill('马晓东');
    await city.getByRole('button', { name: /查\s*询/ }).click();
    await city.locator('tr', { hasText: '马晓东' }).click();
    await drawer.getByText('指导员：马晓东').waitFor();
    await assignInDrawer(city, b2.orgName);
    await drawer.locator('.ant-drawer-close').click();
    await drawer.waitFor({ state: 'hidden' });

    // the instructor records a visit
    const ins = await browser.newPage();
    await loginAdmin(ins, base, 'instructor', { menu: '我的走访' });
    await ins.getByRole('menuitem', { name: '我的走访' }).click();
    const row = ins.locator('tr', { hasText: b2.orgName });
    await row.getByRole('button', { name: '记录走访' }).click();
    const visit = ins.getByRole('dialog');
    await visit.getByLabel('走访发现的问题和意见').fill('团员发展档案不全，已要求一个月内补齐');
    await visit.getByRole('combobox').first().click();
    await ins.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
    await visit.getByRole('button', { name: /保\s*存/ }).click();
    await ins.getByText(/已记录，/).waitFor();
    await ins.locator('tr', { hasText: '团员发展档案不全' }).waitFor();
    await shot(ins, 'instructors-my-visits');

    // the district sees the visit to its branch
    const district = await browser.newPage();
    await loginAdmin(district, base, 'chengguan.admin', { menu: '指导员走访' });
    await district.getByRole('menuitem', { name: '指导员走访' }).click();
    await district.locator('tr', { hasText: '团员发展档案不全' }).getByText('马晓东').waitFor();

    // coverage: both branches now covered, and the visit is listed
    await city.getByRole('menuitem', { name: '指导员覆盖率' }).click();
    const cgBefore = before.byTenant.find((t) => t.tenantId === cg.id)!;
    const cgRow = city.locator('.ant-card', { hasText: '各区县覆盖率' }).locator('tr', { hasText: cg.name });
    await cgRow
      .getByRole('cell', { name: String(cgBefore.covered + 2), exact: true })
      .first()
      .waitFor();
    await city.locator('tr', { hasText: '团员发展档案不全' }).waitFor();
    await shot(city, 'instructors-coverage');
    const after = await pageTrpc<Coverage>(city, 'instructors.coverage', {});
    expect(after.total.covered).toBe(before.total.covered + 2);
  }, 300_000);
});
