import { type MouseEvent, useEffect, useRef } from 'react';
import { t } from '../i18n.js';
import { renderText, type Text } from './text.js';

export type ErrorItem = { field?: string; message: Text };

/** "There is a problem": focused when it appears; each item links to its field. */
export function ErrorSummary({ items }: { items: readonly ErrorItem[] }) {
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (items.length > 0) ref.current?.focus();
  }, [items]);

  if (items.length === 0) return null;

  const focusField = (event: MouseEvent<HTMLAnchorElement>, field: string) => {
    const input = document.getElementById(field);
    if (!input) return;
    event.preventDefault();
    const group = input.closest('fieldset, .form-group');
    (group ?? input).scrollIntoView({ block: 'start' });
    input.focus({ preventScroll: true });
  };

  return (
    <div className="error-summary" ref={ref} tabIndex={-1} role="alert" aria-labelledby="error-summary-title">
      <h2 className="error-summary__title" id="error-summary-title">
        {t('form.errorSummary.title')}
      </h2>
      <ul className="error-summary__list">
        {items.map((item) => {
          const message = renderText(item.message);
          const field = item.field;
          return (
            <li key={`${field ?? ''}:${message}`}>
              {field ? (
                <a href={`#${field}`} onClick={(event) => focusField(event, field)}>
                  {message}
                </a>
              ) : (
                message
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
