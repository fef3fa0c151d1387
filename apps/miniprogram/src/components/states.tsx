import { Button, Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { errorMessage } from '../lib/errors';

export function Loading({ text = '正在加载…' }: { text?: string }) {
  return (
    <View className="state">
      <Text className="muted">{text}</Text>
    </View>
  );
}

/** A visible error with the server's Chinese message and a retry button. */
export function ErrorBlock({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  return (
    <View className="state">
      <Text className="state-title">加载失败</Text>
      <Text className="state-text">{errorMessage(error)}</Text>
      {onRetry ? (
        <Button className="btn btn-default" onClick={onRetry}>
          重试
        </Button>
      ) : null}
    </View>
  );
}

/** An empty state that says what to do next. */
export function Empty({ title, text, children }: { title: string; text: string; children?: ReactNode }) {
  return (
    <View className="state">
      <Text className="state-title">{title}</Text>
      <Text className="state-text">{text}</Text>
      {children}
    </View>
  );
}
