import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  EVALUATION_GRADES,
  type EvaluationGrade,
  evaluationGradeLabel,
  todayInShanghai,
} from '@tuanjian/domain';
import {
  Alert,
  Button,
  Card,
  Col,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Space,
  Table,
  Tag,
  TreeSelect,
} from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { ExportButton } from '../../components/ExportButton';
import { PageHeader } from '../../components/PageHeader';
import type { RouterOutputs } from '../../lib/api-types';
import { formatDate } from '../../lib/format';
import { trpc, trpcClient } from '../../lib/trpc';
import { errorText, orgOptions } from './shared';

type Roster = RouterOutputs['development']['evaluationRoster'];
type RosterMember = Roster['members'][number];

const REG_LABEL: Record<string, { label: string; color: string }> = {
  registered: { label: '已注册', color: 'green' },
  not_registered: { label: '不予注册', color: 'red' },
  deferred: { label: '暂缓注册', color: 'orange' },
};

/** 两制: a branch's 团员教育评议 round and its 年度团籍注册 list. */
export default function TwoSystemsPage() {
  const today = todayInShanghai();
  const [orgId, setOrgId] = useState<string>();
  const [year, setYear] = useState(Number(today.slice(0, 4)));
  const tree = useQuery(trpc.organisations.tree.queryOptions());
  const branches = useMemo(() => orgOptions(tree.data ?? [], ['branch']), [tree.data]);
  const roster = useQuery({
    ...trpc.development.evaluationRoster.queryOptions({ orgId: orgId ?? '', year }),
    enabled: !!orgId,
  });
  return (
    <>
      <PageHeader
        title="团员教育评议和团籍注册"
        subTitle="每年一次评议（三分之二以上团员参加，优秀不超过30%），基本合格及以上方可注册（《“三会两制一课”实施细则》）"
      />
      <Card style={{ marginBottom: 16 }}>
        <Space wrap>
          <TreeSelect
            style={{ width: 360 }}
            placeholder="选择团支部"
            treeData={branches}
            value={orgId}
            onChange={setOrgId}
            showSearch={{ treeNodeFilterProp: 'title' }}
            aria-label="团支部"
          />
          <InputNumber
            value={year}
            min={2000}
            max={2999}
            onChange={(v) => v && setYear(v)}
            addonAfter="年度"
          />
        </Space>
      </Card>
      {roster.error ? <Alert type="error" showIcon title={errorText(roster.error)} /> : null}
      {roster.data ? <RosterView roster={roster.data} today={today} /> : null}
    </>
  );
}

function RosterView(props: { roster: Roster; today: string }) {
  const r = props.roster;
  const qc = useQueryClient();
  const [grades, setGrades] = useState<Record<string, EvaluationGrade>>({});
  const [present, setPresent] = useState<number | null>(r.members.length);
  const [heldOn, setHeldOn] = useState(props.today);
  useEffect(() => {
    setGrades({});
    setPresent(r.members.length);
  }, [r.org.id, r.year, r.members.length]);
  const key = trpc.development.evaluationRoster.queryKey({ orgId: r.org.id, year: r.year });
  const onSuccess = (next: Roster) => qc.setQueryData(key, next);
  const record = useMutation(
    trpc.development.recordEvaluation.mutationOptions({ meta: { silent: true }, onSuccess }),
  );
  const register = useMutation(
    trpc.development.register.mutationOptions({ meta: { silent: true }, onSuccess }),
  );
  const defer = useMutation(
    trpc.development.deferRegistration.mutationOptions({ meta: { silent: true }, onSuccess }),
  );
  const reassess = useMutation(
    trpc.development.reassess.mutationOptions({ meta: { silent: true }, onSuccess }),
  );
  const error = record.error ?? register.error ?? defer.error ?? reassess.error;
  const graded = Object.values(grades);
  const excellent = graded.filter((g) => g === 'excellent').length;
  const cap = Math.floor((graded.length * Math.round(r.rules.excellentMaxPercent * 100)) / 10000);

  return (
    <Card
      title={`${r.org.name} ${r.year}年度`}
      extra={
        <Space wrap>
          <ExportButton
            label="导出评议结果"
            unit="人"
            onExport={() => trpcClient.exports.evaluation.mutate({ orgId: r.org.id, year: r.year })}
          />
          <ExportButton
            label="导出注册名单"
            unit="人"
            onExport={() => trpcClient.exports.registration.mutate({ orgId: r.org.id, year: r.year })}
          />
          {r.round ? (
            <Button
              type="primary"
              loading={register.isPending}
              onClick={() => register.mutate({ orgId: r.org.id, year: r.year, decidedOn: props.today })}
            >
              按评议结果办理注册
            </Button>
          ) : null}
        </Space>
      }
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        title={`规则：参加评议人数不少于应参加人数的${Math.abs(r.rules.quorumFraction - 2 / 3) < 1e-6 ? '三分之二' : `${Math.round(r.rules.quorumFraction * 100)}%`}；“优秀”不超过参加评议人数的${r.rules.excellentMaxPercent}%（向下取整：评议${graded.length || r.members.length}人最多${graded.length ? cap : r.excellentCapForAll}人优秀）；不合格者不予注册，${r.rules.reassessAfterMonthsMin}–${r.rules.reassessAfterMonthsMax}个月后再评议。${r.rules.source}`}
      />
      {error ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          title="不能办理"
          description={errorText(error)}
          style={{ marginBottom: 12 }}
        />
      ) : null}
      {r.round ? (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 12 }}
          title={`已于${formatDate(r.round.heldOn)}评议：应参加${r.round.entitled}人，实到${r.round.present}人`}
        />
      ) : (
        <Row gutter={12} style={{ marginBottom: 12 }} align="middle">
          <Col>
            <Input
              type="date"
              value={heldOn}
              max={props.today}
              onChange={(e) => setHeldOn(e.target.value)}
              aria-label="评议日期"
            />
          </Col>
          <Col>
            <InputNumber value={present} min={0} onChange={setPresent} addonBefore="实到" addonAfter="人" />
          </Col>
          <Col>
            已评定{graded.length}人，优秀{excellent}人
            {excellent > cap ? (
              <Tag color="red" style={{ marginLeft: 8 }}>
                超过{r.rules.excellentMaxPercent}%
              </Tag>
            ) : null}
          </Col>
          <Col>
            <Button
              type="primary"
              loading={record.isPending}
              onClick={() =>
                record.mutate({
                  orgId: r.org.id,
                  year: r.year,
                  heldOn,
                  present: present ?? 0,
                  grades: Object.entries(grades).map(([memberId, grade]) => ({ memberId, grade })),
                })
              }
            >
              提交评议结果
            </Button>
          </Col>
        </Row>
      )}
      <Table<RosterMember>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={r.members}
        locale={{ emptyText: '该团支部暂无在册团员' }}
        columns={[
          { title: '姓名', dataIndex: 'name' },
          { title: '团员编号', dataIndex: 'memberNumber', render: (v: string | null) => v ?? '—' },
          {
            title: '评议等次',
            render: (_, m) =>
              r.round ? (
                (m.gradeLabel ?? '未参加评议')
              ) : (
                <Select
                  style={{ width: 120 }}
                  placeholder="选择等次"
                  value={grades[m.id]}
                  allowClear
                  onChange={(g?: EvaluationGrade) =>
                    setGrades((cur) => {
                      const next = { ...cur };
                      if (g) next[m.id] = g;
                      else delete next[m.id];
                      return next;
                    })
                  }
                  options={EVALUATION_GRADES.map((g) => ({ value: g, label: evaluationGradeLabel[g] }))}
                />
              ),
          },
          {
            title: '团籍注册',
            render: (_, m) =>
              m.registration ? (
                <>
                  <Tag color={REG_LABEL[m.registration.status]?.color}>
                    {REG_LABEL[m.registration.status]?.label}
                  </Tag>
                  {m.registration.reassessFrom && m.registration.status === 'not_registered'
                    ? `再评议期：${formatDate(m.registration.reassessFrom)}至${formatDate(m.registration.reassessTo)}`
                    : (m.registration.reason ?? '')}
                </>
              ) : (
                '—'
              ),
          },
          {
            title: '操作',
            render: (_, m) =>
              r.round && m.registration?.status !== 'registered' ? (
                <MemberActions
                  member={m}
                  today={props.today}
                  onDefer={(reason) =>
                    defer.mutate({ memberId: m.id, year: r.year, decidedOn: props.today, reason })
                  }
                  onReassess={(grade, on) =>
                    reassess.mutate({ memberId: m.id, year: r.year, reassessedOn: on, grade })
                  }
                />
              ) : null,
          },
        ]}
      />
    </Card>
  );
}

function MemberActions(props: {
  member: RosterMember;
  today: string;
  onDefer(reason: string): void;
  onReassess(grade: EvaluationGrade, on: string): void;
}) {
  const [form] = Form.useForm();
  const reg = props.member.registration;
  if (reg && reg.status !== 'registered') {
    return (
      <Form
        form={form}
        layout="inline"
        size="small"
        onFinish={(v) => props.onReassess(v.grade, v.on)}
        initialValues={{ on: props.today }}
      >
        <Form.Item name="on" rules={[{ required: true }]}>
          <Input type="date" aria-label="再评议日期" />
        </Form.Item>
        <Form.Item name="grade" rules={[{ required: true, message: '选择等次' }]}>
          <Select
            style={{ width: 110 }}
            placeholder="再评议等次"
            options={EVALUATION_GRADES.map((g) => ({ value: g, label: evaluationGradeLabel[g] }))}
          />
        </Form.Item>
        <Button size="small" htmlType="submit">
          再评议
        </Button>
      </Form>
    );
  }
  return (
    <Form form={form} layout="inline" size="small" onFinish={(v) => props.onDefer(v.reason)}>
      <Form.Item name="reason" rules={[{ required: true, message: '填写原因' }]}>
        <Input placeholder="暂缓注册原因" />
      </Form.Item>
      <Button size="small" htmlType="submit">
        暂缓注册
      </Button>
    </Form>
  );
}
