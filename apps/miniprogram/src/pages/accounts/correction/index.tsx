import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Input, Picker, Text, Textarea, View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { useState } from 'react';
import { PhotoPicker } from '../../../components/photo-picker';
import { ErrorBlock, Loading } from '../../../components/states';
import { errorMessage } from '../../../lib/errors';
import { trpc } from '../../../lib/trpc';
import '../../login/index.css';
import '../../youth/youth.css';

const FIELDS = [
  { value: 'name', label: '姓名' },
  { value: 'idCard', label: '身份证号' },
] as const;

const STATUS: Record<string, string> = { pending: '待审核', approved: '已批准', rejected: '已驳回' };

/**
 * 信息更正 (secretary, issue 10): propose a correction of a member's name or 身份证号 with a reason
 * and photos of the evidence (户口簿, 身份证); the superior decides it in the admin app. Below: the
 * requests of the branch and their state.
 */
export default function CorrectionPage() {
  const qc = useQueryClient();
  const members = useQuery({
    queryKey: ['members', 'list', 'correction'],
    queryFn: () => trpc.members.list.query({ page: 1, pageSize: 200 }),
  });
  const list = useQuery({
    queryKey: ['accounts', 'corrections'],
    queryFn: () => trpc.accounts.corrections.query({}),
  });
  const [memberIdx, setMemberIdx] = useState(-1);
  const [fieldIdx, setFieldIdx] = useState(0);
  const [value, setValue] = useState('');
  const [reason, setReason] = useState('');
  const [photos, setPhotos] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const items = members.data?.items ?? [];
  const member = items[memberIdx];
  const propose = useMutation({
    mutationFn: () =>
      trpc.accounts.proposeCorrection.mutate({
        memberId: member?.id ?? '',
        field: FIELDS[fieldIdx]!.value,
        value: value.trim(),
        reason: reason.trim(),
        evidenceFileIds: photos,
      }),
    onSuccess: async () => {
      setValue('');
      setReason('');
      setPhotos([]);
      setMemberIdx(-1);
      setError(null);
      await qc.invalidateQueries({ queryKey: ['accounts', 'corrections'] });
      await Taro.showToast({ title: '已提交，待上级审核', icon: 'success', duration: 1500 });
    },
    onError: (e) => setError(errorMessage(e)),
  });
  usePullDownRefresh(() => {
    void Promise.allSettled([members.refetch(), list.refetch()]).finally(() => Taro.stopPullDownRefresh());
  });
  const submit = () => {
    if (propose.isPending) return;
    if (!member) return setError('请选择团员');
    if (!value.trim()) return setError('请填写更正后的内容');
    if (reason.trim().length < 2) return setError('请填写更正原因（至少2个字）');
    if (photos.length === 0) return setError('请上传证明材料');
    setError(null);
    propose.mutate();
  };
  if (members.isPending) return <Loading />;
  if (members.error) return <ErrorBlock error={members.error} onRetry={() => void members.refetch()} />;
  return (
    <View className="page">
      <View className="card" id="correction-form">
        <Text className="card-title">申请更正姓名或身份证号</Text>
        {error ? <View className="error-block">{error}</View> : null}
        <View className="field">
          <Text className="field-label">团员</Text>
          <Picker
            mode="selector"
            range={items.map((m) => `${m.name}（${m.orgName}）`)}
            value={Math.max(0, memberIdx)}
            onChange={(e) => setMemberIdx(Number(e.detail.value))}
          >
            <View className="field-input">{member ? member.name : '请选择团员'}</View>
          </Picker>
        </View>
        <View className="field">
          <Text className="field-label">更正项</Text>
          <Picker
            mode="selector"
            range={FIELDS.map((f) => f.label)}
            value={fieldIdx}
            onChange={(e) => setFieldIdx(Number(e.detail.value))}
          >
            <View className="field-input">{FIELDS[fieldIdx]!.label}</View>
          </Picker>
        </View>
        <View className="field">
          <Text className="field-label">更正后的内容</Text>
          <Input
            className="field-input"
            id="correction-value"
            maxlength={50}
            value={value}
            onInput={(e) => setValue(e.detail.value)}
          />
        </View>
        <View className="field">
          <Text className="field-label">更正原因</Text>
          <Textarea
            className="field-input"
            id="correction-reason"
            maxlength={500}
            value={reason}
            onInput={(e) => setReason(e.detail.value)}
          />
        </View>
        <View className="field">
          <Text className="field-label">证明材料（户口簿、身份证照片）</Text>
          <PhotoPicker value={photos} onChange={setPhotos} max={5} orgId={member?.orgId} addText="拍照上传" />
        </View>
        <Button
          className="btn btn-primary"
          id="correction-submit"
          loading={propose.isPending}
          onClick={submit}
        >
          提交更正申请
        </Button>
      </View>
      <View className="card" id="correction-list">
        <Text className="card-title">更正申请</Text>
        {list.data?.length === 0 ? <Text className="muted">暂无</Text> : null}
        {(list.data ?? []).map((c) => (
          <View className="yt-row" key={c.id}>
            <View className="yt-main">
              <Text>
                {c.memberName} · {c.fieldLabel}
              </Text>
              <Text className="muted">
                {c.before ?? '（无）'} → {c.after}
              </Text>
              {c.decisionNote ? <Text className="muted">{c.decisionNote}</Text> : null}
            </View>
            <Text className={c.status === 'rejected' ? 'yt-missing' : 'muted'}>{STATUS[c.status]}</Text>
          </View>
        ))}
      </View>
    </View>
  );
}
