import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Space } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { Loading } from '../../components/Loading';
import { useDocumentTitle } from '../../components/PageHeader';
import { formatDate } from '../../lib/format';
import { trpc } from '../../lib/trpc';
import { errorText } from './shared';

const PRINT_CSS = `
.tj-print { background: #f0f0f0; min-height: 100vh; padding: 24px 0; }
.tj-sheet { width: 210mm; min-height: 297mm; margin: 0 auto; background: #fff; padding: 18mm 16mm;
  box-sizing: border-box; color: #000; font-family: "SimSun", "Songti SC", "Noto Serif CJK SC", serif; font-size: 12pt; }
.tj-sheet h1 { text-align: center; font-size: 20pt; margin: 0 0 4mm; letter-spacing: 2px; }
.tj-sheet .sub { text-align: center; margin-bottom: 6mm; }
.tj-sheet table { width: 100%; border-collapse: collapse; table-layout: fixed; }
.tj-sheet td { border: 1px solid #000; padding: 2.5mm 2mm; vertical-align: middle; word-break: break-all; }
.tj-sheet td.k { width: 22mm; text-align: center; }
.tj-sheet td.tall { height: 34mm; vertical-align: top; }
.tj-sheet .sign { text-align: right; margin-top: 10mm; padding-right: 6mm; }
.tj-toolbar { width: 210mm; margin: 0 auto 12px; }
@page { size: A4; margin: 0; }
@media print {
  .tj-print { background: #fff; padding: 0; }
  .tj-toolbar { display: none; }
  .tj-sheet { margin: 0; box-shadow: none; }
}
`;

/** 《入党积极分子培养考察表》 (推优), one clean A4 page. */
export default function RecommendationPrintPage() {
  const { id = '' } = useParams();
  const detail = useQuery(trpc.recommendations.get.queryOptions({ id }));
  useDocumentTitle('入党积极分子培养考察表');
  if (detail.isLoading) return <Loading fullPage />;
  const d = detail.data;
  if (!d) return <Alert type="error" message={errorText(detail.error) ?? '推优记录不存在'} />;
  const m = d.member;
  const gender = m.gender === 'male' ? '男' : '女';
  return (
    <div className="tj-print">
      <style>{PRINT_CSS}</style>
      <div className="tj-toolbar">
        <Space>
          <Button type="primary" onClick={() => window.print()}>
            打印
          </Button>
          <Link to={`/recommendations/${d.id}`}>返回</Link>
        </Space>
      </div>
      <div className="tj-sheet" data-testid="print-sheet">
        <h1>入党积极分子培养考察表</h1>
        <div className="sub">（共青团推优入党）</div>
        <table>
          <tbody>
            <tr>
              <td className="k">姓名</td>
              <td>{m.name}</td>
              <td className="k">性别</td>
              <td>{gender}</td>
              <td className="k">民族</td>
              <td>{m.ethnicity ?? ''}</td>
            </tr>
            <tr>
              <td className="k">出生日期</td>
              <td>{formatDate(m.birthDate)}</td>
              <td className="k">入团时间</td>
              <td>{formatDate(m.joinDate)}</td>
              <td className="k">文化程度</td>
              <td>{m.education ?? ''}</td>
            </tr>
            <tr>
              <td className="k">团员编号</td>
              <td colSpan={2}>{m.memberNumber ?? ''}</td>
              <td className="k">申请入党时间</td>
              <td colSpan={2}>{formatDate(d.partyApplicationDate)}</td>
            </tr>
            <tr>
              <td className="k">所在团支部</td>
              <td colSpan={5}>{m.orgName}</td>
            </tr>
            <tr>
              <td className="k">推优条件</td>
              <td colSpan={5}>
                {d.eligibility.checks.map((c) => `${c.ok ? '☑' : '☐'}${c.rule}（${c.actual}）`).join('；')}
              </td>
            </tr>
            <tr>
              <td className="k">支部委员会提名</td>
              <td colSpan={5}>
                {formatDate(d.nominatedOn)}　{d.nominationNote ?? ''}
              </td>
            </tr>
            <tr>
              <td className="k">推优大会</td>
              <td colSpan={5}>
                {d.vote
                  ? `${formatDate(d.vote.on)}召开，应到${d.vote.entitled}人，实到${d.vote.present}人，赞成${d.vote.yes}票`
                  : ''}
              </td>
            </tr>
            <tr>
              <td className="k">公示情况</td>
              <td colSpan={5}>
                {d.publicity ? `${formatDate(d.publicity.from)}至${formatDate(d.publicity.to)}，无异议` : ''}
              </td>
            </tr>
            <tr>
              <td className="k">团支部意见</td>
              <td colSpan={5} className="tall">
                {d.reviewNote ?? ''}
                <div className="sign">（盖章）　　年　　月　　日</div>
              </td>
            </tr>
            <tr>
              <td className="k">上级团组织意见</td>
              <td colSpan={5} className="tall">
                {d.approvedOn ? `同意推荐。${d.approvedBy ?? ''}　${formatDate(d.approvedOn)}` : ''}
                {d.validUntil ? `　推荐有效期至${formatDate(d.validUntil)}` : ''}
                <div className="sign">（盖章）　　年　　月　　日</div>
              </td>
            </tr>
            <tr>
              <td className="k">党组织培养考察意见</td>
              <td colSpan={5} className="tall">
                {d.partyOrgName ? `推荐至：${d.partyOrgName}` : ''}
                <div className="sign">（盖章）　　年　　月　　日</div>
              </td>
            </tr>
          </tbody>
        </table>
      </div>
    </div>
  );
}
