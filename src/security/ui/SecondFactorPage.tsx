import { type FormEvent, useRef, useState } from 'react';
import { type ApiError, api, toApiError } from '../../web/api.js';
import { ErrorSummary } from '../../web/components/ErrorSummary.js';
import { SubmitButton, TextInput } from '../../web/components/fields.js';
import {
  type FormErrors,
  fieldError,
  noErrors,
  problemToFormErrors,
} from '../../web/components/form-errors.js';
import { Page } from '../../web/components/Page.js';
import { t } from '../../web/i18n.js';
import type { Session } from '../../web/session.js';
import { continueSignIn } from './sign-in.js';

/** The second sign-in step: a code from the authenticator app, or one of the recovery codes. */
export function SecondFactorPage() {
  const [code, setCode] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [sending, setSending] = useState(false);
  const sendingRef = useRef(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (sendingRef.current) return;
    sendingRef.current = true;
    setSending(true);
    try {
      const session = await api.post<Session>('/api/auth/second-factor/verify', { code: code.trim() });
      continueSignIn(session);
    } catch (failure) {
      setErrors(codeErrors(toApiError(failure), 'secondFactor.error.invalidCode'));
    } finally {
      sendingRef.current = false;
      setSending(false);
    }
  };

  return (
    <Page
      title={t('secondFactor.title')}
      hasErrors={errors.summary.length > 0}
      before={<ErrorSummary items={errors.summary} />}
    >
      <p className="body">{t('secondFactor.intro')}</p>
      <form className="form" noValidate onSubmit={(event) => void submit(event)}>
        <TextInput
          name="code"
          label={t('secondFactor.code')}
          hint={t('secondFactor.codeHint')}
          autoComplete="one-time-code"
          spellCheck={false}
          width="medium"
          value={code}
          onChange={setCode}
          error={errors.fields.code}
        />
        <SubmitButton sending={sending}>{t('secondFactor.submit')}</SubmitButton>
      </form>
    </Page>
  );
}

export function codeErrors(
  error: ApiError,
  invalidCodeKey: 'secondFactor.error.invalidCode' | 'enrol.error.invalidCode',
): FormErrors {
  if (error.problem.type === '/problems/auth/invalid-code')
    return fieldError('code', { key: invalidCodeKey });
  return problemToFormErrors(error, ['code']);
}
