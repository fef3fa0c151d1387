import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Table, type TableColumnsType } from 'antd';
import type { RouterOutputs } from '../../lib/api-types';
import { trpc } from '../../lib/trpc';
import { errorText } from '../dues/shared';

type Completion = RouterOutputs['rectification']['completion'];
type Row = Completion['children'][number];

const pct = (a: number, b: number) => (b === 0 ? '—' : `${Math.round((a / b) * 1000) / 10}%`);

/** 完成情况: the ledger's progress per direct sub-organisation of the superior, and in total (reported upward). */
export function CompletionTab(props: { year: number }) {
  const q = useQuery({ ...trpc.rectification.completion.queryOptions({ year: props.year }), retry: false });
  const columns: TableColumnsType<Row> = [
    { title: '下级组织', dataIndex: 'name' },
    { title: '重点整顿对象', dataIndex: 'keyTargets', width: 110 },
    { title: '已销号', dataIndex: 'closed', width: 80 },
    { title: '整改任务', dataIndex: 'tasksTotal', width: 90 },
    { title: '任务已销号', dataIndex: 'tasksConfirmed', width: 100 },
    { title: '销号率', width: 90, render: (_, r) => pct(r.tasksConfirmed, r.tasksTotal) },
    { title: '验收通过', dataIndex: 'accepted', width: 90 },
  ];
  if (q.error) return <Alert type="error" showIcon message={errorText(q.error)} />;
  const t = q.data?.total;
  return (
    <Card
      title={q.data ? `${q.data.superiorName} ${q.data.year}年度整顿完成情况（按下级组织）` : '整顿完成情况'}
      loading={q.isLoading}
    >
      <Table<Row>
        rowKey="orgId"
        size="small"
        dataSource={q.data?.children ?? []}
        columns={columns}
        pagination={false}
        summary={() =>
          t ? (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0}>
                <b>合计</b>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={1}>{t.keyTargets}</Table.Summary.Cell>
              <Table.Summary.Cell index={2}>{t.closed}</Table.Summary.Cell>
              <Table.Summary.Cell index={3}>{t.tasksTotal}</Table.Summary.Cell>
              <Table.Summary.Cell index={4}>{t.tasksConfirmed}</Table.Summary.Cell>
              <Table.Summary.Cell index={5}>{pct(t.tasksConfirmed, t.tasksTotal)}</Table.Summary.Cell>
              <Table.Summary.Cell index={6}>{t.accepted}</Table.Summary.Cell>
            </Table.Summary.Row>
          ) : null
        }
      />
    </Card>
  );
}
