/**
 * 流动团员 (MEM-8) on the member page: the member's open placement (actual place, responsible
 * branch, since when), placing a member away with a responsible branch and ending it; ended
 * placements below. Dues, 青年大学习 and theme-day check-ins follow the responsible branch.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { todayInShanghai } from '@tuanjian/domain';
import {
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Form,
  Input,
  Modal,
  Popconfirm,
  Radio,
  Select,
  Table,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import type { MemberDetail, RouterOutputs } from '../../lib/api-types';
import { useMe } from '../../lib/auth';
import { describeError } from '../../lib/errors';
import { formatDate } from '../../lib/format';
import { trpc } from '../../lib/trpc';

type Placement = RouterOutputs['youthStudy']['mobileList'][number];

export const MOBILE_KIND_OPTIONS = [
  { value: 'work', label: '外出务工' },
  { value: 'study', label: '外出求学' },
  { value: 'other', label: '其他' },
] as const;

interface PlaceValues {
  responsibleOrgId: string;
  kind: 'work' | 'study' | 'other';
  place: string;
  unitName?: string;
  startedOn?: Dayjs;
  note?: string;
}

/** 团支部 of the acting district (any, not only the user's scope): the responsible branch may be elsewhere. */
function BranchSelect(props: { value?: string; onChange?(v: string): void; id?: string }) {
  const { activeGrant } = useMe();
  const [q, setQ] = useState('');
  const tenantId = activeGrant?.tenant.id ?? '';
  const orgs = useQuery(
    trpc.transfers.targetOrgs.queryOptions({ tenantId, q: q || undefined }, { enabled: !!tenantId }),
  );
  return (
    <Select
      id={props.id}
      value={props.value}
      onChange={props.onChange}
      showSearch={{ filterOption: false, onSearch: setQ }}
      placeholder="输入名称查找团支部"
      loading={orgs.isFetching}
      options={(orgs.data ?? [])
        .filter((o) => o.kind === 'branch')
        .map((o) => ({ value: o.id, label: o.parentName ? `${o.name}（${o.parentName}）` : o.name }))}
    />
  );
}

export function MemberMobile(props: { m: MemberDetail }) {
  const { m } = props;
  const { role } = useMe();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<PlaceValues>();
  const manager = role === 'org_secretary' || role === 'district_admin';
  const list = useQuery(
    trpc.youthStudy.mobileList.queryOptions({ all: true }, { enabled: manager, meta: { silent: true } }),
  );
  const place = useMutation(trpc.youthStudy.mobilePlace.mutationOptions());
  const end = useMutation(trpc.youthStudy.mobileEnd.mutationOptions());
  if (!manager || list.error) return null;
  const mine = (list.data ?? []).filter((p) => p.memberId === m.id);
  const current = mine.find((p) => !p.endedOn);
  const past = mine.filter((p) => p.endedOn);
  const refresh = () => qc.invalidateQueries({ queryKey: trpc.youthStudy.pathKey() });
  const submit = async (v: PlaceValues) => {
    try {
      await place.mutateAsync({
        memberId: m.id,
        responsibleOrgId: v.responsibleOrgId,
        kind: v.kind,
        place: v.place,
        unitName: v.unitName || null,
        startedOn: v.startedOn ? v.startedOn.format('YYYY-MM-DD') : undefined,
        note: v.note || null,
      });
      message.success('已登记为流动团员，团费和组织生活由负责团支部管理');
      setOpen(false);
      form.resetFields();
      await refresh();
    } catch (e) {
      message.error(describeError(e).message);
    }
  };
  const finish = async (p: Placement) => {
    try {
      await end.mutateAsync({ id: p.id });
      message.success('流动登记已结束，团员回原团支部管理');
      await refresh();
    } catch (e) {
      message.error(describeError(e).message);
    }
  };
  return (
    <Card
      title="流动团员"
      size="small"
      style={{ marginTop: 16 }}
      data-testid="member-mobile"
      loading={list.isPending}
      extra={
        current ? (
          <Popconfirm title="结束流动登记？结束后团员回原团支部管理。" onConfirm={() => finish(current)}>
            <Button danger loading={end.isPending}>
              结束流动
            </Button>
          </Popconfirm>
        ) : (
          <Button onClick={() => setOpen(true)}>登记外出流动</Button>
        )
      }
    >
      {current ? (
        <Descriptions column={{ xs: 1, md: 2 }} bordered size="small">
          <Descriptions.Item label="实际所在地">{current.place}</Descriptions.Item>
          <Descriptions.Item label="负责团支部">{current.responsibleOrgName}</Descriptions.Item>
          <Descriptions.Item label="流动类型">{current.kindLabel}</Descriptions.Item>
          <Descriptions.Item label="所在单位">{current.unitName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="流出日期">{formatDate(current.startedOn)}</Descriptions.Item>
          <Descriptions.Item label="原团支部">{current.homeOrgName}</Descriptions.Item>
        </Descriptions>
      ) : (
        <span>未登记外出流动，由{m.orgName}管理。</span>
      )}
      {past.length ? (
        <Table<Placement>
          style={{ marginTop: 12 }}
          rowKey="id"
          size="small"
          dataSource={past}
          pagination={false}
          columns={[
            { title: '实际所在地', dataIndex: 'place' },
            { title: '负责团支部', dataIndex: 'responsibleOrgName' },
            { title: '流出日期', dataIndex: 'startedOn', render: (d: string) => formatDate(d) },
            { title: '结束日期', dataIndex: 'endedOn', render: (d: string) => formatDate(d) },
          ]}
        />
      ) : null}
      <Modal
        title={`登记外出流动 · ${m.name}`}
        open={open}
        okText="登记"
        confirmLoading={place.isPending}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Form<PlaceValues>
          form={form}
          layout="vertical"
          initialValues={{ kind: 'work', startedOn: dayjs(todayInShanghai()) }}
          onFinish={submit}
        >
          <Form.Item
            name="responsibleOrgId"
            label="负责团支部"
            extra="流入地的团支部或流动团员团支部；团费、组织生活由其负责"
            rules={[{ required: true, message: '请选择负责团支部' }]}
          >
            <BranchSelect />
          </Form.Item>
          <Form.Item name="kind" label="流动类型" rules={[{ required: true, message: '请选择流动类型' }]}>
            <Radio.Group options={MOBILE_KIND_OPTIONS.map((o) => ({ ...o }))} />
          </Form.Item>
          <Form.Item
            name="place"
            label="实际所在地"
            rules={[{ required: true, whitespace: true, message: '请填写实际所在地' }]}
          >
            <Input maxLength={100} placeholder="如：广东省深圳市南山区" />
          </Form.Item>
          <Form.Item name="unitName" label="所在单位或学校">
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="startedOn" label="流出日期">
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="note" label="备注">
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
