/**
 * Demo data of ORG-7 基层团建指导员: three instructors of the city (phones sealed like members'),
 * training records, the demo `instructor` account linked to the first, who is assigned to the demo
 * branch of 城关区 (since September last year) and one more branch there, with one visit to the demo
 * branch last December (待计入: the demo has no health check of that year).
 */
import { checklistItems, ruleCatalogue } from '@tuanjian/domain';
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
  const assignments = await trx
    .insertInto('platform.instructor_assignments')
    .values(
      branches.map((b) => ({
        instructor_id: first.id,
        instructor_name: first.name,
        tenant_id: ids.chengguan.tenantId,
        org_id: b.id,
        org_name: b.name,
        sector: b.sector,
        starts_on: `${year - 1}-09-01`,
        assigned_by: ids.cityAdminUserId,
      })),
    )
    .returning(['id', 'org_id', 'org_name'])
    .execute();
  const visited = assignments[0];
  if (!visited) return;
  // Last December (待计入: no health check of that year in the demo). A visit of this year would be
  // applied as 上级点 as soon as a district opens this year's round, changing every demo rectification.
  const visitedOn = `${year - 1}-12-10`;
  const checklist = ruleCatalogue['rectification.checklist'].value;
  const [item1, item2] = checklistItems(checklist);
  const good = checklist.grades[0]?.key;
  const fair = checklist.grades[1]?.key ?? good;
  if (!item1 || !item2 || !good || !fair) return;
  await trx
    .insertInto('platform.instructor_visits')
    .values({
      instructor_id: first.id,
      instructor_name: first.name,
      assignment_id: visited.id,
      tenant_id: ids.chengguan.tenantId,
      org_id: visited.org_id,
      org_name: visited.org_name,
      visited_on: visitedOn,
      year: year - 1,
      findings: '支部团员大会记录不完整，缺少两次会议的签到表；建议按月整理会议记录并及时上传照片',
      grades: JSON.stringify({ [item1.key]: fair, [item2.key]: good }),
      recorded_by: ids.instructorUserId,
    })
    .execute();
}
