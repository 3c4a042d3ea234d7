import { type FormEvent, useState } from 'react';
import { formatDate } from '../../../cases/ui/dates.js';
import { announce } from '../../../web/announcer.js';
import { api, toApiError } from '../../../web/api.js';
import { AsyncState } from '../../../web/components/AsyncState.js';
import { SuccessBanner } from '../../../web/components/Banner.js';
import { ErrorSummary } from '../../../web/components/ErrorSummary.js';
import { Select, SubmitButton } from '../../../web/components/fields.js';
import { type FormErrors, noErrors, problemToFormErrors } from '../../../web/components/form-errors.js';
import { Page } from '../../../web/components/Page.js';
import { SummaryList } from '../../../web/components/SummaryList.js';
import { t } from '../../../web/i18n.js';
import { useApi } from '../../../web/resource.js';
import { getFlash, Link, usePathname } from '../../../web/router.js';
import { can, useSession } from '../../../web/session.js';
import {
  basisLabel,
  type Candidate,
  explanation,
  likelihoodBand,
  type MissingPersonDetails,
  type ReportPageData,
  type ReportStatus,
  reportStatuses,
  statusLabel,
} from './types.js';

const notProvided = () => <span className="hint">{t('tracing.report.notProvided')}</span>;
const nameText = (given?: string, family?: string) => [given, family].filter(Boolean).join(' ');

function Details({ reportId }: { reportId: string }) {
  const details = useApi<{ person: MissingPersonDetails }>(`/api/missing-person-reports/${reportId}/details`);
  return (
    <AsyncState resource={details}>
      {({ person }) => {
        const birth = person.dateOfBirth;
        const born = birth
          ? [birth.day, birth.month, birth.year].filter((part) => part !== undefined).join('.')
          : '';
        const original = nameText(person.givenName, person.familyName);
        const latin = nameText(person.givenNameLatin, person.familyNameLatin);
        const lastSeen = [person.lastSeenOn ? formatDate(person.lastSeenOn) : '', person.lastSeenPlace ?? '']
          .filter(Boolean)
          .join(', ');
        const text = (value: string | undefined) => (value ? <span dir="auto">{value}</span> : notProvided());
        return (
          <SummaryList
            rows={[
              { key: 'name', label: t('tracing.report.name'), value: text(original) },
              { key: 'latin', label: t('tracing.report.nameLatin'), value: text(latin) },
              { key: 'aliases', label: t('tracing.field.aliases'), value: text(person.aliases?.join(', ')) },
              {
                key: 'sex',
                label: t('tracing.field.name.sex'),
                value: t(`tracing.sex.${person.sex}`),
              },
              { key: 'born', label: t('tracing.field.dateOfBirth'), value: text(born) },
              {
                key: 'age',
                label: t('tracing.field.ageEstimate'),
                value: text(person.ageEstimate === undefined ? undefined : String(person.ageEstimate)),
              },
              { key: 'citizenship', label: t('tracing.field.citizenship'), value: text(person.citizenship) },
              {
                key: 'placeOfBirth',
                label: t('tracing.field.placeOfBirth'),
                value: text(person.placeOfBirth),
              },
              {
                key: 'parents',
                label: t('tracing.field.parentNames'),
                value: text(person.parentNames?.join(', ')),
              },
              {
                key: 'languages',
                label: t('tracing.field.languages'),
                value: text(person.languages?.join(', ')),
              },
              { key: 'lastSeen', label: t('tracing.report.lastSeen'), value: text(lastSeen) },
              {
                key: 'circumstances',
                label: t('tracing.field.circumstances'),
                value: text(person.circumstances),
              },
              {
                key: 'features',
                label: t('tracing.field.distinguishingFeatures'),
                value: text(person.distinguishingFeatures),
              },
            ]}
          />
        );
      }}
    </AsyncState>
  );
}

function StatusForm({
  report,
  onChanged,
}: {
  report: ReportPageData;
  onChanged: (report: ReportPageData) => void;
}) {
  const [status, setStatus] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [sending, setSending] = useState(false);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (status === '') return;
    setSending(true);
    try {
      const changed = await api.post<ReportPageData>(`/api/missing-person-reports/${report.id}/status`, {
        status,
      });
      onChanged({ ...report, ...changed });
      setErrors(noErrors);
      setStatus('');
      announce(t('tracing.report.statusSaved', { status: statusLabel(changed.status) }));
    } catch (failure) {
      setErrors(problemToFormErrors(toApiError(failure), ['status']));
    } finally {
      setSending(false);
    }
  };
  return (
    <form className="form" noValidate onSubmit={(event) => void submit(event)}>
      <h2 className="heading-m">{t('tracing.report.changeStatus')}</h2>
      <ErrorSummary items={errors.summary} />
      <Select
        name="status"
        label={t('tracing.report.newStatus')}
        placeholder={t('tracing.report.chooseStatus')}
        options={reportStatuses
          .filter((value) => value !== report.status)
          .map((value) => ({ value, label: statusLabel(value as ReportStatus) }))}
        value={status}
        onChange={setStatus}
        error={errors.fields.status}
      />
      <SubmitButton sending={sending}>{t('tracing.report.saveStatus')}</SubmitButton>
    </form>
  );
}

function Candidates({ report }: { report: ReportPageData }) {
  const candidates = useApi<{ candidates: Candidate[] }>(
    `/api/missing-person-reports/${report.id}/candidates`,
  );
  const [searching, setSearching] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const searchAgain = async () => {
    setSearching(true);
    try {
      const figures = await api.post<{ proposed: number }>(
        `/api/missing-person-reports/${report.id}/candidates/refresh`,
      );
      const text = t('tracing.candidates.refreshed', { count: figures.proposed });
      setMessage(text);
      announce(text);
      candidates.reload();
    } finally {
      setSearching(false);
    }
  };
  return (
    <section aria-labelledby="candidates-title">
      <h2 className="heading-l" id="candidates-title">
        {t('tracing.candidates.title')}
      </h2>
      <p className="body">{t('tracing.candidates.intro')}</p>
      {report.allowedActions.includes('missing-person.find-candidates') ? (
        <div className="button-group">
          <button className="button button--secondary" type="button" onClick={() => void searchAgain()}>
            {t('tracing.candidates.refresh')}
          </button>
          {searching ? <span className="sending">{t('form.sending')}</span> : null}
        </div>
      ) : null}
      {message ? <p className="body">{message}</p> : null}
      <AsyncState
        resource={candidates}
        isEmpty={(data) => data.candidates.length === 0}
        empty={<p className="body">{t('tracing.candidates.empty')}</p>}
      >
        {(data) => (
          <ul className="list">
            {data.candidates.map((candidate) => (
              <li key={candidate.id} className="candidate">
                <h3 className="heading-s">
                  {t(`tracing.candidates.kind.${candidate.otherKind}`)} {candidate.otherReference}
                </h3>
                <p className="body">
                  <strong className="tag">{likelihoodBand(candidate.probability)}</strong>{' '}
                  <strong className="tag">{t(`tracing.candidate.status.${candidate.status}`)}</strong>
                </p>
                <ul className="list list--bullet">
                  {candidate.comparison.map((comparison) => (
                    <li key={comparison.field}>{explanation(comparison)}</li>
                  ))}
                </ul>
                {candidate.namesSwapped ? <p className="body">{t('tracing.namesSwapped')}</p> : null}
                <p className="body">
                  <Link href={`/match-candidates/${encodeURIComponent(candidate.id)}`}>
                    {t('tracing.candidates.review')}
                    <span className="visually-hidden"> {candidate.otherReference}</span>
                  </Link>
                </p>
              </li>
            ))}
          </ul>
        )}
      </AsyncState>
    </section>
  );
}

/** A report: its pseudonymous record, its details for those who may read them, and its possible matches. */
export function ReportPage({ reportId }: { reportId: string }) {
  const session = useSession();
  const pathname = usePathname();
  const report = useApi<ReportPageData>(`/api/missing-person-reports/${encodeURIComponent(reportId)}`);
  const title = report.data?.reference ?? t('tracing.report.caption');
  return (
    <Page
      title={title}
      caption={t('tracing.report.caption')}
      before={
        <>
          <Link className="back-link" href="/missing-persons">
            {t('tracing.new.back')}
          </Link>
          <SuccessBanner message={getFlash(pathname)} />
        </>
      }
    >
      <AsyncState resource={report}>
        {(loaded) => (
          <>
            <h2 className="heading-m">{t('tracing.report.summary')}</h2>
            <SummaryList
              rows={[
                { key: 'status', label: t('tracing.report.status'), value: statusLabel(loaded.status) },
                {
                  key: 'reportedOn',
                  label: t('tracing.report.reportedOn'),
                  value: formatDate(loaded.reportedOn),
                },
                {
                  key: 'country',
                  label: t('tracing.report.reportingCountry'),
                  value: loaded.reportingCountry,
                },
                {
                  key: 'child',
                  label: t('tracing.report.child'),
                  value: loaded.isChild ? t('tracing.yes') : t('tracing.no'),
                },
                {
                  key: 'unaccompanied',
                  label: t('tracing.report.unaccompanied'),
                  value: loaded.unaccompaniedOrSeparated ? t('tracing.yes') : t('tracing.no'),
                },
                {
                  key: 'basis',
                  label: t('tracing.report.basis'),
                  value: loaded.legalBasisReference
                    ? `${basisLabel(loaded.tracingBasis)}: ${loaded.legalBasisReference}`
                    : basisLabel(loaded.tracingBasis),
                },
              ]}
            />
            {loaded.links.length > 0 ? (
              <p className="body">
                <strong className="tag">{t('tracing.report.links', { count: loaded.links.length })}</strong>
              </p>
            ) : null}
            <h2 className="heading-m">{t('tracing.report.details')}</h2>
            {loaded.identityReadable ? (
              <Details reportId={loaded.id} />
            ) : (
              <p className="body">{t('tracing.report.detailsHidden')}</p>
            )}
            {loaded.allowedActions.includes('missing-person.update-status') ? (
              <StatusForm report={loaded} onChanged={report.update} />
            ) : null}
            {can(session, 'match.view') ? <Candidates report={loaded} /> : null}
          </>
        )}
      </AsyncState>
    </Page>
  );
}
