import { describe, expect, it } from 'vitest';
import { ruleCatalogue } from '../rules';
import {
  completionPermille,
  evaluateThemeDay,
  normaliseCheckInCode,
  participationPermille,
  type ThemeDayRecord,
  themeDayMonth,
} from './theme-day';

const rule = ruleCatalogue['themeDay.requirements'].value;

function fullRecord(): ThemeDayRecord {
  return {
    status: 'closed',
    actions: rule.requiredActions.map((a) => ({
      key: a.key,
      done: true,
      evidence: `${a.label}已完成`,
      photoCount: 0,
    })),
    selfChosen: [{ title: '社区志愿服务', evidence: null, photoCount: 2 }],
    ceremonyPhotos: Object.fromEntries(rule.ceremonyItems.map((c) => [c.key, 1])),
  };
}

describe('themeDay.requirements (rule data)', () => {
  it('lists the seven required actions of 七事联动 and the four ceremony items, with its source', () => {
    expect(rule.requiredActions.map((a) => a.label)).toEqual([
      '青年大学习',
      '缴纳团费',
      '民主议事',
      '团务公开',
      '支部组织生活',
      '团干部密切联系青年',
      '“智慧团建”网上共青团建设',
    ]);
    expect(rule.ceremonyItems.map((c) => c.key)).toEqual(['flag', 'oath', 'badge', 'constitution']);
    expect(rule.minSelfChosenActions).toBe(1);
    expect(ruleCatalogue['themeDay.requirements'].source).toContain('主题团日+');
    expect(ruleCatalogue['themeDay.requirements'].schema.parse(rule)).toEqual(rule);
  });
});

describe('evaluateThemeDay', () => {
  it('no record → absent', () => {
    expect(evaluateThemeDay(null, rule)).toEqual({ status: 'absent', missing: [] });
  });

  it('everything present and check-in closed → complete', () => {
    expect(evaluateThemeDay(fullRecord(), rule)).toEqual({ status: 'complete', missing: [] });
  });

  it('an empty new record names every missing item in Chinese, in rule order', () => {
    const r = evaluateThemeDay({ status: 'draft', actions: [], selfChosen: [], ceremonyPhotos: {} }, rule);
    expect(r.status).toBe('incomplete');
    expect(r.missing).toHaveLength(7 + 1 + 4 + 1);
    expect(r.missing[0]).toBe('规定动作“青年大学习”未完成');
    expect(r.missing).toContain('缺少自选动作（至少1项，须有佐证）');
    expect(r.missing).toContain('缺少仪式照片：张贴入团誓词');
    expect(r.missing.at(-1)).toBe('活动签到尚未结束');
  });

  it('a ticked action without evidence, a self-chosen action without evidence, a missing ceremony photo', () => {
    const rec = fullRecord();
    rec.actions[1] = { key: 'dues', done: true, evidence: '  ', photoCount: 0 };
    rec.selfChosen = [{ title: '读书会', evidence: '', photoCount: 0 }];
    rec.ceremonyPhotos.badge = 0;
    expect(evaluateThemeDay(rec, rule)).toEqual({
      status: 'incomplete',
      missing: [
        '规定动作“缴纳团费”缺少佐证',
        '缺少自选动作（至少1项，须有佐证）',
        '缺少仪式照片：团员佩戴团徽',
      ],
    });
  });

  it('photos alone are evidence; an unticked action with evidence is still missing', () => {
    const rec = fullRecord();
    rec.actions[0] = { key: 'youth_study', done: true, evidence: null, photoCount: 1 };
    rec.actions[2] = { key: 'deliberation', done: false, evidence: '议了', photoCount: 1 };
    expect(evaluateThemeDay(rec, rule).missing).toEqual(['规定动作“民主议事”未完成']);
  });

  it('check-in still open → incomplete', () => {
    const rec = { ...fullRecord(), status: 'open' as const };
    expect(evaluateThemeDay(rec, rule)).toEqual({ status: 'incomplete', missing: ['活动签到尚未结束'] });
  });

  it('follows a later rule version (two self-chosen actions required)', () => {
    const r = evaluateThemeDay(fullRecord(), { ...rule, minSelfChosenActions: 2 });
    expect(r.missing).toEqual(['自选动作不足2项（已有1项，须有佐证）']);
  });
});

describe('rates and month', () => {
  it('participation permille rounds half up; none when no active member', () => {
    expect(participationPermille(7, 8)).toBe(875);
    expect(participationPermille(2, 3)).toBe(667);
    expect(participationPermille(1, 3)).toBe(333);
    expect(participationPermille(0, 5)).toBe(0);
    expect(participationPermille(0, 0)).toBeNull();
    expect(completionPermille(3, 4)).toBe(750);
  });

  it('the month is the Shanghai month (UTC evening of the last day is already next month)', () => {
    expect(themeDayMonth(new Date('2026-11-30T16:30:00Z'))).toBe('2026-12');
    expect(themeDayMonth(new Date('2026-11-30T15:59:59Z'))).toBe('2026-11');
  });

  it('check-in codes: six digits, full-width digits and spaces accepted', () => {
    expect(normaliseCheckInCode('123456')).toBe('123456');
    expect(normaliseCheckInCode(' １２３ ４５６ ')).toBe('123456');
    expect(normaliseCheckInCode('12345')).toBeNull();
    expect(normaliseCheckInCode('12345a')).toBeNull();
  });
});
