import { lapseCheck, monthlyDuesFen, ruleCatalogue } from '@tuanjian/domain';
import { describe, expect, it } from 'vitest';
import { generateDistrict } from './district';
import { DUES_SEED_LAST_MONTH, generateDuesSeed } from './dues';
import { DISTRICT_PLANS } from './plans';

const plan = DISTRICT_PLANS.find((p) => p.code === 'chengguan');
if (!plan) throw new Error('no chengguan plan');

describe('demo dues and 推优 seed (pure)', () => {
  it('is deterministic', () => {
    const a = generateDuesSeed('chengguan', generateDistrict(plan, new Map()));
    const b = generateDuesSeed('chengguan', generateDistrict(plan, new Map()));
    expect(JSON.stringify({ ...a, columns: [...a.columns] })).toBe(
      JSON.stringify({ ...b, columns: [...b.columns] }),
    );
  });

  it('has realistic categories, payments in 分 matching the standard, arrears and lapse candidates', () => {
    const seed = generateDistrict(plan, new Map());
    const d = generateDuesSeed('chengguan', seed);
    const cats = new Set([...d.columns.values()].map((c) => c.dues_category));
    expect(cats).toEqual(new Set(['student', 'wage', 'unemployed', 'relief']));
    const std = ruleCatalogue['dues.standard'].value;
    for (const p of d.months) {
      const c = d.columns.get(p.member_id);
      expect(p.amount_fen).toBe(monthlyDuesFen(c!.dues_category, c!.declared_pay_fen ?? null, std));
      expect(p.month <= DUES_SEED_LAST_MONTH).toBe(true);
    }
    for (const pay of d.payments) {
      const sum = d.months.filter((m) => m.payment_id === pay.id).reduce((s, m) => s + m.amount_fen, 0);
      expect(pay.amount_fen).toBe(sum);
      expect(Number.isInteger(pay.amount_fen)).toBe(true);
    }
    const demoMembers = seed.members.filter((m) => m.org_id === seed.demoBranchId && m.status === 'active');
    const paidOf = (id: string) => new Set(d.months.filter((m) => m.member_id === id).map((m) => m.month));
    expect([...paidOf(demoMembers[0]!.id)].sort().at(-1)).toBe('2026-09');
    expect(paidOf(demoMembers[1]!.id).size).toBe(0);
    const lapse = ruleCatalogue['member.lapse'].value;
    const candidates = seed.members.filter(
      (m) => m.status === 'active' && lapseCheck('2026-01', '2026-11', paidOf(m.id), lapse).candidate,
    );
    expect(candidates.length).toBeGreaterThan(3);
    expect(candidates.length).toBeLessThan(seed.members.length * 0.15);
  });

  it('seeds recommendations at several stages and party admissions with and without 推优', () => {
    const d = generateDuesSeed('chengguan', generateDistrict(plan, new Map()));
    expect(new Set(d.recommendations.map((r) => r.stage))).toEqual(
      new Set(['sent', 'nominated', 'voted', 'publicized']),
    );
    expect(d.admissions.some((a) => a.recommendation_id)).toBe(true);
    expect(d.admissions.some((a) => !a.recommendation_id)).toBe(true);
  });
});
