import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Table, type TableColumnsType, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { ExportButton } from '../../components/ExportButton';
import { PageHeader } from '../../components/PageHeader';
import type { RouterOutputs } from '../../lib/api-types';
import { trpc, trpcClient } from '../../lib/trpc';

type Zombie = RouterOutputs['dataQuality']['zombies']['items'][number];

/** 数据质量: suspected zombie 团支部 (rule dataQuality.zombie) and the archive completeness view. */
export default function DataQualityPage() {
  const data = useQuery(trpc.dataQuality.zombies.queryOptions());
  const arch = useQuery(trpc.archive.completeness.queryOptions({ page: 1, pageSize: 10 }));
  const d = data.data;
  const columns: TableColumnsType<Zombie> = [
    { title: '团支部', dataIndex: 'name' },
    { title: '上级组织', dataIndex: 'parentName' },
    { title: '在册团员', dataIndex: 'memberCount', align: 'right', width: 90 },
    { title: '最近会议', dataIndex: 'lastMeetingOn', width: 110, render: (v) => v ?? '无' },
    { title: '最近主题团日', dataIndex: 'lastThemeDayOn', width: 120, render: (v) => v ?? '无' },
    { title: '最近交纳团费', dataIndex: 'lastDuesOn', width: 120, render: (v) => v ?? '无' },
    { title: '最近签到', dataIndex: 'lastCheckInOn', width: 110, render: (v) => v ?? '无' },
  ];
  return (
    <>
      <PageHeader title="数据质量" subTitle="疑似“僵尸支部”和档案不完整的团员" />
      {d && (
        <Alert
          showIcon
          type={d.items.length ? 'warning' : 'success'}
          style={{ marginBottom: 16 }}
          title={`${d.branchCount}个团支部中有${d.items.length}个自${d.since}以来连续${d.rule.months}个月无会议、无主题团日、无团费收缴、无签到记录`}
          description={`规则：${d.rule.source}（第${d.rule.version}版）；成立不满${d.rule.months}个月的团支部不列入`}
        />
      )}
      <Card
        title="疑似“僵尸支部”"
        style={{ marginBottom: 16 }}
        extra={<ExportButton unit="个" onExport={() => trpcClient.dataQuality.zombiesExport.mutate()} />}
      >
        <Table<Zombie>
          rowKey="orgId"
          size="small"
          columns={columns}
          dataSource={d?.items ?? []}
          loading={data.isFetching}
        />
      </Card>
      <Card title="团员档案完备情况">
        {arch.data && (
          <Typography.Paragraph data-testid="archive-summary">
            在册团员{arch.data.summary.members}人，档案完备{arch.data.summary.complete}人（
            {arch.data.summary.rate}%）， 不完整{arch.data.incomplete.total}人。
            <Link to="/archive-completeness">查看不完整团员名单</Link>
          </Typography.Paragraph>
        )}
      </Card>
    </>
  );
}
