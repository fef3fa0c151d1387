/**
 * LIFE-4 工作手册: the city's versioned documents (procedures, templates, forms, the two wall
 * charts) and what a reader has read. Labels, input schemas and the "changed since you last read"
 * state.
 */
import { z } from 'zod';
import type { WallChart } from '../meetings/wall-charts';
import { idSchema } from '../schemas';

export const HANDBOOK_CATEGORIES = ['procedure', 'regulation', 'template', 'form', 'wall_chart'] as const;
export type HandbookCategory = (typeof HANDBOOK_CATEGORIES)[number];
export const handbookCategoryLabel: Record<HandbookCategory, string> = {
  procedure: '工作流程',
  regulation: '制度规定',
  template: '文书模板',
  form: '表格样式',
  wall_chart: '挂图',
};
export const handbookCategorySchema = z.enum(HANDBOOK_CATEGORIES, { error: '请选择文档分类' });

export const HANDBOOK_TITLE_MAX = 80;
export const HANDBOOK_BODY_MAX = 50_000;

const title = z
  .string({ error: '请填写标题' })
  .trim()
  .min(1, { error: '请填写标题' })
  .max(HANDBOOK_TITLE_MAX, { error: `标题不能超过${HANDBOOK_TITLE_MAX}个字` });
const body = z
  .string({ error: '请填写正文' })
  .trim()
  .min(1, { error: '请填写正文' })
  .max(HANDBOOK_BODY_MAX, { error: `正文不能超过${HANDBOOK_BODY_MAX}个字` });
const changeNote = z
  .string({ error: '修订说明格式无效' })
  .trim()
  .max(200, { error: '修订说明不能超过200个字' });

/** A new document: its first version starts as a draft. */
export const handbookCreateSchema = z.object({
  category: handbookCategorySchema,
  title,
  body,
  changeNote: changeNote.optional(),
});
export type HandbookCreateInput = z.infer<typeof handbookCreateSchema>;

/** Saves the draft of the next version (creates it when there is none). */
export const handbookDraftSchema = z.object({
  documentId: idSchema,
  title,
  body,
  changeNote: changeNote.optional(),
});
export type HandbookDraftInput = z.infer<typeof handbookDraftSchema>;

export const handbookSearchQuerySchema = z
  .string({ error: '搜索内容格式无效' })
  .trim()
  .min(1, { error: '请输入搜索内容' })
  .max(50, { error: '搜索内容不能超过50个字' });

export type HandbookReadState = 'unread' | 'updated' | 'read';
export const handbookReadStateLabel: Record<HandbookReadState, string> = {
  unread: '未读',
  updated: '有更新',
  read: '已读',
};

/** What a reader who last read `lastRead` (null = never) sees of a document at `current`. */
export function handbookReadState(current: number, lastRead: number | null): HandbookReadState {
  if (lastRead === null) return 'unread';
  return lastRead < current ? 'updated' : 'read';
}

/** A wall chart as a handbook body (headings, items, the rules and sources it was drawn from). */
export function wallChartBody(chart: WallChart): string {
  const lines: string[] = [`# ${chart.title}`, '', chart.subtitle, ''];
  for (const s of chart.sections) {
    lines.push(`## ${s.title}`, '');
    for (const item of s.items) lines.push(`- ${item}`);
    if (s.sources.length > 0) {
      lines.push('', `依据：${s.sources.map((x) => `${x.source}（${x.key} 第${x.version}版）`).join('；')}`);
    }
    lines.push('');
  }
  return lines.join('\n').trim();
}
