import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, DatePicker, Empty, Form, Input, Modal, Popconfirm, Space, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { PageHeader } from '../../components/PageHeader';
import { StatusTag } from '../../components/StatusTag';
import { formatDate } from '../../lib/format';
import { trpc, trpcClient } from '../../lib/trpc';
import { REPORT_COLOR } from '../assessment/shared';
import { TaskList } from './HearingDetail';

type Speaker = Awaited<ReturnType<typeof trpcClient.hearings.mine.query>>[number];

function ReportModal(props: { speaker: Speaker | null; onClose: () => void }) {
  const { speaker } = props;
  const qc = useQueryClient();
  const { message } = App.useApp();
  const file = useMutation({
    mutationFn: (v: { summary: string; tasks: { title: string; dueOn: Dayjs }[] }) =>
      trpcClient.hearings.fileReport.mutate({
        speakerId: speaker?.id ?? '',
        summary: v.summary,
        tasks: (v.tasks ?? []).map((t) => ({ title: t.title, dueOn: t.dueOn.format('YYYY-MM-DD') })),
      }),
    onSuccess: async () => {
      message.success('整改报告已提交');
      props.onClose();
      await qc.invalidateQueries({ queryKey: trpc.hearings.pathKey() });
      await qc.invalidateQueries({ queryKey: trpc.todos.pathKey() });
    },
  });
  return (
    <Modal
      open={!!speaker}
      title={`提交整改报告：${speaker?.orgName ?? ''}`}
      footer={null}
      onCancel={props.onClose}
      destroyOnHidden
      width={720}
    >
      <Form layout="vertical" onFinish={(v) => file.mutate(v)} initialValues={{ tasks: [{}] }}>
        <Form.Item
          name="summary"
          label="整改报告"
          rules={[{ required: true, message: '请填写整改报告内容' }]}
        >
          <Input.TextArea rows={5} maxLength={5000} aria-label="整改报告" />
        </Form.Item>
        <Form.List name="tasks">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => (
                <Space key={f.key} align="baseline">
                  <Form.Item name={[f.name, 'title']} rules={[{ required: true, message: '请填写整改任务' }]}>
                    <Input
                      placeholder="整改任务"
                      aria-label={`第${i + 1}项整改任务`}
                      style={{ width: 380 }}
                    />
                  </Form.Item>
                  <Form.Item name={[f.name, 'dueOn']} rules={[{ required: true, message: '请选择完成期限' }]}>
                    <DatePicker placeholder="完成期限" aria-label={`第${i + 1}项完成期限`} />
                  </Form.Item>
                  {fields.length > 1 && (
                    <MinusCircleOutlined onClick={() => remove(f.name)} aria-label="删除任务" />
                  )}
                </Space>
              ))}
              <Form.Item>
                <Button onClick={() => add({})} icon={<PlusOutlined />}>
                  增加整改任务
                </Button>
              </Form.Item>
            </>
          )}
        </Form.List>
        <Button type="primary" htmlType="submit" loading={file.isPending}>
          提交整改报告
        </Button>
      </Form>
    </Modal>
  );
}

/** 区县团委 / 组织书记: 我的整改报告 — the hearings of its organisations, reports and tasks. */
export default function MyHearingsPage() {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const q = useQuery(trpc.hearings.mine.queryOptions());
  const [filing, setFiling] = useState<Speaker | null>(null);
  const done = useMutation({
    mutationFn: (taskId: string) => trpcClient.hearings.completeTask.mutate({ taskId }),
    onSuccess: async () => {
      message.success('已标记完成');
      await qc.invalidateQueries({ queryKey: trpc.hearings.pathKey() });
      await qc.invalidateQueries({ queryKey: trpc.todos.pathKey() });
    },
  });
  const items = q.data ?? [];
  return (
    <>
      <PageHeader
        title="我的整改报告"
        subTitle="团市委月度述职后，于述职后7日内提交整改报告并按期完成整改任务"
      />
      {q.data && items.length === 0 && <Empty description="暂无述职安排" />}
      {items.map((s) => (
        <Card
          key={s.id}
          data-testid={`hearing-${s.orgName}`}
          style={{ marginBottom: 16 }}
          title={
            <Space>
              <span>
                {s.month} 述职 · {s.orgName}（{s.secretaryName}）
              </span>
              <StatusTag value={s.reportStatus} text={s.reportStatusLabel} colors={REPORT_COLOR} />
              {s.overdueTasks > 0 && <Tag color="red">{s.overdueTasks}项任务逾期</Tag>}
            </Space>
          }
          extra={
            !s.report && (
              <Button type="primary" onClick={() => setFiling(s)}>
                提交整改报告
              </Button>
            )
          }
        >
          <p>
            述职日期 {formatDate(s.heldOn)}，整改报告期限 {formatDate(s.reportDueOn)}
          </p>
          <p>团市委点评意见：{s.comments ?? '—'}</p>
          <TaskList
            speaker={s}
            action={(t) =>
              !t.doneOn && (
                <Popconfirm title="确认该整改任务已完成？" onConfirm={() => done.mutate(t.id)}>
                  <Button size="small">标记完成</Button>
                </Popconfirm>
              )
            }
          />
        </Card>
      ))}
      <ReportModal speaker={filing} onClose={() => setFiling(null)} />
    </>
  );
}
