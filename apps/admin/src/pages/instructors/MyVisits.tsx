import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { checklistItems } from '@tuanjian/domain';
import { App, Button, Card, DatePicker, Form, Input, Modal, Select, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { PageHeader } from '../../components/PageHeader';
import type { RouterOutputs } from '../../lib/api-types';
import { trpc, trpcClient } from '../../lib/trpc';

type Assignment = RouterOutputs['instructors']['mine']['assignments'][number];
type Visit = RouterOutputs['instructors']['myVisits'][number];

/** 基层团建指导员: my branches and visits; a visit's grades and findings go to the branch's health check as 上级点. */
export default function MyVisitsPage() {
  const year = dayjs().year();
  const mine = useQuery(trpc.instructors.mine.queryOptions());
  const visits = useQuery(trpc.instructors.myVisits.queryOptions({ year }));
  const [target, setTarget] = useState<Assignment | null>(null);
  return (
    <>
      <PageHeader
        title="我的走访"
        subTitle="走访所联系的团支部，记录发现的问题和体检评价；评价作为“上级点”计入该团支部本年度体检"
      />
      <Card title="我联系的团支部" style={{ marginBottom: 16 }}>
        <Table<Assignment>
          rowKey="id"
          size="small"
          pagination={false}
          loading={mine.isFetching}
          dataSource={mine.data?.assignments.filter((a) => a.current)}
          locale={{ emptyText: '团市委尚未给您分配团支部' }}
          columns={[
            { title: '区县', dataIndex: 'tenantName', width: 120 },
            { title: '团支部', dataIndex: 'orgName' },
            { title: '联系开始', dataIndex: 'startsOn', width: 110 },
            {
              title: '本年走访 / 应走访',
              key: 'v',
              width: 140,
              render: (_, r) => (
                <Tag color={r.visitsThisYear >= r.visitsExpected ? 'green' : 'orange'}>
                  {r.visitsThisYear} / {r.visitsExpected}
                </Tag>
              ),
            },
            {
              title: '',
              key: 'x',
              width: 100,
              render: (_, r) => (
                <Button type="primary" size="small" onClick={() => setTarget(r)}>
                  记录走访
                </Button>
              ),
            },
          ]}
        />
      </Card>
      <Card title={`${year}年走访记录`}>
        <Table<Visit>
          rowKey="id"
          size="small"
          loading={visits.isFetching}
          dataSource={visits.data}
          locale={{ emptyText: '暂无走访记录' }}
          columns={[
            { title: '日期', dataIndex: 'visitedOn', width: 110 },
            { title: '区县', dataIndex: 'tenantName', width: 110 },
            { title: '团支部', dataIndex: 'orgName', ellipsis: true },
            { title: '走访发现', dataIndex: 'findings', ellipsis: true },
            {
              title: '体检',
              dataIndex: 'statusLabel',
              width: 190,
              render: (l: string, r) => <Tag color={r.status === 'applied' ? 'green' : 'orange'}>{l}</Tag>,
            },
          ]}
        />
      </Card>
      {target ? <VisitModal assignment={target} onClose={() => setTarget(null)} /> : null}
    </>
  );
}

function VisitModal(props: { assignment: Assignment; onClose: () => void }) {
  const [form] = Form.useForm();
  const visitedOn: Dayjs | undefined = Form.useWatch('visitedOn', form);
  const year = (visitedOn ?? dayjs()).year();
  const cl = useQuery(trpc.instructors.checklist.queryOptions({ assignmentId: props.assignment.id, year }));
  const qc = useQueryClient();
  const { message } = App.useApp();
  const save = useMutation({
    mutationFn: (v: { visitedOn: Dayjs; findings: string; grades?: Record<string, string | undefined> }) =>
      trpcClient.instructors.recordVisit.mutate({
        assignmentId: props.assignment.id,
        visitedOn: v.visitedOn.format('YYYY-MM-DD'),
        findings: v.findings,
        grades: Object.fromEntries(
          Object.entries(v.grades ?? {}).filter((e): e is [string, string] => typeof e[1] === 'string'),
        ),
      }),
    onSuccess: async (r) => {
      message.success(
        r.status === 'applied' ? '已记录，已计入该团支部体检' : '已记录，待本年度体检开启后计入',
      );
      await qc.invalidateQueries({ queryKey: trpc.instructors.pathKey() });
      props.onClose();
    },
  });
  const items = cl.data ? checklistItems(cl.data.checklist) : [];
  const grades = cl.data?.checklist.grades ?? [];
  return (
    <Modal
      title={`记录走访：${props.assignment.orgName}`}
      open
      onCancel={props.onClose}
      onOk={() => form.submit()}
      okText="保存"
      confirmLoading={save.isPending}
      width={720}
    >
      <Form
        form={form}
        layout="vertical"
        name="instructor-visit"
        initialValues={{ visitedOn: dayjs() }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item label="走访日期" name="visitedOn" rules={[{ required: true, message: '请选择走访日期' }]}>
          <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item
          label="走访发现的问题和意见"
          name="findings"
          rules={[{ required: true, whitespace: true, message: '请填写走访发现的问题和意见' }]}
        >
          <Input.TextArea rows={4} maxLength={2000} showCount />
        </Form.Item>
        <Typography.Paragraph type="secondary">
          体检评价（至少评价一项，作为“上级点”计入体检；未评价的项目不计分）
        </Typography.Paragraph>
        {items.map((i) => (
          <Form.Item key={i.key} label={i.label} name={['grades', i.key]} style={{ marginBottom: 8 }}>
            <Select
              allowClear
              placeholder="不评价"
              style={{ width: 200 }}
              options={grades.map((g) => ({ value: g.key, label: g.label }))}
            />
          </Form.Item>
        ))}
      </Form>
    </Modal>
  );
}
