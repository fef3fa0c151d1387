#!/usr/bin/env node
// B6 (issue 8): client size budgets, checked after a build; exits 1 when one is exceeded.
//
//   node bench/src/sizes.mjs
//
// - admin initial JS (gzip): the entry script of apps/admin/dist/index.html plus every chunk it
//   imports statically (transitively) — what the browser must load before the first screen;
//   lazy routes (dynamic import()) are not counted. Budget 400 KB.
// - WeChat main package: apps/miniprogram/dist-weapp without its subpackage roots (app.json
//   subPackages / subpackages). Budget 1.5 MB (WeChat's hard limit is 2 MB). Skipped with a note
//   when dist-weapp has not been built (the test run builds only the H5 client).
// A missing admin build is an error: run it after building the clients.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const KB = 1024;
const ADMIN_BUDGET = 400 * KB;
const WEAPP_BUDGET = 1.5 * KB * KB;
let failed = false;

function adminInitialJs() {
  const dist = path.join(root, 'apps/admin/dist');
  const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
  const entries = [...html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g)].map((m) => m[1]);
  const preloads = [...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)].map((m) => m[1]);
  const seen = new Set();
  const queue = [...entries, ...preloads].map((u) => path.join(dist, u.replace(/^\//, '')));
  let raw = 0;
  let gz = 0;
  while (queue.length) {
    const file = queue.pop();
    if (seen.has(file) || !existsSync(file)) continue;
    seen.add(file);
    const buf = readFileSync(file);
    raw += buf.length;
    gz += gzipSync(buf, { level: 9 }).length;
    const src = buf.toString('utf8');
    // Static imports only: `import … from "./x.js"`, `import "./x.js"`, `export … from "./x.js"`.
    for (const m of src.matchAll(
      /(?:\bimport|\bexport)\s*(?:[\w$*{},\s]*?\bfrom\s*)?["'](\.{1,2}\/[^"']+\.js)["']/g,
    )) {
      queue.push(path.resolve(path.dirname(file), m[1]));
    }
  }
  return { files: seen.size, raw, gz };
}

function dirSize(dir, skip = new Set()) {
  let n = 0;
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (skip.has(p)) continue;
    const s = statSync(p);
    n += s.isDirectory() ? dirSize(p, skip) : s.size;
  }
  return n;
}

const fmt = (n) => `${(n / KB).toFixed(1)} KB`;

if (!existsSync(path.join(root, 'apps/admin/dist/index.html'))) {
  console.log('✗ admin build missing (apps/admin/dist/index.html): build the clients first');
  failed = true;
} else {
  const a = adminInitialJs();
  const ok = a.gz <= ADMIN_BUDGET;
  failed ||= !ok;
  console.log(
    `${ok ? '✓' : '✗'} admin initial JS: ${fmt(a.gz)} gzip (${fmt(a.raw)} raw, ${a.files} files), budget ${fmt(ADMIN_BUDGET)}`,
  );
}

const weapp = path.join(root, 'apps/miniprogram/dist-weapp');
if (!existsSync(path.join(weapp, 'app.json'))) {
  console.log(
    '- WeChat main package: dist-weapp not built, not checked (pnpm --filter @tuanjian/miniprogram build:weapp)',
  );
} else {
  const app = JSON.parse(readFileSync(path.join(weapp, 'app.json'), 'utf8'));
  const subs = [...(app.subPackages ?? []), ...(app.subpackages ?? [])].map((s) => path.join(weapp, s.root));
  const main = dirSize(weapp, new Set(subs));
  const ok = main <= WEAPP_BUDGET;
  failed ||= !ok;
  console.log(
    `${ok ? '✓' : '✗'} WeChat main package: ${fmt(main)} (${subs.length} subpackages excluded), budget ${fmt(WEAPP_BUDGET)}`,
  );
}
process.exit(failed ? 1 : 0);
