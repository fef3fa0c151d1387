/**
 * Uploads without HTTP: type by content, names, images, links, local storage, and the checks
 * records use (`assertFilesUsable`) on a real demo database.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { withTenant } from '@tuanjian/db';
import ExcelJS from 'exceljs';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoDatabase, grantsOf, type TestDatabase, tenantByCode, userByName } from '../../test/helpers';
import { loadGrants } from '../me';
import type { TenantDb } from '../scope';
import { processImage, THUMB_SIZE } from './image';
import { sanitiseFileName, sniffType } from './inspect';
import { assertFilesUsable, describeFiles, FILE_NOT_USABLE, openFile, saveUpload } from './service';
import { LocalDiskStorage, newStorageKeys } from './storage';
import { fileUrls, runWithFileTenant, useFileUrlSigning, verifyFileQuery } from './urls';

async function jpeg(width: number, height: number, orientation?: number): Promise<Buffer> {
  let img = sharp({ create: { width, height, channels: 3, background: '#c41e3a' } }).jpeg();
  if (orientation) img = img.withMetadata({ orientation });
  return img.toBuffer();
}

const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

async function xlsx(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('表1').addRow(['团员', '张三']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'tj-files-'));
  useFileUrlSigning({ key: randomBytes(32) });
});
afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('type by content', () => {
  it('accepts JPEG, PNG, WebP as images and PDF, xlsx as documents', async () => {
    expect(await sniffType(await jpeg(10, 10))).toMatchObject({ kind: 'image', mime: 'image/jpeg' });
    const png = await sharp({ create: { width: 4, height: 4, channels: 4, background: '#fff' } })
      .png()
      .toBuffer();
    expect(await sniffType(png)).toMatchObject({ kind: 'image', mime: 'image/png' });
    const webp = await sharp(png).webp().toBuffer();
    expect(await sniffType(webp)).toMatchObject({ kind: 'image', mime: 'image/webp' });
    expect(await sniffType(PDF)).toMatchObject({ kind: 'document', mime: 'application/pdf' });
    expect(await sniffType(await xlsx())).toMatchObject({ kind: 'document', ext: 'xlsx' });
  });

  it.each([
    ['plain text', Buffer.from('这不是一张图片，只是一段文字。')],
    ['HTML', Buffer.from('<!doctype html><html><body><script>alert(1)</script></body></html>')],
    ['SVG', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect/></svg>')],
    ['a GIF', Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64')],
    ['an ELF executable', Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]), Buffer.alloc(64)])],
  ])('refuses %s whatever its name says', async (_label, bytes) => {
    await expect(sniffType(bytes)).rejects.toThrow(/不支持的文件类型/);
  });

  it('refuses an empty file', async () => {
    await expect(sniffType(new Uint8Array())).rejects.toThrow('文件为空，请重新选择');
  });
});

describe('file names are metadata only', () => {
  it.each([
    ['../../etc/passwd', 'passwd'],
    ['..\\..\\windows\\win.ini', 'win.ini'],
    ['C:\\照片\\升旗仪式.jpg', '升旗仪式.jpg'],
    ['..', '附件.jpg'],
    ['', '附件.jpg'],
    ['a\u0000b\u202ec.jpg', 'abc.jpg'],
    ['what?<x>.jpg', 'what__x_.jpg'],
    ['.hidden', 'hidden'],
  ])('%j → %j', (input, expected) => {
    expect(sanitiseFileName(input, 'jpg')).toBe(expected);
  });

  it('shortens long names and keeps the extension', () => {
    const name = sanitiseFileName(`${'团'.repeat(300)}.docx`, 'docx');
    expect([...name]).toHaveLength(120);
    expect(name.endsWith('.docx')).toBe(true);
  });

  it('storage keys are generated: tenant schema + uuid, never a name', () => {
    const { key, thumbKey } = newStorageKeys('t_chengguan');
    expect(key).toMatch(/^t_chengguan\/[0-9a-f-]{36}$/);
    expect(thumbKey).toBe(`${key}.thumb`);
  });

  it('local storage refuses a key that is not one of ours', async () => {
    const storage = new LocalDiskStorage(tmp);
    await expect(storage.put('../../escape', Buffer.from('x'), 'text/plain')).rejects.toThrow(
      /invalid storage key/,
    );
    await expect(storage.get('t_a/../../etc/passwd')).rejects.toThrow(/invalid storage key/);
    const { key } = newStorageKeys('t_a');
    expect(await storage.get(key)).toBeNull();
    await storage.put(key, Buffer.from('字节'), 'application/octet-stream');
    expect((await storage.get(key))?.toString()).toBe('字节');
    expect(readdirSync(path.join(tmp, 't_a'))).toEqual([key.split('/')[1]]);
    await storage.delete(key);
    expect(await storage.get(key)).toBeNull();
  });
});

describe('images', () => {
  it('applies the EXIF orientation, drops metadata, makes a thumbnail of at most 320 px', async () => {
    // Stored 1000×500 with orientation 6 (rotate 90°): shown as 500×1000.
    const input = await jpeg(1000, 500, 6);
    expect((await sharp(input).metadata()).orientation).toBe(6);
    const out = await processImage(input, 'image/jpeg');
    expect([out.width, out.height]).toEqual([500, 1000]);
    const meta = await sharp(out.data).metadata();
    expect(meta.format).toBe('jpeg');
    expect([meta.width, meta.height]).toEqual([500, 1000]);
    expect(meta.orientation).toBeUndefined();
    expect(meta.exif).toBeUndefined();
    const thumb = await sharp(out.thumb).metadata();
    expect(thumb.format).toBe('webp');
    expect([thumb.width, thumb.height]).toEqual([THUMB_SIZE / 2, THUMB_SIZE]);
  });

  it('does not enlarge small images', async () => {
    const out = await processImage(await jpeg(40, 30), 'image/jpeg');
    const thumb = await sharp(out.thumb).metadata();
    expect([thumb.width, thumb.height]).toEqual([40, 30]);
  });

  it('refuses a truncated image with a Chinese message', async () => {
    const broken = (await jpeg(200, 200)).subarray(0, 300);
    await expect(processImage(broken, 'image/jpeg')).rejects.toThrow(
      '图片已损坏或无法识别，请换一张重新上传',
    );
  });
});

describe('signed links', () => {
  const tenantId = '11111111-1111-4111-8111-111111111111';
  const fileId = '22222222-2222-4222-8222-222222222222';
  const query = (url: string) => Object.fromEntries(new URL(url, 'http://x').searchParams);

  it('plain outside a tenant request, signed inside one; the signature binds tenant and file', () => {
    expect(fileUrls(fileId)).toEqual({
      id: fileId,
      url: `/api/files/${fileId}`,
      thumbUrl: `/api/files/${fileId}/thumb`,
    });
    const refs = runWithFileTenant(tenantId, () => fileUrls(fileId));
    const q = query(refs.url);
    expect(q.t).toBe(tenantId);
    expect(query(refs.thumbUrl)).toEqual(q);
    expect(verifyFileQuery(fileId, q)).toMatchObject({ ok: true, tenantId });
    expect(verifyFileQuery('33333333-3333-4333-8333-333333333333', q)).toEqual({
      ok: false,
      reason: 'invalid',
    });
    expect(verifyFileQuery(fileId, { ...q, t: '44444444-4444-4444-8444-444444444444' })).toEqual({
      ok: false,
      reason: 'invalid',
    });
    expect(verifyFileQuery(fileId, { ...q, e: String(Number(q.e) + 3600) })).toEqual({
      ok: false,
      reason: 'invalid',
    });
    expect(verifyFileQuery(fileId, {})).toEqual({ ok: false, reason: 'absent' });
  });

  it('expires after one to two windows and is stable within a window', () => {
    let now = Date.UTC(2026, 10, 29, 12, 0, 5);
    useFileUrlSigning({ ttlSeconds: 3600, now: () => now });
    try {
      const a = runWithFileTenant(tenantId, () => fileUrls(fileId));
      now += 30 * 60_000;
      expect(runWithFileTenant(tenantId, () => fileUrls(fileId))).toEqual(a);
      const q = query(a.url);
      now = Date.UTC(2026, 10, 29, 13, 59, 59);
      expect(verifyFileQuery(fileId, q).ok).toBe(true);
      now = Date.UTC(2026, 10, 29, 14, 0, 0);
      expect(verifyFileQuery(fileId, q)).toEqual({ ok: false, reason: 'expired' });
    } finally {
      useFileUrlSigning({ now: () => Date.now() });
    }
  });
});

describe('stored files and assertFilesUsable', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await demoDatabase();
  });
  afterAll(async () => {
    await database?.close();
  });

  async function upload(
    username: string,
    tenantCode: string,
    bytes: Buffer,
    name: string,
    orgId: string | null = null,
  ) {
    const user = await userByName(database.db, username);
    const grantRow = (await grantsOf(database.db, username)).find((g) => g.tenant_code === tenantCode)!;
    const grant = (await loadGrants(database.db, user.id)).find((g) => g.id === grantRow.id)!;
    return saveUpload({
      database,
      storage: new LocalDiskStorage(tmp),
      grant,
      userId: user.id,
      bytes,
      fileName: name,
      orgId,
      ip: '127.0.0.1',
    });
  }

  it('saves an image with its thumbnail and reads both back; refuses ids of another tenant', async () => {
    const info = await upload('chengguan.admin', 'chengguan', await jpeg(800, 600), '../../升旗仪式.jpg');
    expect(info).toMatchObject({
      kind: 'image',
      mime: 'image/jpeg',
      originalName: '升旗仪式.jpg',
      width: 800,
      height: 600,
    });
    expect(info.url).toMatch(/\?t=.+&e=\d+&s=/);
    const doc = await upload('chengguan.admin', 'chengguan', PDF, '会议记录.pdf');
    expect(doc).toMatchObject({ kind: 'document', width: null, height: null });

    const chengguan = await tenantByCode(database.db, 'chengguan');
    const qilihe = await tenantByCode(database.db, 'qilihe');
    const storage = new LocalDiskStorage(tmp);
    const file = await openFile(database, storage, chengguan, info.id, 'file');
    expect((await sharp(file!.body).metadata()).width).toBe(800);
    const thumb = await openFile(database, storage, chengguan, info.id, 'thumb');
    expect(thumb?.mime).toBe('image/webp');
    expect((await sharp(thumb!.body).metadata()).width).toBe(THUMB_SIZE);
    const icon = await openFile(database, storage, chengguan, doc.id, 'thumb');
    expect(icon?.mime).toBe('image/png');
    // Another tenant does not see it.
    expect(await openFile(database, storage, qilihe, info.id, 'file')).toBeNull();
    expect(await openFile(database, storage, chengguan, 'not-a-uuid', 'file')).toBeNull();

    await withTenant(database.db, chengguan, async (tdb) => {
      await assertFilesUsable(tdb as TenantDb, []);
      await assertFilesUsable(tdb as TenantDb, [info.id, doc.id, info.id]);
      expect((await describeFiles(tdb as TenantDb, [doc.id, info.id])).map((f) => f.originalName)).toEqual([
        '会议记录.pdf',
        '升旗仪式.jpg',
      ]);
    });
    for (const ids of [
      [info.id, '00000000-0000-4000-8000-000000000000'],
      ['not-a-uuid'],
      [info.id.toUpperCase(), "'; drop table files; --"],
    ]) {
      await expect(
        withTenant(database.db, chengguan, (tdb) => assertFilesUsable(tdb as TenantDb, ids)),
      ).rejects.toThrow(FILE_NOT_USABLE);
    }
    await expect(
      withTenant(database.db, qilihe, (tdb) => assertFilesUsable(tdb as TenantDb, [info.id])),
    ).rejects.toThrow(FILE_NOT_USABLE);

    const audit = await database.db
      .selectFrom('platform.audit_log')
      .selectAll()
      .where('action', '=', 'files.upload')
      .where('target_id', '=', info.id)
      .executeTakeFirstOrThrow();
    expect(audit.tenant_id).toBe(chengguan.id);
  });

  it('an organisation outside the scope is refused and nothing stays in storage', async () => {
    const chengguan = await tenantByCode(database.db, 'chengguan');
    const user = await userByName(database.db, 'chengguan.member');
    const grant = (await loadGrants(database.db, user.id))[0]!;
    // An organisation of the tenant that is not the member's branch.
    const other = await withTenant(database.db, chengguan, (tdb) =>
      tdb
        .selectFrom('organisations')
        .select('id')
        .where('id', '!=', grant.scopeOrgId ?? '00000000-0000-4000-8000-000000000000')
        .where('kind', '=', 'branch')
        .executeTakeFirstOrThrow(),
    );
    const before = readdirSync(path.join(tmp, chengguan.schema_name!)).length;
    await expect(
      upload('chengguan.member', 'chengguan', await jpeg(50, 50), 'a.jpg', other.id),
    ).rejects.toThrow('所属组织不存在或无权使用');
    expect(readdirSync(path.join(tmp, chengguan.schema_name!))).toHaveLength(before);
  });

  it('committee tenants have files too', async () => {
    const info = await upload('enterprise.chair', 'enterprise', PDF, '章程.pdf');
    expect(info.kind).toBe('document');
  });
});
