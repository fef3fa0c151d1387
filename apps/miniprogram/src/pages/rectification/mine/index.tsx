import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Text, Textarea, View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { todayInShanghai } from '@tuanjian/domain';
import { useState } from 'react';
import { PhotoPicker } from '../../../components/photo-picker';
import { ErrorBlock, Loading } from '../../../components/states';
import { trpc } from '../../../lib/trpc';
import '../../meetings/meetings.css';

type Source = 'member' | 'self' | 'peer';
type Checklist = Awaited<ReturnType<typeof trpc.rectification.checklist.query>>;
type Task = Awaited<ReturnType<typeof trpc.rectification.tasks.query>>[number];

/**
 * 整理整顿 (RECT): a member gives 团员提 for the own branch (once, anonymous); a branch secretary does
 * 支部查, the 互相评 it was assigned, and reports its 整改任务 done with evidence photos.
 */
export default function RectificationMinePage() {
  const qc = useQueryClient();
  const year = Number(todayInShanghai().slice(0, 4));
  const forms = useQuery({
    queryKey: ['rectification', 'myForms', year],
    queryFn: () => trpc.rectification.myForms.query({ year }),
  });
  const checklist = useQuery({
    queryKey: ['rectification', 'checklist', year],
    queryFn: () => trpc.rectification.checklist.query({ year }),
  });
  const secretary = Boolean(forms.data?.self || forms.data?.peers.length);
  const tasks = useQuery({
    queryKey: ['rectification', 'tasks', year],
    queryFn: () => trpc.rectification.tasks.query({ year }),
    enabled: secretary,
    retry: false,
  });
  const refresh = () => void qc.invalidateQueries({ queryKey: ['rectification'] });
  usePullDownRefresh(() => {
    void Promise.allSettled([forms.refetch(), tasks.refetch()]).finally(() => Taro.stopPullDownRefresh());
  });
  if (forms.isPending || checklist.isPending) return <Loading />;
  if (forms.error) return <ErrorBlock error={forms.error} onRetry={() => void forms.refetch()} />;
  if (checklist.error) return <ErrorBlock error={checklist.error} onRetry={() => void checklist.refetch()} />;
  const f = forms.data;
  const c = checklist.data;
  const nothing = !f.member && !f.self && f.peers.length === 0;
  return (
    <View className="page">
      {nothing ? (
        <View className="card">
          <Text className="muted">{year}年度尚未开展体检，或当前身份不需要评价。</Text>
        </View>
      ) : null}
      {f.member ? (
        <View className="card" id="rect-member">
          <Text className="card-title">团员提 · {f.member.orgName}</Text>
          {f.member.submitted ? (
            <Text className="muted">您已提交本年度评价，感谢参与。评价匿名，支部看不到是谁提交的。</Text>
          ) : (
            <GradeForm
              checklist={c}
              healthCheckId={f.member.id}
              source="member"
              hint="匿名评价，每人一次，支部看不到是谁提交的。"
              onDone={refresh}
            />
          )}
        </View>
      ) : null}
      {f.self ? (
        <View className="card" id="rect-self">
          <Text className="card-title">
            支部查 · {f.self.orgName}
            {f.self.submitted ? '（已提交，可重新提交）' : ''}
          </Text>
          <GradeForm checklist={c} healthCheckId={f.self.id} source="self" onDone={refresh} />
        </View>
      ) : null}
      {f.peers.map((p) => (
        <View className="card" key={p.id}>
          <Text className="card-title">
            互相评 · {p.orgName}
            {p.submitted ? '（已提交）' : ''}
          </Text>
          <GradeForm checklist={c} healthCheckId={p.id} source="peer" onDone={refresh} />
        </View>
      ))}
      {secretary && tasks.data ? (
        <View className="card" id="rect-tasks">
          <Text className="card-title">整改任务清单</Text>
          {tasks.data.length === 0 ? <Text className="muted">暂无整改任务。</Text> : null}
          {tasks.data.map((t) => (
            <TaskCard key={t.id} task={t} onDone={refresh} />
          ))}
        </View>
      ) : null}
    </View>
  );
}

function GradeForm(props: {
  checklist: Checklist;
  healthCheckId: string;
  source: Source;
  hint?: string;
  onDone(): void;
}) {
  const [grades, setGrades] = useState<Record<string, string>>({});
  const [notes, setNotes] = useState('');
  const [error, setError] = useState<string | null>(null);
  const items = props.checklist.checklist.groups.flatMap((g) => g.items);
  const submit = useMutation({
    mutationFn: () =>
      trpc.rectification.submit.mutate({
        healthCheckId: props.healthCheckId,
        source: props.source,
        grades,
        notes: notes || null,
      }),
    onSuccess: () => {
      setError(null);
      void Taro.showToast({ title: '已提交', icon: 'success' });
      props.onDone();
    },
    onError: (e) => setError(e.message),
  });
  return (
    <View>
      {props.hint ? <Text className="muted">{props.hint}</Text> : null}
      {items.map((i) => (
        <View key={i.key} className="mt-cell">
          <View className="mt-cell-main">
            <Text>{i.label}</Text>
            <View>
              {props.checklist.checklist.grades.map((g) => (
                <Text
                  key={g.key}
                  className={grades[i.key] === g.key ? 'chip chip-active' : 'chip'}
                  style={{ marginRight: '12px', fontWeight: grades[i.key] === g.key ? 'bold' : 'normal' }}
                  onClick={() => setGrades({ ...grades, [i.key]: g.key })}
                >
                  {grades[i.key] === g.key ? '● ' : '○ '}
                  {g.label}
                </Text>
              ))}
            </View>
          </View>
        </View>
      ))}
      <Textarea
        value={notes}
        placeholder="意见建议（选填）"
        maxlength={1000}
        onInput={(e) => setNotes(e.detail.value)}
      />
      {error ? <Text className="error">{error}</Text> : null}
      <Button
        type="primary"
        loading={submit.isPending}
        disabled={Object.keys(grades).length < items.length}
        onClick={() => submit.mutate()}
      >
        {Object.keys(grades).length < items.length ? `请评价全部${items.length}项` : '提交评价'}
      </Button>
    </View>
  );
}

function TaskCard(props: { task: Task; onDone(): void }) {
  const t = props.task;
  const [evidence, setEvidence] = useState(t.evidence ?? '');
  const [fileIds, setFileIds] = useState<string[]>(t.evidenceFiles.map((x) => x.id));
  const [error, setError] = useState<string | null>(null);
  const submit = useMutation({
    mutationFn: () =>
      trpc.rectification.submitEvidence.mutate({ id: t.id, evidence: evidence || null, fileIds }),
    onSuccess: () => {
      setError(null);
      void Taro.showToast({ title: '已提交，待上级销号', icon: 'none' });
      props.onDone();
    },
    onError: (e) => setError(e.message),
  });
  const editable = t.status === 'open' || t.status === 'overdue';
  return (
    <View className="mt-cell" style={{ display: 'block' }}>
      <Text className="mt-cell-title">{t.title}</Text>
      <Text className="muted">
        责任人 {t.ownerName} · 时限 {t.deadline} · {t.statusLabel}
      </Text>
      {editable ? (
        <View>
          <Textarea
            value={evidence}
            placeholder="整改情况"
            maxlength={2000}
            onInput={(e) => setEvidence(e.detail.value)}
          />
          <PhotoPicker value={fileIds} onChange={setFileIds} files={t.evidenceFiles} max={20} />
          {error ? <Text className="error">{error}</Text> : null}
          <Button type="primary" loading={submit.isPending} onClick={() => submit.mutate()}>
            提交整改情况
          </Button>
        </View>
      ) : t.evidence ? (
        <Text className="muted">{t.evidence}</Text>
      ) : null}
    </View>
  );
}
