import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  type FindingSeverity,
  type FindingStatus,
  type InspectionMethod,
  inspectionMethodLabel,
} from '@tuanjian/domain';
import { App, Button, Card, Descriptions, Drawer, Form, Input, Select, Space, Table } from 'antd';
import { useState } from 'react';
import { FileUpload } from '../../components/FileUpload';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { formatDate, formatDateTime } from '../../lib/format';
import { trpc, trpcClient } from '../../lib/trpc';
import { FileLinks, FindingStatusTag, SeverityTag, statusOptions } from './shared';

/** 督导问题整改: findings of the city's inspections about my organisations; answer them. */
export default function MyFindingsPage() {
  const [status, setStatus] = useState<FindingStatus | undefined>();
  const list = useQuery(trpc.inspections.myFindings.queryOptions({ status }));
  const [shown, setShown] = useState<string | null>(null);
  type Row = NonNullable<typeof list.data>[number];
  return (
    <>
      <PageHeader title="督导问题整改" subTitle="团市委督导检查发现的问题，请在整改期限内答复整改情况" />
      <Card>
        <Space style={{ marginBottom: 12 }}>
          <Select
            aria-label="状态"
            allowClear
            placeholder="全部状态"
            style={{ width: 160 }}
            value={status}
            onChange={setStatus}
            options={statusOptions}
          />
        </Space>
        <Table<Row>
          rowKey="id"
          loading={list.isLoading}
          dataSource={list.data ?? []}
          pagination={false}
          locale={{ emptyText: '暂无督导检查发现的问题' }}
          columns={[
            { title: '检查', dataIndex: 'planTitle', ellipsis: true },
            { title: '被检查组织', dataIndex: 'orgName', width: 220 },
            {
              title: '检查方式',
              dataIndex: 'method',
              width: 90,
              render: (m: InspectionMethod) => inspectionMethodLabel[m],
            },
            {
              title: '程度',
              dataIndex: 'severity',
              width: 70,
              render: (s: FindingSeverity) => <SeverityTag severity={s} />,
            },
            { title: '问题', dataIndex: 'description', ellipsis: true },
            { title: '整改期限', dataIndex: 'deadline', width: 110, render: (d: string) => formatDate(d) },
            {
              title: '状态',
              dataIndex: 'status',
              width: 140,
              render: (s: FindingStatus, r) => <FindingStatusTag status={s} overdue={r.overdue} />,
            },
            {
              title: '',
              key: 'op',
              width: 80,
              render: (_, r) => (
                <Button type="link" size="small" onClick={() => setShown(r.id)}>
                  {r.status === 'open' || r.status === 'returned' ? '答复' : '查看'}
                </Button>
              ),
            },
          ]}
        />
      </Card>
      <AnswerDrawer id={shown} onClose={() => setShown(null)} />
    </>
  );
}

function AnswerDrawer(props: { id: string | null; onClose: () => void }) {
  const data = useQuery({
    ...trpc.inspections.myFinding.queryOptions({ id: props.id ?? '' }),
    enabled: !!props.id,
  });
  const [form] = Form.useForm();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const answer = useMutation({
    mutationFn: (v: { body: string; fileIds?: string[] }) =>
      trpcClient.inspections.answer.mutate({ id: props.id!, body: v.body, fileIds: v.fileIds ?? [] }),
    onSuccess: async () => {
      message.success('已提交整改答复，等待团市委审核');
      form.resetFields();
      await qc.invalidateQueries({ queryKey: trpc.inspections.pathKey() });
      await qc.invalidateQueries({ queryKey: trpc.todos.pathKey() });
    },
  });
  const f = data.data;
  return (
    <Drawer title="问题详情与整改答复" open={!!props.id} onClose={props.onClose} width={640} destroyOnHidden>
      {!f ? (
        <Loading />
      ) : (
        <>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label="检查">{f.planTitle}</Descriptions.Item>
            <Descriptions.Item label="被检查组织">{f.orgName}</Descriptions.Item>
            <Descriptions.Item label="检查方式">{inspectionMethodLabel[f.method]}</Descriptions.Item>
            <Descriptions.Item label="程度">
              <SeverityTag severity={f.severity} />
            </Descriptions.Item>
            <Descriptions.Item label="问题">{f.description}</Descriptions.Item>
            <Descriptions.Item label="整改要求">{f.requirement || '—'}</Descriptions.Item>
            <Descriptions.Item label="整改期限">{formatDate(f.deadline)}</Descriptions.Item>
            <Descriptions.Item label="状态">
              <FindingStatusTag status={f.status} overdue={f.overdue} />
            </Descriptions.Item>
            <Descriptions.Item label="检查佐证">
              <FileLinks files={f.evidence} />
            </Descriptions.Item>
            {f.reviewNote ? <Descriptions.Item label="团市委意见">{f.reviewNote}</Descriptions.Item> : null}
          </Descriptions>
          <h3 style={{ marginTop: 16 }}>整改答复</h3>
          {f.answers.map((a) => (
            <Card key={a.id} size="small" style={{ marginBottom: 8 }}>
              <div style={{ whiteSpace: 'pre-wrap' }}>{a.body}</div>
              <div style={{ marginTop: 6 }}>
                附件：
                <FileLinks files={a.files} />
              </div>
              <div style={{ color: '#999', marginTop: 4 }}>
                {a.answeredByName} · {formatDateTime(a.answeredAt)}
              </div>
            </Card>
          ))}
          {f.canAnswer ? (
            <Form form={form} layout="vertical" onFinish={(v) => answer.mutate(v)} style={{ marginTop: 12 }}>
              <Form.Item
                label="整改情况"
                name="body"
                rules={[{ required: true, whitespace: true, message: '请填写整改情况' }]}
              >
                <Input.TextArea rows={4} maxLength={5000} />
              </Form.Item>
              <Form.Item label="整改佐证" name="fileIds">
                <FileUpload accept="any" max={10} label="上传佐证" />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={answer.isPending}>
                提交答复
              </Button>
            </Form>
          ) : null}
        </>
      )}
    </Drawer>
  );
}
