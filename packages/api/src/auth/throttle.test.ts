import { describe, expect, it } from 'vitest';
import { LoginThrottle, retryMessage } from './throttle';

describe('LoginThrottle', () => {
  it('blocks an account after its allowance of failures, until a success clears it', async () => {
    const t = new LoginThrottle({ perAccount: 3, perIp: 100 });
    expect(await t.retryAfterMs('a', '1.1.1.1')).toBe(0);
    expect(await t.fail('a', '1.1.1.1')).toBe(0);
    expect(await t.fail('a', '1.1.1.2')).toBe(0);
    expect(await t.fail('a', '1.1.1.3')).toBeGreaterThan(0);
    expect(await t.retryAfterMs('a', '9.9.9.9')).toBeGreaterThan(0);
    expect(await t.retryAfterMs('b', '1.1.1.1')).toBe(0);
    await t.succeed('a');
    expect(await t.retryAfterMs('a', '1.1.1.1')).toBe(0);
  });

  it('blocks an IP after its allowance of failures across accounts', async () => {
    const t = new LoginThrottle({ perAccount: 100, perIp: 3 });
    for (const u of ['a', 'b', 'c']) await t.fail(u, '2.2.2.2');
    expect(await t.retryAfterMs('d', '2.2.2.2')).toBeGreaterThan(0);
    expect(await t.retryAfterMs('d', '2.2.2.3')).toBe(0);
  });

  it('says when to retry, in Chinese and Beijing time', () => {
    const now = new Date('2026-05-04T02:00:00Z'); // 10:00 in Beijing
    expect(retryMessage(15 * 60_000, now)).toBe(
      '登录失败次数过多，请在 15 分钟后（北京时间 10:15 之后）重试',
    );
    expect(retryMessage(10_000, now)).toContain('1 分钟后');
  });
});
