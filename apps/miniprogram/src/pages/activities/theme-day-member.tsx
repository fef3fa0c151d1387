import { useMutation, useQuery } from '@tanstack/react-query';
import { Button, Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { Empty, ErrorBlock, Loading } from '../../components/states';
import { IS_H5 } from '../../lib/env';
import { toastError } from '../../lib/errors';
import { trpc } from '../../lib/trpc';

export const memberThemeDayKey = ['themeDays', 'mine'] as const;

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
 * A member: this month's theme day of the branch, check in with the code the secretary shows
 * (typed, or scanned in WeChat), and my check-ins. Ids for tests: #td-checkin-code, #td-checkin,
 * #td-checked-in.
 */
export function MemberThemeDay() {
  const q = useQuery({ queryKey: memberThemeDayKey, queryFn: () => trpc.themeDays.mine.query() });
  const [code, setCode] = useState('');
  const checkIn = useMutation({
    mutationFn: (c: string) => trpc.themeDays.checkIn.mutate({ code: c }),
    onSuccess: (r) => {
      void Taro.showToast({
        title: r.message,
        icon: r.alreadyCheckedIn ? 'none' : 'success',
        duration: 3000,
      });
      setCode('');
      void q.refetch();
    },
    onError: toastError,
  });
  const scan = async () => {
    try {
      const r = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] });
      checkIn.mutate(r.result);
    } catch {
      // cancelled
    }
  };
  if (q.isPending) return <Loading />;
  if (q.error) return <ErrorBlock error={q.error} onRetry={() => void q.refetch()} />;
  const d = q.data;
  const day = d.themeDay;
  return (
    <View>
      <View className="section-head">
        <Text className="section-title">本月主题团日</Text>
        <Text className="muted">
          {d.orgName} · {d.monthLabel}
        </Text>
      </View>
      {day ? (
        <View className="card">
          <View className="td-head">
            <Text className="card-title">{day.theme}</Text>
            <Text className={`tag ${day.status === 'closed' ? 'tag-grey' : ''}`}>{day.statusLabel}</Text>
          </View>
          {day.place ? <Text className="muted">地点：{day.place}</Text> : null}
          {day.checkedInAt ? (
            <Text className="td-ok" id="td-checked-in">
              ✓ 已于{time(day.checkedInAt)}签到
            </Text>
          ) : day.status === 'closed' ? (
            <Text className="muted">本次签到已结束</Text>
          ) : null}
        </View>
      ) : (
        <View className="card">
          <Empty title="本月主题团日尚未发布" text="团支部书记创建后，这里会显示活动主题和签到。" />
        </View>
      )}
      {!day?.checkedInAt ? (
        <View className="card">
          <Text className="card-title">签到</Text>
          <Text className="muted">输入团支部书记出示的6位签到码{IS_H5 ? '' : '，或扫描签到二维码'}。</Text>
          <Input
            className="td-input td-code-input"
            id="td-checkin-code"
            type="number"
            maxlength={6}
            placeholder="6位签到码"
            value={code}
            onInput={(e) => setCode(e.detail.value)}
          />
          <Button
            className="btn btn-primary"
            id="td-checkin"
            loading={checkIn.isPending}
            disabled={code.trim().length === 0 || checkIn.isPending}
            onClick={() => checkIn.mutate(code)}
          >
            签到
          </Button>
          {IS_H5 ? null : (
            <Button className="btn btn-default" onClick={() => void scan()}>
              扫码签到
            </Button>
          )}
        </View>
      ) : null}
      {d.checkIns.length ? (
        <View className="card">
          <Text className="card-title">我的签到</Text>
          {d.checkIns.map((c) => (
            <View key={c.themeDayId} className="td-checked">
              <View className="td-action-body">
                <Text>{c.theme}</Text>
                <Text className="td-sub">{c.monthLabel}</Text>
              </View>
              <Text className="td-sub">{time(c.at)}</Text>
            </View>
          ))}
        </View>
      ) : null}
    </View>
  );
}
