/**
 * Issue 10 "accounts" and MEM-8 in Chromium:
 * - a branch secretary proposes a name correction with evidence on the member page (admin app); the
 *   district admin approves it on 信息更正与密码重置; the member page shows the new name and the audit
 *   log's before → after;
 * - the general-branch secretary issues one-time codes for a branch (the list on screen and as Excel);
 *   the member logs in to the H5 mini-program with the code, is made to set a new password, and the
 *   same code is refused the second time;
 * - 流动团员: the district admin places a member away on the member page; the member sees the actual
 *   place and the responsible branch in the H5 mini-program, and a branch secretary sees the mobile
 *   member her branch is responsible for.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall, apiLogin, loginAdmin, loginH5, shot } from './helpers';
import { launchChromium, type Product, repoRoot, screenshotDir, startProduct } from './product';

const EVIDENCE = path.join(repoRoot, 'apps/miniprogram/src/assets/tab/activities-active.png');
const NEW_PASSWORD = 'Xinmima@2026';

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

interface MeAnswer {
  grants: {
    id: string;
    role: string;
    tenant: { id: string };
    scopeOrg: { id: string; name: string } | null;
  }[];
}

/** The member record of a member's login (home.summary's profile). */
async function profileOf(base: string, username: string): Promise<{ id: string; name: string }> {
  const token = await apiLogin(base, username);
  const r = await apiCall<{ profile: { id: string; name: string } | null }>(
    base,
    token,
    'home.summary',
    undefined,
    'query',
  );
  return r.profile!;
}

async function h5Login(page: Page, username: string, password: string): Promise<void> {
  await page.goto(`${product.baseUrl}/h5/`);
  await page.locator('#login-username input').fill(username);
  await page.locator('#login-password input').fill(password);
  await page.locator('#login-submit').click();
}

describe('corrections and bulk reset in the browser', () => {
  it('a secretary proposes a name correction with evidence; the district approves; before/after in the audit', async () => {
    const base = product.baseUrl;
    const secToken = await apiLogin(base, 'chengguan.branch');
    const list = await apiCall<{ items: { id: string; name: string }[] }>(
      base,
      secToken,
      'members.list',
      { page: 1, pageSize: 20 },
      'query',
    );
    // Not one of the members with a login (the other tests log in as them).
    const logins = await Promise.all(
      ['chengguan.member', 'chengguan.member2'].map((u) => profileOf(base, u)),
    );
    const m = list.items.filter((x) => !logins.some((l) => l.id === x.id)).at(-1)!;
    const newName = `${m.name}更`;

    const secCtx = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const sec = await secCtx.newPage();
    await loginAdmin(sec, base, 'chengguan.branch');
    await sec.goto(`${base}/members/${m.id}`);
    await sec.getByRole('heading', { name: `团员档案 · ${m.name}` }).waitFor();
    const card = sec.getByTestId('member-corrections');
    await card.getByRole('button', { name: '申请更正' }).click();
    const dialog = sec.getByRole('dialog', { name: /申请更正/ });
    await dialog.getByLabel('更正后的内容').fill(newName);
    await dialog.getByLabel('更正原因').fill('户籍登记姓名与名册不一致');
    await dialog.locator('input[type=file]').setInputFiles(EVIDENCE);
    await dialog.locator('.ant-upload-list-item-done').first().waitFor();
    await dialog.getByRole('button', { name: '提交申请' }).click();
    await sec.getByText('更正申请已提交，待上级团组织审核').waitFor();
    await card
      .getByRole('row', { name: new RegExp(newName) })
      .getByText('待审核')
      .waitFor();
    await shot(sec, 'accounts-correction-proposed');
    // The name is not changed before approval.
    await sec.getByRole('heading', { name: `团员档案 · ${m.name}` }).waitFor();
    await secCtx.close();

    const adminCtx = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const admin = await adminCtx.newPage();
    await loginAdmin(admin, base, 'chengguan.admin', { menu: '信息更正与密码重置' });
    await admin.getByRole('menuitem', { name: '信息更正与密码重置' }).click();
    await admin.getByRole('heading', { name: '信息更正与密码重置' }).waitFor();
    const row = admin.getByRole('row', { name: new RegExp(newName) });
    await row.getByRole('link', { name: /\.png$/ }).waitFor();
    await row.getByRole('button', { name: '批准' }).click();
    await admin.getByText('已批准，团员信息已更正').waitFor();
    await row.getByText('已批准').waitFor();
    await shot(admin, 'accounts-correction-approved');

    await admin.goto(`${base}/members/${m.id}`);
    await admin.getByRole('heading', { name: `团员档案 · ${newName}` }).waitFor();
    const audit = admin.getByTestId('correction-audit');
    const entry = audit.getByRole('row', { name: new RegExp(newName) });
    await entry.waitFor();
    const cells = await entry.getByRole('cell').allTextContents();
    expect(cells.slice(2)).toEqual(['姓名', m.name, newName]);
    await shot(admin, 'accounts-member-corrected');
    await adminCtx.close();
  }, 300_000);

  it('a superior issues one-time codes; the member logs in once with a code and must set a new password', async () => {
    const base = product.baseUrl;
    const me = await apiCall<MeAnswer>(
      base,
      await apiLogin(base, 'chengguan.branch'),
      'auth.me',
      undefined,
      'query',
    );
    const branch = me.grants[0]!.scopeOrg!;

    const ctx = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await ctx.newPage();
    await loginAdmin(page, base, 'chengguan.secretary', { menu: '信息更正与密码重置' });
    await page.getByRole('menuitem', { name: '信息更正与密码重置' }).click();
    await page.getByRole('tab', { name: '批量重置密码' }).click();
    const picker = page.locator('#reset-org');
    await picker.click();
    await picker.fill(branch.name);
    await page.locator(`.ant-select-tree-node-content-wrapper[title="${branch.name}"]`).click();
    await page.getByRole('button', { name: '生成一次性验证码' }).click();
    const list = page.locator('.ant-card', { hasText: `${branch.name} 一次性验证码` });
    const row = list.getByRole('row', { name: /chengguan\.member(?!2)/ });
    await row.waitFor();
    const code = (await row.locator('code').textContent())!.trim();
    expect(code).toMatch(/^[A-Z2-9]{10}$/);
    // The Excel list, from the same answer.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      list.getByRole('button', { name: '下载Excel' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^一次性验证码_.+\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync((await download.path())!) as unknown as ArrayBuffer);
    const inFile: Record<string, string> = {};
    wb.worksheets[0]!.eachRow((r, n) => {
      if (n > 3) inFile[String(r.getCell(2).value)] = String(r.getCell(3).value);
    });
    expect(inFile['chengguan.member']).toBe(code);
    await shot(page, 'accounts-reset-codes');
    await ctx.close();

    // The member, in the mini-program: the code logs in and leads to 修改密码.
    const h5Ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
    const h5 = await h5Ctx.newPage();
    await h5Login(h5, 'chengguan.member', code);
    const old = h5.locator('input[placeholder="请输入原密码"]');
    await old.waitFor();
    await old.fill(code);
    await h5.locator('input[placeholder="请输入新密码"]').fill(NEW_PASSWORD);
    await h5.locator('input[placeholder="请再次输入新密码"]').fill(NEW_PASSWORD);
    await h5.getByText('确认修改', { exact: true }).click();
    await h5.locator('#home-branch-name').waitFor();
    await shot(h5, 'accounts-h5-after-code');
    await h5Ctx.close();

    // The same code a second time: refused.
    const again = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
    const h5b = await again.newPage();
    await h5Login(h5b, 'chengguan.member', code);
    await h5b.locator('#login-error', { hasText: '已使用' }).waitFor();
    await shot(h5b, 'accounts-h5-code-refused');
    // The new password works.
    await h5b.locator('#login-password input').fill(NEW_PASSWORD);
    await h5b.locator('#login-submit').click();
    await h5b.locator('#home-branch-name').waitFor();
    await again.close();
  }, 300_000);
});

describe('corrections in the mini-program', () => {
  it('a secretary proposes a correction in H5 with a photo of the evidence; the superior sees it to decide', async () => {
    const base = product.baseUrl;
    const h5Ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
    const h5 = await h5Ctx.newPage();
    await loginH5(h5, base, 'chengguan.branch');
    await h5.locator('.weui-tabbar__item', { hasText: '团务' }).click();
    await h5.locator('#affairs-correction').click();
    const form = h5.locator('#correction-form');
    // The member picker (Taro Picker): open it and confirm the first member.
    await form.getByText('请选择团员').click();
    await h5.locator('.weui-picker__action:visible', { hasText: '确定' }).click();
    const chosen = form.locator('.field-input').first();
    await expect.poll(async () => (await chosen.textContent())?.trim()).not.toBe('请选择团员');
    const name = (await chosen.textContent())!.trim();
    await h5.locator('#correction-value input').fill(`${name}改`);
    await h5.locator('#correction-reason textarea').fill('身份证上的姓名与名册不一致');
    const [chooser] = await Promise.all([h5.waitForEvent('filechooser'), form.locator('.photo-add').click()]);
    await chooser.setFiles(EVIDENCE);
    await form.locator('.photo-item .photo-thumb').first().waitFor();
    await h5.locator('#correction-submit').click();
    const row = h5.locator('#correction-list .yt-row', { hasText: `${name} · 姓名` });
    await row.getByText('待审核').waitFor();
    await shot(h5, 'accounts-h5-correction');
    await h5Ctx.close();

    // The superior (general-branch secretary) has it to decide, with the photo as evidence.
    const token = await apiLogin(base, 'chengguan.secretary');
    const waiting = await apiCall<{ memberName: string; after: string; evidence: unknown[] }[]>(
      base,
      token,
      'accounts.corrections',
      { toDecide: true },
      'query',
    );
    const mine = waiting.find((c) => c.memberName === name);
    expect(mine?.after).toBe(`${name}改`);
    expect(mine?.evidence).toHaveLength(1);
  }, 300_000);
});

describe('流动团员 (MEM-8) in the browser', () => {
  it('the district places a member away; the member and the responsible branch see it in the mini-program', async () => {
    const base = product.baseUrl;
    const adminToken = await apiLogin(base, 'chengguan.admin');
    const adminMe = await apiCall<MeAnswer>(base, adminToken, 'auth.me', undefined, 'query');
    const tenantId = adminMe.grants[0]!.tenant.id;
    const branchMe = await apiCall<MeAnswer>(
      base,
      await apiLogin(base, 'chengguan.branch'),
      'auth.me',
      undefined,
      'query',
    );
    const home = branchMe.grants[0]!.scopeOrg!;
    const m2 = await profileOf(base, 'chengguan.member2');
    const orgs = await apiCall<{ id: string; name: string; kind: string }[]>(
      base,
      adminToken,
      'transfers.targetOrgs',
      { tenantId },
      'query',
    );
    const branches = orgs.filter((o) => o.kind === 'branch' && o.id !== home.id);
    // A branch whose name no other branch contains (the picker is searched by name).
    const away = branches.find((o) => orgs.filter((x) => x.name.includes(o.name)).length === 1)!;
    expect(away).toBeTruthy();

    // 1. The district admin places 团员 2 with another branch, on the member page.
    const ctx = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const admin = await ctx.newPage();
    await loginAdmin(admin, base, 'chengguan.admin', { menu: '流动团员' });
    await admin.goto(`${base}/members/${m2.id}`);
    const card = admin.getByTestId('member-mobile');
    await card.getByRole('button', { name: '登记外出流动' }).click();
    const dialog = admin.getByRole('dialog', { name: /登记外出流动/ });
    const select = dialog.getByLabel('负责团支部');
    await select.click();
    await select.fill(away.name);
    await admin.locator('.ant-select-item-option', { hasText: away.name }).first().click();
    await dialog.getByLabel('实际所在地').fill('广东省深圳市南山区');
    await dialog.getByLabel('所在单位或学校').fill('深圳某电子厂');
    await dialog.getByRole('button', { name: '登记' }).click();
    await admin.getByText('已登记为流动团员').waitFor();
    await card.getByText(away.name).waitFor();
    await shot(admin, 'mobile-member-placed');

    // 2. Another branch's member placed with the demo branch (through the API), then the list page.
    const other = (
      await apiCall<{ items: { id: string; name: string; orgId: string }[] }>(
        base,
        adminToken,
        'members.list',
        { page: 1, pageSize: 20, orgId: away.id },
        'query',
      )
    ).items[0]!;
    await apiCall(base, adminToken, 'youthStudy.mobilePlace', {
      memberId: other.id,
      responsibleOrgId: home.id,
      kind: 'study',
      place: '兰州市城关区（借读）',
    });
    await admin.getByRole('menuitem', { name: '流动团员' }).click();
    await admin.getByRole('heading', { name: '流动团员' }).waitFor();
    const table = admin.getByTestId('mobile-members');
    await table
      .getByRole('row', { name: new RegExp(m2.name) })
      .getByText('广东省深圳市南山区')
      .waitFor();
    await table
      .getByRole('row', { name: new RegExp(other.name) })
      .getByText(home.name)
      .waitFor();
    await shot(admin, 'mobile-members-list');
    await ctx.close();

    // 3. The member in the mini-program: actual place and responsible branch.
    const mCtx = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
    const member = await mCtx.newPage();
    await loginH5(member, base, 'chengguan.member2');
    await member.locator('.weui-tabbar__item', { hasText: '团务' }).click();
    await member.locator('#affairs-mobile').click();
    await member.locator('#mobile-place', { hasText: '广东省深圳市南山区' }).waitFor();
    await member.locator('#mobile-responsible', { hasText: away.name }).waitFor();
    await shot(member, 'mobile-h5-member');
    await mCtx.close();

    // 4. The demo branch's secretary: the mobile member her branch is responsible for.
    const sCtx = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
    const secretary = await sCtx.newPage();
    await loginH5(secretary, base, 'chengguan.branch');
    await secretary.locator('.weui-tabbar__item', { hasText: '团务' }).click();
    await secretary.locator('#affairs-mobile').click();
    await secretary
      .locator('#mobile-responsible-list .mobile-item', { hasText: other.name })
      .getByText('兰州市城关区（借读）', { exact: false })
      .waitFor();
    // Her own member placed away is listed on the other side.
    await secretary.locator('#mobile-away-list .mobile-item', { hasText: m2.name }).waitFor();
    await shot(secretary, 'mobile-h5-secretary');
    await sCtx.close();
  }, 300_000);
});
