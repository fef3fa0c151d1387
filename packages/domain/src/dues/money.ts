/** Money in integer 分 (fen). Never floating point: formatting works on the integer digits. */

export function assertFen(fen: number): void {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`金额须为整数分：${fen}`);
}

/** ¥0.20, ¥1,234.50, -¥3.00 */
export function formatFen(fen: number): string {
  assertFen(fen);
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100);
  const cents = abs % 100;
  const grouped = String(yuan).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}¥${grouped}.${String(cents).padStart(2, '0')}`;
}

/** Parse '12.34' / '12' / '¥1,200.5' yuan into 分 (at most two decimals); null when invalid. */
export function parseYuanToFen(text: string): number | null {
  const s = text.trim().replace(/^¥/, '').replace(/,/g, '');
  const m = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}
