import { describe, expect, it } from 'vitest';
import { formatTable, width } from './print';

describe('formatTable', () => {
  it('aligns columns with Chinese text counted as two columns', () => {
    expect(width('团市委')).toBe(6);
    const out = formatTable(
      ['用户名', '角色'],
      [
        ['city.admin', '团市委管理员'],
        ['x', '团员'],
      ],
    ).split('\n');
    expect(out[0]).toBe('用户名      角色');
    expect(out[2]).toBe('city.admin  团市委管理员');
    expect(out[3]).toBe('x           团员');
  });
});
