import { existsSync } from 'node:fs';
import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { env } from './env';
import { platformMigrations } from './migrations/platform';
import { getRolePrefix } from './roles';
import { createTestDatabase, fixturePath } from './testing';

describe('test helpers', () => {
  it('loads a migrated PGlite from the cached fixture', async () => {
    const t0 = performance.now();
    const t = await createTestDatabase({ url: null });
    const ms = performance.now() - t0;
    try {
      expect(t.engine).toBe('pglite');
      expect(existsSync(fixturePath('empty'))).toBe(true);
      const m = await t.db.selectFrom('platform.migrations').select('name').execute();
      expect(m.map((r) => r.name)).toEqual(platformMigrations.map((x) => x.name));
      console.info(`PGlite test database from fixture: ${ms.toFixed(0)} ms`);
    } finally {
      await t.close();
    }
  });

  it.runIf(env.DATABASE_URL)('creates and fully drops a PostgreSQL test database and its roles', async () => {
    const t = await createTestDatabase();
    const prefix = await getRolePrefix(t.db);
    const name = new URL(t.url as string).pathname.slice(1);
    expect(name).toMatch(/^tj_test_[0-9a-f]{12}$/);
    await t.close();
    const admin = postgres(env.DATABASE_URL as string, { max: 1 });
    try {
      expect(await admin`select 1 from pg_database where datname = ${name}`).toHaveLength(0);
      expect(await admin`select 1 from pg_roles where starts_with(rolname, ${prefix})`).toHaveLength(0);
    } finally {
      await admin.end();
    }
  });
});
