import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Input, List, Modal, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { StatusTag } from '../../components/StatusTag';
import { formatDate, formatDateTime } from '../../lib/format';
import { trpc, trpcClient } from '../../lib/trpc';
import { REPORT_COLOR } from '../assessment/shared';

type Speaker = Awaited<ReturnType<typeof trpcClient.hearings.session.query>>['speakers'][number];

export function TaskList(props: {
  speaker: Speaker;
  action?: (t: Speaker['tasks'][number]) => React.ReactNode;
}) {
  const { speaker } = props;
  if (!speaker.report) return null;
  return (
    <div>
      <p style={{ whiteSpace: 'pre-wrap' }}>
        整改报告（{formatDateTime(speaker.report.submittedAt)}提交）：{speaker.report.summary}
      </p>
      <List
        size="small"
        dataSource={speaker.tasks}
        renderItem={(t) => (
          <List.Item extra={props.action?.(t)}>
            <Space>
              <span>{t.title}</span>
              <span>期限 {formatDate(t.dueOn)}</span>
              {t.doneOn ? (
                <Tag color="green">{formatDate(t.doneOn)}完成</Tag>
              ) : t.overdue ? (
                <Tag color="red">已逾期</Tag>
              ) : (
                <Tag>进行中</Tag>
              )}
              {t.doneNote && <span>{t.doneNote}</span>}
            </Space>
          </List.Item>
        )}
      />
    </div>
  );
}

/** 团市委: one month's hearing — the organisations, comments and the 整改报告 status. */
export default function HearingDetailPage() {
  const { id = '' } = useParams();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const q = useQuery(trpc.hearings.session.queryOptions({ id }));
  const [editing, setEditing] = useState<Speaker | null>(null);
  const [text, setText] = useState('');
  const comment = useMutation({
    mutationFn: () => trpcClient.hearings.comment.mutate({ speakerId: editing?.id ?? '', comments: text }),
    onSuccess: async () => {
      message.success('点评意见已保存');
      setEditing(null);
      await qc.invalidateQueries({ queryKey: trpc.hearings.pathKey() });
    },
  });
  const s = q.data;
  if (!s) return <Loading />;
  return (
    <>
      <PageHeader title={`${s.month} 月度述职`} subTitle={<Link to="/hearings">返回月度述职</Link>} />
      <Card
        title={`${formatDate(s.heldOn)}${s.venue ? ` · ${s.venue}` : ''}（整改报告于述职后${s.reportDueDays}日内提交）`}
      >
        <Table
          rowKey="id"
          dataSource={s.speakers}
          pagination={false}
          expandable={{
            expandedRowRender: (r) => <TaskList speaker={r} />,
            rowExpandable: (r) => !!r.report,
          }}
          columns={[
            { title: '区县', dataIndex: 'tenantName' },
            { title: '组织', dataIndex: 'orgName' },
            { title: '述职书记', dataIndex: 'secretaryName' },
            { title: '点评意见', dataIndex: 'comments', render: (c: string | null) => c ?? '—' },
            { title: '报告期限', dataIndex: 'reportDueOn', render: (d: string) => formatDate(d) },
            {
              title: '整改报告',
              render: (_, r) => (
                <Space>
                  <StatusTag value={r.reportStatus} text={r.reportStatusLabel} colors={REPORT_COLOR} />
                  {r.overdueTasks > 0 && <Tag color="red">{r.overdueTasks}项任务逾期</Tag>}
                </Space>
              ),
            },
            {
              title: '操作',
              render: (_, r) => (
                <Button
                  size="small"
                  onClick={() => {
                    setEditing(r);
                    setText(r.comments ?? '');
                  }}
                >
                  点评
                </Button>
              ),
            },
          ]}
        />
      </Card>
      <Modal
        open={!!editing}
        title={`点评：${editing?.orgName ?? ''}`}
        onCancel={() => setEditing(null)}
        onOk={() => comment.mutate()}
        okText="保存"
        confirmLoading={comment.isPending}
      >
        <Input.TextArea
          rows={5}
          value={text}
          onChange={(e) => setText(e.target.value)}
          aria-label="点评意见"
          maxLength={2000}
        />
      </Modal>
    </>
  );
}
