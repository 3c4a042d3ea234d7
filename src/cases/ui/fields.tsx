// The fields the case screens need beyond the shared ones: radios and a three-part date (UX.md §3).
// No `required`; each group's first control has the group's name as id, so error links find it.

import { type ReactNode, useEffect } from 'react';
import { describedBy, FieldError, type Option } from '../../web/components/fields.js';
import type { Text } from '../../web/components/text.js';
import { t } from '../../web/i18n.js';
import type { DateParts } from './dates.js';

type GroupProps = {
  name: string;
  legend: ReactNode;
  hint?: ReactNode;
  error?: Text | undefined;
  optional?: boolean;
};

function Legend({ legend, optional }: { legend: ReactNode; optional?: boolean | undefined }) {
  return (
    <legend className="fieldset__legend">
      {legend}
      {optional ? ` ${t('form.optional')}` : null}
    </legend>
  );
}

function Hint({ name, hint }: { name: string; hint: ReactNode }) {
  return hint ? (
    <div className="hint" id={`${name}-hint`}>
      {hint}
    </div>
  ) : null;
}

/** A question answered with several controls: the legend, hint and error sit once above them all. */
function FieldsetGroup({
  name,
  legend,
  hint,
  error,
  optional,
  children,
}: GroupProps & { children: ReactNode }) {
  return (
    <div className={error ? 'form-group form-group--error' : 'form-group'}>
      <fieldset className="fieldset" aria-describedby={describedBy(name, hint, error)}>
        <Legend legend={legend} optional={optional} />
        <Hint name={name} hint={hint} />
        <FieldError name={name} error={error} />
        {children}
      </fieldset>
    </div>
  );
}

type RadiosProps = GroupProps & {
  value: string;
  onChange: (value: string) => void;
  options: readonly Option[];
};

/** One answer from a few, with nothing chosen until the user chooses. */
export function Radios({ name, legend, hint, error, optional, value, onChange, options }: RadiosProps) {
  return (
    <FieldsetGroup name={name} legend={legend} hint={hint} error={error} optional={optional}>
      <div className="checkboxes">
        {options.map((option, index) => {
          const id = index === 0 ? name : `${name}-${option.value}`;
          return (
            <div className="checkboxes__item" key={option.value}>
              <input
                className="checkboxes__input"
                id={id}
                name={name}
                type="radio"
                value={option.value}
                checked={value === option.value}
                onChange={() => onChange(option.value)}
              />
              <label className="checkboxes__label" htmlFor={id}>
                {option.label}
              </label>
            </div>
          );
        })}
      </div>
    </FieldsetGroup>
  );
}

type DateInputProps = GroupProps & {
  value: DateParts;
  onChange: (value: DateParts) => void;
};

/** Day, month and year in three fields; the cursor never moves between them by itself. */
export function DateInput({ name, legend, hint, error, optional, value, onChange }: DateInputProps) {
  const part = (key: keyof DateParts, id: string, labelText: string, width: string) => (
    <div className="date-input__item" style={{ display: 'inline-block', marginRight: '1.25rem' }}>
      <label className="label" htmlFor={id}>
        {labelText}
      </label>
      <input
        className={`input input--short${error ? ' input--error' : ''}`}
        style={{ width }}
        id={id}
        name={id}
        type="text"
        inputMode={key === 'month' ? 'text' : 'numeric'}
        autoComplete="off"
        spellCheck={false}
        value={value[key]}
        onChange={(event) => onChange({ ...value, [key]: event.target.value })}
        aria-invalid={error ? true : undefined}
      />
    </div>
  );
  return (
    <FieldsetGroup name={name} legend={legend} hint={hint} error={error} optional={optional}>
      <div className="date-input">
        {part('day', name, t('dateInput.day'), '3.5em')}
        {part('month', `${name}-month`, t('dateInput.month'), '6em')}
        {part('year', `${name}-year`, t('dateInput.year'), '5em')}
      </div>
    </FieldsetGroup>
  );
}

type TextAreaProps = GroupProps & {
  value: string;
  onChange: (value: string) => void;
  rows?: number;
};

/** Free text in the user's own words: a label, a hint, and never spell-checked names sent elsewhere. */
export function TextArea({ name, legend, hint, error, optional, value, onChange, rows = 5 }: TextAreaProps) {
  return (
    <div className={error ? 'form-group form-group--error' : 'form-group'}>
      <label className="label" htmlFor={name}>
        {legend}
        {optional ? ` ${t('form.optional')}` : null}
      </label>
      <Hint name={name} hint={hint} />
      <FieldError name={name} error={error} />
      <textarea
        className={`input input--full${error ? ' input--error' : ''}`}
        id={name}
        name={name}
        rows={rows}
        autoComplete="off"
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-describedby={describedBy(name, hint, error)}
        aria-invalid={error ? true : undefined}
      />
    </div>
  );
}

/**
 * "Error: " before the page title while a form on the page shows errors (UX.md §3), for forms that
 * sit inside a page whose <Page> does not know about them (the case workspace's sections).
 */
export function useErrorTitle(hasErrors: boolean): void {
  useEffect(() => {
    if (!hasErrors) return;
    const previous = document.title;
    document.title = t('title.withError', { title: previous });
    return () => {
      document.title = previous;
    };
  }, [hasErrors]);
}
