import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, DatePicker, Form, Input, Select, Space, Table, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { Link, useNavigate } from 'react-router-dom';
import { PageHeader } from '../../components/PageHeader';
import { StatusTag } from '../../components/StatusTag';
import { formatDate } from '../../lib/format';
import { trpc, trpcClient } from '../../lib/trpc';
import { REPORT_COLOR } from '../assessment/shared';

interface SpeakerField {
  tenantId?: string;
  orgId?: string;
  secretaryName?: string;
}

function OrgSelect(props: {
  tenantId?: string;
  index: number;
  onPicked: (secretary: string | null) => void;
  value?: string;
  onChange?: (v: string) => void;
}) {
  const orgs = useQuery({
    ...trpc.hearings.candidates.queryOptions({ tenantId: props.tenantId ?? '' }),
    enabled: !!props.tenantId,
  });
  return (
    <Select
      showSearch
      optionFilterProp="label"
      style={{ width: 300 }}
      placeholder="选择述职组织"
      aria-label={`第${props.index + 1}个述职组织`}
      value={props.value}
      options={(orgs.data ?? []).map((o) => ({ value: o.orgId, label: o.name }))}
      onChange={(v: string) => {
        props.onChange?.(v);
        props.onPicked(orgs.data?.find((o) => o.orgId === v)?.secretaryName ?? null);
      }}
    />
  );
}

/** 团市委: 月度述职 — schedule 5–8 organisations a month, comments, report status and overdue flags. */
export default function HearingsPage() {
  const qc = useQueryClient();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const sessions = useQuery(trpc.hearings.sessions.queryOptions({}));
  const flagged = useQuery(trpc.hearings.flagged.queryOptions());
  const units = useQuery(trpc.assessment.units.queryOptions());
  const schedule = useMutation({
    mutationFn: (v: { heldOn: Dayjs; venue?: string; speakers: SpeakerField[] }) =>
      trpcClient.hearings.schedule.mutate({
        heldOn: v.heldOn.format('YYYY-MM-DD'),
        venue: v.venue,
        speakers: (v.speakers ?? []).map((s) => ({
          tenantId: s.tenantId ?? '',
          orgId: s.orgId ?? '',
          secretaryName: s.secretaryName ?? '',
        })),
      }),
    onSuccess: async (r) => {
      message.success('述职已安排');
      await qc.invalidateQueries({ queryKey: trpc.hearings.pathKey() });
      navigate(`/hearings/${r.id}`);
    },
  });
  return (
    <>
      <PageHeader
        title="月度述职"
        subTitle="每月安排5至8个基层团组织书记述职；整改报告于述职后7日内提交（北京时间）"
      />
      <Card title="逾期提醒" style={{ marginBottom: 16 }}>
        <Table
          rowKey="id"
          size="small"
          dataSource={flagged.data ?? []}
          loading={flagged.isLoading}
          pagination={false}
          locale={{ emptyText: '没有逾期的整改报告或任务' }}
          columns={[
            {
              title: '月份',
              dataIndex: 'month',
              render: (m: string, r) => <Link to={`/hearings/${r.sessionId}`}>{m}</Link>,
            },
            { title: '区县', dataIndex: 'tenantName' },
            { title: '组织', dataIndex: 'orgName' },
            { title: '报告期限', dataIndex: 'reportDueOn', render: (d: string) => formatDate(d) },
            {
              title: '状态',
              render: (_, r) => (
                <Space>
                  <StatusTag value={r.reportStatus} text={r.reportStatusLabel} colors={REPORT_COLOR} />
                  {r.overdueTasks > 0 && <Tag color="red">{r.overdueTasks}项任务逾期</Tag>}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <Card title="述职安排" style={{ marginBottom: 16 }}>
        <Table
          rowKey="id"
          dataSource={sessions.data ?? []}
          loading={sessions.isLoading}
          pagination={false}
          columns={[
            {
              title: '月份',
              dataIndex: 'month',
              render: (m: string, r) => <Link to={`/hearings/${r.id}`}>{m}</Link>,
            },
            { title: '述职日期', dataIndex: 'heldOn', render: (d: string) => formatDate(d) },
            { title: '地点', dataIndex: 'venue' },
            { title: '述职组织', dataIndex: 'speakerCount' },
            { title: '已交整改报告', render: (_, r) => `${r.filedCount} / ${r.speakerCount}` },
            {
              title: '逾期',
              render: (_, r) =>
                r.overdueReports + r.overdueTasks > 0 ? (
                  <Tag color="red">
                    报告逾期{r.overdueReports}，任务逾期{r.overdueTasks}
                  </Tag>
                ) : (
                  '—'
                ),
            },
          ]}
        />
      </Card>
      <Card title="安排本月述职">
        <Form
          form={form}
          layout="vertical"
          onFinish={(v) => schedule.mutate(v)}
          initialValues={{ speakers: [{}, {}, {}, {}, {}] }}
        >
          <Space>
            <Form.Item name="heldOn" label="述职日期" rules={[{ required: true, message: '请选择述职日期' }]}>
              <DatePicker aria-label="述职日期" />
            </Form.Item>
            <Form.Item name="venue" label="地点">
              <Input style={{ width: 240 }} maxLength={60} />
            </Form.Item>
          </Space>
          <Form.List name="speakers">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f, i) => (
                  <Space key={f.key} align="baseline" data-testid={`speaker-${i}`}>
                    <Form.Item
                      name={[f.name, 'tenantId']}
                      rules={[{ required: true, message: '请选择区县' }]}
                    >
                      <Select
                        showSearch
                        optionFilterProp="label"
                        style={{ width: 160 }}
                        placeholder="区县"
                        aria-label={`第${i + 1}个述职区县`}
                        options={(units.data ?? []).map((u) => ({ value: u.tenantId, label: u.name }))}
                        onChange={() => form.setFieldValue(['speakers', f.name, 'orgId'], undefined)}
                      />
                    </Form.Item>
                    <Form.Item noStyle shouldUpdate>
                      {() => (
                        <Form.Item
                          name={[f.name, 'orgId']}
                          rules={[{ required: true, message: '请选择组织' }]}
                        >
                          <OrgSelect
                            index={i}
                            tenantId={form.getFieldValue(['speakers', f.name, 'tenantId'])}
                            onPicked={(s) =>
                              form.setFieldValue(['speakers', f.name, 'secretaryName'], s ?? '')
                            }
                          />
                        </Form.Item>
                      )}
                    </Form.Item>
                    <Form.Item
                      name={[f.name, 'secretaryName']}
                      rules={[{ required: true, message: '请填写书记姓名' }]}
                    >
                      <Input
                        placeholder="述职书记"
                        aria-label={`第${i + 1}个述职书记`}
                        style={{ width: 140 }}
                      />
                    </Form.Item>
                    <MinusCircleOutlined onClick={() => remove(f.name)} aria-label="删除" />
                  </Space>
                ))}
                <Form.Item>
                  <Button onClick={() => add({})} icon={<PlusOutlined />} disabled={fields.length >= 8}>
                    增加述职组织
                  </Button>
                </Form.Item>
              </>
            )}
          </Form.List>
          <Button type="primary" htmlType="submit" loading={schedule.isPending}>
            确定安排
          </Button>
        </Form>
      </Card>
    </>
  );
}
