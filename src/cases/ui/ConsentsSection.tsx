// Consent on a case (DESIGN §3; ADR 0011; UX.md §2.4): the consents given, recording one (a
// guardian's for a child, with the child's own views), and withdrawing one — as easy as giving it.
// Each purpose is its own consent, nothing is pre-ticked, and the withdrawal is a page, not a dialog.

import { type FormEvent, useRef, useState } from 'react';
import { api, toApiError } from '../../web/api.js';
import { AsyncState } from '../../web/components/AsyncState.js';
import { ErrorSummary } from '../../web/components/ErrorSummary.js';
import { Checkboxes, Select, SubmitButton, TextInput } from '../../web/components/fields.js';
import { type FormErrors, noErrors, problemToFormErrors } from '../../web/components/form-errors.js';
import { SummaryList } from '../../web/components/SummaryList.js';
import type { Text } from '../../web/components/text.js';
import { type MessageKey, t } from '../../web/i18n.js';
import { useApi } from '../../web/resource.js';
import { Link, navigate } from '../../web/router.js';
import type { Session } from '../../web/session.js';
import { type DateParts, emptyDate, formatDate, isEmptyDate, todayParts, toIsoDate } from './dates.js';
import { DateInput, Radios, TextArea, useErrorTitle } from './fields.js';
import { organisationName, organisationOptions, useOrganisations } from './organisations.js';
import {
  type CaseFile,
  type ConsentRecord,
  caseActions,
  consentPurposes,
  dataCategories,
  label,
} from './types.js';

const consentsPath = (caseId: string) => `/api/cases/${encodeURIComponent(caseId)}/consents`;

/** In force, withdrawn, expired or not yet in force: always in words. */
function consentStatus(consent: ConsentRecord): string {
  if (consent.withdrawnOn) return t('consent.status.withdrawn', { date: formatDate(consent.withdrawnOn) });
  if (consent.inForce) return t('consent.status.inForce');
  if (consent.expiresOn) return t('consent.status.expired', { date: formatDate(consent.expiresOn) });
  return t('consent.status.notInForce');
}

export function ConsentList({ caseFile }: { caseFile: CaseFile }) {
  const consents = useApi<{ consents: ConsentRecord[] }>(consentsPath(caseFile.id));
  const organisations = useOrganisations();
  const casePath = `/cases/${encodeURIComponent(caseFile.id)}`;
  const mayRecord = caseFile.allowedActions.includes(caseActions.recordConsent);
  const mayWithdraw = caseFile.allowedActions.includes(caseActions.withdrawConsent);
  const orgs = organisations.data?.organisations;

  return (
    <section aria-labelledby="consents-heading">
      <h2 className="heading-m" id="consents-heading">
        {t('consent.title')}
      </h2>
      <p className="body">{t('consent.intro')}</p>
      {mayRecord ? (
        <p className="body">
          <Link className="button" href={`${casePath}/consents/new`}>
            {t('consent.record')}
          </Link>
        </p>
      ) : null}
      <AsyncState
        resource={consents}
        isEmpty={(data) => data.consents.length === 0}
        empty={<p className="body">{t('consent.empty')}</p>}
      >
        {(data) => (
          <ul className="list" style={{ paddingLeft: 0, listStyle: 'none' }}>
            {data.consents.map((consent) => (
              <li key={consent.id} className="card" style={{ marginBottom: '1.5rem' }}>
                <h3 className="heading-s">{label('consentPurpose', consent.purpose)}</h3>
                <SummaryList
                  rows={[
                    {
                      key: 'status',
                      label: t('consent.field.status'),
                      value: (
                        <strong className={consent.inForce ? 'tag' : 'tag tag--grey'}>
                          {consentStatus(consent)}
                        </strong>
                      ),
                    },
                    {
                      key: 'givenBy',
                      label: t('consent.field.givenBy'),
                      value:
                        consent.givenBy.kind === 'guardian'
                          ? t('consent.givenBy.guardian', {
                              organisation: organisationName(
                                orgs,
                                consent.givenBy.appointedBy,
                                t('consent.unknownOrganisation'),
                              ),
                            })
                          : t('consent.givenBy.person'),
                    },
                    {
                      key: 'recipient',
                      label: t('consent.field.recipient'),
                      value: organisationName(
                        orgs,
                        consent.recipientOrganisationId,
                        t('consent.noRecipient'),
                      ),
                    },
                    {
                      key: 'categories',
                      label: t('consent.field.categories'),
                      value: consent.dataCategories
                        .map((category) => label('dataCategory', category))
                        .join(', '),
                    },
                    { key: 'givenOn', label: t('consent.field.givenOn'), value: formatDate(consent.givenOn) },
                    {
                      key: 'expiresOn',
                      label: t('consent.field.expiresOn'),
                      value: consent.expiresOn ? formatDate(consent.expiresOn) : t('consent.untilWithdrawn'),
                    },
                    ...(consent.givenBy.kind === 'guardian'
                      ? [
                          {
                            key: 'childViews',
                            label: t('consent.field.childViews'),
                            value: consent.childViewsRecorded
                              ? t('consent.childViewsRecorded')
                              : t('consent.notProvided'),
                          },
                        ]
                      : []),
                  ]}
                />
                {mayWithdraw && consent.inForce ? (
                  <Link href={`${casePath}/consents/${encodeURIComponent(consent.id)}/withdraw`}>
                    {t('consent.withdraw')}
                    <span className="visually-hidden">
                      {' '}
                      {t('consent.withdrawHidden', { purpose: label('consentPurpose', consent.purpose) })}
                    </span>
                  </Link>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </AsyncState>
    </section>
  );
}

type ConsentAnswers = {
  purpose: string;
  recipientOrganisationId: string;
  dataCategories: string[];
  givenOn: DateParts;
  expiresOn: DateParts;
  explainedInLanguage: string;
  interpreterUsed: string;
  explained: string[];
  appointedBy: string;
  appointedOn: DateParts;
  guardianSuspectedOfInvolvement: string;
  childViews: string;
};

const explanationPoints = ['nrm', 'support', 'whoSees', 'canWithdraw'] as const;

/** Where the server's refusal belongs on the page (consent-referral.routes.ts consentProblems). */
const refusalFields: Record<string, keyof ConsentAnswers | null> = {
  'child-needs-guardian': null,
  'guardian-suspicion-unanswered': 'guardianSuspectedOfInvolvement',
  'guardian-suspected': 'guardianSuspectedOfInvolvement',
  'guardian-not-yet-appointed': 'appointedOn',
  'child-views-missing': 'childViews',
  'explanation-missing': 'explained',
  'no-data-categories': 'dataCategories',
  'recipient-missing': 'recipientOrganisationId',
  'given-after-today': 'givenOn',
  'expires-before-given': 'expiresOn',
};

const fieldOrder: (keyof ConsentAnswers)[] = [
  'appointedBy',
  'appointedOn',
  'guardianSuspectedOfInvolvement',
  'childViews',
  'purpose',
  'recipientOrganisationId',
  'dataCategories',
  'givenOn',
  'expiresOn',
  'explainedInLanguage',
  'interpreterUsed',
  'explained',
];

function isoToParts(iso: string | null): DateParts {
  if (!iso) return emptyDate;
  const [year = '', month = '', day = ''] = iso.split('-');
  return { day: String(Number(day)), month: String(Number(month)), year };
}

export function ConsentForm({ caseFile, session }: { caseFile: CaseFile; session: Session }) {
  const child = caseFile.child.presumedChild;
  const organisations = useOrganisations();
  const existing = useApi<{ consents: ConsentRecord[] }>(consentsPath(caseFile.id));
  const [answers, setAnswers] = useState<ConsentAnswers>(() => ({
    purpose: '',
    recipientOrganisationId: '',
    dataCategories: [],
    givenOn: todayParts(),
    expiresOn: emptyDate,
    explainedInLanguage: '',
    interpreterUsed: '',
    explained: [],
    appointedBy: '',
    appointedOn: isoToParts(caseFile.child.guardianAppointedOn),
    guardianSuspectedOfInvolvement: '',
    childViews: '',
  }));
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [sending, setSending] = useState(false);
  const sendingRef = useRef(false);
  const casePath = `/cases/${encodeURIComponent(caseFile.id)}`;
  useErrorTitle(errors.summary.length > 0);

  const set =
    <K extends keyof ConsentAnswers>(name: K) =>
    (value: ConsentAnswers[K]) =>
      setAnswers((current) => ({ ...current, [name]: value }));

  const show = (fields: Partial<Record<keyof ConsentAnswers, Text>>) =>
    setErrors({
      summary: fieldOrder
        .filter((name) => fields[name] !== undefined)
        .map((name) => ({ field: name, message: fields[name] as Text })),
      fields: fields as Record<string, Text>,
    });

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (sendingRef.current) return;
    const problems: Partial<Record<keyof ConsentAnswers, Text>> = {};
    const givenOn = toIsoDate(answers.givenOn);
    const expiresOn = isEmptyDate(answers.expiresOn) ? null : toIsoDate(answers.expiresOn);
    const appointedOn = toIsoDate(answers.appointedOn);
    if (!answers.purpose) problems.purpose = { key: 'consent.error.purpose' };
    if (givenOn === null) problems.givenOn = { key: 'addEvent.error.date' };
    if (!isEmptyDate(answers.expiresOn) && expiresOn === null)
      problems.expiresOn = { key: 'addEvent.error.date' };
    if (!answers.interpreterUsed) problems.interpreterUsed = { key: 'consent.error.interpreter' };
    if (child) {
      if (!answers.appointedBy) problems.appointedBy = { key: 'eventField.error.organisation' };
      if (appointedOn === null) problems.appointedOn = { key: 'addEvent.error.date' };
      if (!answers.guardianSuspectedOfInvolvement)
        problems.guardianSuspectedOfInvolvement = { key: 'consentProblem.guardian-suspicion-unanswered' };
    }
    if (Object.keys(problems).length > 0) {
      show(problems);
      return;
    }
    // The guardian is the one the case's appointment names; for a case recorded before guardians
    // had ids, the guardian an earlier consent named.
    const guardianId =
      caseFile.child.guardianId ??
      existing.data?.consents.find((consent) => consent.givenBy.kind === 'guardian')?.givenBy.guardianId ??
      crypto.randomUUID();
    const body = {
      givenBy: child
        ? { kind: 'guardian', guardianId, appointedBy: answers.appointedBy, appointedOn }
        : { kind: 'person' },
      purpose: answers.purpose,
      recipientOrganisationId: answers.recipientOrganisationId || null,
      dataCategories: answers.dataCategories,
      givenOn,
      expiresOn,
      evidence: {
        explainedInLanguage: answers.explainedInLanguage.trim(),
        interpreterUsed: answers.interpreterUsed === 'yes',
        explained: Object.fromEntries(
          explanationPoints.map((point) => [point, answers.explained.includes(point)]),
        ),
      },
      ...(child
        ? {
            childViews: answers.childViews,
            guardianSuspectedOfInvolvement: answers.guardianSuspectedOfInvolvement,
          }
        : {}),
    };
    sendingRef.current = true;
    setSending(true);
    try {
      await api.post(consentsPath(caseFile.id), body);
      const done: Text = {
        key: 'consent.recorded',
        params: { purpose: label('consentPurpose', answers.purpose) },
      };
      navigate(`${casePath}/consents`, { flash: done });
    } catch (failure) {
      const error = toApiError(failure);
      const kind = error.problem.type.startsWith('/problems/consent/')
        ? error.problem.type.slice('/problems/consent/'.length)
        : null;
      if (kind !== null && kind in refusalFields) {
        const field = refusalFields[kind];
        const message: Text = { key: `consentProblem.${kind}` as MessageKey };
        if (field) show({ [field]: message });
        else setErrors({ summary: [{ message }], fields: {} });
      } else setErrors(problemToFormErrors(error, fieldOrder));
    } finally {
      sendingRef.current = false;
      setSending(false);
    }
  };

  const orgOptions = organisationOptions(organisations.data?.organisations, [session.user.organisationId]);
  const fields = errors.fields as Partial<Record<keyof ConsentAnswers, Text>>;

  return (
    <form className="form" noValidate onSubmit={(event) => void submit(event)}>
      <ErrorSummary items={errors.summary} />
      <h2 className="heading-m">{t('consent.record')}</h2>
      <p className="body">{child ? t('consent.childIntro') : t('consent.adultIntro')}</p>

      {child ? (
        <fieldset className="fieldset">
          <legend className="fieldset__legend fieldset__legend--m">{t('consent.guardian')}</legend>
          <Select
            name="appointedBy"
            label={t('consent.field.appointedBy')}
            hint={t('consent.field.appointedBy.hint')}
            placeholder={t('eventField.organisationPlaceholder')}
            options={organisationOptions(organisations.data?.organisations)}
            value={answers.appointedBy}
            onChange={set('appointedBy')}
            error={fields.appointedBy}
          />
          <DateInput
            name="appointedOn"
            legend={t('consent.field.appointedOn')}
            hint={t('addEvent.occurredOnHint')}
            value={answers.appointedOn}
            onChange={set('appointedOn')}
            error={fields.appointedOn}
          />
          <Radios
            name="guardianSuspectedOfInvolvement"
            legend={t('consent.field.suspicion')}
            hint={t('consent.field.suspicion.hint')}
            options={[
              { value: 'no', label: t('answer.no') },
              { value: 'yes', label: t('answer.yes') },
              { value: 'not_sure', label: t('answer.notSure') },
            ]}
            value={answers.guardianSuspectedOfInvolvement}
            onChange={set('guardianSuspectedOfInvolvement')}
            error={fields.guardianSuspectedOfInvolvement}
          />
          <TextArea
            name="childViews"
            legend={t('consent.field.childViews')}
            hint={t('consent.field.childViews.hint')}
            value={answers.childViews}
            onChange={set('childViews')}
            error={fields.childViews}
          />
        </fieldset>
      ) : null}

      <Radios
        name="purpose"
        legend={t('consent.field.purpose')}
        hint={t('consent.field.purpose.hint')}
        options={consentPurposes.map((value) => ({ value, label: label('consentPurpose', value) }))}
        value={answers.purpose}
        onChange={set('purpose')}
        error={fields.purpose}
      />
      <Select
        name="recipientOrganisationId"
        label={t('consent.field.recipient')}
        hint={t('consent.field.recipient.hint')}
        optional={answers.purpose !== 'share_with_organisation'}
        placeholder={t('eventField.organisationPlaceholder')}
        options={orgOptions}
        value={answers.recipientOrganisationId}
        onChange={set('recipientOrganisationId')}
        error={fields.recipientOrganisationId}
      />
      <Checkboxes
        name="dataCategories"
        label={t('consent.field.categories')}
        hint={t('consent.field.categories.hint')}
        options={dataCategories.map((value) => ({ value, label: label('dataCategory', value) }))}
        values={answers.dataCategories}
        onChange={set('dataCategories')}
        error={fields.dataCategories}
      />
      <DateInput
        name="givenOn"
        legend={t('consent.field.givenOn')}
        hint={t('addEvent.occurredOnHint')}
        value={answers.givenOn}
        onChange={set('givenOn')}
        error={fields.givenOn}
      />
      <DateInput
        name="expiresOn"
        legend={t('consent.field.expiresOn')}
        hint={t('consent.field.expiresOn.hint')}
        optional
        value={answers.expiresOn}
        onChange={set('expiresOn')}
        error={fields.expiresOn}
      />

      <fieldset className="fieldset">
        <legend className="fieldset__legend fieldset__legend--m">{t('consent.explanation')}</legend>
        <TextInput
          name="explainedInLanguage"
          label={t('consent.field.language')}
          hint={t('consent.field.language.hint')}
          width="short"
          spellCheck={false}
          value={answers.explainedInLanguage}
          onChange={set('explainedInLanguage')}
          error={fields.explainedInLanguage}
        />
        <Radios
          name="interpreterUsed"
          legend={t('consent.field.interpreter')}
          options={[
            { value: 'yes', label: t('answer.yes') },
            { value: 'no', label: t('answer.no') },
          ]}
          value={answers.interpreterUsed}
          onChange={set('interpreterUsed')}
          error={fields.interpreterUsed}
        />
        <Checkboxes
          name="explained"
          label={t('consent.field.explained')}
          hint={t('consent.field.explained.hint')}
          options={explanationPoints.map((value) => ({ value, label: label('consent.explained', value) }))}
          values={answers.explained}
          onChange={set('explained')}
          error={fields.explained}
        />
      </fieldset>

      <SubmitButton
        sending={sending}
        secondary={
          <Link className="button button--secondary" href={`${casePath}/consents`}>
            {t('consent.cancel')}
          </Link>
        }
      >
        {t('consent.submit')}
      </SubmitButton>
    </form>
  );
}

/** "Are you sure?" as a page: what withdrawing does, then one button. */
export function WithdrawConsent({ caseFile, consentId }: { caseFile: CaseFile; consentId: string }) {
  const consents = useApi<{ consents: ConsentRecord[] }>(consentsPath(caseFile.id));
  const organisations = useOrganisations();
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [sending, setSending] = useState(false);
  const casePath = `/cases/${encodeURIComponent(caseFile.id)}`;

  return (
    <AsyncState resource={consents}>
      {(data) => {
        const consent = data.consents.find((candidate) => candidate.id === consentId);
        if (!consent) return <p className="body">{t('consent.notFound')}</p>;
        const recipient = organisationName(
          organisations.data?.organisations,
          consent.recipientOrganisationId,
          t('consent.noRecipient'),
        );
        const submit = async (event: FormEvent<HTMLFormElement>) => {
          event.preventDefault();
          if (sending) return;
          setSending(true);
          try {
            await api.post(`${consentsPath(caseFile.id)}/${encodeURIComponent(consent.id)}/withdrawal`, {});
            const done: Text = {
              key: 'consent.withdrawn',
              params: { purpose: label('consentPurpose', consent.purpose) },
            };
            navigate(`${casePath}/consents`, { flash: done });
          } catch (failure) {
            const error = toApiError(failure);
            const kind = error.problem.type.replace('/problems/consent/', '');
            setErrors({
              summary: [
                {
                  message:
                    kind in { 'already-withdrawn': 1, 'already-expired': 1, 'withdrawn-before-given': 1 }
                      ? { key: `consentProblem.${kind}` as MessageKey }
                      : (problemToFormErrors(error, []).summary[0]?.message ?? {
                          key: 'consent.error.withdraw',
                        }),
                },
              ],
              fields: {},
            });
            setSending(false);
          }
        };
        return (
          <form className="form" noValidate onSubmit={(event) => void submit(event)}>
            <ErrorSummary items={errors.summary} />
            <h2 className="heading-m">{t('consent.withdrawTitle')}</h2>
            <SummaryList
              rows={[
                {
                  key: 'purpose',
                  label: t('consent.field.purpose'),
                  value: label('consentPurpose', consent.purpose),
                },
                { key: 'recipient', label: t('consent.field.recipient'), value: recipient },
                {
                  key: 'categories',
                  label: t('consent.field.categories'),
                  value: consent.dataCategories.map((category) => label('dataCategory', category)).join(', '),
                },
              ]}
            />
            <p className="body">{t('consent.withdrawExplanation', { organisation: recipient })}</p>
            <SubmitButton
              sending={sending}
              secondary={
                <Link className="button button--secondary" href={`${casePath}/consents`}>
                  {t('consent.keep')}
                </Link>
              }
            >
              {t('consent.withdrawConfirm')}
            </SubmitButton>
          </form>
        );
      }}
    </AsyncState>
  );
}
