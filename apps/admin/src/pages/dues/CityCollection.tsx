import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { formatFen, formatPermille, todayInShanghai } from '@tuanjian/domain';
import { Card, Form, Select, Table, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { PageHeader } from '../../components/PageHeader';
import type { RouterOutputs } from '../../lib/api-types';
import { trpc } from '../../lib/trpc';

type TenantRow = RouterOutputs['dues']['cityCollection']['tenants'][number];

/** 团市委: each district's dues collection rate for a year, by month. */
export default function CityCollectionPage() {
  const [year, setYear] = useState(Number(todayInShanghai().slice(0, 4)));
  const data = useQuery(
    trpc.dues.cityCollection.queryOptions({ year }, { placeholderData: keepPreviousData }),
  );
  const months = data.data?.months ?? [];
  const columns: TableColumnsType<TenantRow> = [
    { title: '区县', dataIndex: 'name', fixed: 'left', width: 160 },
    { title: '在册团员', dataIndex: 'memberCount', width: 100, align: 'right' },
    {
      title: '全年收缴率',
      dataIndex: 'permille',
      width: 120,
      align: 'right',
      sorter: (a, b) => (a.permille ?? -1) - (b.permille ?? -1),
      render: (v: number | null) => formatPermille(v),
    },
    {
      title: '已交 / 应交金额',
      key: 'fen',
      width: 200,
      align: 'right',
      render: (_: unknown, r) => `${formatFen(r.tally.paidFen)} / ${formatFen(r.tally.dueFen)}`,
    },
    ...months.map((m, i) => ({
      title: `${Number(m.slice(5))}月`,
      key: m,
      width: 72,
      align: 'right' as const,
      render: (_: unknown, r: TenantRow) => formatPermille(r.byMonth[i] ?? null),
    })),
  ];
  return (
    <>
      <PageHeader title="团费收缴率" subTitle="各区县团委团费收缴情况（按在册团员应交月份计算）" />
      <Card style={{ marginBottom: 16 }}>
        <Form layout="inline">
          <Form.Item label="年份">
            <Select
              value={year}
              onChange={setYear}
              style={{ width: 120 }}
              options={[2025, 2026, 2027].map((y) => ({ value: y, label: `${y}年` }))}
            />
          </Form.Item>
        </Form>
      </Card>
      <Card>
        <Table<TenantRow>
          rowKey="tenantId"
          size="small"
          columns={columns}
          dataSource={data.data?.tenants ?? []}
          loading={data.isFetching}
          scroll={{ x: 600 + months.length * 72 }}
          pagination={false}
        />
      </Card>
    </>
  );
}
