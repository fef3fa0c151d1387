import { useMutation, useQuery } from '@tanstack/react-query';
import { Button, Input, Picker, Text, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { todayInShanghai } from '@tuanjian/domain';
import { useState } from 'react';
import { ErrorBlock, Loading } from '../../../components/states';
import { errorMessage } from '../../../lib/errors';
import { queryKeys } from '../../../lib/query';
import { trpc } from '../../../lib/trpc';
import '../../login/index.css';
import '../development.css';

const GENDERS = [
  { value: 'male', label: '男' },
  { value: 'female', label: '女' },
] as const;

/** 入团申请: submit an application to join to the branch of the current identity. */
export default function ApplyPage() {
  const summary = useQuery({ queryKey: queryKeys.homeSummary, queryFn: () => trpc.home.summary.query() });
  const [name, setName] = useState('');
  const [gender, setGender] = useState(0);
  const [birthDate, setBirthDate] = useState('2012-01-01');
  const [unitName, setUnitName] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);

  const submit = useMutation({
    mutationFn: (orgId: string) =>
      trpc.development.submit.mutate({
        orgId,
        name: name.trim(),
        gender: GENDERS[gender]!.value,
        birthDate,
        unitName: unitName.trim() || undefined,
        reason: reason.trim() || undefined,
      }),
    onSuccess: async () => {
      await Taro.showToast({ title: '申请已提交', icon: 'success', duration: 1500 });
      void Taro.redirectTo({ url: '/pages/development/progress/index' });
    },
    onError: (e) => setError(errorMessage(e)),
  });

  if (summary.isPending) return <Loading />;
  if (summary.error) return <ErrorBlock error={summary.error} onRetry={() => void summary.refetch()} />;
  const branch = summary.data.branch;
  if (branch?.kind !== 'branch') {
    return (
      <View className="page">
        <View className="card">
          <Text className="muted">入团申请须向团支部递交。请以团支部团员或团支部书记身份登录后提交。</Text>
        </View>
      </View>
    );
  }
  const go = () => {
    if (submit.isPending) return;
    if (!name.trim()) {
      setError('请填写申请人姓名');
      return;
    }
    setError(null);
    submit.mutate(branch.id);
  };
  return (
    <View className="page">
      <View className="dev-rule">
        递交至：{branch.name}
        。团支部将在1个月内安排谈话；年满14周岁、不超过28周岁时方可批准入团（《发展团员工作细则》）。
      </View>
      {error ? <View className="error-block">{error}</View> : null}
      <View className="field">
        <Text className="field-label">申请人姓名</Text>
        <Input
          className="field-input"
          id="apply-name"
          placeholder="请输入姓名"
          value={name}
          onInput={(e) => setName(e.detail.value)}
        />
      </View>
      <View className="field">
        <Text className="field-label">性别</Text>
        <Picker
          mode="selector"
          range={GENDERS.map((g) => g.label)}
          value={gender}
          onChange={(e) => setGender(Number(e.detail.value))}
        >
          <View className="field-input">{GENDERS[gender]!.label}</View>
        </Picker>
      </View>
      <View className="field">
        <Text className="field-label">出生日期</Text>
        <Picker
          mode="date"
          value={birthDate}
          end={todayInShanghai()}
          onChange={(e) => setBirthDate(String(e.detail.value))}
        >
          <View className="field-input">{birthDate}</View>
        </Picker>
      </View>
      <View className="field">
        <Text className="field-label">学校或工作单位</Text>
        <Input
          className="field-input"
          placeholder="选填"
          value={unitName}
          onInput={(e) => setUnitName(e.detail.value)}
        />
      </View>
      <View className="field">
        <Text className="field-label">入团申请书</Text>
        <Textarea
          className="field-input"
          placeholder="为什么要加入共青团（选填）"
          value={reason}
          onInput={(e) => setReason(e.detail.value)}
        />
      </View>
      <Button className={submit.isPending ? 'btn btn-primary btn-busy' : 'btn btn-primary'} onClick={go}>
        {submit.isPending ? '正在提交…' : '提交入团申请'}
      </Button>
    </View>
  );
}
