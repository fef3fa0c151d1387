import { describe, expect, it } from 'vitest';
import { generateSessionToken, readSessionToken, sessionIdFromToken } from './session';

describe('session tokens', () => {
  it('20 random bytes as 32 base32 characters; ids are hex sha-256', () => {
    const a = generateSessionToken();
    const b = generateSessionToken();
    expect(a).toMatch(/^[a-z2-7]{32}$/);
    expect(a).not.toBe(b);
    expect(sessionIdFromToken(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(sessionIdFromToken(a)).toBe(sessionIdFromToken(a));
  });

  it('reads Bearer first, then the tj_session cookie', () => {
    expect(readSessionToken(new Headers({ authorization: 'Bearer abc' }))).toEqual({
      token: 'abc',
      via: 'bearer',
    });
    expect(readSessionToken(new Headers({ cookie: 'x=1; tj_session=tok; y=2' }))).toEqual({
      token: 'tok',
      via: 'cookie',
    });
    expect(readSessionToken(new Headers({ cookie: 'tj_session=c', authorization: 'bearer b' }))).toEqual({
      token: 'b',
      via: 'bearer',
    });
    expect(readSessionToken(new Headers({ cookie: 'tj_session=' }))).toBeNull();
    expect(readSessionToken(new Headers({ authorization: 'Basic xyz' }))).toBeNull();
    expect(readSessionToken(new Headers())).toBeNull();
  });
});
