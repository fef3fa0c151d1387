import { describe, expect, it } from 'vitest';
import { demoLectures } from './lectures';

describe('demo 五四讲堂', () => {
  it('are dated this month and next, relative to the seed clock (Beijing time)', () => {
    // 2026-11-29 20:00 UTC is 2026-11-30 04:00 in Beijing.
    const [a, b] = demoLectures(new Date('2026-11-29T20:00:00Z'));
    expect(a!.starts_at.toISOString()).toBe('2026-11-30T11:00:00.000Z'); // 30 Nov 19:00 Beijing
    expect(b!.starts_at.toISOString()).toBe('2026-12-04T06:30:00.000Z'); // 4 Dec 14:30 Beijing
    const [c, d] = demoLectures(new Date('2026-12-31T17:00:00Z')); // 1 Jan 2027 01:00 in Beijing
    expect(c!.starts_at.toISOString()).toBe('2027-01-31T11:00:00.000Z');
    expect(d!.starts_at.toISOString()).toBe('2027-02-04T06:30:00.000Z');
    expect(demoLectures(new Date('2027-02-10T00:00:00Z'))[0]!.starts_at.toISOString()).toBe(
      '2027-02-28T11:00:00.000Z',
    );
  });
});
