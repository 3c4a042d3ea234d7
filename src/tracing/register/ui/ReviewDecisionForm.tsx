import { type FormEvent, useRef, useState } from 'react';
import { Radios, TextArea } from '../../../cases/ui/fields.js';
import { api, toApiError } from '../../../web/api.js';
import { ErrorSummary } from '../../../web/components/ErrorSummary.js';
import { SubmitButton } from '../../../web/components/fields.js';
import { type FormErrors, noErrors, problemToFormErrors } from '../../../web/components/form-errors.js';
import type { Text } from '../../../web/components/text.js';
import { type MessageKey, t } from '../../../web/i18n.js';

type Decision = '' | 'confirm' | 'reject';

/** The words of one review screen (the register's candidates, or pairs of duplicate cases). */
export type ReviewDecisionWords = {
  heading: MessageKey;
  decision: MessageKey;
  confirm: MessageKey;
  reject: MessageKey;
  reason: MessageKey;
  reasonHint: MessageKey;
  submit: MessageKey;
  missingDecision: MessageKey;
  missingReason: MessageKey;
};

/**
 * Confirm or reject a proposed pair, with a reason: nothing merges by itself (issue 5 acceptance
 * 5). Posts `{ reason }` to `decisionPath(decision)` and hands the decided record back.
 */
export function ReviewDecisionForm<Decided>({
  decisionPath,
  words,
  onDecided,
}: {
  decisionPath: (decision: 'confirm' | 'reject') => string;
  words: ReviewDecisionWords;
  onDecided: (decided: Decided) => void;
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
    if (decision === '') found.push({ field: 'decision', message: { key: words.missingDecision } });
    if (reason.trim() === '') found.push({ field: 'reason', message: { key: words.missingReason } });
    if (found.length > 0 || decision === '') {
      setErrors({
        summary: found,
        fields: Object.fromEntries(found.map((item) => [item.field, item.message])),
      });
      return;
    }
    sendingRef.current = true;
    setSending(true);
    try {
      const decided = await api.post<Decided>(decisionPath(decision), { reason: reason.trim() });
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
      <h2 className="heading-m">{t(words.heading)}</h2>
      <ErrorSummary items={errors.summary} />
      <Radios
        name="decision"
        legend={t(words.decision)}
        options={[
          { value: 'confirm', label: t(words.confirm) },
          { value: 'reject', label: t(words.reject) },
        ]}
        value={decision}
        onChange={(value) => setDecision(value as Decision)}
        error={errors.fields.decision}
      />
      <TextArea
        name="reason"
        legend={t(words.reason)}
        hint={t(words.reasonHint)}
        rows={4}
        value={reason}
        onChange={setReason}
        error={errors.fields.reason}
      />
      <SubmitButton sending={sending}>{t(words.submit)}</SubmitButton>
    </form>
  );
}
