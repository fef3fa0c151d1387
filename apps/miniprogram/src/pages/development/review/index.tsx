import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Checkbox, CheckboxGroup, Input, Label, Picker, Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { activistSourceLabel, developmentStageLabel, todayInShanghai } from '@tuanjian/domain';
import { useState } from 'react';
import { Empty, ErrorBlock, Loading } from '../../../components/states';
import { errorMessage } from '../../../lib/errors';
import { formatDate } from '../../../lib/format';
import { queryKeys } from '../../../lib/query';
import { type RouterInputs, type RouterOutputs, trpc } from '../../../lib/trpc';
import '../../login/index.css';
import '../development.css';
import { DevelopmentSteps } from '../steps';

type Detail = RouterOutputs['development']['get'];
type Advance = RouterInputs['development']['advance'];

/** Date fields of each step, with their labels. */
const DATE_FIELDS: Record<string, [string, string][]> = {
  talked: [['talkOn', '谈话日期']],
  activist: [
    ['activistOn', '支部委员会确定日期'],
    ['noticeOn', '公示日期'],
  ],
  candidate: [['candidateOn', '确定为发展对象日期']],
  prechecked: [
    ['precheckOn', '上级团委预审日期'],
    ['volunteerFormOn', '发放入团志愿书日期'],
  ],
  introduced: [['introducedOn', '确定日期']],
  voted: [['meetingOn', '支部团员大会日期']],
  approved: [['approvedOn', '批准日期']],
  sworn: [['oathOn', '入团宣誓日期']],
};

/** 入团申请审批: the applications waiting for the secretary; tap one to take its next step. */
export default function ReviewPage() {
  const waiting = useQuery({
    queryKey: ['development', 'waiting'],
    queryFn: () => trpc.development.waiting.query(),
  });
  const [openId, setOpenId] = useState<string | null>(null);
  usePullDownRefresh(() => {
    void waiting.refetch().finally(() => Taro.stopPullDownRefresh());
  });
  if (waiting.isPending) return <Loading />;
  if (waiting.error) return <ErrorBlock error={waiting.error} onRetry={() => void waiting.refetch()} />;
  if (waiting.data.length === 0) {
    return (
      <View className="page">
        <Empty title="没有待办的入团申请" text="有新的入团申请或需要推进的环节时会显示在这里。" />
      </View>
    );
  }
  return (
    <View className="page">
      <View className="card">
        {waiting.data.map((a) => (
          <View key={a.id} className="dev-item" onClick={() => setOpenId(openId === a.id ? null : a.id)}>
            <Text className="dev-step-title">{a.name}</Text>
            <Text className="dev-step-sub">
              {a.orgName} · 已完成：{a.stageLabel} · 下一步：
              {a.nextStage ? developmentStageLabel[a.nextStage] : '—'}
              {a.talkOverdue ? ' · 谈话已超期' : ''}
            </Text>
          </View>
        ))}
      </View>
      {openId ? <ApplicationCard id={openId} /> : null}
    </View>
  );
}

function ApplicationCard({ id }: { id: string }) {
  const detail = useQuery({
    queryKey: ['development', 'get', id],
    queryFn: () => trpc.development.get.query({ id }),
  });
  if (detail.isPending) return <Loading />;
  if (detail.error) return <ErrorBlock error={detail.error} onRetry={() => void detail.refetch()} />;
  const a = detail.data;
  return (
    <View className="card">
      <Text className="card-title">{a.name}的入团申请</Text>
      <Text className="muted">
        {a.orgName} · {formatDate(a.appliedOn)}申请 · 团课 {a.lessonHours} 学时
      </Text>
      <DevelopmentSteps timeline={a.timeline} />
      {a.nextStage && a.canAdvance ? <StepForm key={`${a.id}-${a.stage}`} app={a} /> : null}
      {a.nextStage && !a.canAdvance ? (
        <Text className="muted">下一步需由上级团委或区县团委办理。</Text>
      ) : null}
    </View>
  );
}

function StepForm({ app }: { app: Detail }) {
  const qc = useQueryClient();
  const step = app.nextStage!;
  const today = todayInShanghai();
  const [dates, setDates] = useState<Record<string, string>>({});
  const [counts, setCounts] = useState<Record<string, string>>({});
  const [source, setSource] = useState(0);
  const [introducers, setIntroducers] = useState<string[]>([]);
  const [lesson, setLesson] = useState({ heldOn: today, hours: '2', topic: '' });
  const [error, setError] = useState<string | null>(null);
  const summary = useQuery({
    queryKey: queryKeys.homeSummary,
    queryFn: () => trpc.home.summary.query(),
    enabled: step === 'introduced',
  });
  const refresh = async () => {
    setError(null);
    await qc.invalidateQueries({ queryKey: ['development'] });
  };
  const advance = useMutation({
    mutationFn: (input: Advance) => trpc.development.advance.mutate(input),
    onSuccess: async () => {
      await Taro.showToast({ title: '已办理', icon: 'success', duration: 1200 });
      await refresh();
    },
    onError: (e) => setError(errorMessage(e)),
  });
  const addLesson = useMutation({
    mutationFn: () =>
      trpc.development.addLesson.mutate({
        applicationId: app.id,
        heldOn: lesson.heldOn,
        hours: Number(lesson.hours),
        topic: lesson.topic.trim() || '团课',
      }),
    onSuccess: refresh,
    onError: (e) => setError(errorMessage(e)),
  });
  const fields = DATE_FIELDS[step] ?? [];
  const submit = () => {
    const missing = fields.find(([k]) => !dates[k]);
    if (missing) {
      setError(`请选择${missing[1]}`);
      return;
    }
    const input: Record<string, unknown> = { id: app.id, step, ...dates };
    if (step === 'activist') input.source = source === 0 ? 'recommendation' : 'pioneer';
    if (step === 'introduced') input.introducerIds = introducers;
    if (step === 'voted') {
      for (const k of ['entitled', 'present', 'yes', 'no']) input[k] = Number(counts[k] ?? 0);
    }
    advance.mutate(input as Advance);
  };
  return (
    <View>
      <Text className="section-title">下一步：{developmentStageLabel[step]}</Text>
      {error ? <View className="error-block">{error}</View> : null}
      {fields.map(([k, label]) => (
        <View className="field" key={k}>
          <Text className="field-label">{label}</Text>
          <Picker
            mode="date"
            value={dates[k] ?? today}
            end={today}
            onChange={(e) => setDates({ ...dates, [k]: String(e.detail.value) })}
          >
            <View className="field-input">{dates[k] ?? '请选择'}</View>
          </Picker>
        </View>
      ))}
      {step === 'activist' ? (
        <View className="field">
          <Text className="field-label">产生方式</Text>
          <Picker
            mode="selector"
            range={Object.values(activistSourceLabel)}
            value={source}
            onChange={(e) => setSource(Number(e.detail.value))}
          >
            <View className="field-input">{Object.values(activistSourceLabel)[source]}</View>
          </Picker>
        </View>
      ) : null}
      {step === 'voted'
        ? (
            [
              ['entitled', '应到人数'],
              ['present', '实到人数'],
              ['yes', '赞成票'],
              ['no', '反对票'],
            ] as const
          ).map(([k, label]) => (
            <View className="field" key={k}>
              <Text className="field-label">{label}</Text>
              <Input
                className="field-input"
                type="number"
                value={counts[k] ?? ''}
                onInput={(e) => setCounts({ ...counts, [k]: e.detail.value })}
              />
            </View>
          ))
        : null}
      {step === 'introduced' ? (
        <View className="field">
          <Text className="field-label">入团介绍人（选{app.rules.development.introducers}名正式团员）</Text>
          <CheckboxGroup onChange={(e) => setIntroducers(e.detail.value as string[])}>
            {(summary.data?.members ?? [])
              .filter((m) => m.memberNumber)
              .map((m) => (
                <Label key={m.id} className="row">
                  <Checkbox value={m.id} checked={introducers.includes(m.id)} />
                  <Text>{m.name}</Text>
                </Label>
              ))}
          </CheckboxGroup>
        </View>
      ) : null}
      {step === 'candidate' ? (
        <View className="dev-rule">
          培养满{app.rules.development.cultivationMonths}个月（最早{formatDate(app.cultivationEndsOn)}
          ）且团课不少于
          {app.rules.development.lessonHours}学时（已{app.lessonHours}学时）。
          <View className="field">
            <Input
              className="field-input"
              placeholder="团课主题"
              value={lesson.topic}
              onInput={(e) => setLesson({ ...lesson, topic: e.detail.value })}
            />
            <Picker
              mode="date"
              value={lesson.heldOn}
              end={today}
              onChange={(e) => setLesson({ ...lesson, heldOn: String(e.detail.value) })}
            >
              <View className="field-input">团课日期 {lesson.heldOn}</View>
            </Picker>
            <Input
              className="field-input"
              type="digit"
              value={lesson.hours}
              onInput={(e) => setLesson({ ...lesson, hours: e.detail.value })}
            />
            <Button className="btn btn-default" onClick={() => addLesson.mutate()}>
              记录团课
            </Button>
          </View>
        </View>
      ) : null}
      <Button className={advance.isPending ? 'btn btn-primary btn-busy' : 'btn btn-primary'} onClick={submit}>
        确认{developmentStageLabel[step]}
      </Button>
    </View>
  );
}
