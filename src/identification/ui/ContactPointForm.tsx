import { type FormEvent, type ReactNode, useEffect, useRef, useState } from 'react';
import { Radios } from '../../cases/ui/fields.js';
import { organisationOptions, useOrganisations } from '../../cases/ui/organisations.js';
import { api, toApiError } from '../../web/api.js';
import { AsyncState } from '../../web/components/AsyncState.js';
import { ErrorSummary } from '../../web/components/ErrorSummary.js';
import { Checkbox, Checkboxes, Select, SubmitButton, TextInput } from '../../web/components/fields.js';
import { type FormErrors, generalProblemText, noErrors } from '../../web/components/form-errors.js';
import { Page } from '../../web/components/Page.js';
import { SummaryList } from '../../web/components/SummaryList.js';
import { t } from '../../web/i18n.js';
import { permissions } from '../../web/permissions.js';
import { type Resource, useApi } from '../../web/resource.js';
import { Link, navigate } from '../../web/router.js';
import { type Session, useSession } from '../../web/session.js';
import {
  anOpening,
  type ContactPointFields,
  commonLanguages,
  contactPointErrors,
  emptyFields,
  fieldsOf,
  type OpeningRow,
  toRequest,
} from './contact-point-fields.js';
import { type ContactPoint, languageName, weekdays } from './types.js';

// Adding, changing and retiring a contact point (002 l. 1252, 1268-1271: identification reachable
// 24/7 through hotlines, outreach and drop-in centres). Staff keep their own organisation's contact
// points; administrators and the national coordinator may keep anyone's (decision 0022). The
// server validates everything on submit (UX.md §3); this form only collects and shows its answer.

/** Administrators and the national coordinator keep every organisation's contact points. */
const managesAnyOrganisation = (session: Session | null) =>
  session?.user.roles.some((role) => role === 'system_administrator' || role === 'national_coordinator') ??
  false;

type FormProps = {
  initial: ContactPointFields;
  /** Null: the organisation can be chosen (new contact point, by an administrator or coordinator). */
  organisationName: string | null;
  submitLabel: string;
  onSubmit: (fields: ContactPointFields) => Promise<void>;
  errors: FormErrors;
  onErrors: (errors: FormErrors) => void;
  secondaryAction?: ReactNode;
};

function ContactPointForm({
  initial,
  organisationName,
  submitLabel,
  onSubmit,
  errors,
  onErrors,
  secondaryAction,
}: FormProps) {
  const [fields, setFields] = useState<ContactPointFields>(initial);
  const [sending, setSending] = useState(false);
  const sendingRef = useRef(false);
  const focusAfterRender = useRef<string | null>(null);
  const organisations = useOrganisations();

  useEffect(() => {
    if (focusAfterRender.current) document.getElementById(focusAfterRender.current)?.focus();
    focusAfterRender.current = null;
  });

  const set =
    <K extends keyof ContactPointFields>(key: K) =>
    (value: ContactPointFields[K]) =>
      setFields((current) => ({ ...current, [key]: value }));
  const setOpening = (index: number, change: Partial<OpeningRow>) =>
    setFields((current) => ({
      ...current,
      openings: current.openings.map((opening, at) => (at === index ? { ...opening, ...change } : opening)),
    }));
  const addOpening = () => {
    focusAfterRender.current = `opening-${fields.openings.length}-day`;
    // A new row starts as a copy of the last one's times: most places keep the same hours each day.
    const last = fields.openings.at(-1);
    setFields((current) => ({
      ...current,
      openings: [
        ...current.openings,
        anOpening({
          opens: last?.opens ?? '',
          closes: last?.closes ?? '',
          closesNextDay: last?.closesNextDay ?? false,
        }),
      ],
    }));
  };
  const removeOpening = (index: number) => {
    focusAfterRender.current = 'weeklyHours';
    setFields((current) => ({
      ...current,
      openings: current.openings.filter((_opening, at) => at !== index),
    }));
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (sendingRef.current) return;
    sendingRef.current = true;
    setSending(true);
    try {
      await onSubmit(fields);
      onErrors(noErrors);
    } catch (failure) {
      onErrors(contactPointErrors(toApiError(failure), fields));
    } finally {
      sendingRef.current = false;
      setSending(false);
    }
  };

  return (
    <form className="form" noValidate onSubmit={(event) => void submit(event)}>
      {organisationName === null ? (
        <Select
          name="organisationId"
          label={t('contactPointForm.organisation')}
          placeholder={t('contactPointForm.organisationPlaceholder')}
          options={organisationOptions(organisations.data?.organisations)}
          value={fields.organisationId}
          onChange={set('organisationId')}
          error={errors.fields.organisationId}
        />
      ) : (
        <SummaryList
          rows={[{ key: 'organisation', label: t('contactPointForm.organisation'), value: organisationName }]}
        />
      )}
      <TextInput
        name="name"
        label={t('contactPointForm.name')}
        hint={t('contactPointForm.nameHint')}
        value={fields.name}
        onChange={set('name')}
        error={errors.fields.name}
      />
      <TextInput
        name="phone"
        label={t('contactPointForm.phone')}
        hint={t('contactPointForm.phoneHint')}
        optional
        type="tel"
        width="medium"
        value={fields.phone}
        onChange={set('phone')}
        error={errors.fields.phone}
      />
      <TextInput
        name="email"
        label={t('contactPointForm.email')}
        optional
        type="email"
        spellCheck={false}
        value={fields.email}
        onChange={set('email')}
        error={errors.fields.email}
      />
      <Checkboxes
        name="languages"
        label={t('contactPointForm.languages')}
        hint={t('contactPointForm.languagesHint')}
        options={commonLanguages.map((code) => ({ value: code, label: languageName(code) }))}
        values={fields.languages}
        onChange={set('languages')}
        error={errors.fields.languages}
      />
      <TextInput
        name="otherLanguages"
        label={t('contactPointForm.otherLanguages')}
        hint={t('contactPointForm.otherLanguagesHint')}
        optional
        width="medium"
        spellCheck={false}
        value={fields.otherLanguages}
        onChange={set('otherLanguages')}
        error={errors.fields.otherLanguages}
      />
      <Radios
        name="hours"
        legend={t('contactPointForm.hours')}
        options={[
          { value: 'always', label: t('contactPointForm.hours.always') },
          { value: 'weekly', label: t('contactPointForm.hours.weekly') },
        ]}
        value={fields.hours}
        onChange={(value) => set('hours')(value === 'always' ? 'always' : 'weekly')}
        error={errors.fields.hours}
      />
      {fields.hours === 'weekly' ? (
        <div className={errors.fields.weeklyHours ? 'form-group form-group--error' : 'form-group'}>
          <fieldset className="fieldset" aria-describedby="weeklyHours-hint">
            <legend className="fieldset__legend fieldset__legend--m">{t('contactPointForm.openings')}</legend>
            <p className="hint" id="weeklyHours-hint">
              {t('contactPointForm.openingsHint')}
            </p>
            {errors.fields.weeklyHours ? (
              <p className="error-message" id="weeklyHours-error">
                <span className="visually-hidden">{t('form.errorPrefix')} </span>
                {typeof errors.fields.weeklyHours === 'string'
                  ? errors.fields.weeklyHours
                  : t('form.error.checkField')}
              </p>
            ) : null}
            {fields.openings.map((opening, index) => (
              <OpeningRowFields
                key={opening.key}
                index={index}
                opening={opening}
                errors={errors}
                onChange={(change) => setOpening(index, change)}
                onRemove={fields.openings.length > 1 ? () => removeOpening(index) : null}
              />
            ))}
            <button id="weeklyHours" className="button button--secondary" type="button" onClick={addOpening}>
              {t('contactPointForm.addOpening')}
            </button>
          </fieldset>
        </div>
      ) : null}
      <Checkbox
        name="public"
        label={t('contactPointForm.public')}
        hint={t('contactPointForm.publicHint')}
        checked={fields.public}
        onChange={set('public')}
        error={errors.fields.public}
      />
      <SubmitButton sending={sending} secondary={secondaryAction}>
        {submitLabel}
      </SubmitButton>
    </form>
  );
}

type OpeningRowProps = {
  index: number;
  opening: OpeningRow;
  errors: FormErrors;
  onChange: (change: Partial<OpeningRow>) => void;
  /** Null while it is the only row: weekly hours have at least one opening. */
  onRemove: (() => void) | null;
};

/** One opening of the weekly hours: a day, when it opens and closes, and whether after midnight. */
function OpeningRowFields({ index, opening, errors, onChange, onRemove }: OpeningRowProps) {
  // Each control's name says its row, so the server's errors and the summary's links find it.
  const id = (leaf: keyof OpeningRow) => `opening-${index}-${leaf}`;
  const time = (leaf: 'opens' | 'closes', label: string) => (
    <TextInput
      name={id(leaf)}
      label={label}
      width="short"
      value={opening[leaf]}
      onChange={(value) => onChange(leaf === 'opens' ? { opens: value } : { closes: value })}
      error={errors.fields[id(leaf)]}
    />
  );
  return (
    <fieldset className="fieldset opening-row">
      <legend className="fieldset__legend">{t('contactPointForm.opening', { number: index + 1 })}</legend>
      <Select
        name={id('day')}
        label={t('contactPointForm.day')}
        placeholder={t('contactPointForm.dayPlaceholder')}
        options={weekdays.map((day) => ({ value: day, label: t(`weekday.${day}`) }))}
        value={opening.day}
        onChange={(day) => onChange({ day })}
        error={errors.fields[id('day')]}
      />
      {time('opens', t('contactPointForm.opens'))}
      {time('closes', t('contactPointForm.closes'))}
      <Checkbox
        name={id('closesNextDay')}
        label={t('contactPointForm.closesNextDay')}
        checked={opening.closesNextDay}
        onChange={(closesNextDay) => onChange({ closesNextDay })}
      />
      {onRemove ? (
        <button className="button button--secondary" type="button" onClick={onRemove}>
          {t('contactPointForm.removeOpening', { number: index + 1 })}
        </button>
      ) : null}
    </fieldset>
  );
}

type ContactPointPageProps = { title: string; errors: FormErrors; children: ReactNode };

/** What the adding, changing and retiring pages share: the way back, then the error summary. */
function ContactPointPage({ title, errors, children }: ContactPointPageProps) {
  return (
    <Page
      title={title}
      hasErrors={errors.summary.length > 0}
      before={
        <>
          <Link className="back-link" href="/contact-points">
            {t('contactPointForm.backToList')}
          </Link>
          <ErrorSummary items={errors.summary} />
        </>
      }
    >
      {children}
    </Page>
  );
}

export function NewContactPointPage() {
  const session = useSession();
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const anyOrganisation = managesAnyOrganisation(session);

  const add = async (fields: ContactPointFields) => {
    await api.post<ContactPoint>('/api/contact-points', {
      organisationId: fields.organisationId,
      ...toRequest(fields),
    });
    navigate('/contact-points', { flash: { key: 'contactPointForm.added' } });
  };

  return (
    <ContactPointPage title={t('contactPointForm.new.title')} errors={errors}>
      <ContactPointForm
        initial={emptyFields(anyOrganisation ? '' : (session?.user.organisationId ?? ''))}
        organisationName={anyOrganisation ? null : (session?.user.organisationName ?? '')}
        submitLabel={t('contactPointForm.new.submit')}
        onSubmit={add}
        errors={errors}
        onErrors={setErrors}
      />
    </ContactPointPage>
  );
}

const mayManage = (contactPoint: ContactPoint) =>
  !contactPoint.retired && (contactPoint.allowedActions ?? []).includes(permissions.manageContactPoints);

type WhenManageableProps = {
  contactPoint: Resource<ContactPoint>;
  children: (loaded: ContactPoint) => ReactNode;
};

/** The page's form once the contact point has loaded and may be kept; else why it may not. */
function WhenManageable({ contactPoint, children }: WhenManageableProps) {
  return (
    <AsyncState resource={contactPoint}>
      {(loaded) =>
        mayManage(loaded) ? (
          children(loaded)
        ) : (
          <p className="body">
            {loaded.retired ? t('contactPointForm.isRetired') : t('contactPointForm.notYours')}
          </p>
        )
      }
    </AsyncState>
  );
}

export function ChangeContactPointPage({ contactPointId }: { contactPointId: string }) {
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const path = `/api/contact-points/${encodeURIComponent(contactPointId)}`;
  const contactPoint = useApi<ContactPoint>(path);

  const change = async (fields: ContactPointFields) => {
    await api.patch<ContactPoint>(path, toRequest(fields));
    navigate('/contact-points', { flash: { key: 'contactPointForm.changed' } });
  };

  return (
    <ContactPointPage title={t('contactPointForm.change.title')} errors={errors}>
      <WhenManageable contactPoint={contactPoint}>
        {(loaded) => (
          <ContactPointForm
            initial={fieldsOf(loaded)}
            organisationName={loaded.organisationName ?? ''}
            submitLabel={t('contactPointForm.change.submit')}
            onSubmit={change}
            errors={errors}
            onErrors={setErrors}
            secondaryAction={
              <Link href={`/contact-points/${encodeURIComponent(loaded.id)}/retire`}>
                {t('contactPointForm.retireLink')}
              </Link>
            }
          />
        )}
      </WhenManageable>
    </ContactPointPage>
  );
}

/** Retiring is a page of its own, not a dialog (UX.md §5): it says what happens, then asks. */
export function RetireContactPointPage({ contactPointId }: { contactPointId: string }) {
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [sending, setSending] = useState(false);
  const path = `/api/contact-points/${encodeURIComponent(contactPointId)}`;
  const contactPoint = useApi<ContactPoint>(path);

  const retire = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (sending) return;
    setSending(true);
    try {
      await api.post<ContactPoint>(`${path}/retire`);
      navigate('/contact-points', { flash: { key: 'contactPointForm.retired' } });
    } catch (failure) {
      setErrors({ summary: [{ message: generalProblemText(toApiError(failure)) }], fields: {} });
      setSending(false);
    }
  };

  return (
    <ContactPointPage title={t('contactPointForm.retire.title')} errors={errors}>
      <WhenManageable contactPoint={contactPoint}>
        {(loaded) => (
          <form className="form" noValidate onSubmit={(event) => void retire(event)}>
            <p className="body">{t('contactPointForm.retire.question', { name: loaded.name })}</p>
            <p className="body">{t('contactPointForm.retire.explanation')}</p>
            <SubmitButton
              sending={sending}
              secondary={
                <Link href={`/contact-points/${encodeURIComponent(loaded.id)}/change`}>
                  {t('contactPointForm.retire.cancel')}
                </Link>
              }
            >
              {t('contactPointForm.retire.submit')}
            </SubmitButton>
          </form>
        )}
      </WhenManageable>
    </ContactPointPage>
  );
}
