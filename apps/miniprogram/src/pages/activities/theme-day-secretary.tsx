import { useMutation, useQuery } from '@tanstack/react-query';
import { Button, Image, Input, Text, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { formatPermille } from '@tuanjian/domain';
import { useState } from 'react';
import { PhotoPicker } from '../../components/photo-picker';
import { ErrorBlock, Loading } from '../../components/states';
import { toastError } from '../../lib/errors';
import { type RouterOutputs, trpc } from '../../lib/trpc';

type Detail = NonNullable<RouterOutputs['themeDays']['forBranch']['themeDay']>;

export const secretaryThemeDayKey = ['themeDays', 'forBranch'] as const;

function time(d: Date | string | null): string {
  if (!d) return '';
  return new Intl.DateTimeFormat('zh-CN', {
    timeZone: 'Asia/Shanghai',
    month: 'long',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(new Date(d));
}

/**
 * 本月主题团日 for a branch secretary: create, the seven required actions with evidence, a
 * self-chosen action, ceremony photos, open check-in (code shown large + QR), live count, close.
 * Stable ids for tests: #td-theme, #td-create, .td-action[data-key], #td-action-evidence,
 * #td-action-save, #td-self-title, #td-self-add, .td-ceremony[data-key], #td-open, #td-code, #td-close.
 */
export function SecretaryThemeDay() {
  const q = useQuery({
    queryKey: secretaryThemeDayKey,
    queryFn: () => trpc.themeDays.forBranch.query({}),
    // While check-in is open the attendance count climbs live.
    refetchInterval: (query) => (query.state.data?.themeDay?.status === 'open' ? 5000 : false),
  });
  if (q.isPending) return <Loading />;
  if (q.error) return <ErrorBlock error={q.error} onRetry={() => void q.refetch()} />;
  const data = q.data;
  const set = (d: Detail) => {
    void q.refetch();
    return d;
  };
  return (
    <View>
      <View className="section-head">
        <Text className="section-title">本月主题团日</Text>
        <Text className="muted">
          {data.org.name} · {data.monthLabel}
        </Text>
      </View>
      {data.themeDay ? <Day day={data.themeDay} onSaved={set} /> : <CreateForm onCreated={set} />}
    </View>
  );
}

function CreateForm({ onCreated }: { onCreated: (d: Detail) => void }) {
  const [theme, setTheme] = useState('');
  const [place, setPlace] = useState('');
  const create = useMutation({
    mutationFn: () => trpc.themeDays.create.mutate({ theme, place: place || null }),
    onSuccess: (d) => {
      void Taro.showToast({ title: '已创建', icon: 'success' });
      onCreated(d);
    },
    onError: toastError,
  });
  return (
    <View className="card">
      <Text className="muted">本月还没有主题团日。填写主题后创建，再逐项完成“七事联动”规定动作。</Text>
      <View className="td-field">
        <Text className="td-label">活动主题</Text>
        <Input
          className="td-input"
          id="td-theme"
          placeholder="如：学习团章，争做新时代好青年"
          value={theme}
          onInput={(e) => setTheme(e.detail.value)}
        />
      </View>
      <View className="td-field">
        <Text className="td-label">活动地点（选填）</Text>
        <Input className="td-input" id="td-place" value={place} onInput={(e) => setPlace(e.detail.value)} />
      </View>
      <Button
        className="btn btn-primary"
        id="td-create"
        loading={create.isPending}
        disabled={!theme.trim() || create.isPending}
        onClick={() => create.mutate()}
      >
        创建本月主题团日
      </Button>
    </View>
  );
}

function Day({ day, onSaved }: { day: Detail; onSaved: (d: Detail) => void }) {
  const ev = day.evaluation;
  return (
    <>
      <View className="card" id="td-summary">
        <View className="td-head">
          <Text className="card-title">{day.theme}</Text>
          <Text className={`tag ${day.status === 'closed' ? 'tag-grey' : ''}`}>{day.statusLabel}</Text>
        </View>
        {day.place ? <Text className="muted">地点：{day.place}</Text> : null}
        <View className="td-stat">
          <Text>
            签到 {day.checkedInCount} / {day.memberCount} 人
          </Text>
          <Text>参与率 {formatPermille(day.participationPermille)}</Text>
        </View>
        {ev.status === 'complete' ? (
          <Text className="td-ok" id="td-complete">
            ✓ 本月主题团日各项已完成
          </Text>
        ) : (
          <View className="td-missing" id="td-missing">
            <Text className="td-missing-title">还差 {ev.missing.length} 项：</Text>
            {ev.missing.map((m) => (
              <Text key={m} className="td-missing-item">
                · {m}
              </Text>
            ))}
          </View>
        )}
      </View>
      <CheckIn day={day} onSaved={onSaved} />
      <Actions day={day} onSaved={onSaved} />
      <SelfChosen day={day} onSaved={onSaved} />
      <Ceremony day={day} onSaved={onSaved} />
      <CheckedIn day={day} />
    </>
  );
}

function Actions({ day, onSaved }: { day: Detail; onSaved: (d: Detail) => void }) {
  const [editing, setEditing] = useState<string | null>(null);
  const [evidence, setEvidence] = useState('');
  const [photos, setPhotos] = useState<string[]>([]);
  const save = useMutation({
    mutationFn: (v: { key: string; done: boolean }) =>
      trpc.themeDays.setAction.mutate({
        id: day.id,
        actionKey: v.key,
        done: v.done,
        evidence: evidence || null,
        photoIds: photos,
      }),
    onSuccess: (d) => {
      setEditing(null);
      onSaved(d);
    },
    onError: toastError,
  });
  const open = (a: Detail['actions'][number]) => {
    if (editing === a.key) {
      setEditing(null);
      return;
    }
    setEditing(a.key);
    setEvidence(a.evidence ?? '');
    setPhotos(a.photos.map((p) => p.id));
  };
  const done = day.actions.filter((a) => a.done).length;
  return (
    <View className="card">
      <View className="td-head">
        <Text className="card-title">“七事联动”规定动作</Text>
        <Text className="muted">
          {done} / {day.actions.length}
        </Text>
      </View>
      {day.actions.map((a) => (
        <View key={a.key}>
          <View className="td-action" data-key={a.key} onClick={() => open(a)}>
            <View className={`td-tick ${a.done ? 'td-tick-done' : ''}`}>{a.done ? '✓' : ''}</View>
            <View className="td-action-body">
              <Text>{a.label}</Text>
              <Text className="td-sub">
                {a.done
                  ? `${a.evidence ?? ''}${a.photos.length ? `（照片${a.photos.length}张）` : ''}`
                  : '点此填写佐证'}
              </Text>
            </View>
          </View>
          {editing === a.key ? (
            <View className="td-editor">
              <Textarea
                className="td-input td-textarea"
                id="td-action-evidence"
                placeholder="佐证说明：做了什么、多少人参加"
                value={evidence}
                maxlength={1000}
                onInput={(e) => setEvidence(e.detail.value)}
              />
              <View id="td-action-photos">
                <PhotoPicker
                  value={photos}
                  onChange={setPhotos}
                  files={a.photos}
                  orgId={day.orgId}
                  addText="拍照/相册"
                />
              </View>
              <View className="td-row">
                <Button
                  className="btn btn-primary td-btn"
                  id="td-action-save"
                  loading={save.isPending}
                  disabled={save.isPending}
                  onClick={() => save.mutate({ key: a.key, done: true })}
                >
                  保存并标记完成
                </Button>
                {a.done ? (
                  <Button
                    className="btn btn-default td-btn"
                    disabled={save.isPending}
                    onClick={() => save.mutate({ key: a.key, done: false })}
                  >
                    改为未完成
                  </Button>
                ) : null}
              </View>
            </View>
          ) : null}
        </View>
      ))}
    </View>
  );
}

function SelfChosen({ day, onSaved }: { day: Detail; onSaved: (d: Detail) => void }) {
  const [title, setTitle] = useState('');
  const [evidence, setEvidence] = useState('');
  const [photos, setPhotos] = useState<string[]>([]);
  const add = useMutation({
    mutationFn: () =>
      trpc.themeDays.addSelfAction.mutate({
        id: day.id,
        title,
        evidence: evidence || null,
        photoIds: photos,
      }),
    onSuccess: (d) => {
      setTitle('');
      setEvidence('');
      setPhotos([]);
      onSaved(d);
    },
    onError: toastError,
  });
  const remove = useMutation({
    mutationFn: (selfActionId: string) =>
      trpc.themeDays.removeSelfAction.mutate({ id: day.id, selfActionId }),
    onSuccess: onSaved,
    onError: toastError,
  });
  return (
    <View className="card">
      <View className="td-head">
        <Text className="card-title">自选动作</Text>
        <Text className="muted">至少{day.rule.minSelfChosenActions}项</Text>
      </View>
      {day.selfChosen.map((s) => (
        <View key={s.id} className="td-action td-self">
          <View className="td-tick td-tick-done">✓</View>
          <View className="td-action-body">
            <Text>{s.title}</Text>
            <Text className="td-sub">
              {s.evidence ?? ''}
              {s.photos.length ? `（照片${s.photos.length}张）` : ''}
            </Text>
          </View>
          <Text className="td-link" onClick={() => remove.mutate(s.id)}>
            删除
          </Text>
        </View>
      ))}
      <View className="td-field">
        <Input
          className="td-input"
          id="td-self-title"
          placeholder="自选动作名称，如：社区志愿服务"
          value={title}
          onInput={(e) => setTitle(e.detail.value)}
        />
      </View>
      <View className="td-field">
        <Textarea
          className="td-input td-textarea"
          id="td-self-evidence"
          placeholder="佐证说明（或上传照片）"
          value={evidence}
          onInput={(e) => setEvidence(e.detail.value)}
        />
      </View>
      <View id="td-self-photos">
        <PhotoPicker value={photos} onChange={setPhotos} orgId={day.orgId} />
      </View>
      <Button
        className="btn btn-default"
        id="td-self-add"
        loading={add.isPending}
        disabled={!title.trim() || add.isPending}
        onClick={() => add.mutate()}
      >
        添加自选动作
      </Button>
    </View>
  );
}

function Ceremony({ day, onSaved }: { day: Detail; onSaved: (d: Detail) => void }) {
  const save = useMutation({
    mutationFn: (v: { itemKey: string; photoIds: string[] }) =>
      trpc.themeDays.setCeremonyPhotos.mutate({
        id: day.id,
        itemKey: v.itemKey,
        photoIds: v.photoIds,
      }),
    onSuccess: onSaved,
    onError: toastError,
  });
  return (
    <View className="card">
      <Text className="card-title">仪式照片</Text>
      <Text className="muted">悬挂或摆放团旗、张贴入团誓词，团员佩戴团徽、带上团章，各拍一张。</Text>
      {day.ceremony.map((c) => (
        <View key={c.key} className="td-ceremony" data-key={c.key}>
          <Text className="td-label">
            {c.photos.length ? '✓ ' : ''}
            {c.label}
          </Text>
          <PhotoPicker
            value={c.photos.map((p) => p.id)}
            files={c.photos}
            orgId={day.orgId}
            onChange={(photoIds) => save.mutate({ itemKey: c.key, photoIds })}
          />
        </View>
      ))}
    </View>
  );
}

function CheckIn({ day, onSaved }: { day: Detail; onSaved: (d: Detail) => void }) {
  const open = useMutation({
    mutationFn: () => trpc.themeDays.openCheckIn.mutate({ id: day.id }),
    onSuccess: onSaved,
    onError: toastError,
  });
  const close = useMutation({
    mutationFn: () => trpc.themeDays.closeCheckIn.mutate({ id: day.id }),
    onSuccess: (d) => {
      void Taro.showToast({ title: `签到已结束，共${d.checkedInCount}人`, icon: 'none' });
      onSaved(d);
    },
    onError: toastError,
  });
  const confirmClose = async () => {
    const r = await Taro.showModal({
      title: '结束签到',
      content: '结束后团员不能再签到，确定结束吗？',
      confirmText: '结束签到',
    });
    if (r.confirm) close.mutate();
  };
  if (day.status === 'draft') {
    return (
      <View className="card">
        <Text className="card-title">签到</Text>
        <Text className="muted">活动开始时开启签到，团员输入签到码或扫码即可签到。</Text>
        <Button
          className="btn btn-primary"
          id="td-open"
          loading={open.isPending}
          onClick={() => open.mutate()}
        >
          开始签到
        </Button>
      </View>
    );
  }
  if (day.status === 'open') {
    return (
      <View className="card td-checkin">
        <Text className="card-title">签到码</Text>
        <Text className="td-code" id="td-code">
          {day.checkInCode}
        </Text>
        {day.checkInQr ? <Image className="td-qr" src={day.checkInQr} mode="aspectFit" /> : null}
        <Text className="muted">
          已签到 {day.checkedInCount} 人 · {time(day.checkInClosesAt)}截止
        </Text>
        <Button
          className="btn btn-danger"
          id="td-close"
          loading={close.isPending}
          onClick={() => void confirmClose()}
        >
          结束签到
        </Button>
      </View>
    );
  }
  return (
    <View className="card">
      <Text className="card-title">签到已结束</Text>
      <Text className="muted" id="td-closed">
        {time(day.closedAt)}结束，共 {day.checkedInCount} 人签到
      </Text>
    </View>
  );
}

function CheckedIn({ day }: { day: Detail }) {
  if (day.checkIns.length === 0) return null;
  return (
    <View className="card">
      <Text className="card-title">已签到（{day.checkIns.length}人）</Text>
      {day.checkIns.map((c) => (
        <View key={c.memberId} className="td-checked">
          <Text>{c.name}</Text>
          <Text className="td-sub">{time(c.at)}</Text>
        </View>
      ))}
    </View>
  );
}
