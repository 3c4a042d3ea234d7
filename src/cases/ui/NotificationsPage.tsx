// Notifications owed by the referral mechanism (ADR 0024): a withdrawn consent, data shared without
// consent (to the data protection officer, acceptance 6), the release of a defendant (002 l. 1628),
// a case transferred to the organisation. The API gives ids and codes only, so the page says what
// happened in words and names the case by its reference, never the person (UX.md §5).

import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { announce } from '../../web/announcer.js';
import { api, toApiError } from '../../web/api.js';
import { AsyncState } from '../../web/components/AsyncState.js';
import { SuccessBanner } from '../../web/components/Banner.js';
import { ErrorSummary } from '../../web/components/ErrorSummary.js';
import { generalProblemText } from '../../web/components/form-errors.js';
import { Page } from '../../web/components/Page.js';
import { renderText, type Text } from '../../web/components/text.js';
import { type MessageKey, t } from '../../web/i18n.js';
import { useApi } from '../../web/resource.js';
import { Link, usePathname } from '../../web/router.js';
import { can, type Session, useSession } from '../../web/session.js';
import { formatDate } from './dates.js';

export type CaseNotification = {
  id: string;
  kind: 'consent_withdrawn' | 'override_without_consent' | 'defendant_released' | 'ownership_transferred';
  caseId: string;
  caseReference: string;
  details: Record<string, string>;
  createdOn: string;
  acknowledged: boolean;
};

// The header's count listens here, so acknowledging on the page updates it at once.
let changes = 0;
const listeners = new Set<() => void>();
function notificationsChanged(): void {
  changes += 1;
  for (const listener of listeners) listener();
}
function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The main-menu entry's words: "Notifications (2 new)"; fetched again on each page change. */
export function NotificationsNavLabel() {
  const pathname = usePathname();
  const changed = useSyncExternalStore(subscribe, () => changes);
  const [count, setCount] = useState<number | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: pathname and changed are the refresh triggers
  useEffect(() => {
    let current = true;
    api.get<{ notifications: CaseNotification[] }>('/api/notifications?unacknowledged=true').then(
      (loaded) => {
        if (current) setCount(loaded.notifications.length);
      },
      () => {
        // The menu still works without the count; the page says what went wrong.
        if (current) setCount(null);
      },
    );
    return () => {
      current = false;
    };
  }, [pathname, changed]);
  return <>{count === null ? t('nav.notifications') : t('nav.notificationsCount', { count })}</>;
}

export function NotificationsPage() {
  const session = useSession();
  const notifications = useApi<{ notifications: CaseNotification[] }>('/api/notifications');
  const [done, setDone] = useState<Text | null>(null);
  const [failure, setFailure] = useState<Text | null>(null);
  const newHeading = useRef<HTMLHeadingElement>(null);

  const acknowledge = async (notification: CaseNotification) => {
    setDone(null);
    setFailure(null);
    try {
      await api.post(`/api/notifications/${encodeURIComponent(notification.id)}/acknowledgement`, {});
      setDone({ key: 'notifications.acknowledged' });
      notifications.reload();
      notificationsChanged();
    } catch (error) {
      const problem = generalProblemText(toApiError(error));
      setFailure(problem);
      announce(renderText(problem));
    }
    // The button pressed is gone from the list; focus goes back to the top of the list.
    newHeading.current?.focus();
  };

  return (
    <Page title={t('notifications.title')} before={<SuccessBanner message={done} />}>
      {failure ? <ErrorSummary items={[{ message: failure }]} /> : null}
      <p className="body">{t('notifications.intro')}</p>
      <AsyncState
        resource={notifications}
        isEmpty={(data) => data.notifications.length === 0}
        empty={<p className="body">{t('notifications.empty')}</p>}
      >
        {(data) => {
          const waiting = data.notifications.filter((notification) => !notification.acknowledged);
          const seen = data.notifications.filter((notification) => notification.acknowledged);
          return (
            <>
              <section aria-labelledby="notifications-new">
                <h2 className="heading-m" id="notifications-new" ref={newHeading} tabIndex={-1}>
                  {t('notifications.unacknowledged', { count: waiting.length })}
                </h2>
                {waiting.length === 0 ? (
                  <p className="body">{t('notifications.noneNew')}</p>
                ) : (
                  <NotificationList
                    notifications={waiting}
                    session={session}
                    onAcknowledge={(notification) => void acknowledge(notification)}
                  />
                )}
              </section>
              {seen.length > 0 ? (
                <section aria-labelledby="notifications-seen">
                  <h2 className="heading-m" id="notifications-seen">
                    {t('notifications.acknowledgedList', { count: seen.length })}
                  </h2>
                  <NotificationList notifications={seen} session={session} onAcknowledge={null} />
                </section>
              ) : null}
            </>
          );
        }}
      </AsyncState>
    </Page>
  );
}

function NotificationList({
  notifications,
  session,
  onAcknowledge,
}: {
  notifications: readonly CaseNotification[];
  session: Session | null;
  onAcknowledge: ((notification: CaseNotification) => void) | null;
}) {
  const mayOpenCases = can(session, 'case.view');
  return (
    <ul className="list" style={{ paddingLeft: 0, listStyle: 'none' }}>
      {[...notifications]
        .sort((a, b) => b.createdOn.localeCompare(a.createdOn))
        .map((notification) => {
          const title = t(`notifications.kind.${notification.kind}` as MessageKey, {
            reference: notification.caseReference,
          });
          return (
            <li className="card" key={notification.id} style={{ marginBottom: '1.5rem' }}>
              <h3 className="heading-s">{title}</h3>
              <p className="body body--small">
                {t('notifications.createdOn', { date: formatDate(notification.createdOn) })}
              </p>
              <p className="body">{t(`notifications.about.${notification.kind}` as MessageKey)}</p>
              <div className="button-group">
                {onAcknowledge ? (
                  <button
                    className="button button--secondary"
                    type="button"
                    onClick={() => onAcknowledge(notification)}
                  >
                    {t('notifications.acknowledge')}
                    <span className="visually-hidden">: {title}</span>
                  </button>
                ) : null}
                {mayOpenCases ? (
                  <Link href={`/cases/${encodeURIComponent(notification.caseId)}`}>
                    {t('notifications.openCase', { reference: notification.caseReference })}
                  </Link>
                ) : null}
              </div>
            </li>
          );
        })}
    </ul>
  );
}
