import { useQuery } from '@tanstack/react-query';
import { formatPermille } from '@tuanjian/domain';
import { Alert, Button, Card, Descriptions, Empty, Image, List, Space, Table, Tag, Typography } from 'antd';
import { useLocation, useNavigate, useParams } from 'react-router-dom';
import { PageHeader } from '../../components/PageHeader';
import type { RouterOutputs } from '../../lib/api-types';
import { trpc } from '../../lib/trpc';
import { errorText } from '../dues/shared';
import { COMPLETENESS_COLOR } from './Board';

type Detail = RouterOutputs['themeDays']['get'];
type Photo = Detail['actions'][number]['photos'][number];

function time(d: Date | string | null): string {
  if (!d) return '—';
  return new Intl.DateTimeFormat('zh-CN', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(new Date(d));
}

function Photos({ photos, alt }: { photos: Photo[]; alt: string }) {
  if (!photos.length) return <Typography.Text type="secondary">无照片</Typography.Text>;
  return (
    <Image.PreviewGroup>
      <Space wrap>
        {photos.map((p) => (
          <Image
            key={p.id}
            width={96}
            height={96}
            style={{ objectFit: 'cover' }}
            src={p.thumbUrl}
            preview={{ src: p.url }}
            alt={alt}
          />
        ))}
      </Space>
    </Image.PreviewGroup>
  );
}

/** One branch's theme-day record (LIFE-2): the seven actions with evidence and photos, self-chosen actions, ceremony photos, check-ins. */
export default function ThemeDayRecordPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const location = useLocation();
  const back = (location.state as { back?: string } | null)?.back ?? '/theme-days';
  const q = useQuery(trpc.themeDays.get.queryOptions({ id }));
  const d = q.data;
  const status = d?.evaluation.status;
  return (
    <>
      <PageHeader
        title={d ? `${d.orgName} ${d.monthLabel}主题团日` : '主题团日记录'}
        subTitle={d?.theme}
        extra={<Button onClick={() => navigate(back)}>返回完成情况</Button>}
      />
      {q.error ? <Alert type="error" showIcon message={errorText(q.error)} /> : null}
      {d ? (
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          {status === 'complete' ? (
            <Alert type="success" showIcon message="本月主题团日各项已完成" />
          ) : (
            <Alert
              type="warning"
              showIcon
              message={`未完成：还差 ${d.evaluation.missing.length} 项`}
              description={d.evaluation.missing.join('；')}
            />
          )}
          <Card size="small">
            <Descriptions column={3} size="small">
              <Descriptions.Item label="完成情况">
                {status ? (
                  <Tag color={COMPLETENESS_COLOR[status]}>{status === 'complete' ? '已完成' : '未完成'}</Tag>
                ) : null}
              </Descriptions.Item>
              <Descriptions.Item label="状态">{d.statusLabel}</Descriptions.Item>
              <Descriptions.Item label="活动地点">{d.place ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="活动时间">{time(d.heldAt)}</Descriptions.Item>
              <Descriptions.Item label="签到">
                {d.checkedInCount} / {d.memberCount} 人
              </Descriptions.Item>
              <Descriptions.Item label="参与率">{formatPermille(d.participationPermille)}</Descriptions.Item>
              <Descriptions.Item label="签到结束">{time(d.closedAt)}</Descriptions.Item>
              <Descriptions.Item label="规则" span={2}>
                {d.rule.source}（第{d.rule.version}版）
              </Descriptions.Item>
            </Descriptions>
          </Card>
          <Card size="small" title="“七事联动”规定动作">
            <Table
              rowKey="key"
              size="small"
              pagination={false}
              dataSource={d.actions}
              columns={[
                { title: '规定动作', dataIndex: 'label', width: 220 },
                {
                  title: '完成',
                  dataIndex: 'done',
                  width: 80,
                  render: (v: boolean) => (v ? <Tag color="success">已完成</Tag> : <Tag>未完成</Tag>),
                },
                { title: '佐证说明', dataIndex: 'evidence', render: (v: string | null) => v ?? '—' },
                {
                  title: '照片',
                  dataIndex: 'photos',
                  width: 320,
                  render: (p: Photo[], r) => <Photos photos={p} alt={r.label} />,
                },
              ]}
            />
          </Card>
          <Card size="small" title={`自选动作（至少${d.rule.minSelfChosenActions}项）`}>
            {d.selfChosen.length ? (
              <List
                dataSource={d.selfChosen}
                renderItem={(s) => (
                  <List.Item>
                    <List.Item.Meta title={s.title} description={s.evidence ?? '—'} />
                    <Photos photos={s.photos} alt={s.title} />
                  </List.Item>
                )}
              />
            ) : (
              <Empty description="尚无自选动作" />
            )}
          </Card>
          <Card size="small" title="仪式照片">
            <Descriptions column={1} size="small" bordered>
              {d.ceremony.map((c) => (
                <Descriptions.Item key={c.key} label={c.label}>
                  <Photos photos={c.photos} alt={c.label} />
                </Descriptions.Item>
              ))}
            </Descriptions>
          </Card>
          <Card size="small" title={`签到名单（${d.checkIns.length}人）`}>
            <Table
              rowKey="memberId"
              size="small"
              pagination={false}
              dataSource={d.checkIns}
              locale={{ emptyText: '无人签到' }}
              columns={[
                { title: '姓名', dataIndex: 'name' },
                { title: '签到时间', dataIndex: 'at', render: (v: string) => time(v) },
              ]}
            />
          </Card>
        </Space>
      ) : null}
    </>
  );
}
