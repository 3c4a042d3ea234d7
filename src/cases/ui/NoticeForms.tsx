// Flagging and lifting a restricted notice (002 l. 827: "a flagged person shows only their number to
// everyone but the designated restricted-notice officer"; ADR 0023). The owner's staff flag it and
// designate the officer; only that officer lifts it. Each is a page of its own, not a dialog.
//
// The officer is chosen from the active restricted-notice officers (`/api/restricted-notice-officers`:
// names and ids only); the server still refuses anyone who is not an active officer.

import { type FormEvent, useRef, useState } from 'react';
import { api, toApiError } from '../../web/api.js';
import { ErrorSummary } from '../../web/components/ErrorSummary.js';
import { Select, SubmitButton } from '../../web/components/fields.js';
import { errorsInPageOrder } from '../../web/components/form-checks.js';
import { type FormErrors, noErrors, problemToFormErrors } from '../../web/components/form-errors.js';
import type { Text } from '../../web/components/text.js';
import { t } from '../../web/i18n.js';
import { useApi } from '../../web/resource.js';
import { Link, navigate } from '../../web/router.js';
import { type DateParts, isEmptyDate, todayParts, toIsoDate } from './dates.js';
import { DateInput, useErrorTitle } from './fields.js';
import type { CaseFile } from './types.js';

export function FlagNoticeForm({ caseFile, onDone }: { caseFile: CaseFile; onDone: () => void }) {
  const [officerId, setOfficerId] = useState('');
  const officers = useApi<{ officers: { id: string; displayName: string }[] }>(
    '/api/restricted-notice-officers',
  );
  const [flaggedOn, setFlaggedOn] = useState<DateParts>(todayParts());
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [sending, setSending] = useState(false);
  const sendingRef = useRef(false);
  const casePath = `/cases/${encodeURIComponent(caseFile.id)}`;
  const order = ['designatedOfficerId', 'flaggedOn'] as const;
  useErrorTitle(errors.summary.length > 0);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (sendingRef.current) return;
    const officer = officerId.trim();
    const date = isEmptyDate(flaggedOn) ? null : toIsoDate(flaggedOn);
    const problems: Partial<Record<(typeof order)[number], Text>> = {};
    if (!officer) problems.designatedOfficerId = { key: 'notice.error.officer' };
    if (!date) problems.flaggedOn = { key: 'notice.error.flaggedOn' };
    if (Object.keys(problems).length > 0) {
      setErrors(errorsInPageOrder(order, problems));
      return;
    }
    sendingRef.current = true;
    setSending(true);
    try {
      await api.post(`/api/cases/${encodeURIComponent(caseFile.id)}/restricted-notice`, {
        designatedOfficerId: officer.toLowerCase(),
        flaggedOn: date,
      });
      onDone();
      navigate(casePath, { flash: { key: 'notice.flagged' } });
    } catch (failure) {
      const error = toApiError(failure);
      const type = error.problem.type;
      if (type === '/problems/restricted-notice/officer-not-designable')
        setErrors(
          errorsInPageOrder(order, { designatedOfficerId: { key: 'notice.error.officerNotDesignable' } }),
        );
      else if (type === '/problems/restricted-notice/date-in-future')
        setErrors(errorsInPageOrder(order, { flaggedOn: { key: 'notice.error.flaggedOn' } }));
      else if (type === '/problems/restricted-notice/already-flagged')
        setErrors({ summary: [{ message: { key: 'notice.error.alreadyFlagged' } }], fields: {} });
      else setErrors(problemToFormErrors(error, order));
    } finally {
      sendingRef.current = false;
      setSending(false);
    }
  };

  return (
    <form className="form" noValidate onSubmit={(event) => void submit(event)}>
      <ErrorSummary items={errors.summary} />
      <h2 className="heading-m">{t('notice.flagTitle')}</h2>
      <p className="body">{t('notice.flagIntro')}</p>
      <Select
        name="designatedOfficerId"
        label={t('notice.officer')}
        hint={t('notice.officerHint')}
        placeholder={t('notice.officerPlaceholder')}
        options={(officers.data?.officers ?? []).map((entry) => ({
          value: entry.id,
          label: entry.displayName,
        }))}
        value={officerId}
        onChange={setOfficerId}
        error={errors.fields.designatedOfficerId}
      />
      <DateInput
        name="flaggedOn"
        legend={t('notice.flaggedOn')}
        hint={t('notice.flaggedOnHint')}
        value={flaggedOn}
        onChange={setFlaggedOn}
        error={errors.fields.flaggedOn}
      />
      <SubmitButton
        sending={sending}
        secondary={
          <Link className="button button--secondary" href={casePath}>
            {t('consent.cancel')}
          </Link>
        }
      >
        {t('notice.flagSubmit')}
      </SubmitButton>
    </form>
  );
}

export function LiftNoticeForm({ caseFile, onDone }: { caseFile: CaseFile; onDone: () => void }) {
  const [liftedOn, setLiftedOn] = useState<DateParts>(todayParts());
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [sending, setSending] = useState(false);
  const sendingRef = useRef(false);
  const casePath = `/cases/${encodeURIComponent(caseFile.id)}`;
  useErrorTitle(errors.summary.length > 0);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (sendingRef.current) return;
    const date = isEmptyDate(liftedOn) ? null : toIsoDate(liftedOn);
    if (!date) {
      setErrors(errorsInPageOrder(['liftedOn'], { liftedOn: { key: 'notice.error.liftedOn' } }));
      return;
    }
    sendingRef.current = true;
    setSending(true);
    try {
      await api.post(`/api/cases/${encodeURIComponent(caseFile.id)}/restricted-notice/lift`, {
        liftedOn: date,
      });
      onDone();
      navigate(casePath, { flash: { key: 'notice.lifted' } });
    } catch (failure) {
      const error = toApiError(failure);
      if (error.problem.type === '/problems/restricted-notice/lift-date')
        setErrors(errorsInPageOrder(['liftedOn'], { liftedOn: { key: 'notice.error.liftedOn' } }));
      else if (error.status === 404)
        setErrors({ summary: [{ message: { key: 'notice.error.none' } }], fields: {} });
      else setErrors(problemToFormErrors(error, ['liftedOn']));
    } finally {
      sendingRef.current = false;
      setSending(false);
    }
  };

  return (
    <form className="form" noValidate onSubmit={(event) => void submit(event)}>
      <ErrorSummary items={errors.summary} />
      <h2 className="heading-m">{t('notice.liftTitle')}</h2>
      <p className="body">{t('notice.liftIntro')}</p>
      <DateInput
        name="liftedOn"
        legend={t('notice.liftedOn')}
        hint={t('notice.liftedOnHint')}
        value={liftedOn}
        onChange={setLiftedOn}
        error={errors.fields.liftedOn}
      />
      <SubmitButton
        sending={sending}
        secondary={
          <Link className="button button--secondary" href={casePath}>
            {t('consent.cancel')}
          </Link>
        }
      >
        {t('notice.liftSubmit')}
      </SubmitButton>
    </form>
  );
}
