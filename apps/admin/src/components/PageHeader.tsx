import { Flex, theme } from 'antd';
import { type ReactNode, useEffect } from 'react';

export const PRODUCT_NAME = '团建云 管理后台';

export function useDocumentTitle(title: string | undefined) {
  useEffect(() => {
    document.title = title ? `${title} - ${PRODUCT_NAME}` : PRODUCT_NAME;
  }, [title]);
}

/** The page's one heading (h1) with optional actions on the right and a line under it. */
export function PageHeader(props: { title: string; subTitle?: ReactNode; extra?: ReactNode }) {
  const { token } = theme.useToken();
  useDocumentTitle(props.title);
  return (
    <Flex justify="space-between" align="center" wrap gap={12} style={{ marginBottom: 16 }}>
      <div>
        <h1
          style={{
            margin: 0,
            fontSize: 20,
            fontWeight: 600,
            lineHeight: '32px',
            color: token.colorTextHeading,
          }}
        >
          {props.title}
        </h1>
        {props.subTitle ? (
          <div style={{ color: token.colorTextSecondary, marginTop: 2 }}>{props.subTitle}</div>
        ) : null}
      </div>
      {props.extra ? <Flex gap={8}>{props.extra}</Flex> : null}
    </Flex>
  );
}
