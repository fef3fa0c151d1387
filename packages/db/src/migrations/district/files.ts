/**
 * Uploaded files of a tenant (district and committee templates): images (with a thumbnail) and
 * documents, stored by key in the configured storage (local disk or S3-compatible). Records that
 * use a file keep its id (a `uuid[]` column or a link table) and check it with `assertFilesUsable`.
 * The original file name is metadata only; keys are generated, never derived from the name.
 */
import { type Kysely, sql } from 'kysely';
import type { PlatformDatabase } from '../../schema';

export async function up(trx: Kysely<PlatformDatabase>, schema: string): Promise<void> {
  const s = trx.schema.withSchema(schema);
  await s
    .createTable('files')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    // The organisation the upload was made for (district tenants), if any.
    .addColumn('org_id', 'uuid')
    // platform.users id (no cross-schema foreign key).
    .addColumn('uploaded_by', 'uuid', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('image', 'document')`))
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull().check(sql`size_bytes > 0`))
    .addColumn('original_name', 'text', (c) => c.notNull())
    .addColumn('storage_key', 'text', (c) => c.notNull().unique())
    .addColumn('thumb_key', 'text')
    .addColumn('width', 'integer')
    .addColumn('height', 'integer')
    .addColumn('sha256', 'text', (c) => c.notNull().check(sql`sha256 ~ '^[0-9a-f]{64}$'`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('files_image_thumb', sql`kind = 'image' or thumb_key is null`)
    .execute();
  await s.createIndex('files_org_idx').on('files').columns(['org_id', 'created_at']).execute();
}
