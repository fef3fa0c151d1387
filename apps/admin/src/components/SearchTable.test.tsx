import { fireEvent, screen, within } from '@testing-library/react';
import { Col, Form, Input } from 'antd';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { makeMe, renderRoutes } from '../test/render';
import { SearchTable, useUrlParams } from './SearchTable';
import { StatusTag } from './StatusTag';

interface Row {
  id: string;
  name: string;
  status: 'pending' | 'done';
}
const ROWS: Row[] = Array.from({ length: 25 }, (_, i) => ({
  id: `r${i}`,
  name: `团员${i + 1}`,
  status: i % 2 ? 'done' : 'pending',
}));
const LABELS = { pending: '待审批', done: '已完成' } as const;
const COLORS = { pending: 'orange', done: 'green' } as const;

/** A list page as the real ones are built: filters in the URL, the table paged by the server. */
function Page() {
  const { params, set } = useUrlParams();
  const q = params.get('q') ?? undefined;
  const page = Number(params.get('page') ?? 1);
  const [clicked, setClicked] = useState<string>();
  const matching = ROWS.filter((r) => !q || r.name.includes(q));
  return (
    <>
      <SearchTable<Row, { q?: string }>
        formName="test-search"
        initialValues={{ q }}
        onSearch={(v) => set({ q: v.q?.trim() || undefined, page: undefined })}
        fields={
          <Col span={8}>
            <Form.Item label="姓名" name="q">
              <Input />
            </Form.Item>
          </Col>
        }
        actions={<button type="button">导出Excel</button>}
        columns={[
          { title: '姓名', dataIndex: 'name' },
          {
            title: '状态',
            dataIndex: 'status',
            render: (s: Row['status']) => <StatusTag value={s} labels={LABELS} colors={COLORS} />,
          },
        ]}
        rowKey="id"
        data={{ items: matching.slice((page - 1) * 20, page * 20), total: matching.length }}
        loading={false}
        page={page}
        onPage={(p) => set({ page: String(p) })}
        onRowClick={(r) => setClicked(r.name)}
        emptyText="暂无记录"
      />
      <output data-testid="clicked">{clicked ?? ''}</output>
    </>
  );
}

describe('SearchTable', () => {
  it('filters through the URL, pages with 共 N 条, shows status tags, opens a row, keeps an action slot', async () => {
    const { router } = renderRoutes([{ path: '/list', element: <Page /> }], {
      me: makeMe('district_admin'),
      at: '/list',
    });
    expect(await screen.findByText('共 25 条')).toBeTruthy();
    expect(screen.getByText('团员1')).toBeTruthy();
    expect(screen.queryByText('团员21')).toBeNull();
    expect(screen.getAllByText('待审批').length).toBe(10);
    expect(screen.getAllByText('待审批')[0]!.className).toContain('orange');
    expect(screen.getByRole('button', { name: '导出Excel' })).toBeTruthy();

    fireEvent.click(screen.getByTitle('2'));
    expect(await screen.findByText('团员21')).toBeTruthy();
    expect(router.state.location.search).toBe('?page=2');

    fireEvent.change(screen.getByLabelText('姓名'), { target: { value: ' 团员2 ' } });
    fireEvent.click(screen.getByRole('button', { name: /查\s*询/ }));
    expect(await screen.findByText('共 7 条')).toBeTruthy();
    expect(new URLSearchParams(router.state.location.search).get('q')).toBe('团员2');
    expect(new URLSearchParams(router.state.location.search).get('page')).toBeNull();

    const row = screen.getByText('团员25').closest('tr')!;
    fireEvent.click(within(row).getByText('团员25'));
    expect(screen.getByTestId('clicked').textContent).toBe('团员25');
  }, 30_000);

  it('shows the empty text when nothing matches', async () => {
    renderRoutes([{ path: '/list', element: <Page /> }], {
      me: makeMe('district_admin'),
      at: '/list?q=无此人',
    });
    expect(await screen.findByText('暂无记录')).toBeTruthy();
  }, 20_000);
});

describe('StatusTag', () => {
  it('label from a map or a function, colour from the map, text override, unknown value as itself', async () => {
    renderRoutes(
      [
        {
          path: '/',
          element: (
            <>
              <StatusTag value="done" labels={LABELS} colors={COLORS} />
              <StatusTag value="pending" labels={(v) => `阶段:${v}`} />
              <StatusTag value="done" text="已办结" colors={COLORS} />
              <StatusTag value={'other' as 'done'} labels={LABELS} colors={COLORS} />
            </>
          ),
        },
      ],
      { me: makeMe('district_admin'), at: '/' },
    );
    expect((await screen.findByText('已完成')).className).toContain('green');
    expect(screen.getByText('阶段:pending')).toBeTruthy();
    expect(screen.getByText('已办结').className).toContain('green');
    expect(screen.getByText('other')).toBeTruthy();
  }, 20_000);
});
