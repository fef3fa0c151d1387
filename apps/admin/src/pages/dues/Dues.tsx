import { DownloadOutlined, SearchOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  DUES_CATEGORIES,
  type DuesCategory,
  duesCategoryLabel,
  formatChineseMonth,
  formatFen,
  formatPermille,
  LAPSE_DECISIONS,
  lapseDecisionLabel,
  PAYMENT_METHODS,
  parseYuanToFen,
  paymentMethodLabel,
  shanghaiMonth,
  todayInShanghai,
} from '@tuanjian/domain';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Form,
  Input,
  Modal,
  Radio,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  type TableColumnsType,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { ExportButton } from '../../components/ExportButton';
import { PageHeader } from '../../components/PageHeader';
import type { RouterOutputs } from '../../lib/api-types';
import { formatDate } from '../../lib/format';
import { trpc, trpcClient } from '../../lib/trpc';
import { downloadBase64, errorText, OrgPicker, XLSX_MIME } from './shared';

type DuesRow = RouterOutputs['dues']['branchMonth']['rows'][number];
type CollectionRow = RouterOutputs['dues']['collection']['branches'][number];
type LapseRow = RouterOutputs['dues']['lapseCandidates']['items'][number];

function useParamsState() {
  const [params, setParams] = useSearchParams();
  const set = (next: Record<string, string | undefined>) => {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) {
      if (v) p.set(k, v);
      else p.delete(k);
    }
    setParams(p);
  };
  return { params, set };
}

export default function DuesPage() {
  const { params, set } = useParamsState();
  const tab = params.get('tab') ?? 'month';
  return (
    <>
      <PageHeader
        title="团费管理"
        subTitle="按月收缴，标准按类别计算（《团费收缴使用管理规定》），金额以分为单位精确计算"
      />
      <Tabs
        activeKey={tab}
        onChange={(k) => set({ tab: k === 'month' ? undefined : k })}
        items={[
          { key: 'month', label: '收缴登记', children: <MonthTab /> },
          { key: 'rate', label: '收缴率', children: <RateTab /> },
          { key: 'lapse', label: '自行脱团预警', children: <LapseTab /> },
        ]}
      />
    </>
  );
}

function MonthTab() {
  const { params, set } = useParamsState();
  const orgId = params.get('orgId') ?? undefined;
  const month = params.get('month') ?? shanghaiMonth(new Date());
  const q = params.get('q') ?? '';
  const status = params.get('status') ?? undefined;
  const [selected, setSelected] = useState<string[]>([]);
  const [editing, setEditing] = useState<DuesRow | null>(null);
  const [voiding, setVoiding] = useState<DuesRow | null>(null);
  const [recordFor, setRecordFor] = useState<{ memberIds: string[]; months: string[]; title: string } | null>(
    null,
  );
  const data = useQuery(
    trpc.dues.branchMonth.queryOptions({ orgId, month }, { placeholderData: keepPreviousData }),
  );
  const rows = (data.data?.rows ?? []).filter(
    (r) =>
      (!q || r.name.includes(q) || r.memberNumber?.startsWith(q)) &&
      (!status || (status === 'unpaid' ? !r.paid : status === 'paid' ? r.paid : r.arrearsMonths.length > 0)),
  );
  const columns: TableColumnsType<DuesRow> = [
    {
      title: '姓名',
      dataIndex: 'name',
      width: 110,
      render: (v: string, r) =>
        r.mobile ? (
          <>
            {v} <Tag color="blue">流动团员</Tag>
          </>
        ) : (
          v
        ),
    },
    { title: '团员编号', dataIndex: 'memberNumber', width: 140, render: (v: string | null) => v ?? '—' },
    { title: '团支部', dataIndex: 'orgName', ellipsis: true },
    {
      title: '类别',
      dataIndex: 'categoryLabel',
      width: 120,
      render: (v: string, r) => (
        <Button
          type="link"
          size="small"
          style={{ padding: 0 }}
          onClick={() => setEditing(r)}
          title="修改团费类别"
        >
          {v}
          {r.category === 'wage' && r.declaredPayFen === null ? '（未申报）' : ''}
        </Button>
      ),
    },
    {
      title: '本月应交',
      dataIndex: 'payableFen',
      width: 110,
      align: 'right',
      render: (v: number, r) => <span title={r.basis}>{formatFen(v)}</span>,
    },
    {
      title: '本月',
      dataIndex: 'paid',
      width: 90,
      render: (v: boolean) => (v ? <Tag color="green">已交</Tag> : <Tag color="orange">未交</Tag>),
    },
    {
      title: '累计欠交',
      key: 'arrears',
      width: 200,
      render: (_: unknown, r) =>
        r.arrearsMonths.length ? (
          <span data-testid="arrears">
            {formatFen(r.arrearsFen)}（{r.arrearsMonths.length}个月）
            {r.lapseCandidate ? (
              <Tag color="red" style={{ marginLeft: 4 }}>
                脱团预警
              </Tag>
            ) : null}
          </span>
        ) : (
          <span data-testid="arrears">无</span>
        ),
    },
    {
      title: '操作',
      key: 'op',
      width: 190,
      render: (_: unknown, r) => (
        <Space size={4}>
          {r.arrearsMonths.length ? (
            <Button
              size="small"
              onClick={() =>
                setRecordFor({ memberIds: [r.memberId], months: r.arrearsMonths, title: `${r.name}补交欠费` })
              }
            >
              补交欠费
            </Button>
          ) : null}
          {r.paymentId ? (
            <Button size="small" danger onClick={() => setVoiding(r)}>
              撤销登记
            </Button>
          ) : null}
        </Space>
      ),
    },
  ];
  const d = data.data;
  return (
    <>
      <Card style={{ marginBottom: 16 }}>
        <Form
          layout="vertical"
          name="dues-search"
          initialValues={{ orgId, month: dayjs(`${month}-01`), q, status }}
          onFinish={(v: { orgId?: string; month?: dayjs.Dayjs; q?: string; status?: string }) =>
            set({
              orgId: v.orgId,
              month: v.month ? v.month.format('YYYY-MM') : undefined,
              q: v.q?.trim() || undefined,
              status: v.status,
            })
          }
        >
          <Row gutter={16} align="bottom">
            <Col xs={24} sm={12} lg={7}>
              <Form.Item label="组织" name="orgId" style={{ marginBottom: 12 }}>
                <OrgPicker placeholder="我管理的全部组织" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={4}>
              <Form.Item label="月份" name="month" style={{ marginBottom: 12 }}>
                <DatePicker picker="month" allowClear={false} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={4}>
              <Form.Item label="姓名或编号" name="q" style={{ marginBottom: 12 }}>
                <Input allowClear autoComplete="off" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={4}>
              <Form.Item label="交纳情况" name="status" style={{ marginBottom: 12 }}>
                <Select
                  allowClear
                  placeholder="全部"
                  options={[
                    { value: 'unpaid', label: '本月未交' },
                    { value: 'paid', label: '本月已交' },
                    { value: 'arrears', label: '有欠交' },
                  ]}
                />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={3}>
              <Form.Item style={{ marginBottom: 12 }}>
                <Button type="primary" htmlType="submit" icon={<SearchOutlined aria-hidden />}>
                  查询
                </Button>
              </Form.Item>
            </Col>
          </Row>
        </Form>
      </Card>
      {d ? (
        <Card style={{ marginBottom: 16 }}>
          <Row gutter={24}>
            <Col span={6}>
              <Statistic
                title={`${formatChineseMonth(d.month)}收缴率`}
                value={formatPermille(d.permille)}
                valueRender={(n) => <span data-testid="month-rate">{n}</span>}
              />
            </Col>
            <Col span={6}>
              <Statistic title="应交 / 已交人数" value={`${d.tally.dueCount} / ${d.tally.paidCount}`} />
            </Col>
            <Col span={6}>
              <Statistic title="应交金额" value={formatFen(d.tally.dueFen)} />
            </Col>
            <Col span={6}>
              <Statistic title="已交金额" value={formatFen(d.tally.paidFen)} />
            </Col>
          </Row>
          <Typography.Text type="secondary">
            标准依据：{d.source}
            ；学生、无业、领取救济者每月¥0.20，工薪按税后月收入计算（鼠标停在金额上可见计算依据）
          </Typography.Text>
        </Card>
      ) : null}
      <Card
        title={d ? `${d.org.name} · ${formatChineseMonth(d.month)}` : '收缴登记'}
        extra={
          <Space>
            <ExportButton
              unit="人"
              onExport={() =>
                trpcClient.exports.duesMonth.mutate({
                  orgId,
                  month,
                  q: q || undefined,
                  status: (status as 'unpaid' | 'paid' | 'arrears' | undefined) ?? undefined,
                })
              }
            />
            <Button
              type="primary"
              disabled={selected.length === 0}
              onClick={() =>
                setRecordFor({
                  memberIds: selected,
                  months: [month],
                  title: `登记${formatChineseMonth(month)}已交（${selected.length}人）`,
                })
              }
            >
              登记已交（已选{selected.length}人）
            </Button>
          </Space>
        }
      >
        <Table<DuesRow>
          rowKey="memberId"
          size="middle"
          columns={columns}
          dataSource={rows}
          loading={data.isFetching}
          rowSelection={{
            selectedRowKeys: selected,
            onChange: (keys) => setSelected(keys as string[]),
            getCheckboxProps: (r) => ({ disabled: r.paid, 'aria-label': `选择${r.name}` }),
          }}
          pagination={{ pageSize: 50, showTotal: (t) => `共 ${t} 人`, hideOnSinglePage: true }}
          locale={{ emptyText: '该组织暂无在册团员' }}
        />
      </Card>
      <CategoryModal row={editing} onClose={() => setEditing(null)} />
      <VoidModal row={voiding} month={month} onClose={() => setVoiding(null)} />
      <RecordModal
        target={recordFor}
        onClose={(done) => {
          setRecordFor(null);
          if (done) setSelected([]);
        }}
      />
    </>
  );
}

/**
 * 撤销登记: void a wrongly recorded payment with a reason. The record is kept (audited); the months
 * it covered become unpaid again. The secretary's window is rule data (dues.correction); later only
 * the district admin — the server says so in the error shown here.
 */
function VoidModal(props: { row: DuesRow | null; month: string; onClose(): void }) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ reason: string }>();
  const mutation = useMutation(
    trpc.dues.voidPayment.mutationOptions({
      meta: { silent: true },
      onSuccess: (r) => {
        message.success(r.message);
        qc.invalidateQueries({ queryKey: trpc.dues.pathKey() });
        props.onClose();
      },
    }),
  );
  return (
    <Modal
      title={props.row ? `撤销${props.row.name}${formatChineseMonth(props.month)}的团费登记` : ''}
      open={!!props.row}
      onCancel={props.onClose}
      okText="确认撤销"
      okButtonProps={{ danger: true }}
      confirmLoading={mutation.isPending}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Typography.Paragraph>
        撤销后该笔登记所含的月份恢复为未交，收缴率随之重新计算；记录不删除，撤销原因和操作人留痕可查。
        一笔登记含多个月份时一并撤销。
      </Typography.Paragraph>
      {mutation.error ? (
        <Alert type="error" showIcon message={errorText(mutation.error)} style={{ marginBottom: 12 }} />
      ) : null}
      <Form
        form={form}
        layout="vertical"
        name="dues-void"
        onFinish={(v) =>
          props.row?.paymentId && mutation.mutate({ paymentId: props.row.paymentId, reason: v.reason })
        }
      >
        <Form.Item
          label="撤销原因"
          name="reason"
          rules={[
            { required: true, whitespace: true, message: '请填写撤销原因' },
            { min: 2, message: '请填写撤销原因（至少2个字）' },
          ]}
        >
          <Input.TextArea maxLength={200} rows={3} placeholder="如：误登记，该团员本月未交" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function RecordModal(props: {
  target: { memberIds: string[]; months: string[]; title: string } | null;
  onClose(done: boolean): void;
}) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<{
    paidOn: dayjs.Dayjs;
    method: (typeof PAYMENT_METHODS)[number];
    note?: string;
  }>();
  const record = useMutation(
    trpc.dues.record.mutationOptions({
      meta: { silent: true },
      onSuccess: (r) => {
        message.success(r.message);
        qc.invalidateQueries({ queryKey: trpc.dues.pathKey() });
        props.onClose(true);
      },
    }),
  );
  return (
    <Modal
      title={props.target?.title}
      open={!!props.target}
      onCancel={() => props.onClose(false)}
      okText="确认登记"
      confirmLoading={record.isPending}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Typography.Paragraph>
        月份：{props.target?.months.map(formatChineseMonth).join('、')}。金额由系统按团费标准计算，无需填写。
      </Typography.Paragraph>
      {record.error ? (
        <Alert type="error" showIcon message={errorText(record.error)} style={{ marginBottom: 12 }} />
      ) : null}
      <Form
        form={form}
        layout="vertical"
        name="dues-record"
        initialValues={{ paidOn: dayjs(todayInShanghai()), method: 'cash' }}
        onFinish={(v) =>
          props.target &&
          record.mutate({
            memberIds: props.target.memberIds,
            months: props.target.months,
            paidOn: v.paidOn.format('YYYY-MM-DD'),
            method: v.method,
            note: v.note,
          })
        }
      >
        <Form.Item label="缴纳日期" name="paidOn" rules={[{ required: true, message: '请选择缴纳日期' }]}>
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item label="缴纳方式" name="method">
          <Radio.Group options={PAYMENT_METHODS.map((m) => ({ value: m, label: paymentMethodLabel(m) }))} />
        </Form.Item>
        <Form.Item label="备注" name="note">
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function RateTab() {
  const { params, set } = useParamsState();
  const { message } = App.useApp();
  const year = Number(params.get('year') ?? todayInShanghai().slice(0, 4));
  const orgId = params.get('rateOrgId') ?? undefined;
  const data = useQuery(
    trpc.dues.collection.queryOptions({ year, orgId }, { placeholderData: keepPreviousData }),
  );
  const exp = useMutation(
    trpc.dues.collectionExport.mutationOptions({
      onSuccess: (f) => {
        downloadBase64(f.fileName, f.base64, XLSX_MIME);
        message.success(`已导出 ${f.fileName}`);
      },
    }),
  );
  const months = data.data?.months ?? [];
  const columns: TableColumnsType<CollectionRow> = [
    { title: '团支部', dataIndex: 'name', fixed: 'left', width: 200, ellipsis: true },
    {
      title: '上级组织',
      dataIndex: 'parentName',
      width: 160,
      ellipsis: true,
      render: (v: string | null) => v ?? '—',
    },
    { title: '在册团员', dataIndex: 'memberCount', width: 90, align: 'right' },
    {
      title: '全年收缴率',
      dataIndex: 'permille',
      width: 110,
      align: 'right',
      sorter: (a, b) => (a.permille ?? -1) - (b.permille ?? -1),
      render: (v: number | null) => formatPermille(v),
    },
    {
      title: '已交 / 应交金额',
      key: 'fen',
      width: 170,
      align: 'right',
      render: (_: unknown, r) => `${formatFen(r.tally.paidFen)} / ${formatFen(r.tally.dueFen)}`,
    },
    ...months.map((m, i) => ({
      title: `${Number(m.slice(5))}月`,
      key: m,
      width: 72,
      align: 'right' as const,
      render: (_: unknown, r: CollectionRow) => formatPermille(r.byMonth[i] ?? null),
    })),
  ];
  const t = data.data?.total;
  return (
    <>
      <Card style={{ marginBottom: 16 }}>
        <Form
          layout="inline"
          name="rate-search"
          initialValues={{ year, orgId }}
          onFinish={(v: { year: number; orgId?: string }) =>
            set({ year: String(v.year), rateOrgId: v.orgId })
          }
        >
          <Form.Item label="年份" name="year">
            <Select
              style={{ width: 120 }}
              options={[2025, 2026, 2027].map((y) => ({ value: y, label: `${y}年` }))}
            />
          </Form.Item>
          <Form.Item label="组织" name="orgId" style={{ minWidth: 320 }}>
            <OrgPicker placeholder="我管理的全部组织" />
          </Form.Item>
          <Form.Item>
            <Space>
              <Button type="primary" htmlType="submit" icon={<SearchOutlined aria-hidden />}>
                查询
              </Button>
              <Button
                icon={<DownloadOutlined aria-hidden />}
                loading={exp.isPending}
                onClick={() => exp.mutate({ year, orgId })}
              >
                导出Excel
              </Button>
            </Space>
          </Form.Item>
        </Form>
      </Card>
      {t ? (
        <Card style={{ marginBottom: 16 }}>
          <Row gutter={24}>
            <Col span={8}>
              <Statistic
                title={`${data.data?.scopeName} ${year}年收缴率`}
                value={formatPermille(t.permille)}
                valueRender={(n) => <span data-testid="year-rate">{n}</span>}
              />
            </Col>
            <Col span={8}>
              <Statistic title="已交 / 应交人次" value={`${t.tally.paidCount} / ${t.tally.dueCount}`} />
            </Col>
            <Col span={8}>
              <Statistic
                title="已交 / 应交金额"
                value={`${formatFen(t.tally.paidFen)} / ${formatFen(t.tally.dueFen)}`}
              />
            </Col>
          </Row>
        </Card>
      ) : null}
      <Card>
        <Table<CollectionRow>
          rowKey="orgId"
          size="small"
          columns={columns}
          dataSource={data.data?.branches ?? []}
          loading={data.isFetching}
          scroll={{ x: 900 + months.length * 72 }}
          pagination={{ pageSize: 50, showTotal: (n) => `共 ${n} 个团支部`, hideOnSinglePage: true }}
        />
      </Card>
    </>
  );
}

function LapseTab() {
  const { params, set } = useParamsState();
  const orgId = params.get('lapseOrgId') ?? undefined;
  const data = useQuery(trpc.dues.lapseCandidates.queryOptions({ orgId }));
  const [deciding, setDeciding] = useState<LapseRow | null>(null);
  const columns: TableColumnsType<LapseRow> = [
    { title: '姓名', dataIndex: 'name', width: 110 },
    { title: '团员编号', dataIndex: 'memberNumber', width: 140, render: (v: string | null) => v ?? '—' },
    { title: '团支部', dataIndex: 'orgName', ellipsis: true },
    {
      title: '连续未交',
      key: 'run',
      width: 260,
      render: (_: unknown, r) =>
        `${r.unpaidMonths.length}个月（${formatChineseMonth(r.unpaidMonths[0] ?? '')}起）`,
    },
    {
      title: '最近交纳',
      dataIndex: 'lastPaidMonth',
      width: 120,
      render: (v: string | null) => (v ? formatChineseMonth(v) : '无记录'),
    },
    {
      title: '团员大会处理',
      key: 'decision',
      width: 240,
      render: (_: unknown, r) =>
        r.decision ? (
          `${lapseDecisionLabel(r.decision.decision)}（${formatDate(r.decision.meetingDate)}）`
        ) : (
          <Button size="small" onClick={() => setDeciding(r)}>
            记录处理结果
          </Button>
        ),
    },
  ];
  return (
    <>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        message={data.data?.rule ?? '连续6个月不交纳团费的团员'}
        description="名单由系统按团费记录自动生成，提交支部团员大会讨论；认定结果由团员大会决定后在此记录。"
      />
      <Card style={{ marginBottom: 16 }}>
        <Form
          layout="inline"
          name="lapse-search"
          initialValues={{ orgId }}
          onFinish={(v: { orgId?: string }) => set({ lapseOrgId: v.orgId })}
        >
          <Form.Item label="组织" name="orgId" style={{ minWidth: 320 }}>
            <OrgPicker placeholder="我管理的全部组织" />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined aria-hidden />}>
              查询
            </Button>
          </Form.Item>
        </Form>
      </Card>
      <Card>
        <Table<LapseRow>
          rowKey="memberId"
          size="middle"
          columns={columns}
          dataSource={data.data?.items ?? []}
          loading={data.isFetching}
          locale={{ emptyText: '暂无连续6个月未交团费的团员' }}
          pagination={{ pageSize: 50, showTotal: (n) => `共 ${n} 人`, hideOnSinglePage: true }}
        />
      </Card>
      <DecideModal row={deciding} onClose={() => setDeciding(null)} />
    </>
  );
}

function DecideModal(props: { row: LapseRow | null; onClose(): void }) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<{
    decision: (typeof LAPSE_DECISIONS)[number];
    meetingDate: dayjs.Dayjs;
    note?: string;
  }>();
  const decide = useMutation(
    trpc.dues.decideLapse.mutationOptions({
      meta: { silent: true },
      onSuccess: (r) => {
        message.success(r.message);
        qc.invalidateQueries({ queryKey: trpc.dues.pathKey() });
        props.onClose();
      },
    }),
  );
  return (
    <Modal
      title={`支部团员大会处理：${props.row?.name ?? ''}`}
      open={!!props.row}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      confirmLoading={decide.isPending}
      destroyOnHidden
    >
      {props.row ? <Typography.Paragraph>{props.row.message}</Typography.Paragraph> : null}
      {decide.error ? (
        <Alert type="error" showIcon message={errorText(decide.error)} style={{ marginBottom: 12 }} />
      ) : null}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ decision: 'retained', meetingDate: dayjs(todayInShanghai()) }}
        onFinish={(v) =>
          props.row &&
          decide.mutate({
            memberId: props.row.memberId,
            decision: v.decision,
            meetingDate: v.meetingDate.format('YYYY-MM-DD'),
            note: v.note,
          })
        }
      >
        <Form.Item label="处理结果" name="decision">
          <Radio.Group options={LAPSE_DECISIONS.map((d) => ({ value: d, label: lapseDecisionLabel(d) }))} />
        </Form.Item>
        <Form.Item
          label="团员大会日期"
          name="meetingDate"
          rules={[{ required: true, message: '请选择日期' }]}
        >
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item label="说明" name="note">
          <Input.TextArea maxLength={500} rows={3} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function CategoryModal(props: { row: DuesRow | null; onClose(): void }) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ category: DuesCategory; pay?: string }>();
  const category = Form.useWatch('category', form);
  const save = useMutation(
    trpc.dues.setCategory.mutationOptions({
      meta: { silent: true },
      onSuccess: () => {
        message.success('已保存团费类别');
        qc.invalidateQueries({ queryKey: trpc.dues.pathKey() });
        props.onClose();
      },
    }),
  );
  const r = props.row;
  return (
    <Modal
      title={`团费类别：${r?.name ?? ''}`}
      open={!!r}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      {save.error ? (
        <Alert type="error" showIcon message={errorText(save.error)} style={{ marginBottom: 12 }} />
      ) : null}
      <Form
        form={form}
        layout="vertical"
        name="dues-category"
        initialValues={{
          category: r?.category,
          pay:
            r?.declaredPayFen === null || r?.declaredPayFen === undefined
              ? undefined
              : (r.declaredPayFen / 100).toFixed(2),
        }}
        onFinish={(v) =>
          r &&
          save.mutate({
            memberId: r.memberId,
            category: v.category,
            declaredPayFen: v.category === 'wage' && v.pay ? parseYuanToFen(v.pay) : null,
          })
        }
      >
        <Form.Item label="类别" name="category">
          <Radio.Group options={DUES_CATEGORIES.map((c) => ({ value: c, label: duesCategoryLabel(c) }))} />
        </Form.Item>
        {category === 'wage' ? (
          <Form.Item
            label="税后月收入（元）"
            name="pay"
            rules={[
              {
                validator: (_, v: string | undefined) =>
                  !v || parseYuanToFen(v) !== null
                    ? Promise.resolve()
                    : Promise.reject(new Error('请输入金额，最多两位小数')),
              },
            ]}
            extra="低于2000元每月交0.50元；2000元及以上按2‰计算，尾数舍至角，最高20元（未核实部分以规则数据为准）"
          >
            <Input inputMode="decimal" placeholder="例如 3500.00" />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}
