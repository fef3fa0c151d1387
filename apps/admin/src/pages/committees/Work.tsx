import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  List,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { FileUpload } from '../../components/FileUpload';
import { PageHeader } from '../../components/PageHeader';
import { trpc } from '../../lib/trpc';
import { errorText } from '../dues/shared';
import { TOPIC_STATUS, today } from './labels';

const day = (d: unknown) => (d as dayjs.Dayjs).format('YYYY-MM-DD');

/** 调研课题 (COM-2): topics with their plans and field work. */
export function CommitteeTopicsPage() {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const topics = useQuery(trpc.committees.topics.queryOptions());
  const [dialog, setDialog] = useState<'topic' | { fieldwork: string } | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const detail = useQuery({ ...trpc.committees.topic.queryOptions({ id: open ?? '' }), enabled: !!open });
  const [form] = Form.useForm();
  const opts = (text: string) => ({
    onSuccess: () => {
      message.success(text);
      setDialog(null);
      form.resetFields();
      qc.invalidateQueries(trpc.committees.pathFilter());
    },
    onError: (e: unknown) => message.error(errorText(e)),
  });
  const create = useMutation(trpc.committees.createTopic.mutationOptions(opts('课题已创建')));
  const field = useMutation(trpc.committees.addFieldwork.mutationOptions(opts('调研记录已保存')));
  const status = useMutation(trpc.committees.setTopicStatus.mutationOptions(opts('课题状态已更新')));
  const submit = (v: Record<string, unknown>) => {
    if (dialog === 'topic')
      create.mutate({
        title: v.title as string,
        plan: v.plan as string,
        leadName: (v.leadName as string) || undefined,
        startOn: day(v.date),
      });
    else if (dialog)
      field.mutate({
        topicId: dialog.fieldwork,
        visitedOn: day(v.date),
        place: v.place as string,
        participants: (v.participants as string) || undefined,
        findings: v.findings as string,
        fileIds: (v.fileIds as string[]) ?? [],
      });
  };
  return (
    <>
      <PageHeader
        title="调研课题"
        subTitle="课题、调研计划和实地调研"
        extra={
          <Button type="primary" onClick={() => setDialog('topic')}>
            新建课题
          </Button>
        }
      />
      <Table
        rowKey="id"
        loading={topics.isLoading}
        dataSource={topics.data ?? []}
        pagination={false}
        expandable={{
          expandedRowKeys: open ? [open] : [],
          onExpand: (exp, r) => setOpen(exp ? r.id : null),
          expandedRowRender: (r) => (
            <Space direction="vertical" style={{ width: '100%' }}>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>
                调研计划：{r.plan}
              </Typography.Paragraph>
              <List
                size="small"
                header="实地调研"
                dataSource={detail.data?.id === r.id ? detail.data.fieldwork : []}
                renderItem={(f) => (
                  <List.Item>
                    {f.visitedOn} · {f.place}
                    {f.participants ? `（${f.participants}）` : ''}：{f.findings}
                    {f.files.map((x) => (
                      <a key={x.id} href={x.url} target="_blank" rel="noreferrer" style={{ marginLeft: 8 }}>
                        {x.originalName}
                      </a>
                    ))}
                  </List.Item>
                )}
              />
            </Space>
          ),
        }}
        columns={[
          { title: '课题名称', dataIndex: 'title' },
          { title: '牵头人', dataIndex: 'leadName', render: (n) => n ?? '—' },
          { title: '开始日期', dataIndex: 'startOn' },
          { title: '实地调研', dataIndex: 'fieldworkCount', render: (n) => `${n}次` },
          { title: '调研报告', dataIndex: 'reportCount', render: (n) => `${n}篇` },
          {
            title: '状态',
            render: (_, r) => (
              <Select
                size="small"
                value={r.status}
                style={{ width: 100 }}
                onChange={(s) => status.mutate({ id: r.id, status: s })}
                options={Object.entries(TOPIC_STATUS).map(([value, label]) => ({ value, label }))}
              />
            ),
          },
          {
            title: '操作',
            render: (_, r) => (
              <Button size="small" onClick={() => setDialog({ fieldwork: r.id })}>
                记录实地调研
              </Button>
            ),
          },
        ]}
      />
      <Modal
        title={dialog === 'topic' ? '新建课题' : '记录实地调研'}
        open={dialog !== null}
        onCancel={() => setDialog(null)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={submit} initialValues={{ date: dayjs(today()) }}>
          {dialog === 'topic' ? (
            <>
              <Form.Item
                name="title"
                label="课题名称"
                rules={[{ required: true, message: '请填写课题名称' }]}
              >
                <Input maxLength={100} />
              </Form.Item>
              <Form.Item name="plan" label="调研计划" rules={[{ required: true, message: '请填写调研计划' }]}>
                <Input.TextArea rows={4} />
              </Form.Item>
              <Form.Item name="leadName" label="牵头人">
                <Input maxLength={20} />
              </Form.Item>
            </>
          ) : (
            <>
              <Form.Item
                name="place"
                label="调研地点"
                rules={[{ required: true, message: '请填写调研地点' }]}
              >
                <Input maxLength={100} />
              </Form.Item>
              <Form.Item name="participants" label="参加人员">
                <Input maxLength={200} />
              </Form.Item>
              <Form.Item
                name="findings"
                label="调研情况"
                rules={[{ required: true, message: '请填写调研情况' }]}
              >
                <Input.TextArea rows={4} />
              </Form.Item>
              <Form.Item name="fileIds" label="照片和材料">
                <FileUpload accept="any" max={20} label="上传" />
              </Form.Item>
            </>
          )}
          <Form.Item
            name="date"
            label={dialog === 'topic' ? '开始日期' : '调研日期'}
            rules={[{ required: true, message: '请选择日期' }]}
          >
            <DatePicker />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

/** 委员会会议 (work rules): agenda, then minutes with attendance and the reports discussed. */
export function CommitteeMeetingsPage() {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const meetings = useQuery(trpc.committees.meetings.queryOptions());
  const roster = useQuery(trpc.committees.roster.queryOptions());
  const reports = useQuery(trpc.committees.reports.queryOptions({}));
  const [dialog, setDialog] = useState<'new' | { minutes: string } | null>(null);
  const [form] = Form.useForm();
  const opts = (text: string) => ({
    onSuccess: () => {
      message.success(text);
      setDialog(null);
      form.resetFields();
      qc.invalidateQueries(trpc.committees.meetings.pathFilter());
    },
    onError: (e: unknown) => message.error(errorText(e)),
  });
  const create = useMutation(trpc.committees.createMeeting.mutationOptions(opts('会议已安排')));
  const minutes = useMutation(trpc.committees.recordMinutes.mutationOptions(opts('会议纪要已保存')));
  const names = new Map((roster.data?.members ?? []).map((m) => [m.id, m.name]));
  const titles = new Map((reports.data ?? []).map((r) => [r.id, r.title]));
  const submit = (v: Record<string, unknown>) => {
    if (dialog === 'new')
      create.mutate({
        title: v.title as string,
        heldOn: day(v.date),
        location: (v.location as string) || undefined,
        agenda: String(v.agenda ?? '')
          .split('\n')
          .map((s) => s.trim())
          .filter(Boolean),
      });
    else if (dialog)
      minutes.mutate({
        id: dialog.minutes,
        minutes: v.minutes as string,
        attendeeIds: (v.attendeeIds as string[]) ?? [],
        reportIds: (v.reportIds as string[]) ?? [],
        fileIds: (v.fileIds as string[]) ?? [],
      });
  };
  return (
    <>
      <PageHeader
        title="委员会会议"
        subTitle="会议议程和会议纪要"
        extra={
          <Button type="primary" onClick={() => setDialog('new')}>
            安排会议
          </Button>
        }
      />
      <Space direction="vertical" style={{ width: '100%' }}>
        {(meetings.data ?? []).map((m) => (
          <Card
            key={m.id}
            size="small"
            title={`${m.title}（${m.heldOn}${m.location ? ` · ${m.location}` : ''}）`}
            extra={
              m.status === 'held' ? (
                <Tag color="green">已召开</Tag>
              ) : (
                <Button size="small" onClick={() => setDialog({ minutes: m.id })}>
                  记录会议纪要
                </Button>
              )
            }
          >
            <div>议程：{m.agenda.map((a, i) => `${i + 1}. ${a}`).join('　')}</div>
            {m.minutes ? (
              <>
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginTop: 8 }}>
                  纪要：{m.minutes}
                </Typography.Paragraph>
                <div>出席：{m.attendeeIds.map((id) => names.get(id) ?? '').join('、') || '—'}</div>
                <div>审议报告：{m.reportIds.map((id) => titles.get(id) ?? '').join('、') || '—'}</div>
              </>
            ) : null}
          </Card>
        ))}
      </Space>
      <Modal
        title={dialog === 'new' ? '安排会议' : '会议纪要'}
        open={dialog !== null}
        onCancel={() => setDialog(null)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={submit} initialValues={{ date: dayjs(today()) }}>
          {dialog === 'new' ? (
            <>
              <Form.Item
                name="title"
                label="会议名称"
                rules={[{ required: true, message: '请填写会议名称' }]}
              >
                <Input maxLength={100} />
              </Form.Item>
              <Form.Item name="date" label="会议日期" rules={[{ required: true, message: '请选择日期' }]}>
                <DatePicker />
              </Form.Item>
              <Form.Item name="location" label="会议地点">
                <Input maxLength={100} />
              </Form.Item>
              <Form.Item
                name="agenda"
                label="议程（每行一项）"
                rules={[{ required: true, message: '请至少填写一项议程' }]}
              >
                <Input.TextArea rows={4} />
              </Form.Item>
            </>
          ) : (
            <>
              <Form.Item
                name="minutes"
                label="会议纪要"
                rules={[{ required: true, message: '请填写会议纪要' }]}
              >
                <Input.TextArea rows={6} />
              </Form.Item>
              <Form.Item name="attendeeIds" label="出席人员">
                <Select
                  mode="multiple"
                  options={(roster.data?.members ?? [])
                    .filter((m) => m.status === 'serving')
                    .map((m) => ({ value: m.id, label: m.name }))}
                />
              </Form.Item>
              <Form.Item name="reportIds" label="审议的调研报告">
                <Select
                  mode="multiple"
                  options={(reports.data ?? []).map((r) => ({ value: r.id, label: r.title }))}
                />
              </Form.Item>
              <Form.Item name="fileIds" label="附件">
                <FileUpload accept="any" max={20} label="上传" />
              </Form.Item>
            </>
          )}
        </Form>
      </Modal>
    </>
  );
}
