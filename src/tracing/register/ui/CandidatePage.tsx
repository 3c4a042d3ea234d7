import { useState } from 'react';
import { announce } from '../../../web/announcer.js';
import { AsyncState } from '../../../web/components/AsyncState.js';
import { SuccessBanner } from '../../../web/components/Banner.js';
import { Page } from '../../../web/components/Page.js';
import { SummaryList } from '../../../web/components/SummaryList.js';
import type { Text } from '../../../web/components/text.js';
import { t } from '../../../web/i18n.js';
import { useApi } from '../../../web/resource.js';
import { Link } from '../../../web/router.js';
import { IdentityExchangePanel } from '../../exchange/ui/IdentityExchangePanel.js';
import { CandidateComparison } from './CandidateComparison.js';
import { ReviewDecisionForm, type ReviewDecisionWords } from './ReviewDecisionForm.js';
import { type Candidate, likelihoodBand } from './types.js';

const candidateDecisionWords: ReviewDecisionWords = {
  heading: 'tracing.candidate.decide',
  decision: 'tracing.candidate.decision',
  confirm: 'tracing.candidate.decision.confirm',
  reject: 'tracing.candidate.decision.reject',
  reason: 'tracing.candidate.decisionReason',
  reasonHint: 'tracing.candidate.decisionReason.hint',
  submit: 'tracing.candidate.submit',
  missingDecision: 'tracing.error.decision',
  missingReason: 'tracing.error.decisionReason',
};

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
                <ReviewDecisionForm<Candidate>
                  decisionPath={(decision) => `/api/match-candidates/${loaded.id}/${decision}`}
                  words={candidateDecisionWords}
                  onDecided={onDecided}
                />
              ) : null}
              {loaded.otherKind === 'partner' ? <IdentityExchangePanel candidate={loaded} /> : null}
            </>
          );
        }}
      </AsyncState>
    </Page>
  );
}
