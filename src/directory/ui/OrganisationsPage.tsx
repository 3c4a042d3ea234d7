import { AsyncState } from '../../web/components/AsyncState.js';
import { SuccessBanner } from '../../web/components/Banner.js';
import { Page } from '../../web/components/Page.js';
import { compareText, t } from '../../web/i18n.js';
import { regionName, useMeta } from '../../web/meta.js';
import { permissions } from '../../web/permissions.js';
import { useApi } from '../../web/resource.js';
import { getFlash, Link, usePathname } from '../../web/router.js';
import { can, useSession } from '../../web/session.js';
import { kindLabel } from './OrganisationForm.js';
import type { OrganisationList } from './types.js';

export function OrganisationsPage() {
  const session = useSession();
  const pathname = usePathname();
  const list = useApi<OrganisationList>('/api/organisations');
  const meta = useMeta();
  const mayCreate = can(session, permissions.createOrganisation);

  const addLink = mayCreate ? (
    <Link className="button button--secondary" href="/organisations/new">
      {t('organisations.add')}
    </Link>
  ) : null;

  return (
    <Page title={t('organisations.title')} before={<SuccessBanner message={getFlash(pathname)} />}>
      <p className="body">{t('organisations.intro')}</p>
      {addLink}
      <AsyncState
        resource={list}
        isEmpty={({ organisations }) => organisations.length === 0}
        empty={<p className="body">{t('organisations.empty')}</p>}
      >
        {({ organisations }) => {
          const sorted = [...organisations].sort((a, b) => compareText(a.name, b.name));
          return (
            <table className="table">
              <caption className="table__caption">
                {t('organisations.count', { count: organisations.length })}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t('organisation.field.name')}</th>
                  <th scope="col">{t('organisation.field.kind')}</th>
                  <th scope="col">{t('organisation.field.region')}</th>
                  <th scope="col">{t('organisation.availability')}</th>
                </tr>
              </thead>
              <tbody>
                {sorted.map((organisation) => (
                  <tr key={organisation.id}>
                    <td>
                      <Link href={`/organisations/${encodeURIComponent(organisation.id)}`}>
                        {organisation.name}
                      </Link>
                    </td>
                    <td>{kindLabel(organisation.kind)}</td>
                    <td>{regionName(meta.data, organisation.region) || t('common.notProvided')}</td>
                    <td>
                      {organisation.available24x7
                        ? t('organisation.available24x7')
                        : t('organisation.notAvailable24x7')}
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
