import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useParams } from 'react-router-dom';
import { PageHeader } from '../../components/PageHeader';
import type { RouterOutputs } from '../../lib/api-types';
import { trpc } from '../../lib/trpc';
import { errorText } from '../dues/shared';
import { LEVEL_COLOR } from './StarTag';

type Detail = RouterOutputs['rating']['get'];
type Criterion = Detail['criteria'][number];

interface ReviewValues {
  scores: Record<string, number>;
  notes: Record<string, string | undefined>;
  vetoItems: string[];
  studyPercent: number | null;
  note?: string;
}

/** A branch's rating: every criterion with the computed explanation or the scores, and the review form. */
export default function RatingDetailPage() {
  const { id = '' } = useParams();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const q = useQuery(trpc.rating.get.queryOptions({ id }));
  const review = useMutation(
    trpc.rating.review.mutationOptions({
      onSuccess: (r) => {
        message.success(`已审核：${r.totalPoints}分，${r.levelLabel}`);
        void qc.invalidateQueries({ queryKey: trpc.rating.get.queryKey({ id }) });
      },
    }),
  );
  const d = q.data;
  if (q.error) return <Alert type="error" showIcon message={errorText(q.error)} />;
  if (!d) return null;

  const columns: TableColumnsType<Criterion> = [
    { title: '方面', dataIndex: 'goodLabel', width: 100 },
    { title: '细则', dataIndex: 'title' },
    { title: '分值', dataIndex: 'points', width: 60 },
    { title: '方式', dataIndex: 'modeLabel', width: 90 },
    {
      title: '计算说明 / 自评',
      render: (_, c) =>
        c.indicator ? (
          <div>
            <Typography.Text strong>{c.indicator.value}</Typography.Text>
            <div style={{ color: '#666', fontSize: 12 }}>{c.indicator.formula}</div>
          </div>
        ) : (
          <div>
            自评 {c.selfPoints ?? '—'} 分{c.selfNote ? `：${c.selfNote}` : ''}
            {c.evidence.length > 0 && <div>佐证材料{c.evidence.length}个</div>}
          </div>
        ),
    },
    {
      title: '得分',
      width: 170,
      render: (_, c) =>
        c.mode === 'scored' && d.canReview ? (
          <Form.Item name={['scores', c.key]} noStyle rules={[{ required: true, message: '请评分' }]}>
            <InputNumber aria-label={`${c.title.split('；')[0]}得分`} min={0} max={c.points} step={0.5} />
          </Form.Item>
        ) : (
          (c.points_ ?? '—')
        ),
    },
  ];

  const initial: ReviewValues = {
    scores: Object.fromEntries(
      d.criteria
        .filter((c) => c.mode === 'scored')
        .map((c) => [c.key, c.reviewedPoints ?? c.selfPoints ?? 0]),
    ),
    notes: {},
    vetoItems: d.vetoItems.filter((v) => v.selected).map((v) => v.key),
    studyPercent: d.studyPercent,
    note: d.reviewNote ?? undefined,
  };

  return (
    <>
      <PageHeader
        title={`${d.orgName} ${d.year}年度星级评定`}
        subTitle={`${d.statusLabel}，规则第${d.ruleVersion}版`}
      />
      <Card style={{ marginBottom: 16 }}>
        <Descriptions column={3} size="small">
          <Descriptions.Item label="状态">{d.statusLabel}</Descriptions.Item>
          <Descriptions.Item label="总分">{d.totalPoints ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="评定等次">
            {d.levelLabel ? <Tag color={LEVEL_COLOR[d.level ?? '']}>{d.levelLabel}</Tag> : '—'}
          </Descriptions.Item>
          <Descriptions.Item label="公布等次">
            {d.publishedLevelLabel ? (
              <Tag color={LEVEL_COLOR[d.publishedLevel ?? '']}>{d.publishedLevelLabel}</Tag>
            ) : (
              '—'
            )}
            {d.capReason ? `（${d.capReason}）` : ''}
          </Descriptions.Item>
          <Descriptions.Item label="自评签字">
            {d.signature
              ? `书记 ${d.signature.secretaryName}、团员代表 ${d.signature.memberRepName}`
              : '未签字'}
          </Descriptions.Item>
          <Descriptions.Item label="评定日期">{d.ratingDate}</Descriptions.Item>
        </Descriptions>
        {d.ineligibleReason && <Alert type="info" showIcon message={d.ineligibleReason} />}
        {d.levelReasons.map((r) => (
          <Alert key={r} type="warning" showIcon message={r} style={{ marginTop: 8 }} />
        ))}
      </Card>
      <Form<ReviewValues>
        key={`${d.id}-${d.status}`}
        initialValues={initial}
        onFinish={(v) =>
          review.mutate({
            id: d.id,
            scores: Object.entries(v.scores).map(([key, points]) => ({ key, points })),
            vetoItems: v.vetoItems ?? [],
            studyPercent: v.studyPercent ?? null,
            note: v.note ?? null,
          })
        }
      >
        <Card title="评分细则" style={{ marginBottom: 16 }}>
          <Table rowKey="key" size="small" pagination={false} columns={columns} dataSource={d.criteria} />
        </Card>
        {d.canReview && (
          <Card title="上级审核">
            <Form.Item name="vetoItems" label="一票否决事项">
              <Checkbox.Group options={d.vetoItems.map((v) => ({ value: v.key, label: v.title }))} />
            </Form.Item>
            <Form.Item name="studyPercent" label="青年大学习参学率（%）">
              <InputNumber aria-label="青年大学习参学率" min={0} max={100} step={0.1} />
            </Form.Item>
            <Form.Item name="note" label="审核意见">
              <Input.TextArea rows={2} maxLength={500} />
            </Form.Item>
            {review.error && (
              <Alert type="error" showIcon message={errorText(review.error)} style={{ marginBottom: 12 }} />
            )}
            <Button type="primary" htmlType="submit" loading={review.isPending}>
              提交审核
            </Button>
          </Card>
        )}
      </Form>
    </>
  );
}
