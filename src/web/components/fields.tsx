// Form fields in the GOV.UK shape: label, hint, error message, control. No `required`, no asterisks;
// optional fields say "(optional)". Each control's id is its name, so error summary links can find it.

import type { HTMLInputAutoCompleteAttribute, ReactNode } from 'react';
import { t } from '../i18n.js';
import { renderText, type Text } from './text.js';

type CommonProps = {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: Text | undefined;
  optional?: boolean;
};

/** The ids of a control's hint and error, for aria-describedby. */
export function describedBy(name: string, hint: unknown, error: unknown): string | undefined {
  const ids = [hint ? `${name}-hint` : null, error ? `${name}-error` : null].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

function LabelText({ label, optional }: { label: ReactNode; optional?: boolean | undefined }) {
  return (
    <>
      {label}
      {optional ? ` ${t('form.optional')}` : null}
    </>
  );
}

function Hint({ name, hint }: { name: string; hint: ReactNode }) {
  return hint ? (
    <div className="hint" id={`${name}-hint`}>
      {hint}
    </div>
  ) : null;
}

export function FieldError({ name, error }: { name: string; error: Text | undefined }) {
  return error ? (
    <p className="error-message" id={`${name}-error`}>
      <span className="visually-hidden">{t('form.errorPrefix')} </span>
      {renderText(error)}
    </p>
  ) : null;
}

type TextInputProps = CommonProps & {
  value: string;
  onChange: (value: string) => void;
  type?: 'text' | 'email' | 'password' | 'tel';
  autoComplete?: HTMLInputAutoCompleteAttribute;
  spellCheck?: boolean;
  inputMode?: 'text' | 'numeric' | 'email' | 'tel';
  width?: 'full' | 'medium' | 'short';
};

export function TextInput({
  name,
  label,
  hint,
  error,
  optional,
  value,
  onChange,
  type = 'text',
  autoComplete = 'off',
  spellCheck,
  inputMode,
  width = 'full',
}: TextInputProps) {
  return (
    <div className={error ? 'form-group form-group--error' : 'form-group'}>
      <label className="label" htmlFor={name}>
        <LabelText label={label} optional={optional} />
      </label>
      <Hint name={name} hint={hint} />
      <FieldError name={name} error={error} />
      <input
        className={`input input--${width}${error ? ' input--error' : ''}`}
        id={name}
        name={name}
        type={type}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        autoComplete={autoComplete}
        spellCheck={spellCheck}
        inputMode={inputMode}
        aria-describedby={describedBy(name, hint, error)}
        aria-invalid={error ? true : undefined}
      />
    </div>
  );
}

export type Option = { value: string; label: string };

type SelectProps = CommonProps & {
  value: string;
  onChange: (value: string) => void;
  options: readonly Option[];
  /** The first, empty choice, e.g. "Choose a region". */
  placeholder: string;
};

export function Select({
  name,
  label,
  hint,
  error,
  optional,
  value,
  onChange,
  options,
  placeholder,
}: SelectProps) {
  return (
    <div className={error ? 'form-group form-group--error' : 'form-group'}>
      <label className="label" htmlFor={name}>
        <LabelText label={label} optional={optional} />
      </label>
      <Hint name={name} hint={hint} />
      <FieldError name={name} error={error} />
      <select
        className={error ? 'select select--error' : 'select'}
        id={name}
        name={name}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-describedby={describedBy(name, hint, error)}
        aria-invalid={error ? true : undefined}
      >
        <option value="">{placeholder}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

type CheckboxesProps = CommonProps & {
  values: readonly string[];
  onChange: (values: string[]) => void;
  options: readonly Option[];
};

/** A group of checkboxes sharing one name; the first box has the group's id for error links. */
export function Checkboxes({
  name,
  label,
  hint,
  error,
  optional,
  values,
  onChange,
  options,
}: CheckboxesProps) {
  const toggle = (value: string, checked: boolean) => {
    const next = checked ? [...values, value] : values.filter((existing) => existing !== value);
    onChange(options.map((option) => option.value).filter((option) => next.includes(option)));
  };
  return (
    <div className={error ? 'form-group form-group--error' : 'form-group'}>
      <fieldset className="fieldset" aria-describedby={describedBy(name, hint, error)}>
        <legend className="fieldset__legend">
          <LabelText label={label} optional={optional} />
        </legend>
        <Hint name={name} hint={hint} />
        <FieldError name={name} error={error} />
        <div className="checkboxes">
          {options.map((option, index) => {
            const id = index === 0 ? name : `${name}-${option.value}`;
            return (
              <div className="checkboxes__item" key={option.value}>
                <input
                  className="checkboxes__input"
                  id={id}
                  name={name}
                  type="checkbox"
                  value={option.value}
                  checked={values.includes(option.value)}
                  onChange={(event) => toggle(option.value, event.target.checked)}
                />
                <label className="checkboxes__label" htmlFor={id}>
                  {option.label}
                </label>
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}

type CheckboxProps = {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: Text | undefined;
  checked: boolean;
  onChange: (checked: boolean) => void;
};

/** A single yes/no checkbox. */
export function Checkbox({ name, label, hint, error, checked, onChange }: CheckboxProps) {
  return (
    <div className={error ? 'form-group form-group--error' : 'form-group'}>
      <FieldError name={name} error={error} />
      <div className="checkboxes__item">
        <input
          className="checkboxes__input"
          id={name}
          name={name}
          type="checkbox"
          checked={checked}
          onChange={(event) => onChange(event.target.checked)}
          aria-describedby={describedBy(name, hint, error)}
        />
        <label className="checkboxes__label" htmlFor={name}>
          {label}
        </label>
        <Hint name={name} hint={hint} />
      </div>
    </div>
  );
}

type SubmitButtonProps = { children: ReactNode; sending?: boolean; secondary?: ReactNode };

/** The form's main button. While sending it stays focusable and says so, rather than disappearing. */
export function SubmitButton({ children, sending = false, secondary }: SubmitButtonProps) {
  return (
    <div className="button-group">
      <button className="button" type="submit" aria-disabled={sending ? true : undefined}>
        {children}
      </button>
      {secondary}
      {sending ? <span className="sending">{t('form.sending')}</span> : null}
    </div>
  );
}
