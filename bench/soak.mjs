#!/usr/bin/env node
// Soak run (issue 9): start the product on loopback with the demo city, then send mixed read/write
// traffic at a fixed rate for a while and report errors (target 0) and the server's RSS over time.
//
//   node bench/soak.mjs [--minutes 10] [--rate 10] [--sample 30] [--pg postgres://postgres@127.0.0.1:5432/postgres] [--allow-errors]
//
// Without --pg: PGlite in a temporary data folder. With --pg: a fresh database tj_soak_<hex> on that
// server (dropped afterwards, with the product's tenant roles). The product is started as in
// production (`tsx apps/api/src/main.ts`, TJ_DEMO=1); RSS is read from /proc/<pid>/status.
// Traffic (round robin, one request every 1/rate s): reads (home, members list, theme day, dues),
// logins, theme-day check-ins, dues payments (one member-month each), transfers 城关区 → 七里河区
// (start + accept). A request is an error when it times out, the socket fails, or it answers 5xx;
// expected refusals (4xx with a Chinese message, e.g. 已登记) are counted apart.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import postgres from '../packages/db/node_modules/postgres/src/index.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = parseArgs({
  options: {
    minutes: { type: 'string', default: '10' },
    rate: { type: 'string', default: '10' },
    sample: { type: 'string', default: '30' },
    pg: { type: 'string' },
    'allow-errors': { type: 'boolean', default: false },
    port: { type: 'string', default: String(20000 + Math.floor(Math.random() * 20000)) },
  },
});
const minutes = Number(args.minutes);
const rate = Number(args.rate);
const sampleMs = Number(args.sample) * 1000;
const port = Number(args.port);
const base = `http://127.0.0.1:${port}`;
const PASSWORD = 'Tuanjian@2026';
const HAN = /[\u4e00-\u9fff]/;

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tj-soak-'));
let dbName = null;
let admin = null;
let dbUrl;
if (args.pg) {
  dbName = `tj_soak_${randomBytes(5).toString('hex')}`;
  admin = postgres(args.pg, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${dbName}"`);
  const u = new URL(args.pg);
  u.pathname = `/${dbName}`;
  dbUrl = u.toString();
}

const log = (...a) => console.log(`[soak ${new Date().toISOString().slice(11, 19)}]`, ...a);
log(`数据库：${dbUrl ? `PostgreSQL ${dbName}` : `PGlite ${dataDir}`}；${minutes} 分钟，${rate} 请求/秒`);

const server = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
  cwd: path.join(root, 'apps/api'),
  env: {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    TJ_DEMO: '1',
    ...(dbUrl ? { DATABASE_URL: dbUrl } : { DATABASE_URL: '' }),
  },
  stdio: ['ignore', 'pipe', 'pipe'],
});
let serverLog = '';
server.stdout.on('data', (d) => {
  serverLog += d;
});
server.stderr.on('data', (d) => {
  serverLog += d;
});
let serverExited = null;
server.on('exit', (code, signal) => {
  serverExited = { code, signal };
});

function rssKb() {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${server.pid}/status`, 'utf8'));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

async function cleanup() {
  if (!serverExited) {
    server.kill('SIGTERM');
    await new Promise((r) => {
      const t = setTimeout(() => {
        server.kill('SIGKILL');
        r();
      }, 15000);
      server.once('exit', () => {
        clearTimeout(t);
        r();
      });
    });
  }
  if (admin) {
    try {
      const prefix = await (async () => {
        const c = postgres(dbUrl, { max: 1, onnotice: () => {} });
        try {
          const r = await c
            .unsafe(`select value from platform.settings where key = 'role_prefix'`)
            .catch(() => []);
          return r[0]?.value ?? null;
        } finally {
          await c.end();
        }
      })();
      await admin.unsafe(`drop database if exists "${dbName}" with (force)`);
      if (prefix) {
        const roles = await admin.unsafe(
          `select rolname from pg_roles where starts_with(rolname, $1) order by rolname like '%tenant_base'`,
          [String(prefix).replace(/^"|"$/g, '')],
        );
        for (const { rolname } of roles) await admin.unsafe(`drop role if exists "${rolname}"`);
      }
    } finally {
      await admin.end();
    }
  }
  rmSync(dataDir, { recursive: true, force: true });
}

async function call(procedure, input, token, kind) {
  const headers = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const url =
    kind === 'query'
      ? `${base}/trpc/${procedure}${input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`}`
      : `${base}/trpc/${procedure}`;
  const t0 = performance.now();
  try {
    const res = await fetch(url, {
      method: kind === 'query' ? 'GET' : 'POST',
      headers,
      body: kind === 'mutation' ? JSON.stringify(input ?? {}) : undefined,
      signal: AbortSignal.timeout(30000),
    });
    const body = await res.json().catch(() => null);
    const ms = performance.now() - t0;
    if (res.ok && body?.result) return { ok: true, ms, data: body.result.data };
    const message = body?.error?.message ?? '';
    return {
      ok: false,
      ms,
      status: res.status,
      message,
      clean: res.status < 500 && HAN.test(message),
    };
  } catch (err) {
    return { ok: false, ms: performance.now() - t0, status: 0, message: err.message, clean: false };
  }
}

const login = async (u) => {
  const r = await call(
    'auth.login',
    { username: u, password: PASSWORD, client: 'miniprogram' },
    null,
    'mutation',
  );
  if (!r.ok) throw new Error(`登录失败 ${u}：${r.message}`);
  return r.data.token;
};

let exitCode = 0;
try {
  // Wait for the product (migrations + demo seeding).
  const startT = performance.now();
  for (;;) {
    if (serverExited)
      throw new Error(`产品进程退出：${JSON.stringify(serverExited)}\n${serverLog.slice(-2000)}`);
    const ok = await fetch(`${base}/readyz`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok && /演示账号|http:\/\//.test(serverLog)) break;
    await new Promise((r) => setTimeout(r, 1000));
  }
  log(`产品已启动（${((performance.now() - startT) / 1000).toFixed(0)} 秒），RSS ${rssKb()} kB`);

  const secretary = await login('chengguan.branch');
  const member = await login('chengguan.member');
  const cgAdmin = await login('chengguan.admin');
  const qlAdmin = await login('qilihe.admin');
  const fb = await call('themeDays.forBranch', {}, secretary, 'query');
  let dayId = fb.data?.themeDay?.id;
  if (!dayId)
    dayId = (await call('themeDays.create', { theme: '长稳测试主题团日' }, secretary, 'mutation')).data?.id;
  const code = (await call('themeDays.openCheckIn', { id: dayId }, secretary, 'mutation')).data?.checkInCode;
  const branchMonth = await call('dues.branchMonth', {}, secretary, 'query');
  const duesMembers = (branchMonth.data?.rows ?? []).map((m) => m.memberId).filter(Boolean);
  const districts = await call('transfers.districts', undefined, cgAdmin, 'query');
  const qilihe = (districts.data ?? []).find((d) => d.name === '七里河区');
  const targets = qilihe
    ? await call('transfers.targetOrgs', { tenantId: qilihe.id }, cgAdmin, 'query')
    : null;
  const targetOrg = targets?.data?.find?.((o) => o.kind === 'branch') ?? targets?.data?.[0];
  const movers = await call('members.list', { pageSize: 100, status: 'active' }, cgAdmin, 'query');
  const moverIds = (movers.data?.items ?? []).map((m) => m.id).slice(20);
  log(
    `准备：签到码 ${code ? '有' : '无'}，团费对象 ${duesMembers.length} 人，转接对象 ${moverIds.length} 人`,
  );

  const months = Array.from({ length: 12 }, (_, i) => {
    const d = new Date(Date.UTC(2026, 11 + i, 1));
    return d.toISOString().slice(0, 7);
  });
  let duesI = 0;
  let moveI = 0;
  const ops = [
    () => call('home.summary', undefined, member, 'query'),
    () => call('members.list', { pageSize: 20 }, cgAdmin, 'query'),
    () => call('themeDays.mine', undefined, member, 'query'),
    () => call('dues.memberStatus', {}, member, 'query'),
    () =>
      call(
        'auth.login',
        { username: 'chengguan.member', password: PASSWORD, client: 'miniprogram' },
        null,
        'mutation',
      ),
    () =>
      code
        ? call('themeDays.checkIn', { code }, member, 'mutation')
        : call('auth.me', undefined, member, 'query'),
    () => {
      if (!duesMembers.length) return call('dues.branchMonth', {}, secretary, 'query');
      const i = duesI++;
      const m = duesMembers[i % duesMembers.length];
      const month = months[Math.floor(i / duesMembers.length) % months.length];
      return call('dues.record', { memberIds: [m], months: [month], method: 'cash' }, secretary, 'mutation');
    },
    async () => {
      if (!qilihe || !targetOrg || moveI >= moverIds.length)
        return call('transfers.list', { box: 'all' }, cgAdmin, 'query');
      const s = await call(
        'transfers.start',
        {
          memberId: moverIds[moveI++],
          target: { type: 'cross_tenant', tenantId: qilihe.id, orgId: targetOrg.id },
          reason: '长稳测试',
        },
        cgAdmin,
        'mutation',
      );
      if (!s.ok) return s;
      return call('transfers.accept', { id: s.data.id }, qlAdmin, 'mutation');
    },
  ];

  const stats = { sent: 0, ok: 0, refused: 0, errors: 0, lat: [] };
  const errorSamples = [];
  const samples = [{ t: 0, rssKb: rssKb(), sent: 0, errors: 0 }];
  const endAt = performance.now() + minutes * 60_000;
  const t0 = performance.now();
  let nextSample = t0 + sampleMs;
  let i = 0;
  const inflight = new Set();
  while (performance.now() < endAt) {
    if (serverExited) throw new Error(`产品进程在测试中退出：${JSON.stringify(serverExited)}`);
    const op = ops[i++ % ops.length];
    const p = op().then((r) => {
      stats.lat.push(r.ms);
      if (r.ok) stats.ok++;
      else if (r.clean) stats.refused++;
      else {
        stats.errors++;
        if (errorSamples.length < 10) errorSamples.push(`${r.status} ${r.message}`);
      }
    });
    inflight.add(p);
    p.finally(() => inflight.delete(p));
    stats.sent++;
    const now = performance.now();
    if (now >= nextSample) {
      const s = { t: Math.round((now - t0) / 1000), rssKb: rssKb(), sent: stats.sent, errors: stats.errors };
      samples.push(s);
      log(
        `t=${s.t}s RSS ${(s.rssKb / 1024).toFixed(0)} MB，已发 ${s.sent}，错误 ${s.errors}，在途 ${inflight.size}`,
      );
      nextSample += sampleMs;
    }
    const wait = t0 + (stats.sent * 1000) / rate - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  }
  await Promise.all(inflight);
  samples.push({
    t: Math.round((performance.now() - t0) / 1000),
    rssKb: rssKb(),
    sent: stats.sent,
    errors: stats.errors,
  });
  const lat = stats.lat.sort((a, b) => a - b);
  const pct = (q) => lat[Math.min(lat.length - 1, Math.floor(q * lat.length))]?.toFixed(0);
  const rss = samples.map((s) => s.rssKb).filter(Boolean);
  const summary = {
    engine: dbUrl ? 'postgres' : 'pglite',
    minutes,
    rate,
    sent: stats.sent,
    ok: stats.ok,
    refused: stats.refused,
    errors: stats.errors,
    p50ms: Number(pct(0.5)),
    p95ms: Number(pct(0.95)),
    p99ms: Number(pct(0.99)),
    rssMb: {
      start: Math.round(rss[0] / 1024),
      min: Math.round(Math.min(...rss) / 1024),
      max: Math.round(Math.max(...rss) / 1024),
      end: Math.round(rss[rss.length - 1] / 1024),
    },
    samples: samples.map((s) => `${s.t}s:${Math.round(s.rssKb / 1024)}MB`).join(' '),
    errorSamples,
  };
  console.log(JSON.stringify(summary, null, 2));
  if (stats.errors > 0 && !args['allow-errors']) exitCode = 1;
} catch (err) {
  console.error(`长稳测试失败：${err.message}`);
  exitCode = 1;
} finally {
  await cleanup();
}
process.exit(exitCode);
