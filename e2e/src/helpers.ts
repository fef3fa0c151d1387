/**
 * What every e2e file does the same way: log in to the admin app or the H5 build, call tRPC with a
 * token or with the page's session cookie, and take a screenshot.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD, screenshotDir } from './product';

export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true });
}

/**
 * Logs in to the admin app at `baseUrl`. Waits until the app shows the menu item `menu` (e.g. 发展团员),
 * or by default the signed-in user in the header.
 */
export async function loginAdmin(
  page: Page,
  baseUrl: string,
  username: string,
  opts: { menu?: string } = {},
): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  if (opts.menu) await page.getByRole('menuitem', { name: opts.menu }).waitFor();
  else await page.getByTestId('current-user').waitFor();
}

/** Logs in to the mini-program H5 build; waits for the home page's branch name unless `wait: false`. */
export async function loginH5(
  page: Page,
  baseUrl: string,
  username: string,
  opts: { wait?: boolean } = {},
): Promise<void> {
  await page.goto(`${baseUrl}/h5/`);
  await page.locator('#login-username input').fill(username);
  await page.locator('#login-password input').fill(DEMO_PASSWORD);
  await page.locator('#login-submit').click();
  if (opts.wait !== false) await page.locator('#home-branch-name').waitFor();
}

/** A bearer token for a demo user (the mini-program's login). */
export async function apiLogin(baseUrl: string, username: string): Promise<string> {
  const r = await fetch(`${baseUrl}/trpc/auth.login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD, client: 'miniprogram' }),
  });
  const body = (await r.json()) as { result: { data: { token: string } } };
  return body.result.data.token;
}

/** A tRPC call over HTTP with a bearer token. */
export async function apiCall<T>(
  baseUrl: string,
  token: string,
  proc: string,
  input?: unknown,
  kind: 'query' | 'mutation' = 'mutation',
): Promise<T> {
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const r =
    kind === 'query'
      ? await fetch(
          `${baseUrl}/trpc/${proc}${input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`}`,
          { headers },
        )
      : await fetch(`${baseUrl}/trpc/${proc}`, {
          method: 'POST',
          headers,
          body: JSON.stringify(input),
        });
  const body = (await r.json()) as { result?: { data: T }; error?: { message: string } };
  if (!body.result) throw new Error(`${proc}: ${body.error?.message ?? r.status}`);
  return body.result.data;
}

/** A tRPC call from inside the page, with the page's own session cookie. */
export async function pageTrpc<T>(page: Page, proc: string, input: unknown, mutation = false): Promise<T> {
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
