/**
 * ORG-7: a visit of a 基层团建指导员 becomes a 上级点 input of the branch's health check (整理整顿 体检).
 * `health_check_inputs.instructor_visit_id` names the visit (`platform.instructor_visits`, no
 * cross-schema key); such rows sit beside the superior organisation's own 上级点 (which stays one per
 * check), and the source score is the mean of all 上级点 inputs. One input per visit.
 */
import { type Kysely, sql } from 'kysely';
import type { PlatformDatabase } from '../../schema';

export async function up(trx: Kysely<PlatformDatabase>, schema: string): Promise<void> {
  const t = sql.id(schema, 'health_check_inputs');
  await sql`alter table ${t} add column instructor_visit_id uuid`.execute(trx);
  await sql`create unique index health_check_inputs_one_visit on ${t} (instructor_visit_id)
    where instructor_visit_id is not null`.execute(trx);
  await sql`alter table ${t} add constraint health_check_inputs_visit_superior
    check (instructor_visit_id is null or source = 'superior')`.execute(trx);
  await sql`drop index ${sql.id(schema, 'health_check_inputs_one_self_superior')}`.execute(trx);
  await sql`create unique index health_check_inputs_one_self_superior on ${t} (health_check_id, source)
    where source in ('self', 'superior') and instructor_visit_id is null`.execute(trx);
}
