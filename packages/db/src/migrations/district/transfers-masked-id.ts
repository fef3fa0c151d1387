/**
 * MEM-4: the receiver also sees the masked 身份证号 of an incoming member (`6201**********123X`,
 * as lists show it) — to tell people of the same name apart; never the sealed number.
 */
import type { Kysely } from 'kysely';
import type { PlatformDatabase } from '../../schema';

export async function up(trx: Kysely<PlatformDatabase>, schema: string): Promise<void> {
  await trx.schema
    .withSchema(schema)
    .alterTable('transfers')
    .addColumn('member_id_card_masked', 'text')
    .execute();
}
