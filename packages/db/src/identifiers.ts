/**
 * Identifier validation. Every schema or role name that reaches SQL passes through one of these
 * first (and is then quoted with `sql.id`), so a bad registry row or input can never become SQL.
 */

/** Tenant code: lower-case ASCII, starts with a letter, 2–31 characters. */
export const TENANT_CODE_RE = /^[a-z][a-z0-9_]{1,30}$/;
/** Tenant schema: `t_` + tenant code. */
export const SCHEMA_NAME_RE = /^t_[a-z][a-z0-9_]{1,30}$/;
/** Per-database role prefix stored in `platform.settings` ('role_prefix'), e.g. `tj3f9a1c_`. */
export const ROLE_PREFIX_RE = /^tj[0-9a-f]{4,8}_$/;
/** Any role we create: lower-case ASCII, at most 63 bytes (Postgres NAMEDATALEN - 1). */
export const ROLE_NAME_RE = /^[a-z][a-z0-9_]{0,62}$/;

export class InvalidIdentifierError extends Error {
  constructor(kind: string, value: unknown) {
    super(`无效的${kind}：${JSON.stringify(value)}`);
    this.name = 'InvalidIdentifierError';
  }
}

export function assertTenantCode(code: unknown): asserts code is string {
  if (typeof code !== 'string' || !TENANT_CODE_RE.test(code)) {
    throw new InvalidIdentifierError('单位代码（须为 2–31 位小写字母、数字或下划线，以字母开头）', code);
  }
}

/** Throws unless `name` is a valid tenant schema name (`t_<code>`). Returns it for chaining. */
export function assertSchemaName(name: unknown): string {
  if (typeof name !== 'string' || !SCHEMA_NAME_RE.test(name)) {
    throw new InvalidIdentifierError('租户模式名', name);
  }
  return name;
}

export function assertRolePrefix(prefix: unknown): string {
  if (typeof prefix !== 'string' || !ROLE_PREFIX_RE.test(prefix)) {
    throw new InvalidIdentifierError('角色前缀', prefix);
  }
  return prefix;
}

export function assertRoleName(name: unknown): string {
  if (typeof name !== 'string' || !ROLE_NAME_RE.test(name)) {
    throw new InvalidIdentifierError('数据库角色名', name);
  }
  return name;
}

export function schemaNameFor(code: string): string {
  assertTenantCode(code);
  return assertSchemaName(`t_${code}`);
}

/** The tenant role of a schema: `<prefix><schema>`, e.g. `tj3f9a1c_t_chengguan`. */
export function tenantRoleName(prefix: string, schemaName: string): string {
  return assertRoleName(assertRolePrefix(prefix) + assertSchemaName(schemaName));
}

/** The group role every tenant role is a member of (platform grants live here). */
export function tenantBaseRoleName(prefix: string): string {
  return assertRoleName(`${assertRolePrefix(prefix)}tenant_base`);
}

/**
 * True when `role` is the tenant role of `schemaName` under some valid prefix — lets
 * `withTenant` check a registry row's consistency without a query.
 */
export function isTenantRoleOf(role: string, schemaName: string): boolean {
  if (!role.endsWith(schemaName)) return false;
  const prefix = role.slice(0, role.length - schemaName.length);
  return ROLE_PREFIX_RE.test(prefix) && ROLE_NAME_RE.test(role);
}
