/**
 * 信息更正与密码重置 (issue 10): the superior's review list of name / 身份证号 corrections
 * (approve, or reject with a reason) and the bulk password reset of a branch's members with
 * one-time codes, shown once as a printable list and an Excel file from the same answer.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, Modal, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { PageHeader } from '../../components/PageHeader';
import type { RouterOutputs } from '../../lib/api-types';
import { downloadBase64 } from '../../lib/download';
import { describeError } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { trpc } from '../../lib/trpc';
import { OrgPicker } from '../dues/shared';

type Correction = RouterOutputs['accounts']['corrections'][number];
type Issued = RouterOutputs['accounts']['issueResetCodes'];

const STATUS: Record<Correction['status'], { label: string; color: string }> = {
  pending: { label: '待审核', color: 'processing' },
  approved: { label: '已批准', color: 'success' },
  rejected: { label: '已驳回', color: 'error' },
};

export default function CorrectionsPage() {
  return (
    <>
      <PageHeader title="信息更正与密码重置" />
      <Tabs
        items={[
          { key: 'corrections', label: '更正申请', children: <CorrectionList /> },
          { key: 'reset', label: '批量重置密码', children: <ResetCodes /> },
        ]}
      />
    </>
  );
}

function CorrectionList() {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const list = useQuery(trpc.accounts.corrections.queryOptions({}));
  const decide = useMutation(trpc.accounts.decideCorrection.mutationOptions());
  const [rejecting, setRejecting] = useState<Correction | null>(null);
  const [note, setNote] = useState('');
  const run = async (id: string, approve: boolean, n?: string) => {
    try {
      await decide.mutateAsync({ id, approve, note: n ?? null });
      message.success(approve ? '已批准，团员信息已更正' : '已驳回');
      setRejecting(null);
      setNote('');
      await qc.invalidateQueries({ queryKey: trpc.accounts.pathKey() });
    } catch (e) {
      message.error(describeError(e).message);
    }
  };
  return (
    <Card>
      <Table<Correction>
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data ?? []}
        pagination={{ pageSize: 20 }}
        columns={[
          { title: '团员', dataIndex: 'memberName' },
          { title: '所在组织', dataIndex: 'orgName' },
          { title: '更正项', dataIndex: 'fieldLabel' },
          { title: '更正前', dataIndex: 'before', render: (v: string | null) => v ?? '（无）' },
          { title: '更正后', dataIndex: 'after' },
          { title: '原因', dataIndex: 'reason' },
          {
            title: '证明材料',
            dataIndex: 'evidence',
            render: (files: Correction['evidence']) => (
              <Space direction="vertical" size={0}>
                {files.map((f) => (
                  <a key={f.id} href={f.url} target="_blank" rel="noreferrer">
                    {f.originalName}
                  </a>
                ))}
              </Space>
            ),
          },
          { title: '提出人', dataIndex: 'proposedBy' },
          { title: '提出时间', dataIndex: 'proposedAt', render: (v: Date) => formatDateTime(v) },
          {
            title: '状态',
            dataIndex: 'status',
            render: (s: Correction['status'], r) => (
              <Space direction="vertical" size={0}>
                <Tag color={STATUS[s].color}>{STATUS[s].label}</Tag>
                {r.decisionNote && <Typography.Text type="secondary">{r.decisionNote}</Typography.Text>}
              </Space>
            ),
          },
          {
            title: '操作',
            key: 'op',
            render: (_: unknown, r) =>
              r.canDecide ? (
                <Space>
                  <Button
                    type="primary"
                    size="small"
                    loading={decide.isPending}
                    onClick={() => run(r.id, true)}
                  >
                    批准
                  </Button>
                  <Button size="small" danger onClick={() => setRejecting(r)}>
                    驳回
                  </Button>
                </Space>
              ) : null,
          },
        ]}
      />
      <Modal
        title="驳回更正申请"
        open={rejecting !== null}
        okText="驳回"
        onCancel={() => setRejecting(null)}
        onOk={() => rejecting && run(rejecting.id, false, note)}
      >
        <Form layout="vertical">
          <Form.Item label="驳回理由" required>
            <Input.TextArea
              id="reject-note"
              value={note}
              onChange={(e) => setNote(e.target.value)}
              rows={3}
            />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}

function ResetCodes() {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [orgId, setOrgId] = useState<string | undefined>();
  const [issued, setIssued] = useState<Issued | null>(null);
  const batches = useQuery(trpc.accounts.resetBatches.queryOptions());
  const issue = useMutation(trpc.accounts.issueResetCodes.mutationOptions());
  const go = async () => {
    if (!orgId) return;
    try {
      const r = await issue.mutateAsync({ orgId });
      setIssued(r);
      await qc.invalidateQueries({ queryKey: trpc.accounts.resetBatches.queryKey() });
    } catch (e) {
      message.error(describeError(e).message);
    }
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card>
        <Space wrap>
          <OrgPicker value={orgId} onChange={setOrgId} placeholder="选择团支部" id="reset-org" />
          <Button type="primary" disabled={!orgId} loading={issue.isPending} onClick={go}>
            生成一次性验证码
          </Button>
        </Space>
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
          验证码只显示这一次，请打印后交支部书记逐一转交团员；每个验证码只能登录一次，登录后须设置新密码。
        </Typography.Paragraph>
      </Card>
      {issued && (
        <Card
          title={`${issued.orgName} 一次性验证码（有效期至 ${formatDateTime(issued.expiresAt)}）`}
          extra={
            <Space>
              <Button onClick={() => downloadBase64(issued.file.fileName, issued.file.base64)}>
                下载Excel
              </Button>
              <Button onClick={() => window.print()}>打印</Button>
            </Space>
          }
        >
          <Table
            rowKey="memberId"
            pagination={false}
            dataSource={issued.codes}
            columns={[
              { title: '姓名', dataIndex: 'memberName' },
              { title: '登录账号', dataIndex: 'username' },
              {
                title: '一次性验证码',
                dataIndex: 'code',
                render: (c: string) => <Typography.Text code>{c}</Typography.Text>,
              },
            ]}
          />
        </Card>
      )}
      <Card title="重置记录">
        <Table
          rowKey="batchId"
          loading={batches.isLoading}
          dataSource={batches.data ?? []}
          pagination={{ pageSize: 10 }}
          columns={[
            { title: '组织', dataIndex: 'orgName' },
            { title: '办理人', dataIndex: 'issuedBy' },
            { title: '时间', dataIndex: 'issuedAt', render: (v: Date) => formatDateTime(v) },
            { title: '有效期至', dataIndex: 'expiresAt', render: (v: Date) => formatDateTime(v) },
            { title: '已使用', key: 'used', render: (_: unknown, b) => `${b.used} / ${b.total}` },
          ]}
        />
      </Card>
    </Space>
  );
}
