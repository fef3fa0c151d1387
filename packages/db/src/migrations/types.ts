import type { Kysely } from 'kysely';
import type { PlatformDatabase } from '../schema';

/**
 * One migration step. `up` runs inside the migration transaction and must issue only plain,
 * top-level DDL/DML statements (no DO blocks, no functions that create tables — Citus schema-based
 * sharding only distributes tables created by top-level statements). Every identifier goes
 * through `withSchema` / `sql.id`.
 */
export interface PlatformMigration {
  version: number;
  name: string;
  up(trx: Kysely<PlatformDatabase>): Promise<void>;
}

export interface TenantMigration {
  version: number;
  name: string;
  /** `schema` is an already validated tenant schema name. */
  up(trx: Kysely<PlatformDatabase>, schema: string): Promise<void>;
}

export type TenantTemplateKind = 'district' | 'committee';
export type TenantTemplates = Record<TenantTemplateKind, readonly TenantMigration[]>;

/** Checks that versions are 1..n in order and names unique — run once at import time. */
export function assertMigrationList(label: string, list: readonly { version: number; name: string }[]): void {
  const names = new Set<string>();
  list.forEach((m, i) => {
    if (m.version !== i + 1)
      throw new Error(`${label}: migration #${i} has version ${m.version}, expected ${i + 1}`);
    if (!/^[a-z0-9_]+$/.test(m.name)) throw new Error(`${label}: bad migration name ${m.name}`);
    if (names.has(m.name)) throw new Error(`${label}: duplicate migration name ${m.name}`);
    names.add(m.name);
  });
}
