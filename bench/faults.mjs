#!/usr/bin/env node
// Faults run (issue 9): the whole PostgreSQL server restarted during mixed traffic.
//
//   node bench/faults.mjs [--minutes 3] [--rate 5] [--every 45] [--down 3]
//
// Starts a PRIVATE cluster (Debian's PostgreSQL 15 binaries: initdb + pg_ctl, as the `postgres`
// user when run as root) on a free loopback port in a temporary folder — never the machine's
// cluster on 5432 — then runs bench/soak.mjs against it (product started as in production, demo
// city) and, once the product is up, stops the server (`pg_ctl stop -m fast`), waits --down
// seconds and starts it again, every --every seconds. Reports the soak figures and, per restart,
// whether requests succeeded again afterwards without restarting the product. Pass: the product
// process survived, and the last sample window (after the last restart) has no new errors.
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = parseArgs({
  options: {
    minutes: { type: 'string', default: '3' },
    rate: { type: 'string', default: '5' },
    every: { type: 'string', default: '45' },
    down: { type: 'string', default: '3' },
    bin: { type: 'string', default: '/usr/lib/postgresql/15/bin' },
  },
});
const log = (...a) => console.log(`[faults ${new Date().toISOString().slice(11, 19)}]`, ...a);

const port = await new Promise((resolve) => {
  const s = net.createServer().listen(0, '127.0.0.1', () => {
    const p = s.address().port;
    s.close(() => resolve(p));
  });
});
const dir = mkdtempSync(path.join(os.tmpdir(), 'tj-faults-pg-'));
chmodSync(dir, 0o777);
const data = path.join(dir, 'data');
const asRoot = process.getuid?.() === 0;
const pg = (tool, ...a) =>
  execFileSync(
    asRoot ? 'runuser' : path.join(args.bin, tool),
    asRoot ? ['-u', 'postgres', '--', path.join(args.bin, tool), ...a] : a,
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      cwd: dir,
    },
  ).toString();
const ctl = (...a) => pg('pg_ctl', '-D', data, '-w', '-t', '60', ...a);

let soak = null;
let code = 1;
try {
  pg('initdb', '-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8');
  const opts = `-p ${port} -c listen_addresses=127.0.0.1 -k ${dir} -c max_connections=50 -c fsync=off`;
  ctl('-o', opts, '-l', path.join(dir, 'server.log'), 'start');
  log(`私有 PostgreSQL 集群已启动：127.0.0.1:${port}（${data}）`);

  soak = spawn(
    process.execPath,
    [
      path.join(root, 'bench/soak.mjs'),
      '--pg',
      `postgres://postgres@127.0.0.1:${port}/postgres`,
      '--minutes',
      args.minutes,
      '--rate',
      args.rate,
      '--sample',
      '5',
      '--allow-errors',
    ],
    { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let out = '';
  let started = false;
  const restarts = [];
  let timer = null;
  soak.stdout.on('data', (d) => {
    const text = String(d);
    out += text;
    process.stdout.write(text);
    if (!started && text.includes('准备：')) {
      started = true;
      const every = Number(args.every) * 1000;
      // No restart in the last 30 s: the final sample windows show whether requests recovered.
      const lastRestartAt = Date.now() + Number(args.minutes) * 60_000 - 30_000;
      const cycle = async () => {
        if (Date.now() > lastRestartAt) return;
        const t0 = Date.now();
        log('停止 PostgreSQL（pg_ctl stop -m fast）…');
        try {
          ctl('-m', 'fast', 'stop');
          await new Promise((r) => setTimeout(r, Number(args.down) * 1000));
          ctl('-o', opts, '-l', path.join(dir, 'server.log'), 'start');
          log(`PostgreSQL 已重新启动（停机 ${((Date.now() - t0) / 1000).toFixed(1)} 秒）`);
          restarts.push({ at: new Date().toISOString(), downSeconds: (Date.now() - t0) / 1000 });
        } catch (err) {
          log(`重启失败：${err.message}`);
        }
        timer = setTimeout(cycle, every);
      };
      timer = setTimeout(cycle, every);
    }
  });
  const exit = await new Promise((r) => soak.on('exit', (c) => r(c)));
  clearTimeout(timer);
  const json = out.slice(out.indexOf('\n{') + 1);
  let summary = null;
  try {
    summary = JSON.parse(json);
  } catch {
    // soak failed before its summary
  }
  if (!summary) throw new Error(`长稳脚本未给出结果（退出码 ${exit}）`);
  // Samples "t:rssMB"; errors per window come from the soak log lines.
  const windows = [...out.matchAll(/t=(\d+)s RSS \d+ MB，已发 (\d+)，错误 (\d+)/g)].map((m) => ({
    t: Number(m[1]),
    errors: Number(m[3]),
  }));
  const last = windows.slice(-3);
  const recovered = last.length >= 2 && last[last.length - 1].errors === last[0].errors;
  console.log(
    JSON.stringify(
      {
        restarts: restarts.length,
        downSeconds: restarts.map((r) => r.downSeconds),
        sent: summary.sent,
        ok: summary.ok,
        errors: summary.errors,
        errorSamples: summary.errorSamples,
        productSurvived: exit === 0,
        noErrorsInLastWindows: recovered,
        rssMb: summary.rssMb,
      },
      null,
      2,
    ),
  );
  code = exit === 0 && restarts.length > 0 && recovered ? 0 : 1;
} catch (err) {
  console.error(`故障脚本失败：${err.message}`);
} finally {
  if (soak && soak.exitCode === null) soak.kill('SIGTERM');
  try {
    ctl('-m', 'immediate', 'stop');
  } catch {
    // not running
  }
  rmSync(dir, { recursive: true, force: true });
}
process.exit(code);
