/**
 * Key rotation of the sealed personal information (MEM-1). Procedure (docs: README「个人信息密钥轮换」):
 *  1. generate a new key; set it as `TJ_PII_KEY` and move the old one to `TJ_PII_OLD_KEYS`
 *     (the old key still decrypts, every new value is sealed under the new one);
 *  2. run `tuanjian-db pii-rekey`: re-seals every value still under an old key and recomputes the
 *     blind indexes (they are derived from the current key), one transaction per schema;
 *  3. it ends with a census of the sealed values by key id; when none is under the old key, remove
 *     it from `TJ_PII_OLD_KEYS` (retired).
 *
 * What is sealed is found, not listed: every text column named `<p>_sealed` in the platform schema
 * and in each tenant schema (with `<p>_index`, when the table has one, recomputed from the value),
 * plus sealed strings inside `platform.audit_log.detail` (e.g. `beforeSealed` of an ID correction).
 * Idempotent: values already under the current key (with a current index) are left alone.
 */
import { type Kysely, sql } from 'kysely';
import { assertSchemaName } from './identifiers';
import { decryptPii, encryptPii, getPiiKeyring, type PiiKeyring, piiBlindIndex, piiKeyIdOf } from './pii';
import type { PlatformDatabase } from './schema';

export interface RekeyResult {
  /** Tenant schemas visited. */
  tenants: number;
  /** Rows changed (any table, including audit entries). */
  rows: number;
  /** Rows changed in tenants' `members` (kept for the CLI summary). */
  members: number;
  /** Rows changed per `schema.table`. */
  byTable: Record<string, number>;
}

/** Sealed values by key id: `{ '<keyId>': count }` over every place `rekeyPii` visits. */
export type PiiKeyCensus = Record<string, number>;

type Db = Kysely<PlatformDatabase>;

interface SealedTable {
  table: string;
  /** `<p>` of each `<p>_sealed` column, with whether `<p>_index` exists. */
  fields: { prefix: string; indexed: boolean }[];
}

const SEALED_RE = /^v1\.[0-9a-f]{8}\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+$/;

async function schemasToVisit(db: Db): Promise<string[]> {
  const tenants = await db
    .selectFrom('platform.tenants')
    .select(['schema_name'])
    .where('schema_name', 'is not', null)
    .orderBy('sort_order')
    .orderBy('code')
    .execute();
  return ['platform', ...tenants.map((t) => assertSchemaName(t.schema_name))];
}

async function sealedTables(db: Db, schema: string): Promise<SealedTable[]> {
  const { rows } = await sql<{ table_name: string; column_name: string }>`
    select c.table_name, c.column_name from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.table_schema = ${schema} and t.table_type = 'BASE TABLE' and c.data_type = 'text'
      and (c.column_name like '%\\_sealed' or c.column_name like '%\\_index')
    order by c.table_name, c.column_name`.execute(db);
  const byTable = new Map<string, Set<string>>();
  for (const r of rows) {
    if (!byTable.has(r.table_name)) byTable.set(r.table_name, new Set());
    byTable.get(r.table_name)!.add(r.column_name);
  }
  const out: SealedTable[] = [];
  for (const [table, cols] of byTable) {
    const fields = [...cols]
      .filter((c) => c.endsWith('_sealed'))
      .map((c) => c.slice(0, -'_sealed'.length))
      .map((prefix) => ({ prefix, indexed: cols.has(`${prefix}_index`) }));
    if (fields.length) out.push({ table, fields });
  }
  return out;
}

async function rekeyTable(trx: Db, schema: string, t: SealedTable, ring: PiiKeyring): Promise<number> {
  const cols = t.fields.flatMap((f) => [`${f.prefix}_sealed`, ...(f.indexed ? [`${f.prefix}_index`] : [])]);
  const { rows } = await sql<Record<string, string | null>>`
    select id::text as id, ${sql.join(cols.map((c) => sql.id(c)))} from ${sql.id(schema, t.table)}
    where ${sql.join(
      t.fields.map((f) => sql`${sql.id(`${f.prefix}_sealed`)} is not null`),
      sql` or `,
    )}
    for update`.execute(trx);
  let changed = 0;
  for (const r of rows) {
    const set: Record<string, string> = {};
    for (const f of t.fields) {
      const sealed = r[`${f.prefix}_sealed`];
      if (!sealed) continue;
      const stale = piiKeyIdOf(sealed) !== ring.currentId;
      if (!stale && !f.indexed) continue;
      const plain = decryptPii(sealed, ring);
      if (stale) set[`${f.prefix}_sealed`] = encryptPii(plain, ring);
      if (f.indexed) {
        const index = piiBlindIndex(plain, ring);
        if (index !== r[`${f.prefix}_index`]) set[`${f.prefix}_index`] = index;
      }
    }
    const entries = Object.entries(set);
    if (entries.length === 0) continue;
    await sql`update ${sql.id(schema, t.table)} set ${sql.join(
      entries.map(([c, v]) => sql`${sql.id(c)} = ${v}`),
    )} where id::text = ${r.id}`.execute(trx);
    changed++;
  }
  return changed;
}

/** Every sealed string in a JSON value, re-sealed when stale; `null` when nothing changed. */
function resealJson(value: unknown, ring: PiiKeyring): { value: unknown; changed: boolean } {
  if (typeof value === 'string' && SEALED_RE.test(value) && piiKeyIdOf(value) !== ring.currentId)
    return { value: encryptPii(decryptPii(value, ring), ring), changed: true };
  if (Array.isArray(value)) {
    let changed = false;
    const out = value.map((v) => {
      const r = resealJson(v, ring);
      changed ||= r.changed;
      return r.value;
    });
    return { value: out, changed };
  }
  if (value && typeof value === 'object') {
    let changed = false;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const r = resealJson(v, ring);
      changed ||= r.changed;
      out[k] = r.value;
    }
    return { value: out, changed };
  }
  return { value, changed: false };
}

function sealedInJson(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string' && SEALED_RE.test(value)) out.push(value);
  else if (Array.isArray(value)) for (const v of value) sealedInJson(v, out);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) sealedInJson(v, out);
  return out;
}

/** Audit entries whose detail may hold a sealed value (text search, then exact check in JS). */
async function auditCandidates(db: Db) {
  const { rows } = await sql<{ id: string; detail: unknown }>`
    select id::text as id, detail from platform.audit_log
    where detail::text ~ '"v1\\.[0-9a-f]{8}\\.'`.execute(db);
  return rows.map((r) => ({
    id: r.id,
    detail: typeof r.detail === 'string' ? JSON.parse(r.detail) : r.detail,
  }));
}

export async function rekeyPii(
  db: Db,
  opts: { ring?: PiiKeyring; onProgress?: (line: string) => void } = {},
): Promise<RekeyResult> {
  const ring = opts.ring ?? getPiiKeyring();
  const schemas = await schemasToVisit(db);
  const byTable: Record<string, number> = {};
  for (const schema of schemas) {
    const n = await db.transaction().execute(async (trx) => {
      let sum = 0;
      for (const t of await sealedTables(trx, schema)) {
        const c = await rekeyTable(trx, schema, t, ring);
        if (c) byTable[`${schema}.${t.table}`] = c;
        sum += c;
      }
      return sum;
    });
    opts.onProgress?.(`${schema}: ${n}`);
  }
  const audit = await db.transaction().execute(async (trx) => {
    let n = 0;
    for (const row of await auditCandidates(trx)) {
      const r = resealJson(row.detail, ring);
      if (!r.changed) continue;
      await sql`update platform.audit_log set detail = ${JSON.stringify(r.value)}::jsonb
        where id::text = ${row.id}`.execute(trx);
      n++;
    }
    return n;
  });
  if (audit) byTable['platform.audit_log'] = audit;
  opts.onProgress?.(`platform.audit_log: ${audit}`);
  const rows = Object.values(byTable).reduce((a, b) => a + b, 0);
  const members = Object.entries(byTable)
    .filter(([k]) => k.endsWith('.members') && !k.startsWith('platform.'))
    .reduce((a, [, v]) => a + v, 0);
  return { tenants: schemas.length - 1, rows, members, byTable };
}

/**
 * Census of the sealed values by key id (over the same places as `rekeyPii`). After a rotation it
 * must show only the current key's id before the old key is removed from `TJ_PII_OLD_KEYS`.
 */
export async function piiKeyCensus(db: Db): Promise<PiiKeyCensus> {
  const census: PiiKeyCensus = {};
  const add = (sealed: string) => {
    const id = piiKeyIdOf(sealed) ?? '（格式无效）';
    census[id] = (census[id] ?? 0) + 1;
  };
  for (const schema of await schemasToVisit(db)) {
    for (const t of await sealedTables(db, schema)) {
      for (const f of t.fields) {
        const col = `${f.prefix}_sealed`;
        const { rows } = await sql<{ key_id: string; n: number }>`
          select split_part(${sql.id(col)}, '.', 2) as key_id, count(*)::int as n
          from ${sql.id(schema, t.table)} where ${sql.id(col)} is not null group by 1`.execute(db);
        for (const r of rows) census[r.key_id] = (census[r.key_id] ?? 0) + r.n;
      }
    }
  }
  for (const row of await auditCandidates(db)) for (const s of sealedInJson(row.detail)) add(s);
  return census;
}
