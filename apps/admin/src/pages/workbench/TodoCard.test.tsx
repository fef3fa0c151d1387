import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import { describe, expect, it } from 'vitest';
import { trpc } from '../../lib/trpc';
import { TodoCard } from './TodoCard';

describe('TodoCard', () => {
  it('lists what waits with counts and links; overdue is marked; nothing waiting is left out', async () => {
    // Answered before the first render, so nothing is fetched.
    const queryClient = new QueryClient({
      defaultOptions: { queries: { retry: false, staleTime: Infinity } },
    });
    queryClient.setQueryData(trpc.todos.list.queryKey(), [
      {
        kind: 'transfers_incoming',
        title: '组织关系转入待接收',
        count: 2,
        dueDate: null,
        overdue: false,
        link: '/transfers',
        page: '/pages/transfer/incoming/index',
      },
      {
        kind: 'proposals_pending',
        title: '组织调整申请待审批',
        count: 1,
        dueDate: '2026-01-01',
        overdue: true,
        link: '/org-proposals',
        page: null,
      },
      {
        kind: 'lapse_undecided',
        title: '连续未交团费待支部大会认定',
        count: 0,
        dueDate: null,
        overdue: false,
        link: '/dues',
        page: '/pages/dues/collect/index',
      },
    ]);
    render(
      <QueryClientProvider client={queryClient}>
        <MemoryRouter>
          <TodoCard />
        </MemoryRouter>
      </QueryClientProvider>,
    );
    const link = await screen.findByRole('link', { name: '组织调整申请待审批' });
    expect(link.getAttribute('href')).toBe('/org-proposals');
    expect(screen.getByRole('link', { name: '组织关系转入待接收' }).getAttribute('href')).toBe('/transfers');
    expect(screen.getByText('已逾期')).toBeTruthy();
    expect(screen.queryByText('连续未交团费待支部大会认定')).toBeNull();
  }, 20_000);
});
