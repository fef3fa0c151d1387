/** 档案完备 (MEM-1): completeness per branch and the incomplete archives, with what is missing. */
import { useQuery } from '@tanstack/react-query';
import { Card, Col, Input, Progress, Row, Statistic, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { ExportButton } from '../../components/ExportButton';
import { PageHeader } from '../../components/PageHeader';
import type { RouterOutputs } from '../../lib/api-types';
import { formatDateTime } from '../../lib/format';
import { trpc, trpcClient } from '../../lib/trpc';

type Data = RouterOutputs['archive']['completeness'];

export default function CompletenessPage() {
  const [page, setPage] = useState(1);
  const [orgId, setOrgId] = useState<string | undefined>();
  const [q, setQ] = useState<string | undefined>();
  const data = useQuery(trpc.archive.completeness.queryOptions({ page, pageSize: 20, orgId, q }));
  const d = data.data;
  return (
    <>
      <PageHeader
        title="档案完备"
        subTitle="按团支部统计在册团员档案的完备情况；点击团员姓名进入档案补全。"
        extra={
          <ExportButton
            label="导出待完善名单"
            unit="人"
            onExport={() => trpcClient.exports.completeness.mutate({ orgId, q })}
          />
        }
      />
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col xs={24} md={8}>
          <Card>
            <Statistic title="在册团员" value={d?.summary.members ?? 0} loading={data.isPending} />
          </Card>
        </Col>
        <Col xs={24} md={8}>
          <Card>
            <Statistic title="档案完备" value={d?.summary.complete ?? 0} loading={data.isPending} />
          </Card>
        </Col>
        <Col xs={24} md={8}>
          <Card>
            <Statistic title="完备率" value={d?.summary.rate ?? 0} suffix="%" loading={data.isPending} />
          </Card>
        </Col>
      </Row>
      <Card title="各组织档案完备率（由低到高）" size="small" style={{ marginBottom: 16 }}>
        <Table<Data['branches'][number]>
          rowKey="orgId"
          size="small"
          loading={data.isPending}
          dataSource={d?.branches ?? []}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          onRow={(r) => ({
            onClick: () => {
              setOrgId(r.orgId);
              setPage(1);
            },
            style: { cursor: 'pointer' },
          })}
          columns={[
            { title: '组织', dataIndex: 'orgName' },
            { title: '在册', dataIndex: 'members', width: 80 },
            { title: '完备', dataIndex: 'complete', width: 80 },
            {
              title: '完备率',
              dataIndex: 'rate',
              width: 220,
              render: (r: number) => (
                <Progress percent={r} size="small" status={r === 100 ? 'success' : 'normal'} />
              ),
            },
            { title: '平均完备度', dataIndex: 'averageScore', width: 110, render: (s: number) => `${s}%` },
          ]}
        />
      </Card>
      <Card
        title={`档案不完备的团员${orgId ? '（已按组织筛选）' : ''}`}
        size="small"
        extra={
          <Input.Search
            allowClear
            placeholder="姓名或团员编号"
            onSearch={(v) => {
              setQ(v.trim() || undefined);
              setPage(1);
            }}
            style={{ width: 220 }}
          />
        }
      >
        {orgId ? (
          <Tag closable onClose={() => setOrgId(undefined)} style={{ marginBottom: 8 }}>
            {d?.branches.find((b) => b.orgId === orgId)?.orgName ?? '所选组织'}
          </Tag>
        ) : null}
        <Table<Data['incomplete']['items'][number]>
          rowKey="id"
          size="small"
          loading={data.isFetching}
          dataSource={d?.incomplete.items ?? []}
          locale={{ emptyText: '档案均已完备' }}
          pagination={{
            current: page,
            pageSize: 20,
            total: d?.incomplete.total ?? 0,
            onChange: setPage,
            showTotal: (t) => `共 ${t} 人`,
          }}
          columns={[
            {
              title: '姓名',
              dataIndex: 'name',
              render: (n: string, r) => <Link to={`/members/${r.id}`}>{n}</Link>,
            },
            { title: '团员编号', dataIndex: 'memberNumber', render: (v: string | null) => v || '—' },
            { title: '所在组织', dataIndex: 'orgName' },
            { title: '完备度', dataIndex: 'score', width: 90, render: (s: number) => `${s}%` },
            {
              title: '缺少',
              dataIndex: 'missingLabels',
              render: (l: string[]) =>
                l.map((x) => (
                  <Tag key={x} color="orange">
                    {x}
                  </Tag>
                )),
            },
            {
              title: '最近核查',
              dataIndex: 'lastCheckedAt',
              render: (d: Date | null) => (d ? formatDateTime(d) : '未核查'),
            },
          ]}
        />
      </Card>
    </>
  );
}
