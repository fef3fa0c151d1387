/**
 * 青年大学习 import: which columns a completion list may have (lenient about header wording, as the
 * provincial platform's exports vary by year and by whoever re-typed them) and how a row is matched to
 * a member — 团员编号 first, then name + 团支部, narrowed by the phone (masked form) or the last ID
 * digits when the name repeats.
 */

export const STUDY_COLUMNS = [
  'name',
  'memberNumber',
  'phone',
  'idTail',
  'branch',
  'session',
  'date',
] as const;
export type StudyColumn = (typeof STUDY_COLUMNS)[number];

/** Chinese header of each column in our template (also the first alias). */
export const studyColumnLabel: Record<StudyColumn, string> = {
  name: '姓名',
  memberNumber: '团员编号',
  phone: '手机号',
  idTail: '身份证号后四位',
  branch: '所在团支部',
  session: '学习期次',
  date: '学习日期',
};

/**
 * Accepted header spellings, checked in this order (the more specific first: 身份证 before 证,
 * 学习日期 before 日期). A header matches an alias exactly, or contains it.
 */
const ALIASES: [StudyColumn, string[]][] = [
  [
    'idTail',
    [
      '身份证号后四位',
      '身份证后四位',
      '证件号后四位',
      '身份证后4位',
      '身份证号后4位',
      '身份证号码',
      '身份证号',
      '身份证',
      '证件号码',
      '证件号',
    ],
  ],
  ['memberNumber', ['团员编号', '团员证号', '团籍编号', '编号']],
  ['phone', ['手机号码', '手机号', '手机', '联系电话', '联系方式', '电话']],
  [
    'branch',
    [
      '所在团支部',
      '所属团支部',
      '团支部名称',
      '团支部',
      '所在支部',
      '所属支部',
      '支部名称',
      '支部',
      '所在组织',
      '所属组织',
      '组织名称',
      '团组织',
      '单位',
    ],
  ],
  ['session', ['学习期次', '期次', '期数', '课程期次', '课程名称', '课程']],
  ['date', ['学习日期', '完成日期', '学习时间', '完成时间', '提交时间', '日期', '时间']],
  ['name', ['姓名', '团员姓名', '学员姓名', '真实姓名', '名字']],
];

/** Header text normalised for comparison: no spaces, asterisks, colons or brackets. */
export function normaliseHeader(text: string): string {
  return text.replace(/[\s*＊:：()（）[\]【】]/g, '');
}

/** Which column a header cell is (null = a column we do not read). */
export function studyColumnOf(header: string): StudyColumn | null {
  const h = normaliseHeader(header);
  if (!h) return null;
  for (const [col, names] of ALIASES) if (names.includes(h)) return col;
  for (const [col, names] of ALIASES) if (names.some((n) => n.length >= 2 && h.includes(n))) return col;
  return null;
}

/** Maps header cells (by column number) to our columns; the first cell of a column wins. */
export function mapStudyHeaders(headers: Map<number, string>): Map<StudyColumn, number> {
  const out = new Map<StudyColumn, number>();
  for (const [colNo, text] of [...headers].sort((a, b) => a[0] - b[0])) {
    const col = studyColumnOf(text);
    if (col && !out.has(col)) out.set(col, colNo);
  }
  return out;
}

/** Why a header row is not usable (Chinese), or null when it is. */
export function studyHeaderProblem(cols: Map<StudyColumn, number>): string | null {
  if (!cols.has('name') && !cols.has('memberNumber'))
    return '表头中未找到“姓名”或“团员编号”列（第1行应为表头，例如：姓名、团员编号、所在团支部、学习期次）';
  if (!cols.has('memberNumber') && !cols.has('branch'))
    return '表头中未找到“团员编号”或“所在团支部”列：至少需要其一才能确认是哪位团员';
  return null;
}

export interface StudyRowInput {
  name: string;
  memberNumber: string;
  phone: string;
  idTail: string;
  branch: string;
}

export interface StudyCandidate {
  id: string;
  name: string;
  memberNumber: string | null;
  /** '138****5678' */
  phoneMasked: string | null;
  /** '6201**********123X' */
  idCardMasked: string | null;
  orgName: string;
}

export type StudyMatch =
  | { ok: true; memberId: string; by: 'memberNumber' | 'nameBranch' }
  | { ok: false; reason: string };

const digits = (s: string) => s.replace(/\s/g, '');
/** Branch names compare without spaces and brackets; '一班团支部' matches '高一（1）班团支部' only exactly. */
const orgKey = (s: string) => s.replace(/[\s()（）]/g, '');

/** The masked form of a full mobile number ('13812345678' → '138****5678'); null for anything else. */
export function maskPhoneLike(phone: string): string | null {
  const p = digits(phone).replace(/^\+?86/, '');
  return /^1\d{10}$/.test(p) ? `${p.slice(0, 3)}****${p.slice(7)}` : null;
}

/** The last four characters of an ID number as written (full number or just the tail); upper-case X. */
export function idTailOf(text: string): string | null {
  const t = digits(text).toUpperCase();
  const m = /([0-9X]{4})$/.exec(t);
  return m ? (m[1] ?? null) : null;
}

function branchMatches(candidate: string, written: string): boolean {
  const a = orgKey(candidate);
  const b = orgKey(written);
  return a === b || (b.length >= 4 && (a.endsWith(b) || b.endsWith(a)));
}

/**
 * Matches one row to a member among `candidates` (the members the importer may see). 团员编号 wins
 * when present (and must agree with the name if both are given); otherwise the name within the
 * written 团支部, and when that still leaves several, the phone or the last ID digits decide.
 */
export function matchStudyRow(
  row: StudyRowInput,
  byNumber: Map<string, StudyCandidate>,
  byName: Map<string, StudyCandidate[]>,
): StudyMatch {
  const name = row.name.replace(/\s/g, '');
  const number = digits(row.memberNumber);
  if (number) {
    const m = byNumber.get(number);
    if (!m) return { ok: false, reason: `未找到团员编号为 ${number} 的团员（或不在您管理的范围内）` };
    if (name && m.name.replace(/\s/g, '') !== name)
      return {
        ok: false,
        reason: `团员编号 ${number} 对应的团员是“${m.name}”，与表中姓名“${row.name}”不一致`,
      };
    return { ok: true, memberId: m.id, by: 'memberNumber' };
  }
  if (!name) return { ok: false, reason: '姓名和团员编号均为空' };
  let list = byName.get(name) ?? [];
  if (list.length === 0) return { ok: false, reason: `未找到姓名为“${name}”的团员（或不在您管理的范围内）` };
  if (row.branch.trim()) {
    list = list.filter((c) => branchMatches(c.orgName, row.branch));
    if (list.length === 0)
      return { ok: false, reason: `“${row.branch.trim()}”中没有名为“${name}”的团员，请核对所在团支部` };
  } else {
    return { ok: false, reason: '未填写团员编号时，须填写所在团支部' };
  }
  if (list.length > 1 && row.phone.trim()) {
    const masked = maskPhoneLike(row.phone);
    const tail = digits(row.phone).slice(-4);
    list = list.filter((c) => (masked ? c.phoneMasked === masked : !!c.phoneMasked?.endsWith(tail)));
  }
  if (list.length > 1 && row.idTail.trim()) {
    const tail = idTailOf(row.idTail);
    list = list.filter((c) => !!tail && !!c.idCardMasked?.toUpperCase().endsWith(tail));
  }
  if (list.length === 0) return { ok: false, reason: `“${name}”的手机号或身份证号后四位与系统中的记录不符` };
  if (list.length > 1)
    return {
      ok: false,
      reason: `“${row.branch.trim()}”有${list.length}名同名团员“${name}”，请填写团员编号或手机号以区分`,
    };
  const only = list[0] as StudyCandidate;
  return { ok: true, memberId: only.id, by: 'nameBranch' };
}

/** Lookup maps for `matchStudyRow`. */
export function studyCandidateIndex(candidates: StudyCandidate[]): {
  byNumber: Map<string, StudyCandidate>;
  byName: Map<string, StudyCandidate[]>;
} {
  const byNumber = new Map<string, StudyCandidate>();
  const byName = new Map<string, StudyCandidate[]>();
  for (const c of candidates) {
    if (c.memberNumber) byNumber.set(c.memberNumber, c);
    const k = c.name.replace(/\s/g, '');
    const list = byName.get(k);
    if (list) list.push(c);
    else byName.set(k, [c]);
  }
  return { byNumber, byName };
}
