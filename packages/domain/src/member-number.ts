/**
 * 团员编号 (member number): 12 digits = 4-digit year + 2-digit province code +
 * 6-digit sequence, drawn from number blocks (号段) assigned top-down.
 * Source: 智慧团建 practice (DOMAIN.md §10, rule `member.number`).
 */

/** GB/T 2260 province-level codes (first two digits). */
export const PROVINCE_CODES: Record<string, string> = {
  '11': '北京',
  '12': '天津',
  '13': '河北',
  '14': '山西',
  '15': '内蒙古',
  '21': '辽宁',
  '22': '吉林',
  '23': '黑龙江',
  '31': '上海',
  '32': '江苏',
  '33': '浙江',
  '34': '安徽',
  '35': '福建',
  '36': '江西',
  '37': '山东',
  '41': '河南',
  '42': '湖北',
  '43': '湖南',
  '44': '广东',
  '45': '广西',
  '46': '海南',
  '50': '重庆',
  '51': '四川',
  '52': '贵州',
  '53': '云南',
  '54': '西藏',
  '61': '陕西',
  '62': '甘肃',
  '63': '青海',
  '64': '宁夏',
  '65': '新疆',
};

export interface MemberNumberParts {
  year: number;
  provinceCode: string;
  sequence: number;
}

const RE = /^(\d{4})(\d{2})(\d{6})$/;

export function parseMemberNumber(value: string): MemberNumberParts | null {
  const m = RE.exec(value);
  if (!m) return null;
  const year = Number(m[1]);
  const provinceCode = m[2] as string;
  if (year < 1922 || year > 2999 || !(provinceCode in PROVINCE_CODES)) return null;
  return { year, provinceCode, sequence: Number(m[3]) };
}

export function isValidMemberNumber(value: string): boolean {
  return parseMemberNumber(value) !== null;
}

export function formatMemberNumber(parts: MemberNumberParts): string {
  if (!Number.isInteger(parts.sequence) || parts.sequence < 0 || parts.sequence > 999_999) {
    throw new RangeError('团员编号序号须为 0–999999 的整数');
  }
  if (!(parts.provinceCode in PROVINCE_CODES)) throw new RangeError(`未知的省级代码：${parts.provinceCode}`);
  return `${String(parts.year).padStart(4, '0')}${parts.provinceCode}${String(parts.sequence).padStart(6, '0')}`;
}
