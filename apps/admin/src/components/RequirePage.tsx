import type { ReactNode } from 'react';
import { canAccess, type PageKey, pageDef } from '../lib/access';
import { useMe } from '../lib/auth';
import { Forbidden } from './lazy-results';
import { useDocumentTitle } from './PageHeader';

/** Route guard: the page renders only for the roles `access.ts` allows; others see 403. */
export function RequirePage(props: { page: PageKey; children: ReactNode }) {
  const { role } = useMe();
  const allowed = canAccess(role, props.page);
  useDocumentTitle(allowed ? pageDef(props.page).title : '无权访问');
  if (!allowed) return <Forbidden />;
  return <>{props.children}</>;
}
