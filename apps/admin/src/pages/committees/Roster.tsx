import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, DatePicker, Form, Input, Modal, Radio, Select, Space, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { PageHeader } from '../../components/PageHeader';
import { useMe } from '../../lib/auth';
import { trpc } from '../../lib/trpc';
import { errorText } from '../dues/shared';
import { CHANGE_STATUS, POSITION, today } from './labels';

/** 委员名单 (COM-1): 主任、委员、候补委员; 卸职递补 proposals and the plenary's 确认案. */
export default function CommitteeRosterPage() {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const me = useMe();
  const isChair = me.role === 'committee_chair';
  const roster = useQuery(trpc.committees.roster.queryOptions());
  const [dialog, setDialog] = useState<'add' | 'propose' | { decide: string } | null>(null);
  const [form] = Form.useForm();
  const opts = (text: string) => ({
    onSuccess: () => {
      message.success(text);
      setDialog(null);
      form.resetFields();
      qc.invalidateQueries(trpc.committees.roster.pathFilter());
    },
    onError: (e: unknown) => message.error(errorText(e)),
  });
  const add = useMutation(trpc.committees.addRosterMember.mutationOptions(opts('已增补')));
  const propose = useMutation(
    trpc.committees.proposeChange.mutationOptions(opts('卸职递补提议已记录，待全委会确认')),
  );
  const decide = useMutation(trpc.committees.decideChange.mutationOptions(opts('确认案已记录')));
  const members = roster.data?.members ?? [];
  const serving = members.filter((m) => m.status === 'serving');
  const day = (d: unknown) => (d as dayjs.Dayjs).format('YYYY-MM-DD');
  const submit = (v: Record<string, unknown>) => {
    if (dialog === 'add')
      add.mutate({
        name: v.name as string,
        position: v.position as 'member',
        unitName: (v.unitName as string) || undefined,
        startDate: day(v.date),
      });
    else if (dialog === 'propose')
      propose.mutate({
        leavingId: v.leavingId as string,
        successorId: (v.successorId as string) || null,
        reason: v.reason as string,
        proposedOn: day(v.date),
      });
    else if (dialog && typeof dialog === 'object')
      decide.mutate({
        id: dialog.decide,
        decision: v.decision as 'confirmed',
        decidedOn: day(v.date),
        meeting: v.meeting as string,
        resolutionNo: (v.resolutionNo as string) || undefined,
      });
  };
  return (
    <>
      <PageHeader
        title="委员名单"
        subTitle="委员、候补委员及卸职递补（须经全委会确认）"
        extra={
          isChair ? (
            <Space>
              <Button onClick={() => setDialog('add')}>增补委员</Button>
              <Button type="primary" onClick={() => setDialog('propose')}>
                卸职递补
              </Button>
            </Space>
          ) : null
        }
      />
      <Table
        rowKey="id"
        loading={roster.isLoading}
        dataSource={members}
        pagination={false}
        columns={[
          { title: '姓名', dataIndex: 'name' },
          { title: '职务', dataIndex: 'position', render: (p) => POSITION[p] },
          { title: '工作单位', dataIndex: 'unitName' },
          { title: '任职起', dataIndex: 'startDate' },
          { title: '递补为委员', dataIndex: 'promotedOn', render: (d) => d ?? '—' },
          {
            title: '状态',
            render: (_, m) =>
              m.status === 'serving' ? <Tag color="green">在任</Tag> : <Tag>已卸职（{m.endDate}）</Tag>,
          },
        ]}
      />
      <Card title="卸职递补记录" size="small" style={{ marginTop: 16 }}>
        <Table
          rowKey="id"
          size="small"
          dataSource={roster.data?.changes ?? []}
          pagination={false}
          columns={[
            { title: '卸职', dataIndex: 'leavingName' },
            { title: '递补（候补委员）', dataIndex: 'successorName', render: (n) => n ?? '不递补' },
            { title: '原因', dataIndex: 'reason' },
            { title: '提议日期', dataIndex: 'proposedOn' },
            {
              title: '状态',
              dataIndex: 'status',
              render: (s) => (
                <Tag color={s === 'proposed' ? 'orange' : s === 'confirmed' ? 'green' : 'default'}>
                  {CHANGE_STATUS[s]}
                </Tag>
              ),
            },
            {
              title: '确认案',
              render: (_, c) =>
                c.status === 'proposed' ? (
                  isChair ? (
                    <Button size="small" onClick={() => setDialog({ decide: c.id })}>
                      记录全委会确认
                    </Button>
                  ) : (
                    '—'
                  )
                ) : (
                  `${c.meeting}（${c.decidedOn}）${c.resolutionNo ?? ''}`
                ),
            },
          ]}
        />
      </Card>
      <Modal
        title={dialog === 'add' ? '增补委员' : dialog === 'propose' ? '卸职递补提议' : '全委会确认案'}
        open={dialog !== null}
        onCancel={() => setDialog(null)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          onFinish={submit}
          initialValues={{ date: dayjs(today()), position: 'member', decision: 'confirmed' }}
        >
          {dialog === 'add' ? (
            <>
              <Form.Item name="name" label="姓名" rules={[{ required: true, message: '请填写姓名' }]}>
                <Input maxLength={20} />
              </Form.Item>
              <Form.Item name="position" label="职务">
                <Radio.Group
                  options={[
                    { value: 'member', label: '委员' },
                    { value: 'alternate', label: '候补委员' },
                  ]}
                />
              </Form.Item>
              <Form.Item name="unitName" label="工作单位">
                <Input maxLength={60} />
              </Form.Item>
            </>
          ) : null}
          {dialog === 'propose' ? (
            <>
              <Form.Item
                name="leavingId"
                label="卸职委员"
                rules={[{ required: true, message: '请选择卸职委员' }]}
              >
                <Select
                  options={serving
                    .filter((m) => m.position !== 'alternate')
                    .map((m) => ({ value: m.id, label: `${m.name}（${POSITION[m.position]}）` }))}
                />
              </Form.Item>
              <Form.Item name="successorId" label="递补的候补委员">
                <Select
                  allowClear
                  options={serving
                    .filter((m) => m.position === 'alternate')
                    .map((m) => ({ value: m.id, label: m.name }))}
                />
              </Form.Item>
              <Form.Item
                name="reason"
                label="卸职原因"
                rules={[{ required: true, message: '请填写卸职原因' }]}
              >
                <Input maxLength={200} />
              </Form.Item>
            </>
          ) : null}
          {dialog && typeof dialog === 'object' ? (
            <>
              <Form.Item name="decision" label="决定">
                <Radio.Group
                  options={[
                    { value: 'confirmed', label: '确认' },
                    { value: 'rejected', label: '不予确认' },
                  ]}
                />
              </Form.Item>
              <Form.Item
                name="meeting"
                label="全委会会议"
                rules={[{ required: true, message: '请填写确认的全委会会议' }]}
              >
                <Input maxLength={100} placeholder="如：共青团兰州市第十五届委员会第三次全体会议" />
              </Form.Item>
              <Form.Item name="resolutionNo" label="确认案编号">
                <Input maxLength={40} />
              </Form.Item>
            </>
          ) : null}
          {dialog ? (
            <Form.Item
              name="date"
              label={dialog === 'add' ? '任职日期' : dialog === 'propose' ? '提议日期' : '确认日期'}
              rules={[{ required: true, message: '请选择日期' }]}
            >
              <DatePicker />
            </Form.Item>
          ) : null}
        </Form>
      </Modal>
    </>
  );
}
