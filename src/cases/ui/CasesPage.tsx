import { type FormEvent, useState } from 'react';
import { AsyncState } from '../../web/components/AsyncState.js';
import { SuccessBanner } from '../../web/components/Banner.js';
import { Select } from '../../web/components/fields.js';
import { Page } from '../../web/components/Page.js';
import { t } from '../../web/i18n.js';
import { permissions } from '../../web/permissions.js';
import { useApi } from '../../web/resource.js';
import { getFlash, Link, usePathname } from '../../web/router.js';
import { can, useSession } from '../../web/session.js';
import { formatDate, formatDateWithRelative } from './dates.js';
import { type CaseList, type CaseStage, caseStages, label } from './types.js';

function stageFromUrl(): CaseStage | '' {
  const stage = new URLSearchParams(window.location.search).get('stage') ?? '';
  return (caseStages as readonly string[]).includes(stage) ? (stage as CaseStage) : '';
}

type ChildFilter = '' | 'true' | 'false';

function childFromUrl(): ChildFilter {
  const child = new URLSearchParams(window.location.search).get('presumedChild') ?? '';
  return child === 'true' || child === 'false' ? child : '';
}

/** The list's query string: only the filters chosen. */
function casesQuery(stage: CaseStage | '', child: ChildFilter): string {
  const query = new URLSearchParams();
  if (stage) query.set('stage', stage);
  if (child) query.set('presumedChild', child);
  const text = query.toString();
  return text ? `?${text}` : '';
}

/** The case list: by reference only, never a name (UX.md §1, §5). */
export function CasesPage() {
  const session = useSession();
  const pathname = usePathname();
  const [stage, setStage] = useState<CaseStage | ''>(stageFromUrl);
  const [chosen, setChosen] = useState<CaseStage | ''>(stage);
  const [child, setChild] = useState<ChildFilter>(childFromUrl);
  const [chosenChild, setChosenChild] = useState<ChildFilter>(child);
  const list = useApi<CaseList>(`/api/cases${casesQuery(stage, child)}`);
  const mayOpen = can(session, permissions.openCase);

  const apply = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setStage(chosen);
    setChild(chosenChild);
    window.history.replaceState(null, '', `/cases${casesQuery(chosen, chosenChild)}`);
  };

  const stageOptions = caseStages.map((value) => ({ value, label: label('caseStage', value) }));

  return (
    <Page title={t('cases.title')} before={<SuccessBanner message={getFlash(pathname)} />}>
      <p className="body">{t('cases.intro')}</p>
      {mayOpen ? (
        <Link className="button button--secondary" href="/cases/new">
          {t('cases.open')}
        </Link>
      ) : null}
      <form className="form" noValidate onSubmit={apply}>
        <Select
          name="stage"
          label={t('cases.filter.stage')}
          placeholder={t('cases.filter.allStages')}
          options={stageOptions}
          value={chosen}
          onChange={(value) => setChosen(value as CaseStage | '')}
        />
        <Select
          name="presumedChild"
          label={t('cases.filter.child')}
          placeholder={t('cases.filter.allPeople')}
          options={[
            { value: 'true', label: t('cases.filter.children') },
            { value: 'false', label: t('cases.filter.adults') },
          ]}
          value={chosenChild}
          onChange={(value) => setChosenChild(value as ChildFilter)}
        />
        <div className="button-group">
          <button className="button button--secondary" type="submit">
            {t('cases.filter.apply')}
          </button>
        </div>
      </form>
      <AsyncState
        resource={list}
        isEmpty={({ cases }) => cases.length === 0}
        empty={
          <p className="body">
            {child ? t('cases.emptyFilters') : stage ? t('cases.emptyFiltered') : t('cases.empty')}
          </p>
        }
      >
        {({ cases }) => (
          <table className="table">
            <caption className="table__caption">{t('cases.count', { count: cases.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('cases.column.reference')}</th>
                <th scope="col">{t('cases.column.stage')}</th>
                <th scope="col">{t('cases.column.child')}</th>
                <th scope="col">{t('cases.column.openedOn')}</th>
                <th scope="col">{t('cases.column.nextDeadline')}</th>
              </tr>
            </thead>
            <tbody>
              {cases.map((caseFile) => (
                <tr key={caseFile.id}>
                  <td>
                    <Link href={`/cases/${encodeURIComponent(caseFile.id)}`}>{caseFile.reference}</Link>
                  </td>
                  <td>
                    <strong className="tag">{label('caseStage', caseFile.stage)}</strong>
                  </td>
                  <td>{caseFile.presumedChild ? t('cases.child.yes') : t('cases.child.no')}</td>
                  <td>{formatDate(caseFile.openedOn)}</td>
                  <td>
                    {caseFile.nextDeadline ? (
                      <>
                        {label('deadlineKind', caseFile.nextDeadline.kind)}
                        <br />
                        {formatDateWithRelative(caseFile.nextDeadline.dueOn)}
                      </>
                    ) : (
                      t('cases.noDeadline')
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </AsyncState>
    </Page>
  );
}
