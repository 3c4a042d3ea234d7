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
import { CandidateComparison } from '../../register/ui/CandidateComparison.js';
import { ReviewDecisionForm, type ReviewDecisionWords } from '../../register/ui/ReviewDecisionForm.js';
import { likelihoodBand } from '../../register/ui/types.js';
import { type CaseSide, type DuplicatePair, statusKey } from './types.js';

/** One case of the pair: a link when the case rules let the reviewer open it, else the reference only. */
function CaseReference({ side }: { side: CaseSide }) {
  const text = side.ownedByYou ? t('dedup.pair.yours', { reference: side.reference }) : side.reference;
  if (side.caseId !== null) return <Link href={`/cases/${encodeURIComponent(side.caseId)}`}>{text}</Link>;
  return (
    <>
      {t('dedup.pair.otherOrganisation', {
        reference: side.reference,
        organisation: side.ownerOrganisationName ?? t('dedup.pair.unknownOrganisation'),
      })}
    </>
  );
}

const pairDecisionWords: ReviewDecisionWords = {
  heading: 'dedup.pair.decide',
  decision: 'dedup.pair.decision',
  confirm: 'dedup.pair.decision.confirm',
  reject: 'dedup.pair.decision.reject',
  reason: 'dedup.pair.decisionReason',
  reasonHint: 'dedup.pair.decisionReason.hint',
  submit: 'dedup.pair.submit',
  missingDecision: 'dedup.error.decision',
  missingReason: 'dedup.error.decisionReason',
};

/** Review of one pair of cases: both references, the likelihood in words, the comparison, the decision. */
export function CaseDuplicatePage({ candidateId }: { candidateId: string }) {
  const pair = useApi<DuplicatePair>(`/api/case-duplicates/${encodeURIComponent(candidateId)}`);
  const [decided, setDecided] = useState<Text | null>(null);
  const onDecided = (next: DuplicatePair) => {
    pair.update(next);
    const message: Text = {
      key: next.status === 'confirmed' ? 'dedup.pair.confirmed' : 'dedup.pair.rejected',
    };
    setDecided(message);
    announce(t(message.key));
  };
  return (
    <Page
      title={t('dedup.pair.title')}
      before={
        <>
          <Link className="back-link" href="/case-duplicates">
            {t('dedup.pair.back')}
          </Link>
          <SuccessBanner message={decided} />
        </>
      }
    >
      <AsyncState resource={pair}>
        {(loaded) => (
          <>
            <SummaryList
              rows={[
                { key: 'first', label: t('dedup.pair.first'), value: <CaseReference side={loaded.left} /> },
                {
                  key: 'second',
                  label: t('dedup.pair.second'),
                  value: <CaseReference side={loaded.right} />,
                },
                {
                  key: 'likelihood',
                  label: t('dedup.pair.likelihood'),
                  value: likelihoodBand(loaded.probability),
                },
                {
                  key: 'status',
                  label: t('dedup.pair.status'),
                  value: <strong className="tag">{t(statusKey(loaded.status))}</strong>,
                },
                ...(loaded.decisionReason
                  ? [{ key: 'reason', label: t('dedup.pair.reason'), value: loaded.decisionReason }]
                  : []),
              ]}
            />
            <CandidateComparison candidate={loaded} />
            {loaded.status === 'open' && loaded.allowedActions.includes('case-duplicate.review') ? (
              <ReviewDecisionForm<DuplicatePair>
                decisionPath={(decision) =>
                  `/api/case-duplicates/${encodeURIComponent(loaded.id)}/${decision}`
                }
                words={pairDecisionWords}
                onDecided={onDecided}
              />
            ) : null}
          </>
        )}
      </AsyncState>
    </Page>
  );
}
