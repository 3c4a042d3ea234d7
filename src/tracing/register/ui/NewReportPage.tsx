import { type FormEvent, useRef, useState } from 'react';
import {
  type DateParts,
  emptyDate,
  isEmptyDate,
  todayParts,
  toIsoDate,
  toPartialDate,
} from '../../../cases/ui/dates.js';
import { DateInput, Radios, TextArea } from '../../../cases/ui/fields.js';
import { PersonBasicsFields } from '../../../cases/ui/PersonBasicsFields.js';
import { api, toApiError } from '../../../web/api.js';
import { ErrorSummary } from '../../../web/components/ErrorSummary.js';
import { SubmitButton, TextInput } from '../../../web/components/fields.js';
import { errorsInPageOrder, renamePointers } from '../../../web/components/form-checks.js';
import { type FormErrors, noErrors, problemToFormErrors } from '../../../web/components/form-errors.js';
import { Page } from '../../../web/components/Page.js';
import type { Text } from '../../../web/components/text.js';
import { t } from '../../../web/i18n.js';
import { Link, navigate } from '../../../web/router.js';
import { basisLabel, type MissingPersonReport, tracingBases } from './types.js';

// The missing-person report form (issue 5 acceptance 1). One page, sections in the order a police
// officer or case worker takes a report; errors summarised at the top and linked to their fields.

type Fields = {
  givenName: string;
  familyName: string;
  givenNameLatin: string;
  familyNameLatin: string;
  aliases: string;
  sex: string;
  dateOfBirth: DateParts;
  ageEstimate: string;
  isChild: string;
  unaccompaniedOrSeparated: string;
  citizenship: string;
  placeOfBirth: string;
  parentNames: string;
  languages: string;
  lastSeenOn: DateParts;
  lastSeenPlace: string;
  circumstances: string;
  distinguishingFeatures: string;
  reportingCountry: string;
  reportedOn: DateParts;
  tracingBasis: string;
  legalBasisReference: string;
};

/** Page order: the error summary follows it. */
const fieldNames = [
  'givenName',
  'familyName',
  'givenNameLatin',
  'familyNameLatin',
  'aliases',
  'sex',
  'dateOfBirth',
  'ageEstimate',
  'isChild',
  'unaccompaniedOrSeparated',
  'citizenship',
  'placeOfBirth',
  'parentNames',
  'languages',
  'lastSeenOn',
  'lastSeenPlace',
  'circumstances',
  'distinguishingFeatures',
  'reportingCountry',
  'reportedOn',
  'tracingBasis',
  'legalBasisReference',
] as const;
type FieldName = (typeof fieldNames)[number];

const initial = (): Fields => ({
  givenName: '',
  familyName: '',
  givenNameLatin: '',
  familyNameLatin: '',
  aliases: '',
  sex: '',
  dateOfBirth: emptyDate,
  ageEstimate: '',
  isChild: '',
  unaccompaniedOrSeparated: '',
  citizenship: '',
  placeOfBirth: '',
  parentNames: '',
  languages: '',
  lastSeenOn: emptyDate,
  lastSeenPlace: '',
  circumstances: '',
  distinguishingFeatures: '',
  reportingCountry: '',
  reportedOn: todayParts(),
  tracingBasis: '',
  legalBasisReference: '',
});

/** "/body/person/dateOfBirth/day" → dateOfBirth; "/body/person/aliases/2" → aliases. */
const serverFieldToForm: Record<string, FieldName> = {
  ...Object.fromEntries(fieldNames.map((name) => [name, name])),
  year: 'dateOfBirth',
  month: 'dateOfBirth',
  day: 'dateOfBirth',
};

const lines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
const optionalText = (text: string) => (text.trim() === '' ? undefined : text.trim());

/** What the request cannot be built without; the server checks everything again. */
function check(fields: Fields): Partial<Record<FieldName, Text>> {
  const errors: Partial<Record<FieldName, Text>> = {};
  if (
    ![fields.givenName, fields.familyName, fields.givenNameLatin, fields.familyNameLatin].some((name) =>
      name.trim(),
    )
  )
    errors.givenName = { key: 'tracing.error.name' };
  if (fields.sex === '') errors.sex = { key: 'tracing.error.sex' };
  if (!isEmptyDate(fields.dateOfBirth) && toPartialDate(fields.dateOfBirth) === null)
    errors.dateOfBirth = { key: 'tracing.error.dateOfBirth' };
  if (fields.ageEstimate.trim() !== '' && !/^\d{1,3}$/.test(fields.ageEstimate.trim()))
    errors.ageEstimate = { key: 'tracing.error.ageEstimate' };
  if (fields.isChild === '') errors.isChild = { key: 'tracing.error.isChild' };
  if (fields.isChild !== 'no' && fields.unaccompaniedOrSeparated === '')
    errors.unaccompaniedOrSeparated = { key: 'tracing.error.unaccompanied' };
  if (!isEmptyDate(fields.lastSeenOn) && toIsoDate(fields.lastSeenOn) === null)
    errors.lastSeenOn = { key: 'tracing.error.lastSeenOn' };
  if (!/^[A-Za-z]{3}$/.test(fields.reportingCountry.trim()))
    errors.reportingCountry = { key: 'tracing.error.reportingCountry' };
  if (toIsoDate(fields.reportedOn) === null) errors.reportedOn = { key: 'tracing.error.reportedOn' };
  if (fields.tracingBasis === '') errors.tracingBasis = { key: 'tracing.error.tracingBasis' };
  if (fields.tracingBasis === 'legal_basis' && fields.legalBasisReference.trim() === '')
    errors.legalBasisReference = { key: 'tracing.error.legalBasisReference' };
  return errors;
}

function toRequest(fields: Fields) {
  const dateOfBirth = isEmptyDate(fields.dateOfBirth) ? null : toPartialDate(fields.dateOfBirth);
  const lastSeenOn = isEmptyDate(fields.lastSeenOn) ? null : toIsoDate(fields.lastSeenOn);
  const age = fields.ageEstimate.trim();
  const list = (text: string) => (lines(text).length > 0 ? lines(text) : undefined);
  const person = {
    givenName: optionalText(fields.givenName),
    familyName: optionalText(fields.familyName),
    givenNameLatin: optionalText(fields.givenNameLatin),
    familyNameLatin: optionalText(fields.familyNameLatin),
    aliases: list(fields.aliases),
    sex: fields.sex,
    dateOfBirth: dateOfBirth ?? undefined,
    ageEstimate: age ? Number(age) : undefined,
    citizenship: optionalText(fields.citizenship)?.toUpperCase(),
    placeOfBirth: optionalText(fields.placeOfBirth),
    parentNames: list(fields.parentNames),
    languages: list(fields.languages),
    lastSeenOn: lastSeenOn ?? undefined,
    lastSeenPlace: optionalText(fields.lastSeenPlace),
    circumstances: optionalText(fields.circumstances),
    distinguishingFeatures: optionalText(fields.distinguishingFeatures),
  };
  return {
    isChild: fields.isChild === 'yes' ? true : fields.isChild === 'no' ? false : null,
    unaccompaniedOrSeparated: fields.isChild !== 'no' && fields.unaccompaniedOrSeparated === 'yes',
    reportingCountry: fields.reportingCountry.trim().toUpperCase(),
    reportedOn: toIsoDate(fields.reportedOn),
    tracingBasis: fields.tracingBasis,
    ...(fields.tracingBasis === 'legal_basis'
      ? { legalBasisReference: fields.legalBasisReference.trim() }
      : {}),
    // JSON drops the undefined answers: an unanswered optional question is simply absent.
    person,
  };
}

export function NewReportPage() {
  const [fields, setFields] = useState<Fields>(initial);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [sending, setSending] = useState(false);
  const sendingRef = useRef(false);

  const set =
    <K extends keyof Fields>(key: K) =>
    (value: Fields[K]) =>
      setFields((current) => ({ ...current, [key]: value }));

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (sendingRef.current) return;
    const found = check(fields);
    const checked = errorsInPageOrder(fieldNames, found);
    if (checked.summary.length > 0) {
      setErrors(checked);
      return;
    }
    sendingRef.current = true;
    setSending(true);
    try {
      const filed = await api.post<MissingPersonReport>('/api/missing-person-reports', toRequest(fields));
      navigate(`/missing-persons/${encodeURIComponent(filed.id)}`, {
        flash: { key: 'tracing.new.filed', params: { reference: filed.reference } },
      });
    } catch (failure) {
      setErrors(problemToFormErrors(renamePointers(toApiError(failure), serverFieldToForm), fieldNames));
    } finally {
      sendingRef.current = false;
      setSending(false);
    }
  };

  const yesNo = [
    { value: 'yes', label: t('tracing.yes') },
    { value: 'no', label: t('tracing.no') },
  ];
  const nameInput = (
    name: 'givenName' | 'familyName' | 'givenNameLatin' | 'familyNameLatin',
    hint?: string,
  ) => (
    <TextInput
      name={name}
      label={t(`tracing.field.${name}`)}
      hint={hint}
      optional
      value={fields[name]}
      onChange={set(name)}
      spellCheck={false}
      error={errors.fields[name]}
    />
  );

  return (
    <Page
      title={t('tracing.new.title')}
      hasErrors={errors.summary.length > 0}
      before={
        <>
          <Link className="back-link" href="/missing-persons">
            {t('tracing.new.back')}
          </Link>
          <ErrorSummary items={errors.summary} />
        </>
      }
    >
      <p className="body">{t('tracing.new.intro')}</p>
      <form className="form" noValidate onSubmit={(event) => void submit(event)}>
        <h2 className="heading-m">{t('tracing.new.section.person')}</h2>
        {nameInput('givenName', t('tracing.field.givenName.hint'))}
        {nameInput('familyName')}
        {nameInput('givenNameLatin', t('tracing.field.givenNameLatin.hint'))}
        {nameInput('familyNameLatin')}
        <TextArea
          name="aliases"
          legend={t('tracing.field.aliases')}
          hint={t('tracing.field.aliases.hint')}
          optional
          rows={3}
          value={fields.aliases}
          onChange={set('aliases')}
          error={errors.fields.aliases}
        />
        <PersonBasicsFields
          words={{
            sex: t('tracing.field.sex'),
            sexHint: t('tracing.field.sex.hint'),
            female: t('tracing.sex.female'),
            male: t('tracing.sex.male'),
            notKnown: t('tracing.sex.not_known'),
            dateOfBirth: t('tracing.field.dateOfBirth'),
            dateOfBirthHint: t('tracing.field.dateOfBirth.hint'),
            ageEstimate: t('tracing.field.ageEstimate'),
            ageEstimateHint: t('tracing.field.ageEstimate.hint'),
          }}
          values={fields}
          errors={errors.fields}
          onChange={(change) => setFields((current) => ({ ...current, ...change }))}
        />
        <Radios
          name="isChild"
          legend={t('tracing.field.isChild')}
          hint={t('tracing.field.isChild.hint')}
          options={[...yesNo, { value: 'not_sure', label: t('answer.notSure') }]}
          value={fields.isChild}
          onChange={set('isChild')}
          error={errors.fields.isChild}
        />
        {fields.isChild !== 'no' ? (
          <Radios
            name="unaccompaniedOrSeparated"
            legend={t('tracing.field.unaccompanied')}
            options={yesNo}
            value={fields.unaccompaniedOrSeparated}
            onChange={set('unaccompaniedOrSeparated')}
            error={errors.fields.unaccompaniedOrSeparated}
          />
        ) : null}
        <TextInput
          name="citizenship"
          label={t('tracing.field.citizenship')}
          hint={t('tracing.field.citizenship.hint')}
          optional
          width="short"
          value={fields.citizenship}
          onChange={set('citizenship')}
          error={errors.fields.citizenship}
        />
        <TextInput
          name="placeOfBirth"
          label={t('tracing.field.placeOfBirth')}
          optional
          spellCheck={false}
          value={fields.placeOfBirth}
          onChange={set('placeOfBirth')}
          error={errors.fields.placeOfBirth}
        />
        <TextArea
          name="parentNames"
          legend={t('tracing.field.parentNames')}
          hint={t('tracing.field.parentNames.hint')}
          optional
          rows={2}
          value={fields.parentNames}
          onChange={set('parentNames')}
          error={errors.fields.parentNames}
        />
        <TextArea
          name="languages"
          legend={t('tracing.field.languages')}
          hint={t('tracing.field.languages.hint')}
          optional
          rows={2}
          value={fields.languages}
          onChange={set('languages')}
          error={errors.fields.languages}
        />
        <TextArea
          name="distinguishingFeatures"
          legend={t('tracing.field.distinguishingFeatures')}
          hint={t('tracing.field.distinguishingFeatures.hint')}
          optional
          rows={3}
          value={fields.distinguishingFeatures}
          onChange={set('distinguishingFeatures')}
          error={errors.fields.distinguishingFeatures}
        />

        <h2 className="heading-m">{t('tracing.new.section.lastSeen')}</h2>
        <DateInput
          name="lastSeenOn"
          legend={t('tracing.field.lastSeenOn')}
          hint={t('tracing.field.lastSeenOn.hint')}
          optional
          value={fields.lastSeenOn}
          onChange={set('lastSeenOn')}
          error={errors.fields.lastSeenOn}
        />
        <TextInput
          name="lastSeenPlace"
          label={t('tracing.field.lastSeenPlace')}
          optional
          value={fields.lastSeenPlace}
          onChange={set('lastSeenPlace')}
          error={errors.fields.lastSeenPlace}
        />
        <TextArea
          name="circumstances"
          legend={t('tracing.field.circumstances')}
          optional
          value={fields.circumstances}
          onChange={set('circumstances')}
          error={errors.fields.circumstances}
        />

        <h2 className="heading-m">{t('tracing.new.section.report')}</h2>
        <TextInput
          name="reportingCountry"
          label={t('tracing.field.reportingCountry')}
          hint={t('tracing.field.reportingCountry.hint')}
          width="short"
          value={fields.reportingCountry}
          onChange={set('reportingCountry')}
          error={errors.fields.reportingCountry}
        />
        <DateInput
          name="reportedOn"
          legend={t('tracing.field.reportedOn')}
          hint={t('tracing.field.reportedOn.hint')}
          value={fields.reportedOn}
          onChange={set('reportedOn')}
          error={errors.fields.reportedOn}
        />
        <Radios
          name="tracingBasis"
          legend={t('tracing.field.tracingBasis')}
          hint={t('tracing.field.tracingBasis.hint')}
          options={tracingBases.map((value) => ({ value, label: basisLabel(value) }))}
          value={fields.tracingBasis}
          onChange={set('tracingBasis')}
          error={errors.fields.tracingBasis}
        />
        {fields.tracingBasis === 'legal_basis' ? (
          <TextInput
            name="legalBasisReference"
            label={t('tracing.field.legalBasisReference')}
            hint={t('tracing.field.legalBasisReference.hint')}
            value={fields.legalBasisReference}
            onChange={set('legalBasisReference')}
            error={errors.fields.legalBasisReference}
          />
        ) : null}
        <SubmitButton sending={sending}>{t('tracing.new.submit')}</SubmitButton>
      </form>
    </Page>
  );
}
