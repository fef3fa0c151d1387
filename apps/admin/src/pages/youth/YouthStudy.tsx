/**
 * 青年大学习 (issue 10): import the completion list exported by the provincial platform, see who
 * has not completed a week's session (Asia/Shanghai weeks) per 团支部, the sessions of the year and
 * the imports with their row errors.
 */
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { formatPermille, studyWeekOf, studyWeekStart } from '@tuanjian/domain';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Form,
  Row,
  Space,
  Statistic,
  Table,
  Tabs,
  Tag,
  Typography,
  Upload,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { PageHeader } from '../../components/PageHeader';
import type { RouterOutputs } from '../../lib/api-types';
import { describeError } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { trpc } from '../../lib/trpc';
import { downloadBase64, fileToBase64 } from '../archive/shared';
import { OrgPicker } from '../dues/shared';

type ImportResult = RouterOutputs['youthStudy']['import'];
type WeekMember = RouterOutputs['youthStudy']['week']['notCompleted'][number];
type Branch = RouterOutputs['youthStudy']['week']['branches'][number];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export default function YouthStudyPage() {
  const [params, setParams] = useSearchParams();
  const weekStart = params.get('week') ?? studyWeekOf(new Date());
  const orgId = params.get('orgId') ?? undefined;
  const tab = params.get('tab') ?? 'week';
  const set = (next: Record<string, string | undefined>) => {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) {
      if (v) p.set(k, v);
      else p.delete(k);
    }
    setParams(p, { replace: true });
  };
  return (
    <>
      <PageHeader title="青年大学习" />
      <Tabs
        activeKey={tab}
        onChange={(k) => set({ tab: k === 'week' ? undefined : k })}
        items={[
          {
            key: 'week',
            label: '每周完成情况',
            children: <WeekTab weekStart={weekStart} orgId={orgId} set={set} />,
          },
          { key: 'import', label: '导入完成名单', children: <ImportTab /> },
          { key: 'sessions', label: '各期统计', children: <SessionsTab orgId={orgId} /> },
        ]}
      />
    </>
  );
}

function WeekTab(props: {
  weekStart: string;
  orgId?: string;
  set(next: Record<string, string | undefined>): void;
}) {
  const week = useQuery(
    trpc.youthStudy.week.queryOptions(
      { weekStart: props.weekStart, orgId: props.orgId },
      { placeholderData: keepPreviousData },
    ),
  );
  const w = week.data;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Form layout="inline">
        <Form.Item label="学习周">
          <DatePicker
            picker="week"
            allowClear={false}
            value={dayjs(props.weekStart)}
            format={(d) => `${studyWeekStart(d.format('YYYY-MM-DD'))} 起的一周`}
            onChange={(d) => props.set({ week: d ? studyWeekStart(d.format('YYYY-MM-DD')) : undefined })}
          />
        </Form.Item>
        <Form.Item label="组织" style={{ minWidth: 280 }}>
          <OrgPicker
            value={props.orgId}
            onChange={(v) => props.set({ orgId: v })}
            placeholder="本人管理的全部组织"
          />
        </Form.Item>
      </Form>
      {week.error && <Alert type="error" showIcon message={describeError(week.error).message} />}
      {w && (
        <>
          <Typography.Title level={5} style={{ margin: 0 }}>
            {w.scopeName} · {w.label}
            {w.sessionLabel ? `（${w.sessionLabel}）` : ''} {w.isCurrentWeek && <Tag color="blue">本周</Tag>}
          </Typography.Title>
          {!w.imported && (
            <Alert
              type="warning"
              showIcon
              message="本周尚未导入完成名单：下列人员以“未完成”显示，导入省级平台名单后即更新"
            />
          )}
          <Row gutter={16}>
            <Col span={6}>
              <Card size="small">
                <Statistic title="应学人数" value={w.total} />
              </Card>
            </Col>
            <Col span={6}>
              <Card size="small">
                <Statistic title="已完成" value={w.completed} />
              </Card>
            </Col>
            <Col span={6}>
              <Card size="small">
                <Statistic title="未完成" value={w.notCompleted.length} valueStyle={{ color: '#cf1322' }} />
              </Card>
            </Col>
            <Col span={6}>
              <Card size="small">
                <Statistic title="完成率" value={formatPermille(w.permille)} />
              </Card>
            </Col>
          </Row>
          <Card size="small" title={`未完成名单（${w.notCompleted.length}人）`}>
            <Table<WeekMember>
              rowKey="memberId"
              size="small"
              dataSource={w.notCompleted}
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              columns={[
                { title: '姓名', dataIndex: 'name' },
                { title: '团员编号', dataIndex: 'memberNumber', render: (v: string | null) => v ?? '—' },
                {
                  title: '所在团支部',
                  dataIndex: 'orgName',
                  render: (v: string, r) => (
                    <>
                      {v} {r.mobile && <Tag color="purple">流动团员</Tag>}
                    </>
                  ),
                },
              ]}
            />
          </Card>
          <Card size="small" title="各团支部完成情况">
            <Table<Branch>
              rowKey="orgId"
              size="small"
              dataSource={w.branches}
              pagination={false}
              columns={[
                { title: '团支部', dataIndex: 'orgName' },
                { title: '应学', dataIndex: 'total' },
                { title: '已完成', dataIndex: 'completed' },
                { title: '完成率', dataIndex: 'permille', render: (v: number | null) => formatPermille(v) },
              ]}
            />
          </Card>
          <Typography.Text type="secondary">
            学习周按北京时间自周一至周日计算（规则版本 {w.rule.version}，依据：{w.rule.source}）
          </Typography.Text>
        </>
      )}
    </Space>
  );
}

function ImportTab() {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [weekStart, setWeekStart] = useState<string | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const imports = useQuery(trpc.youthStudy.imports.queryOptions());
  const template = useMutation({
    mutationFn: () => qc.fetchQuery(trpc.youthStudy.template.queryOptions()),
    onSuccess: (f) => downloadBase64(f.fileName, f.base64, XLSX),
  });
  const upload = useMutation(trpc.youthStudy.import.mutationOptions({ meta: { silent: true } }));
  const run = async (file: File) => {
    setError(null);
    setResult(null);
    setBusy(true);
    try {
      const contentBase64 = await fileToBase64(file);
      const r = await upload.mutateAsync({ fileName: file.name, contentBase64, weekStart });
      setResult(r);
      void message.success(
        `导入完成：新记录 ${r.recordedRows} 条，已有 ${r.alreadyRows} 条，错误 ${r.errorRows} 行`,
      );
      await qc.invalidateQueries({ queryKey: trpc.youthStudy.pathKey() });
    } catch (e) {
      setError(describeError(e).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Alert
        type="info"
        showIcon
        message="导入省级平台导出的“青年大学习”完成名单（.xlsx）"
        description="可识别的列：姓名、团员编号、手机号或身份证号后四位、所在团支部、学习期次、学习日期（表头名称不必完全一致）。优先按团员编号识别，其次按姓名+所在团支部。学习日期所在的学习周（周一至周日）即为该期；也可在下方选择学习周，整份名单计入该周。手机号、身份证号仅用于核对，不会保存。"
      />
      <Space wrap>
        <span>计入学习周：</span>
        <DatePicker
          picker="week"
          placeholder="按名单中的学习日期"
          value={weekStart ? dayjs(weekStart) : null}
          format={(d) => `${studyWeekStart(d.format('YYYY-MM-DD'))} 起的一周`}
          onChange={(d) => setWeekStart(d ? studyWeekStart(d.format('YYYY-MM-DD')) : null)}
        />
        <Upload
          accept=".xlsx"
          showUploadList={false}
          disabled={busy}
          beforeUpload={(file) => {
            void run(file);
            return false;
          }}
        >
          <Button type="primary" icon={<UploadOutlined aria-hidden />} loading={busy}>
            选择文件并导入
          </Button>
        </Upload>
        <Button
          icon={<DownloadOutlined aria-hidden />}
          onClick={() => template.mutate()}
          loading={template.isPending}
        >
          下载名单模板
        </Button>
      </Space>
      {error && <Alert type="error" showIcon message="导入失败" description={error} />}
      {result && (
        <Card size="small" title={`导入结果：${result.fileName}`} data-testid="youth-import-result">
          <Space wrap>
            <Tag>共 {result.totalRows} 行</Tag>
            <Tag color="success">新记录 {result.recordedRows} 条</Tag>
            <Tag>已有记录 {result.alreadyRows} 条</Tag>
            <Tag color={result.errorRows ? 'error' : 'default'}>错误 {result.errorRows} 行</Tag>
            {result.weeks.length > 0 && <span>学习周：{result.weeks.join('、')}</span>}
          </Space>
          {result.errors.length > 0 && (
            <Table
              style={{ marginTop: 12 }}
              rowKey="row"
              size="small"
              dataSource={result.errors}
              pagination={{ pageSize: 10, hideOnSinglePage: true }}
              columns={[
                { title: '行号', dataIndex: 'row', width: 80 },
                { title: '错误说明', dataIndex: 'message' },
              ]}
            />
          )}
        </Card>
      )}
      <Card size="small" title="导入记录">
        <Table
          rowKey="id"
          size="small"
          loading={imports.isLoading}
          dataSource={imports.data ?? []}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          columns={[
            { title: '文件', dataIndex: 'fileName' },
            { title: '学习周', dataIndex: 'weeks', render: (v: string[]) => v.join('、') || '—' },
            { title: '行数', dataIndex: 'totalRows' },
            { title: '新记录', dataIndex: 'recordedRows' },
            { title: '已有', dataIndex: 'alreadyRows' },
            { title: '错误', dataIndex: 'errorRows' },
            { title: '导入人', dataIndex: 'createdByName' },
            { title: '时间', dataIndex: 'createdAt', render: (v: Date) => formatDateTime(v) },
          ]}
        />
      </Card>
    </Space>
  );
}

function SessionsTab(props: { orgId?: string }) {
  const [year, setYear] = useState(Number(studyWeekOf(new Date()).slice(0, 4)));
  const sessions = useQuery(trpc.youthStudy.sessions.queryOptions({ year, orgId: props.orgId }));
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <DatePicker
        picker="year"
        allowClear={false}
        value={dayjs(`${year}-01-01`)}
        onChange={(d) => d && setYear(d.year())}
      />
      <Table
        rowKey="weekStart"
        size="small"
        loading={sessions.isLoading}
        dataSource={sessions.data ?? []}
        pagination={false}
        columns={[
          { title: '学习周', dataIndex: 'label' },
          { title: '期次', dataIndex: 'sessionLabel', render: (v: string | null) => v ?? '—' },
          { title: '应学', dataIndex: 'total' },
          { title: '已完成', dataIndex: 'completed' },
          { title: '完成率', dataIndex: 'permille', render: (v: number | null) => formatPermille(v) },
        ]}
      />
    </Space>
  );
}
