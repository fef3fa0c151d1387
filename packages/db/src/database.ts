/**
 * The dialect switch: embedded PGlite (no URL) or PostgreSQL through a postgres.js pool.
 * Both engines return the same JS types:
 *   int2/int4/int8 → number · numeric → string · date → 'YYYY-MM-DD' string ·
 *   timestamptz → Date · json/jsonb → parsed value (write JSON as a string or a value).
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import {
  AbortedTransactionError,
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  Kysely,
  type PostgresDriver,
} from 'kysely';
import { PostgresJSDialect, type PostgresJSDialectConfig } from 'kysely-postgres-js';
import postgres from 'postgres';
import { env } from './env';
import { PGliteDialect } from './pglite-driver';
import type { PlatformDatabase } from './schema';

export type Engine = 'pglite' | 'postgres';

export interface Database {
  db: Kysely<PlatformDatabase>;
  engine: Engine;
  close(): Promise<void>;
}

export interface CreateDatabaseOptions {
  /** postgres://… — use PostgreSQL. Default: `env.DATABASE_URL`; pass `null` to force PGlite. */
  url?: string | null;
  /** Root data directory for PGlite (files under `<dataDir>/pglite`). Default `env.DATA_DIR`. */
  dataDir?: string;
  /** PGlite only: keep everything in memory (tests). */
  memory?: boolean;
  /** PGlite only: start from a `dumpDataDir()` tarball (implies nothing about persistence). */
  loadDataDir?: Blob;
  /** PostgreSQL only: pool size (default 10). */
  poolSize?: number;
}

const OID = {
  INT8: 20,
  DATE: 1082,
  JSON: 114,
  JSONB: 3802,
} as const;

function dateToString(v: unknown): string {
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v);
}

function jsonToString(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** PGlite parsers/serializers (keyed by type oid). */
export const pgliteParsers = {
  [OID.INT8]: (v: string): number => Number(v),
  [OID.DATE]: (v: string): string => v,
} as const;

const pgliteSerializers = {
  [OID.DATE]: dateToString,
  [OID.JSON]: jsonToString,
  [OID.JSONB]: jsonToString,
} as const;

/** postgres.js custom types giving the same JS values as PGlite. */
export const postgresJsTypes = {
  int8: {
    to: OID.INT8,
    from: [OID.INT8],
    parse: (v: string): number => Number(v),
    serialize: (v: unknown) => String(v),
  },
  dateOnly: { to: OID.DATE, from: [OID.DATE], parse: (v: string): string => v, serialize: dateToString },
  json: {
    to: OID.JSON,
    from: [OID.JSON, OID.JSONB],
    parse: (v: string): unknown => JSON.parse(v),
    serialize: jsonToString,
  },
} satisfies Record<string, postgres.PostgresType>;

export async function createPGlite(opts: {
  dataDir?: string;
  memory?: boolean;
  loadDataDir?: Blob;
}): Promise<PGlite> {
  let dataDir: string | undefined;
  if (!opts.memory) {
    dataDir = path.join(opts.dataDir ?? env.DATA_DIR, 'pglite');
    mkdirSync(dataDir, { recursive: true });
  }
  return PGlite.create({
    ...(dataDir ? { dataDir } : {}),
    ...(opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {}),
    parsers: pgliteParsers,
    serializers: pgliteSerializers,
  });
}

export function createPostgresClient(url: string, opts: { max?: number } = {}): postgres.Sql {
  return postgres(url, {
    max: opts.max ?? 10,
    types: postgresJsTypes,
    onnotice: () => {},
    // Reconnect quickly after the server dropped connections (restart, pg_terminate_backend): the
    // default backoff grows per failed connection across the pool up to 20 s, so a burst of
    // dropped connections left requests waiting that long. Here: 50 ms doubling, at most 2 s.
    backoff: (retries: number) => Math.min(0.05 * 2 ** retries, 2),
    // Tenant work relies on transaction-scoped settings only (SET LOCAL), so pooled connections
    // never carry a role from one request to another.
  });
}

/**
 * Postgres answers COMMIT of a failed transaction with a ROLLBACK tag, not an error; kysely-postgres-js
 * drops the tag, so a transaction whose callback swallowed an error would look committed. This
 * wrapper turns that tag into Kysely's AbortedTransactionError (as Kysely's own pg driver does).
 */
function checkedCommits(client: postgres.Sql): PostgresJSDialectConfig['postgres'] {
  // A factory: kysely-postgres-js only treats callables as a ready `Sql` instance.
  return () => ({
    end: () => client.end(),
    reserve: async () => {
      const reserved = await client.reserve();
      return {
        release: () => reserved.release(),
        unsafe: (query: string, parameters?: postgres.ParameterOrJSON<never>[]) => {
          const pending = reserved.unsafe(query, parameters);
          if (!/^\s*commit\s*;?\s*$/i.test(query)) return pending;
          return pending.then((result) => {
            if (result.command === 'ROLLBACK') throw new AbortedTransactionError();
            return result;
          });
        },
      };
    },
  });
}

/**
 * kysely-postgres-js reuses Kysely's PostgresDriver, whose rollbackTransaction marks a failed
 * connection for discard through a symbol only Kysely's own pg connection has: when the ROLLBACK
 * itself fails (the backend was terminated mid-transaction) that threw a TypeError instead of the
 * connection error. Here a failed ROLLBACK just rejects; postgres.js (patched, see
 * patches/postgres@3.4.9.patch) has already taken the dead connection back from the reservation.
 */
class SafePostgresJSDialect extends PostgresJSDialect {
  override createDriver(): Driver {
    const driver = super.createDriver() as PostgresDriver;
    driver.rollbackTransaction = async (connection: DatabaseConnection) => {
      await connection.executeQuery(CompiledQuery.raw('rollback'));
    };
    return driver;
  }
}

export async function createDatabase(opts: CreateDatabaseOptions = {}): Promise<Database> {
  const url = opts.url === undefined ? env.DATABASE_URL : opts.url;
  if (url) {
    const client = createPostgresClient(url, { max: opts.poolSize ?? 10 });
    const db = new Kysely<PlatformDatabase>({
      dialect: new SafePostgresJSDialect({ postgres: checkedCommits(client) }),
    });
    return {
      db,
      engine: 'postgres',
      close: () => db.destroy(),
    };
  }
  return (await openPGliteDatabase(opts)).database;
}

/** PGlite-backed Database plus the PGlite instance (for dumps in test fixtures). */
export async function openPGliteDatabase(
  opts: Pick<CreateDatabaseOptions, 'dataDir' | 'memory' | 'loadDataDir'> = {},
): Promise<{ database: Database; pg: PGlite }> {
  const pg = await createPGlite(opts);
  const db = new Kysely<PlatformDatabase>({ dialect: new PGliteDialect(pg) });
  // No extensions are needed: uuids come from the built-in gen_random_uuid().
  return { database: { db, engine: 'pglite', close: () => db.destroy() }, pg };
}
