import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type LectureSignupStatus, lectureSignupStatusLabel, lectureStatusLabel } from '@tuanjian/domain';
import {
  App,
  Button,
  Card,
  Descriptions,
  Popconfirm,
  Space,
  Table,
  type TableColumnsType,
  Tabs,
  Tag,
} from 'antd';
import { useNavigate, useParams } from 'react-router-dom';
import { ExportButton } from '../../components/ExportButton';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { formatDateTime } from '../../lib/format';
import { trpc, trpcClient } from '../../lib/trpc';
import {
  formatText,
  LECTURE_STATUS_COLOR,
  type LectureDetail,
  lectureTimeText,
  rateText,
  SIGNUP_STATUS_COLOR,
  venueText,
} from './shared';

type TenantRow = LectureDetail['byTenant'][number];
type BranchRow = LectureDetail['byBranch'][number];
type SignupRow = LectureDetail['signups'][number];

const countColumns = [
  { title: '报名', dataIndex: 'signedUp', width: 80, align: 'right' as const },
  { title: '签到', dataIndex: 'attended', width: 80, align: 'right' as const },
  { title: '取消', dataIndex: 'cancelled', width: 80, align: 'right' as const },
  {
    title: '出勤率',
    dataIndex: 'attendancePermille',
    width: 90,
    align: 'right' as const,
    render: (v: number | null) => rateText(v),
  },
];

/** 团市委: one lecture — details, the check-in code, actions, sign-ups per district and branch. */
export default function LectureDetailPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const data = useQuery(trpc.lectures.get.queryOptions({ id }));
  const act = useMutation({
    mutationFn: (action: 'publish' | 'cancel' | 'finish') => trpcClient.lectures[action].mutate({ id }),
    onSuccess: async (l) => {
      message.success(`讲堂${lectureStatusLabel[l.status]}`);
      await qc.invalidateQueries({ queryKey: trpc.lectures.pathKey() });
    },
  });
  const l = data.data;
  if (!l) return <Loading />;
  const tenantColumns: TableColumnsType<TenantRow> = [
    { title: '区县团委', dataIndex: 'tenantName' },
    ...countColumns,
  ];
  const branchColumns: TableColumnsType<BranchRow> = [
    { title: '区县团委', dataIndex: 'tenantName', width: 160 },
    { title: '团组织', dataIndex: 'orgName', ellipsis: true },
    ...countColumns,
  ];
  const signupColumns: TableColumnsType<SignupRow> = [
    { title: '姓名', dataIndex: 'memberName', width: 100 },
    { title: '区县团委', dataIndex: 'tenantName', width: 150 },
    { title: '团组织', dataIndex: 'orgName', ellipsis: true },
    {
      title: '状态',
      dataIndex: 'status',
      width: 90,
      render: (s: LectureSignupStatus) => (
        <Tag color={SIGNUP_STATUS_COLOR[s]}>{lectureSignupStatusLabel[s]}</Tag>
      ),
    },
    { title: '报名时间', dataIndex: 'bookedAt', width: 170, render: (d: Date) => formatDateTime(d) },
    {
      title: '签到时间',
      dataIndex: 'checkedInAt',
      width: 170,
      render: (d: Date | null) => formatDateTime(d),
    },
  ];
  const editable = l.status === 'draft' || l.status === 'published';
  return (
    <>
      <PageHeader
        title={l.theme}
        subTitle={`${formatText(l.format)} · ${lectureTimeText(l)}`}
        extra={
          <Space wrap>
            {editable ? <Button onClick={() => navigate(`/lectures/${id}/edit`)}>编辑</Button> : null}
            {l.status === 'draft' ? (
              <Button type="primary" loading={act.isPending} onClick={() => act.mutate('publish')}>
                发布
              </Button>
            ) : null}
            {l.status === 'published' ? (
              <Button loading={act.isPending} onClick={() => act.mutate('finish')}>
                标记为已结束
              </Button>
            ) : null}
            {editable ? (
              <Popconfirm
                title="取消这场讲堂？"
                description="取消后团员不能再报名或签到"
                okText="取消讲堂"
                cancelText="再想想"
                onConfirm={() => act.mutate('cancel')}
              >
                <Button danger>取消讲堂</Button>
              </Popconfirm>
            ) : null}
            <ExportButton
              unit="人"
              label="导出签到名单"
              onExport={() => trpcClient.lectures.exportAttendance.query({ id })}
            />
          </Space>
        }
      />
      <Card style={{ marginBottom: 16 }}>
        <Descriptions column={{ xs: 1, md: 2, xl: 3 }} size="small">
          <Descriptions.Item label="状态">
            <Tag color={LECTURE_STATUS_COLOR[l.status]}>{lectureStatusLabel[l.status]}</Tag>
          </Descriptions.Item>
          <Descriptions.Item label="主讲人">
            {l.speaker}
            {l.speakerTitle ? `（${l.speakerTitle}）` : ''}
          </Descriptions.Item>
          <Descriptions.Item label="地点">{venueText(l)}</Descriptions.Item>
          <Descriptions.Item label="名额">
            已报名 {l.bookedCount} / {l.capacity}，剩余 {l.seatsLeft}
          </Descriptions.Item>
          <Descriptions.Item label="签到">
            {l.attendedCount} 人，出勤率 {rateText(l.attendancePermille)}
          </Descriptions.Item>
          <Descriptions.Item label="现场签到码">
            <span data-testid="check-in-code" style={{ fontSize: 18, fontWeight: 600, letterSpacing: 4 }}>
              {l.checkInCode}
            </span>
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card>
        <Tabs
          items={[
            {
              key: 'tenants',
              label: '按区县',
              children: (
                <Table<TenantRow>
                  rowKey="tenantId"
                  size="small"
                  columns={tenantColumns}
                  dataSource={l.byTenant}
                  pagination={false}
                  locale={{ emptyText: '暂无报名' }}
                />
              ),
            },
            {
              key: 'branches',
              label: '按团组织',
              children: (
                <Table<BranchRow>
                  rowKey={(r) => `${r.tenantId}/${r.orgId}`}
                  size="small"
                  columns={branchColumns}
                  dataSource={l.byBranch}
                  pagination={{ pageSize: 50, hideOnSinglePage: true }}
                  locale={{ emptyText: '暂无报名' }}
                />
              ),
            },
            {
              key: 'signups',
              label: `报名名单（${l.signups.length}）`,
              children: (
                <Table<SignupRow>
                  rowKey="id"
                  size="small"
                  columns={signupColumns}
                  dataSource={l.signups}
                  pagination={{ pageSize: 50, hideOnSinglePage: true }}
                  locale={{ emptyText: '暂无报名' }}
                />
              ),
            },
          ]}
        />
      </Card>
    </>
  );
}
