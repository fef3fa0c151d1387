/**
 * 身份证号 (GB 11643-1999, 18 digits) and mobile phone numbers: validation and the masked forms
 * shown in lists (MEM-1). Pure: no I/O.
 */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

/** Upper-case, without spaces. */
export function normalizeIdCard(value: string): string {
  return value.replace(/\s+/g, '').toUpperCase();
}

/** The check character (0–9 or X) of the first 17 digits, per GB 11643 (ISO 7064 MOD 11-2). */
export function idCardCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new Error('需要17位数字');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

export type IdCardProblem = 'format' | 'birthDate' | 'checksum';

export interface IdCardInfo {
  /** Normalised 18-character value. */
  value: string;
  birthDate: string;
  gender: 'male' | 'female';
}

/** Why an ID number is invalid, in Chinese. */
export const idCardProblemMessage: Record<IdCardProblem, string> = {
  format: '身份证号应为18位（前17位为数字，末位为数字或X）',
  birthDate: '身份证号中的出生日期无效',
  checksum: '身份证号校验码错误（GB 11643）',
};

export function parseIdCard(
  raw: string,
): { ok: true; info: IdCardInfo } | { ok: false; problem: IdCardProblem; message: string } {
  const value = normalizeIdCard(raw);
  const fail = (problem: IdCardProblem) => ({
    ok: false as const,
    problem,
    message: idCardProblemMessage[problem],
  });
  if (!/^\d{17}[\dX]$/.test(value)) return fail('format');
  const y = Number(value.slice(6, 10));
  const m = Number(value.slice(10, 12));
  const d = Number(value.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d)
    return fail('birthDate');
  if (idCardCheckChar(value.slice(0, 17)) !== value[17]) return fail('checksum');
  return {
    ok: true,
    info: {
      value,
      birthDate: `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`,
      gender: Number(value[16]) % 2 === 1 ? 'male' : 'female',
    },
  };
}

export function isValidIdCard(raw: string): boolean {
  return parseIdCard(raw).ok;
}

/** `6201**********123X`: the first 4 and the last 4 characters. */
export function maskIdCard(value: string): string {
  const v = normalizeIdCard(value);
  return `${v.slice(0, 4)}${'*'.repeat(Math.max(0, v.length - 8))}${v.slice(-4)}`;
}

/** Mainland mobile numbers: 11 digits starting with 1. */
export function normalizePhone(raw: string): string {
  return raw.replace(/[\s-]+/g, '').replace(/^\+?86/, '');
}

export function isValidPhone(raw: string): boolean {
  return /^1[3-9]\d{9}$/.test(normalizePhone(raw));
}

export const phoneProblemMessage = '手机号码应为11位数字，以1开头';

/** `138****5678`. */
export function maskPhone(value: string): string {
  const v = normalizePhone(value);
  return `${v.slice(0, 3)}****${v.slice(-4)}`;
}
