/**
 * B3 — provisioning and the migration fan-out.
 *
 *   pnpm --filter @tuanjian/bench b3 -- [--tenants 1000] [--keep]
 *
 * 1. A fresh tj_bench_* database: platform migrations, then N district tenants provisioned one by one
 *    with `provisionTenant` (per-tenant time: p50 / p95 / max).
 * 2. A new tenant migration (an index on members.birth_date) fanned out by `migrateAll` over all N
 *    schemas: total time.
 * 3. Kill and resume: a second new migration is fanned out by a child process that is SIGKILLed once a
 *    third of the tenants are done; the count at the new version is shown, then `migrateAll` runs again
 *    and migrates exactly the remaining tenants.
 * Targets (issue 8): one tenant ≤ 1 s, fan-out over 1,000 tenants ≤ 60 s.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import {
  createDatabase,
  migrateAll,
  provisionTenant,
  setupEmptyCity,
  type TenantMigration,
  type TenantTemplates,
  tenantTemplates,
} from '@tuanjian/db';
import { sql } from 'kysely';
import { createBenchDatabase, dropBenchDatabase, machine, urlFor } from './bench-db';
import { arg } from './generate';

function extraSteps(n: number): TenantTemplates {
  const base = tenantTemplates.district;
  const last = base[base.length - 1]!.version;
  const steps: TenantMigration[] = [
    {
      version: last + 1,
      name: 'bench_members_birth_idx',
      up: async (trx, schema) => {
        await sql`create index if not exists members_birth_idx on ${sql.id(schema, 'members')} (birth_date)`.execute(
          trx,
        );
      },
    },
    {
      version: last + 2,
      name: 'bench_theme_days_held_idx',
      up: async (trx, schema) => {
        await sql`create index if not exists theme_days_held_idx on ${sql.id(schema, 'theme_days')} (held_at)`.execute(
          trx,
        );
      },
    },
  ];
  return { ...tenantTemplates, district: [...base, ...steps.slice(0, n)] };
}

const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;

async function child(url: string) {
  const d = await createDatabase({ url, poolSize: 2 });
  await migrateAll(d.db, { templates: extraSteps(2) });
  await d.close();
}

async function main() {
  const n = Number(arg('tenants') ?? '1000');
  const name = await createBenchDatabase();
  const url = urlFor(name);
  console.log(`B3 ${name}: ${n} tenants   [${machine()}]`);
  const d = await createDatabase({ url, poolSize: 4 });
  try {
    await migrateAll(d.db);
    await setupEmptyCity(d.db, { adminPassword: 'Bench12345678' });
    const times: number[] = [];
    const t0 = performance.now();
    for (let i = 1; i <= n; i++) {
      const t = performance.now();
      await provisionTenant(d.db, {
        kind: 'district',
        code: `f${String(i).padStart(4, '0')}`,
        name: `第${i}县团委`,
      });
      times.push(performance.now() - t);
      if (i % 100 === 0) console.log(`  ${i} provisioned   [${machine()}]`);
    }
    const total = (performance.now() - t0) / 1000;
    console.log(
      `provision one tenant: p50 ${pct(times, 0.5).toFixed(0)} ms, p95 ${pct(times, 0.95).toFixed(0)} ms, max ${Math.max(...times).toFixed(0)} ms (${n} in ${total.toFixed(1)} s; target ≤ 1 s)   [${machine()}]`,
    );

    const f0 = performance.now();
    const r1 = await migrateAll(d.db, { templates: extraSteps(1) });
    console.log(
      `fan-out of 1 new migration over ${r1.tenants.length} schemas: ${((performance.now() - f0) / 1000).toFixed(1)} s (target ≤ 60 s for 1,000)   [${machine()}]`,
    );

    // Kill mid-way, then resume.
    const target = extraSteps(2).district.at(-1)!.version;
    const atNew = async () =>
      Number(
        (
          await d.db
            .selectFrom('platform.tenants')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('schema_version', '=', target)
            .executeTakeFirstOrThrow()
        ).n,
      );
    const proc = spawn(
      process.execPath,
      ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', url],
      {
        stdio: 'inherit',
      },
    );
    let killedAt = -1;
    while (proc.exitCode === null) {
      const done = await atNew();
      if (done >= Math.ceil(n / 3)) {
        proc.kill('SIGKILL');
        killedAt = done;
        break;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    await new Promise((r) => setTimeout(r, 500));
    const afterKill = await atNew();
    console.log(
      `fan-out child SIGKILLed with ${killedAt} of ${n} done; at the new version after the kill: ${afterKill}`,
    );
    const r0 = performance.now();
    const r2 = await migrateAll(d.db, { templates: extraSteps(2) });
    console.log(
      `resumed: migrated ${r2.tenants.length} remaining tenants in ${((performance.now() - r0) / 1000).toFixed(1)} s; ` +
        `now ${await atNew()} of ${n} at version ${target} (${afterKill + r2.tenants.length === n ? 'each tenant exactly once' : 'MISMATCH'})   [${machine()}]`,
    );
  } finally {
    await d.close();
    if (!process.argv.includes('--keep')) await dropBenchDatabase(name);
  }
}

if (process.argv[2] === '--child') {
  await child(process.argv[3]!);
  process.exit(0);
} else {
  await main().then(
    () => process.exit(0),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
