import { type FormEvent, useState } from 'react';
import { formatDate } from '../../../cases/ui/dates.js';
import { AsyncState } from '../../../web/components/AsyncState.js';
import { SuccessBanner } from '../../../web/components/Banner.js';
import { Select } from '../../../web/components/fields.js';
import { Page } from '../../../web/components/Page.js';
import { t } from '../../../web/i18n.js';
import { useApi } from '../../../web/resource.js';
import { getFlash, Link, usePathname } from '../../../web/router.js';
import { can, useSession } from '../../../web/session.js';
import { type MissingPersonReport, type ReportStatus, reportStatuses, statusLabel } from './types.js';

type Filters = { status: ReportStatus | ''; child: '' | 'true' | 'false' };

function filtersFromUrl(): Filters {
  const query = new URLSearchParams(window.location.search);
  const status = query.get('status') ?? '';
  const child = query.get('child') ?? '';
  return {
    status: (reportStatuses as readonly string[]).includes(status) ? (status as ReportStatus) : '',
    child: child === 'true' || child === 'false' ? child : '',
  };
}

const queryOf = (filters: Filters) => {
  const query = new URLSearchParams();
  if (filters.status) query.set('status', filters.status);
  if (filters.child) query.set('child', filters.child);
  const text = query.toString();
  return text ? `?${text}` : '';
};

/** The register: reports by reference only, never a name (UX.md §1, §5). */
export function RegisterPage() {
  const session = useSession();
  const pathname = usePathname();
  const [filters, setFilters] = useState<Filters>(filtersFromUrl);
  const [chosen, setChosen] = useState<Filters>(filters);
  const list = useApi<{ reports: MissingPersonReport[] }>(`/api/missing-person-reports${queryOf(filters)}`);

  const apply = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setFilters(chosen);
    window.history.replaceState(null, '', `/missing-persons${queryOf(chosen)}`);
  };
  const filtered = filters.status !== '' || filters.child !== '';

  return (
    <Page title={t('tracing.register.title')} before={<SuccessBanner message={getFlash(pathname)} />}>
      <p className="body">{t('tracing.register.intro')}</p>
      <div className="button-group">
        {can(session, 'missing-person.report') ? (
          <Link className="button button--secondary" href="/missing-persons/new">
            {t('tracing.register.file')}
          </Link>
        ) : null}
        {can(session, 'match.review') ? (
          <Link className="button button--secondary" href="/match-candidates">
            {t('tracing.register.review')}
          </Link>
        ) : null}
      </div>
      <form className="form" noValidate onSubmit={apply}>
        <Select
          name="status"
          label={t('tracing.register.filter.status')}
          placeholder={t('tracing.register.filter.allStatuses')}
          options={reportStatuses.map((value) => ({ value, label: statusLabel(value) }))}
          value={chosen.status}
          onChange={(value) => setChosen({ ...chosen, status: value as ReportStatus | '' })}
        />
        <Select
          name="child"
          label={t('tracing.register.filter.child')}
          placeholder={t('tracing.register.filter.childOrAdult')}
          options={[
            { value: 'true', label: t('tracing.register.filter.childOnly') },
            { value: 'false', label: t('tracing.register.filter.adultOnly') },
          ]}
          value={chosen.child}
          onChange={(value) => setChosen({ ...chosen, child: value as Filters['child'] })}
        />
        <div className="button-group">
          <button className="button button--secondary" type="submit">
            {t('tracing.register.filter.apply')}
          </button>
        </div>
      </form>
      <AsyncState
        resource={list}
        isEmpty={({ reports }) => reports.length === 0}
        empty={
          <p className="body">
            {filtered ? t('tracing.register.emptyFiltered') : t('tracing.register.empty')}
          </p>
        }
      >
        {({ reports }) => (
          <table className="table">
            <caption className="table__caption">
              {t('tracing.register.count', { count: reports.length })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('tracing.column.reference')}</th>
                <th scope="col">{t('tracing.column.status')}</th>
                <th scope="col">{t('tracing.column.child')}</th>
                <th scope="col">{t('tracing.column.unaccompanied')}</th>
                <th scope="col">{t('tracing.column.reportedOn')}</th>
              </tr>
            </thead>
            <tbody>
              {reports.map((report) => (
                <tr key={report.id}>
                  <td>
                    <Link href={`/missing-persons/${encodeURIComponent(report.id)}`}>{report.reference}</Link>
                  </td>
                  <td>
                    <strong className="tag">{statusLabel(report.status)}</strong>
                  </td>
                  <td>{report.isChild ? t('tracing.child.yes') : t('tracing.child.no')}</td>
                  <td>{report.unaccompaniedOrSeparated ? t('tracing.yes') : t('tracing.no')}</td>
                  <td>{formatDate(report.reportedOn)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </AsyncState>
    </Page>
  );
}
