import { accountsRouter } from './router/accounts';
import { archiveRouter } from './router/archive';
import { assessmentRouter } from './router/assessment';
import { authRouter } from './router/auth';
import { committeesRouter, researchSubmissionsRouter } from './router/committees';
import { developmentRouter } from './router/development';
import { duesRouter, recommendationsRouter } from './router/dues';
import { exportsRouter } from './router/exports';
import { goodPracticesRouter } from './router/goodPractices';
import { handbookRouter } from './router/handbook';
import { hearingsRouter } from './router/hearings';
import { homeRouter } from './router/home';
import { importsRouter } from './router/imports';
import { inspectionsRouter } from './router/inspections';
import { instructorsRouter } from './router/instructors';
import { lecturesRouter } from './router/lectures';
import { dashboardRouter, dataQualityRouter, liftRouter } from './router/lift';
import { meetingsRouter } from './router/meetings';
import { membersRouter } from './router/members';
import { orgRouter } from './router/org';
import { organisationsRouter } from './router/organisations';
import { ratingRouter } from './router/rating';
import { rectificationRouter } from './router/rectification';
import { searchRouter } from './router/search';
import { tenantsRouter } from './router/tenants';
import { themeDaysRouter } from './router/themeDays';
import { todosRouter } from './router/todos';
import { transfersRouter } from './router/transfers';
import { youthStudyRouter } from './router/youthStudy';
import { createTRPCRouter } from './trpc';

export const appRouter = createTRPCRouter({
  accounts: accountsRouter,
  assessment: assessmentRouter,
  hearings: hearingsRouter,
  committees: committeesRouter,
  researchSubmissions: researchSubmissionsRouter,
  auth: authRouter,
  tenants: tenantsRouter,
  organisations: organisationsRouter,
  org: orgRouter,
  members: membersRouter,
  archive: archiveRouter,
  imports: importsRouter,
  home: homeRouter,
  development: developmentRouter,
  dues: duesRouter,
  recommendations: recommendationsRouter,
  transfers: transfersRouter,
  todos: todosRouter,
  meetings: meetingsRouter,
  lectures: lecturesRouter,
  themeDays: themeDaysRouter,
  exports: exportsRouter,
  rating: ratingRouter,
  rectification: rectificationRouter,
  handbook: handbookRouter,
  search: searchRouter,
  inspections: inspectionsRouter,
  instructors: instructorsRouter,
  goodPractices: goodPracticesRouter,
  youthStudy: youthStudyRouter,
  dashboard: dashboardRouter,
  lift: liftRouter,
  dataQuality: dataQualityRouter,
});

export type AppRouter = typeof appRouter;
