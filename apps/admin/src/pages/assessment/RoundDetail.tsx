import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type EscalationLevel, escalationLevelLabel } from '@tuanjian/domain';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Space,
  Table,
  Tag,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { StatusTag } from '../../components/StatusTag';
import { formatDate, formatDateTime } from '../../lib/format';
import { trpc, trpcClient } from '../../lib/trpc';
import { LEVEL_COLOR, points } from './shared';

type Detail = Awaited<ReturnType<typeof trpcClient.assessment.round.query>>;
type Row = Detail['rows'][number];
type Action = Detail['actions'][number];

function ScoreCells(props: { detail: Detail; row: Row; onSaved: () => Promise<void> }) {
  const { detail, row } = props;
  const { message } = App.useApp();
  const [values, setValues] = useState<Record<string, number | null>>(() =>
    Object.fromEntries(
      detail.items.map((i) => [i.key, row.itemScores?.[i.key] != null ? row.itemScores[i.key]! / 10 : null]),
    ),
  );
  const save = useMutation({
    mutationFn: () =>
      trpcClient.assessment.saveScore.mutate({
        roundId: detail.id,
        tenantId: row.tenantId,
        itemScores: Object.fromEntries(
          detail.items
            .filter((i) => values[i.key] != null)
            .map((i) => [i.key, Math.round((values[i.key] ?? 0) * 10)]),
        ),
      }),
    onSuccess: async () => {
      message.success(`${row.name}的得分已保存`);
      await props.onSaved();
    },
  });
  const editable = detail.status === 'draft';
  return (
    <Space wrap>
      {detail.items.map((i) => (
        <InputNumber
          key={i.key}
          aria-label={`${row.name} ${i.label}`}
          min={0}
          max={i.max}
          step={0.5}
          precision={1}
          disabled={!editable}
          style={{ width: 90 }}
          value={values[i.key]}
          onChange={(v) => setValues((s) => ({ ...s, [i.key]: v }))}
        />
      ))}
      {editable && (
        <Button
          size="small"
          onClick={() => save.mutate()}
          loading={save.isPending}
          aria-label={`保存${row.name}的得分`}
        >
          保存
        </Button>
      )}
    </Space>
  );
}

function TalkModal(props: { action: Action | null; onClose: () => void; onSaved: () => Promise<void> }) {
  const { action } = props;
  const { message } = App.useApp();
  const save = useMutation({
    mutationFn: (v: { talkOn: Dayjs; talkBy: string; note: string }) =>
      trpcClient.assessment.recordTalk.mutate({
        actionId: action?.id ?? '',
        talkOn: v.talkOn.format('YYYY-MM-DD'),
        talkBy: v.talkBy,
        note: v.note,
      }),
    onSuccess: async () => {
      message.success('约谈记录已保存');
      props.onClose();
      await props.onSaved();
    },
  });
  return (
    <Modal
      open={!!action}
      title={`登记${action?.levelLabel ?? ''}：${action?.unitName ?? ''}`}
      footer={null}
      onCancel={props.onClose}
      destroyOnHidden
    >
      <Form layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item name="talkOn" label="约谈日期" rules={[{ required: true, message: '请选择约谈日期' }]}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="talkBy" label="约谈人" rules={[{ required: true, message: '请填写约谈人' }]}>
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="note" label="约谈记录" rules={[{ required: true, message: '请填写约谈记录' }]}>
          <Input.TextArea rows={4} maxLength={1000} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          保存约谈记录
        </Button>
      </Form>
    </Modal>
  );
}

/** 团市委: one year's assessment — score entry, ranking, publication and the derived actions. */
export default function AssessmentRoundPage() {
  const { id = '' } = useParams();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const detail = useQuery(trpc.assessment.round.queryOptions({ id }));
  const [talk, setTalk] = useState<Action | null>(null);
  const refresh = () => qc.invalidateQueries({ queryKey: trpc.assessment.pathKey() });
  const publish = useMutation({
    mutationFn: () => trpcClient.assessment.publish.mutate({ id }),
    onSuccess: async () => {
      message.success('考核结果已公布，处置事项已生成');
      await refresh();
    },
  });
  const d = detail.data;
  if (!d) return <Loading />;
  const published = d.status === 'published';
  return (
    <>
      <PageHeader
        title={d.title}
        subTitle={<Link to="/assessment">返回年终考核</Link>}
        extra={
          !published && (
            <Popconfirm
              title="公布后得分不能再修改，并按连续年度排名生成处置事项。确定公布？"
              onConfirm={() => publish.mutate()}
            >
              <Button type="primary" loading={publish.isPending}>
                公布考核结果
              </Button>
            </Popconfirm>
          )
        }
      />
      <Descriptions size="small" style={{ marginBottom: 16 }} column={3}>
        <Descriptions.Item label="状态">
          {published ? <Tag color="green">已公布</Tag> : <Tag>评分中</Tag>}
        </Descriptions.Item>
        <Descriptions.Item label="公布时间">{formatDateTime(d.publishedAt)}</Descriptions.Item>
        <Descriptions.Item label="处置规则">
          末{d.rule.bottomPlaces}名提醒约谈，连续{d.rule.warningAfterYears}年告诫约谈，连续
          {d.rule.letterAfterYears}年建议调整函；与第
          {d.rule.bottomPlaces}名并列者均计入；当年未考核即中断连续（{d.rule.source}）
        </Descriptions.Item>
      </Descriptions>
      <Card title={published ? '考核排名' : '评分录入（满分见表头）'} style={{ marginBottom: 16 }}>
        <Table
          rowKey="tenantId"
          dataSource={d.rows}
          pagination={false}
          rowClassName={(r) => (r.inBottom ? 'tj-bottom' : '')}
          columns={[
            { title: '排名', dataIndex: 'rank', width: 70, render: (r: number | null) => r ?? '—' },
            { title: '单位', dataIndex: 'name', width: 160 },
            {
              title: `得分（${d.items.map((i) => `${i.label}${i.max}分`).join('、')}）`,
              render: (_, r) => <ScoreCells detail={d} row={r} onSaved={refresh} />,
            },
            { title: '总分', dataIndex: 'total', width: 80, render: (t: number | null) => points(t) },
            {
              title: '末位',
              width: 90,
              render: (_, r) => (r.inBottom ? <Tag color="red">末{d.rule.bottomPlaces}名</Tag> : null),
            },
          ]}
        />
      </Card>
      <Card title={published ? '处置事项' : '处置预览（公布后生成）'}>
        {!published && (
          <Alert
            type="info"
            showIcon
            message="按当前得分和往年已公布的排名预计的处置，公布后正式生成。"
            style={{ marginBottom: 12 }}
          />
        )}
        <Table
          rowKey={(a) => a.tenantId}
          dataSource={d.actions}
          pagination={false}
          locale={{ emptyText: '无处置事项' }}
          columns={[
            { title: '单位', dataIndex: 'unitName' },
            {
              title: '处置',
              dataIndex: 'level',
              render: (l: EscalationLevel) => (
                <StatusTag value={l} labels={escalationLevelLabel} colors={LEVEL_COLOR} />
              ),
            },
            { title: '连续末位', dataIndex: 'consecutiveYears', render: (n: number) => `${n}年` },
            { title: '本年排名', render: (_, a) => `${a.rank} / ${a.unitCount}` },
            {
              title: '约谈 / 函件',
              render: (_, a) =>
                a.level === 'adjustment_letter' ? (
                  a.letterNo ? (
                    <Space direction="vertical" size={0}>
                      <span>
                        {a.letterNo}，致{a.letterAddressee}
                      </span>
                      <Link to={`/assessment/letters/${a.id}/print`}>打印建议调整函</Link>
                    </Space>
                  ) : (
                    `致${a.letterAddressee ?? ''}`
                  )
                ) : a.talkOn ? (
                  <span>
                    {formatDate(a.talkOn)} {a.talkBy}：{a.talkNote}
                  </span>
                ) : published ? (
                  <Button size="small" onClick={() => setTalk(a)}>
                    登记约谈
                  </Button>
                ) : (
                  '—'
                ),
            },
          ]}
        />
      </Card>
      <TalkModal action={talk} onClose={() => setTalk(null)} onSaved={refresh} />
    </>
  );
}
