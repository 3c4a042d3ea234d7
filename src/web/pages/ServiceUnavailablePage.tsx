import type { ApiError } from '../api.js';
import { Page } from '../components/Page.js';
import { t } from '../i18n.js';

/** Palermo could not be reached at all (the session check failed for another reason than "signed out"). */
export function ServiceUnavailablePage({ error, onRetry }: { error: ApiError; onRetry: () => void }) {
  return (
    <Page title={t('unavailable.title')}>
      <p className="body">{t(error.status === 0 ? 'error.network' : 'unavailable.body')}</p>
      <button className="button button--secondary" type="button" onClick={onRetry}>
        {t('async.tryAgain')}
      </button>
      {error.problem.requestId ? (
        <p className="body body--small">{t('async.reference', { reference: error.problem.requestId })}</p>
      ) : null}
    </Page>
  );
}
