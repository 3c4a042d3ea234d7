// "Record an event": first what happened (a list of links grouped by theme, one page each), then
// the event's own questions, generated from its description (event-forms.ts). A rule that refuses
// the event is shown calmly on the page, in the server's words, never as a dialog.

import { type FormEvent, useEffect, useRef, useState } from 'react';
import { type ApiError, api, toApiError } from '../../web/api.js';
import { ErrorSummary } from '../../web/components/ErrorSummary.js';
import { Checkbox, Checkboxes, Select, SubmitButton, TextInput } from '../../web/components/fields.js';
import { type FormErrors, noErrors, problemToFormErrors } from '../../web/components/form-errors.js';
import type { Text } from '../../web/components/text.js';
import { t } from '../../web/i18n.js';
import { Link, navigate } from '../../web/router.js';
import type { Session } from '../../web/session.js';
import type { DateParts } from './dates.js';
import {
  type Answers,
  buildEvent,
  type EventFormDescription,
  eventFormDescriptions,
  eventGroups,
  fieldNames,
  initialAnswers,
  noneValue,
  visibleFields,
} from './event-forms.js';
import { DateInput, Radios, useErrorTitle } from './fields.js';
import { organisationOptions, useOrganisations } from './organisations.js';
import { label } from './types.js';

/** The event types, grouped, each a link to its own page. */
export function RecordEventChooser({ caseId }: { caseId: string }) {
  return (
    <section aria-labelledby="record-heading">
      <h2 className="heading-m" id="record-heading">
        {t('addEvent.type')}
      </h2>
      <p className="body">{t('addEvent.chooserIntro')}</p>
      {eventGroups.map((group) => (
        <section key={group} aria-labelledby={`record-group-${group}`}>
          <h3 className="heading-s" id={`record-group-${group}`}>
            {label('eventGroup', group)}
          </h3>
          <ul className="list">
            {eventFormDescriptions
              .filter((description) => description.group === group)
              .map((description) => (
                <li key={description.type}>
                  <Link href={`/cases/${encodeURIComponent(caseId)}/record/${description.type}`}>
                    {label('event', description.type)}
                  </Link>
                </li>
              ))}
          </ul>
        </section>
      ))}
    </section>
  );
}

/** Server pointers name the event's fields; an amount's parts are named apart. */
const pointerAliases: Record<string, string> = {
  amountMinorUnits: 'awarded.amount',
  currency: 'awarded.currency',
};

type EventFormProps = {
  description: EventFormDescription;
  caseId: string;
  session: Session;
  onRecorded: () => void;
};

export function RecordEventForm({ description, caseId, session, onRecorded }: EventFormProps) {
  const { type } = description;
  const organisations = useOrganisations();
  const [answers, setAnswers] = useState<Answers>(() =>
    initialAnswers(description, session.user.organisationId),
  );
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [refusal, setRefusal] = useState<ApiError | null>(null);
  const [sending, setSending] = useState(false);
  const sendingRef = useRef(false);
  const refusalRef = useRef<HTMLElement>(null);
  const names = fieldNames(description);
  const casePath = `/cases/${encodeURIComponent(caseId)}`;
  useErrorTitle(errors.summary.length > 0 || refusal !== null);

  useEffect(() => {
    if (refusal) refusalRef.current?.focus();
  }, [refusal]);

  const set = (name: string) => (value: Answers[string]) =>
    setAnswers((current) => ({ ...current, [name]: value }));

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (sendingRef.current) return;
    setRefusal(null);
    const built = buildEvent(description, answers, () => crypto.randomUUID());
    if ('problems' in built) {
      const fields: Record<string, Text> = {};
      // "Choose an answer to 'Why was the risk assessed?'": the question named, not just "choose".
      const legends = new Map(description.fields.map((field) => [field.name, t(field.legend)]));
      for (const problem of built.problems)
        fields[problem.field] ??= {
          key: problem.message,
          params: { question: legends.get(problem.field) ?? '' },
        };
      setErrors({
        summary: names
          .filter((name) => fields[name] !== undefined)
          .map((name) => ({ field: name, message: fields[name] as Text })),
        fields,
      });
      return;
    }
    sendingRef.current = true;
    setSending(true);
    try {
      await api.post(`/api${casePath}/events`, built.event);
      setErrors(noErrors);
      const recorded: Text = { key: 'addEvent.recorded', params: { event: label('event', type) } };
      onRecorded();
      // A new claim's number is needed to record its decision later: say it with the confirmation.
      const claimId = type === 'compensation_claimed' ? String(built.event.claimId) : null;
      navigate(`${casePath}/timeline`, {
        flash: claimId ? { key: 'eventField.newClaimId', params: { claimId } } : recorded,
      });
    } catch (failure) {
      const error = toApiError(failure);
      const fieldProblems = error.problem.errors ?? [];
      if (error.problem.type.startsWith('/problems/case/') && fieldProblems.length === 0) {
        setErrors(noErrors);
        setRefusal(error);
      } else {
        const aliased = {
          ...error,
          problem: {
            ...error.problem,
            errors: fieldProblems.map((problem) => {
              const last = problem.pointer.split('/').pop() ?? '';
              const alias = pointerAliases[last];
              return alias ? { ...problem, pointer: `/body/${alias}` } : problem;
            }),
          },
        } as ApiError;
        setErrors(problemToFormErrors(aliased, names));
      }
    } finally {
      sendingRef.current = false;
      setSending(false);
    }
  };

  const orgOptions = organisationOptions(organisations.data?.organisations);

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
      <h2 className="heading-m">{label('event', type)}</h2>
      <p className="body">{t(description.intro)}</p>
      {visibleFields(description, answers).map((field) => {
        const { name } = field;
        // What every control says the same way; each kind adds its value and options. `key` stays
        // out of the spread: React wants it named.
        const control = {
          name,
          hint: field.hint ? t(field.hint) : undefined,
          onChange: set(name),
          error: errors.fields[name],
        };
        const legend = t(field.legend);
        const text = answers[name] as string;
        switch (field.kind) {
          case 'date': {
            const optional = typeof field.optional === 'function' ? field.optional(answers) : field.optional;
            return (
              <DateInput
                key={name}
                {...control}
                legend={legend}
                optional={optional}
                value={answers[name] as DateParts}
              />
            );
          }
          case 'choice': {
            const options = field.values.map((value) => ({ value, label: label(field.prefix, value) }));
            if (field.noneLabel) options.push({ value: noneValue, label: t(field.noneLabel) });
            // Radios for a few answers; a list box only where radios would make the page long.
            return options.length <= 7 ? (
              <Radios key={name} {...control} legend={legend} options={options} value={text} />
            ) : (
              <Select
                key={name}
                {...control}
                label={legend}
                placeholder={t('eventField.choosePlaceholder')}
                options={options}
                value={text}
              />
            );
          }
          case 'multi':
            return (
              <Checkboxes
                key={name}
                {...control}
                label={legend}
                options={field.values.map((value) => ({ value, label: label(field.prefix, value) }))}
                values={answers[name] as string[]}
              />
            );
          case 'yesNo':
            return (
              <Radios
                key={name}
                {...control}
                legend={legend}
                options={[
                  { value: 'yes', label: t('answer.yes') },
                  { value: 'no', label: t('answer.no') },
                ]}
                value={text}
              />
            );
          case 'confirm':
            return <Checkbox key={name} {...control} label={legend} checked={answers[name] as boolean} />;
          case 'organisation':
            return (
              <Select
                key={name}
                {...control}
                label={legend}
                placeholder={t('eventField.organisationPlaceholder')}
                options={orgOptions}
                value={text}
              />
            );
          case 'country':
            return (
              <TextInput
                key={name}
                {...control}
                label={legend}
                width="short"
                spellCheck={false}
                value={text}
              />
            );
          case 'recordId':
            return <TextInput key={name} {...control} label={legend} spellCheck={false} value={text} />;
          case 'money': {
            // The amount and the currency are answers of their own, each with its own error.
            const part = (partName: string) => ({
              name: partName,
              value: answers[partName] as string,
              onChange: set(partName),
              error: errors.fields[partName],
            });
            return (
              <fieldset className="fieldset" key={name}>
                <legend className="fieldset__legend">{legend}</legend>
                <TextInput
                  {...part(`${name}.amount`)}
                  label={t('eventField.amount')}
                  hint={t('eventField.amount.hint')}
                  width="medium"
                  inputMode="text"
                />
                <TextInput
                  {...part(`${name}.currency`)}
                  label={t('eventField.currency')}
                  hint={t('eventField.currency.hint')}
                  width="short"
                  spellCheck={false}
                />
              </fieldset>
            );
          }
          default:
            return null;
        }
      })}
      <SubmitButton
        sending={sending}
        secondary={
          <Link className="button button--secondary" href={`${casePath}/record`}>
            {t('addEvent.change')}
          </Link>
        }
      >
        {t('addEvent.submit')}
      </SubmitButton>
    </form>
  );
}
