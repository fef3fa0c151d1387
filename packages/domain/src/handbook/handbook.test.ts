import { describe, expect, it } from 'vitest';
import { bodyPlainText, parseBody } from './body';
import { changedLines, lineDiff } from './diff';
import { handbookCreateSchema, handbookReadState, wallChartBody } from './handbook';
import { indexTerms, parseSearchQuery, searchScore, searchSnippet } from './search-terms';

describe('search terms (bigrams)', () => {
  it('cuts Chinese into overlapping bigrams, keeps digits and letters, drops punctuation', () => {
    expect(indexTerms('团费收缴')).toEqual(['团费', '费收', '收缴']);
    expect(indexTerms('“三会两制一课”')).toEqual(['三会', '会两', '两制', '制一', '一课']);
    expect(indexTerms('ＡＢ 12')).toEqual(['ab', '12']);
    expect(indexTerms('团')).toEqual(['团']);
  });
  it('a query: segments must all match; one-character segments add no index terms', () => {
    const q = parseSearchQuery(' 推优  团 ');
    expect(q.segments).toEqual(['推优', '团']);
    expect(q.terms).toEqual(['推优']);
  });
  it('scores title hits above body hits and refuses bigrams out of order', () => {
    const q = parseSearchQuery('团费');
    expect(searchScore(q, '团费收缴', '按月缴纳团费')).toBe(11);
    expect(searchScore(q, '收缴', '按月缴纳团费，团费标准')).toBe(2);
    // 费团 has no 团费 even if both characters occur.
    expect(searchScore(q, '费团', '')).toBe(0);
    expect(searchScore(parseSearchQuery('三会两制一课'), '“三会两制一课”挂图', '')).toBe(10);
  });
  it('snippet around the first hit', () => {
    const body = `${'前文'.repeat(40)}推优入党是团组织的政治任务${'后文'.repeat(40)}`;
    const s = searchSnippet(body, parseSearchQuery('推优'), 30);
    expect(s).toContain('推优入党');
    expect(s.startsWith('…')).toBe(true);
    expect(s.endsWith('…')).toBe(true);
  });
});

describe('body subset', () => {
  it('parses headings, lists, notes and paragraphs', () => {
    const blocks = parseBody('# 标题\n\n第一段\n接续\n\n- 甲\n- 乙\n1. 一\n2. 二\n> 注意\n\n## 小节');
    expect(blocks).toEqual([
      { type: 'heading', level: 1, text: '标题' },
      { type: 'paragraph', text: '第一段接续' },
      { type: 'list', ordered: false, items: ['甲', '乙'] },
      { type: 'list', ordered: true, items: ['一', '二'] },
      { type: 'note', text: '注意' },
      { type: 'heading', level: 2, text: '小节' },
    ]);
    expect(bodyPlainText('# 标题\n- 甲')).toBe('标题\n甲');
  });
});

describe('line diff', () => {
  it('keeps common lines and marks additions and deletions', () => {
    const d = lineDiff('甲\n乙\n丙\n丁', '甲\n乙二\n丙\n丁\n戊');
    expect(d).toEqual([
      { op: 'same', text: '甲' },
      { op: 'del', text: '乙' },
      { op: 'add', text: '乙二' },
      { op: 'same', text: '丙' },
      { op: 'same', text: '丁' },
      { op: 'add', text: '戊' },
    ]);
    expect(changedLines(lineDiff('a\nb\nc\nd\ne\nf', 'a\nb\nc\nd\ne\nF'), 1)).toEqual([
      { op: 'same', text: '…' },
      { op: 'same', text: 'e' },
      { op: 'del', text: 'f' },
      { op: 'add', text: 'F' },
    ]);
    expect(lineDiff('同', '同')).toEqual([{ op: 'same', text: '同' }]);
  });
});

describe('read state and inputs', () => {
  it('unread / updated / read', () => {
    expect(handbookReadState(2, null)).toBe('unread');
    expect(handbookReadState(2, 1)).toBe('updated');
    expect(handbookReadState(2, 2)).toBe('read');
  });
  it('refuses an empty title in Chinese', () => {
    const r = handbookCreateSchema.safeParse({ category: 'procedure', title: ' ', body: '正文' });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toBe('请填写标题');
  });
  it('renders a wall chart as a body with its sources', () => {
    const body = wallChartBody({
      kind: 'meetings',
      title: '“三会两制一课”',
      subtitle: '团支部组织生活基本制度',
      sections: [
        {
          title: '团支部大会',
          items: ['每季度召开一次'],
          sources: [{ key: 'meetings.frequency', source: '《团支部工作条例》', version: 1 }],
        },
      ],
    });
    expect(body).toContain('# “三会两制一课”');
    expect(body).toContain('- 每季度召开一次');
    expect(body).toContain('依据：《团支部工作条例》（meetings.frequency 第1版）');
  });
});
