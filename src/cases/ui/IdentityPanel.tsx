// The person's identity, read through the case (ADR 0023; UX.md §1.1 "show more only when asked").
// Nothing is fetched until the user asks: each read is audited on the server (`person.identity.read`),
// so the page says so. The identity lives only in this component's state and is gone when the user
// hides it or leaves the page; it is never put in the title, the URL or browser storage.

import { useEffect, useRef, useState } from 'react';
import { announce } from '../../web/announcer.js';
import { api, toApiError } from '../../web/api.js';
import { SummaryList, type SummaryRow } from '../../web/components/SummaryList.js';
import { getLanguage, locales, type MessageKey, t } from '../../web/i18n.js';
import { formatDate } from './dates.js';
import { type CaseFile, label } from './types.js';

/** GET /api/cases/:id/identity (persons' IdentityView): contacts only when `contact` is readable. */
export type CaseIdentity = {
  id: string;
  reference: string;
  identity: {
    fullName: string;
    latinName?: string;
    aliases?: string[];
    sex: 'female' | 'male' | 'not_known';
    dateOfBirth?: { year: number; month?: number; day?: number };
    ageEstimate?: number;
    citizenship?: string;
    languages?: string[];
    documents?: { kind: string; number: string; issuingCountry: string }[];
    contacts?: { kind: string; value: string }[];
  };
};

type Reading =
  | { state: 'hidden' }
  | { state: 'loading' }
  | { state: 'shown'; read: CaseIdentity }
  | { state: 'failed'; message: MessageKey };

/** A date of birth as far as it is known: "27 March 2007", "March 2007" or "2007". */
export function formatPartialDate(date: { year: number; month?: number; day?: number }): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  if (date.month !== undefined && date.day !== undefined)
    return formatDate(`${date.year}-${pad(date.month)}-${pad(date.day)}`);
  if (date.month !== undefined)
    return new Intl.DateTimeFormat(locales[getLanguage()], {
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    }).format(Date.UTC(date.year, date.month - 1, 1));
  return String(date.year);
}

/** A name as the person writes it: any script, its own direction, never spell-checked (UX.md §3). */
function Name({ children }: { children: string }) {
  return (
    <bdi dir="auto" spellCheck={false}>
      {children}
    </bdi>
  );
}

function identityRows(read: CaseIdentity): SummaryRow[] {
  const { identity } = read;
  const notProvided = t('identity.notProvided');
  const rows: SummaryRow[] = [
    { key: 'fullName', label: t('identity.fullName'), value: <Name>{identity.fullName}</Name> },
    {
      key: 'latinName',
      label: t('identity.latinName'),
      value: identity.latinName ? <Name>{identity.latinName}</Name> : notProvided,
    },
    {
      key: 'aliases',
      label: t('identity.aliases'),
      value:
        identity.aliases && identity.aliases.length > 0 ? (
          <ul className="list" style={{ paddingLeft: 0, listStyle: 'none', marginBottom: 0 }}>
            {identity.aliases.map((alias) => (
              <li key={alias}>
                <Name>{alias}</Name>
              </li>
            ))}
          </ul>
        ) : (
          notProvided
        ),
    },
    { key: 'sex', label: t('identity.sex'), value: label('newCase.sex', identity.sex) },
    {
      key: 'dateOfBirth',
      label: t('identity.dateOfBirth'),
      value: identity.dateOfBirth ? formatPartialDate(identity.dateOfBirth) : notProvided,
    },
  ];
  if (identity.ageEstimate !== undefined)
    rows.push({
      key: 'ageEstimate',
      label: t('identity.ageEstimate'),
      value: t('identity.ageEstimateValue', { age: identity.ageEstimate }),
    });
  rows.push(
    { key: 'citizenship', label: t('identity.citizenship'), value: identity.citizenship ?? notProvided },
    {
      key: 'languages',
      label: t('identity.languages'),
      value:
        identity.languages && identity.languages.length > 0 ? identity.languages.join(', ') : notProvided,
    },
    {
      key: 'documents',
      label: t('identity.documents'),
      value:
        identity.documents && identity.documents.length > 0 ? (
          <ul className="list" style={{ paddingLeft: 0, listStyle: 'none', marginBottom: 0 }}>
            {identity.documents.map((document) => (
              <li key={`${document.kind}:${document.number}`}>
                {t('identity.document', {
                  kind: label('documentKind', document.kind),
                  number: document.number,
                  country: document.issuingCountry,
                })}
              </li>
            ))}
          </ul>
        ) : (
          notProvided
        ),
    },
  );
  // Contacts come only when the user may read them; their absence says nothing.
  if (identity.contacts && identity.contacts.length > 0)
    rows.push({
      key: 'contacts',
      label: t('identity.contacts'),
      value: (
        <ul className="list" style={{ paddingLeft: 0, listStyle: 'none', marginBottom: 0 }}>
          {identity.contacts.map((contact) => (
            <li key={`${contact.kind}:${contact.value}`}>
              {label('contactKind', contact.kind)}: <bdi dir="auto">{contact.value}</bdi>
            </li>
          ))}
        </ul>
      ),
    });
  rows.push({ key: 'reference', label: t('identity.personReference'), value: read.reference });
  return rows;
}

/** "Show identity", for users who may read the case's `identity` category; nothing otherwise. */
export function IdentityPanel({ caseFile }: { caseFile: CaseFile }) {
  const [reading, setReading] = useState<Reading>({ state: 'hidden' });
  const busy = useRef(false);
  // The button pressed goes away: focus follows to what replaced it, for keyboard and screen reader.
  const recordedLine = useRef<HTMLParagraphElement>(null);
  const showButton = useRef<HTMLButtonElement>(null);
  const moved = useRef(false);
  useEffect(() => {
    if (!moved.current) return;
    if (reading.state === 'shown') recordedLine.current?.focus();
    if (reading.state === 'hidden') showButton.current?.focus();
  }, [reading.state]);
  if (!(caseFile.readableCategories ?? []).includes('identity')) return null;

  const show = async () => {
    if (busy.current) return;
    busy.current = true;
    setReading({ state: 'loading' });
    try {
      const read = await api.get<CaseIdentity>(`/api/cases/${encodeURIComponent(caseFile.id)}/identity`);
      moved.current = true;
      setReading({ state: 'shown', read });
      announce(t('identity.recorded'));
    } catch (failure) {
      const status = toApiError(failure).status;
      const message: MessageKey =
        status === 410 ? 'identity.erased' : status === 403 ? 'identity.refused' : 'identity.failed';
      setReading({ state: 'failed', message });
      announce(t(message));
    } finally {
      busy.current = false;
    }
  };

  return (
    <section aria-labelledby="identity-heading">
      <h2 className="heading-m" id="identity-heading">
        {t('identity.title')}
      </h2>
      <p className="body">{t('identity.intro')}</p>
      {reading.state === 'shown' ? (
        <>
          <p className="body" ref={recordedLine} tabIndex={-1}>
            <strong>{t('identity.recorded')}</strong>
          </p>
          <SummaryList rows={identityRows(reading.read)} />
          <button
            className="button button--secondary"
            type="button"
            onClick={() => {
              moved.current = true;
              setReading({ state: 'hidden' });
            }}
          >
            {t('identity.hide')}
          </button>
        </>
      ) : (
        <>
          {reading.state === 'failed' ? <p className="body">{t(reading.message)}</p> : null}
          <button
            ref={showButton}
            className="button button--secondary"
            type="button"
            aria-disabled={reading.state === 'loading' ? true : undefined}
            onClick={() => void show()}
          >
            {t('identity.show')}
          </button>
          {reading.state === 'loading' ? <p className="body body--small">{t('identity.loading')}</p> : null}
        </>
      )}
    </section>
  );
}
