/**
 * The S3 backend against a local server that speaks the S3 protocol (s3rver, files on disk in a
 * temporary folder) — real HTTP requests signed by @aws-sdk/client-s3, no mock. Also an upload
 * through `saveUpload` / `openFile` with S3 as the storage.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
// @ts-expect-error s3rver ships no type declarations
import S3rver from 's3rver';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoDatabase, type TestDatabase, tenantByCode, userByName } from '../../test/helpers';
import { loadGrants } from '../me';
import { openFile, saveUpload } from './service';
import { newStorageKeys, S3Storage } from './storage';
import { useFileUrlSigning } from './urls';

const BUCKET = 'tj-uploads';
let server: { run(): Promise<AddressInfo>; close(): Promise<void> };
let dir: string;
let storage: S3Storage;
let database: TestDatabase;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'tj-s3rver-'));
  server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory: dir,
    configureBuckets: [{ name: BUCKET }],
  });
  const { port } = await server.run();
  storage = new S3Storage({
    bucket: BUCKET,
    endpoint: `http://127.0.0.1:${port}`,
    region: 'us-east-1',
    accessKeyId: 'S3RVER',
    secretAccessKey: 'S3RVER',
    forcePathStyle: true,
    prefix: 'tuanjian/',
  });
  useFileUrlSigning({ key: randomBytes(32) });
  database = await demoDatabase();
});

afterAll(async () => {
  storage?.client.destroy();
  await server?.close();
  await database?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('S3Storage', () => {
  it('puts, gets and deletes objects under the prefix; a missing object is null', async () => {
    const { key } = newStorageKeys('t_chengguan');
    expect(await storage.get(key)).toBeNull();
    await storage.put(key, Buffer.from('团建云'), 'application/pdf');
    expect((await storage.get(key))?.toString()).toBe('团建云');
    const listed = await storage.client.send(new ListObjectsV2Command({ Bucket: BUCKET }));
    expect(listed.Contents?.map((o) => o.Key)).toContain(`tuanjian/${key}`);
    await storage.delete(key);
    expect(await storage.get(key)).toBeNull();
  });

  it('refuses keys that are not generated ones', async () => {
    await expect(storage.put('../x', Buffer.from('x'), 'text/plain')).rejects.toThrow(/invalid storage key/);
  });

  it('an upload stores the image and its thumbnail in the bucket and reads them back', async () => {
    const user = await userByName(database.db, 'chengguan.admin');
    const grant = (await loadGrants(database.db, user.id)).find((g) => g.tenant.code === 'chengguan')!;
    const jpeg = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#fff' } })
      .jpeg()
      .toBuffer();
    const info = await saveUpload({
      database,
      storage,
      grant,
      userId: user.id,
      bytes: jpeg,
      fileName: 'a.jpg',
      orgId: null,
      ip: null,
    });
    const chengguan = await tenantByCode(database.db, 'chengguan');
    const file = await openFile(database, storage, chengguan, info.id, 'file');
    expect((await sharp(file!.body).metadata()).width).toBe(640);
    const thumb = await openFile(database, storage, chengguan, info.id, 'thumb');
    expect((await sharp(thumb!.body).metadata()).format).toBe('webp');
    const listed = await storage.client.send(
      new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'tuanjian/t_chengguan/' }),
    );
    expect(listed.Contents?.length).toBe(2);
  });
});
