/**
 * Rule data for 团费 / 推优: every version of a rule, read once per request from `platform.rules`
 * (the tenant role may SELECT it), then the version in force picked per date.
 */
import type { PlatformDatabase } from '@tuanjian/db';
import {
  parseRuleValue,
  RULE_DEFAULTS_EFFECTIVE_FROM,
  type RuleData,
  type RuleKey,
  ruleCatalogue,
  ruleInForce,
} from '@tuanjian/domain';
import type { QueryCreator } from 'kysely';
import type { TenantDb } from '../scope';

export interface RuleAt<K extends RuleKey> {
  value: RuleData<K>;
  version: number;
  source: string;
}

export type RuleBook<K extends RuleKey> = (onDate: string) => RuleAt<K>;

export async function loadRuleBook<K extends RuleKey>(tdb: TenantDb, key: K): Promise<RuleBook<K>> {
  const pdb = tdb as unknown as QueryCreator<PlatformDatabase>;
  const rows = await pdb
    .selectFrom('platform.rules')
    .select(['version', 'effective_from', 'value', 'source'])
    .where('key', '=', key)
    .execute();
  const versions = rows.map((r) => {
    const raw = typeof r.value === 'string' ? JSON.parse(r.value) : r.value;
    return {
      version: r.version,
      effectiveFrom: r.effective_from,
      value: { value: parseRuleValue(key, raw) as RuleData<K>, source: r.source },
    };
  });
  const fallback: RuleAt<K> = {
    value: ruleCatalogue[key].value as RuleData<K>,
    version: 1,
    source: ruleCatalogue[key].source,
  };
  const cache = new Map<string, RuleAt<K>>();
  return (onDate: string) => {
    let hit = cache.get(onDate);
    if (!hit) {
      const v = ruleInForce(versions, onDate);
      hit = v ? { value: v.value.value, version: v.version, source: v.value.source } : fallback;
      if (onDate < RULE_DEFAULTS_EFFECTIVE_FROM && !v) hit = fallback;
      cache.set(onDate, hit);
    }
    return hit;
  };
}
