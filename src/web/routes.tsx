// The route table: every screen the shell mounts, who may see it, and which permission it needs.

import type { ReactNode } from 'react';
import { CasePage } from '../cases/ui/CasePage.js';
import { CasesPage } from '../cases/ui/CasesPage.js';
import { DeadlinesPage } from '../cases/ui/DeadlinesPage.js';
import { NewCasePage } from '../cases/ui/NewCasePage.js';
import { NotificationsPage } from '../cases/ui/NotificationsPage.js';
import { ReferralInboxPage, ReferralResponsePage } from '../cases/ui/ReferralInboxPage.js';
import { AccessDecisionPage, RestrictedAccessPage } from '../cases/ui/RestrictedAccessPage.js';
import { SheltersPage } from '../cases/ui/SheltersPage.js';
import { NewOrganisationPage } from '../directory/ui/NewOrganisationPage.js';
import { OrganisationPage } from '../directory/ui/OrganisationPage.js';
import { OrganisationsPage } from '../directory/ui/OrganisationsPage.js';
import {
  ChangeContactPointPage,
  NewContactPointPage,
  RetireContactPointPage,
} from '../identification/ui/ContactPointForm.js';
import { ContactPointsPage } from '../identification/ui/ContactPointsPage.js';
import { IntakePage } from '../identification/ui/IntakePage.js';
import { IntakesPage } from '../identification/ui/IntakesPage.js';
import { QuestionnairePage, QuestionnairesPage } from '../identification/ui/QuestionnairesPage.js';
import { ScreeningPage } from '../identification/ui/ScreeningPage.js';
import { AuditPage } from '../security/ui/AuditPage.js';
import { EnrolPage } from '../security/ui/EnrolPage.js';
import { LoginPage } from '../security/ui/LoginPage.js';
import { NewUserPage } from '../security/ui/NewUserPage.js';
import { SecondFactorPage } from '../security/ui/SecondFactorPage.js';
import { UserPage } from '../security/ui/UserPage.js';
import { UsersPage } from '../security/ui/UsersPage.js';
import { CaseDuplicatePage } from '../tracing/duplicates/ui/CaseDuplicatePage.js';
import { CaseDuplicatesPage } from '../tracing/duplicates/ui/CaseDuplicatesPage.js';
import { ExchangePage } from '../tracing/exchange/ui/ExchangePage.js';
import { CandidatePage } from '../tracing/register/ui/CandidatePage.js';
import { NewReportPage } from '../tracing/register/ui/NewReportPage.js';
import { RegisterPage } from '../tracing/register/ui/RegisterPage.js';
import { ReportPage } from '../tracing/register/ui/ReportPage.js';
import { ReviewQueuePage } from '../tracing/register/ui/ReviewQueuePage.js';
import { HomePage } from './pages/HomePage.js';
import { permissions } from './permissions.js';

export type RouteAccess =
  /** Signing in: anyone; a fully signed-in user is sent home. */
  | 'sign-in'
  /** The second sign-in step: only for a session that still needs it. */
  | 'second-factor'
  /** Everything else: a fully signed-in user, with `permission` if given. */
  | 'signed-in';

export type RouteDefinition = {
  path: string;
  access: RouteAccess;
  permission?: string;
  render: (params: Record<string, string>) => ReactNode;
};

export const routes: readonly RouteDefinition[] = [
  { path: '/login', access: 'sign-in', render: () => <LoginPage /> },
  { path: '/login/second-factor', access: 'second-factor', render: () => <SecondFactorPage /> },
  { path: '/login/enrol', access: 'second-factor', render: () => <EnrolPage /> },
  { path: '/', access: 'signed-in', render: () => <HomePage /> },
  {
    path: '/organisations',
    access: 'signed-in',
    permission: permissions.viewOrganisations,
    render: () => <OrganisationsPage />,
  },
  {
    path: '/organisations/new',
    access: 'signed-in',
    permission: permissions.createOrganisation,
    render: () => <NewOrganisationPage />,
  },
  {
    path: '/organisations/:id',
    access: 'signed-in',
    permission: permissions.viewOrganisations,
    render: ({ id }) => <OrganisationPage id={id ?? ''} />,
  },
  { path: '/users', access: 'signed-in', permission: permissions.viewUsers, render: () => <UsersPage /> },
  {
    path: '/users/new',
    access: 'signed-in',
    permission: permissions.createUser,
    render: () => <NewUserPage />,
  },
  {
    path: '/users/:id',
    access: 'signed-in',
    permission: permissions.viewUsers,
    render: ({ id }) => <UserPage id={id ?? ''} />,
  },
  { path: '/cases', access: 'signed-in', permission: permissions.viewCases, render: () => <CasesPage /> },
  {
    path: '/cases/new',
    access: 'signed-in',
    permission: permissions.openCase,
    render: () => <NewCasePage />,
  },
  {
    path: '/cases/:caseId',
    access: 'signed-in',
    permission: permissions.viewCases,
    render: ({ caseId }) => <CasePage caseId={caseId ?? ''} />,
  },
  {
    path: '/cases/:caseId/:section',
    access: 'signed-in',
    permission: permissions.viewCases,
    render: ({ caseId, section }) => <CasePage caseId={caseId ?? ''} section={section} />,
  },
  {
    path: '/cases/:caseId/:section/:item',
    access: 'signed-in',
    permission: permissions.viewCases,
    render: ({ caseId, section, item }) => <CasePage caseId={caseId ?? ''} section={section} item={item} />,
  },
  {
    path: '/cases/:caseId/:section/:item/:action',
    access: 'signed-in',
    permission: permissions.viewCases,
    render: ({ caseId, section, item, action }) => (
      <CasePage caseId={caseId ?? ''} section={section} item={item} action={action} />
    ),
  },
  {
    path: '/referrals',
    access: 'signed-in',
    permission: permissions.viewReferrals,
    render: () => <ReferralInboxPage />,
  },
  {
    path: '/referrals/:referralId',
    access: 'signed-in',
    permission: permissions.viewReferrals,
    render: ({ referralId }) => <ReferralResponsePage referralId={referralId ?? ''} />,
  },
  {
    path: '/restricted-access',
    access: 'signed-in',
    permission: permissions.viewRestrictedAccess,
    render: () => <RestrictedAccessPage />,
  },
  {
    path: '/restricted-access/:requestId',
    access: 'signed-in',
    permission: permissions.viewRestrictedAccess,
    render: ({ requestId }) => <AccessDecisionPage requestId={requestId ?? ''} />,
  },
  {
    path: '/notifications',
    access: 'signed-in',
    permission: permissions.viewNotifications,
    render: () => <NotificationsPage />,
  },
  {
    path: '/shelters',
    access: 'signed-in',
    permission: permissions.viewShelterOccupancy,
    render: () => <SheltersPage />,
  },
  {
    path: '/deadlines',
    access: 'signed-in',
    permission: permissions.viewDeadlines,
    render: () => <DeadlinesPage />,
  },
  {
    path: '/missing-persons',
    access: 'signed-in',
    permission: permissions.viewMissingPersons,
    render: () => <RegisterPage />,
  },
  {
    path: '/missing-persons/new',
    access: 'signed-in',
    permission: permissions.reportMissingPerson,
    render: () => <NewReportPage />,
  },
  {
    path: '/missing-persons/:reportId',
    access: 'signed-in',
    permission: permissions.viewMissingPersons,
    render: ({ reportId }) => <ReportPage reportId={reportId ?? ''} />,
  },
  {
    path: '/match-candidates',
    access: 'signed-in',
    permission: permissions.reviewMatches,
    render: () => <ReviewQueuePage />,
  },
  {
    path: '/match-candidates/:candidateId',
    access: 'signed-in',
    permission: permissions.viewMatches,
    render: ({ candidateId }) => <CandidatePage candidateId={candidateId ?? ''} />,
  },
  {
    // Three parts with three permissions (count, run, review): the page shows the parts the user may use.
    path: '/case-duplicates',
    access: 'signed-in',
    render: () => <CaseDuplicatesPage />,
  },
  {
    path: '/case-duplicates/:candidateId',
    access: 'signed-in',
    permission: permissions.viewCaseDuplicates,
    render: ({ candidateId }) => <CaseDuplicatePage candidateId={candidateId ?? ''} />,
  },
  {
    path: '/exchange',
    access: 'signed-in',
    permission: permissions.viewExchangePartners,
    render: () => <ExchangePage />,
  },
  { path: '/audit', access: 'signed-in', permission: permissions.viewAudit, render: () => <AuditPage /> },
  {
    path: '/screening',
    access: 'signed-in',
    permission: permissions.runScreening,
    render: () => <ScreeningPage />,
  },
  {
    path: '/intakes',
    access: 'signed-in',
    permission: permissions.viewIntakes,
    render: () => <IntakesPage />,
  },
  {
    path: '/intakes/:intakeId',
    access: 'signed-in',
    permission: permissions.viewIntakes,
    render: ({ intakeId }) => <IntakePage intakeId={intakeId ?? ''} />,
  },
  {
    path: '/questionnaires',
    access: 'signed-in',
    permission: permissions.viewQuestionnaires,
    render: () => <QuestionnairesPage />,
  },
  {
    path: '/questionnaires/:setId/:version',
    access: 'signed-in',
    permission: permissions.viewQuestionnaires,
    render: ({ setId, version }) => <QuestionnairePage setId={setId ?? ''} version={version ?? ''} />,
  },
  {
    path: '/contact-points',
    access: 'signed-in',
    permission: permissions.viewContactPoints,
    render: () => <ContactPointsPage />,
  },
  {
    path: '/contact-points/new',
    access: 'signed-in',
    permission: permissions.manageContactPoints,
    render: () => <NewContactPointPage />,
  },
  {
    path: '/contact-points/:contactPointId/change',
    access: 'signed-in',
    permission: permissions.manageContactPoints,
    render: ({ contactPointId }) => <ChangeContactPointPage contactPointId={contactPointId ?? ''} />,
  },
  {
    path: '/contact-points/:contactPointId/retire',
    access: 'signed-in',
    permission: permissions.manageContactPoints,
    render: ({ contactPointId }) => <RetireContactPointPage contactPointId={contactPointId ?? ''} />,
  },
];
