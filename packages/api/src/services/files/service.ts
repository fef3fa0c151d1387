/**
 * Files of a tenant: store an upload, read one back, and the checks records use.
 */
import { createHash } from 'node:crypto';
import type { Database, FileKind } from '@tuanjian/db';
import { withTenant } from '@tuanjian/db';
import sharp from 'sharp';
import { recordAudit } from '../../audit';
import { appError } from '../../errors';
import type { LoadedGrant } from '../me';
import { pathInScope, resolveScope, type TenantDb } from '../scope';
import { processImage } from './image';
import { sanitiseFileName, sniffType } from './inspect';
import type { FileStorage } from './storage';
import { newStorageKeys } from './storage';
import { type FileRef, fileUrls, runWithFileTenant } from './urls';

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const FILE_NOT_USABLE = '附件不存在或无权使用';

/**
 * Refuses (BAD_REQUEST, `附件不存在或无权使用`) any id that is not a file of the tenant `tdb`
 * belongs to. Call it when a record that keeps file ids is saved. Duplicates are allowed.
 */
export async function assertFilesUsable(tdb: TenantDb, ids: readonly string[]): Promise<void> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return;
  if (unique.some((id) => typeof id !== 'string' || !UUID_RE.test(id))) {
    throw appError('BAD_REQUEST', 'INVALID_INPUT', FILE_NOT_USABLE);
  }
  const found = await tdb
    .selectFrom('files')
    .select('id')
    .where(
      'id',
      'in',
      unique.map((id) => id.toLowerCase()),
    )
    .execute();
  if (found.length !== unique.length) throw appError('BAD_REQUEST', 'INVALID_INPUT', FILE_NOT_USABLE);
}

export interface FileInfo extends FileRef {
  kind: FileKind;
  mime: string;
  sizeBytes: number;
  originalName: string;
  width: number | null;
  height: number | null;
}

/** Name, type and links of files of this tenant, in the order of `ids` (unknown ids are left out). */
export async function describeFiles(tdb: TenantDb, ids: readonly string[]): Promise<FileInfo[]> {
  const valid = [...new Set(ids)].filter((id) => UUID_RE.test(id)).map((id) => id.toLowerCase());
  if (valid.length === 0) return [];
  const rows = await tdb
    .selectFrom('files')
    .select(['id', 'kind', 'mime', 'size_bytes', 'original_name', 'width', 'height'])
    .where('id', 'in', valid)
    .execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return valid.flatMap((id) => {
    const r = byId.get(id);
    return r ? [toInfo(r)] : [];
  });
}

function toInfo(r: {
  id: string;
  kind: FileKind;
  mime: string;
  size_bytes: number;
  original_name: string;
  width: number | null;
  height: number | null;
}): FileInfo {
  return {
    ...fileUrls(r.id),
    kind: r.kind,
    mime: r.mime,
    sizeBytes: r.size_bytes,
    originalName: r.original_name,
    width: r.width,
    height: r.height,
  };
}

export interface SaveUploadInput {
  database: Pick<Database, 'db'>;
  storage: FileStorage;
  grant: LoadedGrant;
  userId: string;
  bytes: Uint8Array;
  fileName: string | null;
  orgId: string | null;
  ip: string | null;
}

/**
 * Checks and stores an upload for the acting grant's tenant: type by content, images re-encoded
 * (orientation applied, metadata dropped) with a thumbnail, bytes to storage, then the row and its
 * audit entry in one tenant transaction. If the row cannot be written, the stored bytes are removed.
 */
export async function saveUpload(input: SaveUploadInput): Promise<FileInfo> {
  const { grant, storage } = input;
  const tenant = grant.tenant;
  if (!tenant.schema_name)
    throw appError('FORBIDDEN', 'TENANT_UNAVAILABLE', `${tenant.name}暂不可用，请联系团市委`);
  if (input.orgId !== null && !UUID_RE.test(input.orgId)) {
    throw appError('BAD_REQUEST', 'INVALID_INPUT', '所属组织不存在或无权使用');
  }
  if (input.orgId !== null && tenant.kind !== 'district') {
    throw appError('BAD_REQUEST', 'INVALID_INPUT', '专门委员会的附件不关联组织');
  }

  const type = await sniffType(input.bytes);
  let data: Uint8Array = input.bytes;
  let thumb: Buffer | null = null;
  let width: number | null = null;
  let height: number | null = null;
  if (type.kind === 'image') {
    const img = await processImage(input.bytes, type.mime);
    ({ data, thumb, width, height } = img);
  }
  const originalName = sanitiseFileName(input.fileName, type.ext);
  const sha256 = createHash('sha256').update(data).digest('hex');
  const { key, thumbKey } = newStorageKeys(tenant.schema_name);

  const written: string[] = [];
  try {
    await storage.put(key, data, type.mime);
    written.push(key);
    if (thumb) {
      await storage.put(thumbKey, thumb, 'image/webp');
      written.push(thumbKey);
    }
    return await withTenant(input.database.db, tenant, async (tdb, trx) => {
      const scope = await resolveScope(tdb as TenantDb, grant, input.userId);
      if (input.orgId !== null) {
        const org = await tdb
          .selectFrom('organisations')
          .select('path')
          .where('id', '=', input.orgId.toLowerCase())
          .executeTakeFirst();
        if (!org || !pathInScope(scope, org.path)) {
          throw appError('BAD_REQUEST', 'INVALID_INPUT', '所属组织不存在或无权使用');
        }
      }
      const row = await tdb
        .insertInto('files')
        .values({
          org_id: input.orgId?.toLowerCase() ?? null,
          uploaded_by: input.userId,
          kind: type.kind,
          mime: type.mime,
          size_bytes: data.byteLength,
          original_name: originalName,
          storage_key: key,
          thumb_key: thumb ? thumbKey : null,
          width,
          height,
          sha256,
        })
        .returning(['id', 'kind', 'mime', 'size_bytes', 'original_name', 'width', 'height'])
        .executeTakeFirstOrThrow();
      await recordAudit(trx, {
        userId: input.userId,
        tenantId: tenant.id,
        action: 'files.upload',
        targetType: 'file',
        targetId: row.id,
        detail: { kind: row.kind, mime: row.mime, sizeBytes: row.size_bytes, name: originalName },
        ip: input.ip,
      });
      return runWithFileTenant(tenant.id, () => toInfo(row));
    });
  } catch (e) {
    await Promise.all(written.map((k) => storage.delete(k).catch(() => {})));
    throw e;
  }
}

export interface StoredFile {
  body: Buffer;
  mime: string;
  kind: FileKind;
  originalName: string;
  sha256: string;
}

/**
 * A file of the tenant (or its thumbnail), or null when the tenant has no such file — also for an
 * id that is not a uuid. A document's thumbnail is an icon naming its type.
 */
export async function openFile(
  database: Pick<Database, 'db'>,
  storage: FileStorage,
  tenant: LoadedGrant['tenant'],
  id: string,
  variant: 'file' | 'thumb',
): Promise<StoredFile | null> {
  if (!UUID_RE.test(id)) return null;
  const row = await withTenant(database.db, tenant, (tdb) =>
    tdb
      .selectFrom('files')
      .select(['kind', 'mime', 'original_name', 'storage_key', 'thumb_key', 'sha256'])
      .where('id', '=', id.toLowerCase())
      .executeTakeFirst(),
  );
  if (!row) return null;
  if (variant === 'thumb') {
    if (!row.thumb_key) {
      return {
        body: await documentIcon(row.mime),
        mime: 'image/png',
        kind: 'image',
        originalName: row.original_name,
        sha256: `icon-${row.sha256}`,
      };
    }
    const body = await storage.get(row.thumb_key);
    return body
      ? {
          body,
          mime: 'image/webp',
          kind: 'image',
          originalName: row.original_name,
          sha256: `thumb-${row.sha256}`,
        }
      : null;
  }
  const body = await storage.get(row.storage_key);
  return body
    ? { body, mime: row.mime, kind: row.kind, originalName: row.original_name, sha256: row.sha256 }
    : null;
}

const ICON_LABELS: Record<string, { text: string; color: string }> = {
  'application/pdf': { text: 'PDF', color: '#d4380d' },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': {
    text: 'DOCX',
    color: '#1677ff',
  },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { text: 'XLSX', color: '#389e0d' },
};
const icons = new Map<string, Promise<Buffer>>();

/** A 160 px PNG icon of a document type (rendered once per type from a fixed SVG). */
function documentIcon(mime: string): Promise<Buffer> {
  const label = ICON_LABELS[mime] ?? { text: 'FILE', color: '#595959' };
  let icon = icons.get(label.text);
  if (!icon) {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="160" height="160" viewBox="0 0 160 160">
<rect width="160" height="160" fill="#f5f5f5"/>
<path d="M48 24h44l24 24v88H48z" fill="#fff" stroke="#bfbfbf" stroke-width="3"/>
<path d="M92 24v24h24" fill="none" stroke="#bfbfbf" stroke-width="3"/>
<rect x="36" y="84" width="88" height="32" rx="4" fill="${label.color}"/>
<text x="80" y="107" font-family="sans-serif" font-size="20" font-weight="bold" fill="#fff" text-anchor="middle">${label.text}</text>
</svg>`;
    icon = sharp(Buffer.from(svg)).png().toBuffer();
    icons.set(label.text, icon);
  }
  return icon;
}
