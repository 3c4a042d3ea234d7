// Transferring a case (issue 3 acceptance 6: "Transfer of ownership is a separate, explicit act";
// ADR 0024): only to an organisation that accepted a referral of the case, so the list offers those
// alone — read from the referrals of the case (GET /api/cases/:id/referrals) — and the server checks again.

import { type FormEvent, useRef, useState } from 'react';
import { api, toApiError } from '../../web/api.js';
import { AsyncState } from '../../web/components/AsyncState.js';
import { ErrorSummary } from '../../web/components/ErrorSummary.js';
import { Select, SubmitButton } from '../../web/components/fields.js';
import { type FormErrors, noErrors, problemToFormErrors } from '../../web/components/form-errors.js';
import type { Text } from '../../web/components/text.js';
import { compareText, t } from '../../web/i18n.js';
import { useApi } from '../../web/resource.js';
import { Link, navigate } from '../../web/router.js';
import { TextArea, useErrorTitle } from './fields.js';
import { organisationName, useOrganisations } from './organisations.js';
import type { CaseFile } from './types.js';

/** A referral as GET /api/cases/:id/referrals shows it (consent-referral.routes.ts). */
type CaseReferral = { id: string; status: string; toOrganisationId: string };

/** The organisations a case may go to: those holding an accepted referral of it, once each. */
export function transferCandidates(referrals: readonly CaseReferral[]): string[] {
  return [
    ...new Set(
      referrals
        .filter((referral) => referral.status === 'accepted')
        .map((referral) => referral.toOrganisationId),
    ),
  ];
}

const order = ['toOrganisationId', 'reason'] as const;
type Field = (typeof order)[number];

const refusals: Record<string, { field: Field | null; message: Text }> = {
  '/problems/case/transfer-no-accepted-referral': {
    field: 'toOrganisationId',
    message: { key: 'transfer.error.noAcceptedReferral' },
  },
  '/problems/case/transfer-same-organisation': {
    field: 'toOrganisationId',
    message: { key: 'transfer.error.noAcceptedReferral' },
  },
  '/problems/case/transfer-reason-missing': { field: 'reason', message: { key: 'transfer.error.reason' } },
  '/problems/case/transfer-case-closed': { field: null, message: { key: 'transfer.error.closed' } },
};

export function TransferForm({ caseFile }: { caseFile: CaseFile }) {
  const referrals = useApi<{ referrals: CaseReferral[] }>(
    `/api/cases/${encodeURIComponent(caseFile.id)}/referrals`,
  );
  const organisations = useOrganisations();
  const [toOrganisationId, setTo] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [sending, setSending] = useState(false);
  const sendingRef = useRef(false);
  const casePath = `/cases/${encodeURIComponent(caseFile.id)}`;
  useErrorTitle(errors.summary.length > 0);
  const orgs = organisations.data?.organisations;
  const nameOf = (id: string) => organisationName(orgs, id, t('consent.unknownOrganisation'));

  const show = (fields: Partial<Record<Field, Text>>) =>
    setErrors({
      summary: order
        .filter((name) => fields[name] !== undefined)
        .map((name) => ({ field: name, message: fields[name] as Text })),
      fields: fields as Record<string, Text>,
    });

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (sendingRef.current) return;
    const problems: Partial<Record<Field, Text>> = {};
    if (!toOrganisationId) problems.toOrganisationId = { key: 'transfer.error.to' };
    if (!reason.trim()) problems.reason = { key: 'transfer.error.reason' };
    if (Object.keys(problems).length > 0) {
      show(problems);
      return;
    }
    sendingRef.current = true;
    setSending(true);
    try {
      await api.post(`/api/cases/${encodeURIComponent(caseFile.id)}/ownership-transfer`, {
        toOrganisationId,
        reason: reason.trim(),
      });
      // The previous owner keeps nothing unless it holds a referral itself (ADR 0024): back to the list.
      navigate('/cases', {
        flash: { key: 'transfer.done', params: { organisation: nameOf(toOrganisationId) } },
      });
    } catch (failure) {
      const error = toApiError(failure);
      const refusal = refusals[error.problem.type];
      if (refusal?.field) show({ [refusal.field]: refusal.message });
      else if (refusal) setErrors({ summary: [{ message: refusal.message }], fields: {} });
      else setErrors(problemToFormErrors(error, order));
    } finally {
      sendingRef.current = false;
      setSending(false);
    }
  };

  return (
    <section aria-labelledby="transfer-heading">
      <h2 className="heading-m" id="transfer-heading">
        {t('transfer.title')}
      </h2>
      <p className="body">{t('transfer.intro')}</p>
      <AsyncState resource={referrals}>
        {(data) => {
          const candidates = transferCandidates(data.referrals);
          if (candidates.length === 0) return <p className="body">{t('transfer.noCandidates')}</p>;
          return (
            <form className="form" noValidate onSubmit={(event) => void submit(event)}>
              <ErrorSummary items={errors.summary} />
              <Select
                name="toOrganisationId"
                label={t('transfer.to')}
                hint={t('transfer.toHint')}
                placeholder={t('eventField.organisationPlaceholder')}
                options={candidates
                  .map((id) => ({ value: id, label: nameOf(id) }))
                  .sort((a, b) => compareText(a.label, b.label))}
                value={toOrganisationId}
                onChange={setTo}
                error={errors.fields.toOrganisationId}
              />
              <TextArea
                name="reason"
                legend={t('transfer.reason')}
                hint={t('transfer.reasonHint')}
                value={reason}
                onChange={setReason}
                error={errors.fields.reason}
              />
              <SubmitButton
                sending={sending}
                secondary={
                  <Link className="button button--secondary" href={casePath}>
                    {t('consent.cancel')}
                  </Link>
                }
              >
                {t('transfer.submit')}
              </SubmitButton>
            </form>
          );
        }}
      </AsyncState>
    </section>
  );
}
