/**
 * The prepared demo city of one e2e run: the product is started once on a template (PGlite: a data
 * folder; PostgreSQL: a database), seeds the demo city there and stops. Every e2e file then starts
 * its own product on a copy (PGlite: the folder copied; PostgreSQL: `CREATE DATABASE … TEMPLATE`),
 * so files stay isolated but none of them seeds again.
 *
 * Made by the e2e project's vitest globalSetup (`global-setup.ts`), handed to the test files with
 * `provide` / `inject`. PostgreSQL tenant roles are cluster-global and named with the template's
 * random prefix: all copies share them, so they are dropped only by the teardown, after the template.
 */
import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createPostgresClient } from '@tuanjian/db';

export type DemoSnapshot =
  | { engine: 'pglite'; dataDir: string }
  | { engine: 'postgres'; serverUrl: string; template: string; prefix: string };

declare module 'vitest' {
  export interface ProvidedContext {
    demoSnapshot: DemoSnapshot | null;
  }
}

export function databaseUrl(serverUrl: string, name: string): string {
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

function quoteId(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** A fresh PGlite data folder (a copy of the snapshot's when given). */
export function newDataDir(snapshot?: DemoSnapshot | null): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tj-e2e-'));
  if (snapshot?.engine === 'pglite') cpSync(snapshot.dataDir, dir, { recursive: true });
  return dir;
}

/** A new database on the server: empty, or a copy of the snapshot's template. Returns its name. */
export async function newDatabase(serverUrl: string, snapshot?: DemoSnapshot | null): Promise<string> {
  const name = `tj_e2e_${randomBytes(6).toString('hex')}`;
  const admin = createPostgresClient(serverUrl, { max: 1 });
  try {
    const from = snapshot?.engine === 'postgres' ? ` template ${quoteId(snapshot.template)}` : '';
    await admin.unsafe(`create database ${quoteId(name)}${from}`);
  } finally {
    await admin.end();
  }
  return name;
}

/** Drops a database; with `rolePrefix`, then the roles of that prefix (only when no copy is left). */
export async function dropDatabase(serverUrl: string, name: string, rolePrefix?: string): Promise<void> {
  const admin = createPostgresClient(serverUrl, { max: 1 });
  try {
    await admin.unsafe(`drop database if exists ${quoteId(name)} with (force)`);
    if (rolePrefix) {
      const roles = (await admin.unsafe(
        `select rolname from pg_roles where starts_with(rolname, $1) order by rolname like '%tenant_base'`,
        [rolePrefix],
      )) as unknown as { rolname: string }[];
      for (const { rolname } of roles) await admin.unsafe(`drop role if exists ${quoteId(rolname)}`);
    }
  } finally {
    await admin.end();
  }
}

/** The role prefix of a database (`platform.settings`), or null before migrations ran. */
export async function rolePrefixOf(serverUrl: string, name: string): Promise<string | null> {
  const client = createPostgresClient(databaseUrl(serverUrl, name), { max: 1 });
  try {
    const rows = (await client.unsafe(
      `select value from platform.settings where key = 'role_prefix'`,
    )) as unknown as { value: string }[];
    return rows[0]?.value ?? null;
  } catch {
    return null;
  } finally {
    await client.end();
  }
}

export function removeDataDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
