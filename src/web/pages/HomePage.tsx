import { roleKey } from '../../security/ui/roles.js';
import { Page } from '../components/Page.js';
import { type MessageKey, t } from '../i18n.js';
import { permissions } from '../permissions.js';
import { Link } from '../router.js';
import { can, useSession } from '../session.js';

type Destination = { href: string; title: MessageKey; description: MessageKey; permission: string };

const destinations: readonly Destination[] = [
  {
    href: '/organisations',
    title: 'nav.organisations',
    description: 'home.organisations',
    permission: permissions.viewOrganisations,
  },
  { href: '/users', title: 'nav.users', description: 'home.users', permission: permissions.viewUsers },
  { href: '/audit', title: 'nav.audit', description: 'home.audit', permission: permissions.viewAudit },
];

export function HomePage() {
  const session = useSession();
  if (!session) return null;
  const { user } = session;
  const roleNames = user.roles.map((role) => {
    const key = roleKey(role);
    return key ? t(key) : role;
  });
  const available = destinations.filter((destination) => can(session, destination.permission));

  return (
    <Page title={t('home.title')}>
      <p className="body-l">
        {roleNames.length > 0
          ? t('home.signedInAs', {
              roleCount: roleNames.length,
              roles: roleNames.join(', '),
              organisation: user.organisationName,
            })
          : t('home.signedInNoRole', { organisation: user.organisationName })}
      </p>
      {user.roles.map((role) => {
        const key = roleKey(role);
        return key ? (
          <p className="body" key={role}>
            {t(`home.role.${role}`)}
          </p>
        ) : null;
      })}
      {available.length > 0 ? (
        <>
          <h2 className="heading-m">{t('home.whatYouCanDo')}</h2>
          <ul className="card-list">
            {available.map((destination) => (
              <li className="card" key={destination.href}>
                <h3 className="heading-s card__title">
                  <Link href={destination.href}>{t(destination.title)}</Link>
                </h3>
                <p className="body">{t(destination.description)}</p>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p className="body">{t('home.nothingYet')}</p>
      )}
    </Page>
  );
}
