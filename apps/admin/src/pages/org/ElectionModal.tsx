import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import {
  ELECTION_KINDS,
  ELECTION_METHODS,
  type ElectionKind,
  type ElectionMethod,
  electionKindLabel,
  electionMethodLabel,
  LEADER_POSITIONS,
  type LeaderPosition,
  leaderPositionLabel,
} from '@tuanjian/domain';
import { Alert, Button, DatePicker, Flex, Form, Input, InputNumber, Modal, Select, Steps } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { todayDayjs } from '../../lib/format';
import { trpc } from '../../lib/trpc';
import type { OrgProfileData } from './OrgProfile';

interface Values {
  electedOn: Dayjs;
  kind: ElectionKind;
  method: ElectionMethod;
  entitledCount: number;
  presentCount: number;
  termYears: number;
  result: string;
  leaders: { name: string; position: LeaderPosition }[];
}

/** 按程序选举 as a step form: the meeting (quorum rule shown), the elected, confirmation. */
export function ElectionModal(props: {
  profile: OrgProfileData;
  onClose(): void;
  onSaved(p: OrgProfileData): void;
}) {
  const p = props.profile;
  const [form] = Form.useForm<Values>();
  const [step, setStep] = useState(0);
  const save = useMutation(trpc.org.recordElection.mutationOptions({ onSuccess: props.onSaved }));
  const years = Array.from({ length: p.term.maxYears - p.term.minYears + 1 }, (_, i) => p.term.minYears + i);

  const next = async () => {
    if (step === 0)
      await form.validateFields([
        'electedOn',
        'kind',
        'method',
        'entitledCount',
        'presentCount',
        'termYears',
      ]);
    if (step === 1) await form.validateFields();
    setStep((s) => s + 1);
  };
  const submit = () => {
    const v = form.getFieldsValue(true) as Values;
    save.mutate({
      orgId: p.id,
      electedOn: v.electedOn.format('YYYY-MM-DD'),
      kind: v.kind,
      method: v.method,
      entitledCount: v.entitledCount,
      presentCount: v.presentCount,
      termYears: v.termYears,
      result: v.result,
      leaders: v.leaders ?? [],
    });
  };
  const v = form.getFieldsValue(true) as Partial<Values>;

  return (
    <Modal
      open
      width={720}
      title={`录入选举 — ${p.name}`}
      onCancel={props.onClose}
      footer={
        <Flex justify="end" gap={8}>
          {step > 0 ? <Button onClick={() => setStep(step - 1)}>上一步</Button> : null}
          {step < 2 ? (
            <Button type="primary" onClick={() => void next()}>
              下一步
            </Button>
          ) : (
            <Button type="primary" loading={save.isPending} onClick={submit}>
              确认提交
            </Button>
          )}
        </Flex>
      }
    >
      <Steps
        size="small"
        current={step}
        style={{ marginBottom: 16 }}
        items={[{ title: '选举会议' }, { title: '当选人' }, { title: '确认' }]}
      />
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{
          electedOn: todayDayjs(),
          kind: p.elections.length ? 'regular' : 'first',
          method: 'competitive',
          entitledCount: p.directMemberCount || undefined,
          termYears: p.term.defaultYears,
          leaders: [{ position: 'secretary' }],
        }}
      >
        <div style={{ display: step === 0 ? 'block' : 'none' }}>
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 12 }}
            title="适用规则"
            description={
              <>
                <div>{p.term.explanation}</div>
                <div>选举须有半数以上有选举权的团员到会（《团支部工作条例（试行）》）</div>
              </>
            }
          />
          <Flex gap={12} wrap>
            <Form.Item
              label="选举日期"
              name="electedOn"
              rules={[{ required: true, message: '请选择选举日期' }]}
            >
              <DatePicker disabledDate={(d) => d.isAfter(todayDayjs(), 'day')} />
            </Form.Item>
            <Form.Item label="选举类型" name="kind" rules={[{ required: true }]}>
              <Select
                style={{ width: 140 }}
                options={ELECTION_KINDS.map((k) => ({ value: k, label: electionKindLabel[k] }))}
              />
            </Form.Item>
            <Form.Item label="选举方式" name="method" rules={[{ required: true }]}>
              <Select
                style={{ width: 140 }}
                options={ELECTION_METHODS.map((k) => ({ value: k, label: electionMethodLabel[k] }))}
              />
            </Form.Item>
          </Flex>
          <Flex gap={12} wrap>
            <Form.Item
              label="应到人数"
              name="entitledCount"
              rules={[{ required: true, message: '请填写应到人数' }]}
            >
              <InputNumber min={1} />
            </Form.Item>
            <Form.Item
              label="实到人数"
              name="presentCount"
              dependencies={['entitledCount']}
              rules={[
                { required: true, message: '请填写实到人数' },
                ({ getFieldValue }) => ({
                  validator: (_, value: number | undefined) => {
                    const entitled = getFieldValue('entitledCount') as number | undefined;
                    if (value == null || !entitled) return Promise.resolve();
                    if (value > entitled) return Promise.reject(new Error('实到人数不能多于应到人数'));
                    if (value * 2 <= entitled)
                      return Promise.reject(new Error(`未超过应到${entitled}人的半数，选举无效`));
                    return Promise.resolve();
                  },
                }),
              ]}
            >
              <InputNumber min={0} />
            </Form.Item>
            <Form.Item label="本届任期" name="termYears" rules={[{ required: true }]}>
              <Select style={{ width: 120 }} options={years.map((y) => ({ value: y, label: `${y}年` }))} />
            </Form.Item>
          </Flex>
        </div>
        <div style={{ display: step === 1 ? 'block' : 'none' }}>
          <Form.List name="leaders">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Flex key={f.key} gap={8} align="baseline">
                    <Form.Item
                      name={[f.name, 'position']}
                      rules={[{ required: true, message: '请选择职务' }]}
                    >
                      <Select
                        style={{ width: 130 }}
                        placeholder="职务"
                        options={LEADER_POSITIONS.map((k) => ({ value: k, label: leaderPositionLabel[k] }))}
                      />
                    </Form.Item>
                    <Form.Item
                      name={[f.name, 'name']}
                      rules={[{ required: true, whitespace: true, message: '请填写姓名' }]}
                    >
                      <Input placeholder="姓名" aria-label="当选人姓名" />
                    </Form.Item>
                    <MinusCircleOutlined aria-label="删除" onClick={() => remove(f.name)} />
                  </Flex>
                ))}
                <Button
                  type="dashed"
                  icon={<PlusOutlined aria-hidden />}
                  onClick={() => add({ position: 'member' })}
                >
                  添加当选人
                </Button>
              </>
            )}
          </Form.List>
          <Form.Item
            label="选举结果"
            name="result"
            style={{ marginTop: 12 }}
            rules={[{ required: true, whitespace: true, message: '请填写选举结果' }]}
          >
            <Input.TextArea rows={2} placeholder="如：选举产生新一届支部委员会委员3名" />
          </Form.Item>
        </div>
        {step === 2 ? (
          <div>
            <p>
              {v.electedOn?.format('YYYY年M月D日')}，{electionKindLabel[v.kind ?? 'regular']}（
              {electionMethodLabel[v.method ?? 'competitive']}），应到{v.entitledCount}人、实到
              {v.presentCount}
              人，本届任期{v.termYears}年。
            </p>
            <p>
              当选：
              {(v.leaders ?? []).map((l) => `${leaderPositionLabel[l.position]} ${l.name}`).join('，') ||
                '无'}
            </p>
            {v.kind !== 'by_election' ? (
              <Alert type="warning" showIcon title="提交后现任班子全部离任，由当选人组成新一届班子。" />
            ) : null}
          </div>
        ) : null}
      </Form>
    </Modal>
  );
}
