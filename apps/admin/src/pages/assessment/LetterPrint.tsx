import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Space } from 'antd';
import { useNavigate, useParams } from 'react-router-dom';
import { Loading } from '../../components/Loading';
import { useDocumentTitle } from '../../components/PageHeader';
import { formatDate } from '../../lib/format';
import { trpc } from '../../lib/trpc';

const PRINT_CSS = `
.tj-print { background: #f0f0f0; min-height: 100vh; padding: 24px 0; }
.tj-sheet { width: 210mm; min-height: 297mm; margin: 0 auto; background: #fff; padding: 25mm 22mm;
  box-sizing: border-box; color: #000; font-family: "FangSong", "STFangsong", "Noto Serif CJK SC", serif; font-size: 16pt; line-height: 1.8; }
.tj-sheet h1 { text-align: center; font-size: 22pt; margin: 0 0 2mm; letter-spacing: 4px; font-family: "SimHei", "Noto Sans CJK SC", sans-serif; }
.tj-sheet .no { text-align: center; margin-bottom: 8mm; font-size: 14pt; }
.tj-sheet p { text-indent: 2em; margin: 0 0 3mm; }
.tj-sheet p.to { text-indent: 0; }
.tj-sheet table { width: 100%; border-collapse: collapse; margin: 4mm 0; font-size: 14pt; }
.tj-sheet td, .tj-sheet th { border: 1px solid #000; padding: 1.5mm 2mm; text-align: center; }
.tj-sheet .sign { text-align: right; margin-top: 18mm; }
.tj-toolbar { width: 210mm; margin: 0 auto 12px; }
@page { size: A4; margin: 0; }
@media print {
  .tj-print { background: #fff; padding: 0; }
  .tj-toolbar { display: none; }
  .tj-sheet { margin: 0; }
}
`;

/** 建议调整函: a printable letter to the party committee of a unit three years in the bottom group. */
export default function AdjustmentLetterPrintPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const q = useQuery(trpc.assessment.letter.queryOptions({ actionId: id }));
  useDocumentTitle('建议调整函');
  if (q.isLoading) return <Loading fullPage />;
  const l = q.data;
  if (!l) return <Alert type="error" message="建议调整函不存在" />;
  const years = l.years.map((y) => `${y.year}年`).join('、');
  return (
    <div className="tj-print">
      <style>{PRINT_CSS}</style>
      <div className="tj-toolbar">
        <Space>
          <Button type="primary" onClick={() => window.print()}>
            打印
          </Button>
          <Button onClick={() => navigate(-1)}>返回</Button>
        </Space>
      </div>
      <div className="tj-sheet" data-testid="letter-sheet">
        <h1>关于调整{l.unitName}领导班子的建议函</h1>
        <div className="no">{l.letterNo}</div>
        <p className="to">{l.addressee}：</p>
        <p>
          根据基层团组织年终考核评估办法，{l.unitName}在{years}年终考核评估中连续{l.consecutiveYears}
          年排名末{l.bottomPlaces}位，具体排名如下：
        </p>
        <table>
          <thead>
            <tr>
              <th>年度</th>
              <th>排名</th>
              <th>参评单位数</th>
              <th>总分</th>
            </tr>
          </thead>
          <tbody>
            {l.years.map((y) => (
              <tr key={y.year}>
                <td>{y.year}年</td>
                <td>第{y.rank}名</td>
                <td>{y.unitCount}</td>
                <td>{(y.total / 10).toFixed(1)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p>
          此前我委已按规定对该单位进行提醒约谈、告诫约谈。为加强基层团组织建设，现建议贵委对{l.unitName}
          领导班子予以调整，并将调整情况函告我委。
        </p>
        <p>特此函告。</p>
        <div className="sign">
          <div>{l.issuer}</div>
          <div>{formatDate(l.issuedOn)}</div>
        </div>
      </div>
    </div>
  );
}
