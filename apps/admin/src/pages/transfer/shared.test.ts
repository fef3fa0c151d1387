import { describe, expect, it } from 'vitest';
import { sourceText, targetText } from './shared';

describe('transfer labels', () => {
  it('names where a member goes and comes from by kind', () => {
    const base = {
      sourceTenantName: '城关区团委',
      sourceOrgName: '甲团支部',
      targetTenantName: '七里河区团委',
      targetOrgName: '乙团支部',
      externalOrgName: null,
    };
    expect(targetText({ ...base, kind: 'cross_tenant' })).toBe('七里河区团委 · 乙团支部');
    expect(sourceText({ ...base, kind: 'cross_tenant' })).toBe('城关区团委 · 甲团支部');
    expect(targetText({ ...base, kind: 'internal' })).toBe('乙团支部');
    expect(sourceText({ ...base, kind: 'internal' })).toBe('甲团支部');
    expect(
      targetText({ ...base, kind: 'out_of_city', targetTenantName: null, externalOrgName: '上海市某团委' }),
    ).toBe('上海市某团委（市外）');
  });
});
