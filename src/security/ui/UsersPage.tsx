import { AsyncState } from '../../web/components/AsyncState.js';
import { SuccessBanner } from '../../web/components/Banner.js';
import { Page } from '../../web/components/Page.js';
import { compareText, t } from '../../web/i18n.js';
import { permissions } from '../../web/permissions.js';
import { useApi } from '../../web/resource.js';
import { getFlash, Link, usePathname } from '../../web/router.js';
import { can, useSession } from '../../web/session.js';
import type { UserAccount } from './types.js';
import { roleLabel, userStatusText } from './user-fields.js';

export function UsersPage() {
  const session = useSession();
  const pathname = usePathname();
  const list = useApi<{ users: UserAccount[] }>('/api/users');
  const mayCreate = can(session, permissions.createUser);

  return (
    <Page title={t('users.title')} before={<SuccessBanner message={getFlash(pathname)} />}>
      <p className="body">{t('users.intro')}</p>
      {mayCreate ? (
        <Link className="button button--secondary" href="/users/new">
          {t('users.add')}
        </Link>
      ) : null}
      <AsyncState
        resource={list}
        isEmpty={({ users }) => users.length === 0}
        empty={<p className="body">{t('users.empty')}</p>}
      >
        {({ users }) => {
          const sorted = [...users].sort((a, b) => compareText(a.displayName, b.displayName));
          return (
            <table className="table">
              <caption className="table__caption">{t('users.count', { count: users.length })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('user.field.displayName')}</th>
                  <th scope="col">{t('user.field.organisationId')}</th>
                  <th scope="col">{t('user.field.roles')}</th>
                  <th scope="col">{t('user.field.status')}</th>
                </tr>
              </thead>
              <tbody>
                {sorted.map((user) => (
                  <tr key={user.id}>
                    <td>
                      <Link href={`/users/${encodeURIComponent(user.id)}`}>
                        <span dir="auto">{user.displayName}</span>
                      </Link>
                    </td>
                    <td>{user.organisationName}</td>
                    <td>{user.roles.map(roleLabel).join(', ') || t('user.noRoles')}</td>
                    <td>
                      <span className="tag">{userStatusText(user)}</span>
                      {user.secondFactorEnrolled ? null : (
                        <span className="tag tag--grey">{t('user.status.noSecondFactor')}</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          );
        }}
      </AsyncState>
    </Page>
  );
}
