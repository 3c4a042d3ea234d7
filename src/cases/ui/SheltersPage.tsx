// Shelter capacity and occupancy (issue 3 acceptance 5; ADR 0024): places declared in the directory,
// people housed counted from the cases' safe-accommodation services. Counts only. A shelter over its
// declared capacity is shown as such, in words — the person in danger comes first, so the server
// never refuses, and the page never hides it.

import { AsyncState } from '../../web/components/AsyncState.js';
import { Page } from '../../web/components/Page.js';
import { compareText, formatNumber, t } from '../../web/i18n.js';
import { useApi } from '../../web/resource.js';

export type ShelterOccupancy = {
  organisationId: string;
  name: string;
  region: string;
  places: number | null;
  housed: number;
  available: number | null;
};

/** What the "Available" cell says: a count, "Full", "Over capacity by 2 people", or "Not declared". */
export function availability(shelter: Pick<ShelterOccupancy, 'available'>): { text: string; over: boolean } {
  if (shelter.available === null) return { text: t('shelters.notDeclared'), over: false };
  if (shelter.available < 0)
    return { text: t('shelters.overCapacity', { count: -shelter.available }), over: true };
  if (shelter.available === 0) return { text: t('shelters.full'), over: false };
  return { text: formatNumber(shelter.available), over: false };
}

// Column headings size to their word, so a narrow screen wraps the shelter's name, not "Places".
const keepWhole = { overflowWrap: 'normal', wordBreak: 'normal' } as const;

export function SheltersPage() {
  const occupancy = useApi<{ shelters: ShelterOccupancy[] }>('/api/shelters/occupancy');
  return (
    <Page title={t('shelters.title')}>
      <p className="body">{t('shelters.intro')}</p>
      <AsyncState
        resource={occupancy}
        isEmpty={({ shelters }) => shelters.length === 0}
        empty={<p className="body">{t('shelters.empty')}</p>}
      >
        {({ shelters }) => (
          <table className="table">
            <caption className="table__caption">{t('shelters.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('shelters.column.shelter')}</th>
                <th scope="col" className="table__numeric" style={keepWhole}>
                  {t('shelters.column.places')}
                </th>
                <th scope="col" className="table__numeric" style={keepWhole}>
                  {t('shelters.column.housed')}
                </th>
                <th scope="col" style={keepWhole}>
                  {t('shelters.column.available')}
                </th>
              </tr>
            </thead>
            <tbody>
              {[...shelters]
                .sort((a, b) => compareText(a.name, b.name))
                .map((shelter) => {
                  const available = availability(shelter);
                  return (
                    <tr key={shelter.organisationId}>
                      <th scope="row" style={{ fontWeight: 400 }}>
                        {shelter.name}
                        <br />
                        <span className="body--small">
                          {t('shelters.column.region')}: {shelter.region}
                        </span>
                      </th>
                      <td className="table__numeric">
                        {shelter.places === null ? t('shelters.notDeclared') : formatNumber(shelter.places)}
                      </td>
                      <td className="table__numeric">{formatNumber(shelter.housed)}</td>
                      <td>
                        {available.over ? <strong className="tag">{available.text}</strong> : available.text}
                      </td>
                    </tr>
                  );
                })}
            </tbody>
          </table>
        )}
      </AsyncState>
    </Page>
  );
}
