// Referrals of one case (DESIGN §3; ADR 0011, 0016): the referrals sent and received, and sending a
// new one — to an organisation that provides the services, with only the data categories a consent
// in force covers, or, without consent, on a legal basis with a written reason (flagged for the
// data protection officer).

import { type FormEvent, type ReactNode, useRef, useState } from 'react';
import { api, toApiError } from '../../web/api.js';
import { AsyncState } from '../../web/components/AsyncState.js';
import { ErrorSummary } from '../../web/components/ErrorSummary.js';
import { Checkboxes, Select, SubmitButton, TextInput } from '../../web/components/fields.js';
import { type FormErrors, noErrors, problemToFormErrors } from '../../web/components/form-errors.js';
import { SummaryList } from '../../web/components/SummaryList.js';
import type { Text } from '../../web/components/text.js';
import { type MessageKey, t } from '../../web/i18n.js';
import { combine, useApi } from '../../web/resource.js';
import { Link, navigate } from '../../web/router.js';
import type { Session } from '../../web/session.js';
import { formatDate, today } from './dates.js';
import { Radios, TextArea, useErrorTitle } from './fields.js';
import {
  type DirectoryOrganisation,
  organisationName,
  organisationOptions,
  useOrganisations,
} from './organisations.js';
import { possibleAnswers } from './referral-answers.js';
import {
  type CaseFile,
  type ConsentRecord,
  dataCategories,
  type InboxReferral,
  label,
  serviceKinds,
  servicesByOrganisationKind,
} from './types.js';

/** The referrals the user's organisation sent and received, newest first. */
export function useReferrals() {
  const sent = useApi<{ referrals: InboxReferral[] }>('/api/referrals?direction=sent');
  const received = useApi<{ referrals: InboxReferral[] }>('/api/referrals?direction=received');
  return combine(sent, received);
}

/** One referral as a card: who, what, which data, where it stands. */
export function ReferralCard({
  referral,
  organisations,
  session,
  heading,
  children,
}: {
  referral: InboxReferral;
  organisations: readonly DirectoryOrganisation[] | undefined;
  session: Session;
  heading: string;
  children?: ReactNode;
}) {
  const unknown = t('consent.unknownOrganisation');
  const received = referral.toOrganisationId === session.user.organisationId;
  return (
    <li className="card" style={{ marginBottom: '1.5rem' }}>
      <h3 className="heading-s">{heading}</h3>
      <SummaryList
        rows={[
          ...(referral.caseReference
            ? [{ key: 'case', label: t('referral.field.case'), value: referral.caseReference }]
            : []),
          {
            key: 'status',
            label: t('referral.field.status'),
            value: (
              <strong className={referral.status === 'proposed' ? 'tag' : 'tag tag--grey'}>
                {label('referralStatus', referral.status)}
              </strong>
            ),
          },
          received
            ? {
                key: 'from',
                label: t('referral.field.from'),
                value: organisationName(organisations, referral.fromOrganisationId, unknown),
              }
            : {
                key: 'to',
                label: t('referral.field.to'),
                value: organisationName(organisations, referral.toOrganisationId, unknown),
              },
          {
            key: 'proposedOn',
            label: t('referral.field.proposedOn'),
            value: formatDate(referral.proposedOn),
          },
          {
            key: 'services',
            label: t('referral.field.services'),
            value: referral.services.map((service) => label('service', service)).join(', '),
          },
          {
            key: 'categories',
            label: t('referral.field.sharedCategories'),
            value:
              referral.sharedCategories.length > 0
                ? referral.sharedCategories.map((category) => label('dataCategory', category)).join(', ')
                : t('referral.noCategories'),
          },
          {
            key: 'person',
            label: t('referral.field.person'),
            value: `${referral.presumedChild ? t('case.flag.child') : t('referral.adult')} — ${label('caseStage', referral.stage)}${referral.region ? ` — ${t('referral.region', { region: referral.region })}` : ''}`,
          },
          ...(referral.overridden
            ? [{ key: 'override', label: t('referral.field.basis'), value: t('referral.overridden') }]
            : []),
          ...(referral.respondedOn
            ? [
                {
                  key: 'respondedOn',
                  label: t('referral.field.respondedOn'),
                  value: formatDate(referral.respondedOn),
                },
              ]
            : []),
        ]}
      />
      {children}
    </li>
  );
}

export function CaseReferrals({ caseFile, session }: { caseFile: CaseFile; session: Session }) {
  const referrals = useReferrals();
  const organisations = useOrganisations();
  const mayRefer = caseFile.allowedActions.includes('referral.create');
  const casePath = `/cases/${encodeURIComponent(caseFile.id)}`;
  return (
    <section aria-labelledby="case-referrals-heading">
      <h2 className="heading-m" id="case-referrals-heading">
        {t('referral.caseTitle')}
      </h2>
      {mayRefer ? (
        <p className="body">
          <Link className="button" href={`${casePath}/referrals/new`}>
            {t('case.makeReferral')}
          </Link>
        </p>
      ) : null}
      <AsyncState
        resource={referrals}
        isEmpty={([sent, received]) =>
          [...sent.referrals, ...received.referrals].every((referral) => referral.caseId !== caseFile.id)
        }
        empty={<p className="body">{t('referral.caseEmpty')}</p>}
      >
        {([sent, received]) => {
          const ofCase = [...sent.referrals, ...received.referrals]
            .filter((referral) => referral.caseId === caseFile.id)
            .sort((a, b) => b.proposedOn.localeCompare(a.proposedOn));
          return (
            <ul className="list" style={{ paddingLeft: 0, listStyle: 'none' }}>
              {ofCase.map((referral) => {
                const orgs = organisations.data?.organisations;
                const to = organisationName(
                  orgs,
                  referral.toOrganisationId,
                  t('consent.unknownOrganisation'),
                );
                const answers = possibleAnswers(referral, session.user.organisationId);
                return (
                  <ReferralCard
                    key={referral.id}
                    referral={referral}
                    organisations={orgs}
                    session={session}
                    heading={t('referral.to', { organisation: to })}
                  >
                    {answers.length > 0 ? (
                      <Link href={`/referrals/${encodeURIComponent(referral.id)}`}>
                        {t('referral.answer')}
                        <span className="visually-hidden"> {t('referral.to', { organisation: to })}</span>
                      </Link>
                    ) : null}
                  </ReferralCard>
                );
              })}
            </ul>
          );
        }}
      </AsyncState>
    </section>
  );
}

type ReferralAnswers = {
  toOrganisationId: string;
  services: string[];
  categories: string[];
  override: string;
  legalBasis: string;
  reason: string;
};

const fieldOrder: (keyof ReferralAnswers)[] = [
  'toOrganisationId',
  'services',
  'categories',
  'override',
  'legalBasis',
  'reason',
];

/** Where the server's refusal belongs on the page (consent-referral.routes.ts referralProblems). */
const refusalFields: Record<string, keyof ReferralAnswers | null> = {
  'case-closed': null,
  'no-services-requested': 'services',
  'service-not-provided': 'services',
  'already-referred': 'services',
  'override-needs-reason': 'reason',
  'home-country-authority-without-consent': 'toOrganisationId',
  'no-consent': 'toOrganisationId',
};

export function ReferralForm({
  caseFile,
  session,
  onSent,
}: {
  caseFile: CaseFile;
  session: Session;
  onSent: () => void;
}) {
  const organisations = useOrganisations();
  const consents = useApi<{ consents: ConsentRecord[] }>(
    `/api/cases/${encodeURIComponent(caseFile.id)}/consents`,
  );
  const [answers, setAnswers] = useState<ReferralAnswers>({
    toOrganisationId: '',
    services: [],
    categories: [],
    override: 'no',
    legalBasis: '',
    reason: '',
  });
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [sending, setSending] = useState(false);
  const sendingRef = useRef(false);
  const casePath = `/cases/${encodeURIComponent(caseFile.id)}`;
  useErrorTitle(errors.summary.length > 0);
  const orgs = organisations.data?.organisations;
  const chosen = orgs?.find((organisation) => organisation.id === answers.toOrganisationId);
  const provided: readonly string[] = chosen ? servicesByOrganisationKind[chosen.kind] : serviceKinds;

  const set =
    <K extends keyof ReferralAnswers>(name: K) =>
    (value: ReferralAnswers[K]) =>
      setAnswers((current) => ({ ...current, [name]: value }));

  const show = (fields: Partial<Record<keyof ReferralAnswers, Text>>, others: Text[] = []) =>
    setErrors({
      summary: [
        ...fieldOrder
          .filter((name) => fields[name] !== undefined)
          .map((name) => ({ field: name, message: fields[name] as Text })),
        ...others.map((message) => ({ message })),
      ],
      fields: fields as Record<string, Text>,
    });

  // What consent covers for the chosen organisation today: said before sending, not after.
  const todayIso = today();
  const covering = (consents.data?.consents ?? []).filter(
    (consent) =>
      consent.inForce &&
      consent.recipientOrganisationId === answers.toOrganisationId &&
      consent.givenOn <= todayIso,
  );
  const covered = dataCategories.filter((category) =>
    covering.some((consent) => consent.dataCategories.includes(category)),
  );

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (sendingRef.current) return;
    const problems: Partial<Record<keyof ReferralAnswers, Text>> = {};
    if (!answers.toOrganisationId) problems.toOrganisationId = { key: 'eventField.error.organisation' };
    if (answers.services.length === 0) problems.services = { key: 'referral.error.services' };
    if (Object.keys(problems).length > 0) {
      show(problems);
      return;
    }
    const body = {
      toOrganisationId: answers.toOrganisationId,
      services: answers.services.filter((service) => provided.includes(service)),
      categories: answers.categories,
      ...(answers.override === 'yes'
        ? { override: { legalBasis: answers.legalBasis.trim(), reason: answers.reason.trim() } }
        : {}),
    };
    sendingRef.current = true;
    setSending(true);
    try {
      const created = await api.post<{ sharedCategories: string[]; withheldCategories: string[] }>(
        `/api/cases/${encodeURIComponent(caseFile.id)}/referrals`,
        body,
      );
      const list = (categories: string[]) =>
        categories.length > 0
          ? categories.map((category) => label('dataCategory', category)).join(', ')
          : t('referral.noCategories');
      const done: Text = {
        key: 'referral.sent',
        params: {
          organisation: chosen?.name ?? '',
          shared: list(created.sharedCategories),
          withheld: list(created.withheldCategories),
        },
      };
      onSent();
      navigate(`${casePath}/referrals`, { flash: done });
    } catch (failure) {
      const error = toApiError(failure);
      const kind = error.problem.type.startsWith('/problems/referral/')
        ? error.problem.type.slice('/problems/referral/'.length)
        : null;
      if (kind !== null && kind in refusalFields) {
        const field = refusalFields[kind];
        const message: Text = { key: `referralProblem.${kind}` as MessageKey };
        if (kind === 'override-needs-reason') {
          const missing = (error.problem as { missing?: string[] }).missing ?? ['reason'];
          show({
            ...(missing.includes('legal-basis') ? { legalBasis: { key: 'referral.error.legalBasis' } } : {}),
            ...(missing.includes('reason') ? { reason: { key: 'referral.error.reason' } } : {}),
          });
        } else if (field) show({ [field]: message });
        else show({}, [message]);
      } else setErrors(problemToFormErrors(error, fieldOrder));
    } finally {
      sendingRef.current = false;
      setSending(false);
    }
  };

  const fields = errors.fields as Partial<Record<keyof ReferralAnswers, Text>>;
  const chosenName = chosen?.name ?? '';

  return (
    <form className="form" noValidate onSubmit={(event) => void submit(event)}>
      <ErrorSummary items={errors.summary} />
      <h2 className="heading-m">{t('case.makeReferral')}</h2>
      <p className="body">{caseFile.child.presumedChild ? t('referral.childIntro') : t('referral.intro')}</p>
      <Select
        name="toOrganisationId"
        label={t('referral.field.to')}
        placeholder={t('eventField.organisationPlaceholder')}
        options={organisationOptions(orgs, [session.user.organisationId, caseFile.ownerOrganisationId])}
        value={answers.toOrganisationId}
        onChange={set('toOrganisationId')}
        error={fields.toOrganisationId}
      />
      {chosen && provided.length === 0 ? (
        <p className="body">{t('referral.providesNothing', { organisation: chosenName })}</p>
      ) : null}
      <Checkboxes
        name="services"
        label={t('referral.field.services')}
        hint={
          chosen
            ? t('referral.servicesHint', { organisation: chosenName })
            : t('referral.servicesHintNoOrganisation')
        }
        options={provided.map((value) => ({ value, label: label('service', value) }))}
        values={answers.services}
        onChange={set('services')}
        error={fields.services}
      />
      <Checkboxes
        name="categories"
        label={t('referral.field.categories')}
        hint={
          !chosen
            ? t('referral.categoriesHintNoOrganisation')
            : covered.length > 0
              ? t('referral.categoriesHintCovered', {
                  organisation: chosenName,
                  categories: covered.map((category) => label('dataCategory', category)).join(', '),
                })
              : t('referral.categoriesHintNone', { organisation: chosenName })
        }
        options={dataCategories.map((value) => ({ value, label: label('dataCategory', value) }))}
        values={answers.categories}
        onChange={set('categories')}
        error={fields.categories}
      />
      <Radios
        name="override"
        legend={t('referral.field.override')}
        hint={t('referral.field.override.hint')}
        options={[
          { value: 'no', label: t('referral.override.no') },
          { value: 'yes', label: t('referral.override.yes') },
        ]}
        value={answers.override}
        onChange={set('override')}
        error={fields.override}
      />
      {answers.override === 'yes' ? (
        <>
          <TextInput
            name="legalBasis"
            label={t('referral.field.legalBasis')}
            hint={t('referral.field.legalBasis.hint')}
            value={answers.legalBasis}
            onChange={set('legalBasis')}
            error={fields.legalBasis}
          />
          <TextArea
            name="reason"
            legend={t('referral.field.reason')}
            hint={t('referral.field.reason.hint')}
            value={answers.reason}
            onChange={set('reason')}
            error={fields.reason}
          />
        </>
      ) : null}
      <SubmitButton
        sending={sending}
        secondary={
          <Link className="button button--secondary" href={`${casePath}/referrals`}>
            {t('consent.cancel')}
          </Link>
        }
      >
        {t('referral.submit')}
      </SubmitButton>
    </form>
  );
}
