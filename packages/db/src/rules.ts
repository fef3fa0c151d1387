/**
 * Rule data: version 1 of every rule in `@tuanjian/domain`'s `RULE_DEFAULTS` is inserted into
 * `platform.rules` when missing (city admins add later versions; seeded rows are never changed).
 */
import { RULE_DEFAULTS } from '@tuanjian/domain';
import type { Kysely } from 'kysely';
import type { PlatformDatabase } from './schema';

export async function seedRuleDefaults(db: Kysely<PlatformDatabase>): Promise<number> {
  if (RULE_DEFAULTS.length === 0) return 0;
  const rows = RULE_DEFAULTS.map((r) => ({
    key: r.key,
    version: r.version,
    effective_from: r.effectiveFrom,
    value: JSON.stringify(r.value),
    source: r.source,
    note: r.note,
  }));
  const inserted = await db
    .insertInto('platform.rules')
    .values(rows)
    .onConflict((oc) => oc.columns(['key', 'version']).doNothing())
    .executeTakeFirst();
  return Number(inserted.numInsertedOrUpdatedRows ?? 0n);
}
