import { describe, expect, it } from 'vitest';
import { sortTodos, type TodoItem, todoTotal } from './todos';

const item = (kind: string, count: number, overdue = false): TodoItem =>
  ({ kind, title: kind, count, overdue, dueDate: null, link: '/x' }) as TodoItem;

describe('todos', () => {
  it('totals the counts for the badge', () => {
    expect(todoTotal(undefined)).toBe(0);
    expect(todoTotal([item('a', 2), item('b', 0), item('c', 5)])).toBe(7);
  });

  it('puts overdue items first, then by count, empty ones last', () => {
    const sorted = sortTodos([item('none', 0, true), item('few', 1), item('late', 1, true), item('many', 9)]);
    expect(sorted.map((t) => t.kind)).toEqual(['late', 'many', 'few', 'none']);
  });
});
