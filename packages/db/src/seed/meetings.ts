/**
 * Demo 三会两制一课 (LIFE-1) so that calendars and rates are not empty: for the demo 团支部 and up to
 * 20 other 团支部 of a district, 2026's general meetings (Q1–Q3, some quarters skipped, one below
 * quorum now and then), monthly committee meetings (January–October, for branches with a committee
 * by `branch.committee`, some months skipped) and three 团课. Deterministic per district. Attendance
 * rows are seeded for the general meetings only (the other kinds carry their counts); no photos.
 */
import { meetingQuorumMet, ruleCatalogue } from '@tuanjian/domain';
import type { Insertable, Kysely } from 'kysely';
import type { DistrictDatabase, MeetingAttendanceTable, MeetingsTable } from '../schema';
import type { DistrictSeed } from './district';
import { Prng } from './prng';

const SEED_USER = '00000000-0000-0000-0000-000000000000';
const YEAR = 2026;
const TOPICS = {
  general_meeting: ['学习团章，讨论本季度工作', '团员教育评议动员', '讨论发展团员', '学习团的代表大会精神'],
  committee_meeting: ['研究本月工作安排', '筹备主题团日活动', '研究团费收缴和团员管理', '研究推优入党人选'],
  league_lesson: ['团的基本知识', '党史学习教育', '青年马克思主义者的成长', '新时代青年的责任担当'],
} as const;

export interface MeetingSeed {
  meetings: Insertable<MeetingsTable>[];
  attendance: Insertable<MeetingAttendanceTable>[];
}

const pad = (n: number) => String(n).padStart(2, '0');

export function generateMeetingSeed(code: string, seed: DistrictSeed): MeetingSeed {
  const rng = new Prng(`tuanjian-demo:meetings:${code}`);
  const frequency = ruleCatalogue['meetings.frequency'].value;
  const committeeFrom = ruleCatalogue['branch.committee'].value.committeeFromMembers;
  const out: MeetingSeed = { meetings: [], attendance: [] };
  const membersOf = new Map<string, string[]>();
  for (const m of seed.members) {
    if (m.status !== 'active') continue;
    membersOf.set(m.org_id, [...(membersOf.get(m.org_id) ?? []), m.id]);
  }
  const branches = seed.orgs.filter((o) => o.kind === 'branch');
  const chosen = [
    ...branches.filter((b) => b.id === seed.demoBranchId),
    ...branches.filter((b) => b.id !== seed.demoBranchId).slice(0, 20),
  ];
  for (const org of chosen) {
    const members = membersOf.get(org.id) ?? [];
    if (members.length === 0) continue;
    const add = (kind: keyof typeof TOPICS, heldOn: string, present: string[] | null) => {
      if (org.founded_on && heldOn < org.founded_on) return;
      const id = rng.uuid();
      const count = present ? present.length : Math.max(1, Math.round(members.length * 0.8));
      out.meetings.push({
        id,
        org_id: org.id,
        kind,
        held_on: heldOn,
        topic: rng.pick(TOPICS[kind]),
        location: org.unit_name ? `${org.unit_name}活动室` : '团员活动室',
        minutes: null,
        duration_minutes: kind === 'league_lesson' ? 90 : null,
        entitled_count: members.length,
        present_count: Math.min(count, members.length),
        quorum_met:
          kind === 'general_meeting'
            ? meetingQuorumMet(count, members.length, frequency.generalMeeting.quorumMoreThanFraction)
            : null,
        rule_version: 1,
        created_by: SEED_USER,
        updated_by: SEED_USER,
      });
      if (present) {
        const here = new Set(present);
        for (const m of members)
          out.attendance.push({ meeting_id: id, member_id: m, present: here.has(m), absence_reason: null });
      }
    };
    for (const q of [1, 2, 3]) {
      if (org.id !== seed.demoBranchId && rng.chance(0.2)) continue;
      const share = rng.chance(0.1) ? 0.4 : 0.85;
      const present = members.filter(() => rng.chance(share));
      add('general_meeting', `${YEAR}-${pad((q - 1) * 3 + rng.int(1, 3))}-${pad(rng.int(1, 28))}`, present);
    }
    if (members.length >= committeeFrom) {
      for (let month = 1; month <= 10; month++) {
        if (rng.chance(0.25)) continue;
        add('committee_meeting', `${YEAR}-${pad(month)}-${pad(rng.int(1, 28))}`, null);
      }
    }
    for (const month of [3, 6, 9]) add('league_lesson', `${YEAR}-${pad(month)}-${pad(rng.int(1, 28))}`, null);
  }
  return out;
}

export async function insertMeetingSeed(tdb: Kysely<DistrictDatabase>, data: MeetingSeed): Promise<void> {
  for (let i = 0; i < data.meetings.length; i += 400) {
    await tdb
      .insertInto('meetings')
      .values(data.meetings.slice(i, i + 400))
      .execute();
  }
  for (let i = 0; i < data.attendance.length; i += 400) {
    await tdb
      .insertInto('meeting_attendance')
      .values(data.attendance.slice(i, i + 400))
      .execute();
  }
}
