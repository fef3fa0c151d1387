import { describe, expect, it } from 'vitest';
import { Mutex } from './mutex';

const tick = () => new Promise((r) => setTimeout(r, 1));

describe('Mutex', () => {
  it('serialises critical sections in FIFO order', async () => {
    const m = new Mutex();
    const log: string[] = [];
    await Promise.all(
      ['a', 'b', 'c'].map((name) =>
        m.run(async () => {
          log.push(`${name}+`);
          await tick();
          log.push(`${name}-`);
        }),
      ),
    );
    expect(log).toEqual(['a+', 'a-', 'b+', 'b-', 'c+', 'c-']);
    expect(m.locked).toBe(false);
  });

  it('releases on error and ignores double release', async () => {
    const m = new Mutex();
    await expect(m.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    const release = await m.lock();
    release();
    release();
    const again = await m.lock();
    again();
    expect(m.locked).toBe(false);
  });
});
