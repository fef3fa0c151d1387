import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decryptPii, makePiiKeyring, piiBlindIndex, piiKeyIdOf } from './pii';
import { rekeyPii } from './pii-rekey';
import type { DistrictDatabase, PlatformDatabase } from './schema';
import { demoPii } from './seed/pii';
import { createDemoTestDatabase, type DemoTestDatabase, TEST_PII_KEY } from './testing';

let database: DemoTestDatabase;
let db: Kysely<PlatformDatabase>;

beforeAll(async () => {
  database = await createDemoTestDatabase();
  db = database.db;
}, 300_000);

afterAll(async () => {
  await database?.close();
});

describe('rekeyPii (key rotation)', () => {
  it('re-seals every value under the new key and recomputes the blind index; idempotent', async () => {
    const ring = makePiiKeyring(randomBytes(32), [TEST_PII_KEY]);
    const first = await rekeyPii(db, { ring });
    expect(first.tenants).toBeGreaterThan(5);
    expect(first.members).toBeGreaterThan(1000);
    const t = await db
      .selectFrom('platform.tenants')
      .select(['code', 'schema_name'])
      .where('code', '=', 'anning')
      .executeTakeFirstOrThrow();
    const tdb = (db as unknown as Kysely<DistrictDatabase>).withSchema(t.schema_name!);
    const rows = await tdb
      .selectFrom('members')
      .selectAll()
      .where('id_card_sealed', 'is not', null)
      .limit(20)
      .execute();
    const newOnly = makePiiKeyring(ring.keys.get(ring.currentId)!);
    for (const r of rows) {
      expect(piiKeyIdOf(r.id_card_sealed!)).toBe(ring.currentId);
      const plain = decryptPii(r.id_card_sealed!, newOnly);
      expect(plain).toBe(demoPii(t.code, r).idCard);
      expect(r.id_card_index).toBe(piiBlindIndex(plain, newOnly));
      if (r.phone_sealed) expect(decryptPii(r.phone_sealed, newOnly)).toBe(demoPii(t.code, r).phone);
    }
    expect((await rekeyPii(db, { ring })).members).toBe(0);
  });
});
