import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, openEmpty } from './test-engines';
import type { TestDatabase } from './testing';

describe.each(ENGINES)('database on %s', (engine) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openEmpty(engine);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('reports its engine', () => {
    expect(t.engine).toBe(engine);
  });

  it('returns the same JS types on both engines', async () => {
    const { rows } = await sql<{
      i8: number;
      i4: number;
      num: string;
      d: string;
      ts: Date;
      j: unknown;
      b: boolean;
      u: string;
      n: null;
    }>`select 9007199254740991::int8 as i8, 42::int4 as i4, 1.50::numeric as num, '2026-01-01'::date as d,
        '2026-01-01T08:00:00+08:00'::timestamptz as ts, '{"a":[1,"x"]}'::jsonb as j, true as b,
        '00000000-0000-4000-8000-000000000000'::uuid as u, null::text as n`.execute(t.db);
    expect(rows[0]).toEqual({
      i8: 9007199254740991,
      i4: 42,
      num: '1.50',
      d: '2026-01-01',
      ts: new Date('2026-01-01T00:00:00Z'),
      j: { a: [1, 'x'] },
      b: true,
      u: '00000000-0000-4000-8000-000000000000',
      n: null,
    });
    const { rows: counted } = await sql<{ n: number }>`select count(*) as n from platform.rules`.execute(
      t.db,
    );
    expect(typeof counted[0]?.n).toBe('number');
  });

  it('writes JSON given as a string and dates given as strings or Dates', async () => {
    await t.db
      .insertInto('platform.rules')
      .values({
        key: `test.${engine}`,
        version: 1,
        effective_from: '2024-02-29',
        value: JSON.stringify({ n: 1, s: '团' }),
        source: 'test',
        note: null,
      })
      .execute();
    const row = await t.db
      .selectFrom('platform.rules')
      .select(['value', 'effective_from', 'created_at'])
      .where('key', '=', `test.${engine}`)
      .executeTakeFirstOrThrow();
    expect(row.value).toEqual({ n: 1, s: '团' });
    expect(row.effective_from).toBe('2024-02-29');
    expect(row.created_at).toBeInstanceOf(Date);
    const { rows } = await sql<{ d: string }>`select ${new Date('2025-05-04T00:00:00Z')}::date as d`.execute(
      t.db,
    );
    expect(rows[0]?.d).toBe('2025-05-04');
  });

  it('turns a COMMIT of a failed transaction into an error (nothing is committed)', async () => {
    await expect(
      t.db.transaction().execute(async (trx) => {
        await trx.insertInto('platform.settings').values({ key: 'should_vanish', value: 'x' }).execute();
        await sql`select * from no_such_table`.execute(trx).catch(() => undefined); // swallowed
      }),
    ).rejects.toThrow(/rolled back/);
    const row = await t.db
      .selectFrom('platform.settings')
      .selectAll()
      .where('key', '=', 'should_vanish')
      .executeTakeFirst();
    expect(row).toBeUndefined();
  });

  it('supports savepoints (controlled transactions)', async () => {
    const trx = await t.db.startTransaction().execute();
    await trx.insertInto('platform.settings').values({ key: 'sp_keep', value: '1' }).execute();
    const sp = await trx.savepoint('sp1').execute();
    await sp.insertInto('platform.settings').values({ key: 'sp_drop', value: '1' }).execute();
    await sp.rollbackToSavepoint('sp1').execute();
    await trx.commit().execute();
    const keys = (
      await t.db.selectFrom('platform.settings').select('key').where('key', 'like', 'sp_%').execute()
    ).map((r) => r.key);
    expect(keys).toEqual(['sp_keep']);
  });
});

describe('PGlite connection mutex', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openEmpty('pglite');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('keeps concurrent queries out of an open transaction', async () => {
    let releaseTrx!: () => void;
    const gate = new Promise<void>((r) => {
      releaseTrx = r;
    });
    const inTrx = t.db.transaction().execute(async (trx) => {
      await trx.insertInto('platform.settings').values({ key: 'mutex_uncommitted', value: 'x' }).execute();
      await gate;
      throw new Error('rollback please');
    });
    // Issued while the transaction is open: must wait, and must not see (or join) it.
    const outside = t.db
      .selectFrom('platform.settings')
      .select('key')
      .where('key', '=', 'mutex_uncommitted')
      .execute();
    const outsideWrite = t.db
      .insertInto('platform.settings')
      .values({ key: 'mutex_outside', value: 'y' })
      .execute();
    await new Promise((r) => setTimeout(r, 20));
    releaseTrx();
    await expect(inTrx).rejects.toThrow('rollback please');
    expect(await outside).toEqual([]);
    await outsideWrite;
    const after = await t.db
      .selectFrom('platform.settings')
      .select('key')
      .where('key', 'like', 'mutex_%')
      .execute();
    expect(after.map((r) => r.key)).toEqual(['mutex_outside']);
  });
});
