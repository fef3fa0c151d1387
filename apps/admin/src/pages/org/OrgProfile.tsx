import { ArrowLeftOutlined, AuditOutlined, PlusOutlined, SwapOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  BUILD_OUT_TAGS,
  type BuildOutTag,
  buildOutTagLabel,
  electionKindLabel,
  electionMethodLabel,
  inventoryProblemLabel,
  leaderPositionLabel,
} from '@tuanjian/domain';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Descriptions,
  Empty,
  Flex,
  Row,
  Skeleton,
  Table,
  Tag,
  Timeline,
} from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { PageHeader } from '../../components/PageHeader';
import type { RouterOutputs } from '../../lib/api-types';
import { describeError } from '../../lib/errors';
import { formatDate, labelOf } from '../../lib/format';
import { ORG_KIND_COLOR, ORG_STATUS_COLOR, orgKindLabel, orgStatusLabel } from '../../lib/labels';
import { trpc } from '../../lib/trpc';
import { ElectionModal } from './ElectionModal';
import { ReviewModal } from './ReviewModal';

export type OrgProfileData = RouterOutputs['org']['profile'];

const EVENT_LABEL: Record<string, string> = {
  merged_into: '并入其他组织',
  merged_from: '接收合并',
  dissolved: '撤销',
  received: '接收撤销组织的团员',
  adjusted: '调整隶属',
};

/** ORG-1…ORG-4 for one organisation: 班子, 换届, rule warnings, reviews, tags and status history. */
export default function OrgProfilePage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const q = useQuery(trpc.org.profile.queryOptions({ id }));
  const [electing, setElecting] = useState(false);
  const [reviewing, setReviewing] = useState(false);
  const [tags, setTags] = useState<BuildOutTag[]>([]);
  useEffect(() => {
    if (q.data) setTags(q.data.tags.map((t) => t.tag));
  }, [q.data]);
  const saveTags = useMutation(
    trpc.org.setTags.mutationOptions({
      onSuccess: (data) => {
        queryClient.setQueryData(trpc.org.profile.queryKey({ id }), data);
        void queryClient.invalidateQueries({ queryKey: trpc.org.ledger.list.queryKey() });
        message.success('重点建设标记已保存');
      },
    }),
  );

  if (q.isPending) return <Skeleton active />;
  if (q.error) return <Alert type="error" showIcon title={describeError(q.error).message} />;
  const p = q.data;
  const active = p.status === 'active';
  const onSaved = (data: OrgProfileData) => {
    queryClient.setQueryData(trpc.org.profile.queryKey({ id }), data);
    void queryClient.invalidateQueries({ queryKey: trpc.org.ledger.list.queryKey() });
  };

  return (
    <>
      <PageHeader
        title={p.name}
        subTitle={
          <Flex gap={4}>
            <Tag color={ORG_KIND_COLOR[p.kind]}>{orgKindLabel[p.kind]}</Tag>
            <Tag color={ORG_STATUS_COLOR[p.status]}>{orgStatusLabel[p.status]}</Tag>
            <span>直属团员 {p.directMemberCount} 人</span>
          </Flex>
        }
        extra={
          <>
            <Button icon={<ArrowLeftOutlined aria-hidden />} onClick={() => navigate(-1)}>
              返回
            </Button>
            {active ? (
              <Button
                icon={<SwapOutlined aria-hidden />}
                onClick={() => navigate(`/org-proposals?new=1&orgId=${p.id}`)}
              >
                调整/合并/撤销
              </Button>
            ) : null}
          </>
        }
      />
      {p.warnings.length ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title="规则提示"
          description={
            <ul style={{ margin: 0, paddingLeft: 18 }} data-testid="org-warnings">
              {p.warnings.map((w) => (
                <li key={w.code}>{w.message}</li>
              ))}
            </ul>
          }
        />
      ) : active ? (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 16 }}
          title="组织设置、班子配备和换届均符合规则"
        />
      ) : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card
            title="班子与换届"
            extra={
              active ? (
                <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setElecting(true)}>
                  录入选举
                </Button>
              ) : null
            }
          >
            <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered style={{ marginBottom: 16 }}>
              <Descriptions.Item label="任期规定" span={2}>
                {p.term.explanation}
              </Descriptions.Item>
              <Descriptions.Item label="本届起始">{formatDate(p.due.termStart)}</Descriptions.Item>
              <Descriptions.Item label="应换届日期">
                {formatDate(p.due.dueOn)}
                {p.due.overdue ? (
                  <Tag color="red" style={{ marginLeft: 8 }}>
                    已逾期
                  </Tag>
                ) : null}
              </Descriptions.Item>
            </Descriptions>
            <Table
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={p.leaders}
              locale={{ emptyText: '尚未配备班子' }}
              columns={[
                {
                  title: '职务',
                  dataIndex: 'position',
                  render: (v: string) => labelOf(leaderPositionLabel, v),
                },
                { title: '姓名', dataIndex: 'name' },
                { title: '任职日期', dataIndex: 'termStart', render: (d: string) => formatDate(d) },
              ]}
            />
          </Card>
          <Card title="选举记录" style={{ marginTop: 16 }}>
            <Table
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={p.elections}
              locale={{ emptyText: '暂无选举记录' }}
              columns={[
                { title: '选举日期', dataIndex: 'electedOn', render: (d: string) => formatDate(d) },
                { title: '类型', dataIndex: 'kind', render: (v: string) => labelOf(electionKindLabel, v) },
                {
                  title: '方式',
                  dataIndex: 'method',
                  render: (v: string) => labelOf(electionMethodLabel, v),
                },
                {
                  title: '到会',
                  render: (_, e) => `${e.presentCount}/${e.entitledCount}`,
                },
                { title: '任期', dataIndex: 'termYears', render: (y: number) => `${y}年` },
                {
                  title: '按期',
                  dataIndex: 'onSchedule',
                  render: (ok: boolean) =>
                    ok ? <Tag color="green">按期</Tag> : <Tag color="red">逾期换届</Tag>,
                },
                { title: '结果', dataIndex: 'result', ellipsis: true },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card
            title="五类问题排查"
            extra={
              p.canReview && active ? (
                <Button icon={<AuditOutlined aria-hidden />} onClick={() => setReviewing(true)}>
                  排查
                </Button>
              ) : null
            }
          >
            {p.reviews.length === 0 ? (
              <Empty description="尚未排查" />
            ) : (
              <Timeline
                items={p.reviews.map((r, i) => ({
                  color: r.findings.length ? 'orange' : 'green',
                  children: (
                    <div>
                      <div>
                        <strong>{formatDate(r.reviewedOn)}</strong> {r.reviewerName}
                        {i === 0 ? <Tag style={{ marginLeft: 8 }}>当前</Tag> : null}
                      </div>
                      {r.findings.length ? (
                        r.findings.map((f) => (
                          <div key={f.problem}>
                            <Tag color="orange">{inventoryProblemLabel[f.problem]}</Tag>
                            {f.note}
                          </div>
                        ))
                      ) : (
                        <Tag color="green">未发现问题</Tag>
                      )}
                      {r.note ? <div style={{ color: '#888' }}>{r.note}</div> : null}
                    </div>
                  ),
                }))}
              />
            )}
          </Card>
          <Card title="重点建设" style={{ marginTop: 16 }}>
            <Checkbox.Group
              disabled={!active}
              value={tags}
              onChange={(v) => setTags(v as BuildOutTag[])}
              options={BUILD_OUT_TAGS.map((t) => ({ value: t, label: buildOutTagLabel[t] }))}
            />
            {active ? (
              <div style={{ marginTop: 12 }}>
                <Button loading={saveTags.isPending} onClick={() => saveTags.mutate({ orgId: p.id, tags })}>
                  保存标记
                </Button>
              </div>
            ) : null}
          </Card>
          <Card title="状态历史" style={{ marginTop: 16 }}>
            {p.history.length === 0 ? (
              <Empty description="设立以来状态正常，无调整记录" />
            ) : (
              <Timeline
                items={p.history.map((h) => ({
                  children: (
                    <div>
                      <strong>{formatDate(h.changedOn)}</strong> {EVENT_LABEL[h.event] ?? h.event}
                      {h.fromStatus !== h.toStatus
                        ? `（${labelOf(orgStatusLabel, h.fromStatus)} → ${labelOf(orgStatusLabel, h.toStatus)}）`
                        : ''}
                      {h.relatedOrg ? (
                        <div>
                          相关组织：
                          <a href={`/org-ledger/${h.relatedOrg.id}`}>{h.relatedOrg.name}</a>
                        </div>
                      ) : null}
                      <div style={{ color: '#888' }}>理由：{h.reason}</div>
                    </div>
                  ),
                }))}
              />
            )}
          </Card>
        </Col>
      </Row>
      {electing ? (
        <ElectionModal
          profile={p}
          onClose={() => setElecting(false)}
          onSaved={(d) => {
            onSaved(d);
            setElecting(false);
          }}
        />
      ) : null}
      {reviewing ? (
        <ReviewModal
          profile={p}
          onClose={() => setReviewing(false)}
          onSaved={(d) => {
            onSaved(d);
            setReviewing(false);
          }}
        />
      ) : null}
    </>
  );
}
