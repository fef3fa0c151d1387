/**
 * 档案完备 (MEM-1): the archive completeness checklist of one member and its score.
 * The list of items is data (ARCHIVE_CHECKLIST); the score is the share of items present.
 */

export interface ArchiveFields {
  name: string | null;
  gender: string | null;
  ethnicity: string | null;
  birthDate: string | null;
  /** Whether an (encrypted) ID-card number is on file. */
  hasIdCard: boolean;
  hasPhone: boolean;
  joinDate: string | null;
  memberNumber: string | null;
  education: string | null;
  occupationCategory: string | null;
  orgId: string | null;
}

export const ARCHIVE_CHECKLIST = [
  { key: 'name', label: '姓名' },
  { key: 'gender', label: '性别' },
  { key: 'ethnicity', label: '民族' },
  { key: 'birthDate', label: '出生日期' },
  { key: 'idCard', label: '身份证号' },
  { key: 'phone', label: '手机号码' },
  { key: 'joinDate', label: '入团时间' },
  { key: 'memberNumber', label: '团员编号' },
  { key: 'education', label: '学历' },
  { key: 'occupationCategory', label: '职业类别' },
  { key: 'orgId', label: '所在团组织' },
] as const;

export type ArchiveItemKey = (typeof ARCHIVE_CHECKLIST)[number]['key'];

export interface ArchiveCompleteness {
  /** 0–100, rounded down. */
  score: number;
  complete: boolean;
  items: { key: ArchiveItemKey; label: string; present: boolean }[];
  missing: ArchiveItemKey[];
  /** Chinese labels of the missing items. */
  missingLabels: string[];
}

const filled = (v: string | null | undefined) => typeof v === 'string' && v.trim() !== '';

export function archiveCompleteness(f: ArchiveFields): ArchiveCompleteness {
  const present: Record<ArchiveItemKey, boolean> = {
    name: filled(f.name),
    gender: filled(f.gender),
    ethnicity: filled(f.ethnicity),
    birthDate: filled(f.birthDate),
    idCard: f.hasIdCard,
    phone: f.hasPhone,
    joinDate: filled(f.joinDate),
    memberNumber: filled(f.memberNumber),
    education: filled(f.education),
    occupationCategory: filled(f.occupationCategory),
    orgId: filled(f.orgId),
  };
  const items = ARCHIVE_CHECKLIST.map((i) => ({ key: i.key, label: i.label, present: present[i.key] }));
  const missingItems = items.filter((i) => !i.present);
  const score = Math.floor(((items.length - missingItems.length) * 100) / items.length);
  return {
    score,
    complete: missingItems.length === 0,
    items,
    missing: missingItems.map((i) => i.key),
    missingLabels: missingItems.map((i) => i.label),
  };
}

export const ARCHIVE_CHECK_RESULTS = ['passed', 'needs_correction'] as const;
export type ArchiveCheckResult = (typeof ARCHIVE_CHECK_RESULTS)[number];
export const archiveCheckResultLabel: Record<ArchiveCheckResult, string> = {
  passed: '核查通过',
  needs_correction: '需补正',
};

export const PII_FIELDS = ['idCard', 'phone'] as const;
export type PiiField = (typeof PII_FIELDS)[number];
export const piiFieldLabel: Record<PiiField, string> = { idCard: '身份证号', phone: '手机号码' };
