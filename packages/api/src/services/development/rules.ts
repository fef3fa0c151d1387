/**
 * Reads the version of a rule in force on a date from `platform.rules` (the tenant role may SELECT
 * it), falling back to the catalogue default when no row exists yet.
 */
import type { PlatformDatabase } from '@tuanjian/db';
import { parseRuleValue, type RuleKey, type RuleValue, ruleCatalogue, ruleInForce } from '@tuanjian/domain';
import type { QueryCreator } from 'kysely';

export async function ruleOn<K extends RuleKey>(
  executor: unknown,
  key: K,
  onDate: string,
): Promise<RuleValue<K>> {
  const q = executor as QueryCreator<PlatformDatabase>;
  const rows = await q
    .selectFrom('platform.rules')
    .select(['version', 'effective_from', 'value'])
    .where('key', '=', key)
    .execute();
  const found = ruleInForce(
    rows.map((r) => ({ version: r.version, effectiveFrom: r.effective_from, value: r.value as unknown })),
    onDate,
  );
  if (!found) return ruleCatalogue[key].value as RuleValue<K>;
  const value = typeof found.value === 'string' ? JSON.parse(found.value) : found.value;
  return parseRuleValue(key, value);
}
