import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { SECTORS, sectorLabel } from '@tuanjian/domain';
import { Alert, App, Button, Card, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { FileUpload } from '../../components/FileUpload';
import { PageHeader } from '../../components/PageHeader';
import { trpc } from '../../lib/trpc';
import { errorText } from '../dues/shared';
import { ADOPTED_FOR, REPORT_STATUS, REPORT_STATUS_COLOR } from './labels';

/** 提交调研报告 (COM-2, districts): submit to a 专门委员会, follow the status, revise when returned. */
export default function ResearchSubmissionsPage() {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const mine = useQuery(trpc.researchSubmissions.mine.queryOptions());
  const committees = useQuery(trpc.researchSubmissions.committees.queryOptions());
  const [dialog, setDialog] = useState<'new' | { revise: string } | null>(null);
  const [viewing, setViewing] = useState<string | null>(null);
  const detail = useQuery({
    ...trpc.researchSubmissions.get.queryOptions({ id: viewing ?? '' }),
    enabled: !!viewing,
  });
  const [form] = Form.useForm();
  const opts = (text: string) => ({
    onSuccess: () => {
      message.success(text);
      setDialog(null);
      form.resetFields();
      qc.invalidateQueries(trpc.researchSubmissions.pathFilter());
    },
    onError: (e: unknown) => message.error(errorText(e)),
  });
  const submit = useMutation(trpc.researchSubmissions.submit.mutationOptions(opts('调研报告已提交')));
  const revise = useMutation(trpc.researchSubmissions.revise.mutationOptions(opts('修改稿已提交')));
  const onFinish = (v: Record<string, unknown>) => {
    const content = {
      title: v.title as string,
      summary: (v.summary as string) || undefined,
      body: v.body as string,
      fileIds: (v.fileIds as string[]) ?? [],
    };
    if (dialog === 'new')
      submit.mutate({
        ...content,
        committeeId: v.committeeId as string,
        sector: (v.sector as string) || undefined,
      });
    else if (dialog) revise.mutate({ ...content, id: dialog.revise });
  };
  const openRevise = (id: string, title: string) => {
    form.setFieldsValue({ title });
    setDialog({ revise: id });
  };
  return (
    <>
      <PageHeader
        title="提交调研报告"
        subTitle="向专门委员会报送本区县相关领域的调研报告，查看办理状态"
        extra={
          <Button type="primary" onClick={() => setDialog('new')}>
            提交调研报告
          </Button>
        }
      />
      <Table
        rowKey="id"
        loading={mine.isLoading}
        dataSource={mine.data ?? []}
        pagination={false}
        columns={[
          {
            title: '报告标题',
            dataIndex: 'title',
            render: (t, r) => (
              <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setViewing(r.id)}>
                {t}
              </Button>
            ),
          },
          { title: '报送委员会', dataIndex: 'committeeName' },
          { title: '版本', dataIndex: 'version', render: (v) => `第${v}稿` },
          {
            title: '状态',
            render: (_, r) => (
              <Space direction="vertical" size={0}>
                <Tag color={REPORT_STATUS_COLOR[r.status]}>{REPORT_STATUS[r.status]}</Tag>
                {r.adoptedFor ? <span>{ADOPTED_FOR[r.adoptedFor]}</span> : null}
              </Space>
            ),
          },
          { title: '修改意见', dataIndex: 'returnComment', render: (c) => c ?? '—' },
          {
            title: '提交时间',
            dataIndex: 'createdAt',
            render: (t: string) => new Date(t).toLocaleString('zh-CN'),
          },
          {
            title: '操作',
            render: (_, r) =>
              r.status === 'returned' ? (
                <Button size="small" type="primary" onClick={() => openRevise(r.id, r.title)}>
                  修改后重新提交
                </Button>
              ) : null,
          },
        ]}
      />
      {viewing && detail.data ? (
        <Card
          size="small"
          title={`${detail.data.title} · 报送记录`}
          style={{ marginTop: 16 }}
          extra={
            <Button type="link" size="small" onClick={() => setViewing(null)}>
              关闭
            </Button>
          }
        >
          {detail.data.returnComment && detail.data.status === 'returned' ? (
            <Alert
              type="warning"
              message={`修改意见：${detail.data.returnComment}`}
              style={{ marginBottom: 8 }}
            />
          ) : null}
          {detail.data.versions.map((v) => (
            <Card
              key={v.version}
              size="small"
              type="inner"
              title={`第${v.version}稿：${v.title}`}
              style={{ marginBottom: 8 }}
            >
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{v.body}</Typography.Paragraph>
              {v.files.map((f) => (
                <a key={f.id} href={f.url} target="_blank" rel="noreferrer" style={{ marginRight: 8 }}>
                  {f.originalName}
                </a>
              ))}
            </Card>
          ))}
        </Card>
      ) : null}
      <Modal
        title={dialog === 'new' ? '提交调研报告' : '修改后重新提交'}
        open={dialog !== null}
        onCancel={() => setDialog(null)}
        onOk={() => form.submit()}
        okText="提交"
        width={720}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={onFinish} preserve={false}>
          {dialog === 'new' ? (
            <>
              <Form.Item
                name="committeeId"
                label="报送委员会"
                rules={[{ required: true, message: '请选择专门委员会' }]}
              >
                <Select options={(committees.data ?? []).map((c) => ({ value: c.id, label: c.name }))} />
              </Form.Item>
              <Form.Item name="sector" label="所属领域">
                <Select allowClear options={SECTORS.map((s) => ({ value: s, label: sectorLabel[s] }))} />
              </Form.Item>
            </>
          ) : null}
          <Form.Item name="title" label="报告标题" rules={[{ required: true, message: '请填写报告标题' }]}>
            <Input maxLength={100} />
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
