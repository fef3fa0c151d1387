/**
 * LIFE-3 五四讲堂, the city's side: lectures live in `platform` (the city has no schema) and the
 * city admin works on the platform handle (`cityProcedure`, one audited transaction per write).
 * Sign-ups of every district arrive through the tenants' own roles (see `member.ts`); here the city
 * reads them all, aggregated per tenant and per branch, with attendees' names (never ID or phone).
 */

import { randomInt } from 'node:crypto';
import type { PlatformDatabase } from '@tuanjian/db';
import {
  attendancePermille,
  canFinish,
  formatShanghaiDateTime,
  type LectureFields,
  type LectureFormat,
  type LectureSignupStatus,
  type LectureStatus,
  type LectureVenueKind,
  lectureFormatLabel,
  lectureInstants,
  lectureMonth,
  lectureSignupStatusLabel,
  lectureStatusLabel,
  seatsLeft,
  shanghaiDate,
  shanghaiMinuteOfDay,
} from '@tuanjian/domain';
import { type Kysely, sql } from 'kysely';
import { asDate, tsValue } from '../../db-types';
import { appError, notFound } from '../../errors';
import { buildLedgerWorkbook, type LedgerExportFile } from '../excel';
import { escapeLike } from '../scope';

type Db = Kysely<PlatformDatabase>;

const invalid = (message: string) => appError('PRECONDITION_FAILED', 'INVALID_STATE', message);

export interface LectureItem {
  id: string;
  month: string;
  format: LectureFormat;
  theme: string;
  speaker: string;
  speakerTitle: string | null;
  venueKind: LectureVenueKind;
  venue: string;
  startsAt: Date;
  endsAt: Date;
  /** The Shanghai day and minutes (for the edit form). */
  date: string;
  startMinute: number;
  endMinute: number;
  capacity: number;
  bookedCount: number;
  seatsLeft: number;
  status: LectureStatus;
}

export interface CityLectureItem extends LectureItem {
  attendedCount: number;
  attendancePermille: number | null;
}

export interface AttendanceRow {
  signedUp: number;
  attended: number;
  cancelled: number;
  attendancePermille: number | null;
}

export interface CityLectureDetail extends CityLectureItem {
  checkInCode: string;
  byTenant: (AttendanceRow & { tenantId: string; tenantName: string })[];
  byBranch: (AttendanceRow & { tenantId: string; tenantName: string; orgId: string; orgName: string })[];
  signups: {
    id: string;
    tenantName: string;
    orgName: string;
    memberName: string;
    status: LectureSignupStatus;
    bookedAt: Date;
    cancelledAt: Date | null;
    checkedInAt: Date | null;
  }[];
}

export const lectureColumns = [
  'l.id',
  'l.month',
  'l.format',
  'l.theme',
  'l.speaker',
  'l.speaker_title',
  'l.venue_kind',
  'l.venue',
  'l.starts_at',
  'l.ends_at',
  'l.capacity',
  'l.booked_count',
  'l.status',
] as const;

export interface LectureRow {
  id: string;
  month: string;
  format: LectureFormat;
  theme: string;
  speaker: string;
  speaker_title: string | null;
  venue_kind: LectureVenueKind;
  venue: string;
  starts_at: unknown;
  ends_at: unknown;
  capacity: number;
  booked_count: number;
  status: LectureStatus;
}

export function toLectureItem(r: LectureRow): LectureItem {
  const startsAt = asDate(r.starts_at);
  const endsAt = asDate(r.ends_at);
  return {
    id: r.id,
    month: r.month,
    format: r.format,
    theme: r.theme,
    speaker: r.speaker,
    speakerTitle: r.speaker_title,
    venueKind: r.venue_kind,
    venue: r.venue,
    startsAt,
    endsAt,
    date: shanghaiDate(startsAt),
    startMinute: shanghaiMinuteOfDay(startsAt),
    endMinute: shanghaiMinuteOfDay(endsAt),
    capacity: r.capacity,
    bookedCount: r.booked_count,
    seatsLeft: seatsLeft(r.capacity, r.booked_count),
    status: r.status,
  };
}

function attendance(signedUp: number, attended: number, cancelled: number): AttendanceRow {
  return { signedUp, attended, cancelled, attendancePermille: attendancePermille(attended, signedUp) };
}

export interface CityListInput {
  page: number;
  pageSize: number;
  q?: string;
  status?: LectureStatus;
  /** 'YYYY-MM' */
  month?: string;
}

export async function cityList(
  db: Db,
  input: CityListInput,
): Promise<{ items: CityLectureItem[]; total: number; page: number; pageSize: number }> {
  let q = db.selectFrom('platform.lectures as l');
  if (input.q) {
    const like = `%${escapeLike(input.q)}%`;
    q = q.where((eb) =>
      eb.or([eb('l.theme', 'like', like), eb('l.speaker', 'like', like), eb('l.venue', 'like', like)]),
    );
  }
  if (input.status) q = q.where('l.status', '=', input.status);
  if (input.month) q = q.where('l.month', '=', input.month);
  const { total } = await q.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const rows = await q
    .select(lectureColumns)
    .select((eb) =>
      eb
        .selectFrom('platform.lecture_signups as s')
        .whereRef('s.lecture_id', '=', 'l.id')
        .where('s.status', '=', 'attended')
        .select((e) => e.fn.countAll<number>().as('n'))
        .as('attended'),
    )
    .orderBy('l.starts_at', 'desc')
    .limit(input.pageSize)
    .offset((input.page - 1) * input.pageSize)
    .execute();
  return {
    items: rows.map((r) => {
      const attended = Number(r.attended ?? 0);
      return {
        ...toLectureItem(r),
        attendedCount: attended,
        attendancePermille: attendancePermille(attended, r.booked_count),
      };
    }),
    total: Number(total),
    page: input.page,
    pageSize: input.pageSize,
  };
}

export async function cityGet(db: Db, id: string): Promise<CityLectureDetail> {
  const l = await db
    .selectFrom('platform.lectures as l')
    .select(lectureColumns)
    .select('l.check_in_code')
    .where('l.id', '=', id)
    .executeTakeFirst();
  if (!l) throw notFound('讲堂');
  const signups = await db
    .selectFrom('platform.lecture_signups as s')
    .innerJoin('platform.tenants as t', 't.id', 's.tenant_id')
    .select([
      's.id',
      's.tenant_id',
      't.name as tenant_name',
      't.sort_order',
      's.org_id',
      's.org_name',
      's.member_name',
      's.status',
      's.booked_at',
      's.cancelled_at',
      's.checked_in_at',
    ])
    .where('s.lecture_id', '=', id)
    .orderBy('t.sort_order')
    .orderBy('s.org_name')
    .orderBy('s.booked_at')
    .execute();
  const tenants = new Map<string, { name: string; s: number; a: number; c: number }>();
  const branches = new Map<
    string,
    { tenantId: string; tenantName: string; orgId: string; orgName: string; s: number; a: number; c: number }
  >();
  for (const r of signups) {
    const t = tenants.get(r.tenant_id) ?? { name: r.tenant_name, s: 0, a: 0, c: 0 };
    tenants.set(r.tenant_id, t);
    const key = `${r.tenant_id}/${r.org_id}`;
    const b = branches.get(key) ?? {
      tenantId: r.tenant_id,
      tenantName: r.tenant_name,
      orgId: r.org_id,
      orgName: r.org_name,
      s: 0,
      a: 0,
      c: 0,
    };
    branches.set(key, b);
    for (const x of [t, b]) {
      if (r.status === 'cancelled') x.c++;
      else x.s++;
      if (r.status === 'attended') x.a++;
    }
  }
  const attended = signups.filter((s) => s.status === 'attended').length;
  return {
    ...toLectureItem(l),
    attendedCount: attended,
    attendancePermille: attendancePermille(attended, l.booked_count),
    checkInCode: l.check_in_code,
    byTenant: [...tenants].map(([tenantId, t]) => ({
      tenantId,
      tenantName: t.name,
      ...attendance(t.s, t.a, t.c),
    })),
    byBranch: [...branches.values()].map((b) => ({
      tenantId: b.tenantId,
      tenantName: b.tenantName,
      orgId: b.orgId,
      orgName: b.orgName,
      ...attendance(b.s, b.a, b.c),
    })),
    signups: signups.map((s) => ({
      id: s.id,
      tenantName: s.tenant_name,
      orgName: s.org_name,
      memberName: s.member_name,
      status: s.status,
      bookedAt: asDate(s.booked_at),
      cancelledAt: s.cancelled_at ? asDate(s.cancelled_at) : null,
      checkedInAt: s.checked_in_at ? asDate(s.checked_in_at) : null,
    })),
  };
}

function newCheckInCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}

function fieldValues(input: LectureFields) {
  const { startsAt, endsAt } = lectureInstants(input);
  return {
    month: lectureMonth(startsAt),
    format: input.format,
    theme: input.theme,
    speaker: input.speaker,
    speaker_title: input.speakerTitle?.trim() ? input.speakerTitle.trim() : null,
    venue_kind: input.venueKind,
    venue: input.venue,
    starts_at: tsValue(startsAt),
    ends_at: tsValue(endsAt),
    capacity: input.capacity,
  };
}

export async function create(db: Db, input: LectureFields, userId: string): Promise<CityLectureDetail> {
  const row = await db
    .insertInto('platform.lectures')
    .values({ ...fieldValues(input), check_in_code: newCheckInCode(), created_by: userId })
    .returning('id')
    .executeTakeFirstOrThrow();
  return cityGet(db, row.id);
}

async function lockLecture(db: Db, id: string) {
  const l = await db
    .selectFrom('platform.lectures')
    .select(['id', 'status', 'starts_at', 'ends_at', 'booked_count', 'capacity'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!l) throw notFound('讲堂');
  return { ...l, startsAt: asDate(l.starts_at), endsAt: asDate(l.ends_at) };
}

export async function update(db: Db, id: string, input: LectureFields): Promise<CityLectureDetail> {
  const l = await lockLecture(db, id);
  if (l.status === 'cancelled' || l.status === 'finished') {
    throw invalid(`讲堂${lectureStatusLabel[l.status]}，不能修改`);
  }
  if (input.capacity < l.booked_count) {
    throw invalid(`名额不能少于已报名人数（${l.booked_count}人）`);
  }
  await db
    .updateTable('platform.lectures')
    .set({ ...fieldValues(input), updated_at: sql`now()` })
    .where('id', '=', id)
    .execute();
  return cityGet(db, id);
}

export async function setStatus(
  db: Db,
  id: string,
  action: 'publish' | 'cancel' | 'finish',
  now: Date,
): Promise<CityLectureDetail> {
  const l = await lockLecture(db, id);
  let to: LectureStatus;
  if (action === 'publish') {
    if (l.status !== 'draft') throw invalid(`讲堂${lectureStatusLabel[l.status]}，不能发布`);
    if (l.startsAt.getTime() <= now.getTime()) throw invalid('讲堂开始时间已过，不能发布，请先修改时间');
    to = 'published';
  } else if (action === 'cancel') {
    if (l.status !== 'draft' && l.status !== 'published') {
      throw invalid(`讲堂${lectureStatusLabel[l.status]}，不能取消`);
    }
    to = 'cancelled';
  } else {
    const ok = canFinish({ status: l.status, startsAt: l.startsAt, endsAt: l.endsAt }, now);
    if (!ok.ok) throw invalid(ok.reason);
    to = 'finished';
  }
  await db
    .updateTable('platform.lectures')
    .set({ status: to, updated_at: sql`now()` })
    .where('id', '=', id)
    .execute();
  return cityGet(db, id);
}

const timeText = (d: Date | null) => (d ? formatShanghaiDateTime(d) : '');

export async function exportAttendance(db: Db, id: string, now: Date): Promise<LedgerExportFile> {
  const d = await cityGet(db, id);
  return buildLedgerWorkbook({
    name: '五四讲堂签到名单',
    title: `五四讲堂 ${lectureFormatLabel[d.format]}《${d.theme}》 ${formatShanghaiDateTime(d.startsAt)} ${d.venue}`,
    scopeName: '兰州市团委',
    filters: [d.month, d.theme],
    unit: '人',
    now,
    rows: d.signups,
    columns: [
      { header: '区县团委', width: 18, value: (r) => r.tenantName },
      { header: '所在团组织', width: 36, value: (r) => r.orgName },
      { header: '姓名', width: 10, value: (r) => r.memberName },
      { header: '状态', width: 10, value: (r) => lectureSignupStatusLabel[r.status] },
      { header: '报名时间', width: 18, value: (r) => timeText(r.bookedAt) },
      { header: '签到时间', width: 18, value: (r) => timeText(r.checkedInAt) },
      { header: '取消时间', width: 18, value: (r) => timeText(r.cancelledAt) },
    ],
  });
}
