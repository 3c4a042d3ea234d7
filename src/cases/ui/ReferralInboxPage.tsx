// The referral inbox (UX.md §2.3; ADR 0011): the referrals the organisation received — what it is
// asked to do and with which data, never who the person is until it accepts — and those it sent.
// Accepting, declining, completing and withdrawing each happen on the referral's own page.

import { type FormEvent, useRef, useState } from 'react';
import { api, toApiError } from '../../web/api.js';
import { AsyncState } from '../../web/components/AsyncState.js';
import { SuccessBanner } from '../../web/components/Banner.js';
import { ErrorSummary } from '../../web/components/ErrorSummary.js';
import { Select, SubmitButton } from '../../web/components/fields.js';
import { type FormErrors, noErrors, problemToFormErrors } from '../../web/components/form-errors.js';
import { Page } from '../../web/components/Page.js';
import type { Text } from '../../web/components/text.js';
import { type MessageKey, t } from '../../web/i18n.js';
import { getFlash, Link, navigate, usePathname } from '../../web/router.js';
import { type Session, useSession } from '../../web/session.js';
import { Radios, TextArea, useErrorTitle } from './fields.js';
import { type DirectoryOrganisation, organisationName, useOrganisations } from './organisations.js';
import { ReferralCard, useReferrals } from './ReferralsSection.js';
import { possibleAnswers } from './referral-answers.js';
import { type InboxReferral, label, referralDeclineReasons } from './types.js';

/** Waiting for an answer first, then the newest. */
const byUrgency = (a: InboxReferral, b: InboxReferral) =>
  Number(b.status === 'proposed') - Number(a.status === 'proposed') ||
  b.proposedOn.localeCompare(a.proposedOn);

export function ReferralInboxPage() {
  const session = useSession();
  const pathname = usePathname();
  const referrals = useReferrals();
  const organisations = useOrganisations();
  const orgs = organisations.data?.organisations;
  return (
    <Page title={t('inbox.title')} before={<SuccessBanner message={getFlash(pathname)} />}>
      <p className="body">{t('inbox.intro')}</p>
      <AsyncState resource={referrals}>
        {([sent, received]) =>
          session ? (
            <>
              <InboxList
                id="received"
                heading={t('inbox.received', { count: received.referrals.length })}
                empty={t('inbox.receivedEmpty')}
                referrals={[...received.referrals].sort(byUrgency)}
                organisations={orgs}
                session={session}
              />
              <InboxList
                id="sent"
                heading={t('inbox.sent', { count: sent.referrals.length })}
                empty={t('inbox.sentEmpty')}
                referrals={[...sent.referrals].sort(byUrgency)}
                organisations={orgs}
                session={session}
              />
            </>
          ) : null
        }
      </AsyncState>
    </Page>
  );
}

function InboxList({
  id,
  heading,
  empty,
  referrals,
  organisations,
  session,
}: {
  id: string;
  heading: string;
  empty: string;
  referrals: readonly InboxReferral[];
  organisations: readonly DirectoryOrganisation[] | undefined;
  session: Session;
}) {
  return (
    <section aria-labelledby={`inbox-${id}`}>
      <h2 className="heading-m" id={`inbox-${id}`}>
        {heading}
      </h2>
      {referrals.length === 0 ? (
        <p className="body">{empty}</p>
      ) : (
        <ul className="list" style={{ paddingLeft: 0, listStyle: 'none' }}>
          {referrals.map((referral) => {
            const received = referral.toOrganisationId === session.user.organisationId;
            const other = organisationName(
              organisations,
              received ? referral.fromOrganisationId : referral.toOrganisationId,
              t('consent.unknownOrganisation'),
            );
            const title = received
              ? t('referral.from', { organisation: other })
              : t('referral.to', { organisation: other });
            const answers = possibleAnswers(referral, session.user.organisationId);
            // The receiver sees the case only once it has accepted (need-to-know, ADR 0011).
            const mayOpenCase =
              !received || referral.status === 'accepted' || referral.status === 'completed';
            return (
              <ReferralCard
                key={referral.id}
                referral={referral}
                organisations={organisations}
                session={session}
                heading={title}
              >
                <ul className="list" style={{ paddingLeft: 0, listStyle: 'none' }}>
                  {answers.length > 0 ? (
                    <li>
                      <Link href={`/referrals/${encodeURIComponent(referral.id)}`}>
                        {t('referral.answer')}
                        <span className="visually-hidden"> {title}</span>
                      </Link>
                    </li>
                  ) : null}
                  {mayOpenCase ? (
                    <li>
                      <Link href={`/cases/${encodeURIComponent(referral.caseId)}`}>
                        {t('referral.openCase')}
                        <span className="visually-hidden"> {title}</span>
                      </Link>
                    </li>
                  ) : null}
                </ul>
              </ReferralCard>
            );
          })}
        </ul>
      )}
    </section>
  );
}

type ResponseAnswers = { kind: string; declineReason: string; reason: string };

/** One referral and the answers the organisation may give to it now. */
export function ReferralResponsePage({ referralId }: { referralId: string }) {
  const session = useSession();
  const referrals = useReferrals();
  const organisations = useOrganisations();
  return (
    <Page
      title={t('respond.title')}
      before={
        <Link className="back-link" href="/referrals">
          {t('respond.back')}
        </Link>
      }
    >
      <AsyncState resource={referrals}>
        {([sent, received]) => {
          const referral = [...received.referrals, ...sent.referrals].find(
            (candidate) => candidate.id === referralId,
          );
          if (!referral || !session) return <p className="body">{t('respond.notFound')}</p>;
          return (
            <ResponseForm
              referral={referral}
              session={session}
              organisations={organisations.data?.organisations}
            />
          );
        }}
      </AsyncState>
    </Page>
  );
}

function ResponseForm({
  referral,
  session,
  organisations,
}: {
  referral: InboxReferral;
  session: Session;
  organisations: readonly DirectoryOrganisation[] | undefined;
}) {
  const possible = possibleAnswers(referral, session.user.organisationId);
  const [answers, setAnswers] = useState<ResponseAnswers>({ kind: '', declineReason: '', reason: '' });
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [sending, setSending] = useState(false);
  const sendingRef = useRef(false);
  useErrorTitle(errors.summary.length > 0);
  const received = referral.toOrganisationId === session.user.organisationId;
  const other = organisationName(
    organisations,
    received ? referral.fromOrganisationId : referral.toOrganisationId,
    t('consent.unknownOrganisation'),
  );
  const set =
    <K extends keyof ResponseAnswers>(name: K) =>
    (value: ResponseAnswers[K]) =>
      setAnswers((current) => ({ ...current, [name]: value }));
  const show = (fields: Partial<Record<keyof ResponseAnswers, Text>>) =>
    setErrors({
      summary: (['kind', 'declineReason', 'reason'] as const)
        .filter((name) => fields[name] !== undefined)
        .map((name) => ({ field: name, message: fields[name] as Text })),
      fields: fields as Record<string, Text>,
    });

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (sendingRef.current) return;
    const problems: Partial<Record<keyof ResponseAnswers, Text>> = {};
    if (!answers.kind) problems.kind = { key: 'respond.error.kind' };
    if (answers.kind === 'decline') {
      if (!answers.declineReason) problems.declineReason = { key: 'respond.error.declineReason' };
      if (!answers.reason.trim()) problems.reason = { key: 'referralProblem.decline-needs-reason' };
    }
    if (Object.keys(problems).length > 0) {
      show(problems);
      return;
    }
    sendingRef.current = true;
    setSending(true);
    try {
      await api.post(`/api/referrals/${encodeURIComponent(referral.id)}/response`, {
        kind: answers.kind,
        ...(answers.kind === 'decline' ? { declineReason: answers.declineReason } : {}),
        ...((answers.kind === 'decline' || answers.kind === 'withdraw') && answers.reason.trim()
          ? { reason: answers.reason.trim() }
          : {}),
      });
      const done: Text = {
        key: `respond.done.${answers.kind}` as MessageKey,
        params: { organisation: other },
      };
      navigate('/referrals', { flash: done });
    } catch (failure) {
      const error = toApiError(failure);
      const kind = error.problem.type.replace('/problems/referral/', '');
      if (['transition-not-allowed', 'wrong-organisation', 'response-before-proposal'].includes(kind))
        setErrors({ summary: [{ message: { key: `referralProblem.${kind}` as MessageKey } }], fields: {} });
      else setErrors(problemToFormErrors(error, ['kind', 'declineReason', 'reason']));
    } finally {
      sendingRef.current = false;
      setSending(false);
    }
  };

  return (
    <>
      <ul className="list" style={{ paddingLeft: 0, listStyle: 'none' }}>
        <ReferralCard
          referral={referral}
          organisations={organisations}
          session={session}
          heading={
            received ? t('referral.from', { organisation: other }) : t('referral.to', { organisation: other })
          }
        />
      </ul>
      {possible.length === 0 ? (
        <p className="body">{t('respond.nothingToDo')}</p>
      ) : (
        <form className="form" noValidate onSubmit={(event) => void submit(event)}>
          <ErrorSummary items={errors.summary} />
          <Radios
            name="kind"
            legend={t('respond.question')}
            hint={received && referral.status === 'proposed' ? t('respond.acceptHint') : undefined}
            options={possible.map((value) => ({ value, label: t(`respond.kind.${value}` as MessageKey) }))}
            value={answers.kind}
            onChange={set('kind')}
            error={errors.fields.kind}
          />
          {answers.kind === 'decline' ? (
            <Select
              name="declineReason"
              label={t('respond.declineReason')}
              placeholder={t('eventField.choosePlaceholder')}
              options={referralDeclineReasons.map((value) => ({
                value,
                label: label('referralDeclineReason', value),
              }))}
              value={answers.declineReason}
              onChange={set('declineReason')}
              error={errors.fields.declineReason}
            />
          ) : null}
          {answers.kind === 'decline' || answers.kind === 'withdraw' ? (
            <TextArea
              name="reason"
              legend={answers.kind === 'decline' ? t('respond.reason') : t('respond.withdrawReason')}
              hint={t('respond.reasonHint')}
              optional={answers.kind === 'withdraw'}
              value={answers.reason}
              onChange={set('reason')}
              error={errors.fields.reason}
            />
          ) : null}
          <SubmitButton sending={sending}>{t('respond.submit')}</SubmitButton>
        </form>
      )}
    </>
  );
}
