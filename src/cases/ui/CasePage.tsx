import { useState } from 'react';
import { AsyncState } from '../../web/components/AsyncState.js';
import { SuccessBanner } from '../../web/components/Banner.js';
import { Page } from '../../web/components/Page.js';
import { SummaryList, type SummaryRow } from '../../web/components/SummaryList.js';
import { formatDateTime, getLanguage, locales, type MessageKey, t } from '../../web/i18n.js';
import { NotFoundPage } from '../../web/pages/NotFoundPage.js';
import { useApi } from '../../web/resource.js';
import { getFlash, Link, usePathname } from '../../web/router.js';
import { type Session, useSession } from '../../web/session.js';
import { RecordEventChooser, RecordEventForm } from './AddEventForm.js';
import { ConsentForm, ConsentList, WithdrawConsent } from './ConsentsSection.js';
import { dueText, formatDate, formatDateWithRelative, formatLongDate } from './dates.js';
import { findEventForm } from './event-forms.js';
import { IdentityPanel } from './IdentityPanel.js';
import { FlagNoticeForm, LiftNoticeForm } from './NoticeForms.js';
import { nextSteps } from './next-steps.js';
import { mayFlagNotice, type NoticeStanding, noticeStanding } from './notice.js';
import { organisationName, useOrganisations } from './organisations.js';
import { CaseReferrals, ReferralForm } from './ReferralsSection.js';
import { TransferForm } from './TransferForm.js';
import { detailRows } from './timeline-details.js';
import { type CaseFile, caseActions, label, type TimelineEntry } from './types.js';

const timelinePageSize = 10;

export const caseSections = ['overview', 'timeline', 'consents', 'referrals', 'record'] as const;
/** Pages of the workspace reached from its actions, not from the sub-navigation. */
const caseActionPages = ['notice', 'transfer'] as const;
export type CaseSection = (typeof caseSections)[number] | (typeof caseActionPages)[number];

type CasePageProps = {
  caseId: string;
  /** The sub-page: `/cases/:id/:section/:item/:action`; the overview when absent. */
  section?: string;
  item?: string;
  action?: string;
};

/** The case workspace (UX.md §2.2): identity bar, sub-navigation, and one section at a time. */
export function CasePage({ caseId, section = 'overview', item, action }: CasePageProps) {
  const session = useSession();
  const pathname = usePathname();
  const caseFile = useApi<CaseFile>(`/api/cases/${encodeURIComponent(caseId)}`);

  // "Not found" and "no access" look the same, so a URL never confirms a person is in the system.
  const status = caseFile.error?.status;
  if (status === 404 || status === 403 || status === 400) return <NotFoundPage />;
  if (![...caseSections, ...caseActionPages].includes(section as CaseSection)) return <NotFoundPage />;
  const current = section as CaseSection;

  const reference = caseFile.data?.reference;
  const sectionName = t(`case.section.${current}` as MessageKey);
  return (
    <Page
      key={`${current}/${item ?? ''}/${action ?? ''}`}
      title={reference ? t('case.sectionTitle', { reference, section: sectionName }) : t('case.titleLoading')}
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
          session ? (
            <Workspace
              caseFile={loaded}
              session={session}
              reload={caseFile.reload}
              section={current}
              item={item}
              action={action}
            />
          ) : null
        }
      </AsyncState>
    </Page>
  );
}

type WorkspaceProps = {
  caseFile: CaseFile;
  session: Session;
  reload: () => void;
  section: CaseSection;
  item: string | undefined;
  action: string | undefined;
};

function Workspace({ caseFile, session, reload, section, item, action }: WorkspaceProps) {
  const may = (permission: string) => caseFile.allowedActions.includes(permission);
  const casePath = `/cases/${encodeURIComponent(caseFile.id)}`;
  const flags: string[] = [];
  if (caseFile.child.presumedChild)
    flags.push(caseFile.child.ageBasis === 'unknown' ? t('case.flag.ageUnknown') : t('case.flag.child'));
  if (caseFile.child.presumedChild && caseFile.child.guardianAppointedOn === null)
    flags.push(t('case.flag.noGuardian'));

  const sections = caseSections.filter((name) => name !== 'record' || may(caseActions.recordEvent));
  const standing = noticeStanding(caseFile, session.user);

  return (
    <>
      <NoticeBanner standing={standing} />
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
                      <strong className="tag tag--grey" key={flag} style={{ marginRight: '0.5rem' }}>
                        {flag}
                      </strong>
                    ))
                  : t('case.flag.none'),
            },
          ]}
        />
        <div className="button-group">
          {may(caseActions.recordEvent) ? (
            <Link className="button button--secondary" href={`${casePath}/record`}>
              {t('case.addEvent')}
            </Link>
          ) : null}
          {may(caseActions.createReferral) ? (
            <Link className="button button--secondary" href={`${casePath}/referrals/new`}>
              {t('case.makeReferral')}
            </Link>
          ) : null}
          {may(caseActions.transfer) ? (
            <Link className="button button--secondary" href={`${casePath}/transfer`}>
              {t('transfer.action')}
            </Link>
          ) : null}
          {mayFlagNotice(caseFile, standing) ? (
            <Link className="button button--secondary" href={`${casePath}/notice/new`}>
              {t('notice.flag')}
            </Link>
          ) : null}
          {standing === 'designated-officer' && may(caseActions.liftNotice) ? (
            <Link className="button button--secondary" href={`${casePath}/notice/lift`}>
              {t('notice.lift')}
            </Link>
          ) : null}
        </div>
      </section>

      <nav aria-label={t('case.sections')}>
        <ul
          className="list"
          style={{
            display: 'flex',
            flexWrap: 'wrap',
            gap: '0.25rem 1.5rem',
            paddingLeft: 0,
            listStyle: 'none',
          }}
        >
          {sections.map((name) => {
            const href = name === 'overview' ? casePath : `${casePath}/${name}`;
            const current = name === section;
            return (
              <li key={name}>
                <Link
                  href={href}
                  aria-current={current ? 'page' : undefined}
                  style={current ? { fontWeight: 700, textDecorationThickness: '3px' } : undefined}
                >
                  {t(`case.section.${name}` as MessageKey)}
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>

      {section === 'overview' ? <Overview caseFile={caseFile} /> : null}
      {section === 'timeline' ? <Timeline entries={caseFile.timeline} session={session} /> : null}
      {section === 'consents' ? (
        item === undefined ? (
          <ConsentList caseFile={caseFile} />
        ) : item === 'new' && may(caseActions.recordConsent) ? (
          <ConsentForm caseFile={caseFile} session={session} />
        ) : action === 'withdraw' && may(caseActions.withdrawConsent) ? (
          <WithdrawConsent caseFile={caseFile} consentId={item} />
        ) : (
          <p className="body">{t('case.sectionMissing')}</p>
        )
      ) : null}
      {section === 'referrals' ? (
        item === 'new' && may(caseActions.createReferral) ? (
          <ReferralForm caseFile={caseFile} session={session} onSent={reload} />
        ) : (
          <CaseReferrals caseFile={caseFile} session={session} />
        )
      ) : null}
      {section === 'notice' ? (
        item === 'new' && mayFlagNotice(caseFile, standing) ? (
          <FlagNoticeForm caseFile={caseFile} onDone={reload} />
        ) : item === 'lift' && may(caseActions.liftNotice) ? (
          <LiftNoticeForm caseFile={caseFile} onDone={reload} />
        ) : (
          <p className="body">{t('case.sectionMissing')}</p>
        )
      ) : null}
      {section === 'transfer' ? (
        may(caseActions.transfer) ? (
          <TransferForm caseFile={caseFile} />
        ) : (
          <p className="body">{t('case.sectionMissing')}</p>
        )
      ) : null}
      {section === 'record' && may(caseActions.recordEvent) ? (
        <RecordSection caseFile={caseFile} session={session} type={item} reload={reload} />
      ) : null}
    </>
  );
}

function RecordSection({
  caseFile,
  session,
  type,
  reload,
}: {
  caseFile: CaseFile;
  session: Session;
  type: string | undefined;
  reload: () => void;
}) {
  if (type === undefined) return <RecordEventChooser caseId={caseFile.id} />;
  const description = findEventForm(type);
  if (!description) return <p className="body">{t('case.sectionMissing')}</p>;
  return (
    <RecordEventForm
      key={type}
      description={description}
      caseId={caseFile.id}
      session={session}
      onRecorded={reload}
    />
  );
}

function Overview({ caseFile }: { caseFile: CaseFile }) {
  const steps = nextSteps(caseFile);
  const casePath = `/cases/${encodeURIComponent(caseFile.id)}`;
  const mayRecord = caseFile.allowedActions.includes(caseActions.recordEvent);
  return (
    <>
      <h2 className="heading-m">{t('case.nextSteps')}</h2>
      {steps.length === 0 ? (
        <p className="body">{t('case.noNextSteps')}</p>
      ) : (
        <ul className="list task-list">
          {steps.map((step) => {
            const title = t(step.title);
            const canAct = step.status !== 'cannot_start' && step.action !== null && mayRecord;
            return (
              <li className="task-list__item" key={step.key} style={{ marginBottom: '1rem' }}>
                <p className="body" style={{ marginBottom: '0.25rem' }}>
                  {canAct ? (
                    <Link href={`${casePath}/${step.action}`}>{title}</Link>
                  ) : (
                    <strong>{title}</strong>
                  )}{' '}
                  <strong className="tag tag--grey">
                    {t(`nextStep.status.${step.status}` as MessageKey)}
                  </strong>
                </p>
                {step.dueOn ? (
                  <p className="body body--small" style={{ marginBottom: '0.25rem' }}>
                    {t('nextStep.due', { date: formatLongDate(step.dueOn) })}{' '}
                    <strong className={step.overdue ? 'tag' : 'tag tag--grey'}>{dueText(step.dueOn)}</strong>
                  </p>
                ) : null}
                <p className="body body--small">{t(step.reason)}</p>
              </li>
            );
          })}
        </ul>
      )}

      <IdentityPanel caseFile={caseFile} />

      <h2 className="heading-m">{t('case.keyDates')}</h2>
      <SummaryList rows={keyDates(caseFile)} />

      <Services caseFile={caseFile} />
      <CompensationClaims caseFile={caseFile} />
    </>
  );
}

/** The services the person receives and the support plan, as far as the user may read them. */
function Services({ caseFile }: { caseFile: CaseFile }) {
  const organisations = useOrganisations();
  const services = caseFile.services ?? [];
  const plan = caseFile.supportPlan ?? null;
  const list = (kinds: readonly string[]) => kinds.map((kind) => label('service', kind)).join(', ');
  return (
    <section aria-labelledby="services-heading">
      <h2 className="heading-m" id="services-heading">
        {t('case.services')}
      </h2>
      <p className="body">
        {plan
          ? t('case.supportPlan', {
              date: formatDate(plan.agreedOn),
              services: plan.services.length > 0 ? list(plan.services) : t('referral.noCategories'),
            })
          : t('case.noSupportPlan')}
      </p>
      {services.length === 0 ? (
        <p className="body">{t('case.noServices')}</p>
      ) : (
        <SummaryList
          rows={services.map((service, index) => ({
            key: `${service.serviceKind}:${service.startedOn}:${index}`,
            label: label('service', service.serviceKind),
            value: `${organisationName(organisations.data?.organisations, service.providerOrganisationId, t('consent.unknownOrganisation'))} — ${
              service.status === 'running'
                ? t('case.serviceRunning', { date: formatDate(service.startedOn) })
                : t('case.serviceEnded', {
                    date: formatDate(service.endedOn ?? service.startedOn),
                    reason: service.endReason ? label('serviceEndReason', service.endReason) : '—',
                  })
            }`,
          }))}
        />
      )}
    </section>
  );
}

/** A restricted notice in force, said plainly above everything else (002 l. 827). */
function NoticeBanner({ standing }: { standing: NoticeStanding }) {
  if (standing === 'none') return null;
  return (
    <div className="banner banner--information">
      <p className="banner__title">{t('notice.bannerTitle')}</p>
      <p className="banner__message">
        {standing === 'designated-officer' ? t('notice.bannerOfficer') : t('notice.bannerOthers')}
      </p>
    </div>
  );
}

/** Compensation claims and outcomes (acceptance 9), for readers of `legal`; never tied to assistance. */
function CompensationClaims({ caseFile }: { caseFile: CaseFile }) {
  // Older servers do not send claims: say nothing rather than "none".
  if (caseFile.compensationClaims === undefined) return null;
  const claims = caseFile.compensationClaims;
  const money = (awarded: { amountMinorUnits: number; currency: string }) =>
    new Intl.NumberFormat(locales[getLanguage()], { style: 'currency', currency: awarded.currency }).format(
      awarded.amountMinorUnits / 100,
    );
  return (
    <section aria-labelledby="compensation-heading">
      <h2 className="heading-m" id="compensation-heading">
        {t('case.compensation')}
      </h2>
      {claims.length === 0 ? (
        <p className="body">{t('case.noCompensation')}</p>
      ) : (
        <SummaryList
          rows={claims.map((claim) => {
            const claimed = t('case.compensationClaimed', {
              route: label('compensationRoute', claim.route),
              date: formatDate(claim.claimedOn),
            });
            const decided =
              claim.outcome && claim.decidedOn
                ? claim.awarded
                  ? t('case.compensationAwarded', {
                      outcome: label('compensationOutcome', claim.outcome),
                      date: formatDate(claim.decidedOn),
                      amount: money(claim.awarded),
                    })
                  : t('case.compensationDecided', {
                      outcome: label('compensationOutcome', claim.outcome),
                      date: formatDate(claim.decidedOn),
                    })
                : t('case.compensationPending');
            return {
              key: claim.claimId,
              label: t('case.compensationClaim', { claimId: claim.claimId }),
              value: `${claimed} — ${decided}`,
            };
          })}
        />
      )}
    </section>
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
  if (caseFile.permit)
    rows.push({
      key: 'permit',
      label: t('case.permit'),
      value: `${label('permitKind', caseFile.permit.permitKind)} — ${
        caseFile.permit.validUntil
          ? t('case.permitValidUntilDate', { date: formatDateWithRelative(caseFile.permit.validUntil) })
          : t('case.permitOpenEnded')
      }`,
    });
  if (caseFile.child.presumedChild) {
    rows.push({
      key: 'guardian',
      label: t('case.guardianAppointedOn'),
      value: caseFile.child.guardianAppointedOn
        ? formatDate(caseFile.child.guardianAppointedOn)
        : t('case.notYet'),
    });
    rows.push({
      key: 'bestInterests',
      label: t('case.bestInterestsDeterminedOn'),
      value: caseFile.child.bestInterestsDeterminedOn
        ? formatDate(caseFile.child.bestInterestsDeterminedOn)
        : t('case.notYet'),
    });
  }
  rows.push({
    key: 'risk',
    label: t('case.latestRiskAssessment'),
    value: caseFile.risk.latestAssessmentOn
      ? `${formatDate(caseFile.risk.latestAssessmentOn)}${caseFile.risk.latestOutcome ? ` — ${label('riskOutcome', caseFile.risk.latestOutcome)}` : ''}${caseFile.risk.current ? '' : ` (${t('case.riskNotCurrent')})`}`
      : t('case.noRiskAssessment'),
  });
  if (caseFile.closedOn)
    rows.push({ key: 'closed', label: t('case.closedOn'), value: formatDateWithRelative(caseFile.closedOn) });
  return rows;
}

/** "View details", where need-to-know lets the server send them (UX.md §2.2: hidden context). */
function EntryDetails({ entry, nameOf }: { entry: TimelineEntry; nameOf: (id: string) => string }) {
  const rows = detailRows(entry.type, entry.details, nameOf);
  if (rows.length === 0) return null;
  return (
    <details className="body body--small">
      <summary>
        {t('case.viewDetails')}
        <span className="visually-hidden">
          {' '}
          {t('case.detailsAbout', {
            event: label('event', entry.type),
            date: formatLongDate(entry.occurredOn),
          })}
        </span>
      </summary>
      <SummaryList rows={rows} />
    </details>
  );
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
  const organisations = useOrganisations();
  const nameOf = (id: string) =>
    organisationName(organisations.data?.organisations, id, t('consent.unknownOrganisation'));
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
                  <p className="body" style={{ marginBottom: '0.25rem' }}>
                    {label('eventDescription', entry.type)}
                  </p>
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
                  <EntryDetails entry={entry} nameOf={nameOf} />
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
