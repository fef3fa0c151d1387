import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Space } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { Loading } from '../../components/Loading';
import { useDocumentTitle } from '../../components/PageHeader';
import { formatDate } from '../../lib/format';
import { trpc } from '../../lib/trpc';

const PRINT_CSS = `
.tj-print { background: #f0f0f0; min-height: 100vh; padding: 24px 0; }
.tj-chart { width: 210mm; min-height: 297mm; margin: 0 auto; background: #fff; padding: 16mm 14mm;
  box-sizing: border-box; color: #000; font-family: "SimHei", "Heiti SC", "Noto Sans CJK SC", sans-serif; }
.tj-chart h1 { text-align: center; font-size: 30pt; color: #c8161d; margin: 0 0 2mm; letter-spacing: 4px; }
.tj-chart .sub { text-align: center; font-size: 13pt; margin-bottom: 8mm; color: #333; }
.tj-chart section { border: 2px solid #c8161d; border-radius: 3mm; margin-bottom: 5mm; break-inside: avoid; }
.tj-chart section h2 { background: #c8161d; color: #fff; margin: 0; padding: 2mm 4mm; font-size: 15pt; }
.tj-chart section ul { margin: 3mm 0; padding-left: 10mm; font-size: 12pt; line-height: 1.7; }
.tj-chart .src { font-size: 9pt; color: #555; padding: 0 4mm 2mm; }
.tj-chart footer { text-align: center; font-size: 10pt; margin-top: 6mm; color: #333; }
.tj-toolbar { width: 210mm; margin: 0 auto 12px; }
@page { size: A4; margin: 0; }
@media print {
  .tj-print { background: #fff; padding: 0; }
  .tj-toolbar { display: none; }
  .tj-chart { margin: 0; }
  .tj-chart section h2 { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;

/** 挂图: 四项基础团务 (/wall-charts/basic_affairs/print) or 三会两制一课 (/wall-charts/meetings/print). */
export default function WallChartPrintPage() {
  const { kind = 'meetings' } = useParams();
  const data = useQuery(trpc.meetings.wallCharts.queryOptions({}));
  const chart = data.data?.charts.find((c) => c.kind === kind);
  useDocumentTitle(chart ? `${chart.title}挂图` : '挂图');
  if (data.isLoading) return <Loading fullPage />;
  if (!chart) return <Alert type="error" message={data.error ? data.error.message : '挂图不存在'} />;
  return (
    <div className="tj-print">
      <style>{PRINT_CSS}</style>
      <div className="tj-toolbar">
        <Space>
          <Button type="primary" onClick={() => window.print()}>
            打印
          </Button>
          <Link to="/wall-charts">返回</Link>
        </Space>
      </div>
      <div className="tj-chart" data-testid="wall-chart">
        <h1>{chart.title}</h1>
        <div className="sub">{chart.subtitle}</div>
        {chart.sections.map((s) => (
          <section key={s.title}>
            <h2>{s.title}</h2>
            <ul>
              {s.items.map((it) => (
                <li key={it}>{it}</li>
              ))}
            </ul>
            <div className="src">依据：{[...new Set(s.sources.map((x) => x.source))].join('；')}</div>
          </section>
        ))}
        <footer>共青团兰州市委员会 印制　·　规则数据截至 {formatDate(data.data?.asOf)}</footer>
      </div>
    </div>
  );
}
