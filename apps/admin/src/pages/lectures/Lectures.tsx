import { PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { LECTURE_STATUSES, type LectureStatus, lectureStatusLabel } from '@tuanjian/domain';
import {
  Button,
  Card,
  Col,
  DatePicker,
  Form,
  Input,
  Row,
  Select,
  Table,
  type TableColumnsType,
  Tag,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { PageHeader } from '../../components/PageHeader';
import { trpc } from '../../lib/trpc';
import {
  formatText,
  LECTURE_STATUS_COLOR,
  type LectureRow,
  lectureTimeText,
  rateText,
  venueText,
} from './shared';

/** 团市委: 五四讲堂 — every lecture, searchable by theme / speaker / venue, status and month. */
export default function LecturesPage() {
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const q = params.get('q') ?? undefined;
  const status = (params.get('status') as LectureStatus | null) ?? undefined;
  const month = params.get('month') ?? undefined;
  const page = Number(params.get('page') ?? 1) || 1;
  const list = useQuery(
    trpc.lectures.list.queryOptions(
      { q, status, month: month ? `${month}-01` : undefined, page, pageSize: 20 },
      { placeholderData: keepPreviousData },
    ),
  );
  const set = (next: Record<string, string | undefined>) => {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) {
      if (v) p.set(k, v);
      else p.delete(k);
    }
    setParams(p);
  };

  const columns: TableColumnsType<LectureRow> = [
    {
      title: '主题',
      dataIndex: 'theme',
      ellipsis: true,
      render: (t: string, r) => <Link to={`/lectures/${r.id}`}>{t}</Link>,
    },
    { title: '形式', dataIndex: 'format', width: 100, render: (f: LectureRow['format']) => formatText(f) },
    { title: '主讲人', dataIndex: 'speaker', width: 110 },
    { title: '时间', key: 'time', width: 210, render: (_, r) => lectureTimeText(r) },
    { title: '地点', key: 'venue', ellipsis: true, render: (_, r) => venueText(r) },
    {
      title: '报名 / 名额',
      key: 'seats',
      width: 110,
      align: 'right',
      render: (_, r) => `${r.bookedCount} / ${r.capacity}`,
    },
    { title: '签到', dataIndex: 'attendedCount', width: 70, align: 'right' },
    {
      title: '出勤率',
      dataIndex: 'attendancePermille',
      width: 90,
      align: 'right',
      render: (v: number | null) => rateText(v),
    },
    {
      title: '状态',
      dataIndex: 'status',
      width: 90,
      render: (s: LectureStatus) => <Tag color={LECTURE_STATUS_COLOR[s]}>{lectureStatusLabel[s]}</Tag>,
    },
  ];

  return (
    <>
      <PageHeader
        title="五四讲堂"
        subTitle="团市委每月举办：名家讲堂、思政课堂、青年论坛、流动教室；团员在小程序报名、签到"
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined aria-hidden />}
            onClick={() => navigate('/lectures/new')}
          >
            新建讲堂
          </Button>
        }
      />
      <Card style={{ marginBottom: 16 }}>
        <Form
          layout="vertical"
          name="lecture-search"
          initialValues={{ q, status, month: month ? dayjs(`${month}-01`) : undefined }}
          onFinish={(v: { q?: string; status?: string; month?: Dayjs | null }) =>
            set({
              q: v.q?.trim() || undefined,
              status: v.status,
              month: v.month ? v.month.format('YYYY-MM') : undefined,
              page: undefined,
            })
          }
        >
          <Row gutter={16} align="bottom">
            <Col xs={24} sm={12} lg={8}>
              <Form.Item label="主题、主讲人或地点" name="q" style={{ marginBottom: 12 }}>
                <Input allowClear autoComplete="off" placeholder="输入关键字" />
              </Form.Item>
            </Col>
            <Col xs={12} sm={6} lg={4}>
              <Form.Item label="状态" name="status" style={{ marginBottom: 12 }}>
                <Select
                  allowClear
                  placeholder="全部"
                  options={LECTURE_STATUSES.map((s) => ({ value: s, label: lectureStatusLabel[s] }))}
                />
              </Form.Item>
            </Col>
            <Col xs={12} sm={6} lg={4}>
              <Form.Item label="月份" name="month" style={{ marginBottom: 12 }}>
                <DatePicker picker="month" style={{ width: '100%' }} placeholder="全部" />
              </Form.Item>
            </Col>
            <Col>
              <Form.Item style={{ marginBottom: 12 }}>
                <Button type="primary" htmlType="submit" icon={<SearchOutlined aria-hidden />}>
                  查询
                </Button>
              </Form.Item>
            </Col>
          </Row>
        </Form>
      </Card>
      <Card>
        <Table<LectureRow>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          scroll={{ x: 1000 }}
          pagination={{
            current: page,
            pageSize: 20,
            total: list.data?.total ?? 0,
            showTotal: (n) => `共 ${n} 场`,
            onChange: (p) => set({ page: p > 1 ? String(p) : undefined }),
          }}
        />
      </Card>
    </>
  );
}
