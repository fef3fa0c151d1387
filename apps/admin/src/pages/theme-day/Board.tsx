import { DownloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import {
  formatPermille,
  shanghaiMonth,
  THEME_DAY_COMPLETENESS,
  type ThemeDayCompleteness,
  themeDayCompletenessLabel,
} from '@tuanjian/domain';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Form,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { Link, useSearchParams } from 'react-router-dom';
import { PageHeader } from '../../components/PageHeader';
import type { RouterOutputs } from '../../lib/api-types';
import { trpc } from '../../lib/trpc';
import { downloadBase64, errorText, OrgPicker, XLSX_MIME } from '../dues/shared';

type BoardData = RouterOutputs['themeDays']['board'];
type BranchRow = BoardData['rows'][number];
type Superior = BoardData['superiors'][number];

export const COMPLETENESS_COLOR: Record<ThemeDayCompleteness, string> = {
  complete: 'success',
  incomplete: 'warning',
  absent: 'error',
};

/**
 * “主题团日+”完成情况 (LIFE-2): for a month, every 团支部 in the user's scope → 已完成 / 未完成
 * (naming what is missing) / 未开展, with participation; completion per superior and for the scope;
 * the same table as Excel. Filters live in the URL (back from a branch record keeps them).
 */
export default function ThemeDayBoardPage() {
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const month = params.get('month') ?? shanghaiMonth(new Date());
  const orgId = params.get('orgId') ?? undefined;
  const completeness = (params.get('completeness') as ThemeDayCompleteness | null) ?? undefined;
  const set = (next: Record<string, string | undefined>) => {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) {
      if (v) p.set(k, v);
      else p.delete(k);
    }
    setParams(p, { replace: true });
  };
  const input = { month, orgId, completeness };
  const board = useQuery(trpc.themeDays.board.queryOptions(input, { placeholderData: keepPreviousData }));
  const exportFile = useMutation(
    trpc.themeDays.boardExport.mutationOptions({
      onSuccess: (f) => {
        downloadBase64(f.fileName, f.base64, XLSX_MIME);
        void message.success(`已导出 ${f.rows} 个团支部`);
      },
    }),
  );
  const b = board.data;
  const columns: TableColumnsType<BranchRow> = [
    {
      title: '团支部',
      dataIndex: 'name',
      render: (v: string, r) =>
        r.themeDayId ? (
          <Link to={`/theme-days/${r.themeDayId}`} state={{ back: `/theme-days?${params.toString()}` }}>
            {v}
          </Link>
        ) : (
          v
        ),
    },
    {
      title: '上级组织',
      dataIndex: 'parentName',
      width: 200,
      ellipsis: true,
      render: (v: string | null) => v ?? '—',
    },
    {
      title: '完成情况',
      dataIndex: 'completeness',
      width: 100,
      render: (v: ThemeDayCompleteness) => (
        <Tag color={COMPLETENESS_COLOR[v]}>{themeDayCompletenessLabel[v]}</Tag>
      ),
    },
    {
      title: '缺少项目',
      dataIndex: 'missing',
      render: (m: string[]) =>
        m.length ? (
          <Typography.Paragraph
            style={{ margin: 0 }}
            ellipsis={{ rows: 2, expandable: true, symbol: '展开' }}
          >
            {m.join('；')}
          </Typography.Paragraph>
        ) : (
          '—'
        ),
    },
    {
      title: '签到 / 在册',
      width: 110,
      render: (_: unknown, r) => (r.themeDayId ? `${r.checkedIn} / ${r.memberCount}` : '—'),
    },
    {
      title: '参与率',
      dataIndex: 'participationPermille',
      width: 90,
      render: (v: number | null) => formatPermille(v),
    },
  ];
  const superiorColumns: TableColumnsType<Superior> = [
    { title: '上级组织', dataIndex: 'name' },
    { title: '团支部', dataIndex: 'total', width: 90 },
    { title: '已完成', dataIndex: 'complete', width: 90 },
    { title: '未完成', dataIndex: 'incomplete', width: 90 },
    { title: '未开展', dataIndex: 'absent', width: 90 },
    {
      title: '完成率',
      dataIndex: 'completionPermille',
      width: 100,
      render: (v: number | null) => formatPermille(v),
    },
  ];
  return (
    <>
      <PageHeader
        title="主题团日完成情况"
        subTitle={
          b ? `“七事联动”规定动作、自选动作和仪式照片齐全并结束签到为已完成（${b.rule.source}）` : undefined
        }
        extra={
          <Button
            icon={<DownloadOutlined />}
            loading={exportFile.isPending}
            disabled={!b}
            onClick={() => exportFile.mutate(input)}
          >
            导出 Excel
          </Button>
        }
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Form layout="inline">
          <Form.Item label="月份">
            <DatePicker
              id="theme-day-month"
              picker="month"
              allowClear={false}
              value={dayjs(`${month}-01`)}
              onChange={(d) => set({ month: d ? d.format('YYYY-MM') : undefined })}
            />
          </Form.Item>
          <Form.Item label="组织" style={{ minWidth: 280 }}>
            <OrgPicker value={orgId} onChange={(v) => set({ orgId: v })} placeholder="我管理的全部团支部" />
          </Form.Item>
          <Form.Item label="完成情况">
            <Select
              id="theme-day-completeness"
              allowClear
              placeholder="全部"
              style={{ width: 140 }}
              value={completeness}
              onChange={(v) => set({ completeness: v })}
              options={THEME_DAY_COMPLETENESS.map((k) => ({ value: k, label: themeDayCompletenessLabel[k] }))}
            />
          </Form.Item>
        </Form>
      </Card>
      {board.error ? (
        <Alert type="error" showIcon message={errorText(board.error)} style={{ marginBottom: 16 }} />
      ) : null}
      {b ? (
        <Row gutter={16} style={{ marginBottom: 16 }}>
          <Col span={4}>
            <Card size="small">
              <Statistic title={`${b.scopeName} 团支部`} value={b.summary.total} />
            </Card>
          </Col>
          <Col span={5}>
            <Card size="small">
              <Statistic title="已完成" value={b.summary.complete} valueStyle={{ color: '#389e0d' }} />
            </Card>
          </Col>
          <Col span={5}>
            <Card size="small">
              <Statistic title="未完成" value={b.summary.incomplete} valueStyle={{ color: '#d48806' }} />
            </Card>
          </Col>
          <Col span={5}>
            <Card size="small">
              <Statistic title="未开展" value={b.summary.absent} valueStyle={{ color: '#cf1322' }} />
            </Card>
          </Col>
          <Col span={5}>
            <Card size="small">
              <Statistic
                title={`${b.monthLabel}完成率`}
                value={formatPermille(b.summary.completionPermille)}
              />
            </Card>
          </Col>
        </Row>
      ) : null}
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <Card size="small" title="各团支部">
          <Table<BranchRow>
            rowKey="orgId"
            size="middle"
            loading={board.isFetching}
            columns={columns}
            dataSource={b?.rows ?? []}
            pagination={{ pageSize: 50, showSizeChanger: false, showTotal: (t) => `共 ${t} 个团支部` }}
            locale={{ emptyText: '没有符合条件的团支部' }}
          />
        </Card>
        {b && b.superiors.length > 1 ? (
          <Card size="small" title="按上级组织">
            <Table<Superior>
              rowKey={(r) => r.orgId ?? 'none'}
              size="small"
              columns={superiorColumns}
              dataSource={b.superiors}
              pagination={false}
            />
          </Card>
        ) : null}
      </Space>
    </>
  );
}
