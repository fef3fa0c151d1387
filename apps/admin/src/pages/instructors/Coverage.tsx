import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Col, Row, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import ReactECharts from 'echarts-for-react';
import { useState } from 'react';
import { PageHeader } from '../../components/PageHeader';
import type { RouterOutputs } from '../../lib/api-types';
import { trpc } from '../../lib/trpc';

type Visit = RouterOutputs['instructors']['visits']['items'][number];
const pct = (v: number | null) => (v === null ? '—' : `${v}%`);

interface CoverageRow {
  key: string;
  label: string;
  covered: number;
  total: number;
  rate: number | null;
}

/** One breakdown of the coverage (per district or per sector): a bar chart and its table. */
function CoverageCard(props: { title: string; labelTitle: string; rows: CoverageRow[] }) {
  return (
    <Card size="small" title={props.title}>
      <ReactECharts
        style={{ height: 280 }}
        option={{
          tooltip: {},
          xAxis: {
            type: 'category',
            data: props.rows.map((r) => r.label),
            axisLabel: { interval: 0, rotate: 30 },
          },
          yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
          series: [{ type: 'bar', name: '覆盖率', data: props.rows.map((r) => r.rate ?? 0) }],
        }}
      />
      <Table
        rowKey="key"
        size="small"
        pagination={false}
        dataSource={props.rows}
        columns={[
          { title: props.labelTitle, dataIndex: 'label' },
          { title: '有指导员', dataIndex: 'covered', align: 'right' },
          { title: '团支部数', dataIndex: 'total', align: 'right' },
          { title: '覆盖率', dataIndex: 'rate', align: 'right', render: pct },
        ]}
      />
    </Card>
  );
}

/** 团市委: coverage of branches by instructors, per district and per sector; every visit. */
export default function InstructorCoveragePage() {
  const thisYear = dayjs().year();
  const [year, setYear] = useState(thisYear);
  const [page, setPage] = useState(1);
  const cov = useQuery(trpc.instructors.coverage.queryOptions({ year }));
  const visits = useQuery(
    trpc.instructors.visits.queryOptions({ year, page, pageSize: 20 }, { placeholderData: keepPreviousData }),
  );
  const c = cov.data;
  return (
    <>
      <PageHeader
        title="指导员覆盖率"
        subTitle="有指导员联系的团支部 / 全部团支部（按区县、按领域）；团支部数来自各区县数据汇总"
        extra={
          <Select
            aria-label="年度"
            value={year}
            style={{ width: 110 }}
            onChange={setYear}
            options={[thisYear, thisYear - 1, thisYear - 2].map((y) => ({ value: y, label: `${y}年` }))}
          />
        }
      />
      {c ? (
        <>
          <Row gutter={16} style={{ marginBottom: 16 }}>
            <Col xs={8}>
              <Card size="small">
                <Statistic title="全市覆盖率" value={pct(c.total.rate)} />
              </Card>
            </Col>
            <Col xs={8}>
              <Card size="small">
                <Statistic title="有指导员的团支部" value={c.total.covered} />
              </Card>
            </Col>
            <Col xs={8}>
              <Card size="small">
                <Statistic title="团支部总数" value={c.total.total} />
              </Card>
            </Col>
          </Row>
          <Typography.Paragraph type="secondary">
            {c.computedAt
              ? `团支部数据更新于 ${dayjs(c.computedAt).format('YYYY-MM-DD HH:mm')}${c.rollupYear !== c.year ? `（${c.rollupYear}年数据）` : ''}`
              : '尚无汇总数据'}
          </Typography.Paragraph>
          <Row gutter={16} style={{ marginBottom: 16 }}>
            <Col xs={24} lg={12}>
              <CoverageCard
                title="各区县覆盖率"
                labelTitle="区县"
                rows={c.byTenant.map((t) => ({ key: t.tenantId, label: t.tenantName, ...t }))}
              />
            </Col>
            <Col xs={24} lg={12}>
              <CoverageCard
                title="各领域覆盖率"
                labelTitle="领域"
                rows={c.bySector.map((r) => ({ key: r.sector ?? '', label: r.sectorLabel, ...r }))}
              />
            </Col>
          </Row>
        </>
      ) : null}
      <Card title={`${year}年走访记录`}>
        <Table<Visit>
          rowKey="id"
          size="small"
          loading={visits.isFetching}
          dataSource={visits.data?.items}
          locale={{ emptyText: '暂无走访记录' }}
          pagination={{
            current: page,
            pageSize: 20,
            total: visits.data?.total ?? 0,
            onChange: setPage,
            showTotal: (t) => `共 ${t} 条`,
          }}
          columns={[
            { title: '日期', dataIndex: 'visitedOn', width: 110 },
            { title: '指导员', dataIndex: 'instructorName', width: 100 },
            { title: '区县', dataIndex: 'tenantName', width: 110 },
            { title: '团支部', dataIndex: 'orgName', ellipsis: true },
            { title: '走访发现', dataIndex: 'findings', ellipsis: true },
            {
              title: '体检',
              dataIndex: 'statusLabel',
              width: 190,
              render: (l: string, r) => <Tag color={r.status === 'applied' ? 'green' : 'orange'}>{l}</Tag>,
            },
          ]}
        />
      </Card>
      <Space />
    </>
  );
}
