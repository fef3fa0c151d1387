import { PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  TRANSFER_STATUSES,
  type TransferStatus,
  transferKindLabel,
  transferStatusLabel,
} from '@tuanjian/domain';
import {
  Badge,
  Button,
  Card,
  Col,
  Form,
  Input,
  Row,
  Select,
  Table,
  type TableColumnsType,
  Tabs,
  Tag,
} from 'antd';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { ExportButton } from '../../components/ExportButton';
import { PageHeader } from '../../components/PageHeader';
import { formatDate, formatDateTime } from '../../lib/format';
import { trpc, trpcClient } from '../../lib/trpc';
import { STATUS_COLOR, sourceText, type TransferRow, targetText } from './shared';

type Box = 'incoming' | 'outgoing' | 'escalated';
const BOXES: { key: Box; label: string }[] = [
  { key: 'incoming', label: '转入（待接收）' },
  { key: 'outgoing', label: '转出' },
  { key: 'escalated', label: '超时督办' },
];

/** MEM-4 组织关系转接: incoming / outgoing / escalated, searchable by name or 团员编号. */
export default function TransfersPage() {
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const box = (params.get('box') as Box | null) ?? 'incoming';
  const q = params.get('q') ?? undefined;
  const status = (params.get('status') as TransferStatus | null) ?? undefined;
  const page = Number(params.get('page') ?? 1) || 1;
  const list = useQuery(
    trpc.transfers.list.queryOptions(
      { box, q, status, page, pageSize: 20 },
      { placeholderData: keepPreviousData },
    ),
  );
  // What waits on the user: counts on the tabs.
  const waiting = useQuery(
    trpc.transfers.list.queryOptions({ box: 'incoming', status: 'pending_target', pageSize: 1 }),
  );
  const escalated = useQuery(trpc.transfers.list.queryOptions({ box: 'escalated', pageSize: 1 }));
  const badge: Partial<Record<Box, number>> = {
    incoming: waiting.data?.total,
    escalated: escalated.data?.total,
  };
  const set = (next: Record<string, string | undefined>) => {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) {
      if (v) p.set(k, v);
      else p.delete(k);
    }
    setParams(p);
  };

  const columns: TableColumnsType<TransferRow> = [
    { title: '姓名', dataIndex: 'memberName', width: 110 },
    { title: '团员编号', dataIndex: 'memberNumber', width: 140, render: (v: string | null) => v ?? '—' },
    {
      title: '身份证号',
      dataIndex: 'memberIdCardMasked',
      width: 190,
      render: (v: string | null) => v ?? '—',
    },
    {
      title: '类型',
      dataIndex: 'kind',
      width: 120,
      render: (k: TransferRow['kind']) => transferKindLabel[k],
    },
    { title: '转出组织', key: 'source', ellipsis: true, render: (_, r) => sourceText(r) },
    { title: '接收组织', key: 'target', ellipsis: true, render: (_, r) => targetText(r) },
    { title: '申请时间', dataIndex: 'appliedAt', width: 170, render: (d: Date) => formatDateTime(d) },
    {
      title: '状态',
      dataIndex: 'status',
      width: 200,
      render: (s: TransferStatus, r) => (
        <>
          <Tag color={STATUS_COLOR[s]}>{transferStatusLabel[s]}</Tag>
          {r.escalated ? <Tag color="red">超时{r.daysOverdue}天·已提交上级</Tag> : null}
        </>
      ),
    },
    {
      title: '接收时限',
      dataIndex: 'receiverDueOn',
      width: 130,
      render: (d: string | null, r) => (r.status === 'pending_target' && d ? formatDate(d) : '—'),
    },
  ];

  return (
    <>
      <PageHeader
        title="组织关系转接"
        subTitle="申请 → 转出方审核 → 接收方审核 → 完成；接收方超过时限未办理的，提交其上级团组织督办"
        extra={
          <>
            <ExportButton onExport={() => trpcClient.exports.transfers.mutate({ box, q, status })} />
            <Button
              type="primary"
              icon={<PlusOutlined aria-hidden />}
              onClick={() => navigate('/transfers/new')}
            >
              发起转接
            </Button>
          </>
        }
      />
      <Tabs
        activeKey={box}
        onChange={(k) => set({ box: k, page: undefined })}
        items={BOXES.map((b) => ({
          key: b.key,
          label: (
            <span>
              {b.label}
              {badge[b.key] ? <Badge count={badge[b.key]} size="small" style={{ marginLeft: 6 }} /> : null}
            </span>
          ),
        }))}
      />
      <Card style={{ marginBottom: 16 }}>
        <Form
          layout="vertical"
          name="transfer-search"
          key={box}
          initialValues={{ q, status }}
          onFinish={(v: { q?: string; status?: string }) =>
            set({ q: v.q?.trim() || undefined, status: v.status, page: undefined })
          }
        >
          <Row gutter={16} align="bottom">
            <Col xs={24} sm={12} lg={8}>
              <Form.Item label="姓名或团员编号" name="q" style={{ marginBottom: 12 }}>
                <Input placeholder="姓名、团员编号或身份证号后4位" allowClear autoComplete="off" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={6}>
              <Form.Item label="状态" name="status" style={{ marginBottom: 12 }}>
                <Select
                  placeholder="全部状态"
                  allowClear
                  options={TRANSFER_STATUSES.map((s) => ({ value: s, label: transferStatusLabel[s] }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={4}>
              <Form.Item style={{ marginBottom: 12 }}>
                <Button type="primary" htmlType="submit" icon={<SearchOutlined aria-hidden />}>
                  查询
                </Button>
              </Form.Item>
            </Col>
          </Row>
        </Form>
      </Card>
      <Card>
        <Table<TransferRow>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          onRow={(r) => ({ onClick: () => navigate(`/transfers/${r.id}`), style: { cursor: 'pointer' } })}
          locale={{ emptyText: box === 'escalated' ? '没有超时未办理的转接' : '暂无转接记录' }}
          pagination={{
            current: page,
            pageSize: 20,
            total: list.data?.total ?? 0,
            showTotal: (t) => `共 ${t} 条`,
            onChange: (p) => set({ page: String(p) }),
          }}
        />
      </Card>
    </>
  );
}
