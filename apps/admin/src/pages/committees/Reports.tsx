import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, Modal, Segmented, Select, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { FileUpload } from '../../components/FileUpload';
import { PageHeader } from '../../components/PageHeader';
import { trpc } from '../../lib/trpc';
import { errorText } from '../dues/shared';
import { REPORT_STATUS, REPORT_STATUS_COLOR } from './labels';

/** 调研报告 (COM-2): the committee's reports — its own and those districts submitted — by status. */
export default function CommitteeReportsPage() {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [status, setStatus] = useState<string>('all');
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const list = useQuery(
    trpc.committees.reports.queryOptions(status === 'all' ? {} : { status: status as 'submitted' }),
  );
  const topics = useQuery(trpc.committees.topics.queryOptions());
  const create = useMutation(
    trpc.committees.createReport.mutationOptions({
      onSuccess: () => {
        message.success('调研报告已提交');
        setOpen(false);
        form.resetFields();
        qc.invalidateQueries(trpc.committees.reports.pathFilter());
      },
      onError: (e) => message.error(errorText(e)),
    }),
  );
  return (
    <>
      <PageHeader
        title="调研报告"
        subTitle="委员撰写和区县团委报送的调研报告，审阅、采纳并转化为议事参考"
        extra={
          <Button type="primary" onClick={() => setOpen(true)}>
            撰写调研报告
          </Button>
        }
      />
      <Segmented
        style={{ marginBottom: 16 }}
        value={status}
        onChange={(v) => setStatus(String(v))}
        options={[
          { value: 'all', label: '全部' },
          ...['submitted', 'under_review', 'returned', 'accepted', 'adopted'].map((s) => ({
            value: s,
            label: REPORT_STATUS[s],
          })),
        ]}
      />
      <Table
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data ?? []}
        pagination={false}
        columns={[
          {
            title: '报告标题',
            dataIndex: 'title',
            render: (t, r) => <Link to={`/committee/reports/${r.id}`}>{t}</Link>,
          },
          {
            title: '来源',
            render: (_, r) =>
              r.origin === 'district' ? `${r.fromTenantName}报送` : `委员撰写（${r.author}）`,
          },
          { title: '调研课题', dataIndex: 'topicTitle', render: (t) => t ?? '—' },
          { title: '版本', dataIndex: 'version', render: (v) => `第${v}稿` },
          {
            title: '状态',
            dataIndex: 'status',
            render: (s) => <Tag color={REPORT_STATUS_COLOR[s]}>{REPORT_STATUS[s]}</Tag>,
          },
          {
            title: '更新时间',
            dataIndex: 'updatedAt',
            render: (t: string) => new Date(t).toLocaleString('zh-CN'),
          },
        ]}
      />
      <Modal
        title="撰写调研报告"
        open={open}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        confirmLoading={create.isPending}
        okText="提交"
        width={720}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          onFinish={(v) => create.mutate({ ...v, fileIds: v.fileIds ?? [] })}
        >
          <Form.Item name="title" label="报告标题" rules={[{ required: true, message: '请填写报告标题' }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="topicId" label="调研课题">
            <Select
              allowClear
              placeholder="不关联课题"
              options={(topics.data ?? []).map((t) => ({ value: t.id, label: t.title }))}
            />
          </Form.Item>
          <Form.Item name="summary" label="内容摘要">
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
          <Form.Item name="body" label="报告正文" rules={[{ required: true, message: '请填写报告正文' }]}>
            <Input.TextArea rows={8} />
          </Form.Item>
          <Form.Item name="fileIds" label="附件">
            <FileUpload accept="any" max={20} label="上传附件" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
