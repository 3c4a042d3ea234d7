// The route table: every screen the shell mounts, who may see it, and which permission it needs.

import type { ReactNode } from 'react';
import { CasePage } from '../cases/ui/CasePage.js';
import { CasesPage } from '../cases/ui/CasesPage.js';
import { DeadlinesPage } from '../cases/ui/DeadlinesPage.js';
import { NewCasePage } from '../cases/ui/NewCasePage.js';
import { NewOrganisationPage } from '../directory/ui/NewOrganisationPage.js';
import { OrganisationPage } from '../directory/ui/OrganisationPage.js';
import { OrganisationsPage } from '../directory/ui/OrganisationsPage.js';
import { AuditPage } from '../security/ui/AuditPage.js';
import { EnrolPage } from '../security/ui/EnrolPage.js';
import { LoginPage } from '../security/ui/LoginPage.js';
import { NewUserPage } from '../security/ui/NewUserPage.js';
import { SecondFactorPage } from '../security/ui/SecondFactorPage.js';
import { UserPage } from '../security/ui/UserPage.js';
import { UsersPage } from '../security/ui/UsersPage.js';
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
    path: '/deadlines',
    access: 'signed-in',
    permission: permissions.viewDeadlines,
    render: () => <DeadlinesPage />,
  },
  { path: '/audit', access: 'signed-in', permission: permissions.viewAudit, render: () => <AuditPage /> },
];
