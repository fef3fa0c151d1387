/**
 * Tenant templates of the fan-out kill test (`fanout-kill.test.ts`): the real ones plus one district
 * step that creates a table, alters `members` and then sleeps, so a kill lands inside the step.
 */
import { sql } from 'kysely';
import { committeeMigrations, districtMigrations } from './tenant';
import type { TenantTemplates } from './types';

export const FANOUT_KILL_VERSION = districtMigrations.length + 1;

export function fanoutKillTemplates(sleepMs: number): TenantTemplates {
  return {
    district: [
      ...districtMigrations,
      {
        version: FANOUT_KILL_VERSION,
        name: 'fanout_kill_probe',
        async up(trx, schema) {
          await trx.schema
            .withSchema(schema)
            .createTable('fanout_kill_probe')
            .addColumn('id', 'integer', (c) => c.primaryKey())
            .execute();
          await trx.schema
            .withSchema(schema)
            .alterTable('members')
            .addColumn('kill_probe', 'boolean')
            .execute();
          if (sleepMs > 0) await sql`select pg_sleep(${sleepMs / 1000})`.execute(trx);
        },
      },
    ],
    committee: committeeMigrations,
  };
}
