export { type AuditEntry, writeAudit } from './audit';
export {
  type CreateDatabaseOptions,
  createDatabase,
  createPGlite,
  createPostgresClient,
  type Database,
  type Engine,
} from './database';
export { type Env, env, envSchema } from './env';
export {
  assertRoleName,
  assertSchemaName,
  assertTenantCode,
  InvalidIdentifierError,
  SCHEMA_NAME_RE,
  schemaNameFor,
  TENANT_CODE_RE,
} from './identifiers';
export { platformMigrations } from './migrations/platform';
export {
  type MigrateAllOptions,
  type MigrateAllResult,
  type MigrateProgress,
  MigrationFanOutError,
  migrateAll,
  migratePlatform,
  migrateTenant,
  templateVersion,
} from './migrations/runner';
export { committeeMigrations, districtMigrations, tenantTemplates } from './migrations/tenant';
export type { PlatformMigration, TenantMigration, TenantTemplates } from './migrations/types';
export { hashPassword, verifyPassword } from './password';
export { PGliteDialect, PGliteDriver } from './pglite-driver';
export {
  decryptPii,
  encryptPii,
  getPiiKeyring,
  makePiiKeyring,
  PiiKeyError,
  type PiiKeyring,
  piiBlindIndex,
  piiKeyId,
  piiKeyIdOf,
  usePiiKeys,
} from './pii';
export { type PiiKeyCensus, piiKeyCensus, type RekeyResult, rekeyPii } from './pii-rekey';
export {
  getTenantByCode,
  type ProvisionTenantInput,
  provisionTenant,
  TenantConflictError,
} from './provision';
export { getRolePrefix } from './roles';
export { seedRuleDefaults } from './rules';
export * from './schema';
export type * from './schema-committees';
export { DEMO_PASSWORD, type DemoAccount, demoAccounts, seedDemoCity, setupEmptyCity } from './seed/demo';
export { DEMO_REFERENCE_DATE } from './seed/district';
export { demoPii } from './seed/pii';
export {
  type TenantQueryCreator,
  type TenantRef,
  TenantUnavailableError,
  tenantIdentifiers,
  withTenant,
} from './tenant';
export {
  createTransferRoute,
  lockTransferRoute,
  MemberMoveError,
  moveMemberAcrossTenants,
  moveMemberGrant,
  type PlatformTransfer,
  setTransferRouteStatus,
  type TwoTenantTx,
  withTwoTenants,
} from './transfer';
