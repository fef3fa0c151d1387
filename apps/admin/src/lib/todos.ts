import { useQuery } from '@tanstack/react-query';
import type { Role } from '@tuanjian/domain';
import type { RouterOutputs } from './api-types';
import { trpc } from './trpc';

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

/** Roles that have a to-do list: in a district / committee tenant (`todos.list`) or 团市委 (`todos.city`). */
const TENANT_TODO_ROLES: readonly Role[] = [
  'district_admin',
  'org_secretary',
  'committee_chair',
  'committee_member',
];

export function hasTodos(role: Role | null | undefined): boolean {
  return role === 'city_admin' || (!!role && TENANT_TODO_ROLES.includes(role));
}

/** The acting user's to-dos (polled by the header badge and the workbench card). */
export function useTodos(role: Role | null | undefined) {
  const city = role === 'city_admin';
  const tenant = useQuery(
    trpc.todos.list.queryOptions(undefined, {
      enabled: !city && hasTodos(role),
      meta: { silent: true },
    }),
  );
  const cityQ = useQuery(trpc.todos.city.queryOptions(undefined, { enabled: city, meta: { silent: true } }));
  return city ? cityQ : tenant;
}
