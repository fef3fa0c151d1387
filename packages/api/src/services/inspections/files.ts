/**
 * Evidence files of inspections. Files live in the tenant whose organisation was inspected:
 *
 * - An inspector's evidence (photos of the visit, documents) is uploaded through
 *   `POST /api/inspection-evidence` (field `file`, field `targetId`) into the **inspected
 *   tenant's** `files` table, attached to the inspected organisation, with the inspector as
 *   uploader — the city has no schema of its own, and the inspected organisation must see the
 *   evidence anyway.
 * - A district's answer evidence is uploaded the ordinary way (`POST /api/files`) in its own tenant.
 *
 * Rows keep the file ids next to the tenant id (`inspection_findings.tenant_id`). Links are built
 * only by procedures that have checked the finding, signed for the finding's tenant
 * (`runWithFileTenant(finding.tenant_id, …)`): the signature grants reading that one file and
 * nothing else. Nothing is copied.
 */
import {
  assertSchemaName,
  type Database,
  type PlatformDatabase,
  type Tenant,
  type TenantDatabase,
  withTenant,
} from '@tuanjian/db';
import type { Kysely } from 'kysely';
import { appError } from '../../errors';
import { assertFilesUsable, describeFiles, type FileInfo, saveUpload } from '../files';
import type { FileStorage } from '../files/storage';
import { runWithFileTenant } from '../files/urls';
import type { TenantDb } from '../scope';

export interface EvidenceFile {
  id: string;
  url: string;
  thumbUrl: string;
  kind: 'image' | 'document';
  originalName: string;
}

const toEvidence = (f: FileInfo): EvidenceFile => ({
  id: f.id,
  url: f.url,
  thumbUrl: f.thumbUrl,
  kind: f.kind,
  originalName: f.originalName,
});

export async function tenantById(db: Kysely<PlatformDatabase>, id: string): Promise<Tenant> {
  const t = await db.selectFrom('platform.tenants').selectAll().where('id', '=', id).executeTakeFirst();
  if (!t || t.kind !== 'district' || t.status !== 'active' || !t.schema_name) {
    throw appError('NOT_FOUND', 'NOT_FOUND', '被检查单位所在的区县不存在或暂不可用');
  }
  return t;
}

/**
 * Describes files of one tenant with links signed for that tenant (city side: the platform
 * handle reads the tenant's `files` table under the tenant's own role).
 */
export async function evidenceOfTenant(
  db: Kysely<PlatformDatabase>,
  tenant: Tenant,
  ids: readonly string[],
): Promise<EvidenceFile[]> {
  if (ids.length === 0) return [];
  return runWithFileTenant(tenant.id, () =>
    withTenant(db, tenant, async (tdb) => (await describeFiles(tdb as TenantDb, ids)).map(toEvidence)),
  );
}

/** City side: the ids must be files of the inspected tenant (refused otherwise). */
export async function assertEvidenceOfTenant(
  db: Kysely<PlatformDatabase>,
  tenant: Tenant,
  ids: readonly string[],
): Promise<void> {
  if (ids.length === 0) return;
  // Inside the mutation's transaction (withTenant cannot nest): the tenant's table, named explicitly.
  await assertFilesUsable(tenantTablesOf(db, tenant), ids);
}

/**
 * A tenant's tables through the platform handle (the city reads organisation names and file rows
 * of the inspected tenant; used inside the city's own transactions, where `withTenant` cannot nest).
 */
export function tenantTablesOf(db: Kysely<PlatformDatabase>, tenant: Tenant): TenantDb {
  if (!tenant.schema_name) throw appError('NOT_FOUND', 'NOT_FOUND', '被检查单位所在的区县不存在或暂不可用');
  return (db as unknown as Kysely<TenantDatabase>).withSchema(assertSchemaName(tenant.schema_name));
}

/** Tenant side (inside its own transaction; links already signed for it). */
export async function evidenceInOwnTenant(tdb: TenantDb, ids: readonly string[]): Promise<EvidenceFile[]> {
  if (ids.length === 0) return [];
  return (await describeFiles(tdb, ids)).map(toEvidence);
}

/**
 * Stores an inspector's upload in the inspected tenant, attached to the target organisation.
 * The caller has checked that the user may record findings for the target's plan.
 */
export async function saveEvidenceUpload(input: {
  database: Pick<Database, 'db'>;
  storage: FileStorage;
  tenant: Tenant;
  orgId: string;
  userId: string;
  bytes: Uint8Array;
  fileName: string;
  ip: string | null;
}): Promise<FileInfo> {
  return saveUpload({
    database: input.database,
    storage: input.storage,
    // The upload acts in the inspected tenant for the whole tenant (the target organisation is
    // checked against it), recorded as the inspector's upload in that tenant's audit entry.
    grant: {
      id: 'inspection',
      role: 'district_admin',
      scopeOrgId: null,
      memberId: null,
      tenant: input.tenant,
    },
    userId: input.userId,
    bytes: input.bytes,
    fileName: input.fileName,
    orgId: input.orgId,
    ip: input.ip,
  });
}
