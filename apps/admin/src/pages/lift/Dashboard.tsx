import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { todayInShanghai } from '@tuanjian/domain';
import {
  Card,
  Col,
  Empty,
  Form,
  Row,
  Select,
  Statistic,
  Table,
  type TableColumnsType,
  Typography,
} from 'antd';
import ReactECharts from 'echarts-for-react';
import { useState } from 'react';
import { PageHeader } from '../../components/PageHeader';
import type { RouterOutputs } from '../../lib/api-types';
import { useMe } from '../../lib/auth';
import { trpc } from '../../lib/trpc';

type Headline = RouterOutputs['dashboard']['tenant']['thisYear']['headline'];
type District = RouterOutputs['dashboard']['city']['districts'][number];
type Unit = RouterOutputs['dashboard']['tenant']['units'][number];

const RATES: { key: keyof Headline; title: string }[] = [
  { key: 'meetingsRate', title: '三会两制一课落实率' },
  { key: 'themeDayCompletionRate', title: '主题团日完成率' },
  { key: 'duesRate', title: '团费收缴率' },
  { key: 'cadreStaffingRate', title: '团干部配备率' },
  { key: 'trainingCoverageRate', title: '团干部培训覆盖率' },
  { key: 'tuiyouRate', title: '推优入党占比（28岁以下新党员）' },
  { key: 'coverageRate', title: '空白点覆盖率' },
  { key: 'archiveCompleteRate', title: '团员档案完备率' },
];

const pct = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${v.toFixed(1)}%`);
const delta = (v: number | null | undefined) =>
  v === null || v === undefined ? '' : `${v >= 0 ? '+' : ''}${v.toFixed(1)}`;

function YearSelect(props: { value: number; onChange: (y: number) => void }) {
  const now = Number(todayInShanghai().slice(0, 4));
  return (
    <Card style={{ marginBottom: 16 }}>
      <Form layout="inline">
        <Form.Item label="年份">
          <Select
            aria-label="年份"
            value={props.value}
            onChange={props.onChange}
            style={{ width: 120 }}
            options={[now, now - 1, now - 2].map((y) => ({ value: y, label: `${y}年` }))}
          />
        </Form.Item>
      </Form>
    </Card>
  );
}

function Headlines(props: {
  year: number;
  cur: Partial<Headline> | null;
  prev: Partial<Headline> | null;
  change?: Partial<Record<string, number | null>> | null;
}) {
  return (
    <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
      {RATES.map((r) => (
        <Col key={r.key} xs={12} md={6}>
          <Card size="small" data-testid={`kpi-${r.key}`}>
            <Statistic title={r.title} value={pct(props.cur?.[r.key] as number | null)} />
            <Typography.Text type="secondary">
              {props.year - 1}年 {pct(props.prev?.[r.key] as number | null)}
              {props.change?.[r.key] !== undefined && props.change?.[r.key] !== null
                ? `（${delta(props.change[r.key])}个百分点）`
                : ''}
            </Typography.Text>
          </Card>
        </Col>
      ))}
      <Col xs={12} md={6}>
        <Card size="small" data-testid="kpi-contacts">
          <Statistic
            title="团干部联系青年（次 / 人）"
            value={`${props.cur?.contactRecords ?? 0} / ${props.cur?.contactYouths ?? 0}`}
          />
          <Typography.Text type="secondary">
            {props.year - 1}年 {props.prev?.contactRecords ?? 0} / {props.prev?.contactYouths ?? 0}
          </Typography.Text>
        </Card>
      </Col>
      <Col xs={12} md={6}>
        <Card size="small" data-testid="kpi-brands">
          <Statistic title="工作品牌（个）" value={props.cur?.brandProjects ?? 0} />
          <Typography.Text type="secondary">
            {props.year - 1}年 {props.prev?.brandProjects ?? 0}
          </Typography.Text>
        </Card>
      </Col>
    </Row>
  );
}

function CityDashboard(props: { year: number }) {
  const data = useQuery(
    trpc.dashboard.city.queryOptions({ year: props.year }, { placeholderData: keepPreviousData }),
  );
  const d = data.data;
  const names = d?.districts.map((x) => x.name) ?? [];
  const bars = {
    tooltip: { trigger: 'axis' },
    legend: { data: [`${props.year - 1}年`, `${props.year}年`] },
    grid: { left: 40, right: 16, bottom: 60 },
    xAxis: { type: 'category', data: names, axisLabel: { rotate: 30 } },
    yAxis: { type: 'value', max: 100, name: '%' },
    series: [
      {
        name: `${props.year - 1}年`,
        type: 'bar',
        data: d?.districts.map((x) => x.lastYear?.meetingsRate ?? null) ?? [],
      },
      {
        name: `${props.year}年`,
        type: 'bar',
        data: d?.districts.map((x) => x.thisYear?.meetingsRate ?? null) ?? [],
      },
    ],
  };
  const lines = {
    tooltip: { trigger: 'axis' },
    legend: { data: RATES.map((r) => r.title), type: 'scroll' },
    xAxis: { type: 'category', data: [`${props.year - 1}年`, `${props.year}年`] },
    yAxis: { type: 'value', max: 100, name: '%' },
    series: RATES.map((r) => ({
      name: r.title,
      type: 'line',
      data: [
        d?.lastYear[r.key as keyof typeof d.lastYear] ?? null,
        d?.thisYear[r.key as keyof typeof d.thisYear] ?? null,
      ],
    })),
  };
  const columns: TableColumnsType<District> = [
    { title: '区县', dataIndex: 'name', fixed: 'left', width: 140 },
    { title: '在册团员', key: 'members', align: 'right', render: (_, r) => r.thisYear?.memberCount ?? '—' },
    ...RATES.slice(0, 6).map((rate) => ({
      title: rate.title,
      key: rate.key,
      align: 'right' as const,
      render: (_: unknown, r: District) => (
        <span data-testid={`city-${r.code}-${rate.key}`}>
          {pct(r.thisYear?.[rate.key] as number | null)}
          <Typography.Text type="secondary">
            {' '}
            {delta(r.change?.[rate.key as keyof typeof r.change])}
          </Typography.Text>
        </span>
      ),
    })),
    {
      title: '联系青年（次）',
      key: 'contacts',
      align: 'right',
      render: (_, r) => r.thisYear?.contactRecords ?? '—',
    },
    { title: '工作品牌', key: 'brands', align: 'right', render: (_, r) => r.thisYear?.brandProjects ?? '—' },
  ];
  return (
    <>
      <Typography.Paragraph type="secondary">
        {d?.computedAt
          ? `数据更新于 ${new Date(d.computedAt).toLocaleString('zh-CN')}`
          : '数据汇总中，请稍后刷新'}
        ；全市比率为各区县的平均值。
      </Typography.Paragraph>
      <Headlines year={props.year} cur={d?.thisYear ?? null} prev={d?.lastYear ?? null} />
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col xs={24} lg={14}>
          <Card title="各区县三会两制一课落实率（同比）">
            <ReactECharts option={bars} style={{ height: 320 }} notMerge />
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card title="全市指标同比">
            <ReactECharts option={lines} style={{ height: 320 }} notMerge />
          </Card>
        </Col>
      </Row>
      <Card title="各区县指标（括号外为本年，灰字为同比变化的百分点）">
        <Table<District>
          rowKey="tenantId"
          size="small"
          columns={columns}
          dataSource={d?.districts ?? []}
          loading={data.isFetching}
          pagination={false}
          scroll={{ x: 1200 }}
        />
      </Card>
    </>
  );
}

function TenantDashboard(props: { year: number }) {
  const data = useQuery(
    trpc.dashboard.tenant.queryOptions({ year: props.year }, { placeholderData: keepPreviousData }),
  );
  const d = data.data;
  const units = d?.units ?? [];
  const bars = {
    tooltip: { trigger: 'axis' },
    legend: { data: [`${props.year - 1}年`, `${props.year}年`] },
    grid: { left: 40, right: 16, bottom: 80 },
    xAxis: { type: 'category', data: units.map((u) => u.name), axisLabel: { rotate: 30 } },
    yAxis: { type: 'value', max: 100, name: '%' },
    series: [
      { name: `${props.year - 1}年`, type: 'bar', data: units.map((u) => u.lastYear?.meetingsRate ?? null) },
      { name: `${props.year}年`, type: 'bar', data: units.map((u) => u.thisYear.meetingsRate) },
    ],
  };
  const columns: TableColumnsType<Unit> = [
    { title: '组织', dataIndex: 'name', width: 200 },
    { title: '在册团员', dataIndex: 'memberCount', align: 'right' },
    { title: '团支部', key: 'b', align: 'right', render: (_, u) => u.thisYear.branchCount },
    { title: '三会两制一课', key: 'm', align: 'right', render: (_, u) => pct(u.thisYear.meetingsRate) },
    { title: '团费收缴率', key: 'd', align: 'right', render: (_, u) => pct(u.thisYear.duesRate) },
    { title: '团干部配备率', key: 'c', align: 'right', render: (_, u) => pct(u.thisYear.cadreStaffingRate) },
    { title: '档案完备率', key: 'a', align: 'right', render: (_, u) => pct(u.thisYear.archiveCompleteRate) },
    { title: '最近活动', key: 'l', render: (_, u) => u.thisYear.lastActivityOn ?? '—' },
  ];
  return (
    <>
      <Typography.Paragraph type="secondary">
        {d?.scopeName}　
        {d?.computedAt
          ? `数据更新于 ${new Date(d.computedAt).toLocaleString('zh-CN')}`
          : '数据汇总中，请稍后刷新'}
      </Typography.Paragraph>
      <Headlines
        year={props.year}
        cur={d?.thisYear.headline ?? null}
        prev={d?.lastYear.headline ?? null}
        change={d?.change}
      />
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col xs={24}>
          <Card title="下级组织三会两制一课落实率（同比）">
            {units.length ? <ReactECharts option={bars} style={{ height: 320 }} notMerge /> : <Empty />}
          </Card>
        </Col>
      </Row>
      <Card title="下级组织指标">
        <Table<Unit>
          rowKey="orgId"
          size="small"
          columns={columns}
          dataSource={units}
          loading={data.isFetching}
          pagination={{ pageSize: 20 }}
        />
      </Card>
    </>
  );
}

/** LIFT-1 数据看板: citywide for 团市委, per district / subtree for the others; year over year. */
export default function DashboardPage() {
  const { role } = useMe();
  const [year, setYear] = useState(Number(todayInShanghai().slice(0, 4)));
  return (
    <>
      <PageHeader title="数据看板" subTitle="规范提升指标，本年与上年同比" />
      <YearSelect value={year} onChange={setYear} />
      {role === 'city_admin' ? <CityDashboard year={year} /> : <TenantDashboard year={year} />}
    </>
  );
}
