import { type FormEvent, useState } from 'react';
import { Radios } from '../../cases/ui/fields.js';
import { AsyncState } from '../../web/components/AsyncState.js';
import { SuccessBanner } from '../../web/components/Banner.js';
import { Page } from '../../web/components/Page.js';
import { SummaryList } from '../../web/components/SummaryList.js';
import { t } from '../../web/i18n.js';
import { permissions } from '../../web/permissions.js';
import { useApi } from '../../web/resource.js';
import { getFlash, Link, usePathname } from '../../web/router.js';
import { can, useSession } from '../../web/session.js';
import { type ContactPoint, languageName, type OpeningHours } from './types.js';

// Who can be reached now (002 l. 1252: identification available 24 hours a day, 7 days a week).
// "Now" is decided by the server with the platform clock in the deployment's time zone.

const openingText = (opening: OpeningHours) =>
  t(opening.closesNextDay ? 'contactPoints.openingNextDay' : 'contactPoints.opening', {
    day: t(`weekday.${opening.day}`),
    opens: opening.opens,
    closes: opening.closes,
  });

export function ContactPointsPage() {
  const session = useSession();
  const pathname = usePathname();
  const [openNow, setOpenNow] = useState('true');
  const [chosen, setChosen] = useState(openNow);
  const list = useApi<{ contactPoints: ContactPoint[] }>(
    openNow === 'true' ? '/api/contact-points?openNow=true' : '/api/contact-points',
  );

  const apply = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setOpenNow(chosen);
  };

  return (
    <Page title={t('contactPoints.title')} before={<SuccessBanner message={getFlash(pathname)} />}>
      <p className="body">{t('contactPoints.intro')}</p>
      {can(session, permissions.manageContactPoints) ? (
        <p className="body">
          <Link className="button button--secondary" href="/contact-points/new">
            {t('contactPoints.add')}
          </Link>
        </p>
      ) : null}
      <form className="form" noValidate onSubmit={apply}>
        <Radios
          name="openNow"
          legend={t('contactPoints.title')}
          options={[
            { value: 'true', label: t('contactPoints.openNowOnly') },
            { value: 'false', label: t('contactPoints.all') },
          ]}
          value={chosen}
          onChange={setChosen}
        />
        <div className="button-group">
          <button className="button button--secondary" type="submit">
            {t('contactPoints.filter.apply')}
          </button>
        </div>
      </form>
      <AsyncState
        resource={list}
        isEmpty={({ contactPoints }) => contactPoints.length === 0}
        empty={
          <p className="body">
            {openNow === 'true' ? t('contactPoints.emptyOpenNow') : t('contactPoints.empty')}
          </p>
        }
      >
        {({ contactPoints }) => (
          <>
            <h2 className="heading-m">{t('contactPoints.count', { count: contactPoints.length })}</h2>
            <ul className="card-list">
              {contactPoints.map((point) => (
                <li className="card" key={point.id}>
                  <h3 className="heading-s card__title">{point.name}</h3>
                  {point.organisationName ? <p className="body">{point.organisationName}</p> : null}
                  <strong className={point.openNow ? 'tag' : 'tag tag--grey'}>
                    {point.openNow ? t('contactPoints.reachableNow') : t('contactPoints.closedNow')}
                  </strong>
                  {point.public ? <span className="tag tag--grey">{t('contactPoints.public')}</span> : null}
                  <SummaryList
                    rows={[
                      ...(point.phone
                        ? [
                            {
                              key: 'phone',
                              label: t('contactPoints.phone'),
                              value: <a href={`tel:${point.phone.replace(/\s+/g, '')}`}>{point.phone}</a>,
                            },
                          ]
                        : []),
                      ...(point.email
                        ? [
                            {
                              key: 'email',
                              label: t('contactPoints.email'),
                              value: <a href={`mailto:${point.email}`}>{point.email}</a>,
                            },
                          ]
                        : []),
                      {
                        key: 'hours',
                        label: t('contactPoints.hours'),
                        value: point.alwaysOpen ? (
                          t('contactPoints.alwaysOpen')
                        ) : (
                          <ul className="list">
                            {point.weeklyHours.map((opening) => (
                              <li key={`${opening.day}-${opening.opens}`}>{openingText(opening)}</li>
                            ))}
                          </ul>
                        ),
                      },
                      {
                        key: 'languages',
                        label: t('contactPoints.languages'),
                        value: point.languages.map(languageName).join(', '),
                      },
                    ]}
                  />
                  {point.allowedActions?.includes(permissions.manageContactPoints) ? (
                    <p className="body">
                      <Link href={`/contact-points/${encodeURIComponent(point.id)}/change`}>
                        {t('contactPoints.change')}
                        <span className="visually-hidden">
                          {' '}
                          {t('contactPoints.actionsFor', { name: point.name })}
                        </span>
                      </Link>{' '}
                      ·{' '}
                      <Link href={`/contact-points/${encodeURIComponent(point.id)}/retire`}>
                        {t('contactPoints.retire')}
                        <span className="visually-hidden">
                          {' '}
                          {t('contactPoints.actionsFor', { name: point.name })}
                        </span>
                      </Link>
                    </p>
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
