import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { PageHeader } from '../../components/PageHeader';
import { trpc } from '../../lib/trpc';
import { errorText } from '../dues/shared';
import { ADOPTED_FOR, COMMENT_KIND, REPORT_STATUS, REPORT_STATUS_COLOR, today } from './labels';

type Dialog = 'reviewers' | 'return' | 'accept' | 'adopt' | 'comment' | null;

/** One research report: versions, review history and the review actions of the acting role. */
export default function CommitteeReportDetailPage() {
  const { id = '' } = useParams();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [form] = Form.useForm();
  const report = useQuery(trpc.committees.report.queryOptions({ id }));
  const roster = useQuery(trpc.committees.roster.queryOptions());
  const done = (text: string) => ({
    onSuccess: () => {
      message.success(text);
      setDialog(null);
      form.resetFields();
      qc.invalidateQueries(trpc.committees.pathFilter());
    },
    onError: (e: unknown) => message.error(errorText(e)),
  });
  const assign = useMutation(trpc.committees.assignReviewers.mutationOptions(done('已指定审阅人')));
  const ret = useMutation(trpc.committees.returnReport.mutationOptions(done('已退回修改')));
  const accept = useMutation(trpc.committees.acceptReport.mutationOptions(done('报告已采纳')));
  const adopt = useMutation(trpc.committees.adoptReport.mutationOptions(done('已转化为议事参考')));
  const comment = useMutation(trpc.committees.commentReport.mutationOptions(done('审阅意见已记录')));
  const r = report.data;
  if (report.error) return <Alert type="error" message={errorText(report.error)} />;
  if (!r) return null;
  const reviewing = r.status === 'submitted' || r.status === 'under_review';
  const submit = (v: Record<string, unknown>) => {
    if (dialog === 'reviewers') assign.mutate({ id, rosterIds: v.rosterIds as string[] });
    if (dialog === 'return') ret.mutate({ id, comment: v.comment as string });
    if (dialog === 'accept') accept.mutate({ id, comment: (v.comment as string) || undefined });
    if (dialog === 'comment') comment.mutate({ id, body: v.comment as string });
    if (dialog === 'adopt')
      adopt.mutate({
        id,
        adoptedFor: v.adoptedFor as 'plenary',
        adoptedOn: (v.adoptedOn as dayjs.Dayjs).format('YYYY-MM-DD'),
        note: (v.note as string) || undefined,
      });
  };
  const titles: Record<Exclude<Dialog, null>, string> = {
    reviewers: '指定审阅人',
    return: '退回修改',
    accept: '采纳报告',
    adopt: '转化为议事参考',
    comment: '填写审阅意见',
  };
  return (
    <>
      <PageHeader
        title={r.title}
        subTitle={<Tag color={REPORT_STATUS_COLOR[r.status]}>{REPORT_STATUS[r.status]}</Tag>}
        extra={
          <Space wrap>
            {r.can.decide && reviewing ? (
              <Button onClick={() => setDialog('reviewers')}>指定审阅人</Button>
            ) : null}
            {r.can.review && r.status === 'under_review' ? (
              <>
                <Button onClick={() => setDialog('comment')}>审阅意见</Button>
                <Button danger onClick={() => setDialog('return')}>
                  退回修改
                </Button>
              </>
            ) : null}
            {r.can.decide && r.status === 'under_review' ? (
              <Button type="primary" onClick={() => setDialog('accept')}>
                采纳
              </Button>
            ) : null}
            {r.can.decide && r.status === 'accepted' ? (
              <Button type="primary" onClick={() => setDialog('adopt')}>
                转化为议事参考
              </Button>
            ) : null}
          </Space>
        }
      />
      <Descriptions bordered size="small" column={2} style={{ marginBottom: 16 }}>
        <Descriptions.Item label="来源">
          {r.origin === 'district' ? `${r.fromTenantName}报送` : '委员撰写'}
        </Descriptions.Item>
        <Descriptions.Item label="撰写">{r.author}</Descriptions.Item>
        <Descriptions.Item label="当前版本">第{r.version}稿</Descriptions.Item>
        <Descriptions.Item label="审阅人">
          {r.reviewers.map((x) => x.name).join('、') || '未指定'}
        </Descriptions.Item>
        {r.adoptedFor ? (
          <Descriptions.Item label="议事参考" span={2}>
            {ADOPTED_FOR[r.adoptedFor]}（{r.adoptedOn}）{r.adoptedNote ? `：${r.adoptedNote}` : ''}
          </Descriptions.Item>
        ) : null}
      </Descriptions>
      <Space direction="vertical" style={{ width: '100%' }} size={16}>
        {r.versions.map((v) => (
          <Card
            key={v.version}
            size="small"
            title={`第${v.version}稿：${v.title}`}
            extra={new Date(v.createdAt).toLocaleString('zh-CN')}
          >
            {v.summary ? (
              <Typography.Paragraph type="secondary">摘要：{v.summary}</Typography.Paragraph>
            ) : null}
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{v.body}</Typography.Paragraph>
            {v.files.length > 0 ? (
              <Space wrap>
                附件：
                {v.files.map((f) => (
                  <a key={f.id} href={f.url} target="_blank" rel="noreferrer">
                    {f.originalName}
                  </a>
                ))}
              </Space>
            ) : null}
          </Card>
        ))}
        <Card size="small" title="审阅记录">
          <Timeline
            items={r.comments.map((c) => ({
              key: c.id,
              children: (
                <div data-testid="review-entry">
                  <b>{COMMENT_KIND[c.kind]}</b>（第{c.version}稿）· {c.userName} ·{' '}
                  {new Date(c.createdAt).toLocaleString('zh-CN')}
                  {c.body ? <div style={{ whiteSpace: 'pre-wrap' }}>{c.body}</div> : null}
                </div>
              ),
            }))}
          />
        </Card>
      </Space>
      <Modal
        title={dialog ? titles[dialog] : ''}
        open={dialog !== null}
        onCancel={() => setDialog(null)}
        onOk={() => form.submit()}
        okText="确定"
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          onFinish={submit}
          initialValues={{ adoptedOn: dayjs(today()), adoptedFor: 'plenary' }}
        >
          {dialog === 'reviewers' ? (
            <Form.Item
              name="rosterIds"
              label="审阅人"
              rules={[{ required: true, message: '请至少指定一名审阅人' }]}
            >
              <Select
                mode="multiple"
                optionFilterProp="label"
                aria-label="审阅人"
                options={(roster.data?.members ?? [])
                  .filter((m) => m.status === 'serving')
                  .map((m) => ({
                    value: m.id,
                    label: `${m.name}（${m.position === 'chair' ? '主任' : m.position === 'member' ? '委员' : '候补委员'}）`,
                  }))}
              />
            </Form.Item>
          ) : null}
          {dialog === 'return' || dialog === 'comment' || dialog === 'accept' ? (
            <Form.Item
              name="comment"
              label={dialog === 'return' ? '修改意见' : dialog === 'accept' ? '采纳意见（可选）' : '审阅意见'}
              rules={dialog === 'accept' ? [] : [{ required: true, message: '请填写意见' }]}
            >
              <Input.TextArea rows={4} maxLength={2000} />
            </Form.Item>
          ) : null}
          {dialog === 'adopt' ? (
            <>
              <Form.Item name="adoptedFor" label="议事参考用于" rules={[{ required: true }]}>
                <Select options={Object.entries(ADOPTED_FOR).map(([value, label]) => ({ value, label }))} />
              </Form.Item>
              <Form.Item name="adoptedOn" label="日期" rules={[{ required: true, message: '请选择日期' }]}>
                <DatePicker />
              </Form.Item>
              <Form.Item name="note" label="说明">
                <Input maxLength={200} />
              </Form.Item>
            </>
          ) : null}
        </Form>
      </Modal>
    </>
  );
}
