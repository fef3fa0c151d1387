/**
 * Serving a built single-page app from a folder: files as they are, every other GET that
 * wants a page gets index.html (client-side routing). index.html is never cached; hashed
 * assets are cached for a year. A missing build gets a Chinese page saying how to build it.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Context, MiddlewareHandler } from 'hono';

export const NO_CACHE = 'no-cache, no-store, must-revalidate';
export const IMMUTABLE = 'public, max-age=31536000, immutable';

/** Vite (`index-BXk2c9aF.js`), webpack/Taro (`app.3f9a2c1d.js`) and files under assets/ folders. */
const HASHED = /(?:[.-][A-Za-z0-9_]{8,}\.[a-z0-9]+$)|(?:^|\/)assets\//;

export function cacheControlFor(filePath: string): string {
  const base = path.basename(filePath);
  if (base === 'index.html') return NO_CACHE;
  if (HASHED.test(filePath.replaceAll('\\', '/'))) return IMMUTABLE;
  return 'public, max-age=0, must-revalidate';
}

export interface SpaOptions {
  /** Absolute folder of the build. */
  root: string;
  /** URL prefix without trailing slash: '' for the admin app, '/h5' for the H5 build. */
  prefix: string;
  /** Shown on the placeholder page, e.g. '管理后台'. */
  title: string;
  /** Command that builds it, shown on the placeholder page. */
  buildCommand: string;
}

function placeholder(c: Context, opts: SpaOptions) {
  c.header('Cache-Control', NO_CACHE);
  return c.html(
    `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${opts.title}尚未构建</title>
<style>body{font-family:system-ui,-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;color:#222;line-height:1.7}code{background:#f3f3f3;padding:.15rem .4rem;border-radius:4px}</style>
</head><body>
<h1>${opts.title}尚未构建</h1>
<p>服务已经启动，接口在 <code>/trpc</code>，但没有找到${opts.title}的构建结果：</p>
<p><code>${escapeHtml(opts.root)}</code></p>
<p>请在项目根目录运行 <code>${escapeHtml(opts.buildCommand)}</code>，然后刷新本页。</p>
</body></html>`,
    503,
  );
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/** GET/HEAD handler for `${prefix}/*`. */
export function spa(opts: SpaOptions): MiddlewareHandler {
  const indexPath = path.join(opts.root, 'index.html');
  const files = serveStatic({
    root: opts.root,
    rewriteRequestPath: (p) =>
      opts.prefix && p.startsWith(opts.prefix) ? p.slice(opts.prefix.length) || '/' : p,
  });
  return async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next();
    if (!existsSync(indexPath)) return placeholder(c, opts);

    const res = await files(c, async () => {});
    if (res instanceof Response) {
      const isHtml = res.headers.get('content-type')?.startsWith('text/html');
      res.headers.set('Cache-Control', isHtml ? NO_CACHE : cacheControlFor(c.req.path));
      return res;
    }
    // Not a file. A request for something with an extension is a missing asset: 404, not the app.
    const last = c.req.path.split('/').pop() ?? '';
    if (/\.[A-Za-z0-9]+$/.test(last) && !last.endsWith('.html')) return c.notFound();
    const html = await readFile(indexPath, 'utf8');
    c.header('Cache-Control', NO_CACHE);
    return c.html(html);
  };
}
