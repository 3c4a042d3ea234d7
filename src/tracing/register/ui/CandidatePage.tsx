import { type FormEvent, useRef, useState } from 'react';
import { Radios, TextArea } from '../../../cases/ui/fields.js';
import { announce } from '../../../web/announcer.js';
import { api, toApiError } from '../../../web/api.js';
import { AsyncState } from '../../../web/components/AsyncState.js';
import { SuccessBanner } from '../../../web/components/Banner.js';
import { ErrorSummary } from '../../../web/components/ErrorSummary.js';
import { SubmitButton } from '../../../web/components/fields.js';
import { type FormErrors, noErrors, problemToFormErrors } from '../../../web/components/form-errors.js';
import { Page } from '../../../web/components/Page.js';
import { SummaryList } from '../../../web/components/SummaryList.js';
import type { Text } from '../../../web/components/text.js';
import { t } from '../../../web/i18n.js';
import { useApi } from '../../../web/resource.js';
import { Link } from '../../../web/router.js';
import { CandidateComparison } from './CandidateComparison.js';
import { type Candidate, likelihoodBand } from './types.js';

type Decision = '' | 'confirm' | 'reject';

function DecisionForm({
  candidate,
  onDecided,
}: {
  candidate: Candidate;
  onDecided: (decided: Candidate) => void;
}) {
  const [decision, setDecision] = useState<Decision>('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [sending, setSending] = useState(false);
  const sendingRef = useRef(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (sendingRef.current) return;
    const found: { field: 'decision' | 'reason'; message: Text }[] = [];
    if (decision === '') found.push({ field: 'decision', message: { key: 'tracing.error.decision' } });
    if (reason.trim() === '')
      found.push({ field: 'reason', message: { key: 'tracing.error.decisionReason' } });
    if (found.length > 0) {
      setErrors({
        summary: found,
        fields: Object.fromEntries(found.map((item) => [item.field, item.message])),
      });
      return;
    }
    sendingRef.current = true;
    setSending(true);
    try {
      const decided = await api.post<Candidate>(`/api/match-candidates/${candidate.id}/${decision}`, {
        reason: reason.trim(),
      });
      setErrors(noErrors);
      onDecided(decided);
    } catch (failure) {
      setErrors(problemToFormErrors(toApiError(failure), ['decision', 'reason']));
    } finally {
      sendingRef.current = false;
      setSending(false);
    }
  };

  return (
    <form className="form" noValidate onSubmit={(event) => void submit(event)}>
      <h2 className="heading-m">{t('tracing.candidate.decide')}</h2>
      <ErrorSummary items={errors.summary} />
      <Radios
        name="decision"
        legend={t('tracing.candidate.decision')}
        options={[
          { value: 'confirm', label: t('tracing.candidate.decision.confirm') },
          { value: 'reject', label: t('tracing.candidate.decision.reject') },
        ]}
        value={decision}
        onChange={(value) => setDecision(value as Decision)}
        error={errors.fields.decision}
      />
      <TextArea
        name="reason"
        legend={t('tracing.candidate.decisionReason')}
        hint={t('tracing.candidate.decisionReason.hint')}
        rows={4}
        value={reason}
        onChange={setReason}
        error={errors.fields.reason}
      />
      <SubmitButton sending={sending}>{t('tracing.candidate.submit')}</SubmitButton>
    </form>
  );
}

/** The review screen: both references, the likelihood in words, the field-by-field comparison, the decision. */
export function CandidatePage({ candidateId }: { candidateId: string }) {
  const candidate = useApi<Candidate>(`/api/match-candidates/${encodeURIComponent(candidateId)}`);
  const [decided, setDecided] = useState<Text | null>(null);
  const onDecided = (next: Candidate) => {
    candidate.update(next);
    const message: Text = {
      key: next.status === 'confirmed' ? 'tracing.candidate.confirmed' : 'tracing.candidate.rejected',
    };
    setDecided(message);
    announce(t(message.key));
  };
  return (
    <Page
      title={t('tracing.candidate.title')}
      before={
        <>
          <Link className="back-link" href="/match-candidates">
            {t('tracing.candidate.back')}
          </Link>
          <SuccessBanner message={decided} />
        </>
      }
    >
      <AsyncState resource={candidate}>
        {(loaded) => {
          const otherHref =
            loaded.otherId === null
              ? null
              : loaded.otherKind === 'case'
                ? `/cases/${encodeURIComponent(loaded.otherId)}`
                : `/missing-persons/${encodeURIComponent(loaded.otherId)}`;
          const otherName = `${t(`tracing.candidates.kind.${loaded.otherKind}`)} ${loaded.otherReference}`;
          return (
            <>
              <SummaryList
                rows={[
                  {
                    key: 'report',
                    label: t('tracing.candidate.report'),
                    value: (
                      <Link href={`/missing-persons/${encodeURIComponent(loaded.reportId)}`}>
                        {loaded.reportReference}
                      </Link>
                    ),
                  },
                  {
                    key: 'other',
                    label: t('tracing.candidate.other'),
                    value: otherHref ? (
                      <Link href={otherHref}>{otherName}</Link>
                    ) : (
                      t('tracing.candidate.otherOnlyReference', { reference: otherName })
                    ),
                  },
                  {
                    key: 'likelihood',
                    label: t('tracing.candidate.likelihood'),
                    value: likelihoodBand(loaded.probability),
                  },
                  {
                    key: 'status',
                    label: t('tracing.candidate.status'),
                    value: <strong className="tag">{t(`tracing.candidate.status.${loaded.status}`)}</strong>,
                  },
                  ...(loaded.decisionReason
                    ? [{ key: 'reason', label: t('tracing.candidate.reason'), value: loaded.decisionReason }]
                    : []),
                ]}
              />
              <CandidateComparison candidate={loaded} />
              {loaded.status === 'open' && loaded.allowedActions.includes('match.review') ? (
                <DecisionForm candidate={loaded} onDecided={onDecided} />
              ) : null}
            </>
          );
        }}
      </AsyncState>
    </Page>
  );
}
