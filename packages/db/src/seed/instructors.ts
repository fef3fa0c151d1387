/**
 * Demo data of ORG-7 基层团建指导员: three instructors of the city (phones sealed like members'),
 * training records, the demo `instructor` account linked to the first, who is assigned to the demo
 * branch of 城关区 and one more branch there. No visit is seeded (the instructor records one).
 */
import { type Kysely, sql } from 'kysely';
import { encryptPii } from '../pii';
import type { PlatformDatabase } from '../schema';

const maskPhone = (p: string) => `${p.slice(0, 3)}****${p.slice(7)}`;

export async function insertDemoInstructors(
  trx: Kysely<PlatformDatabase>,
  now: Date,
  ids: {
    instructorUserId: string;
    cityAdminUserId: string;
    chengguan: { tenantId: string; branchId: string | null };
  },
): Promise<void> {
  const people = [
    { name: '马晓东', unit: '兰州市城关区委组织部', phone: '13909310001', user_id: ids.instructorUserId },
    { name: '李文静', unit: '兰州大学团委', phone: '13909310002', user_id: null },
    { name: '赵志强', unit: '兰州石化公司团委', phone: '13909310003', user_id: null },
  ];
  const rows = await trx
    .insertInto('platform.instructors')
    .values(
      people.map((p) => ({
        name: p.name,
        unit: p.unit,
        phone_sealed: encryptPii(p.phone),
        phone_masked: maskPhone(p.phone),
        user_id: p.user_id,
        created_by: ids.cityAdminUserId,
      })),
    )
    .returning(['id', 'name'])
    .execute();
  const year = now.getUTCFullYear();
  await trx
    .insertInto('platform.instructor_trainings')
    .values(
      rows.flatMap((r, i) => [
        {
          instructor_id: r.id,
          trained_on: `${year - 1}-06-1${i}`,
          course: '基层团建指导员岗前培训',
          hours: 16,
          created_by: ids.cityAdminUserId,
        },
        {
          instructor_id: r.id,
          trained_on: `${year}-03-2${i}`,
          course: '整理整顿与对标定级工作要点',
          hours: 4.5,
          created_by: ids.cityAdminUserId,
        },
      ]),
    )
    .execute();
  const t = await trx
    .selectFrom('platform.tenants')
    .select('schema_name')
    .where('id', '=', ids.chengguan.tenantId)
    .executeTakeFirstOrThrow();
  const cg = sql.id(t.schema_name as string, 'organisations');
  const { rows: branches } = await sql<{ id: string; name: string; sector: string | null }>`
    select id, name, sector from ${cg} where kind = 'branch' and status = 'active'
    order by (id = ${ids.chengguan.branchId}) desc nulls last, name limit 2`.execute(trx);
  const first = rows[0];
  if (!first) return;
  await trx
    .insertInto('platform.instructor_assignments')
    .values(
      branches.map((b) => ({
        instructor_id: first.id,
        instructor_name: first.name,
        tenant_id: ids.chengguan.tenantId,
        org_id: b.id,
        org_name: b.name,
        sector: b.sector,
        starts_on: `${year}-01-01`,
        assigned_by: ids.cityAdminUserId,
      })),
    )
    .execute();
}
