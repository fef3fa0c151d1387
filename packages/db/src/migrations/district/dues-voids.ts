/**
 * MEM-3 correction of a wrongly recorded 团费 payment (撤销登记): the payment row is never deleted;
 * a void row records who voided it, when and why, with the months it had covered (and their
 * amounts). Voiding removes the payment's rows from `dues_payment_months`, so those months are
 * unpaid again (arrears and collection rates are computed from that table) and can be recorded
 * anew. One void per payment.
 */
import { type Kysely, sql } from 'kysely';
import type { PlatformDatabase } from '../../schema';

export async function up(trx: Kysely<PlatformDatabase>, schema: string): Promise<void> {
  const s = trx.schema.withSchema(schema);
  await s
    .createTable('dues_payment_voids')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('payment_id', 'uuid', (c) => c.notNull().unique().references('dues_payments.id'))
    .addColumn('reason', 'text', (c) => c.notNull().check(sql`length(btrim(reason)) > 0`))
    // [{ month: 'YYYY-MM', amountFen }] as they were before the void
    .addColumn('months', 'jsonb', (c) => c.notNull())
    .addColumn('voided_by', 'uuid') // platform.users id (no cross-schema FK)
    .addColumn('voided_by_name', 'text', (c) => c.notNull())
    .addColumn('voided_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}
