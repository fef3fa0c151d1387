import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Space,
  Table,
  type TableColumnsType,
  Tabs,
  Tag,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { ExportButton } from '../../components/ExportButton';
import { PageHeader } from '../../components/PageHeader';
import type { RouterOutputs } from '../../lib/api-types';
import { useMe } from '../../lib/auth';
import { trpc, trpcClient } from '../../lib/trpc';
import { errorText } from '../dues/shared';
import { CompletionTab } from './Completion';
import { GradeModal, type GradeTarget } from './GradeModal';
import { EvidenceModal, MyChecks } from './MyChecks';
import { PeersModal } from './PeersModal';

type Ranking = RouterOutputs['rectification']['ranking'];
type RankRow = Ranking['rows'][number];
type LedgerRow = RouterOutputs['rectification']['ledger']['rows'][number];
type TaskRow = RouterOutputs['rectification']['tasks'][number];

const TASK_COLOR: Record<string, string> = {
  open: 'blue',
  submitted: 'orange',
  confirmed: 'green',
  overdue: 'red',
};

const fmt = (v: number | null) => (v === null ? '—' : v.toFixed(1));

/**
 * 整理整顿 (RECT): a superior's year — open the health-check round, give 上级点, the ranking with the
 * bottom cut line, publish the 《重点整顿团组织信息台帐》 (export), tasks with 对账销号, overdue → 通报 /
 * 约谈, acceptance (考核验收).
 */
export default function RectificationPage() {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [params, setParams] = useSearchParams();
  const { role } = useMe();
  const year = Number(params.get('year') ?? dayjs().year());
  const set = (patch: Record<string, string>) => setParams({ year: String(year), tab, ...patch });
  const invalidate = () => void qc.invalidateQueries({ queryKey: trpc.rectification.pathKey() });

  const ranking = useQuery({ ...trpc.rectification.ranking.queryOptions({ year }), retry: false });
  const ledger = useQuery({ ...trpc.rectification.ledger.queryOptions({ year }), retry: false });
  const tasks = useQuery({ ...trpc.rectification.tasks.queryOptions({ year }), retry: false });
  const checklist = useQuery(trpc.rectification.checklist.queryOptions({ year }));
  // a branch secretary is nobody's superior: only its own 支部查 / 互相评 and its tasks
  const branchOnly =
    role === 'org_secretary' &&
    (ranking.error as { data?: { code?: string } } | null)?.data?.code === 'FORBIDDEN';
  const tab = params.get('tab') ?? (branchOnly ? 'mine' : 'ranking');

  const open = useMutation(
    trpc.rectification.openRound.mutationOptions({
      onSuccess: (r) => {
        message.success(
          `已开启${r.year}年度体检：${r.superiorName}下${r.branches}个团支部，新开${r.opened}个`,
        );
        invalidate();
      },
    }),
  );
  const publish = useMutation(
    trpc.rectification.publish.mutationOptions({
      onSuccess: (r) => {
        message.success(`已公布重点整顿对象：新列入${r.added}个，结转${r.carried}个`);
        invalidate();
      },
    }),
  );
  const overdue = useMutation(
    trpc.rectification.recordOverdue.mutationOptions({
      onSuccess: (r) => {
        message.success(`逾期任务${r.tasks}项，已记录${r.warnings}条`);
        invalidate();
      },
    }),
  );
  const confirm = useMutation(
    trpc.rectification.confirmTask.mutationOptions({
      onSuccess: (t) => {
        message.success(t.status === 'confirmed' ? `已销号：${t.title}` : `已退回：${t.title}`);
        invalidate();
      },
    }),
  );
  const accept = useMutation(
    trpc.rectification.accept.mutationOptions({
      onSuccess: (r) => {
        message.success(`${r.orgName}：${r.resultLabel}`);
        invalidate();
      },
    }),
  );

  const [grading, setGrading] = useState<GradeTarget | null>(null);
  const [peering, setPeering] = useState<RankRow | null>(null);
  const [tasking, setTasking] = useState<LedgerRow | null>(null);
  const [reporting, setReporting] = useState<TaskRow | null>(null);
  const rk = ranking.data;

  const rankColumns: TableColumnsType<RankRow> = [
    { title: '名次', dataIndex: 'rank', width: 70, render: (v: number | null) => v ?? '未评分' },
    { title: '团支部', dataIndex: 'orgName' },
    { title: '团员提', render: (_, r) => fmt(r.scores.member), width: 80 },
    { title: '支部查', render: (_, r) => fmt(r.scores.self), width: 80 },
    { title: '上级点', render: (_, r) => fmt(r.scores.superior), width: 80 },
    { title: '互相评', render: (_, r) => fmt(r.scores.peer), width: 80 },
    { title: '总分', render: (_, r) => <b>{fmt(r.overall)}</b>, width: 80 },
    {
      title: '后进',
      width: 120,
      render: (_, r) =>
        r.keyTarget ? (
          <Tag color="red">重点整顿对象</Tag>
        ) : r.inCut ? (
          <Tag color="orange">后{rk?.bottomPercent}%</Tag>
        ) : null,
    },
    {
      title: '操作',
      width: 250,
      render: (_, r) => (
        <Space size={4} wrap>
          <Button
            size="small"
            onClick={() => setGrading({ checkId: r.id, orgName: r.orgName, source: 'superior' })}
          >
            上级点评
          </Button>
          <Button size="small" onClick={() => setPeering(r)}>
            指定互评
          </Button>
          {role === 'district_admin' ? (
            <>
              <Button
                size="small"
                onClick={() =>
                  setGrading({ checkId: r.id, orgName: r.orgName, source: 'self', onBehalf: true })
                }
              >
                代录支部查
              </Button>
              <Button
                size="small"
                onClick={() =>
                  setGrading({ checkId: r.id, orgName: r.orgName, source: 'peer', onBehalf: true })
                }
              >
                代录互评
              </Button>
            </>
          ) : null}
        </Space>
      ),
    },
  ];

  const ledgerColumns: TableColumnsType<LedgerRow> = [
    { title: '团支部', dataIndex: 'orgName' },
    { title: '总分', render: (_, r) => fmt(r.overall), width: 70 },
    { title: '名次', dataIndex: 'rank', width: 60 },
    { title: '列入原因', dataIndex: 'reason' },
    {
      title: '销号进度',
      width: 100,
      render: (_, r) => `${r.tasksConfirmed}/${r.tasksTotal}`,
    },
    { title: '通报约谈', dataIndex: 'warnings', width: 80 },
    {
      title: '状态',
      width: 90,
      render: (_, r) => <Tag color={r.status === 'closed' ? 'green' : 'orange'}>{r.statusLabel}</Tag>,
    },
    {
      title: '考核验收',
      width: 110,
      render: (_, r) =>
        r.acceptanceLabel ? (
          <Tag color={r.acceptance === 'passed' ? 'green' : 'red'}>{r.acceptanceLabel}</Tag>
        ) : (
          '未验收'
        ),
    },
    {
      title: '操作',
      width: 230,
      render: (_, r) => (
        <Space size={4} wrap>
          <Button size="small" onClick={() => setTasking(r)}>
            添加任务
          </Button>
          <Button
            size="small"
            type="primary"
            disabled={r.status !== 'closed'}
            onClick={() => accept.mutate({ orgId: r.orgId, year, result: 'passed' })}
          >
            验收通过
          </Button>
          <Button
            size="small"
            danger
            onClick={() => accept.mutate({ orgId: r.orgId, year, result: 'failed' })}
          >
            不通过
          </Button>
          {r.proposalDue && !r.proposalId ? (
            <Tag color="red">连续{r.roundsWithoutImprovement}轮未明显改善</Tag>
          ) : null}
        </Space>
      ),
    },
  ];

  const taskColumns: TableColumnsType<TaskRow> = [
    { title: '团支部', dataIndex: 'orgName' },
    { title: '整改任务', dataIndex: 'title' },
    { title: '责任人', dataIndex: 'ownerName', width: 90 },
    { title: '完成时限', dataIndex: 'deadline', width: 110 },
    {
      title: '整改情况',
      render: (_, t) => (
        <Space direction="vertical" size={2}>
          <span>{t.evidence ?? '—'}</span>
          {t.evidenceFiles.length ? (
            <Space size={4}>
              {t.evidenceFiles.map((f) => (
                <a key={f.id} href={f.url} target="_blank" rel="noreferrer">
                  <img
                    src={f.thumbUrl}
                    alt="佐证材料"
                    width={40}
                    height={40}
                    style={{ objectFit: 'cover' }}
                  />
                </a>
              ))}
            </Space>
          ) : null}
        </Space>
      ),
    },
    {
      title: '状态',
      width: 90,
      render: (_, t) => <Tag color={TASK_COLOR[t.status]}>{t.statusLabel}</Tag>,
    },
    {
      title: '对账销号',
      width: 140,
      render: (_, t) =>
        branchOnly ? (
          t.status !== 'confirmed' ? (
            <Button size="small" onClick={() => setReporting(t)}>
              {t.status === 'submitted' ? '修改整改情况' : '提交整改情况'}
            </Button>
          ) : null
        ) : t.status === 'submitted' ? (
          <Space size={4}>
            <Button size="small" type="primary" onClick={() => confirm.mutate({ id: t.id, confirm: true })}>
              销号
            </Button>
            <Button size="small" onClick={() => confirm.mutate({ id: t.id, confirm: false })}>
              退回
            </Button>
          </Space>
        ) : null,
    },
  ];

  const error = branchOnly ? null : (errorText(ranking.error) ?? errorText(ledger.error));
  const mineTab = {
    key: 'mine',
    label: '本支部',
    children: <MyChecks year={year} checklist={checklist.data} onDone={invalidate} />,
  };
  const tasksTab = {
    key: 'tasks',
    label: '整改任务清单',
    children: (
      <Table<TaskRow>
        rowKey="id"
        size="small"
        loading={tasks.isLoading}
        dataSource={tasks.data ?? []}
        columns={taskColumns}
        pagination={{ pageSize: 50 }}
      />
    ),
  };
  return (
    <>
      <PageHeader
        title="整理整顿"
        subTitle="团员提、支部查、上级点、互相评；后进排名、重点整顿台帐、对账销号、考核验收"
        extra={
          <Space>
            <InputNumber
              aria-label="年度"
              value={year}
              min={2000}
              max={2100}
              onChange={(v) => v && setParams({ year: String(v), tab })}
              addonAfter="年"
            />
            {branchOnly ? null : (
              <Button onClick={() => open.mutate({ year })} loading={open.isPending}>
                开启本年度体检
              </Button>
            )}
          </Space>
        }
      />
      {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} /> : null}
      <Tabs
        activeKey={tab}
        onChange={(k) => set({ tab: k })}
        items={
          branchOnly
            ? [mineTab, tasksTab]
            : [
                {
                  key: 'ranking',
                  label: '体检排名',
                  children: (
                    <Card
                      title={
                        rk
                          ? `${rk.superiorName} ${rk.year}年度体检排名（已评分${rk.ranked}个，后${rk.bottomPercent}%：${rk.cutCount}个，同分并列一并列入）`
                          : '体检排名'
                      }
                      extra={
                        <Button
                          type="primary"
                          disabled={!rk || rk.ranked === 0}
                          loading={publish.isPending}
                          onClick={() => publish.mutate({ year })}
                        >
                          公布重点整顿对象
                        </Button>
                      }
                    >
                      <Table<RankRow>
                        rowKey="id"
                        size="small"
                        loading={ranking.isLoading}
                        dataSource={rk?.rows ?? []}
                        columns={rankColumns}
                        pagination={{ pageSize: 50 }}
                        rowClassName={(r) => (r.inCut ? 'rect-cut-row' : '')}
                        onRow={(r) => ({
                          style: r.inCut ? { background: '#fff1f0' } : undefined,
                          'data-cut': r.inCut,
                        })}
                      />
                    </Card>
                  ),
                },
                {
                  key: 'ledger',
                  label: '重点整顿台帐',
                  children: (
                    <Card
                      title={`${year}年《重点整顿团组织信息台帐》`}
                      extra={
                        <Space>
                          <Button danger onClick={() => overdue.mutate({ year, kind: 'circular' })}>
                            逾期任务通报
                          </Button>
                          <Button onClick={() => overdue.mutate({ year, kind: 'talk' })}>逾期任务约谈</Button>
                          <ExportButton
                            unit="个团支部"
                            onExport={() => trpcClient.rectification.ledgerExport.mutate({ year })}
                          />
                        </Space>
                      }
                    >
                      <Table<LedgerRow>
                        rowKey="id"
                        size="small"
                        loading={ledger.isLoading}
                        dataSource={ledger.data?.rows ?? []}
                        columns={ledgerColumns}
                        pagination={false}
                      />
                    </Card>
                  ),
                },
                tasksTab,
                { key: 'completion', label: '完成情况', children: <CompletionTab year={year} /> },
              ]
        }
      />
      <GradeModal
        target={grading}
        checklist={checklist.data}
        onClose={() => setGrading(null)}
        onDone={invalidate}
      />
      <PeersModal
        target={peering ? { checkId: peering.id, orgId: peering.orgId, orgName: peering.orgName } : null}
        candidates={rk?.rows ?? []}
        onClose={() => setPeering(null)}
        onDone={invalidate}
      />
      <EvidenceModal task={reporting} onClose={() => setReporting(null)} onDone={invalidate} />
      <TaskModal row={tasking} onClose={() => setTasking(null)} onDone={invalidate} />
    </>
  );
}

function TaskModal(props: { row: LedgerRow | null; onClose(): void; onDone(): void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ title: string; ownerName: string; deadline: dayjs.Dayjs }>();
  const ranking = useQuery({
    ...trpc.rectification.ranking.queryOptions({ year: props.row?.year ?? 0 }),
    enabled: !!props.row,
  });
  const create = useMutation(
    trpc.rectification.createTask.mutationOptions({
      onSuccess: (t) => {
        message.success(`已添加整改任务：${t.title}`);
        props.onClose();
        props.onDone();
      },
    }),
  );
  const checkId = ranking.data?.rows.find((r) => r.orgId === props.row?.orgId)?.id;
  return (
    <Modal
      title={`添加整改任务：${props.row?.orgName ?? ''}`}
      open={!!props.row}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      okText="添加"
      okButtonProps={{ disabled: !checkId }}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        onFinish={(v) =>
          checkId &&
          create.mutate({
            healthCheckId: checkId,
            title: v.title,
            ownerName: v.ownerName,
            deadline: v.deadline.format('YYYY-MM-DD'),
          })
        }
      >
        <Form.Item name="title" label="整改任务" rules={[{ required: true, message: '请填写整改任务' }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="ownerName" label="责任人" rules={[{ required: true, message: '请填写责任人' }]}>
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="deadline" label="完成时限" rules={[{ required: true, message: '请选择完成时限' }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
