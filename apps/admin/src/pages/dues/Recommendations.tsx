import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { RECOMMENDATION_STAGES, recommendationStageLabel, todayInShanghai } from '@tuanjian/domain';
import {
  Alert,
  Button,
  Card,
  Col,
  DatePicker,
  Form,
  Input,
  Modal,
  Row,
  Select,
  Statistic,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { ExportButton } from '../../components/ExportButton';
import { PageHeader } from '../../components/PageHeader';
import { SearchTable, useUrlParams } from '../../components/SearchTable';
import { StatusTag } from '../../components/StatusTag';
import type { RouterOutputs } from '../../lib/api-types';
import { formatDate } from '../../lib/format';
import { trpc, trpcClient } from '../../lib/trpc';
import { errorText, OrgPicker } from './shared';

type RecRow = RouterOutputs['recommendations']['list']['items'][number];
type Stage = (typeof RECOMMENDATION_STAGES)[number];

export const STAGE_COLOR: Record<Stage, string> = {
  nominated: 'blue',
  voted: 'cyan',
  reviewed: 'geekblue',
  publicized: 'purple',
  approved: 'gold',
  sent: 'green',
  rejected: 'default',
};

type SearchValues = { q?: string; orgId?: string; stage?: string };

export default function RecommendationsPage() {
  const { params, set } = useUrlParams();
  const navigate = useNavigate();
  const stage = (params.get('stage') as Stage | null) ?? undefined;
  const q = params.get('q') ?? undefined;
  const orgId = params.get('orgId') ?? undefined;
  const page = Number(params.get('page') ?? 1) || 1;
  const [open, setOpen] = useState(false);
  const year = Number(todayInShanghai().slice(0, 4));
  const list = useQuery(
    trpc.recommendations.list.queryOptions(
      { page, pageSize: 20, stage, q, orgId },
      { placeholderData: keepPreviousData },
    ),
  );
  const kpi = useQuery(trpc.recommendations.kpi.queryOptions({ year }));
  const columns: TableColumnsType<RecRow> = [
    { title: '姓名', dataIndex: 'memberName', width: 110 },
    { title: '团员编号', dataIndex: 'memberNumber', width: 140, render: (v: string | null) => v ?? '—' },
    { title: '团支部', dataIndex: 'orgName', ellipsis: true },
    { title: '提名日期', dataIndex: 'nominatedOn', width: 140, render: (d: string) => formatDate(d) },
    {
      title: '阶段',
      dataIndex: 'stage',
      width: 150,
      render: (s: Stage, r) => <StatusTag value={s} text={r.stageLabel} colors={STAGE_COLOR} />,
    },
    {
      title: '下一步',
      dataIndex: 'nextActionLabel',
      width: 140,
      render: (v: string | null) => v ?? '已完成',
    },
    { title: '有效期至', dataIndex: 'validUntil', width: 140, render: (d: string | null) => formatDate(d) },
  ];
  return (
    <>
      <PageHeader
        title="推优入党"
        subTitle="支委会提名 → 推优大会 → 审查 → 公示 → 上级审批 → 推荐至党组织（《共青团推优入党工作实施办法》）"
        extra={
          <>
            <ExportButton
              unit="人"
              onExport={() => trpcClient.exports.recommendations.mutate({ stage, q, orgId })}
            />
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setOpen(true)}>
              提名推优对象
            </Button>
          </>
        }
      />
      {kpi.data ? (
        <Card style={{ marginBottom: 16 }}>
          <Row gutter={24}>
            <Col span={8}>
              <Statistic
                title={`${year}年${kpi.data.maxAge}岁以下新党员经推优比例`}
                value={kpi.data.permille === null ? '—' : `${(kpi.data.permille / 10).toFixed(1)}%`}
              />
            </Col>
            <Col span={8}>
              <Statistic title={`${kpi.data.maxAge}岁以下新党员`} value={kpi.data.young} suffix="人" />
            </Col>
            <Col span={8}>
              <Statistic title="其中经推优" value={kpi.data.viaTuiyou} suffix="人" />
            </Col>
          </Row>
        </Card>
      ) : null}
      <SearchTable<RecRow, SearchValues>
        formName="recommendations-search"
        initialValues={{ q, orgId, stage }}
        onSearch={(v) =>
          set({ q: v.q?.trim() || undefined, orgId: v.orgId, stage: v.stage, page: undefined })
        }
        searchColLg={4}
        fields={
          <>
            <Col xs={24} sm={12} lg={5}>
              <Form.Item label="姓名" name="q" style={{ marginBottom: 12 }}>
                <Input allowClear autoComplete="off" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={7}>
              <Form.Item label="所属组织" name="orgId" style={{ marginBottom: 12 }}>
                <OrgPicker />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={5}>
              <Form.Item label="阶段" name="stage" style={{ marginBottom: 12 }}>
                <Select
                  allowClear
                  placeholder="全部阶段"
                  options={RECOMMENDATION_STAGES.map((s) => ({
                    value: s,
                    label: recommendationStageLabel(s),
                  }))}
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
        onRowClick={(r) => navigate(`/recommendations/${r.id}`)}
        emptyText="暂无推优记录"
      />
      <NominateModal open={open} onClose={() => setOpen(false)} />
    </>
  );
}

function NominateModal(props: { open: boolean; onClose(): void }) {
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [form] = Form.useForm<{
    memberId?: string;
    partyApplicationDate?: dayjs.Dayjs;
    nominatedOn: dayjs.Dayjs;
    note?: string;
  }>();
  const [search, setSearch] = useState('');
  const memberId = Form.useWatch('memberId', form);
  const appDate = Form.useWatch('partyApplicationDate', form);
  const nominatedOn = Form.useWatch('nominatedOn', form);
  const members = useQuery(
    trpc.members.list.queryOptions(
      { q: search || undefined, pageSize: 20, status: 'active' },
      { enabled: props.open },
    ),
  );
  const eligibility = useQuery(
    trpc.recommendations.eligibility.queryOptions(
      {
        memberId: memberId ?? '00000000-0000-0000-0000-000000000000',
        onDate: nominatedOn?.format('YYYY-MM-DD'),
        partyApplicationDate: appDate?.format('YYYY-MM-DD'),
      },
      { enabled: !!memberId },
    ),
  );
  const nominate = useMutation(
    trpc.recommendations.nominate.mutationOptions({
      meta: { silent: true },
      onSuccess: (r) => {
        qc.invalidateQueries({ queryKey: trpc.recommendations.pathKey() });
        props.onClose();
        form.resetFields();
        navigate(`/recommendations/${r.id}`);
      },
    }),
  );
  return (
    <Modal
      title="提名推优对象（支部委员会）"
      open={props.open}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      okText="提名"
      confirmLoading={nominate.isPending}
      width={640}
      destroyOnHidden
    >
      {nominate.error ? (
        <Alert type="error" showIcon message={errorText(nominate.error)} style={{ marginBottom: 12 }} />
      ) : null}
      <Form
        form={form}
        layout="vertical"
        name="nominate"
        initialValues={{ nominatedOn: dayjs(todayInShanghai()) }}
        onFinish={(v) =>
          v.memberId &&
          v.partyApplicationDate &&
          nominate.mutate({
            memberId: v.memberId,
            partyApplicationDate: v.partyApplicationDate.format('YYYY-MM-DD'),
            nominatedOn: v.nominatedOn.format('YYYY-MM-DD'),
            note: v.note,
          })
        }
      >
        <Form.Item label="团员" name="memberId" rules={[{ required: true, message: '请选择团员' }]}>
          <Select
            showSearch
            filterOption={false}
            onSearch={setSearch}
            placeholder="输入姓名或团员编号搜索"
            options={(members.data?.items ?? []).map((m) => ({
              value: m.id,
              label: `${m.name}（${m.orgName}，${m.age}岁）`,
            }))}
          />
        </Form.Item>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item
              label="递交入党申请书日期"
              name="partyApplicationDate"
              rules={[{ required: true, message: '请选择日期' }]}
            >
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              label="提名日期"
              name="nominatedOn"
              rules={[{ required: true, message: '请选择日期' }]}
            >
              <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item label="提名说明" name="note">
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
      {eligibility.data ? (
        <Card size="small" title={`推优条件（${eligibility.data.source}）`}>
          <EligibilityChecks checks={eligibility.data.checks} />
        </Card>
      ) : null}
    </Modal>
  );
}

export function EligibilityChecks(props: {
  checks: { key: string; ok: boolean; rule: string; actual: string }[];
}) {
  return (
    <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
      {props.checks.map((c) => (
        <li key={c.key} style={{ padding: '4px 0' }}>
          <Tag color={c.ok ? 'green' : 'red'}>{c.ok ? '符合' : '不符合'}</Tag>
          <Typography.Text strong>{c.rule}</Typography.Text>
          <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
            {c.actual}
          </Typography.Text>
        </li>
      ))}
    </ul>
  );
}
