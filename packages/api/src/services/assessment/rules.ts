/**
 * The version of a rule in force on a date, with its number (stored beside results derived from it).
 */
import type { PlatformDatabase } from '@tuanjian/db';
import { parseRuleValue, type RuleKey, type RuleValue, ruleCatalogue, ruleInForce } from '@tuanjian/domain';
import type { QueryCreator } from 'kysely';

export async function ruleVersionOn<K extends RuleKey>(
  executor: unknown,
  key: K,
  onDate: string,
): Promise<{ version: number | null; value: RuleValue<K>; source: string }> {
  const q = executor as QueryCreator<PlatformDatabase>;
  const rows = await q
    .selectFrom('platform.rules')
    .select(['version', 'effective_from', 'value', 'source'])
    .where('key', '=', key)
    .execute();
  const found = ruleInForce(
    rows.map((r) => ({ version: r.version, effectiveFrom: r.effective_from, value: r })),
    onDate,
  );
  if (!found) {
    return {
      version: null,
      value: ruleCatalogue[key].value as RuleValue<K>,
      source: ruleCatalogue[key].source,
    };
  }
  const raw = found.value.value as unknown;
  const value = typeof raw === 'string' ? JSON.parse(raw) : raw;
  return { version: found.version, value: parseRuleValue(key, value), source: found.value.source };
}
