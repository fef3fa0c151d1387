/**
 * 发展团员 (MEM-2) end to end in Chromium: number blocks assigned top-down (city → district →
 * 团委), an application carried through every stage in the admin app to approval, the new
 * 团员编号 shown; an applicant one day short of 14 is refused with the rule quoted.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, launchChromium, type Product, screenshotDir, startProduct } from './product';

let product: Product;
let browser: Browser;

// ---------------------------------------------------------------- dates (Asia/Shanghai)

function today(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
}
function shift(date: string, { years = 0, months = 0, days = 0 }): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months + years * 12;
  const ty = Math.floor(total / 12);
  const tm = total % 12;
  const last = new Date(Date.UTC(ty, tm + 1, 0)).getUTCDate();
  const t = new Date(Date.UTC(ty, tm, Math.min(d, last) + days));
  return t.toISOString().slice(0, 10);
}

// ---------------------------------------------------------------- tRPC over HTTP (arranging data)

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

interface OrgNode {
  id: string;
  name: string;
  kind: string;
  children: OrgNode[];
}

/** The first 团支部 under a 团委 in the tree, with that 团委. */
function findBranchUnderCommittee(
  nodes: OrgNode[],
  committee: OrgNode | null = null,
): { branch: OrgNode; committee: OrgNode } | null {
  for (const n of nodes) {
    const c = n.kind === 'league_committee' ? n : committee;
    if (n.kind === 'branch' && c) return { branch: n, committee: c };
    const found = findBranchUnderCommittee(n.children ?? [], c);
    if (found) return found;
  }
  return null;
}

// ---------------------------------------------------------------- browser

async function shot(page: Page, name: string) {
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true });
}

async function adminLogin(page: Page, username: string) {
  await page.goto(`${product.baseUrl}/`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.getByRole('menuitem', { name: '发展团员' }).waitFor();
}

let adminToken: string;
let branch: OrgNode;
const T = today();

beforeAll(async () => {
  mkdirSync(screenshotDir, { recursive: true });
  product = await startProduct();
  browser = await launchChromium();
  // Number blocks, top-down: the city → 城关区 → the branch's 团委.
  const city = await login('city.admin');
  const tenants = await call<{ id: string; code: string }[]>(city, 'tenants.list', undefined, 'query');
  const chengguan = tenants.find((t) => t.code === 'chengguan')!;
  const year = Number(T.slice(0, 4));
  await call(city, 'development.assignCityBlock', {
    tenantId: chengguan.id,
    year,
    startSeq: 500001,
    endSeq: 501000,
  });
  adminToken = await login('chengguan.admin');
  const tree = await call<OrgNode[]>(adminToken, 'organisations.tree', undefined, 'query');
  const found = findBranchUnderCommittee(tree)!;
  branch = found.branch;
  await call(adminToken, 'development.assignBlock', {
    orgId: found.committee.id,
    year,
    startSeq: 500001,
    endSeq: 500100,
  });
});

afterAll(async () => {
  await browser?.close();
  await product?.stop();
});

describe('发展团员 in the admin app', () => {
  it('refuses approving an applicant one day short of 14, quoting the rule', async () => {
    // Arranged through the API up to the branch meeting's vote.
    const applied = shift(T, { months: -6 });
    const activist = shift(applied, { days: 20 });
    const candidate = shift(activist, { months: 3, days: 1 });
    const app = await call<{ id: string }>(adminToken, 'development.submit', {
      orgId: branch.id,
      name: '测试差一天',
      gender: 'female',
      birthDate: shift(T, { years: -14, days: 1 }),
      appliedOn: applied,
    });
    const id = app.id;
    const members = await call<{ items: { id: string; memberNumber: string | null }[] }>(
      adminToken,
      'members.list',
      { orgId: branch.id, status: 'active', pageSize: 50 },
      'query',
    );
    const introducerIds = members.items
      .filter((m) => m.memberNumber)
      .slice(0, 2)
      .map((m) => m.id);
    const steps: unknown[] = [
      { id, step: 'talked', talkOn: shift(applied, { days: 10 }) },
      {
        id,
        step: 'activist',
        activistOn: activist,
        source: 'pioneer',
        noticeOn: shift(activist, { days: 2 }),
      },
    ];
    for (const s of steps) await call(adminToken, 'development.advance', s);
    await call(adminToken, 'development.addLesson', {
      applicationId: id,
      heldOn: shift(activist, { days: 5 }),
      hours: 8,
      topic: '团章',
    });
    for (const s of [
      { id, step: 'candidate', candidateOn: candidate },
      {
        id,
        step: 'prechecked',
        precheckOn: shift(candidate, { days: 2 }),
        volunteerFormOn: shift(candidate, { days: 3 }),
      },
      { id, step: 'introduced', introducedOn: shift(candidate, { days: 5 }), introducerIds },
      {
        id,
        step: 'voted',
        meetingOn: shift(candidate, { days: 10 }),
        entitled: 10,
        present: 9,
        yes: 9,
        no: 0,
      },
    ]) {
      await call(adminToken, 'development.advance', s);
    }

    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await adminLogin(page, 'chengguan.admin');
    await page.getByRole('menuitem', { name: '发展团员' }).click();
    await page.getByRole('cell', { name: '测试差一天' }).click();
    await page.getByText('下一步：上级团委批准').waitFor();
    // The rule is shown before the user acts.
    await page.getByText('年满14周岁', { exact: false }).first().waitFor();
    await page.getByLabel('批准日期').fill(T);
    await page.getByRole('button', { name: '确认上级团委批准' }).click();
    const alert = page.getByRole('alert').filter({ hasText: '不能办理' });
    await alert.waitFor();
    expect(await alert.textContent()).toContain('未满14周岁，不能批准入团（《发展团员工作细则》）');
    await shot(page, 'admin-development-under-14');
    await page.close();
  });

  it('carries an application through every stage to approval and shows the new 团员编号', async () => {
    const applied = shift(T, { months: -6 });
    const activist = shift(applied, { days: 20 });
    const candidate = shift(activist, { months: 3, days: 1 });
    await call(adminToken, 'development.submit', {
      orgId: branch.id,
      name: '测试新团员',
      gender: 'male',
      birthDate: shift(T, { years: -16 }),
      appliedOn: applied,
    });

    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await adminLogin(page, 'chengguan.admin');
    await page.getByRole('menuitem', { name: '发展团员' }).click();
    await page.getByRole('cell', { name: '测试新团员' }).click();

    const step = async (title: string, fill: () => Promise<void>, button: string) => {
      await page.getByText(`下一步：${title}`).waitFor();
      await fill();
      await page.getByRole('button', { name: button }).click();
    };
    await step('谈话', () => page.getByLabel('谈话日期').fill(shift(applied, { days: 10 })), '确认谈话');
    await step(
      '确定入团积极分子',
      async () => {
        await page.getByLabel('支部委员会确定日期').fill(activist);
        await page.getByLabel('产生方式').click();
        await page.locator('.ant-select-item-option').filter({ hasText: '团员推荐' }).click();
        await page.getByLabel('公示日期').fill(shift(activist, { days: 2 }));
      },
      '确认确定入团积极分子',
    );
    // Too early for 发展对象: refused with the rule, then 团课 recorded and the date corrected.
    await page.getByText('下一步：确定发展对象').waitFor();
    await page.getByLabel('确定为发展对象日期').fill(shift(activist, { months: 2 }));
    await page.getByRole('button', { name: '确认确定发展对象' }).click();
    await page.getByRole('alert').filter({ hasText: '培养教育时间须满3个月' }).waitFor();
    await page.getByLabel('团课日期').fill(shift(activist, { days: 7 }));
    await page.getByPlaceholder('团课主题').fill('团章学习');
    await page.getByPlaceholder('学时').fill('8');
    await page.getByRole('button', { name: '记录团课' }).click();
    await page.getByText('已记录 8 学时', { exact: false }).waitFor();
    await page.getByLabel('确定为发展对象日期').fill(candidate);
    await page.getByRole('button', { name: '确认确定发展对象' }).click();
    await step(
      '上级团委预审、发放入团志愿书',
      async () => {
        await page.getByLabel('上级团委预审日期').fill(shift(candidate, { days: 2 }));
        await page.getByLabel('发放入团志愿书日期').fill(shift(candidate, { days: 3 }));
      },
      '确认上级团委预审、发放入团志愿书',
    );
    await step(
      '确定入团介绍人',
      async () => {
        await page.getByLabel('入团介绍人').click();
        const options = page.locator('.ant-select-item-option');
        await options.first().waitFor();
        await options.nth(0).click();
        await options.nth(1).click();
        await page.keyboard.press('Escape');
        await page.getByLabel('确定日期').fill(shift(candidate, { days: 5 }));
      },
      '确认确定入团介绍人',
    );
    await step(
      '支部团员大会表决',
      async () => {
        await page.getByLabel('支部团员大会日期').fill(shift(candidate, { days: 10 }));
        await page.getByLabel('应到人数').fill('10');
        await page.getByLabel('实到人数').fill('9');
        await page.getByLabel('赞成票').fill('9');
        await page.getByLabel('反对票').fill('0');
      },
      '确认支部团员大会表决',
    );
    await step('上级团委批准', () => page.getByLabel('批准日期').fill(T), '确认上级团委批准');
    const number = page.getByTestId('member-number');
    await number.waitFor();
    const value = (await number.textContent()) ?? '';
    expect(value).toMatch(new RegExp(`^${T.slice(0, 4)}62500\\d{3}$`));
    await page.getByText('下一步：入团宣誓').waitFor();
    await shot(page, 'admin-development-approved');

    // The new member is in the register with that number.
    await page.getByRole('menuitem', { name: '团员管理' }).click();
    await page.getByLabel('姓名/团员编号').fill(value);
    await page.getByRole('button', { name: /查\s*询/ }).click();
    await page.getByRole('cell', { name: '测试新团员' }).waitFor();
    await page.close();
  });
});

describe('号段 and 两制 pages', () => {
  it('the city assigns a block to a district in its page; an overlapping block is refused', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await page.goto(`${product.baseUrl}/`);
    await page.getByLabel('用户名').fill('city.admin');
    await page.getByLabel('密码').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.getByRole('menuitem', { name: '团员编号号段' }).click();
    const assign = async (start: string, end: string) => {
      await page.getByLabel('区县团委').click();
      await page.locator('.ant-select-item-option').filter({ hasText: '七里河区团委' }).click();
      await page.getByLabel('起始序号').fill(start);
      await page.getByLabel('结束序号').fill(end);
      await page.getByRole('button', { name: /分\s*配/ }).click();
    };
    await assign('600001', '601000');
    await page.getByRole('cell', { name: '七里河区团委' }).waitFor();
    await assign('600500', '600600');
    await page.getByText('重叠', { exact: false }).first().waitFor();
    await shot(page, 'admin-number-blocks-city');
    await page.close();
  });

  it('a branch evaluation with too many 优秀 is refused with the 30 % rule', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await adminLogin(page, 'chengguan.admin');
    await page.getByRole('menuitem', { name: '评议和注册' }).click();
    await page.getByLabel('团支部').click();
    await page.getByLabel('团支部').fill(branch.name);
    await page
      .locator('.ant-select-tree-node-content-wrapper')
      .filter({ hasText: branch.name })
      .first()
      .click();
    const selects = page.getByRole('row').locator('.ant-select');
    await selects.first().waitFor();
    const n = await selects.count();
    // Everyone 优秀: more than 30 % of those evaluated.
    for (let i = 0; i < n; i++) {
      await selects.nth(i).click();
      await page
        .locator(
          '.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option[title="优秀"]',
        )
        .last()
        .click();
    }
    await page.getByRole('button', { name: '提交评议结果' }).click();
    const alert = page.getByRole('alert').filter({ hasText: '不能办理' });
    await alert.waitFor();
    expect(await alert.textContent()).toContain('不得超过参加评议团员的30%');
    await shot(page, 'admin-two-systems-refused');
    await page.close();
  });
});

describe('mini-program H5', () => {
  const mobile = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

  async function h5Login(page: Page, username: string) {
    await page.goto(`${product.baseUrl}/h5/`);
    await page.locator('#login-username input').fill(username);
    await page.locator('#login-password input').fill(DEMO_PASSWORD);
    await page.locator('#login-submit').click();
    await page.locator('#home-branch-name').waitFor();
  }

  it('a member submits an application to join and follows it step by step; the secretary sees it waiting', async () => {
    const page = await browser.newPage(mobile);
    await h5Login(page, 'chengguan.member');
    await page.goto(`${product.baseUrl}/h5/#/pages/me/index`);
    await page.locator('#me-dev-apply').click();
    await page.locator('#apply-name input').fill('测试小申请');
    await page.getByText('提交入团申请', { exact: true }).last().click();
    await page.getByText('测试小申请', { exact: false }).first().waitFor();
    await page.getByText('当前：递交入团申请', { exact: false }).first().waitFor();
    await page.getByText('谈话', { exact: false }).first().waitFor();
    await shot(page, 'h5-development-progress');
    await page.close();

    const sec = await browser.newPage(mobile);
    await h5Login(sec, 'chengguan.branch');
    await sec.goto(`${product.baseUrl}/h5/#/pages/me/index`);
    await sec.locator('#me-dev-review').click();
    await sec.getByText('测试小申请').first().click();
    await sec.getByText('下一步：谈话', { exact: true }).first().waitFor();
    await shot(sec, 'h5-development-review');
    await sec.close();
  });
});
