import { AsyncState } from '../../../web/components/AsyncState.js';
import { SuccessBanner } from '../../../web/components/Banner.js';
import { Page } from '../../../web/components/Page.js';
import { t } from '../../../web/i18n.js';
import { useApi } from '../../../web/resource.js';
import { getFlash, Link, usePathname } from '../../../web/router.js';
import { type Candidate, likelihoodBand } from './types.js';

/** The review queue: open candidate matches this reviewer may decide, the most likely first. */
export function ReviewQueuePage() {
  const pathname = usePathname();
  const queue = useApi<{ candidates: Candidate[] }>('/api/match-candidates');
  return (
    <Page title={t('tracing.review.title')} before={<SuccessBanner message={getFlash(pathname)} />}>
      <p className="body">{t('tracing.review.intro')}</p>
      <AsyncState
        resource={queue}
        isEmpty={({ candidates }) => candidates.length === 0}
        empty={<p className="body">{t('tracing.review.empty')}</p>}
      >
        {({ candidates }) => (
          <table className="table">
            <caption className="table__caption">
              {t('tracing.review.count', { count: candidates.length })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('tracing.review.column.report')}</th>
                <th scope="col">{t('tracing.review.column.other')}</th>
                <th scope="col">{t('tracing.review.column.likelihood')}</th>
              </tr>
            </thead>
            <tbody>
              {candidates.map((candidate) => (
                <tr key={candidate.id}>
                  <td>
                    <Link href={`/match-candidates/${encodeURIComponent(candidate.id)}`}>
                      {candidate.reportReference}
                    </Link>
                  </td>
                  <td>
                    {t(`tracing.candidates.kind.${candidate.otherKind}`)} {candidate.otherReference}
                  </td>
                  <td>{likelihoodBand(candidate.probability)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </AsyncState>
    </Page>
  );
}
