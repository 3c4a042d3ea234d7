import { type FormEvent, useRef, useState } from 'react';
import { Radios } from '../../cases/ui/fields.js';
import { api, toApiError } from '../../web/api.js';
import { AsyncState } from '../../web/components/AsyncState.js';
import { SuccessBanner } from '../../web/components/Banner.js';
import { ErrorSummary } from '../../web/components/ErrorSummary.js';
import { SubmitButton, TextInput } from '../../web/components/fields.js';
import { errorsInPageOrder } from '../../web/components/form-checks.js';
import { type FormErrors, noErrors, problemToFormErrors } from '../../web/components/form-errors.js';
import { Page } from '../../web/components/Page.js';
import { SummaryList } from '../../web/components/SummaryList.js';
import type { Text } from '../../web/components/text.js';
import { t } from '../../web/i18n.js';
import { permissions } from '../../web/permissions.js';
import { useApi } from '../../web/resource.js';
import { getFlash, Link, navigate, usePathname } from '../../web/router.js';
import { can, useSession } from '../../web/session.js';
import { elements, formatDate, type Intake, inLanguage, label, type Screening } from './types.js';

// The explained result of a screening (UX §2.1): never a score; which indicators of act, means and
// purpose drove it, in plain words, the next step, and "This is not an identification decision".
// A presumed victim is one click from a case: only a name and sex are asked (002 l. 1260).

function ScreeningResult({ screening }: { screening: Screening }) {
  return (
    <>
      <div className="panel">
        <h2 className="heading-m">{t('intake.result')}</h2>
        <p className="body-l">
          <strong>{label('screeningResult', screening.result)}</strong>
        </p>
        <p className="body">{label('screenedAs', screening.screenedAs)}</p>
      </div>
      <h2 className="heading-m">{t('intake.whyHeading')}</h2>
      <p className="body">{inLanguage(screening.explanation)}</p>
      <h2 className="heading-m">{t('intake.indicatorsHeading')}</h2>
      {elements.map((element) => (
        <section key={element} aria-labelledby={`element-${element}`}>
          <h3 className="heading-s" id={`element-${element}`}>
            {label('element', element)}
          </h3>
          {screening.indicators[element].length === 0 ? (
            <p className="body">{t('element.none')}</p>
          ) : (
            <ul className="list">
              {screening.indicators[element].map((indicator) => (
                <li key={`${indicator.questionId}-${indicator.optionId ?? ''}`}>
                  {inLanguage(indicator.text)}{' '}
                  <span className="tag tag--grey">{label('strength', indicator.strength)}</span>
                  {indicator.certainty === 'unsure' ? (
                    <span className="tag tag--grey">{t('certainty.unsure')}</span>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
        </section>
      ))}
      {screening.forms.length > 0 ? (
        <>
          <h2 className="heading-m">{t('intake.formsHeading')}</h2>
          <ul className="list">
            {screening.forms.map((form) => (
              <li key={form}>{label('screenedForm', form)}</li>
            ))}
          </ul>
        </>
      ) : null}
      <h2 className="heading-m">{t('intake.nextStepHeading')}</h2>
      <p className="body">{label('nextStep', screening.nextStep)}</p>
      <p className="body body--small">
        {t('intake.questionnaire', {
          setId: screening.setId,
          version: screening.setVersion,
          date: formatDate(screening.screenedOn),
        })}
      </p>
    </>
  );
}

function OpenCaseForm({ intake, presumed }: { intake: Intake; presumed: boolean }) {
  const [fullName, setFullName] = useState('');
  const [sex, setSex] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [sending, setSending] = useState(false);
  const sendingRef = useRef(false);
  const fieldNames = ['fullName', 'sex'];

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (sendingRef.current) return;
    const found: Record<string, Text> = {};
    if (fullName.trim() === '') found.fullName = { key: 'intake.error.fullName' };
    if (sex === '') found.sex = { key: 'intake.error.sex' };
    const checked = errorsInPageOrder(fieldNames, found);
    if (checked.summary.length > 0) {
      setErrors(checked);
      return;
    }
    sendingRef.current = true;
    setSending(true);
    try {
      const opened = await api.post<{ caseId: string; caseReference: string }>(
        `/api/intakes/${encodeURIComponent(intake.id)}/case`,
        {
          identity: { fullName: fullName.trim(), sex },
          basis: presumed ? 'screening' : 'professional_judgement',
        },
      );
      navigate(`/cases/${encodeURIComponent(opened.caseId)}`, {
        flash: { key: 'intake.caseOpened', params: { reference: opened.caseReference } },
      });
    } catch (failure) {
      setErrors(problemToFormErrors(toApiError(failure), fieldNames));
    } finally {
      sendingRef.current = false;
      setSending(false);
    }
  };

  return (
    <section aria-labelledby="open-case">
      <h2 className="heading-m" id="open-case">
        {t('intake.openCaseHeading')}
      </h2>
      <ErrorSummary items={errors.summary} />
      <p className="body">{presumed ? t('intake.openCaseIntro') : t('intake.openCaseJudgement')}</p>
      <form className="form" noValidate autoComplete="off" onSubmit={(event) => void submit(event)}>
        <TextInput
          name="fullName"
          label={t('intake.fullName')}
          hint={t('intake.fullNameHint')}
          value={fullName}
          onChange={setFullName}
          spellCheck={false}
          error={errors.fields.fullName}
        />
        <Radios
          name="sex"
          legend={t('intake.sex')}
          hint={t('intake.sexHint')}
          options={[
            { value: 'female', label: t('intake.sex.female') },
            { value: 'male', label: t('intake.sex.male') },
            { value: 'not_known', label: t('intake.sex.not_known') },
          ]}
          value={sex}
          onChange={setSex}
          error={errors.fields.sex}
        />
        <SubmitButton sending={sending}>{t('intake.openCase')}</SubmitButton>
      </form>
    </section>
  );
}

export function IntakePage({ intakeId }: { intakeId: string }) {
  const session = useSession();
  const pathname = usePathname();
  const intake = useApi<Intake>(`/api/intakes/${encodeURIComponent(intakeId)}`);

  return (
    <Page
      title={t('intake.title')}
      caption={t('intake.caption')}
      before={
        <>
          <Link className="back-link" href="/intakes">
            {t('intake.backToList')}
          </Link>
          <SuccessBanner message={getFlash(pathname)} />
        </>
      }
    >
      <div style={{ maxWidth: '40rem' }}>
        <AsyncState resource={intake}>
          {(loaded) => {
            const latest = loaded.screenings.at(-1);
            const mayConvert =
              loaded.caseId === null &&
              latest !== undefined &&
              loaded.allowedActions.includes('intake.convert') &&
              can(session, permissions.openCase);
            return (
              <>
                <SummaryList
                  rows={[
                    {
                      key: 'channel',
                      label: t('intake.channel'),
                      value: label('intakeChannel', loaded.channel),
                    },
                    {
                      key: 'receivedOn',
                      label: t('intake.receivedOn'),
                      value: formatDate(loaded.receivedOn),
                    },
                    {
                      key: 'selfIdentified',
                      label: t('intake.selfIdentified'),
                      value: loaded.selfIdentified ? t('intake.yes') : t('intake.no'),
                    },
                    {
                      key: 'months',
                      label: t('intake.monthsInCountry'),
                      value:
                        loaded.monthsInCountry === null
                          ? t('intake.notKnown')
                          : String(loaded.monthsInCountry),
                    },
                  ]}
                />
                {latest ? (
                  <ScreeningResult screening={latest} />
                ) : (
                  <p className="body">{t('intake.noScreening')}</p>
                )}
                {loaded.screenings.length > 1 ? (
                  <section aria-labelledby="earlier-screenings">
                    <h2 className="heading-m" id="earlier-screenings">
                      {t('intake.earlierHeading')}
                    </h2>
                    <ul className="list">
                      {loaded.screenings.slice(0, -1).map((earlier) => (
                        <li key={earlier.seq}>
                          {t('intake.earlierItem', {
                            date: formatDate(earlier.screenedOn),
                            result: label('screeningResult', earlier.result),
                          })}
                        </li>
                      ))}
                    </ul>
                  </section>
                ) : null}
                {loaded.caseId ? (
                  <p className="body">
                    {t('intake.converted')}{' '}
                    <Link href={`/cases/${encodeURIComponent(loaded.caseId)}`}>{t('intake.goToCase')}</Link>
                  </p>
                ) : null}
                {mayConvert ? (
                  <OpenCaseForm intake={loaded} presumed={latest.result === 'presumed_victim'} />
                ) : null}
              </>
            );
          }}
        </AsyncState>
      </div>
    </Page>
  );
}
