import { type FormEvent, useState } from 'react';
import { AsyncState } from '../../web/components/AsyncState.js';
import { Select } from '../../web/components/fields.js';
import { Page } from '../../web/components/Page.js';
import { t } from '../../web/i18n.js';
import { permissions } from '../../web/permissions.js';
import { useApi } from '../../web/resource.js';
import { Link } from '../../web/router.js';
import { can, useSession } from '../../web/session.js';
import { formatDate, type IntakeSummary, intakeChannels, label, screeningResults } from './types.js';

const resultFilters = [...screeningResults, 'not_screened'] as const;

/** The intake list: anonymous first contacts, newest first, as cards that fit a phone. */
export function IntakesPage() {
  const session = useSession();
  const [filters, setFilters] = useState({ channel: '', result: '' });
  const [chosen, setChosen] = useState(filters);
  const query = new URLSearchParams(Object.entries(filters).filter(([, value]) => value !== '')).toString();
  const list = useApi<{ intakes: IntakeSummary[] }>(`/api/intakes${query ? `?${query}` : ''}`);

  const apply = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setFilters(chosen);
  };

  return (
    <Page title={t('intakes.title')}>
      <p className="body">{t('intakes.intro')}</p>
      {can(session, permissions.runScreening) ? (
        <Link className="button" href="/screening">
          {t('intakes.new')}
        </Link>
      ) : null}
      <form className="form" noValidate onSubmit={apply}>
        <Select
          name="channel"
          label={t('intakes.filter.channel')}
          placeholder={t('intakes.filter.allChannels')}
          options={intakeChannels.map((value) => ({ value, label: label('intakeChannel', value) }))}
          value={chosen.channel}
          onChange={(channel) => setChosen((current) => ({ ...current, channel }))}
        />
        <Select
          name="result"
          label={t('intakes.filter.result')}
          placeholder={t('intakes.filter.allResults')}
          options={resultFilters.map((value) => ({ value, label: label('screeningResult', value) }))}
          value={chosen.result}
          onChange={(result) => setChosen((current) => ({ ...current, result }))}
        />
        <div className="button-group">
          <button className="button button--secondary" type="submit">
            {t('intakes.filter.apply')}
          </button>
        </div>
      </form>
      <AsyncState
        resource={list}
        isEmpty={({ intakes }) => intakes.length === 0}
        empty={<p className="body">{query ? t('intakes.emptyFiltered') : t('intakes.empty')}</p>}
      >
        {({ intakes }) => (
          <>
            <h2 className="heading-m">{t('intakes.count', { count: intakes.length })}</h2>
            <ul className="card-list">
              {intakes.map((intake) => (
                <li className="card" key={intake.id}>
                  <h3 className="heading-s card__title">
                    <Link href={`/intakes/${encodeURIComponent(intake.id)}`}>
                      {t('intakes.item', {
                        channel: label('intakeChannel', intake.channel),
                        date: formatDate(intake.receivedOn),
                      })}
                    </Link>
                  </h3>
                  <strong className="tag">
                    {label('screeningResult', intake.latestResult ?? 'not_screened')}
                  </strong>
                  {intake.caseId ? (
                    <strong className="tag tag--grey">{t('intakes.caseOpened')}</strong>
                  ) : null}
                </li>
              ))}
            </ul>
          </>
        )}
      </AsyncState>
    </Page>
  );
}
