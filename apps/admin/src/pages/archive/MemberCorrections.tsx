/**
 * 信息更正 on the member page (issue 10): a secretary proposes a correction of the name or the
 * 身份证号 with a reason and evidence files (uploads contract); a superior decides it on
 * `/corrections`. The page lists the member's requests and, for the district admin, the audit
 * log's before → after of the approved ones.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, Modal, Select, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { FileUpload } from '../../components/FileUpload';
import type { MemberDetail, RouterOutputs } from '../../lib/api-types';
import { useMe } from '../../lib/auth';
import { describeError } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { trpc } from '../../lib/trpc';

type Correction = RouterOutputs['accounts']['corrections'][number];

const STATUS: Record<Correction['status'], { label: string; color: string }> = {
  pending: { label: '待审核', color: 'processing' },
  approved: { label: '已批准', color: 'success' },
  rejected: { label: '已驳回', color: 'error' },
};

interface ProposeValues {
  field: 'name' | 'idCard';
  value: string;
  reason: string;
  evidenceFileIds: string[];
}

export function MemberCorrections(props: { m: MemberDetail }) {
  const { m } = props;
  const { role } = useMe();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<ProposeValues>();
  const manager = role === 'org_secretary' || role === 'district_admin';
  const list = useQuery(
    trpc.accounts.corrections.queryOptions({ memberId: m.id }, { enabled: manager, meta: { silent: true } }),
  );
  const audit = useQuery(
    trpc.accounts.correctionAudit.queryOptions(
      { memberId: m.id },
      { enabled: role === 'district_admin', meta: { silent: true } },
    ),
  );
  const propose = useMutation(trpc.accounts.proposeCorrection.mutationOptions());
  if (!manager) return null;
  const submit = async (v: ProposeValues) => {
    try {
      await propose.mutateAsync({
        memberId: m.id,
        field: v.field,
        value: v.value,
        reason: v.reason,
        evidenceFileIds: v.evidenceFileIds ?? [],
      });
      message.success('更正申请已提交，待上级团组织审核');
      setOpen(false);
      form.resetFields();
      await qc.invalidateQueries({ queryKey: trpc.accounts.pathKey() });
    } catch (e) {
      message.error(describeError(e).message);
    }
  };
  return (
    <Card
      title="信息更正"
      size="small"
      style={{ marginTop: 16 }}
      data-testid="member-corrections"
      extra={<Button onClick={() => setOpen(true)}>申请更正</Button>}
    >
      <Typography.Paragraph type="secondary">
        姓名、身份证号登记有误时，由团支部书记提出更正申请并上传证明材料，经上级团组织或区县团委审核后生效。
      </Typography.Paragraph>
      <Table<Correction>
        rowKey="id"
        size="small"
        loading={list.isPending}
        dataSource={list.data ?? []}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        locale={{ emptyText: '暂无更正申请' }}
        columns={[
          { title: '更正项', dataIndex: 'fieldLabel' },
          { title: '更正前', dataIndex: 'before', render: (v: string | null) => v ?? '（无）' },
          { title: '更正后', dataIndex: 'after' },
          { title: '原因', dataIndex: 'reason' },
          { title: '提出人', dataIndex: 'proposedBy' },
          {
            title: '状态',
            dataIndex: 'status',
            render: (s: Correction['status'], r) => (
              <>
                <Tag color={STATUS[s].color}>{STATUS[s].label}</Tag>
                {r.decisionNote ? <Typography.Text type="secondary">{r.decisionNote}</Typography.Text> : null}
              </>
            ),
          },
        ]}
      />
      {role === 'district_admin' && !audit.error ? (
        <div data-testid="correction-audit" style={{ marginTop: 12 }}>
          <Typography.Text strong>更正审计记录</Typography.Text>
          <Table
            rowKey="id"
            size="small"
            loading={audit.isPending}
            dataSource={audit.data ?? []}
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            locale={{ emptyText: '暂无已生效的更正' }}
            columns={[
              { title: '时间', dataIndex: 'at', render: (d: Date) => formatDateTime(d) },
              { title: '审核人', dataIndex: 'by' },
              { title: '更正项', dataIndex: 'fieldLabel' },
              { title: '更正前', dataIndex: 'before', render: (v: string | null) => v ?? '（无）' },
              { title: '更正后', dataIndex: 'after', render: (v: string | null) => v ?? '—' },
            ]}
          />
        </div>
      ) : null}
      <Modal
        title={`申请更正 · ${m.name}`}
        open={open}
        okText="提交申请"
        confirmLoading={propose.isPending}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Form<ProposeValues>
          form={form}
          layout="vertical"
          initialValues={{ field: 'name', evidenceFileIds: [] }}
          onFinish={submit}
        >
          <Form.Item name="field" label="更正项" rules={[{ required: true, message: '请选择要更正的信息' }]}>
            <Select
              options={[
                { value: 'name', label: '姓名' },
                { value: 'idCard', label: '身份证号' },
              ]}
            />
          </Form.Item>
          <Form.Item
            name="value"
            label="更正后的内容"
            rules={[{ required: true, whitespace: true, message: '请填写更正后的内容' }]}
          >
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item
            name="reason"
            label="更正原因"
            rules={[{ required: true, whitespace: true, min: 2, message: '请填写更正原因（至少2个字）' }]}
          >
            <Input.TextArea rows={3} maxLength={500} />
          </Form.Item>
          <Form.Item
            name="evidenceFileIds"
            label="证明材料"
            extra="户口簿、身份证复印件等（图片或 PDF）"
            rules={[{ required: true, type: 'array', min: 1, message: '请上传证明材料' }]}
          >
            <FileUpload accept="any" max={10} orgId={m.orgId} label="上传证明材料" />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
