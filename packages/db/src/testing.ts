/**
 * Test databases for `@tuanjian/db` and the packages above it.
 *
 * - `DATABASE_URL` set: a fresh database `tj_test_<random>` on that server, migrated; `close()`
 *   drops it and then the roles with its prefix (roles are cluster-global).
 * - otherwise: an in-memory PGlite. Cold start + migrations cost seconds, so the migrated (and the
 *   demo-seeded) state is built once per source version into a tarball under the OS temp dir
 *   (`dumpDataDir`) and each test database loads it (`loadDataDir`, ~1 s).
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { COMMITTEES, RULE_DEFAULTS, SECTORS } from '@tuanjian/domain';
import { createDatabase, createPostgresClient, type Database, openPGliteDatabase } from './database';
import { env } from './env';
import { migrateAll } from './migrations/runner';
import { usePiiKeys } from './pii';
import { getRolePrefix } from './roles';
import { type DemoAccount, demoAccounts, seedDemoCity } from './seed/demo';

/**
 * Tests seal personal information with a generated test key (never a deployment's key): derived
 * from a fixed label, so the cached PGlite fixtures stay readable across test processes.
 */
export const TEST_PII_KEY = createHash('sha256').update('tuanjian test pii key').digest();
usePiiKeys(TEST_PII_KEY);

export interface TestDatabase extends Database {
  /** The database URL (PostgreSQL only). */
  url?: string;
}

export interface DemoTestDatabase extends TestDatabase {
  accounts: DemoAccount[];
}

export interface TestDatabaseOptions {
  /** Server URL; default `env.DATABASE_URL`. `null` forces PGlite. */
  url?: string | null;
}

export async function createTestDatabase(opts: TestDatabaseOptions = {}): Promise<TestDatabase> {
  const url = opts.url === undefined ? env.DATABASE_URL : opts.url;
  if (url) return createPostgresTestDatabase(url, false);
  return loadPGliteFixture('empty');
}

export async function createDemoTestDatabase(opts: TestDatabaseOptions = {}): Promise<DemoTestDatabase> {
  const url = opts.url === undefined ? env.DATABASE_URL : opts.url;
  const database = url ? await createPostgresTestDatabase(url, true) : await loadPGliteFixture('demo');
  return { ...database, accounts: demoAccounts() };
}

// ---------------------------------------------------------------- PostgreSQL

function databaseUrl(serverUrl: string, name: string): string {
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

async function createPostgresTestDatabase(serverUrl: string, demo: boolean): Promise<TestDatabase> {
  const name = `tj_test_${randomBytes(6).toString('hex')}`;
  const admin = createPostgresClient(serverUrl, { max: 1 });
  await admin.unsafe(`create database "${name}"`);
  const url = databaseUrl(serverUrl, name);
  const database = await createDatabase({ url, poolSize: 5 });
  let prefix: string | null = null;
  let closed = false;
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    try {
      if (!prefix) prefix = await getRolePrefix(database.db).catch(() => null);
      await database.close();
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      if (prefix) {
        const roles = (await admin.unsafe<{ rolname: string }[]>(
          `select rolname from pg_roles where starts_with(rolname, $1) order by rolname like '%tenant_base'`,
          [prefix],
        )) as { rolname: string }[];
        for (const { rolname } of roles)
          await admin.unsafe(`drop role if exists "${rolname.replace(/"/g, '""')}"`);
      }
    } finally {
      await admin.end();
    }
  };
  try {
    await migrateAll(database.db);
    prefix = await getRolePrefix(database.db);
    if (demo) await seedDemoCity(database.db);
  } catch (err) {
    await close();
    throw err;
  }
  return { db: database.db, engine: database.engine, url, close };
}

// ---------------------------------------------------------------- PGlite fixtures

type Fixture = 'empty' | 'demo';

const here = path.dirname(fileURLToPath(import.meta.url));

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
    a.name.localeCompare(b.name),
  )) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(p));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

let cachedKey: string | null = null;

/** Hash of everything that shapes a fixture: this package's source, the domain data it seeds, PGlite. */
export function fixtureKey(): string {
  if (cachedKey) return cachedKey;
  const h = createHash('sha256');
  for (const f of sourceFiles(here)) {
    h.update(path.relative(here, f));
    h.update(readFileSync(f));
  }
  h.update(JSON.stringify({ RULE_DEFAULTS, SECTORS, COMMITTEES }));
  h.update(pgliteVersion());
  cachedKey = h.digest('hex').slice(0, 16);
  return cachedKey;
}

function pgliteVersion(): string {
  try {
    const pkg = path.join(here, '..', 'node_modules', '@electric-sql', 'pglite', 'package.json');
    return (JSON.parse(readFileSync(pkg, 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

export function fixturePath(fixture: Fixture): string {
  return path.join(os.tmpdir(), `tuanjian-db-${fixtureKey()}-${fixture}.tar`);
}

async function buildFixture(fixture: Fixture): Promise<Database> {
  const { database, pg } = await openPGliteDatabase({ memory: true });
  await migrateAll(database.db);
  if (fixture === 'demo') await seedDemoCity(database.db);
  const dump = await pg.dumpDataDir('none');
  const file = fixturePath(fixture);
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(tmp, new Uint8Array(await dump.arrayBuffer()));
  renameSync(tmp, file); // atomic: concurrent builders just replace it with equivalent content
  return database;
}

async function loadPGliteFixture(fixture: Fixture): Promise<TestDatabase> {
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    bytes = new Uint8Array(readFileSync(fixturePath(fixture)));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    return buildFixture(fixture);
  }
  return createDatabase({ url: null, memory: true, loadDataDir: new Blob([bytes]) });
}

/** Removes fixtures of other source versions from the temp dir (they are ~50 MB each). */
function removeStaleFixtures(): void {
  const current = `tuanjian-db-${fixtureKey()}-`;
  for (const name of readdirSync(os.tmpdir())) {
    if (/^tuanjian-db-[0-9a-f]{16}-(empty|demo)\.tar$/.test(name) && !name.startsWith(current)) {
      rmSync(path.join(os.tmpdir(), name), { force: true });
    }
  }
}

/** Builds missing PGlite fixtures up front (vitest `globalSetup`), so parallel test files only load them. */
export async function prepareTestFixtures(fixtures: readonly Fixture[] = ['empty', 'demo']): Promise<void> {
  removeStaleFixtures();
  for (const f of fixtures) {
    if (existsSync(fixturePath(f))) continue;
    const db = await buildFixture(f);
    await db.close();
  }
}
