/**
 * 团员档案 (MEM-1): the member detail page — archive with masked personal information, an audited
 * 查看完整信息 (asks for a reason), the completeness checklist, the edit form, and 核查 records.
 */
import { CheckCircleTwoTone, CloseCircleTwoTone, EditOutlined, EyeOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  archiveCheckResultLabel,
  GENDERS,
  genderLabel,
  type PiiField,
  piiFieldLabel,
} from '@tuanjian/domain';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Form,
  Input,
  Modal,
  Progress,
  Radio,
  Row,
  Select,
  Skeleton,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { PageHeader } from '../../components/PageHeader';
import type { MemberDetail } from '../../lib/api-types';
import { describeError } from '../../lib/errors';
import { formatDate, formatDateTime, labelOf } from '../../lib/format';
import { MEMBER_STATUS_COLOR, memberStatusLabel } from '../../lib/labels';
import { trpc } from '../../lib/trpc';
import { MemberCorrections } from './MemberCorrections';
import { MemberMobile } from './MemberMobile';

function RevealButton(props: { memberId: string; field: PiiField; disabled?: boolean }) {
  const [open, setOpen] = useState(false);
  const [value, setValue] = useState<string | null | undefined>(undefined);
  const [form] = Form.useForm<{ reason: string }>();
  const reveal = useMutation(trpc.members.revealPii.mutationOptions());
  const qc = useQueryClient();
  const label = piiFieldLabel[props.field];
  return (
    <>
      <Button
        size="small"
        type="link"
        icon={<EyeOutlined aria-hidden />}
        disabled={props.disabled}
        onClick={() => {
          setValue(undefined);
          form.resetFields();
          setOpen(true);
        }}
        data-testid={`reveal-${props.field}`}
      >
        查看完整信息
      </Button>
      <Modal
        open={open}
        title={`查看完整${label}`}
        onCancel={() => setOpen(false)}
        okText={value === undefined ? '查看' : '关闭'}
        cancelButtonProps={{ style: value === undefined ? undefined : { display: 'none' } }}
        confirmLoading={reveal.isPending}
        onOk={async () => {
          if (value !== undefined) return setOpen(false);
          const v = await form.validateFields();
          const res = await reveal.mutateAsync({ id: props.memberId, field: props.field, reason: v.reason });
          setValue(res.value);
          await qc.invalidateQueries({ queryKey: trpc.archive.revealLog.queryKey() });
        }}
        destroyOnHidden
      >
        {value === undefined ? (
          <Form form={form} layout="vertical" name={`reveal-${props.field}`}>
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 12 }}
              title="个人信息受保护：查看完整信息将记录查看人、时间和原因。"
            />
            <Form.Item
              label="查看原因"
              name="reason"
              rules={[
                { required: true, message: '请填写查看原因' },
                { min: 2, message: '请填写查看原因（至少2个字）' },
              ]}
            >
              <Input.TextArea rows={2} maxLength={200} placeholder="例如：核对入团材料" />
            </Form.Item>
          </Form>
        ) : (
          <Descriptions column={1} bordered size="small">
            <Descriptions.Item label={label}>
              <Typography.Text copyable strong data-testid="revealed-value">
                {value ?? '未登记'}
              </Typography.Text>
            </Descriptions.Item>
          </Descriptions>
        )}
      </Modal>
    </>
  );
}

interface EditValues {
  name: string;
  gender: string;
  ethnicity?: string;
  birthDate: dayjs.Dayjs;
  joinDate?: dayjs.Dayjs | null;
  memberNumber?: string;
  education?: string;
  occupationCategory?: string;
  idCard?: string;
  phone?: string;
}

function EditArchive(props: { m: MemberDetail; open: boolean; onClose(): void }) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<EditValues>();
  const update = useMutation(trpc.archive.update.mutationOptions());
  const { m } = props;
  return (
    <Modal
      open={props.open}
      title={`编辑档案 · ${m.name}`}
      onCancel={props.onClose}
      okText="保存"
      confirmLoading={update.isPending}
      width={640}
      destroyOnHidden
      onOk={async () => {
        const v = await form.validateFields();
        const res = await update.mutateAsync({
          id: m.id,
          name: v.name,
          gender: v.gender as (typeof GENDERS)[number],
          ethnicity: v.ethnicity ?? null,
          birthDate: v.birthDate.format('YYYY-MM-DD'),
          joinDate: v.joinDate ? v.joinDate.format('YYYY-MM-DD') : null,
          memberNumber: v.memberNumber || null,
          education: v.education ?? null,
          occupationCategory: v.occupationCategory ?? null,
          // Personal numbers: only sent when typed (blank keeps what is on file).
          ...(v.idCard ? { idCard: v.idCard } : {}),
          ...(v.phone ? { phone: v.phone } : {}),
        });
        message.success(res.changed.length ? '档案已保存（已记录修改）' : '没有需要保存的修改');
        await qc.invalidateQueries();
        props.onClose();
      }}
    >
      <Form
        form={form}
        layout="vertical"
        name="archive-edit"
        initialValues={{
          name: m.name,
          gender: m.gender,
          ethnicity: m.ethnicity ?? undefined,
          birthDate: dayjs(m.birthDate),
          joinDate: m.joinDate ? dayjs(m.joinDate) : null,
          memberNumber: m.memberNumber ?? undefined,
          education: m.education ?? undefined,
          occupationCategory: m.occupationCategory ?? undefined,
        }}
      >
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item label="姓名" name="name" rules={[{ required: true, message: '请填写姓名' }]}>
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label="性别" name="gender" rules={[{ required: true }]}>
              <Radio.Group options={GENDERS.map((g) => ({ value: g, label: genderLabel[g] }))} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label="民族" name="ethnicity">
              <Input maxLength={20} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              label="出生日期"
              name="birthDate"
              rules={[{ required: true, message: '请选择出生日期' }]}
            >
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label="入团时间" name="joinDate">
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              label="团员编号"
              name="memberNumber"
              rules={[{ pattern: /^\d{12}$/, message: '团员编号应为12位数字' }]}
            >
              <Input maxLength={12} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label="学历" name="education">
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label="职业类别" name="occupationCategory">
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              label="身份证号"
              name="idCard"
              extra={`现登记：${m.idCardMasked ?? '未登记'}；留空则不修改`}
            >
              <Input maxLength={18} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              label="手机号码"
              name="phone"
              extra={`现登记：${m.phoneMasked ?? '未登记'}；留空则不修改`}
            >
              <Input maxLength={13} autoComplete="off" />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}

function Checks(props: { memberId: string }) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const checks = useQuery(trpc.archive.checks.queryOptions({ memberId: props.memberId }));
  const add = useMutation(trpc.archive.addCheck.mutationOptions());
  const [form] = Form.useForm<{ result: 'passed' | 'needs_correction'; notes?: string }>();
  return (
    <Card title="档案核查记录" size="small">
      <Form
        form={form}
        layout="inline"
        name="archive-check"
        style={{ marginBottom: 12 }}
        initialValues={{ result: 'passed' }}
        onFinish={async (v) => {
          await add.mutateAsync({ memberId: props.memberId, result: v.result, notes: v.notes ?? null });
          message.success('核查已记录');
          form.resetFields();
          await qc.invalidateQueries({ queryKey: trpc.archive.checks.queryKey() });
        }}
      >
        <Form.Item name="result">
          <Select
            style={{ width: 120 }}
            options={(['passed', 'needs_correction'] as const).map((r) => ({
              value: r,
              label: archiveCheckResultLabel[r],
            }))}
          />
        </Form.Item>
        <Form.Item name="notes">
          <Input placeholder="核查说明（可选）" style={{ width: 260 }} maxLength={500} />
        </Form.Item>
        <Button htmlType="submit" type="primary" loading={add.isPending}>
          记录核查
        </Button>
      </Form>
      <Table
        rowKey="id"
        size="small"
        loading={checks.isPending}
        dataSource={checks.data ?? []}
        pagination={false}
        locale={{ emptyText: '尚未核查' }}
        columns={[
          { title: '核查时间', dataIndex: 'checkedAt', render: (d: Date) => formatDateTime(d) },
          { title: '核查人', dataIndex: 'checkedByName' },
          {
            title: '结果',
            dataIndex: 'result',
            render: (r: 'passed' | 'needs_correction') => (
              <Tag color={r === 'passed' ? 'green' : 'orange'}>{archiveCheckResultLabel[r]}</Tag>
            ),
          },
          { title: '完备度', dataIndex: 'score', render: (s: number) => `${s}%` },
          { title: '说明', dataIndex: 'notes', render: (n: string | null) => n || '—' },
        ]}
      />
    </Card>
  );
}

/** Who saw this member's full personal information (district_admin only). */
function RevealLog(props: { memberId: string }) {
  const log = useQuery(
    trpc.archive.revealLog.queryOptions({ memberId: props.memberId }, { meta: { silent: true } }),
  );
  if (log.error) return null;
  return (
    <Card title="个人信息查看记录" size="small" style={{ marginTop: 16 }} data-testid="reveal-log">
      <Table
        rowKey="id"
        size="small"
        loading={log.isPending}
        dataSource={log.data ?? []}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        locale={{ emptyText: '暂无查看记录' }}
        columns={[
          { title: '时间', dataIndex: 'at', render: (d: Date) => formatDateTime(d) },
          { title: '查看人', dataIndex: 'by' },
          { title: '内容', dataIndex: 'fieldLabel', render: (v: string | null) => v ?? '—' },
          { title: '原因', dataIndex: 'reason', render: (v: string | null) => v ?? '—' },
        ]}
      />
    </Card>
  );
}

export default function MemberArchivePage() {
  const { id = '' } = useParams();
  const member = useQuery(trpc.members.get.queryOptions({ id }));
  const [editing, setEditing] = useState(false);
  const m = member.data;
  if (member.isPending) return <Skeleton active />;
  if (member.error || !m) return <Alert type="error" showIcon title={describeError(member.error).message} />;
  return (
    <>
      <PageHeader
        title={`团员档案 · ${m.name}`}
        subTitle={
          <Space>
            <Link to="/members">返回团员管理</Link>
            <span>{m.orgName}</span>
          </Space>
        }
      />
      <Row gutter={16}>
        <Col xs={24} xl={16}>
          <Card
            title="基本信息"
            size="small"
            style={{ marginBottom: 16 }}
            extra={
              <Button icon={<EditOutlined aria-hidden />} onClick={() => setEditing(true)}>
                编辑档案
              </Button>
            }
          >
            <Descriptions column={{ xs: 1, md: 2 }} bordered size="small" styles={{ label: { width: 110 } }}>
              <Descriptions.Item label="姓名">{m.name}</Descriptions.Item>
              <Descriptions.Item label="性别">{labelOf(genderLabel, m.gender)}</Descriptions.Item>
              <Descriptions.Item label="民族">{m.ethnicity || '—'}</Descriptions.Item>
              <Descriptions.Item label="出生日期">
                {formatDate(m.birthDate)}（{m.age}周岁）
              </Descriptions.Item>
              <Descriptions.Item label="身份证号">
                <span data-testid="id-card-masked">{m.idCardMasked ?? '未登记'}</span>
                <RevealButton memberId={m.id} field="idCard" disabled={!m.idCardMasked} />
              </Descriptions.Item>
              <Descriptions.Item label="手机号码">
                <span>{m.phoneMasked ?? '未登记'}</span>
                <RevealButton memberId={m.id} field="phone" disabled={!m.phoneMasked} />
              </Descriptions.Item>
              <Descriptions.Item label="入团时间">{formatDate(m.joinDate)}</Descriptions.Item>
              <Descriptions.Item label="团员编号">{m.memberNumber || '—'}</Descriptions.Item>
              <Descriptions.Item label="学历">{m.education || '—'}</Descriptions.Item>
              <Descriptions.Item label="职业类别">{m.occupationCategory || '—'}</Descriptions.Item>
              <Descriptions.Item label="所在团组织">{m.orgName}</Descriptions.Item>
              <Descriptions.Item label="状态">
                <Tag color={MEMBER_STATUS_COLOR[m.status]}>{labelOf(memberStatusLabel, m.status)}</Tag>
              </Descriptions.Item>
              <Descriptions.Item label="更新时间">{formatDateTime(m.updatedAt)}</Descriptions.Item>
            </Descriptions>
          </Card>
          <Checks memberId={m.id} />
          <MemberMobile m={m} />
          <MemberCorrections m={m} />
          <RevealLog memberId={m.id} />
        </Col>
        <Col xs={24} xl={8}>
          <Card title="档案完备情况" size="small">
            <Progress
              type="circle"
              percent={m.archive.score}
              size={96}
              status={m.archive.complete ? 'success' : 'normal'}
            />
            <div style={{ marginTop: 12 }}>
              {m.archive.items.map((i) => (
                <div key={i.key} style={{ lineHeight: '28px' }}>
                  {i.present ? (
                    <CheckCircleTwoTone twoToneColor="#52c41a" aria-hidden />
                  ) : (
                    <CloseCircleTwoTone twoToneColor="#ff4d4f" aria-hidden />
                  )}{' '}
                  {i.label}
                  {i.present ? '' : '（缺）'}
                </div>
              ))}
            </div>
          </Card>
        </Col>
      </Row>
      <EditArchive m={m} open={editing} onClose={() => setEditing(false)} />
    </>
  );
}
