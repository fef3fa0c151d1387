/**
 * Fictitious but well-formed personal information for the demo members (MEM-1): an 18-digit
 * 身份证号 with a valid GB 11643 check character (Lanzhou county codes, the member's birth date and
 * gender) and a mobile number — sealed before insert, so the demo database holds no clear value.
 * Deterministic per member id, on its own random stream (the main seed stream is untouched).
 */
import { idCardCheckChar, maskIdCard, maskPhone } from '@tuanjian/domain';
import { encryptPii, type PiiKeyring, piiBlindIndex } from '../pii';
import { Prng } from './prng';

/** County-level administrative codes (GB/T 2260) of the demo tenants; 兰州新区 and 市直 use 620100. */
const REGION: Record<string, string> = {
  chengguan: '620102',
  qilihe: '620103',
  xigu: '620104',
  anning: '620105',
  honggu: '620111',
  yongdeng: '620121',
  gaolan: '620122',
  yuzhong: '620123',
  xinqu: '620100',
  shizhi: '620100',
};

const PHONE_PREFIXES = [
  '133',
  '135',
  '136',
  '138',
  '139',
  '150',
  '151',
  '153',
  '158',
  '177',
  '180',
  '186',
  '189',
  '199',
];

export interface DemoPii {
  idCard: string | null;
  phone: string | null;
}

export function demoPii(
  districtCode: string,
  m: { id: string; birth_date: string; gender: 'male' | 'female' },
): DemoPii {
  const rng = new Prng(`pii:${m.id}`);
  const region = REGION[districtCode] ?? '620100';
  // order code: 3 digits, odd for men, even for women
  let order = rng.int(0, 998);
  if ((order % 2 === 1) !== (m.gender === 'male')) order += 1;
  const first17 = `${region}${m.birth_date.replaceAll('-', '')}${String(order).padStart(3, '0')}`;
  const idCard = rng.chance(0.03) ? null : first17 + idCardCheckChar(first17);
  const phone = rng.chance(0.08)
    ? null
    : `${rng.pick(PHONE_PREFIXES)}${String(rng.int(0, 99_999_999)).padStart(8, '0')}`;
  return { idCard, phone };
}

/** The sealed columns of `members` for these values. */
export function sealedPiiColumns(pii: DemoPii, ring?: PiiKeyring) {
  return {
    id_card_sealed: pii.idCard ? encryptPii(pii.idCard, ring) : null,
    id_card_masked: pii.idCard ? maskIdCard(pii.idCard) : null,
    id_card_index: pii.idCard ? piiBlindIndex(pii.idCard, ring) : null,
    phone_sealed: pii.phone ? encryptPii(pii.phone, ring) : null,
    phone_masked: pii.phone ? maskPhone(pii.phone) : null,
  };
}
