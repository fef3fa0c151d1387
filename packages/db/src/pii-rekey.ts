/**
 * Key rotation of the sealed personal information (MEM-1): after `TJ_PII_KEY` is replaced (the
 * old key moved to `TJ_PII_OLD_KEYS`), re-seal every value still under an old key and recompute the
 * blind index with the new one. One transaction per tenant; idempotent (values already under the
 * current key are skipped unless their index is stale).
 */
import type { Kysely } from 'kysely';
import { decryptPii, encryptPii, getPiiKeyring, type PiiKeyring, piiBlindIndex, piiKeyIdOf } from './pii';
import type { DistrictDatabase, PlatformDatabase } from './schema';

export interface RekeyResult {
  tenants: number;
  members: number;
}

export async function rekeyPii(
  db: Kysely<PlatformDatabase>,
  opts: { ring?: PiiKeyring; onProgress?: (line: string) => void } = {},
): Promise<RekeyResult> {
  const ring = opts.ring ?? getPiiKeyring();
  const tenants = await db
    .selectFrom('platform.tenants')
    .select(['code', 'schema_name'])
    .where('kind', '=', 'district')
    .where('schema_name', 'is not', null)
    .orderBy('sort_order')
    .execute();
  let members = 0;
  for (const t of tenants) {
    const n = await db.transaction().execute(async (trx) => {
      const tdb = trx.withSchema(t.schema_name!) as unknown as Kysely<DistrictDatabase>;
      const rows = await tdb
        .selectFrom('members')
        .select(['id', 'id_card_sealed', 'id_card_index', 'phone_sealed'])
        .where((eb) => eb.or([eb('id_card_sealed', 'is not', null), eb('phone_sealed', 'is not', null)]))
        .execute();
      let changed = 0;
      for (const r of rows) {
        const set: Record<string, string> = {};
        if (r.id_card_sealed) {
          const plain = decryptPii(r.id_card_sealed, ring);
          const index = piiBlindIndex(plain, ring);
          if (piiKeyIdOf(r.id_card_sealed) !== ring.currentId) set.id_card_sealed = encryptPii(plain, ring);
          if (index !== r.id_card_index) set.id_card_index = index;
        }
        if (r.phone_sealed && piiKeyIdOf(r.phone_sealed) !== ring.currentId)
          set.phone_sealed = encryptPii(decryptPii(r.phone_sealed, ring), ring);
        if (Object.keys(set).length === 0) continue;
        await tdb.updateTable('members').set(set).where('id', '=', r.id).execute();
        changed++;
      }
      return changed;
    });
    opts.onProgress?.(`${t.code}: ${n}`);
    members += n;
  }
  return { tenants: tenants.length, members };
}
