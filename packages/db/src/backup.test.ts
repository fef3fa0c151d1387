/**
 * Per-tenant backup (issue 9): a district exported from the demo city and restored into a fresh
 * database reads back identically — every table of its schema with the same row count and checksum,
 * its grants and accounts there, and the tenant's own database role can read it (as the app does).
 * Runs on PGlite, and on PostgreSQL when DATABASE_URL is set.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BackupError, exportTenant, restoreTenant, type TenantBackup, tenantChecksums } from './backup';
import { decryptPii } from './pii';
import { withTenant } from './tenant';
import {
  createDemoTestDatabase,
  createTestDatabase,
  type DemoTestDatabase,
  type TestDatabase,
} from './testing';

let source: DemoTestDatabase;
let target: TestDatabase;

beforeAll(async () => {
  source = await createDemoTestDatabase();
  target = await createTestDatabase();
}, 600_000);

afterAll(async () => {
  await source?.close();
  await target?.close();
});

describe('tenant backup and restore', () => {
  it('a district restored into a fresh database reads back identically and is served under its role', async () => {
    const backup = await exportTenant(source.db, 'anning');
    // Through the file format (gzip JSON), as the CLI writes it.
    const file = gzipSync(JSON.stringify(backup));
    const read = JSON.parse(gunzipSync(file).toString('utf8')) as TenantBackup;
    expect(read.tables.members!.length).toBeGreaterThan(100);
    expect(read.platform.grants!.length).toBeGreaterThan(0);

    const r = await restoreTenant(target.db, read);
    expect(r.schema).toBe(backup.schema);

    const before = await tenantChecksums(source.db, backup.schema);
    const after = await tenantChecksums(target.db, backup.schema);
    expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
    for (const t of Object.keys(before)) expect(after[t], t).toEqual(before[t]);

    // Platform rows: the registry entry (active, same version), grants and their accounts.
    const t = await target.db
      .selectFrom('platform.tenants')
      .selectAll()
      .where('code', '=', 'anning')
      .executeTakeFirstOrThrow();
    expect(t.status).toBe(backup.tenant.status);
    expect(t.schema_version).toBe(backup.schemaVersion);
    const count = async (db: TestDatabase['db'], q: string) =>
      (await sql<{ n: number }>`select count(*)::int as n from ${sql.raw(q)}`.execute(db)).rows[0]!.n;
    const src = await source.db
      .selectFrom('platform.tenants')
      .select('id')
      .where('code', '=', 'anning')
      .executeTakeFirstOrThrow();
    expect(await count(target.db, `platform.grants where tenant_id = '${t.id}'`)).toBe(
      await count(source.db, `platform.grants where tenant_id = '${src.id}'`),
    );
    const admin = await target.db
      .selectFrom('platform.users')
      .select('password_hash')
      .where('username', '=', 'anning.admin')
      .executeTakeFirst();
    expect(admin?.password_hash).toBeTruthy();

    // Served as the app serves it: under the tenant's role; sealed data opens with the same key.
    const members = await withTenant(target.db, t, async (tdb) =>
      tdb
        .selectFrom('members')
        .select(['id', 'id_card_sealed'])
        .where('id_card_sealed', 'is not', null)
        .execute(),
    );
    expect(members.length).toBe(read.tables.members!.filter((m) => m.id_card_sealed).length);
    expect(decryptPii(members[0]!.id_card_sealed!)).toMatch(/^\d{17}[\dX]$/);

    // New rows after the restore get fresh ids (sequences moved on) and a second restore is refused.
    await expect(restoreTenant(target.db, read)).rejects.toBeInstanceOf(BackupError);
  });
});
