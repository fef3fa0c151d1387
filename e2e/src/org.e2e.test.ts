/**
 * ORG-6 and ORG-3 in Chromium: a district admin proposes a merge in the step form (the rule
 * checks shown), approves it as the superior, executes it, sees the merged organisation's
 * history; and downloads the 信息台帐 as Excel with the filters in the file name.
 */
import { mkdirSync, readFileSync } from 'node:fs';
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
  await page.getByTestId('current-user').waitFor();
}

/** tRPC over the page's session cookie. */
async function trpc<T>(page: Page, proc: string, input: unknown, mutation = false): Promise<T> {
  return page.evaluate(
    async ({ proc, input, mutation }) => {
      const r = mutation
        ? await fetch(`/trpc/${proc}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(input),
          })
        : await fetch(
            input === undefined
              ? `/trpc/${proc}`
              : `/trpc/${proc}?input=${encodeURIComponent(JSON.stringify(input))}`,
          );
      const body = await r.json();
      if (!r.ok) throw new Error(JSON.stringify(body));
      return body.result.data;
    },
    { proc, input, mutation },
  ) as Promise<T>;
}

interface TreeNode {
  id: string;
  name: string;
  kind: string;
  status: string;
  directMemberCount: number;
  children: TreeNode[];
}
const flatten = (nodes: TreeNode[]): TreeNode[] => nodes.flatMap((n) => [n, ...flatten(n.children)]);

/** Pick a value in an antd TreeSelect by typing its name. */
async function pickOrg(page: Page, label: string, name: string) {
  const box = page.getByRole('combobox', { name: label });
  await box.click();
  await box.fill(name);
  await page.locator('.ant-select-tree-node-content-wrapper', { hasText: name }).first().click();
}

describe('organisation system in the admin app', () => {
  it('merge: proposal (step form with rule checks) → approval → execution, no member lost', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
    await adminLogin(page, 'chengguan.admin');
    // Two sibling branches under one 团总支 with members.
    const tree = flatten(await trpc<TreeNode[]>(page, 'organisations.tree', undefined));
    const parent = tree.find(
      (n) =>
        n.kind === 'general_branch' &&
        n.children.filter((c) => c.kind === 'branch' && c.directMemberCount > 0).length >= 2,
    )!;
    const [subject, target] = parent.children.filter((c) => c.kind === 'branch' && c.directMemberCount > 0);
    const total = subject!.directMemberCount + target!.directMemberCount;

    await page.getByRole('menuitem', { name: '组织调整' }).click();
    await page.getByRole('heading', { name: '组织调整' }).waitFor();
    await page.getByRole('button', { name: /提出调整申请/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('合并', { exact: true }).click();
    await pickOrg(page, '被调整的组织', subject!.name);
    await pickOrg(page, '目标组织', target!.name);
    await dialog.getByRole('button', { name: /下一步/ }).click();
    await dialog.getByText('符合规则，可以提交').waitFor();
    await dialog.getByText(`团员${subject!.directMemberCount}人将全部转入“${target!.name}”`).waitFor();
    await shot(page, 'admin-org-proposal-checks');
    await dialog.getByRole('button', { name: /下一步/ }).click();
    await dialog.getByLabel('调整理由').fill('两个团支部同在一个单位，合并设置');
    await dialog.getByRole('button', { name: /提交申请/ }).click();
    await dialog.waitFor({ state: 'hidden' });

    const row = page.getByRole('row', { name: new RegExp(subject!.name) });
    await row.getByText('待审批').waitFor();
    await row.getByRole('button', { name: /批\s*准/ }).click();
    await row.getByText('已批准待执行').waitFor();
    await row.getByRole('button', { name: /执\s*行/ }).click();
    await page.getByRole('button', { name: /确认执行/ }).click();
    await row.getByText('已执行').waitFor();
    await shot(page, 'admin-org-proposal-applied');

    const after = flatten(await trpc<TreeNode[]>(page, 'organisations.tree', undefined));
    expect(after.find((n) => n.id === subject!.id)).toMatchObject({ status: 'merged', directMemberCount: 0 });
    expect(after.find((n) => n.id === target!.id)!.directMemberCount).toBe(total);

    // The merged organisation keeps its history on its profile page.
    await row.getByRole('link', { name: subject!.name }).click();
    await page.getByText('并入其他组织').waitFor();
    await shot(page, 'admin-org-profile-merged');
    await page.close();
  });

  it('信息台帐: filter, then download the Excel with the filters in its name', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
    await adminLogin(page, 'chengguan.admin');
    await page.getByRole('menuitem', { name: '信息台帐' }).click();
    await page.getByRole('heading', { name: '信息台帐' }).waitFor();
    await page.getByLabel('组织类型').click();
    await page.locator('.ant-select-item-option', { hasText: '团支部' }).first().click();
    await page.getByRole('button', { name: /查\s*询/ }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('kind')).toBe('branch');
    await expect
      .poll(async () => {
        const kinds = await page.locator('.ant-table-row td:nth-child(2)').allInnerTexts();
        return kinds.length > 0 && kinds.every((k) => k.includes('团支部'));
      })
      .toBe(true);
    await shot(page, 'admin-org-ledger');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: /导出Excel/ }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^信息台帐_城关区团委_团支部_\d{8}\.xlsx$/);
    const file = await download.path();
    const bytes = readFileSync(file!);
    expect(bytes.subarray(0, 2).toString()).toBe('PK');
    await page.close();
  });
});
