/**
 * B2 (part) — the city dashboard at scale, and what keeps it fast: the rollup refresh.
 *
 *   pnpm --filter @tuanjian/bench b2 -- --db tj_bench_x [--iterations 50]
 *
 * 1. `refreshAllRollups` (what the background loop runs): seconds per tenant — the dashboards read its
 *    output, never the tenant tables.
 * 2. `cityDashboard` (the service behind lift.city) vs its floor — the same two statements hand-written
 *    through postgres.js, no Kysely, no shaping — prepared (postgres.js default) and unprepared (what
 *    kysely-postgres-js sends): p50 / p95 over N iterations.
 * The committee sector view (rollups under RLS from a committee tenant) is not measured: the generator
 * makes no committee tenants yet.
 */
import { createDatabase } from '@tuanjian/db';
import postgres from 'postgres';
import { cityDashboard } from '../../packages/api/src/services/lift/dashboard';
import { refreshAllRollups } from '../../packages/api/src/services/rollups/refresh';
import { machine, urlFor } from './bench-db';
import { arg } from './generate';

const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;

async function main() {
  const db = arg('db');
  if (!db) throw new Error('--db tj_bench_…');
  const n = Number(arg('iterations') ?? '50');
  const url = urlFor(db);
  const d = await createDatabase({ url, poolSize: 2 });
  const skipRefresh = process.argv.includes('--no-refresh');
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const now = new Date();
    const year = Number(
      new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(now),
    );
    const t0 = performance.now();
    const tenants = skipRefresh ? 0 : await refreshAllRollups(d.db, now);
    const secs = (performance.now() - t0) / 1000;
    if (!skipRefresh)
      console.log(
        `B2 ${db}: rollup refresh of ${tenants} tenants in ${secs.toFixed(1)} s (${((secs / tenants) * 1000).toFixed(0)} ms per tenant)   [${machine()}]`,
      );
    const app: number[] = [];
    const floor: number[] = [];
    const floorUnprepared: number[] = [];
    for (let i = 0; i < n + 5; i++) {
      let t = performance.now();
      await cityDashboard(d.db, { year });
      if (i >= 5) app.push(performance.now() - t);
      t = performance.now();
      await sql`select id, code, name from platform.tenants where kind = 'district' and status = 'active' order by sort_order`;
      await sql`select * from platform.tenant_rollups where year in (${year}, ${year - 1})`;
      if (i >= 5) floor.push(performance.now() - t);
      t = performance.now();
      await sql.unsafe(
        `select id, code, name from platform.tenants where kind = $1 and status = $2 order by sort_order`,
        ['district', 'active'],
      );
      await sql.unsafe(`select * from platform.tenant_rollups where year in ($1, $2)`, [year, year - 1]);
      if (i >= 5) floorUnprepared.push(performance.now() - t);
    }
    const f = (xs: number[]) => `p50 ${pct(xs, 0.5).toFixed(1)} ms, p95 ${pct(xs, 0.95).toFixed(1)} ms`;
    console.log(`city dashboard (service): ${f(app)}`);
    console.log(`city dashboard floor (2 statements, postgres.js, prepared): ${f(floor)}`);
    console.log(
      `city dashboard floor (same, unprepared as kysely-postgres-js sends them): ${f(floorUnprepared)}`,
    );
    console.log(
      `ratio p95: ${(pct(app, 0.95) / pct(floor, 0.95)).toFixed(2)} × floor (target ≤ 1.5 ×, p95 ≤ 200 ms)   [${machine()}]`,
    );
  } finally {
    await sql.end();
    await d.close();
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
