import type { RouterOutputs } from './api-types';

export type TodoItem = RouterOutputs['todos']['list'][number];

/** Items that wait on the user first (overdue first, then by count); those with nothing waiting last. */
export function sortTodos(items: readonly TodoItem[]): TodoItem[] {
  return [...items].sort(
    (a, b) =>
      Number(b.count > 0) - Number(a.count > 0) ||
      Number(b.overdue && b.count > 0) - Number(a.overdue && a.count > 0) ||
      b.count - a.count,
  );
}

/** The number on the red badge: everything waiting on the user. */
export function todoTotal(items: readonly TodoItem[] | undefined): number {
  return (items ?? []).reduce((n, t) => n + t.count, 0);
}
