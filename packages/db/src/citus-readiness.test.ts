/**
 * What schema-based sharding on Citus needs from us (issue 8, infra/citus/RUNBOOK.md), checked
 * without Citus (it is not installable from the registries this machine reaches):
 *
 * 1. No foreign key crosses schemas: a distributed schema moves to one worker as a whole, so a key
 *    from a tenant table to `platform` or to another tenant cannot be kept.
 * 2. Tenant tables are never reached through `search_path`: inside `withTenant` no tenant schema and
 *    not `platform` is on the path, so every unqualified reference to a tenant table fails in the
 *    API's own test suites (they pass → the statements they run are qualified).
 * 3. Raw SQL (`sql\`…\``) in the API and db sources never names a tenant table bare (Kysely's builder
 *    adds the schema through `withSchema`; raw fragments would not).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provisionTenant } from './provision';
import { withTenant } from './tenant';
import { ENGINES, openEmpty } from './test-engines';
import type { TestDatabase } from './testing';

const here = path.dirname(fileURLToPath(import.meta.url));
const roots = [path.resolve(here, '..', 'src'), path.resolve(here, '..', '..', 'api', 'src')];

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...sourceFiles(p));
    else if (/\.ts$/.test(name) && !/\.test\.ts$/.test(name)) out.push(p);
  }
  return out;
}

/** Bodies of sql`…` templates with `${…}` interpolations blanked out. */
export function rawSqlTemplates(source: string): string[] {
  const out: string[] = [];
  const start = /\bsql(?:<[^`>]*>)?`/g;
  for (let m = start.exec(source); m; m = start.exec(source)) {
    let i = m.index + m[0].length;
    let body = '';
    let depth = 0;
    while (i < source.length) {
      const ch = source[i]!;
      if (depth === 0 && ch === '`') break;
      if (depth === 0 && ch === '$' && source[i + 1] === '{') {
        depth = 1;
        body += ' ? ';
        i += 2;
        continue;
      }
      if (depth > 0) {
        if (ch === '{') depth++;
        else if (ch === '}') depth--;
        i++;
        continue;
      }
      body += ch;
      i++;
    }
    out.push(body);
    start.lastIndex = i + 1;
  }
  return out;
}

/** Tenant table names used bare after from / join / into / update / table in a raw template. */
export function bareTenantTables(body: string, tenantTables: ReadonlySet<string>): string[] {
  const found: string[] = [];
  const re = /(?<![.\w"])\b(from|join|into|update|table)\s+"?([a-z_][a-z0-9_]*)"?(?!\s*\.|\s*\()/gi;
  for (let m = re.exec(body); m; m = re.exec(body)) {
    const name = m[2]!.toLowerCase();
    if (tenantTables.has(name)) found.push(name);
  }
  return found;
}

describe('raw SQL scanner', () => {
  const tables = new Set(['members', 'organisations']);
  it('finds a bare tenant table and ignores qualified and interpolated ones', () => {
    const $ = '$'; // source text under test contains `${…}`
    const [a, b, c] = rawSqlTemplates(
      `x = sql\`select * from members m join ${$}{schema}.organisations o on true\`; ` +
        `y = sql<{ n: number }>\`select count(*) from ${$}{sql.table("members")}\`; ` +
        'z = sql`update platform.members set a = 1 from t_x.organisations`;',
    );
    expect(bareTenantTables(a!, tables)).toEqual(['members']);
    expect(bareTenantTables(b!, tables)).toEqual([]);
    expect(bareTenantTables(c!, tables)).toEqual([]);
  });
});

describe.each(ENGINES)('Citus readiness on %s', (engine) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openEmpty(engine);
    await provisionTenant(t.db, { kind: 'district', code: 'citus_a', name: '甲区团委' });
    await provisionTenant(t.db, { kind: 'district', code: 'citus_b', name: '乙区团委' });
    await provisionTenant(t.db, { kind: 'committee', code: 'citus_c', name: '丙委员会' });
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it('has no foreign key from one schema to another', async () => {
    const { rows } = await sql<{ from_schema: string; to_schema: string; name: string }>`
      select cn.nspname as from_schema, fn.nspname as to_schema, c.conname as name
      from pg_constraint c
      join pg_class cr on cr.oid = c.conrelid join pg_namespace cn on cn.oid = cr.relnamespace
      join pg_class fr on fr.oid = c.confrelid join pg_namespace fn on fn.oid = fr.relnamespace
      where c.contype = 'f' and cn.nspname <> fn.nspname`.execute(t.db);
    expect(rows).toEqual([]);
    // …and tenant schemas do have foreign keys of their own (the query sees them).
    const inside = await sql<{ n: number }>`
      select count(*)::int as n from pg_constraint c join pg_namespace n on n.oid = c.connamespace
      where c.contype = 'f' and n.nspname = 't_citus_a'`.execute(t.db);
    expect(inside.rows[0]!.n).toBeGreaterThan(10);
  });

  it('puts no tenant schema and not platform on the search_path inside withTenant', async () => {
    const tenant = await t.db
      .selectFrom('platform.tenants')
      .selectAll()
      .where('code', '=', 'citus_a')
      .executeTakeFirstOrThrow();
    const schemas = await withTenant(t.db, tenant, async (_tdb, trx) => {
      const { rows } = await sql<{ s: string[] }>`select current_schemas(false) as s`.execute(trx);
      return rows[0]!.s;
    });
    const list = Array.isArray(schemas) ? schemas : String(schemas).replace(/[{}]/g, '').split(',');
    expect(list.filter((s) => s.startsWith('t_') || s === 'platform')).toEqual([]);
    // So a bare tenant table name is refused: the API suites would fail on any unqualified statement.
    await expect(
      withTenant(t.db, tenant, (_tdb, trx) => sql`select count(*) from members`.execute(trx)),
    ).rejects.toThrow(/members/);
  });

  it('names no tenant table bare in raw SQL of packages/db and packages/api', async () => {
    const { rows } = await sql<{ name: string }>`
      select distinct table_name as name from information_schema.tables
      where table_schema in ('t_citus_a', 't_citus_c')`.execute(t.db);
    const tenantTables = new Set(rows.map((r) => r.name));
    expect(tenantTables.has('members')).toBe(true);
    const offenders: string[] = [];
    let templates = 0;
    for (const root of roots) {
      for (const file of sourceFiles(root)) {
        for (const body of rawSqlTemplates(readFileSync(file, 'utf8'))) {
          templates++;
          for (const name of bareTenantTables(body, tenantTables)) {
            offenders.push(`${path.relative(path.resolve(here, '..', '..'), file)}: ${name}`);
          }
        }
      }
    }
    expect(templates).toBeGreaterThan(50);
    expect(offenders).toEqual([]);
  });
});
