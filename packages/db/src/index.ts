export * from './schema';
export { env, envSchema, type Env } from './env';
export {
  createDatabase,
  createPGlite,
  createPostgresClient,
  type CreateDatabaseOptions,
  type Database,
  type Engine,
} from './database';
export { PGliteDialect, PGliteDriver } from './pglite-driver';
export {
  assertRoleName,
  assertSchemaName,
  assertTenantCode,
  InvalidIdentifierError,
  SCHEMA_NAME_RE,
  schemaNameFor,
  TENANT_CODE_RE,
} from './identifiers';
export {
  MigrationFanOutError,
  migrateAll,
  migratePlatform,
  migrateTenant,
  templateVersion,
  type MigrateAllOptions,
  type MigrateAllResult,
  type MigrateProgress,
} from './migrations/runner';
export { platformMigrations } from './migrations/platform';
export { committeeMigrations, districtMigrations, tenantTemplates } from './migrations/tenant';
export type { PlatformMigration, TenantMigration, TenantTemplates } from './migrations/types';
export { getRolePrefix } from './roles';
export { getTenantByCode, provisionTenant, TenantConflictError, type ProvisionTenantInput } from './provision';
export {
  tenantIdentifiers,
  TenantUnavailableError,
  withTenant,
  type TenantQueryCreator,
  type TenantRef,
} from './tenant';
export { writeAudit, type AuditEntry } from './audit';
export { hashPassword, verifyPassword } from './password';
export { seedRuleDefaults } from './rules';
export { DEMO_PASSWORD, demoAccounts, seedDemoCity, setupEmptyCity, type DemoAccount } from './seed/demo';
export { DEMO_REFERENCE_DATE } from './seed/district';
