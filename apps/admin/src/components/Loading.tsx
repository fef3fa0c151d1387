import { Flex, Spin } from 'antd';

/** A spinner that says what it is doing. */
export function Loading(props: { tip?: string; fullPage?: boolean }) {
  return (
    <Flex
      vertical
      align="center"
      justify="center"
      gap={12}
      style={{ minHeight: props.fullPage ? '100vh' : 240 }}
      role="status"
      aria-live="polite"
    >
      <Spin size="large" />
      <span style={{ color: 'rgba(0,0,0,0.45)' }}>{props.tip ?? '正在加载…'}</span>
    </Flex>
  );
}
