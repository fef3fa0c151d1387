import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  GAP_STATUSES,
  GAP_UNIT_KINDS,
  type GapStatus,
  gapStatusLabel,
  SECTORS,
  sectorLabel,
} from '@tuanjian/domain';
import {
  App,
  AutoComplete,
  Button,
  Card,
  Col,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Row,
  Segmented,
  Select,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { ExportButton } from '../../components/ExportButton';
import { PageHeader } from '../../components/PageHeader';
import type { RouterOutputs } from '../../lib/api-types';
import { formatDate, labelOf, todayDayjs } from '../../lib/format';
import { trpc, trpcClient } from '../../lib/trpc';
import { OrgSelect } from './shared';

type Gap = RouterOutputs['org']['gaps']['list']['items'][number];

/** ORG-5 coverage gaps (空白点): listed until each is covered by an organisation. */
export default function GapsPage() {
  const [params, setParams] = useSearchParams();
  const status = (params.get('status') as GapStatus | 'all' | null) ?? 'open';
  const q = params.get('q') ?? '';
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const list = useQuery(
    trpc.org.gaps.list.queryOptions({ status: status === 'all' ? undefined : status, q: q || undefined }),
  );
  const [creating, setCreating] = useState(false);
  const [covering, setCovering] = useState<Gap | null>(null);
  const [createForm] = Form.useForm();
  const [coverForm] = Form.useForm<{ orgId: string; coveredOn: Dayjs }>();
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.org.gaps.list.queryKey() });
  const create = useMutation(
    trpc.org.gaps.create.mutationOptions({
      onSuccess: (g) => {
        message.success(`已登记空白点：${g.unitName}`);
        setCreating(false);
        createForm.resetFields();
        void refresh();
      },
    }),
  );
  const cover = useMutation(
    trpc.org.gaps.cover.mutationOptions({
      onSuccess: (g) => {
        message.success(`${g.unitName}已由“${g.coveredOrg?.name}”覆盖`);
        setCovering(null);
        void refresh();
      },
    }),
  );
  const set = (k: string, v: string | undefined) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next);
  };

  return (
    <>
      <PageHeader
        title="空白点"
        subTitle="应建未建团组织的单位（如民办学校、非公企业、社会组织）。登记后持续跟踪，直到关联到新建的团组织。"
        extra={
          <>
            <ExportButton
              unit="个"
              onExport={() =>
                trpcClient.exports.gaps.mutate({
                  status: status === 'all' ? undefined : status,
                  q: q || undefined,
                })
              }
            />
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>
              登记空白点
            </Button>
          </>
        }
      />
      <Card style={{ marginBottom: 16 }}>
        <Row gutter={16} align="middle">
          <Col>
            <Segmented
              value={status}
              onChange={(v) => set('status', v === 'open' ? undefined : String(v))}
              options={[
                ...GAP_STATUSES.map((s) => ({ value: s, label: gapStatusLabel[s] })),
                { value: 'all', label: '全部' },
              ]}
            />
          </Col>
          <Col>
            <Input.Search
              placeholder="单位名称"
              defaultValue={q}
              allowClear
              onSearch={(v) => set('q', v.trim() || undefined)}
              style={{ width: 240 }}
            />
          </Col>
          <Col flex="auto" />
          <Col>
            <Statistic title="未覆盖" value={list.data?.open ?? 0} valueStyle={{ color: '#cf1322' }} />
          </Col>
        </Row>
      </Card>
      <Card>
        <Table<Gap>
          rowKey="id"
          size="middle"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: status === 'open' ? '没有未覆盖的空白点' : '暂无记录' }}
          columns={[
            { title: '单位名称', dataIndex: 'unitName' },
            { title: '单位类型', dataIndex: 'unitKind', width: 120 },
            {
              title: '领域',
              dataIndex: 'sector',
              width: 110,
              render: (v: string | null) => labelOf(sectorLabel, v),
            },
            { title: '青年人数', dataIndex: 'youthCount', width: 90, render: (v: number | null) => v ?? '—' },
            { title: '负责组织', dataIndex: ['responsibleOrg', 'name'], render: (v?: string) => v ?? '—' },
            {
              title: '登记日期',
              dataIndex: 'registeredOn',
              width: 130,
              render: (d: string) => formatDate(d),
            },
            {
              title: '状态',
              dataIndex: 'status',
              width: 220,
              render: (s: GapStatus, g) =>
                s === 'covered' ? (
                  <span>
                    <Tag color="green">已覆盖</Tag>
                    {g.coveredOrg?.name}（{formatDate(g.coveredOn)}）
                  </span>
                ) : (
                  <Tag color="red">未覆盖</Tag>
                ),
            },
            {
              title: '操作',
              width: 110,
              render: (_, g) =>
                g.status === 'open' ? (
                  <Typography.Link onClick={() => setCovering(g)}>关联团组织</Typography.Link>
                ) : null,
            },
          ]}
        />
      </Card>
      <Modal
        open={creating}
        title="登记空白点"
        okText="登记"
        confirmLoading={create.isPending}
        onCancel={() => setCreating(false)}
        onOk={() =>
          void createForm.validateFields().then((v) =>
            create.mutate({
              unitName: v.unitName,
              unitKind: v.unitKind,
              sector: v.sector,
              address: v.address,
              youthCount: v.youthCount,
              responsibleOrgId: v.responsibleOrgId,
              note: v.note,
            }),
          )
        }
      >
        <Form form={createForm} layout="vertical" name="gap-create">
          <Form.Item
            label="单位名称"
            name="unitName"
            rules={[{ required: true, whitespace: true, message: '请填写单位名称' }]}
          >
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item
            label="单位类型"
            name="unitKind"
            rules={[{ required: true, message: '请选择或填写单位类型' }]}
          >
            <AutoComplete options={GAP_UNIT_KINDS.map((k) => ({ value: k }))} placeholder="如：民办学校" />
          </Form.Item>
          <Form.Item label="所属领域" name="sector">
            <Select allowClear options={SECTORS.map((s) => ({ value: s, label: sectorLabel[s] }))} />
          </Form.Item>
          <Form.Item label="青年人数" name="youthCount">
            <InputNumber min={0} />
          </Form.Item>
          <Form.Item label="负责组织" name="responsibleOrgId" extra="负责推动在该单位建立团组织的上级组织">
            <OrgSelect activeOnly />
          </Form.Item>
          <Form.Item label="地址" name="address">
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item label="备注" name="note">
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={!!covering}
        title={`关联团组织 — ${covering?.unitName ?? ''}`}
        okText="确认已覆盖"
        confirmLoading={cover.isPending}
        onCancel={() => setCovering(null)}
        onOk={() =>
          void coverForm
            .validateFields()
            .then((v) =>
              cover.mutate({ id: covering!.id, orgId: v.orgId, coveredOn: v.coveredOn.format('YYYY-MM-DD') }),
            )
        }
        destroyOnHidden
      >
        <Form form={coverForm} layout="vertical" initialValues={{ coveredOn: todayDayjs() }} preserve={false}>
          <Form.Item
            label="已建立的团组织"
            name="orgId"
            rules={[{ required: true, message: '请选择团组织' }]}
          >
            <OrgSelect activeOnly />
          </Form.Item>
          <Form.Item label="覆盖日期" name="coveredOn" rules={[{ required: true }]}>
            <DatePicker disabledDate={(d) => d.isAfter(todayDayjs(), 'day')} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
