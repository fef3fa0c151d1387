import { describe, expect, it } from 'vitest';
import {
  assertRoleName,
  assertSchemaName,
  assertTenantCode,
  isTenantRoleOf,
  schemaNameFor,
  tenantBaseRoleName,
  tenantRoleName,
} from './identifiers';

describe('identifiers', () => {
  it('accepts tenant codes of 2–31 lower-case characters starting with a letter', () => {
    for (const ok of ['ab', 'chengguan', 'a_1', `a${'b'.repeat(30)}`])
      expect(() => assertTenantCode(ok)).not.toThrow();
    for (const bad of ['a', '1ab', 'Ab', 'a-b', 'a b', 'ab;drop', `a${'b'.repeat(31)}`, '', 'αβ', 'ab\n']) {
      expect(() => assertTenantCode(bad), bad).toThrow(/单位代码/);
    }
    expect(() => assertTenantCode(42)).toThrow();
  });

  it('derives and validates schema names', () => {
    expect(schemaNameFor('chengguan')).toBe('t_chengguan');
    expect(assertSchemaName('t_xigu')).toBe('t_xigu');
    for (const bad of ['platform', 'public', 't_', 't_X', 'x_abc', 't_ab"c', 't_ab.c', null, undefined]) {
      expect(() => assertSchemaName(bad), String(bad)).toThrow();
    }
  });

  it('builds role names from a validated prefix and schema', () => {
    expect(tenantRoleName('tj3f9a1c_', 't_chengguan')).toBe('tj3f9a1c_t_chengguan');
    expect(tenantBaseRoleName('tj3f9a1c_')).toBe('tj3f9a1c_tenant_base');
    expect(() => tenantRoleName('tj3f9a1c', 't_chengguan')).toThrow();
    expect(() => tenantRoleName('postgres_', 't_chengguan')).toThrow();
    expect(() => assertRoleName('Robert"; drop')).toThrow();
    expect(() => assertRoleName('a'.repeat(64))).toThrow();
    expect(isTenantRoleOf('tj3f9a1c_t_chengguan', 't_chengguan')).toBe(true);
    expect(isTenantRoleOf('tj3f9a1c_t_qilihe', 't_chengguan')).toBe(false);
    expect(isTenantRoleOf('postgres', 't_chengguan')).toBe(false);
    expect(isTenantRoleOf('x_t_chengguan', 't_chengguan')).toBe(false);
  });
});
