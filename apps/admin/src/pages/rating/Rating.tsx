import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { PageHeader } from '../../components/PageHeader';
import { SearchTable, useUrlParams } from '../../components/SearchTable';
import type { RouterOutputs } from '../../lib/api-types';
import { trpc } from '../../lib/trpc';
import { downloadBase64, errorText, OrgPicker, XLSX_MIME } from '../dues/shared';
import { LEVEL_COLOR } from './StarTag';

type Round = RouterOutputs['rating']['round'];
type Row = Round['rows'][number];

const STATUS_OPTIONS = [
  { value: 'self_assessing', label: '待自评' },
  { value: 'self_assessed', label: '已自评' },
  { value: 'reviewed', label: '已审核' },
  { value: 'published', label: '已公布' },
  { value: 'ineligible', label: '不参评' },
];

/**
 * 星级评定 (RATE): a superior's rounds by year; start a year; the results table (search form:
 * status, name) with the levels; the publication step with the caps preview; Excel export.
 */
export default function RatingPage() {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const { params, set } = useUrlParams();
  const setParams = (p: { round: string }) =>
    set({ round: p.round, status: undefined, q: undefined, page: undefined });
  const roundId = params.get('round') ?? undefined;
  const status = params.get('status') ?? undefined;
  const q = params.get('q') ?? undefined;
  const page = Number(params.get('page') ?? 1);
  const [previewOpen, setPreviewOpen] = useState(false);
  const rounds = useQuery(trpc.rating.rounds.queryOptions({}));
  const round = useQuery({
    ...trpc.rating.round.queryOptions({ id: roundId ?? '', status: status as Row['status'] | undefined, q }),
    enabled: !!roundId,
  });
  const preview = useQuery({
    ...trpc.rating.publishPreview.queryOptions({ id: roundId ?? '' }),
    enabled: !!roundId && previewOpen,
    retry: false,
  });
  const start = useMutation(
    trpc.rating.start.mutationOptions({
      onSuccess: (r) => {
        message.success(`已开始${r.year}年度星级评定：参评${r.rated}个`);
        void qc.invalidateQueries({ queryKey: trpc.rating.rounds.queryKey() });
        setParams({ round: r.roundId });
      },
    }),
  );
  const publish = useMutation(
    trpc.rating.publish.mutationOptions({
      onSuccess: (r) => {
        message.success(`已公布，比例调整${r.capped.length}个`);
        setPreviewOpen(false);
        void qc.invalidateQueries({ queryKey: trpc.rating.round.queryKey() });
        void qc.invalidateQueries({ queryKey: trpc.rating.rounds.queryKey() });
      },
    }),
  );
  const refresher = useMutation(
    trpc.rating.refresh.mutationOptions({
      onSuccess: (r) => {
        message.success(
          `已按当前数据刷新${r.refreshed}个组织的计算指标：变化${r.changes.length}项${r.levels.length ? `，等次变化${r.levels.length}个` : ''}（仍按第${r.ruleVersion}版规则）`,
        );
        void qc.invalidateQueries({ queryKey: trpc.rating.pathKey() });
      },
    }),
  );
  const exporter = useMutation(
    trpc.rating.export.mutationOptions({ onSuccess: (f) => downloadBase64(f.fileName, f.base64, XLSX_MIME) }),
  );

  const columns: TableColumnsType<Row> = [
    {
      title: '组织',
      dataIndex: 'orgName',
      render: (v: string, r) => <Link to={`/rating/${r.ratingId}`}>{v}</Link>,
    },
    { title: '上级组织', dataIndex: 'parentName' },
    { title: '状态', dataIndex: 'statusLabel' },
    { title: '自评签字', dataIndex: 'signed', render: (v: boolean) => (v ? '已签字' : '—') },
    { title: '总分', dataIndex: 'totalPoints', render: (v: number | null) => v ?? '—' },
    {
      title: '评定等次',
      dataIndex: 'levelLabel',
      render: (v: string | null, r) => (v ? <Tag color={LEVEL_COLOR[r.level ?? '']}>{v}</Tag> : '—'),
    },
    {
      title: '公布等次',
      dataIndex: 'publishedLevelLabel',
      render: (v: string | null, r) =>
        v ? (
          <Space>
            <Tag color={LEVEL_COLOR[r.publishedLevel ?? '']}>{v}</Tag>
            {r.capped && <Tag color="warning">比例调整</Tag>}
          </Space>
        ) : (
          '—'
        ),
    },
  ];

  return (
    <>
      <PageHeader title="星级评定" subTitle="对标定级：“五个好”评分、上级审核、按比例公布" />
      <Card style={{ marginBottom: 16 }}>
        <Form
          layout="inline"
          onFinish={(v: { orgId: string; year: number }) => start.mutate(v)}
          initialValues={{ year: new Date().getFullYear() }}
        >
          <Form.Item name="orgId" label="上级组织" rules={[{ required: true, message: '请选择组织' }]}>
            <OrgPicker placeholder="团委、团工委或团总支" />
          </Form.Item>
          <Form.Item name="year" label="年度" rules={[{ required: true, message: '请选择年度' }]}>
            <InputNumber min={2000} max={2100} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={start.isPending}>
            开始评定
          </Button>
        </Form>
        {start.error && (
          <Alert type="error" showIcon message={errorText(start.error)} style={{ marginTop: 12 }} />
        )}
      </Card>
      <Card style={{ marginBottom: 16 }}>
        <Space wrap>
          <span>评定轮次</span>
          <Select
            aria-label="评定轮次"
            style={{ minWidth: 320 }}
            placeholder="请选择"
            value={roundId}
            onChange={(v) => setParams({ round: v })}
            options={(rounds.data ?? []).map((r) => ({
              value: r.id,
              label: `${r.year}年度 ${r.orgName}（${r.statusLabel}）`,
            }))}
          />
        </Space>
      </Card>
      {round.error && <Alert type="error" showIcon message={errorText(round.error)} />}
      {round.data && (
        <Card
          title={`${round.data.orgName} ${round.data.year}年度星级评定（${round.data.statusLabel}，规则第${round.data.ruleVersion}版）`}
          extra={
            <Space>
              <Button
                onClick={() =>
                  exporter.mutate({ id: round.data.id, status: status as Row['status'] | undefined, q })
                }
              >
                导出Excel
              </Button>
              {round.data.canPublish && (
                <Popconfirm
                  title="按当前数据重新计算各组织的系统计算指标？"
                  description="评分细则版本不变，自评和审核分保留；已审核的重新得出等次"
                  okText="刷新"
                  cancelText="取消"
                  onConfirm={() => refresher.mutate({ id: round.data.id })}
                >
                  <Button loading={refresher.isPending}>刷新计算指标</Button>
                </Popconfirm>
              )}
              {round.data.canPublish && (
                <Button type="primary" onClick={() => setPreviewOpen(true)}>
                  公布结果
                </Button>
              )}
            </Space>
          }
        >
          {refresher.error && (
            <Alert type="error" showIcon message={errorText(refresher.error)} style={{ marginBottom: 12 }} />
          )}
          <SearchTable<Row, { status?: string; q?: string }>
            formName="rating-search"
            formKey={roundId}
            initialValues={{ status, q }}
            onSearch={(v) => set({ status: v.status, q: v.q?.trim() || undefined, page: undefined })}
            fields={
              <>
                <Col xs={24} sm={12} lg={6}>
                  <Form.Item name="status" label="状态">
                    <Select aria-label="状态" allowClear placeholder="全部" options={STATUS_OPTIONS} />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={12} lg={8}>
                  <Form.Item name="q" label="组织名称">
                    <Input allowClear maxLength={50} placeholder="名称包含" />
                  </Form.Item>
                </Col>
              </>
            }
            columns={columns}
            rowKey="ratingId"
            data={{ items: round.data.rows, total: round.data.rows.length }}
            loading={round.isFetching}
            page={page}
            pageSize={50}
            onPage={(p) => set({ page: String(p) })}
            emptyText="没有符合条件的组织"
          />
        </Card>
      )}
      <Modal
        title="公布评定结果（比例限制预览）"
        open={previewOpen}
        onCancel={() => setPreviewOpen(false)}
        okText="确认公布"
        onOk={() => roundId && publish.mutate({ id: roundId })}
        okButtonProps={{ disabled: !preview.data, loading: publish.isPending }}
        width={760}
      >
        {preview.error && <Alert type="error" showIcon message={errorText(preview.error)} />}
        {publish.error && <Alert type="error" showIcon message={errorText(publish.error)} />}
        {preview.data && (
          <>
            <Typography.Paragraph>
              参评{preview.data.report.count}个：五星最多{preview.data.report.fiveStarMax}个（调整前
              {preview.data.report.fiveStarBefore}个，调整后{preview.data.report.fiveStarAfter}个）；四星最多
              {preview.data.report.fourStarMax}个（调整后{preview.data.report.fourStarAfter}个）。
            </Typography.Paragraph>
            <Table
              rowKey="orgId"
              size="small"
              pagination={false}
              dataSource={preview.data.capped}
              columns={[
                { title: '组织', dataIndex: 'orgName' },
                { title: '总分', dataIndex: 'totalPoints' },
                { title: '评定等次', dataIndex: 'level' },
                { title: '公布等次', dataIndex: 'publishedLevel' },
                { title: '说明', dataIndex: 'reason' },
              ]}
            />
          </>
        )}
      </Modal>
    </>
  );
}
