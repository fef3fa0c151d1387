/**
 * B1 — HTTP under concurrency: a member's theme-day check-in (themeDays.checkIn) and a secretary's
 * branch page (home.summary), each against its floor in the same run.
 *
 *   pnpm --filter @tuanjian/bench b1 -- --db tj_bench_x [--connections 64] [--duration 10] [--pool 10]
 *
 * The server (b1-server.ts) runs in a child process; autocannon drives it from this process. Every
 * request carries a real member's / secretary's session (Bearer token of a bench account), rotating
 * through all accounts. Before each check-in run the current month's check-ins are deleted, so the real
 * path and the floor see the same mix of first and repeated check-ins.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import postgres from 'postgres';
import { machine, urlFor } from './bench-db';
import { arg } from './generate';

const here = path.dirname(fileURLToPath(import.meta.url));

export interface RunFigures {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  requests: number;
  /** Server process CPU per request (ms): less sensitive to other people's load than req/s. */
  cpuMs: number;
  codes: string;
}

let cpuUrl = '';
async function serverCpuUs(): Promise<number> {
  const r = await fetch(cpuUrl);
  return ((await r.json()) as { us: number }).us;
}

async function run(
  name: string,
  url: string,
  method: 'GET' | 'POST',
  reqs: { auth: string; body?: string }[],
  connections: number,
  duration: number,
): Promise<RunFigures> {
  let i = 0;
  const cpu0 = await serverCpuUs();
  const r = await autocannon({
    url,
    connections,
    duration,
    requests: [
      {
        method,
        setupRequest: (req) => {
          const x = reqs[i++ % reqs.length]!;
          return {
            ...req,
            headers: {
              ...req.headers,
              authorization: `Bearer ${x.auth}`,
              'content-type': 'application/json',
            },
            ...(x.body ? { body: x.body } : {}),
          };
        },
      },
    ],
  });
  const cpu = (await serverCpuUs()) - cpu0;
  return {
    cpuMs: cpu / 1000 / Math.max(1, r.requests.total),
    codes: Object.entries(r.statusCodeStats ?? {})
      .map(([k, v]) => `${k}×${(v as { count: number }).count}`)
      .join(' '),
    name,
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
    requests: r.requests.total,
  };
}

function line(f: RunFigures, floor?: RunFigures): string {
  const ratio = floor ? ` | ${((100 * f.rps) / floor.rps).toFixed(0)} % of floor` : '';
  return `${f.name.padEnd(28)} ${f.rps.toFixed(0).padStart(6)} req/s  p50 ${String(f.p50).padStart(4)} ms  p99 ${String(f.p99).padStart(4)} ms  errors ${f.errors}  non-2xx ${f.non2xx}  (${f.requests} requests: ${f.codes})  server CPU ${f.cpuMs.toFixed(2)} ms/req${ratio}`;
}

async function main() {
  const db = arg('db');
  if (!db) throw new Error('--db tj_bench_… (run the generator first)');
  const connections = Number(arg('connections') ?? '64');
  const duration = Number(arg('duration') ?? '10');
  const pool = arg('pool') ?? '10';
  const url = urlFor(db);
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  const all =
    await sql`select token, schema_name, org_id, member_id from public.bench_accounts where role = 'member' order by ord`;
  // Only members in good standing: the generator makes ~4 % lapsed, and those are refused (correctly).
  const members = [];
  for (const m of all) {
    const [r] = await sql.unsafe(`select status from "${m.schema_name}".members where id = $1`, [
      m.member_id,
    ]);
    if (r?.status === 'active') members.push(m);
  }
  const checkIns: { auth: string; body: string }[] = [];
  for (const m of members) {
    const [d] = await sql.unsafe(
      `select check_in_code from "${m.schema_name}".theme_days where org_id = $1 and status = 'open'`,
      [m.org_id],
    );
    checkIns.push({ auth: m.token, body: JSON.stringify({ code: d!.check_in_code }) });
  }
  const secretaries = (
    await sql`select token from public.bench_accounts where role = 'org_secretary' order by ord`
  ).map((r) => ({ auth: r.token as string }));
  const schemas = [...new Set(members.map((m) => m.schema_name as string))];
  const resetCheckIns = async () => {
    for (const s of schemas) {
      await sql.unsafe(
        `delete from "${s}".theme_day_check_ins c using "${s}".theme_days d where d.id = c.theme_day_id and d.status = 'open'`,
      );
    }
  };

  const appPort = 38000 + Math.floor(Math.random() * 900) * 2;
  const prof = process.env.BENCH_CPU_PROF
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`]
    : [];
  const server = spawn(process.execPath, [...prof, '--import', 'tsx', path.join(here, 'b1-server.ts')], {
    env: {
      ...process.env,
      BENCH_DB_URL: url,
      BENCH_POOL: pool,
      NODE_ENV: 'production',
      BENCH_APP_PORT: String(appPort),
      BENCH_FLOOR_PORT: String(appPort + 1),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stderr!.on('data', (b: Buffer) => {
    const t = b.toString();
    if (!t.includes('serveStatic')) process.stderr.write(`[server] ${t}`);
  });
  await new Promise<void>((resolve, reject) => {
    server.stdout!.on('data', (b: Buffer) => {
      if (b.toString().includes('ready')) resolve();
    });
    server.on('exit', (c) => reject(new Error(`server exited ${c}`)));
  });
  try {
    const app = `http://127.0.0.1:${appPort}`;
    const floor = `http://127.0.0.1:${appPort + 1}`;
    cpuUrl = `${floor}/floor/cpu`;
    console.log(
      `B1${process.env.BENCH_PREPARE === '1' ? ' (BENCH_PREPARE=1: app queries prepared)' : ''} ${db}: ${checkIns.length} member and ${secretaries.length} secretary sessions, ${connections} connections, ${duration} s per run, pool ${pool}`,
    );
    // Warm up both (JIT, connection pools, plan caches).
    await run('warm-up', `${app}/trpc/home.summary`, 'GET', secretaries, 8, 2);
    await run('warm-up', `${floor}/floor/home`, 'GET', secretaries, 8, 2);
    if (process.argv.includes('--only-trpc-checkin')) {
      await resetCheckIns();
      const a = await run(
        'check-in tRPC',
        `${app}/trpc/themeDays.checkIn`,
        'POST',
        checkIns,
        connections,
        duration,
      );
      console.log(`${line(a)}   [${machine()}]`);
      return;
    }
    const out: string[] = [];
    await resetCheckIns();
    const fCheck = await run(
      'check-in floor',
      `${floor}/floor/checkin`,
      'POST',
      checkIns,
      connections,
      duration,
    );
    console.log(`${line(fCheck)}   [${machine()}]`);
    await resetCheckIns();
    const aCheck = await run(
      'check-in tRPC',
      `${app}/trpc/themeDays.checkIn`,
      'POST',
      checkIns,
      connections,
      duration,
    );
    console.log(`${line(aCheck, fCheck)}   [${machine()}]`);
    const fHome = await run(
      'branch page floor',
      `${floor}/floor/home`,
      'GET',
      secretaries,
      connections,
      duration,
    );
    console.log(`${line(fHome)}   [${machine()}]`);
    const aHome = await run(
      'branch page tRPC',
      `${app}/trpc/home.summary`,
      'GET',
      secretaries,
      connections,
      duration,
    );
    console.log(`${line(aHome, fHome)}   [${machine()}]`);
    out.push(line(fCheck), line(aCheck, fCheck), line(fHome), line(aHome, fHome));
    console.log('\nTargets: ≥ 80 % of floor, p99 ≤ 50 ms, 0 errors.');
    for (const [a, f] of [
      [aCheck, fCheck],
      [aHome, fHome],
    ] as const) {
      const ok = a.rps >= 0.8 * f.rps && a.p99 <= 50 && a.errors + a.non2xx === 0;
      console.log(`${a.name}: ${ok ? 'MET' : 'NOT MET'}`);
    }
    console.log(`machine: ${machine()}`);
  } finally {
    server.kill('SIGTERM');
    const killer = setTimeout(() => server.kill('SIGKILL'), 3000);
    if (server.exitCode === null && server.signalCode === null)
      await new Promise((r) => server.once('exit', r));
    clearTimeout(killer);
    await sql.end();
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
