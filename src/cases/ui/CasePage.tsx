import { useState } from 'react';
import { AsyncState } from '../../web/components/AsyncState.js';
import { SuccessBanner } from '../../web/components/Banner.js';
import { Page } from '../../web/components/Page.js';
import { SummaryList, type SummaryRow } from '../../web/components/SummaryList.js';
import { formatDateTime, t } from '../../web/i18n.js';
import { NotFoundPage } from '../../web/pages/NotFoundPage.js';
import { useApi } from '../../web/resource.js';
import { getFlash, Link, usePathname } from '../../web/router.js';
import { type Session, useSession } from '../../web/session.js';
import { AddEventForm } from './AddEventForm.js';
import { dueText, formatDate, formatDateWithRelative, formatLongDate } from './dates.js';
import { type CaseFile, caseActions, label, type TimelineEntry } from './types.js';

const timelinePageSize = 10;

/** The case workspace (UX.md §2.2): identity bar, summary with next steps, timeline, add event. */
export function CasePage({ caseId }: { caseId: string }) {
  const session = useSession();
  const pathname = usePathname();
  const caseFile = useApi<CaseFile>(`/api/cases/${encodeURIComponent(caseId)}`);

  // "Not found" and "no access" look the same, so a URL never confirms a person is in the system.
  const status = caseFile.error?.status;
  if (status === 404 || status === 403 || status === 400) return <NotFoundPage />;

  const reference = caseFile.data?.reference;
  return (
    <Page
      title={reference ? t('case.title', { reference }) : t('case.titleLoading')}
      caption={t('case.caption')}
      heading={reference ?? t('case.titleLoading')}
      before={
        <>
          <Link className="back-link" href="/cases">
            {t('case.backToList')}
          </Link>
          <SuccessBanner message={getFlash(pathname)} />
        </>
      }
    >
      <AsyncState resource={caseFile}>
        {(loaded) =>
          session ? <Workspace caseFile={loaded} session={session} reload={caseFile.reload} /> : null
        }
      </AsyncState>
    </Page>
  );
}

function Workspace({
  caseFile,
  session,
  reload,
}: {
  caseFile: CaseFile;
  session: Session;
  reload: () => void;
}) {
  const mayRecord = caseFile.allowedActions.includes(caseActions.recordEvent);
  const flags: string[] = [];
  if (caseFile.child.presumedChild)
    flags.push(caseFile.child.ageBasis === 'unknown' ? t('case.flag.ageUnknown') : t('case.flag.child'));

  return (
    <>
      <section className="panel" aria-label={t('case.identityBar')}>
        <SummaryList
          rows={[
            { key: 'reference', label: t('case.reference'), value: caseFile.reference },
            {
              key: 'stage',
              label: t('case.stage'),
              value: <strong className="tag">{label('caseStage', caseFile.stage)}</strong>,
            },
            {
              key: 'flags',
              label: t('case.flags'),
              value:
                flags.length > 0
                  ? flags.map((flag) => (
                      <strong className="tag tag--grey" key={flag}>
                        {flag}
                      </strong>
                    ))
                  : t('case.flag.none'),
            },
          ]}
        />
        {mayRecord ? (
          <a className="button button--secondary" href="#add-event">
            {t('case.addEvent')}
          </a>
        ) : null}
      </section>

      <h2 className="heading-m">{t('case.summary')}</h2>
      <h3 className="heading-s">{t('case.nextSteps')}</h3>
      {caseFile.deadlines.length === 0 ? (
        <p className="body">{t('case.noNextSteps')}</p>
      ) : (
        <ul className="list task-list">
          {caseFile.deadlines.map((deadline) => (
            <li className="task-list__item" key={`${deadline.kind}:${deadline.dueOn}:${deadline.reason}`}>
              <p className="body">
                <strong>{label('deadlineKind', deadline.kind)}</strong>
                <br />
                {formatLongDate(deadline.dueOn)}{' '}
                <strong className={deadline.status === 'overdue' ? 'tag' : 'tag tag--grey'}>
                  {dueText(deadline.dueOn)}
                </strong>
              </p>
              <p className="body body--small">{deadline.reason}</p>
            </li>
          ))}
        </ul>
      )}

      <h3 className="heading-s">{t('case.keyDates')}</h3>
      <SummaryList rows={keyDates(caseFile)} />

      <Timeline entries={caseFile.timeline} session={session} />

      {mayRecord ? <AddEventForm caseId={caseFile.id} session={session} onRecorded={reload} /> : null}
    </>
  );
}

function keyDates(caseFile: CaseFile): SummaryRow[] {
  const rows: SummaryRow[] = [
    { key: 'opened', label: t('case.openedOn'), value: formatDateWithRelative(caseFile.openedOn) },
  ];
  if (caseFile.reflection) {
    const ended = caseFile.reflection.status === 'ended';
    rows.push({
      key: 'reflection',
      label: ended ? t('case.reflectionEnded') : t('case.reflectionEnds'),
      value: formatDateWithRelative(
        ended ? (caseFile.reflection.endedOn ?? caseFile.reflection.endsOn) : caseFile.reflection.endsOn,
      ),
    });
  }
  if (caseFile.permit?.validUntil)
    rows.push({
      key: 'permit',
      label: t('case.permitValidUntil'),
      value: formatDateWithRelative(caseFile.permit.validUntil),
    });
  rows.push({
    key: 'risk',
    label: t('case.latestRiskAssessment'),
    value: caseFile.risk.latestAssessmentOn
      ? `${formatDate(caseFile.risk.latestAssessmentOn)}${caseFile.risk.latestOutcome ? ` — ${label('riskOutcome', caseFile.risk.latestOutcome)}` : ''}`
      : t('case.noRiskAssessment'),
  });
  if (caseFile.closedOn)
    rows.push({ key: 'closed', label: t('case.closedOn'), value: formatDateWithRelative(caseFile.closedOn) });
  return rows;
}

function byline(entry: TimelineEntry, session: Session): string {
  if (entry.recordedBy === session.user.id) return t('case.byYou');
  if (entry.recordedByOrganisationId === null) return t('case.byPalermo');
  if (entry.recordedByOrganisationId === session.user.organisationId)
    return t('case.byColleague', { organisation: session.user.organisationName });
  return t('case.byOtherOrganisation');
}

function Timeline({ entries, session }: { entries: readonly TimelineEntry[]; session: Session }) {
  const [shown, setShown] = useState(timelinePageSize);
  return (
    <section aria-labelledby="timeline-heading">
      <h2 className="heading-m" id="timeline-heading">
        {t('case.timeline')}
      </h2>
      {entries.length === 0 ? (
        <p className="body">{t('case.timelineEmpty')}</p>
      ) : (
        <>
          <p className="body body--small">{t('case.timelineCount', { count: entries.length })}</p>
          <ol className="list timeline">
            {entries.slice(0, shown).map((entry) => {
              const recordedOn = entry.recordedAt.slice(0, 10);
              return (
                <li className="timeline__item" key={entry.seq}>
                  <h3 className="heading-s">{label('event', entry.type)}</h3>
                  <p className="body body--small">
                    {t('case.occurredOn', { date: formatLongDate(entry.occurredOn) })}
                    {recordedOn !== entry.occurredOn ? (
                      <>
                        <br />
                        {t('case.recordedOn', { date: formatDateTime(entry.recordedAt) })}
                      </>
                    ) : null}
                    <br />
                    {byline(entry, session)}
                  </p>
                </li>
              );
            })}
          </ol>
          {shown < entries.length ? (
            <button
              className="button button--secondary"
              type="button"
              onClick={() => setShown((n) => n + timelinePageSize)}
            >
              {t('case.showOlder')}
            </button>
          ) : null}
        </>
      )}
    </section>
  );
}
