/**
 * Rule data in force on a date, read from `platform.rules` inside the tenant transaction (the
 * tenant role may SELECT it). Falls back to the catalogue default when no row exists.
 */
import type { PlatformDatabase } from '@tuanjian/db';
import {
  parseRuleValue,
  RULE_DEFAULTS_EFFECTIVE_FROM,
  type RuleKey,
  ruleCatalogue,
  ruleInForce,
} from '@tuanjian/domain';
import type { QueryCreator } from 'kysely';
import type { TenantDb } from '../scope';

export interface LoadedRule<T> {
  key: RuleKey;
  version: number;
  effectiveFrom: string;
  value: T;
  source: string;
}

export async function orgRuleInForce<T>(tdb: TenantDb, key: RuleKey, onDate: string): Promise<LoadedRule<T>> {
  const pdb = tdb as unknown as QueryCreator<PlatformDatabase>;
  const rows = await pdb
    .selectFrom('platform.rules')
    .select(['version', 'effective_from', 'value', 'source'])
    .where('key', '=', key)
    .execute();
  const picked = ruleInForce(
    rows.map((r) => ({
      version: r.version,
      effectiveFrom: r.effective_from,
      value: { value: r.value, source: r.source },
    })),
    onDate,
  );
  if (!picked) {
    return {
      key,
      version: 1,
      effectiveFrom: RULE_DEFAULTS_EFFECTIVE_FROM,
      value: ruleCatalogue[key].value as T,
      source: ruleCatalogue[key].source,
    };
  }
  const raw = typeof picked.value.value === 'string' ? JSON.parse(picked.value.value) : picked.value.value;
  return {
    key,
    version: picked.version,
    effectiveFrom: picked.effectiveFrom,
    value: parseRuleValue(key, raw) as T,
    source: picked.value.source,
  };
}
