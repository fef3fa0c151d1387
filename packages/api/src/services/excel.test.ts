import { describe, expect, it } from 'vitest';
import { readLedger } from '../test/excel';
import { allPages, buildLedgerWorkbook, type LedgerColumn } from './excel';

interface Row {
  name: string;
  on: string | null;
  fen: number;
  permille: number | null;
  count: number;
  ok: boolean;
  idMasked: string;
}

const columns: LedgerColumn<Row>[] = [
  { header: '姓名', width: 10, value: (r) => r.name },
  { header: '日期', kind: 'date', value: (r) => r.on },
  { header: '金额', kind: 'money', width: 14, value: (r) => r.fen },
  { header: '收缴率', kind: 'percent', value: (r) => r.permille },
  { header: '人数', kind: 'int', value: (r) => r.count },
  { header: '是否', kind: 'bool', value: (r) => r.ok },
  { header: '身份证号', width: 22, value: (r) => r.idMasked },
];
const now = new Date('2026-03-31T17:00:00Z'); // 2026-04-01 in Shanghai

describe('buildLedgerWorkbook', () => {
  it('title, filters, Chinese headers, widths, frozen header, dates as dates, money in 元 from 分', async () => {
    const file = await buildLedgerWorkbook({
      name: '测试台帐',
      scopeName: '城关区团委',
      filters: ['团支部甲', '已完成'],
      columns,
      rows: [
        {
          name: '张三',
          on: '2026-01-05',
          fen: 1234567,
          permille: 875,
          count: 3,
          ok: true,
          idMasked: '6201**********123X',
        },
        { name: '李四', on: null, fen: 20, permille: null, count: 0, ok: false, idMasked: '' },
      ],
      now,
    });
    expect(file.rows).toBe(2);
    expect(file.fileName).toBe('测试台帐_城关区团委_团支部甲_已完成_20260401.xlsx');
    const p = await readLedger(file);
    expect(p.title).toBe('城关区团委 测试台帐');
    expect(p.filterLine).toContain('筛选条件：团支部甲；已完成');
    expect(p.filterLine).toContain('导出日期：2026-04-01');
    expect(p.headers).toEqual(['姓名', '日期', '金额（元）', '收缴率', '人数', '是否', '身份证号']);
    expect(p.frozenRows).toBe(3);
    expect(p.widths).toEqual([10, 12, 14, 12, 12, 12, 22]);
    expect(p.numFmts[1]).toBe('yyyy-mm-dd');
    expect(p.numFmts[2]).toBe('#,##0.00');
    const [a, b] = p.rows;
    expect(a![1]).toBeInstanceOf(Date);
    expect((a![1] as Date).toISOString().slice(0, 10)).toBe('2026-01-05');
    expect(a![2]).toBe(12345.67);
    expect(a![3]).toBe(0.875);
    expect(a![5]).toBe('是');
    expect(b![1]).toBeNull();
    expect(b![2]).toBe(0.2);
    expect(b![5]).toBe('否');
  });

  it('refuses plain personal data instead of writing it', async () => {
    for (const leak of ['620102199001011234', '62010219900101123X', '13812345678']) {
      await expect(
        buildLedgerWorkbook({
          name: '测试台帐',
          scopeName: '城关区团委',
          filters: [],
          columns,
          rows: [{ name: '张三', on: null, fen: 0, permille: 0, count: 0, ok: true, idMasked: leak }],
          now,
        }),
      ).rejects.toThrow(/未脱敏/);
    }
    // a 12-digit 团员编号 and a masked number are fine
    const ok = await buildLedgerWorkbook({
      name: '测试台帐',
      scopeName: '城关区团委',
      filters: [],
      columns,
      rows: [
        { name: '202662000001', on: null, fen: 0, permille: 0, count: 0, ok: true, idMasked: '138****5678' },
      ],
      now,
    });
    expect(ok.rows).toBe(1);
  });

  it('allPages reads every page of a paged list', async () => {
    const data = Array.from({ length: 45 }, (_, i) => i);
    const r = await allPages(
      async (page, size) => ({
        items: data.slice((page - 1) * size, page * size),
        total: data.length,
      }),
      20,
    );
    expect(r.items).toEqual(data);
    expect(r.total).toBe(45);
  });
});
