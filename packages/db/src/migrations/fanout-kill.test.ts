/**
 * Issue 9 "faults": the migration fan-out killed (SIGKILL, no cleanup) at a random tenant, then rerun:
 * every schema ends at the same version and each tenant's `_migrations` agrees with
 * `platform.tenants.schema_version` and with the tables actually present.
 *
 * PostgreSQL only: the fan-out runs in a child process against a shared server. PGlite is embedded
 * in one process (an in-memory test database cannot be shared with a child), so there is nothing
 * to kill separately there; the in-process crash case is covered by `runner.test.ts` on both engines.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { env } from '../env';
import { provisionTenant } from '../provision';
import { createTestDatabase, type TestDatabase } from '../testing';
import { FANOUT_KILL_VERSION, fanoutKillTemplates } from './fanout-kill.templates';
import { migrateAll } from './runner';
import { committeeMigrations } from './tenant';

const here = path.dirname(fileURLToPath(import.meta.url));
const N = FANOUT_KILL_VERSION - 1;
const DISTRICTS = 8;

interface State {
  code: string;
  schema: string;
  version: number;
  recorded: number[];
  probeTable: boolean;
  probeColumn: boolean;
}

async function states(t: TestDatabase): Promise<State[]> {
  const tenants = await t.db
    .selectFrom('platform.tenants')
    .select(['code', 'schema_name', 'schema_version'])
    .where('kind', '=', 'district')
    .orderBy('sort_order')
    .execute();
  const out: State[] = [];
  for (const x of tenants) {
    const schema = x.schema_name!;
    const recorded = (
      await sql<{
        version: number;
      }>`select version from ${sql.id(schema, '_migrations')} order by version`.execute(t.db)
    ).rows.map((r) => r.version);
    const { rows } = await sql<{ tbl: number; col: number }>`select
        (select count(*)::int from information_schema.tables
          where table_schema = ${schema} and table_name = 'fanout_kill_probe') as tbl,
        (select count(*)::int from information_schema.columns
          where table_schema = ${schema} and table_name = 'members' and column_name = 'kill_probe') as col`.execute(
      t.db,
    );
    out.push({
      code: x.code,
      schema,
      version: x.schema_version,
      recorded,
      probeTable: rows[0]!.tbl === 1,
      probeColumn: rows[0]!.col === 1,
    });
  }
  return out;
}

/** Every tenant is wholly at its recorded version: registry, `_migrations` (1..v, no gaps) and DDL agree. */
function expectConsistent(list: State[]) {
  for (const s of list) {
    expect(s.recorded, s.code).toEqual(Array.from({ length: s.version }, (_, i) => i + 1));
    const atNew = s.version === N + 1;
    expect(s.probeTable, `${s.code} table`).toBe(atNew);
    expect(s.probeColumn, `${s.code} column`).toBe(atNew);
  }
}

describe.skipIf(!env.DATABASE_URL)(
  'migration fan-out killed mid-way (PostgreSQL; skipped on PGlite: no separate server process to share with a child)',
  () => {
    let t: TestDatabase;

    beforeAll(async () => {
      t = await createTestDatabase({ url: env.DATABASE_URL });
      for (let i = 1; i <= DISTRICTS; i++)
        await provisionTenant(t.db, {
          kind: 'district',
          code: `kill_${i}`,
          name: `中断${i}区`,
          sortOrder: i,
        });
      await provisionTenant(t.db, { kind: 'committee', code: 'kill_c', name: '中断委员会', sortOrder: 99 });
    }, 300_000);

    afterAll(async () => {
      await t?.close();
    });

    it('SIGKILL at a random tenant, then a rerun: every schema at the same version, records consistent', async () => {
      // Kill while tenant k+1 (1-based) is inside its transaction: after k tenants reported done.
      const k = 1 + Math.floor(Math.random() * (DISTRICTS - 2));
      const sleepMs = 1500;
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', path.join(here, 'fanout-kill.child.ts'), t.url!, String(sleepMs)],
        { cwd: path.join(here, '..', '..'), stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let stderr = '';
      child.stderr.on('data', (d) => {
        stderr += String(d);
      });
      const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
        child.on('exit', (code, signal) => resolve({ code, signal })),
      );
      let done = 0;
      let buf = '';
      child.stdout.on('data', (d) => {
        buf += String(d);
        let i = buf.indexOf('\n');
        while (i >= 0) {
          const line = buf.slice(0, i);
          buf = buf.slice(i + 1);
          i = buf.indexOf('\n');
          if (/^progress \d+\/\d+ done$/.test(line) && ++done === k)
            // Half-way into the next tenant's sleep: its DDL is applied but not committed.
            setTimeout(() => child.kill('SIGKILL'), sleepMs / 2);
        }
      });
      const { signal } = await exited;
      expect(signal, `child stderr: ${stderr}`).toBe('SIGKILL');
      expect(done).toBe(k);

      const killed = await states(t);
      expectConsistent(killed);
      expect(killed.filter((s) => s.version === N + 1).map((s) => s.code)).toEqual(
        Array.from({ length: k }, (_, i) => `kill_${i + 1}`),
      );
      expect(killed.filter((s) => s.version === N)).toHaveLength(DISTRICTS - k);

      // Rerun (waits for the killed session's advisory lock to go with its backend).
      const r = await migrateAll(t.db, { templates: fanoutKillTemplates(0) });
      expect(r.tenants.map((x) => x.code)).toEqual(
        Array.from({ length: DISTRICTS - k }, (_, i) => `kill_${k + i + 1}`),
      );
      const after = await states(t);
      expectConsistent(after);
      expect(new Set(after.map((s) => s.version))).toEqual(new Set([N + 1]));
      const committee = await t.db
        .selectFrom('platform.tenants')
        .select('schema_version')
        .where('code', '=', 'kill_c')
        .executeTakeFirstOrThrow();
      expect(committee.schema_version).toBe(committeeMigrations.length);

      // A third run is a no-op.
      expect((await migrateAll(t.db, { templates: fanoutKillTemplates(0) })).tenants).toEqual([]);
    }, 120_000);
  },
);
