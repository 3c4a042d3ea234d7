import { type ReactNode, useEffect, useState } from 'react';
import { announce } from '../announcer.js';
import { t } from '../i18n.js';
import type { Resource } from '../resource.js';
import { generalProblemText } from './form-errors.js';
import { renderText } from './text.js';

type AsyncStateProps<T> = {
  resource: Resource<T>;
  /** Whether loaded data counts as empty; `empty` is shown instead of the content. */
  isEmpty?: (data: T) => boolean;
  /** One sentence saying what would appear here, and the next action. */
  empty?: ReactNode;
  children: (data: T) => ReactNode;
};

const loadingDelayMs = 300;

/** The one wrapper for loaded content: error, then loading, then empty, then content (UX.md §2). */
export function AsyncState<T>({ resource, isEmpty, empty, children }: AsyncStateProps<T>) {
  const { data, error, loading, reload } = resource;
  const waiting = loading && data === undefined;
  const [slow, setSlow] = useState(false);

  useEffect(() => {
    if (!waiting) {
      setSlow(false);
      return;
    }
    const timer = setTimeout(() => setSlow(true), loadingDelayMs);
    return () => clearTimeout(timer);
  }, [waiting]);

  useEffect(() => {
    if (error) announce(t('async.errorAnnouncement'));
  }, [error]);

  let content: ReactNode;
  if (error) {
    const canRetry = error.status !== 403 && error.status !== 404;
    content = (
      <div className="panel panel--problem">
        <h2 className="heading-m">{t('async.errorTitle')}</h2>
        <p className="body">{renderText(generalProblemText(error))}</p>
        {canRetry ? (
          <button className="button button--secondary" type="button" onClick={reload}>
            {t('async.tryAgain')}
          </button>
        ) : null}
        {error.problem.requestId ? (
          <p className="body body--small">{t('async.reference', { reference: error.problem.requestId })}</p>
        ) : null}
      </div>
    );
  } else if (data === undefined) {
    content = slow ? <p className="body loading">{t('async.loading')}</p> : null;
  } else if (isEmpty?.(data)) {
    content = empty;
  } else {
    content = children(data);
  }

  return (
    <div className="async-state" aria-busy={loading ? true : undefined}>
      {content}
    </div>
  );
}
