import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  TRANSFER_STATUSES,
  type TransferStatus,
  transferKindLabel,
  transferStatusLabel,
} from '@tuanjian/domain';
import { Badge, Button, Col, Form, Input, Select, type TableColumnsType, Tabs, Tag } from 'antd';
import { useNavigate } from 'react-router-dom';
import { ExportButton } from '../../components/ExportButton';
import { PageHeader } from '../../components/PageHeader';
import { SearchTable, useUrlParams } from '../../components/SearchTable';
import { StatusTag } from '../../components/StatusTag';
import { formatDate, formatDateTime } from '../../lib/format';
import { trpc, trpcClient } from '../../lib/trpc';
import { STATUS_COLOR, sourceText, type TransferRow, targetText } from './shared';

type Box = 'incoming' | 'outgoing' | 'escalated';
const BOXES: { key: Box; label: string }[] = [
  { key: 'incoming', label: '转入（待接收）' },
  { key: 'outgoing', label: '转出' },
  { key: 'escalated', label: '超时督办' },
];

type SearchValues = { q?: string; status?: string };

/** MEM-4 组织关系转接: incoming / outgoing / escalated, searchable by name or 团员编号. */
export default function TransfersPage() {
  const { params, set } = useUrlParams();
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
          <StatusTag value={s} labels={transferStatusLabel} colors={STATUS_COLOR} />
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
      <SearchTable<TransferRow, SearchValues>
        formName="transfer-search"
        formKey={box}
        initialValues={{ q, status }}
        onSearch={(v) => set({ q: v.q?.trim() || undefined, status: v.status, page: undefined })}
        searchColLg={4}
        fields={
          <>
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
          </>
        }
        columns={columns}
        rowKey="id"
        data={list.data}
        loading={list.isFetching}
        page={page}
        onPage={(p) => set({ page: String(p) })}
        onRowClick={(r) => navigate(`/transfers/${r.id}`)}
        emptyText={box === 'escalated' ? '没有超时未办理的转接' : '暂无转接记录'}
      />
    </>
  );
}
