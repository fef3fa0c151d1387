import { Card, Flex, theme } from 'antd';
import type { ReactNode } from 'react';
import { PRODUCT_NAME } from './PageHeader';

/** The centred card of the login and identity pages. */
export function AuthShell(props: { children: ReactNode; width?: number }) {
  const { token } = theme.useToken();
  return (
    <Flex
      vertical
      align="center"
      justify="center"
      style={{
        minHeight: '100vh',
        padding: 24,
        background: `linear-gradient(160deg, ${token.colorPrimaryBg} 0%, #f5f5f5 45%)`,
      }}
    >
      <Flex align="center" gap={12} style={{ marginBottom: 24 }}>
        <span
          aria-hidden
          style={{
            display: 'inline-flex',
            width: 40,
            height: 40,
            borderRadius: 8,
            background: token.colorPrimary,
            color: '#fff',
            fontSize: 22,
            fontWeight: 600,
            alignItems: 'center',
            justifyContent: 'center',
          }}
        >
          团
        </span>
        <span style={{ fontSize: 24, fontWeight: 600, color: token.colorTextHeading }}>{PRODUCT_NAME}</span>
      </Flex>
      <Card style={{ width: '100%', maxWidth: props.width ?? 400 }} styles={{ body: { padding: 32 } }}>
        {props.children}
      </Card>
      <div style={{ marginTop: 24, color: token.colorTextTertiary, fontSize: 12 }}>
        供团市委、区县团委和专门委员会工作人员使用
      </div>
    </Flex>
  );
}
