import { AsyncState } from '../../web/components/AsyncState.js';
import { Page } from '../../web/components/Page.js';
import { t } from '../../web/i18n.js';
import { useApi } from '../../web/resource.js';
import { Link } from '../../web/router.js';
import { dueText, formatDateWithRelative } from './dates.js';
import { type DashboardDeadline, type DashboardGroup, dashboardGroups, label } from './types.js';

/** The deadlines dashboard (UX.md §2.5): grouped by when they are due, by case reference, never a name. */
export function DeadlinesPage() {
  const deadlines = useApi<{ deadlines: DashboardDeadline[] }>('/api/deadlines');
  return (
    <Page title={t('deadlines.title')}>
      <p className="body">{t('deadlines.intro')}</p>
      <AsyncState resource={deadlines}>{({ deadlines: all }) => <Groups deadlines={all} />}</AsyncState>
    </Page>
  );
}

function Groups({ deadlines }: { deadlines: readonly DashboardDeadline[] }) {
  const grouped = new Map<DashboardGroup, DashboardDeadline[]>(dashboardGroups.map((group) => [group, []]));
  for (const deadline of deadlines) grouped.get(deadline.group)?.push(deadline);
  const soon = deadlines.filter((deadline) => deadline.group !== 'later').length;
  const groupName = (group: DashboardGroup) => label('deadlines.group', group);

  return (
    <>
      <nav aria-label={t('deadlines.counts')}>
        <ul className="list">
          {dashboardGroups.map((group) => {
            const count = grouped.get(group)?.length ?? 0;
            const text = t('deadlines.groupCount', { group: groupName(group), count });
            return <li key={group}>{count > 0 ? <a href={`#deadlines-${group}`}>{text}</a> : text}</li>;
          })}
        </ul>
      </nav>
      {soon === 0 ? <p className="body">{t('deadlines.empty')}</p> : null}
      {dashboardGroups.map((group) => {
        const rows = grouped.get(group) ?? [];
        if (rows.length === 0) return null;
        return (
          <section key={group} aria-labelledby={`deadlines-${group}`}>
            <h2 className="heading-m" id={`deadlines-${group}`} tabIndex={-1}>
              {t('deadlines.groupCount', { group: groupName(group), count: rows.length })}
            </h2>
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('deadlines.column.date')}</th>
                  <th scope="col">{t('deadlines.column.kind')}</th>
                  <th scope="col">{t('deadlines.column.case')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((deadline) => (
                  <tr key={`${deadline.caseId}:${deadline.kind}:${deadline.dueOn}:${deadline.reason}`}>
                    <td>
                      {formatDateWithRelative(deadline.dueOn)}
                      {deadline.status === 'overdue' ? (
                        <>
                          <br />
                          <strong className="tag">{dueText(deadline.dueOn)}</strong>
                        </>
                      ) : null}
                    </td>
                    <td>{label('deadlineKind', deadline.kind)}</td>
                    <td>
                      <Link href={`/cases/${encodeURIComponent(deadline.caseId)}`}>
                        {deadline.caseReference}
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        );
      })}
    </>
  );
}
