import { type FormEvent, useRef, useState } from 'react';
import { api, toApiError } from '../../web/api.js';
import { ErrorSummary } from '../../web/components/ErrorSummary.js';
import { Select, SubmitButton, TextInput } from '../../web/components/fields.js';
import { errorsInPageOrder, renamePointers } from '../../web/components/form-checks.js';
import { type FormErrors, noErrors, problemToFormErrors } from '../../web/components/form-errors.js';
import { Page } from '../../web/components/Page.js';
import type { Text } from '../../web/components/text.js';
import { t } from '../../web/i18n.js';
import { Link, navigate } from '../../web/router.js';
import { useSession } from '../../web/session.js';
import { type DateParts, emptyDate, isEmptyDate, toIsoDate, toPartialDate } from './dates.js';
import { DateInput, Radios } from './fields.js';
import { PersonBasicsFields } from './PersonBasicsFields.js';
import { type CaseFile, identificationChannels, label } from './types.js';

type Fields = {
  fullName: string;
  sex: string;
  dateOfBirth: DateParts;
  ageEstimate: string;
  channel: string;
  selfIdentified: string;
  identifiedOn: DateParts;
  isChild: string;
};

const fieldNames = [
  'fullName',
  'sex',
  'dateOfBirth',
  'ageEstimate',
  'channel',
  'selfIdentified',
  'identifiedOn',
  'isChild',
] as const;
type FieldName = (typeof fieldNames)[number];

const initial: Fields = {
  fullName: '',
  sex: '',
  dateOfBirth: emptyDate,
  ageEstimate: '',
  channel: '',
  selfIdentified: '',
  identifiedOn: emptyDate,
  isChild: '',
};

/** The server's field names, as the form names them ("/body/identified/occurredOn" → identifiedOn). */
const serverFieldToForm: Record<string, FieldName> = {
  fullName: 'fullName',
  sex: 'sex',
  dateOfBirth: 'dateOfBirth',
  year: 'dateOfBirth',
  month: 'dateOfBirth',
  day: 'dateOfBirth',
  ageEstimate: 'ageEstimate',
  channel: 'channel',
  selfIdentified: 'selfIdentified',
  occurredOn: 'identifiedOn',
  isChild: 'isChild',
};

/** Checks the answers the request cannot be built without; the server checks everything again. */
function check(fields: Fields): Partial<Record<FieldName, Text>> {
  const errors: Partial<Record<FieldName, Text>> = {};
  if (fields.fullName.trim() === '') errors.fullName = { key: 'newCase.error.fullName' };
  if (fields.sex === '') errors.sex = { key: 'newCase.error.sex' };
  if (!isEmptyDate(fields.dateOfBirth) && toPartialDate(fields.dateOfBirth) === null)
    errors.dateOfBirth = { key: 'newCase.error.dateOfBirth' };
  if (fields.ageEstimate.trim() !== '' && !/^\d{1,3}$/.test(fields.ageEstimate.trim()))
    errors.ageEstimate = { key: 'newCase.error.ageEstimate' };
  if (fields.channel === '') errors.channel = { key: 'newCase.error.channel' };
  if (fields.selfIdentified === '') errors.selfIdentified = { key: 'newCase.error.selfIdentified' };
  if (toIsoDate(fields.identifiedOn) === null) errors.identifiedOn = { key: 'newCase.error.identifiedOn' };
  if (fields.isChild === '') errors.isChild = { key: 'newCase.error.isChild' };
  return errors;
}

function toRequest(fields: Fields, organisationId: string) {
  const dateOfBirth = isEmptyDate(fields.dateOfBirth) ? null : toPartialDate(fields.dateOfBirth);
  const age = fields.ageEstimate.trim();
  return {
    identity: {
      fullName: fields.fullName.trim(),
      sex: fields.sex,
      ...(dateOfBirth ? { dateOfBirth } : {}),
      ...(age ? { ageEstimate: Number(age) } : {}),
    },
    identified: {
      occurredOn: toIsoDate(fields.identifiedOn),
      channel: fields.channel,
      identifyingOrganisationId: organisationId,
      selfIdentified: fields.selfIdentified === 'yes',
      // "Not sure": the age is unknown, and the person is presumed a child until assessed.
      isChild: fields.isChild === 'yes' ? true : fields.isChild === 'no' ? false : null,
    },
  };
}

export function NewCasePage() {
  const session = useSession();
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
    if (sendingRef.current || !session) return;
    const found = check(fields);
    const checked = errorsInPageOrder(fieldNames, found);
    if (checked.summary.length > 0) {
      setErrors(checked);
      return;
    }
    sendingRef.current = true;
    setSending(true);
    try {
      const opened = await api.post<CaseFile>('/api/cases', toRequest(fields, session.user.organisationId));
      navigate(`/cases/${encodeURIComponent(opened.id)}`, {
        flash: { key: 'newCase.opened', params: { reference: opened.reference } },
      });
    } catch (failure) {
      setErrors(problemToFormErrors(renamePointers(toApiError(failure), serverFieldToForm), fieldNames));
    } finally {
      sendingRef.current = false;
      setSending(false);
    }
  };

  const yesNo = [
    { value: 'yes', label: t('answer.yes') },
    { value: 'no', label: t('answer.no') },
  ];
  const channelOptions = identificationChannels.map((value) => ({ value, label: label('channel', value) }));

  return (
    <Page
      title={t('newCase.title')}
      hasErrors={errors.summary.length > 0}
      before={
        <>
          <Link className="back-link" href="/cases">
            {t('newCase.backToList')}
          </Link>
          <ErrorSummary items={errors.summary} />
        </>
      }
    >
      <p className="body">{t('newCase.intro')}</p>
      <form className="form" noValidate onSubmit={(event) => void submit(event)}>
        <h2 className="heading-m">{t('newCase.identity')}</h2>
        <p className="hint">{t('newCase.identityHint')}</p>
        <TextInput
          name="fullName"
          label={t('newCase.fullName')}
          hint={t('newCase.fullNameHint')}
          value={fields.fullName}
          onChange={set('fullName')}
          autoComplete="off"
          spellCheck={false}
          error={errors.fields.fullName}
        />
        <PersonBasicsFields
          words={{
            sex: t('newCase.sex'),
            sexHint: t('newCase.sexHint'),
            female: t('newCase.sex.female'),
            male: t('newCase.sex.male'),
            notKnown: t('newCase.sex.not_known'),
            dateOfBirth: t('newCase.dateOfBirth'),
            dateOfBirthHint: t('newCase.dateOfBirthHint'),
            ageEstimate: t('newCase.ageEstimate'),
            ageEstimateHint: t('newCase.ageEstimateHint'),
          }}
          values={fields}
          errors={errors.fields}
          onChange={(change) => setFields((current) => ({ ...current, ...change }))}
        />
        <h2 className="heading-m">{t('newCase.identification')}</h2>
        <Select
          name="channel"
          label={t('newCase.channel')}
          placeholder={t('newCase.channelPlaceholder')}
          options={channelOptions}
          value={fields.channel}
          onChange={set('channel')}
          error={errors.fields.channel}
        />
        <Radios
          name="selfIdentified"
          legend={t('newCase.selfIdentified')}
          options={yesNo}
          value={fields.selfIdentified}
          onChange={set('selfIdentified')}
          error={errors.fields.selfIdentified}
        />
        <DateInput
          name="identifiedOn"
          legend={t('newCase.identifiedOn')}
          hint={t('newCase.identifiedOnHint')}
          value={fields.identifiedOn}
          onChange={set('identifiedOn')}
          error={errors.fields.identifiedOn}
        />
        <Radios
          name="isChild"
          legend={t('newCase.isChild')}
          hint={t('newCase.isChildHint')}
          options={[...yesNo, { value: 'not_sure', label: t('answer.notSure') }]}
          value={fields.isChild}
          onChange={set('isChild')}
          error={errors.fields.isChild}
        />
        <SubmitButton sending={sending}>{t('newCase.submit')}</SubmitButton>
      </form>
    </Page>
  );
}
