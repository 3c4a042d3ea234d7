import { type FormEvent, useRef, useState } from 'react';
import { api, toApiError } from '../../web/api.js';
import { AsyncState } from '../../web/components/AsyncState.js';
import { SuccessBanner } from '../../web/components/Banner.js';
import { ErrorSummary } from '../../web/components/ErrorSummary.js';
import { FieldError, SubmitButton } from '../../web/components/fields.js';
import {
  type FormErrors,
  fieldError,
  noErrors,
  problemToFormErrors,
} from '../../web/components/form-errors.js';
import { Page } from '../../web/components/Page.js';
import { t } from '../../web/i18n.js';
import { permissions } from '../../web/permissions.js';
import { useApi } from '../../web/resource.js';
import { getFlash, Link, navigate, usePathname } from '../../web/router.js';
import { can, useSession } from '../../web/session.js';
import {
  formatDate,
  type Indicator,
  inLanguage,
  label,
  type PublishedSet,
  type SetSummary,
} from './types.js';

// Questionnaire sets as versioned data (decision 0015): every version ever published is listed; a
// set is changed by publishing a new version from an existing one, never by editing it.

const versionPath = (id: string, version: number) => `/questionnaires/${encodeURIComponent(id)}/${version}`;

export function QuestionnairesPage() {
  const pathname = usePathname();
  const list = useApi<{ sets: SetSummary[] }>('/api/questionnaires');
  return (
    <Page title={t('questionnaires.title')} before={<SuccessBanner message={getFlash(pathname)} />}>
      <p className="body">{t('questionnaires.intro')}</p>
      <AsyncState resource={list}>
        {({ sets }) => (
          <ul className="card-list">
            {sets.map((set) => (
              <li className="card" key={`${set.id}-${set.version}`}>
                <h2 className="heading-s card__title">
                  <Link href={versionPath(set.id, set.version)}>{inLanguage(set.title)}</Link>
                </h2>
                <p className="body">
                  {t('questionnaires.version', { version: set.version })} ·{' '}
                  {t('questionnaires.questionCount', { count: set.questionCount })}
                </p>
                <strong className="tag">{label('questionnaires.audience', set.audience)}</strong>
                {set.latest ? <strong className="tag tag--grey">{t('questionnaires.latest')}</strong> : null}
                {set.builtin ? <span className="tag tag--grey">{t('questionnaires.builtin')}</span> : null}
              </li>
            ))}
          </ul>
        )}
      </AsyncState>
    </Page>
  );
}

const indicatorText = (indicator: Indicator | undefined) =>
  indicator
    ? t('questionnaires.indicatorTag', {
        element: label('element', indicator.element),
        strength: label('strength', indicator.strength),
      })
    : t('questionnaires.noIndicator');

function NewVersionForm({ published }: { published: PublishedSet }) {
  const [definition, setDefinition] = useState(() =>
    JSON.stringify({ ...published.set, version: published.set.version + 1 }, null, 2),
  );
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [sending, setSending] = useState(false);
  const sendingRef = useRef(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (sendingRef.current) return;
    let set: { id: string; version: number };
    try {
      set = JSON.parse(definition);
    } catch {
      setErrors(fieldError('definition', { key: 'questionnaires.error.json' }));
      return;
    }
    sendingRef.current = true;
    setSending(true);
    try {
      await api.post('/api/questionnaires', { set });
      navigate(versionPath(set.id, set.version), {
        flash: { key: 'questionnaires.published', params: { version: set.version } },
      });
    } catch (failure) {
      // Every problem in the definition names its place in it; show them all against the field.
      const mapped = problemToFormErrors(toApiError(failure), []);
      const summary = mapped.summary.map((item) => ({ ...item, field: 'definition' }));
      setErrors({ summary, fields: summary[0] ? { definition: summary[0].message } : {} });
    } finally {
      sendingRef.current = false;
      setSending(false);
    }
  };

  return (
    <section aria-labelledby="new-version">
      <h2 className="heading-m" id="new-version">
        {t('questionnaires.newVersion')}
      </h2>
      <ErrorSummary items={errors.summary} />
      <form className="form" noValidate onSubmit={(event) => void submit(event)}>
        <div className={errors.fields.definition ? 'form-group form-group--error' : 'form-group'}>
          <label className="label" htmlFor="definition">
            {t('questionnaires.definition')}
          </label>
          <div className="hint" id="definition-hint">
            {t('questionnaires.newVersionHint')}
          </div>
          <FieldError name="definition" error={errors.fields.definition} />
          <textarea
            className="input input--full"
            id="definition"
            name="definition"
            rows={16}
            spellCheck={false}
            style={{ fontFamily: 'monospace', width: '100%', boxSizing: 'border-box' }}
            value={definition}
            onChange={(event) => setDefinition(event.target.value)}
            aria-describedby={
              errors.fields.definition ? 'definition-hint definition-error' : 'definition-hint'
            }
          />
        </div>
        <SubmitButton sending={sending}>{t('questionnaires.publish')}</SubmitButton>
      </form>
    </section>
  );
}

export function QuestionnairePage({ setId, version }: { setId: string; version: string }) {
  const session = useSession();
  const pathname = usePathname();
  const published = useApi<PublishedSet>(
    `/api/questionnaires/${encodeURIComponent(setId)}/versions/${encodeURIComponent(version)}`,
  );
  return (
    <Page
      title={t('questionnaires.title')}
      before={
        <>
          <Link className="back-link" href="/questionnaires">
            {t('questionnaires.backToList')}
          </Link>
          <SuccessBanner message={getFlash(pathname)} />
        </>
      }
    >
      <AsyncState resource={published}>
        {(loaded) => (
          <div style={{ maxWidth: '40rem' }}>
            <h2 className="heading-m">{inLanguage(loaded.set.title)}</h2>
            <p className="body">
              {t('questionnaires.version', { version: loaded.set.version })} ·{' '}
              {formatDate(loaded.publishedAt.slice(0, 10))}
            </p>
            {loaded.set.sections.map((section) => (
              <section key={section.id} aria-labelledby={`section-${section.id}`}>
                <h3 className="heading-s" id={`section-${section.id}`}>
                  {inLanguage(section.title)}
                </h3>
                <ol className="list list--number">
                  {section.questions.map((question) => (
                    <li key={question.id}>
                      {inLanguage(question.text)}{' '}
                      {question.kind === 'yes_no_unsure' ? (
                        <span className="tag tag--grey">{indicatorText(question.indicator)}</span>
                      ) : null}
                      {question.options?.some((option) => option.indicator) ? (
                        <ul className="list">
                          {question.options.map((option) => (
                            <li key={option.id}>
                              {inLanguage(option.text)}{' '}
                              <span className="tag tag--grey">{indicatorText(option.indicator)}</span>
                            </li>
                          ))}
                        </ul>
                      ) : null}
                    </li>
                  ))}
                </ol>
              </section>
            ))}
            {loaded.latest && can(session, permissions.publishQuestionnaire) ? (
              <NewVersionForm key={`${loaded.set.id}@${loaded.set.version}`} published={loaded} />
            ) : null}
          </div>
        )}
      </AsyncState>
    </Page>
  );
}
