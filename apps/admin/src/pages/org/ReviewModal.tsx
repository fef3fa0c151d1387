import { useMutation } from '@tanstack/react-query';
import { INVENTORY_PROBLEMS, type InventoryProblem, inventoryProblemLabel } from '@tuanjian/domain';
import { Alert, Checkbox, DatePicker, Form, Input, Modal } from 'antd';
import type { Dayjs } from 'dayjs';
import { todayDayjs } from '../../lib/format';
import { trpc } from '../../lib/trpc';
import type { OrgProfileData } from './OrgProfile';

interface Values {
  reviewedOn: Dayjs;
  problems: InventoryProblem[];
  notes: Partial<Record<InventoryProblem, string>>;
  note?: string;
}

/** ORG-3: a superior's review of the five problems; the latest review is the organisation's state. */
export function ReviewModal(props: {
  profile: OrgProfileData;
  onClose(): void;
  onSaved(p: OrgProfileData): void;
}) {
  const p = props.profile;
  const [form] = Form.useForm<Values>();
  const problems = Form.useWatch('problems', form) ?? [];
  const save = useMutation(trpc.org.reviewInventory.mutationOptions({ onSuccess: props.onSaved }));
  const current = p.reviews[0]?.findings ?? [];
  return (
    <Modal
      open
      width={640}
      title={`组织排查 — ${p.name}`}
      okText="提交排查结果"
      confirmLoading={save.isPending}
      onCancel={props.onClose}
      onOk={() =>
        void form.validateFields().then((v) =>
          save.mutate({
            orgId: p.id,
            reviewedOn: v.reviewedOn.format('YYYY-MM-DD'),
            note: v.note,
            findings: (v.problems ?? []).map((problem) => ({ problem, note: v.notes?.[problem] })),
          }),
        )
      }
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        title="勾选排查发现的问题；未勾选的问题视为已整改或不存在。本次排查结果替代上一次结果，历史记录保留。"
      />
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{
          reviewedOn: todayDayjs(),
          problems: current.map((f) => f.problem),
          notes: Object.fromEntries(current.map((f) => [f.problem, f.note ?? ''])),
        }}
      >
        <Form.Item label="排查日期" name="reviewedOn" rules={[{ required: true, message: '请选择排查日期' }]}>
          <DatePicker disabledDate={(d) => d.isAfter(todayDayjs(), 'day')} />
        </Form.Item>
        <Form.Item label="发现的问题" name="problems">
          <Checkbox.Group
            style={{ display: 'flex', flexDirection: 'column', gap: 4 }}
            options={INVENTORY_PROBLEMS.map((k) => ({ value: k, label: inventoryProblemLabel[k] }))}
          />
        </Form.Item>
        {problems.map((k) => (
          <Form.Item key={k} label={`${inventoryProblemLabel[k]}：情况说明`} name={['notes', k]}>
            <Input.TextArea rows={1} maxLength={500} />
          </Form.Item>
        ))}
        <Form.Item label="排查说明" name="note">
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
