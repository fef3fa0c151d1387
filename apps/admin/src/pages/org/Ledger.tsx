import { DownloadOutlined, ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import {
  BUILD_OUT_TAGS,
  type BuildOutTag,
  buildOutTagLabel,
  INVENTORY_PROBLEMS,
  type InventoryProblem,
  inventoryProblemLabel,
  ORG_KINDS,
  ORG_STATUSES,
  type OrgKind,
  type OrgStatus,
  SECTORS,
  type Sector,
  sectorLabel,
} from '@tuanjian/domain';
import {
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Form,
  Input,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  type TableColumnsType,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useEffect, useMemo } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { PageHeader } from '../../components/PageHeader';
import type { RouterOutputs } from '../../lib/api-types';
import { formatDate, labelOf } from '../../lib/format';
import { ORG_KIND_COLOR, ORG_STATUS_COLOR, orgKindLabel, orgStatusLabel } from '../../lib/labels';
import { trpc } from '../../lib/trpc';
import { type LedgerFilters as Filters, readFilters, writeFilters } from './filters';
import { downloadBase64, OrgSelect, XLSX_MIME } from './shared';

type LedgerRow = RouterOutputs['org']['ledger']['list']['items'][number];

interface FormValues {
  q?: string;
  orgId?: string;
  kind?: OrgKind;
  sector?: Sector;
  status?: OrgStatus;
  problem?: InventoryProblem;
  tag?: BuildOutTag;
  flags?: ('overdue' | 'withWarnings')[];
}

/** ORG-3 信息台帐: every organisation in scope with leadership, 换届, rule warnings, problems and tags. */
export default function LedgerPage() {
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const filters = useMemo(() => readFilters(params), [params]);
  const { page, pageSize, ...only } = filters;
  const [form] = Form.useForm<FormValues>();
  const list = useQuery(trpc.org.ledger.list.queryOptions(filters, { placeholderData: keepPreviousData }));
  const exporter = useMutation(
    trpc.org.ledger.export.mutationOptions({
      onSuccess: (file) => {
        downloadBase64(file.fileName, file.base64, XLSX_MIME);
        message.success(`已导出${file.rows}个组织：${file.fileName}`);
      },
    }),
  );

  useEffect(() => {
    form.setFieldsValue({
      q: filters.q ?? '',
      orgId: filters.orgId,
      kind: filters.kind,
      sector: filters.sector,
      status: filters.status,
      problem: filters.problem,
      tag: filters.tag,
      flags: [
        ...(filters.overdue ? (['overdue'] as const) : []),
        ...(filters.withWarnings ? (['withWarnings'] as const) : []),
      ],
    });
  }, [form, filters]);

  const columns: TableColumnsType<LedgerRow> = [
    {
      title: '组织名称',
      dataIndex: 'name',
      fixed: 'left',
      width: 220,
      render: (name: string, r) => (
        <Space size={4} wrap>
          <Typography.Link onClick={() => navigate(`/org-ledger/${r.id}`)}>{name}</Typography.Link>
        </Space>
      ),
    },
    {
      title: '组织类型',
      dataIndex: 'kind',
      width: 80,
      render: (k: OrgKind) => <Tag color={ORG_KIND_COLOR[k]}>{orgKindLabel[k]}</Tag>,
    },
    { title: '上级组织', dataIndex: 'parentName', width: 180, ellipsis: true, render: (v) => v ?? '—' },
    {
      title: '所属领域',
      dataIndex: 'sector',
      width: 110,
      render: (v: string | null) => labelOf(sectorLabel, v),
    },
    { title: '所属单位', dataIndex: 'unitName', width: 160, ellipsis: true, render: (v) => v ?? '—' },
    {
      title: '状态',
      dataIndex: 'status',
      width: 80,
      render: (st: OrgStatus) => <Tag color={ORG_STATUS_COLOR[st]}>{orgStatusLabel[st]}</Tag>,
    },
    { title: '直属团员数', dataIndex: 'directMemberCount', width: 100, align: 'right' },
    { title: '书记', dataIndex: 'secretaryName', width: 90, render: (v) => v ?? '—' },
    { title: '班子人数', dataIndex: 'leaderCount', width: 90, align: 'right' },
    {
      title: '上次换届',
      dataIndex: 'lastElectedOn',
      width: 130,
      render: (d: string | null) => formatDate(d),
    },
    {
      title: '应换届日期',
      dataIndex: 'dueOn',
      width: 140,
      render: (d: string | null, r) =>
        d ? <span style={{ color: r.overdue ? '#cf1322' : undefined }}>{formatDate(d)}</span> : '—',
    },
    {
      title: '换届逾期',
      dataIndex: 'overdue',
      width: 90,
      render: (o: boolean) => (o ? <Tag color="red">是</Tag> : '否'),
    },
    {
      title: '排查问题',
      dataIndex: 'problems',
      width: 220,
      render: (ps: InventoryProblem[]) =>
        ps.length
          ? ps.map((p) => (
              <Tag key={p} color="orange">
                {inventoryProblemLabel[p]}
              </Tag>
            ))
          : '—',
    },
    { title: '排查日期', dataIndex: 'reviewedOn', width: 130, render: (d: string | null) => formatDate(d) },
    { title: '排查人', dataIndex: 'reviewerName', width: 90, render: (v) => v ?? '—' },
    {
      title: '重点建设',
      dataIndex: 'tags',
      width: 200,
      render: (ts: BuildOutTag[]) =>
        ts.length
          ? ts.map((t) => (
              <Tag key={t} color="blue">
                {buildOutTagLabel[t]}
              </Tag>
            ))
          : '—',
    },
    {
      title: '规则提示',
      dataIndex: 'warnings',
      width: 110,
      render: (ws: string[]) =>
        ws.length ? (
          <Tooltip
            title={
              <div>
                {ws.map((w) => (
                  <div key={w}>{w}</div>
                ))}
              </div>
            }
          >
            <Tag color="gold">{ws.length}条提示</Tag>
          </Tooltip>
        ) : (
          <Tag color="green">符合</Tag>
        ),
    },
  ];

  const go = (f: Filters & { page?: number; pageSize?: number }) => setParams(writeFilters(f));

  return (
    <>
      <PageHeader
        title="信息台帐"
        subTitle="团组织信息台帐：班子、换届、规则提示、五类问题排查和重点建设。导出的Excel与当前筛选结果一致。"
        extra={
          <Button
            type="primary"
            icon={<DownloadOutlined aria-hidden />}
            loading={exporter.isPending}
            onClick={() => exporter.mutate(only)}
          >
            导出Excel
          </Button>
        }
      />
      <Card style={{ marginBottom: 16 }}>
        <Form<FormValues>
          form={form}
          name="ledger-search"
          layout="vertical"
          onFinish={(v) =>
            go({
              q: v.q?.trim() || undefined,
              orgId: v.orgId,
              kind: v.kind,
              sector: v.sector,
              status: v.status,
              problem: v.problem,
              tag: v.tag,
              overdue: v.flags?.includes('overdue') || undefined,
              withWarnings: v.flags?.includes('withWarnings') || undefined,
              pageSize,
            })
          }
        >
          <Row gutter={16}>
            <Col xs={24} sm={12} lg={6}>
              <Form.Item label="组织名称" name="q" style={{ marginBottom: 12 }}>
                <Input placeholder="输入名称关键字" allowClear autoComplete="off" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={6}>
              <Form.Item label="所属组织（含下级）" name="orgId" style={{ marginBottom: 12 }}>
                <OrgSelect placeholder="全部组织" />
              </Form.Item>
            </Col>
            <Col xs={12} sm={6} lg={4}>
              <Form.Item label="组织类型" name="kind" style={{ marginBottom: 12 }}>
                <Select
                  placeholder="全部"
                  allowClear
                  options={ORG_KINDS.map((k) => ({ value: k, label: orgKindLabel[k] }))}
                />
              </Form.Item>
            </Col>
            <Col xs={12} sm={6} lg={4}>
              <Form.Item label="所属领域" name="sector" style={{ marginBottom: 12 }}>
                <Select
                  placeholder="全部"
                  allowClear
                  options={SECTORS.map((s) => ({ value: s, label: sectorLabel[s] }))}
                />
              </Form.Item>
            </Col>
            <Col xs={12} sm={6} lg={4}>
              <Form.Item label="状态" name="status" style={{ marginBottom: 12 }}>
                <Select
                  placeholder="全部"
                  allowClear
                  options={ORG_STATUSES.map((s) => ({ value: s, label: orgStatusLabel[s] }))}
                />
              </Form.Item>
            </Col>
            <Col xs={12} sm={6} lg={6}>
              <Form.Item label="排查问题" name="problem" style={{ marginBottom: 12 }}>
                <Select
                  placeholder="全部"
                  allowClear
                  options={INVENTORY_PROBLEMS.map((p) => ({ value: p, label: inventoryProblemLabel[p] }))}
                />
              </Form.Item>
            </Col>
            <Col xs={12} sm={6} lg={6}>
              <Form.Item label="重点建设" name="tag" style={{ marginBottom: 12 }}>
                <Select
                  placeholder="全部"
                  allowClear
                  options={BUILD_OUT_TAGS.map((t) => ({ value: t, label: buildOutTagLabel[t] }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={6}>
              <Form.Item label="只看" name="flags" style={{ marginBottom: 12 }}>
                <Checkbox.Group
                  options={[
                    { value: 'overdue', label: '换届逾期' },
                    { value: 'withWarnings', label: '有规则提示' },
                  ]}
                />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={6}>
              <Form.Item label=" " style={{ marginBottom: 12 }}>
                <Space>
                  <Button type="primary" htmlType="submit" icon={<SearchOutlined aria-hidden />}>
                    查询
                  </Button>
                  <Button
                    icon={<ReloadOutlined aria-hidden />}
                    onClick={() => {
                      form.resetFields();
                      go({ pageSize });
                    }}
                  >
                    重置
                  </Button>
                </Space>
              </Form.Item>
            </Col>
          </Row>
        </Form>
      </Card>
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col span={6}>
          <Card size="small">
            <Statistic title="组织数" value={list.data?.total ?? 0} />
          </Card>
        </Col>
        <Col span={6}>
          <Card size="small">
            <Statistic
              title="换届逾期"
              value={list.data?.summary.overdue ?? 0}
              valueStyle={{ color: '#cf1322' }}
            />
          </Card>
        </Col>
        <Col span={6}>
          <Card size="small">
            <Statistic title="有规则提示" value={list.data?.summary.withWarnings ?? 0} />
          </Card>
        </Col>
        <Col span={6}>
          <Card size="small">
            <Statistic title="排查有问题" value={list.data?.summary.withProblems ?? 0} />
          </Card>
        </Col>
      </Row>
      <Card>
        <Table<LedgerRow>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          scroll={{ x: 2300 }}
          locale={{ emptyText: '没有符合条件的组织' }}
          pagination={{
            current: page,
            pageSize,
            total: list.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (total) => `共 ${total} 个组织`,
            onChange: (p, ps) => go({ ...only, page: ps !== pageSize ? 1 : p, pageSize: ps }),
          }}
        />
      </Card>
    </>
  );
}
