/**
 * A dedicated PostgreSQL database per bench run: `tj_bench_<timestamp>`, created on the cluster of
 * BENCH_ADMIN_URL (default postgres://postgres@127.0.0.1:5432/postgres) and dropped by `dropBenchDatabase`
 * (with its tenant roles, which are cluster-global and carry the database's random prefix).
 */
import { execSync } from 'node:child_process';
import os from 'node:os';
import postgres from 'postgres';

export const ADMIN_URL = process.env.BENCH_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export function urlFor(database: string): string {
  const u = new URL(ADMIN_URL);
  u.pathname = `/${database}`;
  return u.toString();
}

export async function createBenchDatabase(name = `tj_bench_${Date.now().toString(36)}`): Promise<string> {
  if (!/^tj_bench_[a-z0-9_]+$/.test(name)) throw new Error(`bad bench database name ${name}`);
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  return name;
}

export async function dropBenchDatabase(name: string): Promise<void> {
  if (!/^tj_bench_[a-z0-9_]+$/.test(name)) throw new Error(`bad bench database name ${name}`);
  const db = postgres(urlFor(name), { max: 1, onnotice: () => {} });
  let prefix: string | undefined;
  try {
    const rows = await db`select value as v from platform.settings where key = 'role_prefix'`;
    prefix = rows[0]?.v as string | undefined;
  } catch {
    // not migrated
  } finally {
    await db.end();
  }
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    if (prefix && /^tj[0-9a-f]+_$/.test(prefix)) {
      const roles = await admin`select rolname from pg_roles where starts_with(rolname, ${prefix})`;
      for (const r of roles) await admin.unsafe(`drop role if exists "${r.rolname}"`);
    }
  } finally {
    await admin.end();
  }
}

/** `uptime`'s load averages and the machine, printed with every result. */
export function machine(): string {
  let load = os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
  try {
    load = execSync('uptime', { encoding: 'utf8' }).trim();
  } catch {}
  return `${os.cpus().length} cpu ${os.cpus()[0]?.model ?? '?'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB | ${load}`;
}

export function load1(): number {
  return os.loadavg()[0]!;
}
