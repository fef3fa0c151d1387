/**
 * Name pools for demo people. Frequencies roughly follow northwest China (Gansu): mostly 汉族, with
 * 回族, 东乡族 and 藏族 members as in Lanzhou's districts and counties.
 */
import type { Prng } from './prng';

const HAN_SURNAMES: readonly (readonly [string, number])[] = [
  ['王', 30], ['李', 28], ['张', 26], ['刘', 20], ['陈', 12], ['杨', 14], ['赵', 10], ['黄', 5],
  ['周', 7], ['吴', 6], ['徐', 5], ['孙', 6], ['马', 10], ['朱', 5], ['胡', 5], ['郭', 6],
  ['何', 5], ['高', 6], ['林', 3], ['罗', 4], ['郑', 4], ['梁', 4], ['谢', 3], ['宋', 4],
  ['唐', 3], ['许', 3], ['韩', 4], ['冯', 3], ['邓', 3], ['曹', 4], ['彭', 3], ['曾', 2],
  ['田', 4], ['董', 4], ['袁', 3], ['潘', 2], ['蒋', 2], ['蔡', 2], ['魏', 5], ['吕', 2],
  ['丁', 3], ['任', 3], ['姚', 3], ['姜', 2], ['崔', 3], ['陆', 2], ['范', 3], ['金', 2],
  ['石', 2], ['贾', 3], ['付', 3], ['牛', 3], ['白', 3], ['孟', 2], ['秦', 2], ['段', 3],
  ['雷', 2], ['侯', 2], ['史', 2], ['牟', 1], ['苏', 3], ['汪', 2], ['窦', 1], ['裴', 1],
];

const HUI_SURNAMES: readonly (readonly [string, number])[] = [
  ['马', 40], ['杨', 8], ['白', 6], ['丁', 6], ['冶', 5], ['沙', 4], ['穆', 3], ['海', 3],
  ['哈', 3], ['妥', 3], ['韩', 4], ['苏', 3], ['李', 3], ['王', 3], ['何', 2], ['喇', 2],
];

const DONGXIANG_SURNAMES: readonly (readonly [string, number])[] = [
  ['马', 40], ['妥', 8], ['汪', 6], ['何', 5], ['唐', 4], ['东', 3], ['赵', 3], ['韩', 3],
];

const MALE_CHARS = [
  '伟', '浩', '宇', '轩', '博', '杰', '磊', '强', '鹏', '涛', '俊', '凯', '昊', '晨', '阳', '鑫',
  '航', '睿', '泽', '明', '辉', '斌', '健', '龙', '飞', '文', '子', '一', '梓', '嘉', '思', '天',
  '家', '志', '建', '国', '海', '亮', '波', '刚', '平', '东', '林', '成', '旭', '瑞', '锦', '荣',
  '永', '忠', '俊', '豪', '铭', '翔', '毅', '峰', '庆', '兴', '彬', '璟',
] as const;

const FEMALE_CHARS = [
  '婷', '娜', '静', '敏', '丽', '雪', '颖', '琳', '欣', '悦', '怡', '璐', '佳', '涵', '萱', '雨',
  '梦', '瑶', '倩', '妍', '晶', '慧', '蕾', '霞', '燕', '芳', '玉', '彤', '诗', '可', '若', '馨',
  '月', '丹', '洁', '蓉', '红', '莉', '楠', '薇', '琪', '嘉', '思', '子', '一', '雅', '婧', '昕',
  '艳', '萍', '青', '桐', '宁', '露', '晓', '秀',
] as const;

const TIBETAN_MALE = ['扎西', '才让', '多杰', '旦增', '尼玛', '贡保', '索南', '嘉措', '洛桑', '仁青', '桑杰', '东知'] as const;
const TIBETAN_FEMALE = ['卓玛', '拉姆', '央金', '措姆', '德吉', '卓嘎', '白玛', '曲珍', '才措', '吉毛', '梅朵', '娜措'] as const;

export type Gender = 'male' | 'female';

export const ETHNICITY_WEIGHTS: readonly (readonly [string, number])[] = [
  ['汉族', 880],
  ['回族', 75],
  ['东乡族', 18],
  ['藏族', 15],
  ['土族', 4],
  ['满族', 4],
  ['蒙古族', 2],
  ['裕固族', 2],
];

function givenName(rng: Prng, gender: Gender): string {
  const pool = gender === 'male' ? MALE_CHARS : FEMALE_CHARS;
  const first = rng.pick(pool);
  if (rng.chance(0.22)) return first; // single-character given name
  let second = rng.pick(pool);
  while (second === first) second = rng.pick(pool);
  return first + second;
}

/** A realistic full name for the given gender and ethnicity. */
export function personName(rng: Prng, gender: Gender, ethnicity: string): string {
  if (ethnicity === '藏族') {
    // Usually two Tibetan names, no surname (e.g. 才让卓玛, 扎西多杰).
    const first = rng.pick(rng.chance(0.5) ? TIBETAN_MALE : gender === 'male' ? TIBETAN_MALE : TIBETAN_FEMALE);
    let second = rng.pick(gender === 'male' ? TIBETAN_MALE : TIBETAN_FEMALE);
    while (second === first) second = rng.pick(gender === 'male' ? TIBETAN_MALE : TIBETAN_FEMALE);
    return first + second;
  }
  const surnames =
    ethnicity === '回族' ? HUI_SURNAMES : ethnicity === '东乡族' ? DONGXIANG_SURNAMES : HAN_SURNAMES;
  return rng.weighted(surnames) + givenName(rng, gender);
}
