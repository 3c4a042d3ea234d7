// "Add event": a small form per event type, built from the event's fields (case-events.ts). A rule
// that refuses the event is shown calmly on the page, in the server's words, never as a dialog.

import { type FormEvent, useEffect, useRef, useState } from 'react';
import { announce } from '../../web/announcer.js';
import { type ApiError, api, toApiError } from '../../web/api.js';
import { ErrorSummary } from '../../web/components/ErrorSummary.js';
import { Checkbox, Checkboxes, Select, SubmitButton } from '../../web/components/fields.js';
import { type FormErrors, noErrors, problemToFormErrors } from '../../web/components/form-errors.js';
import type { Text } from '../../web/components/text.js';
import { t } from '../../web/i18n.js';
import type { Session } from '../../web/session.js';
import { type DateParts, emptyDate, isEmptyDate, todayParts, toIsoDate } from './dates.js';
import { DateInput, Radios } from './fields.js';
import { label, riskAssessmentReasons, riskOutcomes, serviceKinds } from './types.js';

type FieldSpec =
  | { name: string; kind: 'date'; legend: Text; hint?: Text; optional?: boolean }
  | {
      name: string;
      kind: 'select';
      legend: Text;
      placeholder: Text;
      prefix: string;
      values: readonly string[];
    }
  | { name: string; kind: 'checkboxes'; legend: Text; prefix: string; values: readonly string[] }
  | { name: string; kind: 'yesNo'; legend: Text }
  | { name: string; kind: 'confirm'; legend: Text; hint?: Text }
  /** The user's own organisation: said in words, not asked. */
  | { name: string; kind: 'ownOrganisation' };

const occurredOn: FieldSpec = {
  name: 'occurredOn',
  kind: 'date',
  legend: { key: 'addEvent.occurredOn' },
  hint: { key: 'addEvent.occurredOnHint' },
};

export const eventForms: Record<string, readonly FieldSpec[]> = {
  reflection_granted: [
    occurredOn,
    {
      name: 'endsOn',
      kind: 'date',
      legend: { key: 'addEvent.endsOn' },
      hint: { key: 'addEvent.endsOnHint' },
      optional: true,
    },
  ],
  service_started: [
    occurredOn,
    {
      name: 'serviceKind',
      kind: 'select',
      legend: { key: 'addEvent.serviceKind' },
      placeholder: { key: 'addEvent.servicePlaceholder' },
      prefix: 'service',
      values: serviceKinds,
    },
    { name: 'providerOrganisationId', kind: 'ownOrganisation' },
  ],
  risk_assessed: [
    occurredOn,
    {
      name: 'reason',
      kind: 'select',
      legend: { key: 'addEvent.reason' },
      placeholder: { key: 'addEvent.reasonPlaceholder' },
      prefix: 'riskReason',
      values: riskAssessmentReasons,
    },
    {
      name: 'outcome',
      kind: 'select',
      legend: { key: 'addEvent.outcome' },
      placeholder: { key: 'addEvent.outcomePlaceholder' },
      prefix: 'riskOutcome',
      values: riskOutcomes,
    },
    { name: 'familyMembersAtRisk', kind: 'yesNo', legend: { key: 'addEvent.familyMembersAtRisk' } },
    { name: 'assessingOrganisationId', kind: 'ownOrganisation' },
  ],
  support_plan_agreed: [
    occurredOn,
    {
      name: 'services',
      kind: 'checkboxes',
      legend: { key: 'addEvent.services' },
      prefix: 'service',
      values: serviceKinds,
    },
    {
      name: 'agreedWithPerson',
      kind: 'confirm',
      legend: { key: 'addEvent.agreedWithPerson' },
      hint: { key: 'addEvent.agreedWithPersonHint' },
    },
  ],
};

export const addableEventTypes = Object.keys(eventForms);

type Values = Record<string, string | string[] | boolean | DateParts>;

function initialValues(specs: readonly FieldSpec[]): Values {
  const values: Values = {};
  for (const spec of specs) {
    if (spec.kind === 'date') values[spec.name] = spec.name === 'occurredOn' ? todayParts() : emptyDate;
    else if (spec.kind === 'checkboxes') values[spec.name] = [];
    else if (spec.kind === 'confirm') values[spec.name] = false;
    else values[spec.name] = '';
  }
  return values;
}

const render = (text: Text) => (typeof text === 'string' ? text : t(text.key, text.params));

/** Builds the event, or says which answers are missing. */
function build(
  type: string,
  specs: readonly FieldSpec[],
  values: Values,
  organisationId: string,
): { event: Record<string, unknown> } | { errors: Record<string, Text> } {
  const event: Record<string, unknown> = { type };
  const errors: Record<string, Text> = {};
  for (const spec of specs) {
    const value = values[spec.name];
    switch (spec.kind) {
      case 'date': {
        const parts = value as DateParts;
        if (spec.optional && isEmptyDate(parts)) break;
        const iso = toIsoDate(parts);
        if (iso === null) errors[spec.name] = { key: 'addEvent.error.date' };
        else event[spec.name] = iso;
        break;
      }
      case 'select':
        if (value === '') errors[spec.name] = { key: 'addEvent.error.choose' };
        else event[spec.name] = value;
        break;
      case 'yesNo':
        if (value === '') errors[spec.name] = { key: 'addEvent.error.choose' };
        else event[spec.name] = value === 'yes';
        break;
      case 'checkboxes':
        event[spec.name] = value;
        break;
      case 'confirm':
        // Sent as answered: the server says why a plan must be agreed with the person.
        event[spec.name] = value;
        break;
      case 'ownOrganisation':
        event[spec.name] = organisationId;
        break;
    }
  }
  return Object.keys(errors).length > 0 ? { errors } : { event };
}

type AddEventFormProps = { caseId: string; session: Session; onRecorded: () => void };

export function AddEventForm({ caseId, session, onRecorded }: AddEventFormProps) {
  const [type, setType] = useState('');
  const [chosen, setChosen] = useState('');
  const [typeError, setTypeError] = useState<Text | undefined>(undefined);

  const choose = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!chosen) {
      setTypeError({ key: 'addEvent.error.type' });
      return;
    }
    setTypeError(undefined);
    setType(chosen);
  };

  return (
    <section aria-labelledby="add-event-heading" id="add-event">
      <h2 className="heading-m" id="add-event-heading" tabIndex={-1}>
        {t('addEvent.title')}
      </h2>
      {type === '' ? (
        <form className="form" noValidate onSubmit={choose}>
          <ErrorSummary items={typeError ? [{ field: 'eventType', message: typeError }] : []} />
          <Radios
            name="eventType"
            legend={t('addEvent.type')}
            options={addableEventTypes.map((value) => ({ value, label: label('event', value) }))}
            value={chosen}
            onChange={setChosen}
            error={typeError}
          />
          <div className="button-group">
            <button className="button" type="submit">
              {t('addEvent.choose')}
            </button>
          </div>
        </form>
      ) : (
        <EventForm
          key={type}
          type={type}
          caseId={caseId}
          session={session}
          onCancel={() => setType('')}
          onRecorded={() => {
            setType('');
            setChosen('');
            onRecorded();
            // The form goes back to its first question: keep focus in the section, not on the body.
            document.getElementById('add-event-heading')?.focus();
          }}
        />
      )}
    </section>
  );
}

type EventFormProps = {
  type: string;
  caseId: string;
  session: Session;
  onCancel: () => void;
  onRecorded: () => void;
};

function EventForm({ type, caseId, session, onCancel, onRecorded }: EventFormProps) {
  const specs = eventForms[type] ?? [];
  const [values, setValues] = useState<Values>(() => initialValues(specs));
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [refusal, setRefusal] = useState<ApiError | null>(null);
  const [sending, setSending] = useState(false);
  const sendingRef = useRef(false);
  const refusalRef = useRef<HTMLElement>(null);
  const fieldNames = specs.map((spec) => spec.name);

  useEffect(() => {
    if (refusal) refusalRef.current?.focus();
  }, [refusal]);

  const set = (name: string) => (value: Values[string]) =>
    setValues((current) => ({ ...current, [name]: value }));

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (sendingRef.current) return;
    setRefusal(null);
    const built = build(type, specs, values, session.user.organisationId);
    if ('errors' in built) {
      const names = fieldNames.filter((name) => built.errors[name] !== undefined);
      setErrors({
        summary: names.map((name) => ({ field: name, message: built.errors[name] as Text })),
        fields: built.errors,
      });
      return;
    }
    sendingRef.current = true;
    setSending(true);
    try {
      await api.post(`/api/cases/${encodeURIComponent(caseId)}/events`, built.event);
      setErrors(noErrors);
      announce(t('addEvent.recorded', { event: label('event', type) }));
      onRecorded();
    } catch (failure) {
      const error = toApiError(failure);
      const fieldProblems = error.problem.errors ?? [];
      if (error.problem.type.startsWith('/problems/case/') && fieldProblems.length === 0) {
        setErrors(noErrors);
        setRefusal(error);
      } else setErrors(problemToFormErrors(error, fieldNames));
    } finally {
      sendingRef.current = false;
      setSending(false);
    }
  };

  return (
    <form className="form" noValidate onSubmit={(event) => void submit(event)}>
      <ErrorSummary items={errors.summary} />
      {refusal ? (
        <section className="panel" ref={refusalRef} tabIndex={-1} aria-labelledby="refusal-title">
          <h3 className="heading-s" id="refusal-title">
            {t('addEvent.refused')}: {refusal.problem.title}
          </h3>
          {refusal.problem.detail ? <p className="body">{refusal.problem.detail}</p> : null}
          <p className="body">{t('addEvent.refusedNext')}</p>
        </section>
      ) : null}
      <h3 className="heading-s">{label('event', type)}</h3>
      {specs.map((spec) => {
        const error = errors.fields[spec.name];
        switch (spec.kind) {
          case 'date':
            return (
              <DateInput
                key={spec.name}
                name={spec.name}
                legend={render(spec.legend)}
                hint={spec.hint ? render(spec.hint) : undefined}
                optional={spec.optional}
                value={values[spec.name] as DateParts}
                onChange={set(spec.name)}
                error={error}
              />
            );
          case 'select':
            return (
              <Select
                key={spec.name}
                name={spec.name}
                label={render(spec.legend)}
                placeholder={render(spec.placeholder)}
                options={spec.values.map((value) => ({ value, label: label(spec.prefix, value) }))}
                value={values[spec.name] as string}
                onChange={set(spec.name)}
                error={error}
              />
            );
          case 'checkboxes':
            return (
              <Checkboxes
                key={spec.name}
                name={spec.name}
                label={render(spec.legend)}
                options={spec.values.map((value) => ({ value, label: label(spec.prefix, value) }))}
                values={values[spec.name] as string[]}
                onChange={set(spec.name)}
                error={error}
              />
            );
          case 'yesNo':
            return (
              <Radios
                key={spec.name}
                name={spec.name}
                legend={render(spec.legend)}
                options={[
                  { value: 'yes', label: t('answer.yes') },
                  { value: 'no', label: t('answer.no') },
                ]}
                value={values[spec.name] as string}
                onChange={set(spec.name)}
                error={error}
              />
            );
          case 'confirm':
            return (
              <Checkbox
                key={spec.name}
                name={spec.name}
                label={render(spec.legend)}
                hint={spec.hint ? render(spec.hint) : undefined}
                checked={values[spec.name] as boolean}
                onChange={set(spec.name)}
                error={error}
              />
            );
          case 'ownOrganisation':
            return (
              <p className="body" key={spec.name}>
                {t('addEvent.organisation', { organisation: session.user.organisationName })}
              </p>
            );
          default:
            return null;
        }
      })}
      <SubmitButton
        sending={sending}
        secondary={
          <button className="button button--secondary" type="button" onClick={onCancel}>
            {t('addEvent.change')}
          </button>
        }
      >
        {t('addEvent.submit')}
      </SubmitButton>
    </form>
  );
}
