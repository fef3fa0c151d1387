import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, App, Form, Input, Modal, Radio, Select, Skeleton, Typography } from 'antd';
import type { RouterOutputs } from '../../lib/api-types';
import { trpc } from '../../lib/trpc';
import { errorText } from '../dues/shared';

export type Checklist = RouterOutputs['rectification']['checklist'];
type Source = 'self' | 'superior' | 'peer';

/** Which health check is graded, by which source; `onBehalf`: the district admin records it (代录). */
export interface GradeTarget {
  checkId: string;
  orgName: string;
  source: Source;
  onBehalf?: boolean;
}

const TITLE: Record<Source, string> = { self: '支部查', superior: '上级点评', peer: '互相评' };

/**
 * One grade per checklist item (上级点 / 支部查 / 互相评). The superior and the branch see the check
 * (`rectification.get`), so their previous input is filled in; a peer starts empty. When the district
 * admin records a 互相评 for a branch, it chooses which of the assigned peer branches gave it.
 */
export function GradeModal(props: {
  target: GradeTarget | null;
  checklist?: Checklist;
  onClose(): void;
  onDone(): void;
}) {
  const t = props.target;
  const { message } = App.useApp();
  const [form] = Form.useForm<{ grades: Record<string, string>; notes?: string; byOrgId?: string }>();
  const readable = !!t && (t.source !== 'peer' || !!t.onBehalf);
  const check = useQuery({
    ...trpc.rectification.get.queryOptions({ id: t?.checkId ?? '' }),
    enabled: readable,
    retry: false,
  });
  const submit = useMutation(
    trpc.rectification.submit.mutationOptions({
      onSuccess: (r) => {
        message.success(`已提交${t ? TITLE[t.source] : ''}：${r.orgName} ${r.score.toFixed(1)}分`);
        props.onClose();
        props.onDone();
      },
    }),
  );
  const c = props.checklist;
  const previous =
    t && t.source !== 'peer' ? check.data?.inputs.find((i) => i.source === t.source) : undefined;
  const ready = c && (!readable || check.data || check.error);
  const title = t ? `${t.onBehalf ? '代录' : ''}${TITLE[t.source]}：${t.orgName}` : '';
  return (
    <Modal
      title={title}
      open={!!t}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      okText="提交"
      confirmLoading={submit.isPending}
      destroyOnHidden
      width={760}
    >
      {submit.error ? (
        <Alert type="error" showIcon message={errorText(submit.error)} style={{ marginBottom: 12 }} />
      ) : null}
      {t?.onBehalf ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          message={
            t.source === 'self'
              ? '代团支部录入其自查结果（如纸质自查表），操作记入审计日志'
              : '代被指定的互评团支部录入其评价，操作记入审计日志'
          }
        />
      ) : null}
      {!ready || !c ? (
        <Skeleton active />
      ) : (
        <Form
          form={form}
          layout="vertical"
          preserve={false}
          name={`grade-${t?.source ?? ''}`}
          initialValues={{ grades: previous?.grades ?? {}, notes: previous?.notes ?? undefined }}
          onFinish={(v) =>
            t &&
            submit.mutate({
              healthCheckId: t.checkId,
              source: t.source,
              grades: v.grades,
              notes: v.notes,
              byOrgId: t.source === 'peer' && t.onBehalf ? v.byOrgId : undefined,
            })
          }
        >
          {t?.source === 'peer' && t.onBehalf ? (
            <Form.Item
              name="byOrgId"
              label="互评团支部"
              rules={[{ required: true, message: '请选择互评团支部' }]}
              extra={check.data?.peers.length ? undefined : '尚未指定互评团支部，请先“指定互评”'}
            >
              <Select
                placeholder="请选择"
                options={(check.data?.peers ?? []).map((p) => ({ value: p.id, label: p.name }))}
              />
            </Form.Item>
          ) : null}
          {c.checklist.groups.map((g) => (
            <div key={g.key}>
              <Typography.Title level={5}>{g.label}</Typography.Title>
              {g.items.map((i) => (
                <Form.Item
                  key={i.key}
                  name={['grades', i.key]}
                  label={`${i.label}（${i.weight}分）`}
                  rules={[{ required: true, message: '请评价此项' }]}
                >
                  <Radio.Group options={c.checklist.grades.map((x) => ({ value: x.key, label: x.label }))} />
                </Form.Item>
              ))}
            </div>
          ))}
          <Form.Item name="notes" label="意见">
            <Input.TextArea rows={2} maxLength={1000} />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
