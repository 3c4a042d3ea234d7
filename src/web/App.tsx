// The shell: skip link, header with language switch and navigation, main, footer; and the route guard.

import { type ReactNode, useEffect, useSyncExternalStore } from 'react';
import { NotificationsNavLabel } from '../cases/ui/NotificationsPage.js';
import { StatusRegion } from './announcer.js';
import { Page } from './components/Page.js';
import { getLanguage, languageNames, languages, setLanguage, subscribeToLanguage, t } from './i18n.js';
import { NoAccessPage } from './pages/NoAccessPage.js';
import { NotFoundPage } from './pages/NotFoundPage.js';
import { ServiceUnavailablePage } from './pages/ServiceUnavailablePage.js';
import { permissions } from './permissions.js';
import { Link, matchPath, Redirect, setReturnTo, usePathname } from './router.js';
import { routes } from './routes.js';
import {
  can,
  isFullySignedIn,
  loadSession,
  nextSignInStep,
  type Session,
  type SessionState,
  signOut,
  useSessionState,
} from './session.js';

export function App() {
  const language = useSyncExternalStore(subscribeToLanguage, getLanguage);
  const sessionState = useSessionState();
  const pathname = usePathname();

  useEffect(() => {
    void loadSession();
  }, []);

  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);

  const session = sessionState.status === 'signed-in' ? sessionState.session : null;

  return (
    <>
      <a className="skip-link" href="#main-content">
        {t('shell.skipLink')}
      </a>
      <Header session={session} pathname={pathname} />
      <div className="width-container">
        <main className="main" id="main-content" tabIndex={-1}>
          <StatusRegion />
          <Screen key={pathname} pathname={pathname} sessionState={sessionState} />
        </main>
      </div>
      <footer className="footer">
        <div className="width-container">
          <p className="footer__text">{t('shell.footer')}</p>
        </div>
      </footer>
    </>
  );
}

function Screen({ pathname, sessionState }: { pathname: string; sessionState: SessionState }): ReactNode {
  if (sessionState.status === 'loading') return <LoadingPage />;
  if (sessionState.status === 'unavailable') {
    return <ServiceUnavailablePage error={sessionState.error} onRetry={() => void loadSession()} />;
  }
  const session = sessionState.status === 'signed-in' ? sessionState.session : null;

  for (const route of routes) {
    const params = matchPath(route.path, pathname);
    if (!params) continue;
    if (route.access === 'sign-in') {
      return session && isFullySignedIn(session) ? <Redirect to="/" /> : route.render(params);
    }
    if (!session) {
      const signedOut = sessionState.status === 'anonymous' && sessionState.reason === 'signed-out';
      if (route.access === 'signed-in' && !signedOut) setReturnTo(`${pathname}${window.location.search}`);
      return <Redirect to="/login" />;
    }
    const step = nextSignInStep(session);
    if (route.access === 'second-factor') {
      if (step === null) return <Redirect to="/" />;
      return step === route.path ? route.render(params) : <Redirect to={step} />;
    }
    if (step !== null) return <Redirect to={step} />;
    if (route.permission && !can(session, route.permission)) return <NoAccessPage />;
    return route.render(params);
  }
  return <NotFoundPage />;
}

function LoadingPage() {
  return (
    <Page title={t('async.loading')} heading={t('shell.serviceName')}>
      <p className="body loading" aria-busy="true">
        {t('async.loading')}
      </p>
    </Page>
  );
}

function Header({ session, pathname }: { session: Session | null; pathname: string }) {
  const full = session !== null && isFullySignedIn(session);
  const navItems = [
    { href: '/', label: t('nav.home'), show: true },
    {
      href: '/organisations',
      label: t('nav.organisations'),
      show: can(session, permissions.viewOrganisations),
    },
    { href: '/cases', label: t('nav.cases'), show: can(session, permissions.viewCases) },
    { href: '/deadlines', label: t('nav.deadlines'), show: can(session, permissions.viewDeadlines) },
    {
      href: '/missing-persons',
      label: t('nav.missingPersons'),
      show: can(session, permissions.viewMissingPersons),
    },
    { href: '/referrals', label: t('nav.referrals'), show: can(session, permissions.viewReferrals) },
    { href: '/exchange', label: t('nav.exchange'), show: can(session, permissions.viewExchangePartners) },
    {
      href: '/case-duplicates',
      label: t('nav.caseDuplicates'),
      show:
        can(session, permissions.viewCaseDuplicates) ||
        can(session, permissions.searchCaseDuplicates) ||
        can(session, permissions.viewPersonsCount),
    },
    {
      href: '/restricted-access',
      label: t('nav.restrictedAccess'),
      show: can(session, permissions.viewRestrictedAccess),
    },
    {
      href: '/notifications',
      // Mounted only when the menu shows it: it fetches the unacknowledged count.
      label: <NotificationsNavLabel />,
      show: can(session, permissions.viewNotifications),
    },
    { href: '/shelters', label: t('nav.shelters'), show: can(session, permissions.viewShelterOccupancy) },
    { href: '/intakes', label: t('nav.screening'), show: can(session, permissions.viewIntakes) },
    {
      href: '/contact-points',
      label: t('nav.contactPoints'),
      show: can(session, permissions.viewContactPoints),
    },
    {
      href: '/questionnaires',
      label: t('nav.questionnaires'),
      show: can(session, permissions.publishQuestionnaire),
    },
    { href: '/users', label: t('nav.users'), show: can(session, permissions.viewUsers) },
    { href: '/audit', label: t('nav.audit'), show: can(session, permissions.viewAudit) },
  ].filter((item) => item.show);

  // The route guard then sends the user to /login, which says they have signed out.
  const handleSignOut = () => void signOut();

  return (
    <header className="header">
      <div className="header__container width-container">
        <Link className="header__service" href="/">
          {t('shell.serviceName')}
        </Link>
        <div className="header__tools">
          <nav className="language-switch" aria-label={t('shell.languageNav')}>
            <ul className="language-switch__list">
              {languages.map((code) => (
                <li className="language-switch__item" key={code}>
                  {/* Both are buttons, so focus stays on the one pressed when the page re-renders. */}
                  <button
                    className="language-switch__button"
                    type="button"
                    lang={code}
                    aria-current={code === getLanguage() ? 'true' : undefined}
                    onClick={() => setLanguage(code)}
                  >
                    {languageNames[code]}
                  </button>
                </li>
              ))}
            </ul>
          </nav>
          {session ? (
            <div className="header__account">
              <span className="header__organisation">{session.user.organisationName}</span>
              <button className="header__sign-out" type="button" onClick={handleSignOut}>
                {t('shell.signOut')}
              </button>
            </div>
          ) : null}
        </div>
      </div>
      {full ? (
        <nav className="service-nav" aria-label={t('shell.mainNav')}>
          <ul className="service-nav__list width-container">
            {navItems.map((item) => {
              const active = item.href === '/' ? pathname === '/' : pathname.startsWith(item.href);
              return (
                <li className="service-nav__item" key={item.href}>
                  <Link
                    className="service-nav__link"
                    href={item.href}
                    aria-current={active ? 'page' : undefined}
                  >
                    {item.label}
                  </Link>
                </li>
              );
            })}
          </ul>
        </nav>
      ) : null}
    </header>
  );
}
