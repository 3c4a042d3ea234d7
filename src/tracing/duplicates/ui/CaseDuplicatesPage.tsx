import { useRef, useState } from 'react';
import { api, toApiError } from '../../../web/api.js';
import { AsyncState } from '../../../web/components/AsyncState.js';
import { SuccessBanner } from '../../../web/components/Banner.js';
import { ErrorSummary } from '../../../web/components/ErrorSummary.js';
import { generalProblemText } from '../../../web/components/form-errors.js';
import { Page } from '../../../web/components/Page.js';
import { SummaryList } from '../../../web/components/SummaryList.js';
import type { Text } from '../../../web/components/text.js';
import { formatDateTime, formatNumber, t } from '../../../web/i18n.js';
import { useApi } from '../../../web/resource.js';
import { getFlash, Link, usePathname } from '../../../web/router.js';
import { can, useSession } from '../../../web/session.js';
import { likelihoodBand } from '../../register/ui/types.js';
import type { DuplicatePair, PersonsCount } from './types.js';

/** The persons count: figures only, marked as not yet disclosure-controlled. */
function PersonsCountSection({ count }: { count: ReturnType<typeof useApi<PersonsCount>> }) {
  return (
    <section aria-labelledby="persons-count-title">
      <h2 className="heading-l" id="persons-count-title">
        {t('dedup.count.title')}
      </h2>
      <AsyncState resource={count}>
        {(loaded) => (
          <>
            <p className="body">
              <strong>{t('dedup.count.summary', { cases: loaded.cases, persons: loaded.persons })}</strong>
            </p>
            <SummaryList
              rows={[
                { key: 'persons', label: t('dedup.count.persons'), value: formatNumber(loaded.persons) },
                { key: 'cases', label: t('dedup.count.cases'), value: formatNumber(loaded.cases) },
                {
                  key: 'links',
                  label: t('dedup.count.confirmedLinks'),
                  value: formatNumber(loaded.confirmedLinks),
                },
                {
                  key: 'open',
                  label: t('dedup.count.openCandidates'),
                  value: formatNumber(loaded.openCandidates),
                },
                {
                  key: 'rejected',
                  label: t('dedup.count.rejectedCandidates'),
                  value: formatNumber(loaded.rejectedCandidates),
                },
                {
                  key: 'last-run',
                  label: t('dedup.count.lastRun'),
                  value: loaded.lastRunAt ? formatDateTime(loaded.lastRunAt) : t('dedup.count.neverRun'),
                },
              ]}
            />
            <p className="hint">{t('dedup.count.notDisclosureControlled')}</p>
            <p className="hint">{t('dedup.count.restricted')}</p>
          </>
        )}
      </AsyncState>
    </section>
  );
}

/** Starts a run over every case; the answer is figures only. */
function RunSection({ onDone }: { onDone: (message: Text) => void }) {
  const [searching, setSearching] = useState(false);
  const [failure, setFailure] = useState<Text | null>(null);
  const searchingRef = useRef(false);
  const start = async () => {
    if (searchingRef.current) return;
    searchingRef.current = true;
    setSearching(true);
    setFailure(null);
    try {
      const figures = await api.post<{ cases: number; proposed: number }>('/api/case-duplicates/runs', {});
      onDone({ key: 'dedup.run.done', params: { cases: figures.cases, proposed: figures.proposed } });
    } catch (error) {
      setFailure(generalProblemText(toApiError(error)));
    } finally {
      searchingRef.current = false;
      setSearching(false);
    }
  };
  return (
    <section aria-labelledby="run-title">
      <h2 className="heading-l" id="run-title">
        {t('dedup.run.title')}
      </h2>
      <p className="body">{t('dedup.run.intro')}</p>
      {failure ? <ErrorSummary items={[{ message: failure }]} /> : null}
      <div className="button-group">
        <button
          className="button button--secondary"
          type="button"
          disabled={searching}
          aria-disabled={searching}
          onClick={() => void start()}
        >
          {t('dedup.run.start')}
        </button>
        {searching ? (
          <span className="sending" role="status">
            {t('form.sending')}
          </span>
        ) : null}
      </div>
    </section>
  );
}

const sideText = (side: DuplicatePair['left']) => side.reference;

/** The pairs waiting for this reviewer, the most likely first; each case by its reference. */
function ReviewList({ pairs }: { pairs: ReturnType<typeof useApi<{ candidates: DuplicatePair[] }>> }) {
  return (
    <section aria-labelledby="pairs-title">
      <h2 className="heading-l" id="pairs-title">
        {t('dedup.list.title')}
      </h2>
      <p className="body">{t('dedup.list.intro')}</p>
      <AsyncState
        resource={pairs}
        isEmpty={({ candidates }) => candidates.length === 0}
        empty={<p className="body">{t('dedup.list.empty')}</p>}
      >
        {({ candidates }) => (
          <table className="table">
            <caption className="table__caption">
              {t('dedup.list.count', { count: candidates.length })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('dedup.list.column.first')}</th>
                <th scope="col">{t('dedup.list.column.second')}</th>
                <th scope="col">{t('dedup.list.column.likelihood')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('dedup.list.column.action')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {candidates.map((pair) => (
                <tr key={pair.id}>
                  <td>{sideText(pair.left)}</td>
                  <td>{sideText(pair.right)}</td>
                  <td>{likelihoodBand(pair.probability)}</td>
                  <td>
                    <Link href={`/case-duplicates/${encodeURIComponent(pair.id)}`}>
                      {t('dedup.list.review')}
                      <span className="visually-hidden">
                        {' '}
                        {t('dedup.list.pair', { first: sideText(pair.left), second: sideText(pair.right) })}
                      </span>
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </AsyncState>
    </section>
  );
}

/**
 * Duplicate cases: the persons count (national rapporteur and co-ordinator), the run (co-ordinator)
 * and the pairs to review (reviewers of either case's organisation). Each part shows only for the
 * permission it needs; the server checks every request again.
 */
export function CaseDuplicatesPage() {
  const session = useSession();
  const pathname = usePathname();
  const mayCount = can(session, 'case-duplicate.statistics');
  const mayRun = can(session, 'case-duplicate.search');
  const mayReview = can(session, 'case-duplicate.view');
  const count = useApi<PersonsCount>(mayCount ? '/api/case-duplicates/persons-count' : null);
  const pairs = useApi<{ candidates: DuplicatePair[] }>(mayReview ? '/api/case-duplicates' : null);
  const [message, setMessage] = useState<Text | null>(null);
  const onRunDone = (done: Text) => {
    setMessage(done);
    if (mayCount) count.reload();
    if (mayReview) pairs.reload();
  };
  return (
    <Page title={t('dedup.title')} before={<SuccessBanner message={message ?? getFlash(pathname)} />}>
      <p className="body">{t('dedup.intro')}</p>
      {!mayCount && !mayRun && !mayReview ? <p className="body">{t('dedup.noAccess')}</p> : null}
      {mayCount ? <PersonsCountSection count={count} /> : null}
      {mayRun ? <RunSection onDone={onRunDone} /> : null}
      {mayReview ? <ReviewList pairs={pairs} /> : null}
    </Page>
  );
}
