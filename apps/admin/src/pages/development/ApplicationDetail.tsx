import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { activistSourceLabel, developmentStageLabel, genderLabel, todayInShanghai } from '@tuanjian/domain';
import {
  Alert,
  Breadcrumb,
  Button,
  Card,
  Col,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Steps,
  Table,
  Tag,
  Typography,
} from 'antd';
import { Link, useParams } from 'react-router-dom';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import type { RouterInputs, RouterOutputs } from '../../lib/api-types';
import { formatDate } from '../../lib/format';
import { trpc } from '../../lib/trpc';
import { errorText, STAGE_COLOR } from './shared';

type Detail = RouterOutputs['development']['get'];
type Advance = RouterInputs['development']['advance'];

export default function ApplicationDetailPage() {
  const { id = '' } = useParams();
  const app = useQuery(trpc.development.get.queryOptions({ id }));
  if (app.isPending) return <Loading />;
  if (app.error || !app.data)
    return <Alert type="error" showIcon title={errorText(app.error) ?? '入团申请不存在'} />;
  const a = app.data;
  const current = a.timeline.findIndex((s) => !s.done);
  return (
    <>
      <Breadcrumb
        style={{ marginBottom: 8 }}
        items={[{ title: <Link to="/development">发展团员</Link> }, { title: a.name }]}
      />
      <PageHeader
        title={`${a.name}的入团申请`}
        subTitle={
          <>
            <Tag color={STAGE_COLOR[a.stage]}>{a.stageLabel}</Tag>
            {a.talkOverdue ? <Tag color="red">谈话超期（应于{formatDate(a.talkDueBy)}前）</Tag> : null}
            {a.memberNumber ? (
              <span>
                团员编号{' '}
                <Typography.Text strong data-testid="member-number">
                  {a.memberNumber}
                </Typography.Text>
              </span>
            ) : null}
          </>
        }
      />
      <Row gutter={16}>
        <Col xs={24} lg={9}>
          <Card title="基本信息" style={{ marginBottom: 16 }}>
            <Descriptions column={1} size="small">
              <Descriptions.Item label="性别">{genderLabel[a.gender]}</Descriptions.Item>
              <Descriptions.Item label="出生日期">{formatDate(a.birthDate)}</Descriptions.Item>
              <Descriptions.Item label="团支部">{a.orgName}</Descriptions.Item>
              <Descriptions.Item label="学校或单位">{a.unitName ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="批准团委">{a.approvingOrg?.name ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="团籍起算">
                {a.joinDate ? formatDate(a.joinDate) : '—'}
              </Descriptions.Item>
              {a.activistSource ? (
                <Descriptions.Item label="积极分子产生方式">
                  {activistSourceLabel[a.activistSource]}
                </Descriptions.Item>
              ) : null}
            </Descriptions>
          </Card>
          <Card title="发展进程">
            <Steps
              direction="vertical"
              size="small"
              current={current === -1 ? a.timeline.length : current}
              items={a.timeline.map((s) => ({
                title: s.label,
                description: s.done ? `${formatDate(s.date)}${s.detail ? ` · ${s.detail}` : ''}` : undefined,
              }))}
            />
          </Card>
        </Col>
        <Col xs={24} lg={15}>
          <NextStepCard app={a} />
          {a.stage === 'activist' || a.lessons.length > 0 ? <LessonsCard app={a} /> : null}
        </Col>
      </Row>
    </>
  );
}

/** The rule the next step applies, in words, with its numbers from rule data. */
function ruleText(a: Detail): string {
  const r = a.rules;
  switch (a.nextStage) {
    case 'talked':
      return `收到入团申请后${r.development.applicationTalkWithinMonths}个月内派人谈话（应于${formatDate(a.talkDueBy)}前）。`;
    case 'activist':
      return '经团员推荐或少先队推优，由支部委员会研究确定入团积极分子，并予以公示。';
    case 'candidate':
      return `入团积极分子经过${r.development.cultivationMonths}个月以上培养教育、团课学习不少于${r.development.lessonHours}学时，方可确定为发展对象${
        a.cultivationEndsOn ? `（最早${formatDate(a.cultivationEndsOn)}，已记录${a.lessonHours}学时）` : ''
      }。`;
    case 'prechecked':
      return '发展对象报上级团委预审，预审合格后发放《入团志愿书》（须由上级团委办理）。';
    case 'introduced':
      return `发展对象须有${r.development.introducers}名正式团员作入团介绍人。`;
    case 'voted':
      return `支部团员大会讨论表决：到会人数须超过应到会有表决权团员的${Math.round(r.vote.quorumMoreThanFraction * 100)}%，赞成票超过应到会有表决权团员的${Math.round(
        r.vote.passMoreThanFraction * 100,
      )}%方为通过；团龄自大会通过之日起计算。`;
    case 'approved':
      return `上级团委批准：批准时年满${r.joiningAge.minAge}周岁、不超过${r.joiningAge.maxAge}周岁；批准时从本团委号段中分配团员编号，无号段不得批准（无编号团员不得存在）。`;
    case 'sworn':
      return '批准入团后，由团支部组织新团员进行入团宣誓。';
    default:
      return '';
  }
}

function NextStepCard(props: { app: Detail }) {
  const a = props.app;
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const today = todayInShanghai();
  const advance = useMutation(
    trpc.development.advance.mutationOptions({
      meta: { silent: true },
      onSuccess: (next) => {
        qc.setQueryData(trpc.development.get.queryKey({ id: a.id }), next);
        qc.invalidateQueries({ queryKey: trpc.development.list.queryKey() });
        form.resetFields();
      },
    }),
  );
  const members = useQuery({
    ...trpc.members.list.queryOptions({ orgId: a.orgId, pageSize: 200, status: 'active' }),
    enabled: a.nextStage === 'introduced',
  });
  if (!a.nextStage) {
    return (
      <Card title="发展程序已完成" style={{ marginBottom: 16 }}>
        <Alert type="success" showIcon title={`已批准入团，团员编号 ${a.memberNumber}`} />
      </Card>
    );
  }
  const step = a.nextStage;
  const date = (name: string, label: string) => (
    <Form.Item label={label} name={name} rules={[{ required: true, message: `请填写${label}` }]}>
      <Input type="date" max={today} />
    </Form.Item>
  );
  return (
    <Card title={`下一步：${developmentStageLabel[step]}`} style={{ marginBottom: 16 }}>
      <Alert
        type="info"
        showIcon
        title="适用规则（《发展团员工作细则》）"
        description={ruleText(a)}
        style={{ marginBottom: 16 }}
      />
      {!a.canAdvance ? (
        <Alert
          type="warning"
          showIcon
          title="此环节需由上级团委或区县团委办理，您可以查看进度。"
          style={{ marginBottom: 16 }}
        />
      ) : null}
      {advance.error ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          title="不能办理"
          description={errorText(advance.error)}
          style={{ marginBottom: 16 }}
        />
      ) : null}
      <Form
        form={form}
        layout="vertical"
        name={`advance-${step}`}
        disabled={!a.canAdvance}
        initialValues={{ entitled: undefined, no: 0 }}
        onFinish={(v) => advance.mutate({ id: a.id, step, ...v } as Advance)}
      >
        {step === 'talked' ? date('talkOn', '谈话日期') : null}
        {step === 'activist' ? (
          <>
            {date('activistOn', '支部委员会确定日期')}
            <Form.Item label="产生方式" name="source" rules={[{ required: true, message: '请选择产生方式' }]}>
              <Select
                options={Object.entries(activistSourceLabel).map(([value, label]) => ({ value, label }))}
              />
            </Form.Item>
            {date('noticeOn', '公示日期')}
          </>
        ) : null}
        {step === 'candidate' ? date('candidateOn', '确定为发展对象日期') : null}
        {step === 'prechecked' ? (
          <>
            {date('precheckOn', '上级团委预审日期')}
            {date('volunteerFormOn', '发放入团志愿书日期')}
          </>
        ) : null}
        {step === 'introduced' ? (
          <>
            <Form.Item
              label="入团介绍人"
              name="introducerIds"
              rules={[{ required: true, message: '请选择入团介绍人' }]}
            >
              <Select
                mode="multiple"
                loading={members.isPending}
                optionFilterProp="label"
                options={(members.data?.items ?? [])
                  .filter((m) => m.memberNumber)
                  .map((m) => ({ value: m.id, label: `${m.name}（${m.memberNumber}）` }))}
              />
            </Form.Item>
            {date('introducedOn', '确定日期')}
          </>
        ) : null}
        {step === 'voted' ? (
          <>
            {date('meetingOn', '支部团员大会日期')}
            <Row gutter={12}>
              {(
                [
                  ['entitled', '应到人数'],
                  ['present', '实到人数'],
                  ['yes', '赞成票'],
                  ['no', '反对票'],
                ] as const
              ).map(([name, label]) => (
                <Col span={6} key={name}>
                  <Form.Item
                    label={label}
                    name={name}
                    rules={[{ required: true, message: `请填写${label}` }]}
                  >
                    <InputNumber min={0} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
              ))}
            </Row>
          </>
        ) : null}
        {step === 'approved' ? date('approvedOn', '批准日期') : null}
        {step === 'sworn' ? date('oathOn', '入团宣誓日期') : null}
        <Button type="primary" htmlType="submit" loading={advance.isPending}>
          确认{developmentStageLabel[step]}
        </Button>
      </Form>
    </Card>
  );
}

function LessonsCard(props: { app: Detail }) {
  const a = props.app;
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const add = useMutation(
    trpc.development.addLesson.mutationOptions({
      meta: { silent: true },
      onSuccess: (next) => {
        qc.setQueryData(trpc.development.get.queryKey({ id: a.id }), next);
        form.resetFields();
      },
    }),
  );
  return (
    <Card
      title={`团课学习（已记录 ${a.lessonHours} 学时，要求不少于 ${a.rules.development.lessonHours} 学时）`}
    >
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={a.lessons}
        columns={[
          { title: '日期', dataIndex: 'heldOn', render: (d: string) => formatDate(d) },
          { title: '主题', dataIndex: 'topic' },
          { title: '学时', dataIndex: 'hours' },
        ]}
        locale={{ emptyText: '尚未记录团课' }}
        style={{ marginBottom: 16 }}
      />
      {a.stage === 'activist' && a.canAdvance ? (
        <>
          {add.error ? (
            <Alert type="error" showIcon title={errorText(add.error)} style={{ marginBottom: 12 }} />
          ) : null}
          <Form
            form={form}
            layout="inline"
            name="add-lesson"
            onFinish={(v) => add.mutate({ applicationId: a.id, ...v })}
          >
            <Form.Item name="heldOn" rules={[{ required: true, message: '请填写日期' }]}>
              <Input type="date" aria-label="团课日期" />
            </Form.Item>
            <Form.Item name="topic" rules={[{ required: true, message: '请填写主题' }]}>
              <Input placeholder="团课主题" />
            </Form.Item>
            <Form.Item name="hours" rules={[{ required: true, message: '请填写学时' }]}>
              <InputNumber min={0.5} max={24} step={0.5} placeholder="学时" />
            </Form.Item>
            <Button htmlType="submit" loading={add.isPending}>
              记录团课
            </Button>
          </Form>
        </>
      ) : null}
    </Card>
  );
}
