/**
 * Regression (found by the fuzz test, apps/api/src/fuzz.test.ts): a NUL character in any string
 * of an input reached PostgreSQL (“invalid byte sequence for encoding UTF8: 0x00”) and came back
 * as an internal error. Every procedure now refuses it up front, in Chinese.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerAs, callerWith, demoDatabase, errorOf, type TestDatabase } from './test/helpers';

let database: TestDatabase;

beforeAll(async () => {
  database = await demoDatabase();
}, 300_000);

afterAll(async () => {
  await database?.close();
});

describe('input guard: NUL characters', () => {
  it('refused as invalid input in Chinese, not an internal error — free text, nested, anonymous', async () => {
    const { caller } = await callerAs(database, 'chengguan.admin');
    const city = (await callerAs(database, 'city.admin')).caller;
    for (const p of [
      caller.members.list({ q: 'a\u0000b' }),
      city.search.city({ q: '\u0000' }),
      callerWith(database).caller.auth.login({ username: 'x\u0000', password: 'y', client: 'admin' }),
    ]) {
      const err = await errorOf(p);
      expect(err).toMatchObject({ code: 'BAD_REQUEST', appCode: 'INVALID_INPUT' });
      expect(err!.message).toContain('空字符');
    }
    // The same text without the NUL works.
    await expect(caller.members.list({ q: 'ab' })).resolves.toBeTruthy();
  });
});
