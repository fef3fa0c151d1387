import { useMutation, useQueryClient } from '@tanstack/react-query';
import { passwordSchema } from '@tuanjian/domain';
import { Alert, App, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { describeError } from '../lib/errors';
import { trpc } from '../lib/trpc';
import type { ChangePasswordModalProps } from './ChangePasswordModal';

interface Values {
  oldPassword: string;
  newPassword: string;
  confirm: string;
}

export default function ChangePasswordForm(props: ChangePasswordModalProps) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const change = useMutation(
    trpc.auth.changePassword.mutationOptions({
      meta: { silent: true },
      onSuccess: async () => {
        void message.success('密码已修改');
        // Everything refused while the password was pending can be fetched now.
        await queryClient.invalidateQueries();
        form.resetFields();
        props.onClose();
      },
      onError: (e) => setError(describeError(e).message),
    }),
  );

  return (
    <Modal
      open
      title={props.forced ? '首次登录，请修改密码' : '修改密码'}
      okText="确认修改"
      cancelText="取消"
      confirmLoading={change.isPending}
      closable={!props.forced}
      mask={{ closable: false }}
      keyboard={!props.forced}
      cancelButtonProps={{ style: props.forced ? { display: 'none' } : undefined }}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      {props.forced ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title="您的密码由管理员设置，为保障账号安全，请先设置一个只有您知道的新密码。"
        />
      ) : null}
      {error ? <Alert type="error" showIcon style={{ marginBottom: 16 }} title={error} /> : null}
      <Form<Values>
        form={form}
        name="change-password"
        layout="vertical"
        requiredMark={false}
        onFinish={(v) => {
          setError(null);
          change.mutate({ oldPassword: v.oldPassword, newPassword: v.newPassword });
        }}
      >
        <Form.Item label="原密码" name="oldPassword" rules={[{ required: true, message: '请输入原密码' }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          label="新密码"
          name="newPassword"
          extra="至少8位，须同时包含字母和数字"
          rules={[
            { required: true, message: '请输入新密码' },
            {
              validator: async (_, value: string | undefined) => {
                if (!value) return;
                const r = passwordSchema.safeParse(value);
                if (!r.success) throw new Error(r.error.issues[0]?.message ?? '密码不符合要求');
              },
            },
            ({ getFieldValue }) => ({
              validator: async (_, value: string | undefined) => {
                if (value && value === getFieldValue('oldPassword'))
                  throw new Error('新密码不能与原密码相同');
              },
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          label="确认新密码"
          name="confirm"
          dependencies={['newPassword']}
          rules={[
            { required: true, message: '请再次输入新密码' },
            ({ getFieldValue }) => ({
              validator: async (_, value: string | undefined) => {
                if (value && value !== getFieldValue('newPassword'))
                  throw new Error('两次输入的新密码不一致');
              },
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
