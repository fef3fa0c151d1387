/**
 * B4 (part) — what one pooled connection costs after touching many tenants, and what statement
 * preparation buys per query.
 *
 *   pnpm --filter @tuanjian/bench b4 -- --db tj_bench_x [--queries 2000]
 *
 * kysely-postgres-js runs every query through postgres.js `unsafe()`, which does not prepare: a query
 * with parameters then costs two round trips (Parse/Describe, then Bind/Execute). Preparing
 * (`prepare: true`) costs one round trip from the second use on, but the server keeps one named
 * statement per distinct SQL text per connection — and our SQL text contains the tenant schema, so
 * the cache grows with tenants × statements. This prints both sides on one connection:
 * 1. latency per parameterised query, unprepared vs prepared (sequential, one connection);
 * 2. backend memory (pg_backend_memory_contexts) after running the same 12 statements against every
 *    tenant schema, unprepared vs prepared, per tenant touched.
 */
import postgres from 'postgres';
import { machine, urlFor } from './bench-db';
import { arg } from './generate';

const STATEMENTS = (s: string) => [
  `select "id", "org_id", "status" from "${s}"."members" where "id" = $1`,
  `select "o"."id", "o"."name" from "${s}"."organisations" as "o" where "o"."id" = $1`,
  `select count(*) from "${s}"."theme_day_check_ins" where "member_id" = $1`,
  `select "d"."id", "o"."name" from "${s}"."theme_days" as "d" inner join "${s}"."organisations" as "o" on "o"."id" = "d"."org_id" where "d"."org_id" = $1`,
  `select count(*) from "${s}"."dues_payment_months" where "member_id" = $1`,
  `select count(*) from "${s}"."dues_payments" where "member_id" = $1`,
  `select count(*) from "${s}"."meeting_attendance" where "member_id" = $1`,
  `select "id" from "${s}"."meetings" where "org_id" = $1 order by "held_on" desc limit 5`,
  `select "m"."id", "m"."name" from "${s}"."members" as "m" where "m"."org_id" = $1 order by "m"."name" limit 200`,
  `select "id" from "${s}"."org_leaders" where "org_id" = $1`,
  `select "id" from "${s}"."star_ratings" where "org_id" = $1`,
  `select "id" from "${s}"."mobile_placements" where "member_id" = $1`,
];

async function backendBytes(sql: postgres.Sql): Promise<{ total: number; cache: number; plans: number }> {
  const [r] = await sql.unsafe(`select
      sum(total_bytes)::bigint as total,
      sum(total_bytes) filter (where name = 'CacheMemoryContext' or parent = 'CacheMemoryContext')::bigint as cache,
      sum(total_bytes) filter (where name in ('CachedPlan', 'CachedPlanSource', 'CachedPlanQuery'))::bigint as plans
    from pg_backend_memory_contexts`);
  return { total: Number(r!.total), cache: Number(r!.cache ?? 0), plans: Number(r!.plans ?? 0) };
}

async function main() {
  const db = arg('db');
  if (!db) throw new Error('--db tj_bench_…');
  const n = Number(arg('queries') ?? '2000');
  const url = urlFor(db);
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  const tenants = await admin`select schema_name from platform.tenants where kind = 'district' order by code`;
  const [{ id: memberId }] = (await admin.unsafe(
    `select id from "${tenants[0]!.schema_name}".members limit 1`,
  )) as unknown as [{ id: string }];
  await admin.end();
  console.log(`B4 ${db}: ${tenants.length} tenant schemas   [${machine()}]`);

  for (const prepare of [false, true]) {
    const sql = postgres(url, { max: 1, onnotice: () => {} });
    const q = STATEMENTS(tenants[0]!.schema_name)[0]!;
    for (let i = 0; i < 50; i++) await sql.unsafe(q, [memberId], { prepare });
    const t0 = performance.now();
    for (let i = 0; i < n; i++) await sql.unsafe(q, [memberId], { prepare });
    const per = (performance.now() - t0) / n;
    console.log(
      `one parameterised select, ${prepare ? 'prepared  ' : 'unprepared'}: ${(per * 1000).toFixed(0)} µs per query (${n} sequential)   [${machine()}]`,
    );
    await sql.end();
  }

  for (const prepare of [false, true]) {
    const sql = postgres(url, { max: 1, onnotice: () => {} });
    await sql.unsafe('select 1');
    const before = await backendBytes(sql);
    for (const t of tenants) {
      for (const s of STATEMENTS(t.schema_name)) await sql.unsafe(s, [memberId], { prepare });
    }
    const after = await backendBytes(sql);
    const per = (x: number) => `${(x / tenants.length / 1024).toFixed(0)} KiB`;
    console.log(
      `${prepare ? 'prepared  ' : 'unprepared'}: backend memory ${(before.total / 2 ** 20).toFixed(1)} → ${(after.total / 2 ** 20).toFixed(1)} MiB after ${STATEMENTS('x').length} statements × ${tenants.length} tenants: ` +
        `+${per(after.total - before.total)} per tenant touched (catalog cache +${per(after.cache - before.cache)}, cached plans +${per(after.plans - before.plans)})`,
    );
    await sql.end();
  }
  console.log(`machine: ${machine()}`);
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
