import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Input, Picker, Text, Textarea, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import {
  MEETING_KINDS,
  type MeetingKind,
  meetingKindLabel,
  meetingQuorumMet,
  meetingQuorumNeeded,
  todayInShanghai,
} from '@tuanjian/domain';
import { useEffect, useMemo, useState } from 'react';
import { PhotoPicker } from '../../../components/photo-picker';
import { Empty, ErrorBlock, Loading } from '../../../components/states';
import { toastError } from '../../../lib/errors';
import { formatDate } from '../../../lib/format';
import { queryKeys } from '../../../lib/query';
import { trpc } from '../../../lib/trpc';
import '../../activities/activities.css';
import '../meetings.css';

/**
 * 登记会议 / a recorded meeting. A secretary picks the kind, date and topic, ticks who came (the
 * branch's members are listed; the general meeting's quorum is shown as she ticks), writes the
 * minutes and adds photos. A member sees the record and their own attendance.
 * Stable ids for tests: #meeting-kind-<kind>, #meeting-topic, #meeting-save, .meeting-person.
 */
export default function MeetingEditPage() {
  const { params } = useRouter();
  const id = params.id;
  const qc = useQueryClient();
  const me = useQuery({ queryKey: queryKeys.me, queryFn: () => trpc.auth.me.query() });
  const role = me.data?.grants.find((g) => g.id === me.data?.activeGrantId)?.role;
  const manager = role === 'org_secretary' || role === 'district_admin';
  const existing = useQuery({
    queryKey: ['meetings', 'get', id],
    queryFn: () => trpc.meetings.get.query({ id: id as string }),
    enabled: !!id,
  });
  const summary = useQuery({
    queryKey: queryKeys.homeSummary,
    queryFn: () => trpc.home.summary.query(),
    enabled: !id,
  });
  const [branchId, setBranchId] = useState<string | undefined>(params.orgId);
  useEffect(() => {
    if (!branchId && summary.data?.branch?.kind === 'branch') setBranchId(summary.data.branch.id);
  }, [branchId, summary.data]);
  const tree = useQuery({
    queryKey: ['organisations', 'tree'],
    queryFn: () => trpc.organisations.tree.query(),
    enabled: !id && !!summary.data && summary.data.branch?.kind !== 'branch' && manager,
  });
  const branches = useMemo(() => {
    const out: { id: string; name: string }[] = [];
    const walk = (nodes: { id: string; name: string; kind: string; children?: unknown[] }[]) => {
      for (const n of nodes) {
        if (n.kind === 'branch') out.push({ id: n.id, name: n.name });
        if (n.children) walk(n.children as typeof nodes);
      }
    };
    walk((tree.data ?? []) as never);
    return out;
  }, [tree.data]);
  const roster = useQuery({
    queryKey: ['meetings', 'roster', branchId],
    queryFn: () => trpc.meetings.roster.query({ orgId: branchId as string }),
    enabled: !id && !!branchId,
  });

  const [kind, setKind] = useState<MeetingKind>('general_meeting');
  const [heldOn, setHeldOn] = useState(todayInShanghai());
  const [topic, setTopic] = useState('');
  const [location, setLocation] = useState('');
  const [minutes, setMinutes] = useState('');
  const [duration, setDuration] = useState('');
  const [present, setPresent] = useState<string[]>([]);
  const [photoIds, setPhotoIds] = useState<string[]>([]);
  useEffect(() => {
    const d = existing.data;
    if (!d) return;
    setKind(d.kind);
    setHeldOn(d.heldOn);
    setTopic(d.topic);
    setLocation(d.location ?? '');
    setMinutes(d.minutes ?? '');
    setDuration(d.durationMinutes ? String(d.durationMinutes) : '');
    setPresent(d.attendance.filter((a) => a.present).map((a) => a.memberId));
    setPhotoIds(d.photos.map((p) => p.id));
  }, [existing.data]);

  const people = id
    ? (existing.data?.attendance ?? []).map((a) => ({ id: a.memberId, name: a.name }))
    : (roster.data?.members ?? []).map((m) => ({ id: m.id, name: m.name }));
  const fraction = roster.data?.quorum.fraction ?? 0.5;
  const entitled = id ? (existing.data?.entitledCount ?? 0) : people.length;

  const save = useMutation({
    mutationFn: () => {
      const body = {
        kind,
        heldOn,
        topic: topic.trim(),
        location: location.trim() || null,
        minutes: minutes.trim() || null,
        durationMinutes: kind === 'league_lesson' && duration ? Number(duration) : null,
        presentMemberIds: present,
        photoIds,
      };
      return id
        ? trpc.meetings.update.mutate({ ...body, id })
        : trpc.meetings.create.mutate({ ...body, orgId: branchId as string });
    },
    onSuccess: async (r) => {
      await qc.invalidateQueries({ queryKey: ['meetings'] });
      await Taro.showToast({
        title: r.counts ? '会议记录已保存' : '已保存，但未达法定人数，不计入落实',
        icon: 'none',
        duration: 2500,
      });
      Taro.navigateBack().catch(() => Taro.redirectTo({ url: '/pages/meetings/list/index' }));
    },
    onError: toastError,
  });

  if (me.isPending || (id && existing.isPending) || (!id && summary.isPending)) return <Loading />;
  const err = existing.error ?? summary.error;
  if (err)
    return <ErrorBlock error={err} onRetry={() => void (id ? existing.refetch() : summary.refetch())} />;

  if (id && !manager) {
    const d = existing.data;
    if (!d) return <Loading />;
    const mine = d.attendance[0];
    return (
      <View className="page">
        <View className="card">
          <Text className="card-title">
            {d.kindLabel} · {d.topic}
          </Text>
          <Text className="muted">
            {formatDate(d.heldOn)} · {d.orgName}
            {d.location ? ` · ${d.location}` : ''}
          </Text>
          <View className="mt-stat">
            <Text>
              实到 {d.presentCount}/{d.entitledCount} 人
            </Text>
            <Text className={d.counts ? 'mt-ok' : 'mt-warn'}>{d.counts ? '计入落实' : '未达法定人数'}</Text>
          </View>
          {mine ? (
            <Text id="meeting-mine">
              我的出席：
              {mine.present ? '出席' : `缺席${mine.absenceReason ? `（${mine.absenceReason}）` : ''}`}
            </Text>
          ) : null}
        </View>
        {d.minutes ? (
          <View className="card">
            <Text className="card-title">会议纪要</Text>
            <Text>{d.minutes}</Text>
          </View>
        ) : null}
      </View>
    );
  }

  if (!id && !branchId) {
    return (
      <View className="page">
        <View className="card">
          <Text className="card-title">选择团支部</Text>
          {branches.length === 0 ? (
            <Empty title="没有可登记的团支部" text="“三会两制一课”按团支部记录。" />
          ) : (
            branches.map((b) => (
              <View key={b.id} className="mt-cell" onClick={() => setBranchId(b.id)}>
                <Text className="mt-cell-title">{b.name}</Text>
              </View>
            ))
          )}
        </View>
      </View>
    );
  }
  if (!id && roster.isPending) return <Loading />;
  if (roster.error) return <ErrorBlock error={roster.error} onRetry={() => void roster.refetch()} />;

  const quorate = meetingQuorumMet(present.length, entitled, fraction);
  const toggle = (m: string) => setPresent((p) => (p.includes(m) ? p.filter((x) => x !== m) : [...p, m]));
  return (
    <View className="page">
      <View className="card">
        <Text className="card-title">{id ? existing.data?.orgName : roster.data?.branch.name}</Text>
        <View className="mt-field">
          <Text className="mt-label">会议类型</Text>
          <View className="mt-kinds">
            {MEETING_KINDS.map((k) => (
              <Text
                key={k}
                id={`meeting-kind-${k}`}
                className={`mt-chip ${k === kind ? 'mt-chip-on' : ''}`}
                onClick={() => setKind(k)}
              >
                {meetingKindLabel[k]}
              </Text>
            ))}
          </View>
        </View>
        <View className="mt-field">
          <Text className="mt-label">会议日期</Text>
          <Picker
            mode="date"
            value={heldOn}
            end={todayInShanghai()}
            onChange={(e) => setHeldOn(String(e.detail.value))}
          >
            <View className="mt-input" id="meeting-date">
              {formatDate(heldOn)}
            </View>
          </Picker>
        </View>
        <View className="mt-field">
          <Text className="mt-label">会议主题</Text>
          <Input
            className="mt-input"
            id="meeting-topic"
            value={topic}
            maxlength={200}
            placeholder="例如：学习团章，讨论发展团员"
            onInput={(e) => setTopic(e.detail.value)}
          />
        </View>
        <View className="mt-field">
          <Text className="mt-label">地点</Text>
          <Input
            className="mt-input"
            id="meeting-location"
            value={location}
            maxlength={100}
            onInput={(e) => setLocation(e.detail.value)}
          />
        </View>
        {kind === 'league_lesson' ? (
          <View className="mt-field">
            <Text className="mt-label">团课时长（分钟）</Text>
            <Input
              className="mt-input"
              type="number"
              value={duration}
              onInput={(e) => setDuration(e.detail.value)}
            />
          </View>
        ) : null}
      </View>
      <View className="card">
        <View className="td-head">
          <Text className="card-title">出席</Text>
          <Text id="meeting-attendance">
            应到 {entitled} 人 · 实到 {present.length} 人
          </Text>
        </View>
        {kind === 'general_meeting' && entitled > 0 ? (
          <Text className={quorate ? 'mt-ok' : 'mt-warn'} id="meeting-quorum">
            {quorate
              ? '已达到法定人数'
              : `未达法定人数：须超过半数，至少${meetingQuorumNeeded(entitled, fraction)}人`}
          </Text>
        ) : null}
        <View className="mt-kinds" style={{ margin: '8px 0' }}>
          <Text className="mt-chip" id="meeting-all" onClick={() => setPresent(people.map((p) => p.id))}>
            全部出席
          </Text>
          <Text className="mt-chip" onClick={() => setPresent([])}>
            清空
          </Text>
        </View>
        {people.map((p) => (
          <View key={p.id} className="mt-person meeting-person" onClick={() => toggle(p.id)}>
            <View className={`mt-tick ${present.includes(p.id) ? 'mt-tick-on' : ''}`}>
              {present.includes(p.id) ? '✓' : ''}
            </View>
            <Text>{p.name}</Text>
          </View>
        ))}
      </View>
      <View className="card">
        <Text className="card-title">会议纪要</Text>
        <Textarea
          className="mt-input mt-textarea"
          id="meeting-minutes"
          value={minutes}
          maxlength={5000}
          placeholder="会议的主要内容和决定"
          onInput={(e) => setMinutes(e.detail.value)}
        />
      </View>
      <View className="card">
        <Text className="card-title">会议照片</Text>
        <PhotoPicker value={photoIds} onChange={setPhotoIds} files={existing.data?.photos} max={20} />
      </View>
      <View className="mt-footer">
        <Button
          id="meeting-save"
          className={`btn btn-primary ${save.isPending ? 'btn-busy' : ''}`}
          disabled={!topic.trim() || save.isPending}
          onClick={() => save.mutate()}
        >
          保存会议记录
        </Button>
      </View>
    </View>
  );
}
