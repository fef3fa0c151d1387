import { useQuery } from '@tanstack/react-query';
import { Card, Empty, Table, Tag } from 'antd';
import { PageHeader } from '../../components/PageHeader';
import { trpc } from '../../lib/trpc';
import { LEVEL_COLOR, points } from './shared';

/** 区县团委: its own published year-end results and the actions concerning it. */
export default function MyAssessmentPage() {
  const q = useQuery(trpc.assessment.myResults.queryOptions());
  return (
    <>
      <PageHeader title="考核结果" subTitle="团市委公布的本单位年终考核评估结果" />
      <Card>
        {q.data && q.data.length === 0 ? (
          <Empty description="暂无已公布的考核结果" />
        ) : (
          <Table
            rowKey="year"
            loading={q.isLoading}
            dataSource={q.data ?? []}
            pagination={false}
            columns={[
              { title: '年度', dataIndex: 'year', render: (y: number) => `${y}年度` },
              { title: '总分', dataIndex: 'total', render: (t: number) => points(t) },
              { title: '排名', render: (_, r) => (r.rank ? `${r.rank} / ${r.unitCount}` : '—') },
              {
                title: '各项得分',
                render: (_, r) => r.items.map((i) => `${i.label} ${points(r.itemScores[i.key])}`).join('；'),
              },
              {
                title: '处置',
                render: (_, r) =>
                  r.action ? (
                    <Tag color={LEVEL_COLOR[r.action.level]}>
                      {r.action.levelLabel}（连续{r.action.consecutiveYears}年）
                    </Tag>
                  ) : (
                    '—'
                  ),
              },
            ]}
          />
        )}
      </Card>
    </>
  );
}
