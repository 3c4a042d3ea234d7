import { useRef, useState } from 'react';
import { announce } from '../../web/announcer.js';
import { type ApiError, api, toApiError } from '../../web/api.js';
import { AsyncState } from '../../web/components/AsyncState.js';
import { generalProblemText } from '../../web/components/form-errors.js';
import { Page } from '../../web/components/Page.js';
import { renderText } from '../../web/components/text.js';
import { formatDateTime, formatNumber, type MessageKey, t } from '../../web/i18n.js';
import { permissions } from '../../web/permissions.js';
import { useApi } from '../../web/resource.js';
import { can, useSession } from '../../web/session.js';
import type { AuditEntry, AuditPage as AuditPageData, ChainVerification } from './types.js';

const pageSize = 50;

/** The audit log, newest first, with "Show older entries" and a check of the hash chain. */
export function AuditPage() {
  const session = useSession();
  const first = useApi<AuditPageData>(`/api/audit?limit=${pageSize}`);

  return (
    <Page title={t('audit.title')}>
      <p className="body">{t('audit.intro')}</p>
      {can(session, permissions.verifyAudit) ? <ChainCheck /> : null}
      <AsyncState
        resource={first}
        isEmpty={({ entries }) => entries.length === 0}
        empty={<p className="body">{t('audit.empty')}</p>}
      >
        {(loaded) => <AuditEntries first={loaded} />}
      </AsyncState>
    </Page>
  );
}

function AuditEntries({ first }: { first: AuditPageData }) {
  const [older, setOlder] = useState<AuditEntry[]>([]);
  const [nextBefore, setNextBefore] = useState<number | null>(first.nextBefore);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const endRef = useRef<HTMLParagraphElement>(null);
  const entries = [...first.entries, ...older];

  const showOlder = async () => {
    if (loading || nextBefore === null) return;
    setLoading(true);
    setError(null);
    try {
      const page = await api.get<AuditPageData>(`/api/audit?limit=${pageSize}&before=${nextBefore}`);
      setOlder((current) => [...current, ...page.entries]);
      setNextBefore(page.nextBefore);
      announce(t('audit.olderLoaded', { count: page.entries.length }));
      if (page.nextBefore === null) setTimeout(() => endRef.current?.focus(), 0);
    } catch (failure) {
      const apiError = toApiError(failure);
      setError(apiError);
      announce(renderText(generalProblemText(apiError)));
    } finally {
      setLoading(false);
    }
  };

  return (
    <>
      <table className="table table--audit">
        <caption className="table__caption">{t('audit.count', { count: entries.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('audit.column.seq')}</th>
            <th scope="col">{t('audit.column.occurredAt')}</th>
            <th scope="col">{t('audit.column.actor')}</th>
            <th scope="col">{t('audit.column.action')}</th>
            <th scope="col">{t('audit.column.subject')}</th>
            <th scope="col">{t('audit.column.outcome')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.seq}>
              <td className="table__numeric">{formatNumber(entry.seq)}</td>
              <td>{formatDateTime(entry.occurredAt)}</td>
              <td>{actorText(entry)}</td>
              <td>
                <code className="code">{entry.action}</code>
              </td>
              <td>
                {entry.subjectType ? (
                  <>
                    {entry.subjectType}
                    {entry.subjectId ? (
                      <>
                        {' '}
                        <code className="code">{entry.subjectId}</code>
                      </>
                    ) : null}
                  </>
                ) : (
                  <span className="not-provided">{t('audit.noSubject')}</span>
                )}
              </td>
              <td>
                <span className={entry.outcome === 'success' ? 'tag' : 'tag tag--grey'}>
                  {outcomeText(entry.outcome)}
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {error ? <p className="body panel panel--problem">{renderText(generalProblemText(error))}</p> : null}
      {nextBefore !== null ? (
        <div className="button-group" aria-busy={loading ? true : undefined}>
          <button className="button button--secondary" type="button" onClick={() => void showOlder()}>
            {t('audit.showOlder')}
          </button>
          {loading ? <span className="sending">{t('async.loading')}</span> : null}
        </div>
      ) : (
        <p className="body" ref={endRef} tabIndex={-1}>
          {t('audit.allShown')}
        </p>
      )}
    </>
  );
}

function actorText(entry: AuditEntry): string {
  if (entry.actorLabel) return entry.actorLabel;
  const key = `audit.actorKind.${entry.actorKind}`;
  return isMessageKey(key) ? t(key) : entry.actorKind;
}

function outcomeText(outcome: string): string {
  const key = `audit.outcome.${outcome}`;
  return isMessageKey(key) ? t(key) : outcome;
}

const knownKeys = new Set<string>([
  'audit.actorKind.user',
  'audit.actorKind.system',
  'audit.actorKind.anonymous',
  'audit.outcome.success',
  'audit.outcome.denied',
  'audit.outcome.failure',
]);

function isMessageKey(key: string): key is MessageKey {
  return knownKeys.has(key);
}

function ChainCheck() {
  const [result, setResult] = useState<ChainVerification | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [checking, setChecking] = useState(false);

  const check = async () => {
    if (checking) return;
    setChecking(true);
    setError(null);
    setResult(null);
    try {
      const verification = await api.get<ChainVerification>('/api/audit/verification');
      setResult(verification);
      announce(verificationText(verification));
    } catch (failure) {
      const apiError = toApiError(failure);
      setError(apiError);
      announce(renderText(generalProblemText(apiError)));
    } finally {
      setChecking(false);
    }
  };

  return (
    <section className="chain-check" aria-labelledby="chain-check-title">
      <h2 className="heading-m" id="chain-check-title">
        {t('audit.chain.title')}
      </h2>
      <p className="body">{t('audit.chain.explanation')}</p>
      <div className="button-group" aria-busy={checking ? true : undefined}>
        <button className="button button--secondary" type="button" onClick={() => void check()}>
          {t('audit.chain.check')}
        </button>
        {checking ? <span className="sending">{t('audit.chain.checking')}</span> : null}
      </div>
      {result ? (
        <p
          className={
            result.valid ? 'body chain-check__result' : 'body chain-check__result chain-check__result--broken'
          }
        >
          {verificationText(result)}
        </p>
      ) : null}
      {error ? <p className="body panel panel--problem">{renderText(generalProblemText(error))}</p> : null}
    </section>
  );
}

function verificationText(verification: ChainVerification): string {
  const entries = entryCount(verification.entries);
  if (verification.valid) return t('audit.chain.valid', { count: entries });
  return t('audit.chain.broken', {
    count: entries,
    seq: verification.firstBadSeq,
    reason: verification.reason,
  });
}

/** The server reports how many entries it checked; accept a list too. */
function entryCount(entries: unknown): number {
  if (typeof entries === 'number') return entries;
  return Array.isArray(entries) ? entries.length : 0;
}
