import { useMutation } from '@tanstack/react-query';
import { Button, Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { errorMessage } from '../../lib/errors';
import { goChooseIdentity, goHome, NO_IDENTITY_MESSAGE, nextStep } from '../../lib/navigation';
import { queryClient } from '../../lib/query';
import { setToken } from '../../lib/session';
import { trpc } from '../../lib/trpc';
import '../login/index.css';

/** 修改密码 (`auth.changePassword`); also the forced first step after an issued password. */
export default function PasswordPage() {
  const [oldPassword, setOldPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState<string | null>(null);

  const change = useMutation({
    mutationFn: async () => {
      const r = await trpc.auth.changePassword.mutate({ oldPassword, newPassword });
      // A new password replaces the session: keep the new token (the old one is revoked).
      if (r.token) setToken(r.token);
      return trpc.auth.me.query();
    },
    onSuccess: async (me) => {
      queryClient.clear();
      await Taro.showToast({ title: '密码已修改', icon: 'success', duration: 1500 });
      const step = nextStep(me);
      if (step === 'choose-identity') goChooseIdentity();
      else if (step === 'no-identity') setError(NO_IDENTITY_MESSAGE);
      else goHome();
    },
    onError: (e) => setError(errorMessage(e)),
  });

  const submit = () => {
    if (change.isPending) return;
    if (!oldPassword || !newPassword) {
      setError('请填写原密码和新密码');
      return;
    }
    if (newPassword !== repeat) {
      setError('两次输入的新密码不一致');
      return;
    }
    setError(null);
    change.mutate();
  };

  return (
    <View className="page">
      {error ? <View className="error-block">{error}</View> : null}
      <View className="field">
        <Text className="field-label">原密码</Text>
        <Input
          className="field-input"
          password
          placeholder="请输入原密码"
          value={oldPassword}
          onInput={(e) => setOldPassword(e.detail.value)}
        />
      </View>
      <View className="field">
        <Text className="field-label">新密码</Text>
        <Input
          className="field-input"
          password
          placeholder="请输入新密码"
          value={newPassword}
          onInput={(e) => setNewPassword(e.detail.value)}
        />
      </View>
      <View className="field">
        <Text className="field-label">确认新密码</Text>
        <Input
          className="field-input"
          password
          placeholder="请再次输入新密码"
          value={repeat}
          onInput={(e) => setRepeat(e.detail.value)}
          onConfirm={submit}
        />
      </View>
      <Button className={change.isPending ? 'btn btn-primary btn-busy' : 'btn btn-primary'} onClick={submit}>
        {change.isPending ? '正在提交…' : '确认修改'}
      </Button>
    </View>
  );
}
