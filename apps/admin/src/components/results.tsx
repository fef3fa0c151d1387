import { Button, Result } from 'antd';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import { useDocumentTitle } from './PageHeader';

/** Full-page results (their illustrations are large, so this module is loaded only when needed). */

export function Forbidden() {
  const navigate = useNavigate();
  useDocumentTitle('无权访问');
  return (
    <Result
      status="403"
      title="403"
      subTitle="抱歉，您当前的身份无权访问此页面。如需访问，请切换身份或联系上级管理员。"
      extra={
        <Button type="primary" onClick={() => navigate('/workbench')}>
          返回工作台
        </Button>
      }
    />
  );
}

export function NotFound() {
  const navigate = useNavigate();
  useDocumentTitle('页面不存在');
  return (
    <Result
      status="404"
      title="404"
      subTitle="抱歉，您访问的页面不存在。"
      extra={
        <Button type="primary" onClick={() => navigate('/workbench')}>
          返回工作台
        </Button>
      }
    />
  );
}

export function LoadError(props: { title: string; message: string; onRetry(): void; children?: ReactNode }) {
  return (
    <Result
      status="error"
      title={props.title}
      subTitle={props.message}
      extra={
        <Button type="primary" onClick={props.onRetry}>
          重试
        </Button>
      }
    />
  );
}
