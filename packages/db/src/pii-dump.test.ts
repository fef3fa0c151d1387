/**
 * "A database dump contains no plaintext ID-card number" (issue 3, MEM-1).
 *
 * - PGlite: the demo city's whole data directory (`dumpDataDir`, uncompressed) is scanned for any
 *   18-character ID-number shape and for every demo member's real number.
 * - both engines: every text / varchar / bytea / json column of every table of every schema is
 *   searched with SQL for ID-number shapes, and the sealed columns decrypt to the demo values.
 */
import { readFileSync } from 'node:fs';
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPGliteDatabase } from './database';
import { env } from './env';
import { decryptPii } from './pii';
import type { DistrictDatabase, PlatformDatabase } from './schema';
import { demoPii } from './seed/pii';
import { createDemoTestDatabase, type DemoTestDatabase, fixturePath, TEST_PII_KEY } from './testing';

const ID_SHAPE = /\d{17}[\dX]/g;

let database: DemoTestDatabase;
let db: Kysely<PlatformDatabase>;
const plain = new Set<string>();
const memberNumbers: string[] = [];

beforeAll(async () => {
  expect(TEST_PII_KEY).toHaveLength(32);
  database = await createDemoTestDatabase();
  db = database.db;
  const tenants = await db
    .selectFrom('platform.tenants')
    .select(['code', 'schema_name'])
    .where('kind', '=', 'district')
    .execute();
  for (const t of tenants) {
    const tdb = (db as unknown as Kysely<DistrictDatabase>).withSchema(t.schema_name!);
    const rows = await tdb
      .selectFrom('members')
      .select(['id', 'birth_date', 'gender', 'member_number', 'id_card_sealed', 'phone_sealed'])
      .execute();
    for (const r of rows) {
      const pii = demoPii(t.code, r);
      if (pii.idCard) plain.add(pii.idCard);
      if (r.member_number && memberNumbers.length < 20) memberNumbers.push(r.member_number);
    }
  }
}, 300_000);

afterAll(async () => {
  await database?.close();
});

describe('no plaintext ID-card number in the database', () => {
  it('the demo members have sealed ID numbers and phones that open to the demo values', async () => {
    expect(plain.size).toBeGreaterThan(1000);
    const t = await db
      .selectFrom('platform.tenants')
      .select(['code', 'schema_name'])
      .where('code', '=', 'chengguan')
      .executeTakeFirstOrThrow();
    const tdb = (db as unknown as Kysely<DistrictDatabase>).withSchema(t.schema_name!);
    const rows = await tdb.selectFrom('members').selectAll().limit(50).execute();
    let sealed = 0;
    for (const r of rows) {
      const pii = demoPii(t.code, r);
      if (pii.idCard) {
        sealed++;
        expect(r.id_card_sealed).not.toContain(pii.idCard);
        expect(decryptPii(r.id_card_sealed!)).toBe(pii.idCard);
        expect(r.id_card_masked).toBe(`${pii.idCard.slice(0, 4)}**********${pii.idCard.slice(-4)}`);
      } else expect(r.id_card_sealed).toBeNull();
      if (pii.phone) expect(decryptPii(r.phone_sealed!)).toBe(pii.phone);
    }
    expect(sealed).toBeGreaterThan(40);
  });

  it(`SQL over every text/bytea/json column of every schema finds no ID number (${env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, async () => {
    const { rows: cols } = await sql<{ table_schema: string; table_name: string; column_name: string }>`
      select c.table_schema, c.table_name, c.column_name
      from information_schema.columns c
      join information_schema.tables t using (table_schema, table_name)
      where t.table_type = 'BASE TABLE'
        and c.table_schema not in ('pg_catalog', 'information_schema')
        and c.data_type in ('text', 'character varying', 'character', 'bytea', 'json', 'jsonb')
    `.execute(db);
    const schemas = new Set(cols.map((c) => c.table_schema));
    expect(schemas.has('t_chengguan')).toBe(true);
    expect(schemas.has('platform')).toBe(true);
    let scanned = 0;
    const found: string[] = [];
    for (const c of cols) {
      const col = sql.ref(`${c.table_schema}.${c.table_name}.${c.column_name}`);
      const { rows } = await sql<{ v: string }>`
        select ${col}::text as v from ${sql.table(`${c.table_schema}.${c.table_name}`)}
        where ${col}::text ~ '[0-9]{17}[0-9X]'
      `.execute(db);
      scanned++;
      for (const r of rows)
        for (const m of r.v.match(ID_SHAPE) ?? [])
          if (plain.has(m)) found.push(`${c.table_name}.${c.column_name}: ${m}`);
    }
    expect(scanned).toBeGreaterThan(20);
    expect(found).toEqual([]);
  });

  it.skipIf(!!env.DATABASE_URL)(
    'PGlite dumpDataDir: the raw data directory holds no ID number (and does hold member numbers)',
    async () => {
      const { database: copy, pg } = await openPGliteDatabase({
        memory: true,
        loadDataDir: new Blob([new Uint8Array(readFileSync(fixturePath('demo')))]),
      });
      try {
        await pg.exec('checkpoint');
        const dump = Buffer.from(await (await pg.dumpDataDir('none')).arrayBuffer());
        const text = dump.toString('latin1');
        // The scan is not vacuous: clear columns (团员编号) are visible in the raw pages.
        expect(memberNumbers.some((n) => text.includes(n))).toBe(true);
        const hits = (text.match(ID_SHAPE) ?? []).filter((m) => plain.has(m));
        expect(hits).toEqual([]);
        for (const id of [...plain].slice(0, 200)) expect(text.includes(id)).toBe(false);
      } finally {
        await copy.close();
      }
    },
  );
});
