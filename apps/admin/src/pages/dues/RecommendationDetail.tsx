import { PrinterOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { RECOMMENDATION_STAGES, recommendationStageLabel, todayInShanghai } from '@tuanjian/domain';
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
  InputNumber,
  Radio,
  Row,
  Space,
  Steps,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { Link, useParams } from 'react-router-dom';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import type { RouterOutputs } from '../../lib/api-types';
import { formatDate } from '../../lib/format';
import { trpc } from '../../lib/trpc';
import { EligibilityChecks, STAGE_COLOR } from './Recommendations';
import { errorText } from './shared';

type Detail = RouterOutputs['recommendations']['get'];
const FLOW = RECOMMENDATION_STAGES.filter((s) => s !== 'rejected');

const RULE_TEXT: Record<string, string> = {
  vote: '推优大会须有超过半数的团员到会；赞成票超过应到会团员半数方为通过（无记名投票）。',
  review: '上级团组织或支部对推优对象的条件和程序进行审查。',
  publicize: '推优结果在一定范围内公示，公示期满无异议后报上级审批。',
  approve: '由上级团组织审批，公示期满后方可审批；推荐有效期2年。',
  send: '经批准的推优对象推荐至党组织，作为入党积极分子的人选。',
};

export default function RecommendationDetailPage() {
  const { id = '' } = useParams();
  const detail = useQuery(trpc.recommendations.get.queryOptions({ id }));
  if (detail.isLoading) return <Loading />;
  const d = detail.data;
  if (!d) return <Alert type="error" message={errorText(detail.error) ?? '推优记录不存在'} />;
  const current = d.stage === 'rejected' ? d.events.length - 1 : FLOW.indexOf(d.stage);
  return (
    <>
      <PageHeader
        title={`推优入党：${d.member.name}`}
        subTitle={
          <Space>
            <Link to="/recommendations">返回列表</Link>
            <Tag color={STAGE_COLOR[d.stage]}>{d.stageLabel}</Tag>
          </Space>
        }
        extra={
          <Link to={`/recommendations/${d.id}/print`}>
            <Button icon={<PrinterOutlined aria-hidden />}>打印培养考察表</Button>
          </Link>
        }
      />
      <Card style={{ marginBottom: 16 }}>
        <Steps
          current={current}
          status={d.stage === 'rejected' ? 'error' : d.stage === 'sent' ? 'finish' : 'process'}
          items={FLOW.map((s) => ({ title: recommendationStageLabel(s) }))}
          size="small"
        />
        {d.rejectedReason ? (
          <Alert type="error" showIcon style={{ marginTop: 16 }} message={d.rejectedReason} />
        ) : null}
      </Card>
      <Row gutter={16}>
        <Col xs={24} lg={14}>
          <Card title="推优对象" style={{ marginBottom: 16 }}>
            <Descriptions column={2} size="small">
              <Descriptions.Item label="姓名">{d.member.name}</Descriptions.Item>
              <Descriptions.Item label="团员编号">{d.member.memberNumber ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="出生日期">{formatDate(d.member.birthDate)}</Descriptions.Item>
              <Descriptions.Item label="年龄">{d.member.age}岁</Descriptions.Item>
              <Descriptions.Item label="入团日期">{formatDate(d.member.joinDate)}</Descriptions.Item>
              <Descriptions.Item label="递交入党申请书">
                {formatDate(d.partyApplicationDate)}
              </Descriptions.Item>
              <Descriptions.Item label="团支部" span={2}>
                {d.member.orgName}
              </Descriptions.Item>
              {d.validUntil ? (
                <Descriptions.Item label="推荐有效期至">{formatDate(d.validUntil)}</Descriptions.Item>
              ) : null}
              {d.partyOrgName ? <Descriptions.Item label="推荐至">{d.partyOrgName}</Descriptions.Item> : null}
            </Descriptions>
            <Typography.Title level={5} style={{ marginTop: 12 }}>
              推优条件（提名日 {formatDate(d.eligibility.onDate)}，{d.eligibility.source}）
            </Typography.Title>
            <EligibilityChecks checks={d.eligibility.checks} />
          </Card>
          {d.nextAction ? <StepForm detail={d} /> : null}
          {d.stage === 'sent' ? <AdmissionCard detail={d} /> : null}
        </Col>
        <Col xs={24} lg={10}>
          <Card title="办理记录">
            <ol style={{ margin: 0, paddingLeft: 20 }} data-testid="timeline">
              {d.events.map((e) => (
                <li key={e.id} style={{ marginBottom: 8 }}>
                  <Typography.Text strong>{formatDate(e.onDate)}</Typography.Text>
                  <div>{e.detail}</div>
                  <Typography.Text type="secondary">{e.userName ?? ''}</Typography.Text>
                </li>
              ))}
            </ol>
          </Card>
        </Col>
      </Row>
    </>
  );
}

function StepForm(props: { detail: Detail }) {
  const d = props.detail;
  const action = d.nextAction as NonNullable<Detail['nextAction']>;
  const { message } = App.useApp();
  const qc = useQueryClient();
  const step = useMutation(
    trpc.recommendations.step.mutationOptions({
      meta: { silent: true },
      onSuccess: (r) => {
        message.success(r.message);
        qc.invalidateQueries({ queryKey: trpc.recommendations.pathKey() });
      },
    }),
  );
  const today = dayjs(todayInShanghai());
  const fmt = (v: dayjs.Dayjs) => v.format('YYYY-MM-DD');
  type V = {
    on: dayjs.Dayjs;
    to?: dayjs.Dayjs;
    entitled?: number;
    present?: number;
    yes?: number;
    pass?: boolean;
    note?: string;
    approvedBy?: string;
    partyOrgName?: string;
  };
  const submit = (v: V) => {
    switch (action) {
      case 'vote':
        return step.mutate({
          id: d.id,
          action,
          voteOn: fmt(v.on),
          entitled: v.entitled ?? 0,
          present: v.present ?? 0,
          yes: v.yes ?? 0,
        });
      case 'review':
        return step.mutate({ id: d.id, action, reviewedOn: fmt(v.on), pass: v.pass ?? true, note: v.note });
      case 'publicize':
        return step.mutate({ id: d.id, action, from: fmt(v.on), to: fmt(v.to ?? v.on) });
      case 'approve':
        return step.mutate({ id: d.id, action, approvedOn: fmt(v.on), approvedBy: v.approvedBy ?? '' });
      case 'send':
        return step.mutate({ id: d.id, action, sentOn: fmt(v.on), partyOrgName: v.partyOrgName ?? '' });
    }
  };
  return (
    <Card title={`下一步：${d.nextActionLabel}`} style={{ marginBottom: 16 }}>
      <Alert type="info" showIcon message={`规则：${RULE_TEXT[action]}`} style={{ marginBottom: 12 }} />
      {step.error ? (
        <Alert
          type="error"
          showIcon
          message={errorText(step.error)}
          style={{ marginBottom: 12 }}
          data-testid="step-error"
        />
      ) : null}
      <Form<V>
        key={action}
        layout="vertical"
        name={`step-${action}`}
        initialValues={{ on: today, to: today.add(6, 'day'), pass: true, approvedBy: '', partyOrgName: '' }}
        onFinish={submit}
      >
        <Form.Item
          label={action === 'publicize' ? '公示开始日期' : '日期'}
          name="on"
          rules={[{ required: true, message: '请选择日期' }]}
        >
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        {action === 'vote' ? (
          <Row gutter={12}>
            <Col span={8}>
              <Form.Item label="应到会团员" name="entitled" rules={[{ required: true, message: '请填写' }]}>
                <InputNumber min={1} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item label="实到会" name="present" rules={[{ required: true, message: '请填写' }]}>
                <InputNumber min={0} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item label="赞成票" name="yes" rules={[{ required: true, message: '请填写' }]}>
                <InputNumber min={0} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
        ) : null}
        {action === 'review' ? (
          <>
            <Form.Item label="审查结果" name="pass">
              <Radio.Group
                options={[
                  { value: true, label: '通过' },
                  { value: false, label: '不通过' },
                ]}
              />
            </Form.Item>
            <Form.Item label="审查意见" name="note">
              <Input.TextArea rows={2} maxLength={500} />
            </Form.Item>
          </>
        ) : null}
        {action === 'publicize' ? (
          <Form.Item label="公示结束日期" name="to" rules={[{ required: true, message: '请选择日期' }]}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        ) : null}
        {action === 'approve' ? (
          <Form.Item
            label="审批组织"
            name="approvedBy"
            rules={[{ required: true, message: '请填写审批组织' }]}
          >
            <Input maxLength={100} />
          </Form.Item>
        ) : null}
        {action === 'send' ? (
          <Form.Item
            label="接收的党组织"
            name="partyOrgName"
            rules={[{ required: true, message: '请填写党组织名称' }]}
          >
            <Input maxLength={100} />
          </Form.Item>
        ) : null}
        <Button type="primary" htmlType="submit" loading={step.isPending}>
          提交：{d.nextActionLabel}
        </Button>
      </Form>
    </Card>
  );
}

function AdmissionCard(props: { detail: Detail }) {
  const d = props.detail;
  const { message } = App.useApp();
  const qc = useQueryClient();
  const record = useMutation(
    trpc.recommendations.recordAdmission.mutationOptions({
      meta: { silent: true },
      onSuccess: (r) => {
        message.success(
          `已登记入党，入党时${r.ageAtJoining}岁${r.viaRecommendation ? '，计入推优入党' : ''}`,
        );
        qc.invalidateQueries({ queryKey: trpc.recommendations.pathKey() });
      },
    }),
  );
  if (d.admission) {
    return (
      <Card title="入党情况" style={{ marginBottom: 16 }}>
        {formatDate(d.admission.joinedOn)}入党，时年{d.admission.ageAtJoining}岁
        {d.admission.viaThis ? '（经本次推优）' : ''}
      </Card>
    );
  }
  return (
    <Card title="登记入党（用于推优入党统计）" style={{ marginBottom: 16 }}>
      {record.error ? (
        <Alert type="error" showIcon message={errorText(record.error)} style={{ marginBottom: 12 }} />
      ) : null}
      <Form<{ on: dayjs.Dayjs }>
        layout="inline"
        name="admission"
        initialValues={{ on: dayjs(todayInShanghai()) }}
        onFinish={(v) => record.mutate({ memberId: d.member.id, joinedOn: v.on.format('YYYY-MM-DD') })}
      >
        <Form.Item label="入党日期" name="on" rules={[{ required: true, message: '请选择日期' }]}>
          <DatePicker disabledDate={(x) => x.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Button htmlType="submit" loading={record.isPending}>
          登记
        </Button>
      </Form>
    </Card>
  );
}
