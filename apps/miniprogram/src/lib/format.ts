/** '2026-01-01' → '2026年1月1日'; empty or malformed → '—'. */
export function formatDate(date: string | null | undefined): string {
  if (!date) return '—';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  if (!m) return '—';
  return `${Number(m[1])}年${Number(m[2])}月${Number(m[3])}日`;
}

/** A member number, or a note that it has not been assigned yet. */
export function formatMemberNumber(memberNumber: string | null | undefined): string {
  return memberNumber || '未分配';
}
