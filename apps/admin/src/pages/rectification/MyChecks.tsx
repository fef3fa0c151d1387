import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Empty, Form, Input, List, Modal, Space, Tag } from 'antd';
import { useState } from 'react';
import { FileUpload } from '../../components/FileUpload';
import type { RouterOutputs } from '../../lib/api-types';
import { trpc } from '../../lib/trpc';
import { errorText } from '../dues/shared';
import { type Checklist, GradeModal, type GradeTarget } from './GradeModal';

const fmt = (v: number | null | undefined) => (v === null || v === undefined ? '—' : v.toFixed(1));

/**
 * 本支部 (a branch secretary in the admin app): the year's 支部查 of its own branch and the 互相评 of
 * the branches the superior assigned to it — the same forms as the mini-program.
 */
export function MyChecks(props: { year: number; checklist?: Checklist; onDone(): void }) {
  const forms = useQuery({ ...trpc.rectification.myForms.queryOptions({ year: props.year }), retry: false });
  const own = useQuery({
    ...trpc.rectification.get.queryOptions({ id: forms.data?.self?.id ?? '' }),
    enabled: !!forms.data?.self,
    retry: false,
  });
  const [target, setTarget] = useState<GradeTarget | null>(null);
  const f = forms.data;
  if (forms.error) return <Alert type="error" showIcon message={errorText(forms.error)} />;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={16}>
      <Card title={`${props.year}年度支部查`} loading={forms.isLoading}>
        {f?.self ? (
          <Space direction="vertical">
            <Space wrap>
              <b>{f.self.orgName}</b>
              {f.self.submitted ? <Tag color="green">已自查</Tag> : <Tag color="orange">未自查</Tag>}
              {own.data ? (
                <span>
                  团员提{fmt(own.data.scores.member)}（{own.data.memberInputCount}人）· 支部查
                  {fmt(own.data.scores.self)} · 上级点{fmt(own.data.scores.superior)} · 互相评
                  {fmt(own.data.scores.peer)} · 总分 <b>{fmt(own.data.overall)}</b>
                </span>
              ) : null}
            </Space>
            <Button
              type="primary"
              disabled={f.self.status !== 'open'}
              onClick={() =>
                f.self && setTarget({ checkId: f.self.id, orgName: f.self.orgName, source: 'self' })
              }
            >
              {f.self.submitted ? '修改支部查' : '填写支部查'}
            </Button>
          </Space>
        ) : (
          <Empty description="上级尚未开启本年度体检，或您不是团支部书记" />
        )}
      </Card>
      <Card title="互相评（上级指定本支部评价的团支部）" loading={forms.isLoading}>
        <List
          locale={{ emptyText: '上级未指定本支部参加互相评' }}
          dataSource={f?.peers ?? []}
          renderItem={(p) => (
            <List.Item
              actions={[
                <Button
                  key="grade"
                  size="small"
                  disabled={p.status !== 'open'}
                  onClick={() => setTarget({ checkId: p.id, orgName: p.orgName, source: 'peer' })}
                >
                  {p.submitted ? '重新评价' : '评价'}
                </Button>,
              ]}
            >
              <Space>
                {p.orgName}
                {p.submitted ? <Tag color="green">已评价</Tag> : <Tag color="orange">待评价</Tag>}
              </Space>
            </List.Item>
          )}
        />
      </Card>
      <GradeModal
        target={target}
        checklist={props.checklist}
        onClose={() => setTarget(null)}
        onDone={() => {
          void forms.refetch();
          void own.refetch();
          props.onDone();
        }}
      />
    </Space>
  );
}

type TaskRow = RouterOutputs['rectification']['tasks'][number];

/** The branch reports a task done: what was done and evidence files (→ 待销号). */
export function EvidenceModal(props: { task: TaskRow | null; onClose(): void; onDone(): void }) {
  const t = props.task;
  const { message } = App.useApp();
  const [form] = Form.useForm<{ evidence?: string; fileIds: string[] }>();
  const submit = useMutation(
    trpc.rectification.submitEvidence.mutationOptions({
      onSuccess: (r) => {
        message.success(`已提交整改情况：${r.title}`);
        props.onClose();
        props.onDone();
      },
    }),
  );
  return (
    <Modal
      title={`提交整改情况：${t?.title ?? ''}`}
      open={!!t}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      okText="提交"
      confirmLoading={submit.isPending}
      destroyOnHidden
    >
      {submit.error ? (
        <Alert type="error" showIcon message={errorText(submit.error)} style={{ marginBottom: 12 }} />
      ) : null}
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        name="task-evidence"
        initialValues={{
          evidence: t?.evidence ?? undefined,
          fileIds: t?.evidenceFiles.map((x) => x.id) ?? [],
        }}
        onFinish={(v) => t && submit.mutate({ id: t.id, evidence: v.evidence, fileIds: v.fileIds ?? [] })}
      >
        <Form.Item name="evidence" label="整改情况">
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <Form.Item name="fileIds" label="佐证材料">
          <FileUpload accept="any" max={20} orgId={t?.orgId} files={t?.evidenceFiles} label="上传佐证材料" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
