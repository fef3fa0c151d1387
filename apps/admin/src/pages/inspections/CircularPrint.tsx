import { useQuery } from '@tanstack/react-query';
import { formatChineseDate } from '@tuanjian/domain';
import { Alert, Button, Space } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { Loading } from '../../components/Loading';
import { useDocumentTitle } from '../../components/PageHeader';
import { useMe } from '../../lib/auth';
import { trpc } from '../../lib/trpc';

const PRINT_CSS = `
.tj-print { background: #f0f0f0; min-height: 100vh; padding: 24px 0; }
.tj-doc { width: 210mm; min-height: 297mm; margin: 0 auto; background: #fff; padding: 30mm 26mm 25mm;
  box-sizing: border-box; color: #000; font-family: "FangSong", "STFangsong", "Noto Serif CJK SC", serif; font-size: 16pt; }
.tj-doc .head { text-align: center; color: #c8161d; font-family: "SimSun", "Noto Serif CJK SC", serif;
  font-size: 30pt; letter-spacing: 2px; font-weight: bold; }
.tj-doc .num { text-align: center; margin: 6mm 0 2mm; font-size: 14pt; }
.tj-doc hr { border: 0; border-top: 2px solid #c8161d; margin: 0 0 10mm; }
.tj-doc h1 { text-align: center; font-family: "SimHei", "Noto Sans CJK SC", sans-serif; font-size: 20pt; margin: 0 0 8mm; line-height: 1.5; }
.tj-doc p { margin: 0; line-height: 1.9; white-space: pre-wrap; }
.tj-doc .sign { text-align: right; margin-top: 14mm; line-height: 1.9; }
.tj-toolbar { width: 210mm; margin: 0 auto 12px; }
@page { size: A4; margin: 0; }
@media print {
  .tj-print { background: #fff; padding: 0; }
  .tj-toolbar { display: none; }
  .tj-doc { margin: 0; }
  .tj-doc .head, .tj-doc hr { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;

/** The printable 通报 (/circulars/:id/print): the city reads any, tenants the published ones. */
export default function CircularPrintPage() {
  const { id = '' } = useParams();
  const { activeGrant } = useMe();
  const isCity = activeGrant?.tenant.kind === 'city';
  const city = useQuery({
    ...trpc.inspections.cityCircular.queryOptions({ id }),
    enabled: !!activeGrant && isCity,
  });
  const tenant = useQuery({
    ...trpc.inspections.circular.queryOptions({ id }),
    enabled: !!activeGrant && !isCity,
  });
  const q = isCity ? city : tenant;
  const c = q.data;
  useDocumentTitle(c?.title ?? '通报');
  if (!activeGrant || q.isLoading) return <Loading fullPage />;
  if (!c) return <Alert type="error" message={q.error ? q.error.message : '通报不存在'} />;
  return (
    <div className="tj-print">
      <style>{PRINT_CSS}</style>
      <div className="tj-toolbar">
        <Space>
          <Button type="primary" onClick={() => window.print()}>
            打印
          </Button>
          <Link to={isCity ? '/inspections' : '/circulars'}>返回</Link>
          {c.status === 'draft' ? <Alert type="warning" message="草稿，尚未发布" showIcon /> : null}
        </Space>
      </div>
      <div className="tj-doc" data-testid="circular">
        <div className="head">共青团兰州市委员会</div>
        <div className="num">{c.docNumber ?? ''}</div>
        <hr />
        <h1>{c.title}</h1>
        {c.body.split('\n').map((line, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: lines of a fixed text
          <p key={i}>{line}</p>
        ))}
        <div className="sign">
          共青团兰州市委员会
          <br />
          {c.publishedOn ? formatChineseDate(c.publishedOn) : ''}
        </div>
      </div>
    </div>
  );
}
