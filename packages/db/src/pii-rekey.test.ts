/**
 * Key rotation of the personal-data key (issue 9): after `pii-rekey` every sealed value decrypts
 * with the new key alone, none is under the old key (census), blind indexes follow the new key,
 * and the old key can be retired. Runs on PGlite, and on PostgreSQL when DATABASE_URL is set.
 */
import { randomBytes } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decryptPii, encryptPii, makePiiKeyring, piiBlindIndex, piiKeyId, piiKeyIdOf } from './pii';
import { piiKeyCensus, rekeyPii } from './pii-rekey';
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

const CORRECTED_ID = '11010519491231002X';
const INSTRUCTOR_PHONE = '13900001111';

describe('rekeyPii (key rotation)', () => {
  it('re-seals every value (members, corrections, platform tables, audit details) under the new key; the old key can be retired', async () => {
    const oldRing = makePiiKeyring(TEST_PII_KEY);
    const t = await db
      .selectFrom('platform.tenants')
      .select(['id', 'code', 'schema_name'])
      .where('code', '=', 'anning')
      .executeTakeFirstOrThrow();
    const tdb = (db as unknown as Kysely<DistrictDatabase>).withSchema(t.schema_name!);
    const m = await tdb
      .selectFrom('members')
      .selectAll()
      .where('id_card_sealed', 'is not', null)
      .orderBy('id')
      .limit(1)
      .executeTakeFirstOrThrow();

    // Sealed values outside `members`, all under the old key: an ID correction, its audit entry,
    // an instructor's phone (platform schema).
    const afterSealed = encryptPii(CORRECTED_ID, oldRing);
    await sql`insert into ${sql.id(t.schema_name!, 'member_corrections')}
      (member_id, field, before_text, before_sealed, after_text, after_sealed, after_index, reason,
       proposed_by, proposed_by_name)
      values (${m.id}, 'idCard', ${m.id_card_masked}, ${m.id_card_sealed}, '110105********002X',
        ${afterSealed}, ${piiBlindIndex(CORRECTED_ID, oldRing)}, '测试更正', ${m.id}, '测试')`.execute(db);
    await db
      .insertInto('platform.audit_log')
      .values({
        action: 'test.rekey',
        tenant_id: t.id,
        detail: JSON.stringify({ beforeSealed: m.id_card_sealed, nested: [{ afterSealed }], note: '无关' }),
      })
      .execute();
    const hasInstructors =
      (await sql<{ r: string | null }>`select to_regclass('platform.instructors')::text as r`.execute(db))
        .rows[0]?.r !== null;
    if (hasInstructors)
      await sql`insert into platform.instructors (name, unit, phone_sealed, phone_masked)
        values ('轮换测试', '测试单位', ${encryptPii(INSTRUCTOR_PHONE, oldRing)}, '139****1111')`.execute(db);

    const before = await piiKeyCensus(db);
    expect(Object.keys(before)).toEqual([piiKeyId(TEST_PII_KEY)]);
    const total = before[piiKeyId(TEST_PII_KEY)]!;

    // Rotation: new key current, old key still readable.
    const newKey = randomBytes(32);
    const ring = makePiiKeyring(newKey, [TEST_PII_KEY]);
    const first = await rekeyPii(db, { ring });
    expect(first.tenants).toBeGreaterThan(5);
    expect(first.members).toBeGreaterThan(1000);
    expect(first.byTable[`${t.schema_name}.member_corrections`]).toBe(1);
    expect(first.byTable['platform.audit_log']).toBeGreaterThanOrEqual(1);
    if (hasInstructors) expect(first.byTable['platform.instructors']).toBeGreaterThanOrEqual(1);

    // Census: every value now under the new key, same number of values.
    expect(await piiKeyCensus(db)).toEqual({ [ring.currentId]: total });

    // Retire the old key: everything decrypts with the new key alone.
    const newOnly = makePiiKeyring(newKey);
    const rows = await tdb
      .selectFrom('members')
      .selectAll()
      .where('id_card_sealed', 'is not', null)
      .execute();
    for (const r of rows) {
      const plain = decryptPii(r.id_card_sealed!, newOnly);
      expect(plain).toBe(demoPii(t.code, r).idCard);
      expect(r.id_card_index).toBe(piiBlindIndex(plain, newOnly));
      if (r.phone_sealed) expect(decryptPii(r.phone_sealed, newOnly)).toBe(demoPii(t.code, r).phone);
    }
    const c = await tdb.selectFrom('member_corrections').selectAll().executeTakeFirstOrThrow();
    expect(decryptPii(c.after_sealed!, newOnly)).toBe(CORRECTED_ID);
    expect(c.after_index).toBe(piiBlindIndex(CORRECTED_ID, newOnly));
    expect(decryptPii(c.before_sealed!, newOnly)).toBe(demoPii(t.code, m).idCard);
    const a = await db
      .selectFrom('platform.audit_log')
      .select('detail')
      .where('action', '=', 'test.rekey')
      .executeTakeFirstOrThrow();
    const detail = (typeof a.detail === 'string' ? JSON.parse(a.detail) : a.detail) as {
      beforeSealed: string;
      nested: { afterSealed: string }[];
      note: string;
    };
    expect(decryptPii(detail.beforeSealed, newOnly)).toBe(demoPii(t.code, m).idCard);
    expect(decryptPii(detail.nested[0]!.afterSealed, newOnly)).toBe(CORRECTED_ID);
    expect(detail.note).toBe('无关');
    if (hasInstructors) {
      const { rows: ins } = await sql<{ phone_sealed: string }>`select phone_sealed from platform.instructors
        where name = '轮换测试'`.execute(db);
      expect(piiKeyIdOf(ins[0]!.phone_sealed)).toBe(ring.currentId);
      expect(decryptPii(ins[0]!.phone_sealed, newOnly)).toBe(INSTRUCTOR_PHONE);
    }
    // The old key alone no longer opens anything.
    expect(() => decryptPii(rows[0]!.id_card_sealed!, oldRing)).toThrow(/缺少解密密钥/);

    // Idempotent: a rerun (even with only the new key) changes nothing.
    expect((await rekeyPii(db, { ring: newOnly })).rows).toBe(0);
  });
});
