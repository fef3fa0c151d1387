import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { formatPermille, todayInShanghai } from '@tuanjian/domain';
import { Alert, Card, Empty, Form, Select, Table, type TableColumnsType, Tabs, Tooltip } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { PageHeader } from '../../components/PageHeader';
import type { RouterOutputs } from '../../lib/api-types';
import { trpc } from '../../lib/trpc';
import { OrgPicker } from '../dues/shared';
import { StatusTag, yearOptions } from './shared';

type Calendar = RouterOutputs['meetings']['calendar'];
type Report = RouterOutputs['meetings']['compliance'];

function CalendarGrid(props: { cal: Calendar }) {
  const { cal } = props;
  return (
    <div data-testid="compliance-calendar">
      <div style={{ marginBottom: 12 }}>
        {cal.branch.name}：在册团员 {cal.branch.memberCount} 人；{cal.year}年落实率{' '}
        <b data-testid="calendar-rate">{formatPermille(cal.permille)}</b>（已落实 {cal.tally.met}{' '}
        个周期，未落实 {cal.tally.missing} 个周期）
      </div>
      <table className="tj-calendar" style={{ borderCollapse: 'collapse', width: '100%' }}>
        <tbody>
          {cal.rows.map((r) => (
            <tr key={r.kind} data-kind={r.kind}>
              <th style={{ textAlign: 'left', padding: 8, width: 160, borderBottom: '1px solid #f0f0f0' }}>
                {r.label}
                <div style={{ fontWeight: 400, color: '#999', fontSize: 12 }}>{r.requirement.text}</div>
              </th>
              <td style={{ padding: 8, borderBottom: '1px solid #f0f0f0' }}>
                <div style={{ display: 'flex', flexWrap: 'wrap', gap: 6 }}>
                  {r.cells.map((c) => (
                    <Tooltip
                      key={c.key}
                      title={
                        c.reason ??
                        `${c.label}：已召开${c.count}次${c.required ? `，应至少${c.required}次` : ''}${
                          c.notCounted ? `；另有${c.notCounted}次未达法定人数，不计入` : ''
                        }`
                      }
                    >
                      <span data-period={c.key} data-status={c.status}>
                        <StatusTag status={c.status} text={`${c.label} ${c.count}/${c.required || '—'}`} />
                      </span>
                    </Tooltip>
                  ))}
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div style={{ color: '#999', marginTop: 8, fontSize: 12 }}>依据：{cal.source}</div>
    </div>
  );
}

function Rates(props: { report: Report }) {
  const { report } = props;
  const groupCols: TableColumnsType<Report['groups'][number]> = [
    {
      title: '上级组织',
      dataIndex: 'name',
      render: (v: string, r) => <span style={{ paddingLeft: r.depth * 16 }}>{v}</span>,
    },
    { title: '类型', dataIndex: 'kindLabel', width: 100 },
    { title: '团支部数', dataIndex: 'branchCount', width: 100, align: 'right' },
    { title: '已落实', key: 'met', width: 90, align: 'right', render: (_: unknown, r) => r.tally.met },
    {
      title: '未落实',
      key: 'missing',
      width: 90,
      align: 'right',
      render: (_: unknown, r) => r.tally.missing,
    },
    {
      title: '落实率',
      dataIndex: 'permille',
      width: 100,
      align: 'right',
      render: (v: number | null) => formatPermille(v),
    },
  ];
  const branchCols: TableColumnsType<Report['branches'][number]> = [
    { title: '团支部', dataIndex: 'name', ellipsis: true },
    { title: '上级组织', dataIndex: 'parentName', width: 200, ellipsis: true },
    { title: '在册团员', dataIndex: 'memberCount', width: 90, align: 'right' },
    {
      title: '支部团员大会',
      key: 'gm',
      width: 120,
      align: 'right',
      render: (_: unknown, r) =>
        `${r.byKind.general_meeting.met} / ${r.byKind.general_meeting.met + r.byKind.general_meeting.missing}`,
    },
    {
      title: '支部委员会',
      key: 'cm',
      width: 110,
      align: 'right',
      render: (_: unknown, r) =>
        r.byKind.committee_meeting.met + r.byKind.committee_meeting.missing === 0
          ? '不适用'
          : `${r.byKind.committee_meeting.met} / ${r.byKind.committee_meeting.met + r.byKind.committee_meeting.missing}`,
    },
    {
      title: '团课',
      key: 'ls',
      width: 80,
      align: 'right',
      render: (_: unknown, r) =>
        `${r.byKind.league_lesson.met} / ${r.byKind.league_lesson.met + r.byKind.league_lesson.missing}`,
    },
    {
      title: '落实率',
      dataIndex: 'permille',
      width: 100,
      align: 'right',
      sorter: (a, b) => (a.permille ?? -1) - (b.permille ?? -1),
      render: (v: number | null) => formatPermille(v),
    },
  ];
  return (
    <>
      <Alert
        style={{ marginBottom: 16 }}
        message={
          <span data-testid="compliance-total">
            {report.scopeName} {report.year}年：{report.total.branchCount}个团支部，落实率{' '}
            <b>{formatPermille(report.total.permille)}</b>（已落实 {report.total.tally.met} 个周期，未落实{' '}
            {report.total.tally.missing} 个周期；进行中和不适用的周期不计）
          </span>
        }
      />
      {report.groups.length > 0 ? (
        <Table
          rowKey="id"
          size="small"
          columns={groupCols}
          dataSource={report.groups}
          pagination={false}
          style={{ marginBottom: 16 }}
        />
      ) : null}
      <Table
        rowKey="id"
        size="small"
        columns={branchCols}
        dataSource={report.branches}
        pagination={{ pageSize: 20, showTotal: (t) => `共 ${t} 个团支部` }}
      />
    </>
  );
}

/** 落实情况: a branch's calendar (periods × kinds) and the rates per superior / branch / tenant. */
export default function CompliancePage() {
  const [params, setParams] = useSearchParams();
  const current = Number(todayInShanghai().slice(0, 4));
  const [year, setYear] = useState(Number(params.get('year')) || current);
  const orgId = params.get('orgId') ?? undefined;
  const tab = params.get('tab') ?? 'calendar';
  const cal = useQuery(
    trpc.meetings.calendar.queryOptions(
      { orgId, year },
      { enabled: tab === 'calendar' && !!orgId, placeholderData: keepPreviousData, meta: { silent: true } },
    ),
  );
  const report = useQuery(
    trpc.meetings.compliance.queryOptions(
      { orgId, year },
      { enabled: tab === 'rates', placeholderData: keepPreviousData },
    ),
  );
  const set = (k: string, v: string | undefined) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next, { replace: true });
  };
  return (
    <>
      <PageHeader
        title="落实情况"
        subTitle="“三会两制一课”落实日历和落实率（落实率 = 已落实周期 ÷ 已到期周期）"
      />
      <Card style={{ marginBottom: 16 }}>
        <Form layout="inline">
          <Form.Item label={tab === 'calendar' ? '团支部' : '组织'} style={{ width: 340 }}>
            <OrgPicker
              value={orgId}
              onChange={(v) => set('orgId', v)}
              placeholder={tab === 'calendar' ? '选择团支部' : '全部组织'}
              id="compliance-org"
            />
          </Form.Item>
          <Form.Item label="年份">
            <Select
              value={year}
              onChange={(y) => {
                setYear(y);
                set('year', String(y));
              }}
              style={{ width: 120 }}
              options={yearOptions(current)}
            />
          </Form.Item>
        </Form>
      </Card>
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(k) => set('tab', k)}
          items={[
            {
              key: 'calendar',
              label: '落实日历',
              children: !orgId ? (
                <Empty description="请选择一个团支部查看落实日历" />
              ) : cal.error ? (
                <Alert type="warning" message={(cal.error as { message?: string }).message ?? '无法查看'} />
              ) : cal.data ? (
                <CalendarGrid cal={cal.data} />
              ) : null,
            },
            {
              key: 'rates',
              label: '落实率',
              children: report.data ? <Rates report={report.data} /> : null,
            },
          ]}
        />
      </Card>
    </>
  );
}
