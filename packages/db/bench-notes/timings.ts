/**
 * Rough timings of the embedded engine and of tenant transactions.
 *   pnpm --filter @tuanjian/db exec tsx bench-notes/timings.ts            # PGlite
 *   DATABASE_URL=postgres://… pnpm --filter @tuanjian/db exec tsx bench-notes/timings.ts
 * With DATABASE_URL it uses a throwaway database (createTestDatabase) and drops it afterwards.
 */
import { sql } from 'kysely';
import type { Database } from '../src/database';
import { openPGliteDatabase } from '../src/database';
import { env } from '../src/env';
import { migrateAll } from '../src/migrations/runner';
import { seedDemoCity } from '../src/seed/demo';
import { withTenant } from '../src/tenant';
import { createTestDatabase } from '../src/testing';

const N = Number(process.argv[2] ?? 2000);

async function time<T>(label: string, fn: () => Promise<T>): Promise<T> {
  const t = performance.now();
  const r = await fn();
  console.log(`${label}: ${(performance.now() - t).toFixed(0)} ms`);
  return r;
}

let database: Database;
if (env.DATABASE_URL) {
  database = await time('create+migrate test database (PostgreSQL)', () => createTestDatabase());
  await time('seed demo city', () => seedDemoCity(database.db));
} else {
  const { database: d, pg } = await time('PGlite cold start (in-memory)', () =>
    openPGliteDatabase({ memory: true }),
  );
  database = d;
  await time('migrateAll (empty)', () => migrateAll(d.db));
  await time('seed demo city', () => seedDemoCity(d.db));
  const dump = await time('dumpDataDir', () => pg.dumpDataDir('none'));
  console.log(`dump size: ${(dump.size / 1e6).toFixed(1)} MB`);
  const again = await time('load from dump (warm wasm)', () =>
    openPGliteDatabase({ memory: true, loadDataDir: dump }),
  );
  await again.database.close();
}

const tenant = await database.db
  .selectFrom('platform.tenants')
  .selectAll()
  .where('code', '=', 'chengguan')
  .executeTakeFirstOrThrow();

// Warm-up
for (let i = 0; i < 200; i++) {
  await database.db.transaction().execute((trx) => sql`select 1`.execute(trx));
  await withTenant(database.db, tenant, (tdb) =>
    tdb.selectFrom('organisations').select('id').limit(1).execute(),
  );
}

// Alternate the two variants in rounds so drift (JIT, GC, other load) hits both alike.
const ROUNDS = 8;
let plain = 0;
let scoped = 0;
for (let r = 0; r < ROUNDS; r++) {
  let t = performance.now();
  for (let i = 0; i < N / ROUNDS; i++) {
    await database.db.transaction().execute((trx) =>
      trx
        .withSchema('t_chengguan')
        .selectFrom('organisations' as never)
        .select(sql`1`.as('x'))
        .limit(1)
        .execute(),
    );
  }
  plain += performance.now() - t;
  t = performance.now();
  for (let i = 0; i < N / ROUNDS; i++) {
    await withTenant(database.db, tenant, (tdb) =>
      tdb.selectFrom('organisations').select(sql`1`.as('x')).limit(1).execute(),
    );
  }
  scoped += performance.now() - t;
}
console.log(
  `${N} transactions each: plain ${((plain / N) * 1000).toFixed(0)} µs/tx, withTenant ${((scoped / N) * 1000).toFixed(0)} µs/tx, ` +
    `SET LOCAL ROLE adds ≈ ${(((scoped - plain) / N) * 1000).toFixed(0)} µs/tx (${(((scoped - plain) / plain) * 100).toFixed(1)} %)`,
);
await database.close();
