/**
 * 团费 (MEM-3) and 推优入党 (MEM-5) end to end in Chromium: a branch secretary records a member's
 * dues in the admin app and sees the arrears drop and the collection rate change; a district admin
 * carries a recommendation to approval and opens the printable 入党积极分子培养考察表; in the
 * mini-program (H5) the secretary ticks who paid and the member sees the payment recorded.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, launchChromium, type Product, screenshotDir, startProduct } from './product';

let product: Product;
let browser: Browser;

function today(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
}
function daysBefore(date: string, days: number): string {
  const t = new Date(`${date}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() - days);
  return t.toISOString().slice(0, 10);
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

async function call<T>(
  token: string,
  proc: string,
  input?: unknown,
  kind: 'query' | 'mutation' = 'mutation',
): Promise<T> {
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const r =
    kind === 'query'
      ? await fetch(
          `${product.baseUrl}/trpc/${proc}${input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`}`,
          { headers },
        )
      : await fetch(`${product.baseUrl}/trpc/${proc}`, {
          method: 'POST',
          headers,
          body: JSON.stringify(input),
        });
  const body = (await r.json()) as { result?: { data: T }; error?: { message: string } };
  if (!body.result) throw new Error(`${proc}: ${body.error?.message ?? r.status}`);
  return body.result.data;
}

async function adminLogin(page: Page, username: string) {
  await page.goto(`${product.baseUrl}/`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.getByRole('menuitem', { name: '工作台' }).waitFor();
}

async function shot(page: Page, name: string) {
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true });
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

interface Status {
  member: { id: string; name: string };
  arrearsMonths: string[];
  arrearsFen: number;
  currentMonth: string;
}

describe('团费', () => {
  it('a branch secretary records a member’s dues: the arrears drop and the collection rate changes', async () => {
    const memberToken = await login('chengguan.member');
    const before = await call<Status>(memberToken, 'dues.memberStatus', {}, 'query');
    expect(before.arrearsMonths).toContain(before.currentMonth);

    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await adminLogin(page, 'chengguan.branch');
    await page.getByRole('menuitem', { name: '团费管理' }).click();
    await page.getByRole('heading', { name: '团费管理' }).waitFor();
    const row = page.locator('tr', { hasText: before.member.name });
    await row.first().waitFor();
    const arrearsBefore = (await row.first().getByTestId('arrears').textContent()) ?? '';
    expect(arrearsBefore).toContain(`${before.arrearsMonths.length}个月`);
    const rateBefore = (await page.getByTestId('month-rate').textContent()) ?? '';
    await shot(page, 'dues-month-before');

    await page.getByRole('checkbox', { name: `选择${before.member.name}` }).check();
    await page.getByRole('button', { name: /登记已交（已选1人）/ }).click();
    await page.getByRole('dialog').getByText('金额由系统按团费标准计算').waitFor();
    await page.getByRole('button', { name: '确认登记' }).click();
    await page.getByText(/已登记1人.*团费，共¥/).waitFor();

    await expect
      .poll(async () => (await row.first().getByTestId('arrears').textContent()) ?? '')
      .not.toBe(arrearsBefore);
    await expect
      .poll(async () => (await page.getByTestId('month-rate').textContent()) ?? '')
      .not.toBe(rateBefore);
    await shot(page, 'dues-month-after');

    const after = await call<Status>(memberToken, 'dues.memberStatus', {}, 'query');
    expect(after.arrearsMonths).toHaveLength(before.arrearsMonths.length - 1);
    expect(after.arrearsFen).toBeLessThan(before.arrearsFen);

    // the collection-rate view per branch, and its lapse list
    await page.getByRole('tab', { name: '收缴率' }).click();
    await page.getByTestId('year-rate').waitFor();
    await page.getByRole('tab', { name: '自行脱团预警' }).click();
    await page.getByText('连续6个月不交纳团费').first().waitFor();
    await page.close();
  });
});

interface Member {
  id: string;
  name: string;
  age: number;
  joinDate: string | null;
}

describe('推优入党', () => {
  it('a district admin carries a recommendation to approval and opens the printable 考察表', async () => {
    const token = await login('chengguan.admin');
    const nominatedOn = daysBefore(today(), 30);
    const members = await call<{ items: Member[] }>(
      token,
      'members.list',
      { pageSize: 200, status: 'active' },
      'query',
    );
    let recId: string | null = null;
    let name = '';
    for (const m of members.items.filter(
      (x) => x.age >= 19 && x.age <= 26 && x.joinDate && x.joinDate < '2024-01-01',
    )) {
      try {
        const r = await call<{ id: string }>(token, 'recommendations.nominate', {
          memberId: m.id,
          partyApplicationDate: '2025-01-10',
          nominatedOn,
        });
        recId = r.id;
        name = m.name;
        break;
      } catch {
        // already recommended or a party member: try the next
      }
    }
    expect(recId).not.toBeNull();
    await call(token, 'recommendations.step', {
      id: recId,
      action: 'vote',
      voteOn: daysBefore(today(), 25),
      entitled: 20,
      present: 16,
      yes: 12,
    });
    await call(token, 'recommendations.step', {
      id: recId,
      action: 'review',
      reviewedOn: daysBefore(today(), 24),
      pass: true,
    });
    await call(token, 'recommendations.step', {
      id: recId,
      action: 'publicize',
      from: daysBefore(today(), 22),
      to: daysBefore(today(), 16),
    });

    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await adminLogin(page, 'chengguan.admin');
    await page.getByRole('menuitem', { name: '推优入党' }).click();
    await page.getByRole('heading', { name: '推优入党' }).waitFor();
    await page
      .getByRole('row', { name: new RegExp(name) })
      .first()
      .click();
    await page.getByRole('heading', { name: `推优入党：${name}` }).waitFor();
    await page.getByText('下一步：上级审批').waitFor();
    await page.getByText(/规则：由上级团组织审批/).waitFor();
    await page.getByLabel('审批组织').fill('共青团兰州市城关区委员会');
    await page.getByRole('button', { name: /提交：上级审批/ }).click();
    await page.getByText('下一步：推荐至党组织').waitFor();
    await page.getByLabel('接收的党组织').fill('中共兰州市城关区某单位支部委员会');
    await page.getByRole('button', { name: /提交：推荐至党组织/ }).click();
    await page.getByTestId('timeline').getByText('推荐至中共兰州市城关区某单位支部委员会').waitFor();
    await shot(page, 'recommendation-detail');

    await page.getByRole('button', { name: /打印培养考察表/ }).click();
    const sheet = page.getByTestId('print-sheet');
    await sheet.getByText('入党积极分子培养考察表').waitFor();
    await sheet.getByText(name, { exact: true }).waitFor();
    expect(await sheet.textContent()).toContain('应到20人，实到16人，赞成12票');
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('button', { name: '打印' }).isVisible()).toBe(false);
    await shot(page, 'recommendation-print');
    await page.close();
  });
});

describe('团费 in the mini-program (H5)', () => {
  async function h5Login(page: Page, username: string) {
    await page.goto(`${product.baseUrl}/h5/`);
    await page.locator('#login-username input').fill(username);
    await page.locator('#login-password input').fill(DEMO_PASSWORD);
    await page.locator('#login-submit').click();
    await page.locator('#home-branch-name').waitFor();
  }
  const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

  it('the secretary ticks who paid (she never types an amount); the member sees it recorded', async () => {
    const page = await browser.newPage(phone);
    await h5Login(page, 'chengguan.branch');
    await page.getByText('我的', { exact: true }).last().click();
    await page.locator('#me-dues-collect').click();
    const summary = page.getByText(/已交 \d+ \/ \d+ 人/);
    await summary.waitFor();
    const paidBefore = Number(/已交 (\d+)/.exec((await summary.textContent()) ?? '')?.[1]);
    const unpaid = page.locator('.dues-item').filter({ hasNotText: '本月已交' }).first();
    await unpaid.click();
    await page
      .locator('#dues-collect-submit')
      .getByText(/登记已交 1 人，共¥0\.\d0/)
      .waitFor();
    await page.waitForTimeout(800); // the page slide-in animation
    await shot(page, 'h5-dues-collect');
    await page.locator('#dues-collect-submit').click();
    await expect
      .poll(async () => Number(/已交 (\d+)/.exec((await summary.textContent()) ?? '')?.[1]))
      .toBe(paidBefore + 1);
    await page.close();

    const member = await browser.newPage(phone);
    await h5Login(member, 'chengguan.member');
    await member.getByText('我的', { exact: true }).last().click();
    await member.locator('#me-dues-mine').click();
    await member.locator('#dues-arrears').waitFor();
    await member
      .getByText(/由.+登记/)
      .first()
      .waitFor();
    await member.getByText(/每月团费 ¥0\.20/).waitFor();
    await member.waitForTimeout(800); // the page slide-in animation
    await shot(member, 'h5-dues-mine');
    await member.close();
  });
});
