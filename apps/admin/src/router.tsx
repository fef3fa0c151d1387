import { lazy, type ReactNode, Suspense } from 'react';
import { createBrowserRouter, Navigate } from 'react-router-dom';
import { Loading } from './components/Loading';
import { NotFound } from './components/lazy-results';
import { RequirePage } from './components/RequirePage';
import { AppLayout } from './layouts/AppLayout';

// Every page is its own chunk; the first load carries only the shell.
const LoginPage = lazy(() => import('./pages/Login'));
const SelectIdentityPage = lazy(() => import('./pages/SelectIdentity'));
const WorkbenchPage = lazy(() => import('./pages/workbench/Workbench'));
const TenantsPage = lazy(() => import('./pages/Tenants'));
const OrganisationsPage = lazy(() => import('./pages/organisations/Organisations'));
const MembersPage = lazy(() => import('./pages/members/Members'));
const OrgLedgerPage = lazy(() => import('./pages/org/Ledger'));
const OrgProfilePage = lazy(() => import('./pages/org/OrgProfile'));
const OrgGapsPage = lazy(() => import('./pages/org/Gaps'));
const OrgProposalsPage = lazy(() => import('./pages/org/Proposals'));
const MemberArchivePage = lazy(() => import('./pages/archive/MemberArchive'));
const CompletenessPage = lazy(() => import('./pages/archive/Completeness'));
const ImportsPage = lazy(() => import('./pages/archive/Imports'));
const ApplicationsPage = lazy(() => import('./pages/development/Applications'));
const ApplicationDetailPage = lazy(() => import('./pages/development/ApplicationDetail'));
const NumberBlocksPage = lazy(() => import('./pages/development/NumberBlocks'));
const TwoSystemsPage = lazy(() => import('./pages/development/TwoSystems'));
const TransfersPage = lazy(() => import('./pages/transfer/Transfers'));
const StartTransferPage = lazy(() => import('./pages/transfer/StartTransfer'));
const TransferDetailPage = lazy(() => import('./pages/transfer/TransferDetail'));
const SchoolToSocietyPage = lazy(() => import('./pages/transfer/SchoolToSociety'));

const DuesPage = lazy(() => import('./pages/dues/Dues'));
const RecommendationsPage = lazy(() => import('./pages/dues/Recommendations'));
const RecommendationDetailPage = lazy(() => import('./pages/dues/RecommendationDetail'));
const RecommendationPrintPage = lazy(() => import('./pages/dues/RecommendationPrint'));
const InspectionPlansPage = lazy(() => import('./pages/inspections/Plans'));
const InspectionPlanPage = lazy(() => import('./pages/inspections/PlanDetail'));
const CircularEditorPage = lazy(() => import('./pages/inspections/CircularEditor'));
const CircularPrintPage = lazy(() => import('./pages/inspections/CircularPrint'));
const CircularsPage = lazy(() => import('./pages/inspections/Circulars'));
const MyFindingsPage = lazy(() => import('./pages/inspections/MyFindings'));
const GoodPracticesPage = lazy(() => import('./pages/inspections/GoodPractices'));
const DuesCityPage = lazy(() => import('./pages/dues/CityCollection'));
const LiftDashboardPage = lazy(() => import('./pages/lift/Dashboard'));
const LiftRecordsPage = lazy(() => import('./pages/lift/Records'));
const DataQualityPage = lazy(() => import('./pages/lift/DataQuality'));

const MeetingsPage = lazy(() => import('./pages/meetings/Meetings'));
const MeetingFormPage = lazy(() => import('./pages/meetings/MeetingForm'));
const MeetingsCompliancePage = lazy(() => import('./pages/meetings/Compliance'));
const WallChartsPage = lazy(() => import('./pages/meetings/WallCharts'));
const WallChartPrintPage = lazy(() => import('./pages/meetings/WallChartPrint'));

const HandbookPage = lazy(() => import('./pages/handbook/Handbook'));
const HandbookDetailPage = lazy(() => import('./pages/handbook/HandbookDetail'));
const SearchPage = lazy(() => import('./pages/search/SearchPage'));
const LecturesPage = lazy(() => import('./pages/lectures/Lectures'));
const LectureFormPage = lazy(() => import('./pages/lectures/LectureForm'));
const LectureDetailPage = lazy(() => import('./pages/lectures/LectureDetail'));
const LectureAttendancePage = lazy(() => import('./pages/lectures/TenantAttendance'));

const ThemeDayBoardPage = lazy(() => import('./pages/theme-day/Board'));
const YouthStudyPage = lazy(() => import('./pages/youth/YouthStudy'));
const InstructorsPage = lazy(() => import('./pages/instructors/Instructors'));
const InstructorCoveragePage = lazy(() => import('./pages/instructors/Coverage'));
const MyVisitsPage = lazy(() => import('./pages/instructors/MyVisits'));
const InstructorVisitsPage = lazy(() => import('./pages/instructors/DistrictVisits'));
const MobileMembersPage = lazy(() => import('./pages/youth/MobileMembers'));
const CorrectionsPage = lazy(() => import('./pages/accounts/Corrections'));
const RatingPage = lazy(() => import('./pages/rating/Rating'));
const RectificationPage = lazy(() => import('./pages/rectification/Rectification'));
const CommitteeReportsPage = lazy(() => import('./pages/committees/Reports'));
const CommitteeReportDetailPage = lazy(() => import('./pages/committees/ReportDetail'));
const CommitteeRosterPage = lazy(() => import('./pages/committees/Roster'));
const CommitteeSectorPage = lazy(() => import('./pages/committees/Sector'));
const CommitteeTopicsPage = lazy(() =>
  import('./pages/committees/Work').then((m) => ({ default: m.CommitteeTopicsPage })),
);
const CommitteeMeetingsPage = lazy(() =>
  import('./pages/committees/Work').then((m) => ({ default: m.CommitteeMeetingsPage })),
);
const ResearchSubmissionsPage = lazy(() => import('./pages/committees/Submissions'));
const RatingDetailPage = lazy(() => import('./pages/rating/RatingDetail'));
const ThemeDayRecordPage = lazy(() => import('./pages/theme-day/BranchRecord'));
const AssessmentPage = lazy(() => import('./pages/assessment/Assessment'));
const AssessmentRoundPage = lazy(() => import('./pages/assessment/RoundDetail'));
const AdjustmentLetterPrintPage = lazy(() => import('./pages/assessment/LetterPrint'));
const MyAssessmentPage = lazy(() => import('./pages/assessment/MyAssessment'));
const HearingsPage = lazy(() => import('./pages/hearings/Hearings'));
const HearingDetailPage = lazy(() => import('./pages/hearings/HearingDetail'));
const MyHearingsPage = lazy(() => import('./pages/hearings/MyHearings'));

function Standalone(props: { children: ReactNode }) {
  return <Suspense fallback={<Loading fullPage />}>{props.children}</Suspense>;
}

export const router = createBrowserRouter([
  {
    path: '/login',
    element: (
      <Standalone>
        <LoginPage />
      </Standalone>
    ),
  },
  {
    path: '/select-identity',
    element: (
      <Standalone>
        <SelectIdentityPage />
      </Standalone>
    ),
  },
  {
    path: '/recommendations/:id/print',
    element: (
      <Standalone>
        <RecommendationPrintPage />
      </Standalone>
    ),
  },
  {
    path: '/assessment/letters/:id/print',
    element: (
      <Standalone>
        <AdjustmentLetterPrintPage />
      </Standalone>
    ),
  },
  {
    path: '/circulars/:id/print',
    element: (
      <Standalone>
        <CircularPrintPage />
      </Standalone>
    ),
  },
  {
    path: '/wall-charts/:kind/print',
    element: (
      <Standalone>
        <WallChartPrintPage />
      </Standalone>
    ),
  },
  {
    path: '/',
    element: <AppLayout />,
    children: [
      { index: true, element: <Navigate to="/workbench" replace /> },
      {
        path: 'dashboard',
        element: (
          <RequirePage page="liftDashboard">
            <LiftDashboardPage />
          </RequirePage>
        ),
      },
      {
        path: 'lift-records',
        element: (
          <RequirePage page="liftRecords">
            <LiftRecordsPage />
          </RequirePage>
        ),
      },
      {
        path: 'data-quality',
        element: (
          <RequirePage page="dataQuality">
            <DataQualityPage />
          </RequirePage>
        ),
      },
      {
        path: 'corrections',
        element: (
          <RequirePage page="corrections">
            <CorrectionsPage />
          </RequirePage>
        ),
      },
      {
        path: 'mobile-members',
        element: (
          <RequirePage page="mobileMembers">
            <MobileMembersPage />
          </RequirePage>
        ),
      },
      {
        path: 'instructors',
        element: (
          <RequirePage page="instructors">
            <InstructorsPage />
          </RequirePage>
        ),
      },
      {
        path: 'instructor-coverage',
        element: (
          <RequirePage page="instructorCoverage">
            <InstructorCoveragePage />
          </RequirePage>
        ),
      },
      {
        path: 'my-visits',
        element: (
          <RequirePage page="myVisits">
            <MyVisitsPage />
          </RequirePage>
        ),
      },
      {
        path: 'instructor-visits',
        element: (
          <RequirePage page="instructorVisits">
            <InstructorVisitsPage />
          </RequirePage>
        ),
      },
      {
        path: 'youth-study',
        element: (
          <RequirePage page="youthStudy">
            <YouthStudyPage />
          </RequirePage>
        ),
      },
      {
        path: 'theme-days',
        element: (
          <RequirePage page="themeDays">
            <ThemeDayBoardPage />
          </RequirePage>
        ),
      },
      {
        path: 'rectification',
        element: (
          <RequirePage page="rectification">
            <RectificationPage />
          </RequirePage>
        ),
      },
      {
        path: 'committee/reports',
        element: (
          <RequirePage page="committeeReports">
            <CommitteeReportsPage />
          </RequirePage>
        ),
      },
      {
        path: 'committee/reports/:id',
        element: (
          <RequirePage page="committeeReports">
            <CommitteeReportDetailPage />
          </RequirePage>
        ),
      },
      {
        path: 'committee/roster',
        element: (
          <RequirePage page="committeeRoster">
            <CommitteeRosterPage />
          </RequirePage>
        ),
      },
      {
        path: 'committee/topics',
        element: (
          <RequirePage page="committeeTopics">
            <CommitteeTopicsPage />
          </RequirePage>
        ),
      },
      {
        path: 'committee/meetings',
        element: (
          <RequirePage page="committeeMeetings">
            <CommitteeMeetingsPage />
          </RequirePage>
        ),
      },
      {
        path: 'committee/sector',
        element: (
          <RequirePage page="committeeSector">
            <CommitteeSectorPage />
          </RequirePage>
        ),
      },
      {
        path: 'research-submissions',
        element: (
          <RequirePage page="researchSubmissions">
            <ResearchSubmissionsPage />
          </RequirePage>
        ),
      },
      {
        path: 'rating',
        element: (
          <RequirePage page="rating">
            <RatingPage />
          </RequirePage>
        ),
      },
      {
        path: 'rating/:id',
        element: (
          <RequirePage page="rating">
            <RatingDetailPage />
          </RequirePage>
        ),
      },
      {
        path: 'theme-days/:id',
        element: (
          <RequirePage page="themeDays">
            <ThemeDayRecordPage />
          </RequirePage>
        ),
      },
      {
        path: 'workbench',
        element: (
          <RequirePage page="workbench">
            <WorkbenchPage />
          </RequirePage>
        ),
      },
      {
        path: 'tenants',
        element: (
          <RequirePage page="tenants">
            <TenantsPage />
          </RequirePage>
        ),
      },
      {
        path: 'organisations',
        element: (
          <RequirePage page="organisations">
            <OrganisationsPage />
          </RequirePage>
        ),
      },
      {
        path: 'members',
        element: (
          <RequirePage page="members">
            <MembersPage />
          </RequirePage>
        ),
      },
      {
        path: 'members/:id',
        element: (
          <RequirePage page="members">
            <MemberArchivePage />
          </RequirePage>
        ),
      },
      {
        path: 'archive-completeness',
        element: (
          <RequirePage page="archiveCompleteness">
            <CompletenessPage />
          </RequirePage>
        ),
      },
      {
        path: 'imports',
        element: (
          <RequirePage page="imports">
            <ImportsPage />
          </RequirePage>
        ),
      },
      {
        path: 'development',
        element: (
          <RequirePage page="development">
            <ApplicationsPage />
          </RequirePage>
        ),
      },
      {
        path: 'development/:id',
        element: (
          <RequirePage page="development">
            <ApplicationDetailPage />
          </RequirePage>
        ),
      },
      {
        path: 'number-blocks',
        element: (
          <RequirePage page="numberBlocks">
            <NumberBlocksPage />
          </RequirePage>
        ),
      },
      {
        path: 'two-systems',
        element: (
          <RequirePage page="twoSystems">
            <TwoSystemsPage />
          </RequirePage>
        ),
      },
      {
        path: 'transfers',
        element: (
          <RequirePage page="transfers">
            <TransfersPage />
          </RequirePage>
        ),
      },
      {
        path: 'transfers/new',
        element: (
          <RequirePage page="transfers">
            <StartTransferPage />
          </RequirePage>
        ),
      },
      {
        path: 'transfers/:id',
        element: (
          <RequirePage page="transfers">
            <TransferDetailPage />
          </RequirePage>
        ),
      },
      {
        path: 'school-to-society',
        element: (
          <RequirePage page="schoolToSociety">
            <SchoolToSocietyPage />
          </RequirePage>
        ),
      },
      {
        path: 'org-ledger',
        element: (
          <RequirePage page="orgLedger">
            <OrgLedgerPage />
          </RequirePage>
        ),
      },
      {
        path: 'org-ledger/:id',
        element: (
          <RequirePage page="orgLedger">
            <OrgProfilePage />
          </RequirePage>
        ),
      },
      {
        path: 'org-gaps',
        element: (
          <RequirePage page="orgGaps">
            <OrgGapsPage />
          </RequirePage>
        ),
      },
      {
        path: 'org-proposals',
        element: (
          <RequirePage page="orgProposals">
            <OrgProposalsPage />
          </RequirePage>
        ),
      },
      {
        path: 'dues',
        element: (
          <RequirePage page="dues">
            <DuesPage />
          </RequirePage>
        ),
      },
      {
        path: 'recommendations',
        element: (
          <RequirePage page="recommendations">
            <RecommendationsPage />
          </RequirePage>
        ),
      },
      {
        path: 'dues-city',
        element: (
          <RequirePage page="duesCity">
            <DuesCityPage />
          </RequirePage>
        ),
      },
      {
        path: 'handbook',
        element: (
          <RequirePage page="handbook">
            <HandbookPage />
          </RequirePage>
        ),
      },
      {
        path: 'handbook/:id',
        element: (
          <RequirePage page="handbook">
            <HandbookDetailPage />
          </RequirePage>
        ),
      },
      {
        path: 'search',
        element: (
          <RequirePage page="search">
            <SearchPage />
          </RequirePage>
        ),
      },
      {
        path: 'lectures',
        element: (
          <RequirePage page="lectures">
            <LecturesPage />
          </RequirePage>
        ),
      },
      {
        path: 'lectures/new',
        element: (
          <RequirePage page="lectures">
            <LectureFormPage />
          </RequirePage>
        ),
      },
      {
        path: 'lectures/:id',
        element: (
          <RequirePage page="lectures">
            <LectureDetailPage />
          </RequirePage>
        ),
      },
      {
        path: 'lectures/:id/edit',
        element: (
          <RequirePage page="lectures">
            <LectureFormPage />
          </RequirePage>
        ),
      },
      {
        path: 'lecture-attendance',
        element: (
          <RequirePage page="lectureAttendance">
            <LectureAttendancePage />
          </RequirePage>
        ),
      },
      {
        path: 'recommendations/:id',
        element: (
          <RequirePage page="recommendations">
            <RecommendationDetailPage />
          </RequirePage>
        ),
      },
      {
        path: 'meetings',
        element: (
          <RequirePage page="meetings">
            <MeetingsPage />
          </RequirePage>
        ),
      },
      {
        path: 'meetings/new',
        element: (
          <RequirePage page="meetings">
            <MeetingFormPage />
          </RequirePage>
        ),
      },
      {
        path: 'meetings/:id',
        element: (
          <RequirePage page="meetings">
            <MeetingFormPage />
          </RequirePage>
        ),
      },
      {
        path: 'meetings-compliance',
        element: (
          <RequirePage page="meetingsCompliance">
            <MeetingsCompliancePage />
          </RequirePage>
        ),
      },
      {
        path: 'wall-charts',
        element: (
          <RequirePage page="wallCharts">
            <WallChartsPage />
          </RequirePage>
        ),
      },
      {
        path: 'assessment',
        element: (
          <RequirePage page="assessment">
            <AssessmentPage />
          </RequirePage>
        ),
      },
      {
        path: 'assessment/:id',
        element: (
          <RequirePage page="assessment">
            <AssessmentRoundPage />
          </RequirePage>
        ),
      },
      {
        path: 'my-assessment',
        element: (
          <RequirePage page="myAssessment">
            <MyAssessmentPage />
          </RequirePage>
        ),
      },
      {
        path: 'hearings',
        element: (
          <RequirePage page="hearings">
            <HearingsPage />
          </RequirePage>
        ),
      },
      {
        path: 'hearings/:id',
        element: (
          <RequirePage page="hearings">
            <HearingDetailPage />
          </RequirePage>
        ),
      },
      {
        path: 'my-hearings',
        element: (
          <RequirePage page="myHearings">
            <MyHearingsPage />
          </RequirePage>
        ),
      },
      {
        path: 'inspections',
        element: (
          <RequirePage page="inspections">
            <InspectionPlansPage />
          </RequirePage>
        ),
      },
      {
        path: 'inspections/:id',
        element: (
          <RequirePage page="inspections">
            <InspectionPlanPage />
          </RequirePage>
        ),
      },
      {
        path: 'inspections/:id/circular',
        element: (
          <RequirePage page="inspections">
            <CircularEditorPage />
          </RequirePage>
        ),
      },
      {
        path: 'my-findings',
        element: (
          <RequirePage page="myFindings">
            <MyFindingsPage />
          </RequirePage>
        ),
      },
      {
        path: 'circulars',
        element: (
          <RequirePage page="circulars">
            <CircularsPage />
          </RequirePage>
        ),
      },
      {
        path: 'good-practices',
        element: (
          <RequirePage page="goodPractices">
            <GoodPracticesPage />
          </RequirePage>
        ),
      },
      { path: '*', element: <NotFound /> },
    ],
  },
]);
