/**
 * Platform migrations, the city tenant and N district tenants through the product's own code
 * (`migrateAll`, `setupEmptyCity`, `provisionTenant`) — never hand-made schemas.
 */
import {
  createDatabase,
  type Database,
  migrateAll,
  provisionTenant,
  setupEmptyCity,
  type Tenant,
} from '@tuanjian/db';

export const LANZHOU_TENANTS = [
  ['chengguan', '城关区团委'],
  ['qilihe', '七里河区团委'],
  ['xigu', '西固区团委'],
  ['anning', '安宁区团委'],
  ['honggu', '红古区团委'],
  ['yongdeng', '永登县团委'],
  ['gaolan', '皋兰县团委'],
  ['yuzhong', '榆中县团委'],
  ['lanzhouxinqu', '兰州新区团委'],
  ['gaoxinqu', '高新区团委'],
  ['shizhi', '市直机关团工委'],
] as const;

export async function openBenchDatabase(url: string, poolSize = 10): Promise<Database> {
  return createDatabase({ url, poolSize });
}

export async function setupTenants(
  database: Database,
  tenants: readonly (readonly [string, string])[],
  log: (s: string) => void = () => {},
): Promise<Tenant[]> {
  await migrateAll(database.db);
  await setupEmptyCity(database.db, { adminPassword: 'Bench12345678' });
  const out: Tenant[] = [];
  let i = 0;
  for (const [code, name] of tenants) {
    const t0 = performance.now();
    out.push(await provisionTenant(database.db, { kind: 'district', code, name, sortOrder: i++ }));
    log(`provisioned ${code} in ${(performance.now() - t0).toFixed(0)} ms`);
  }
  return out;
}
