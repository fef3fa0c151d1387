import type { RouterOutputs } from './trpc';

export type TodoItem = RouterOutputs['todos']['list'][number];

/** Items that wait on the user (count > 0), overdue first. */
export function openTodos(items: readonly TodoItem[]): TodoItem[] {
  return items.filter((t) => t.count > 0).sort((a, b) => Number(b.overdue) - Number(a.overdue));
}

/** The red badge on the 首页 tab: the number of open items, '99+' above 99; null = no badge. */
export function todoBadgeText(items: readonly TodoItem[]): string | null {
  const n = openTodos(items).reduce((sum, t) => sum + t.count, 0);
  if (n <= 0) return null;
  return n > 99 ? '99+' : String(n);
}
