import { type FormEvent, useRef, useState } from 'react';
import { type ApiError, api, toApiError } from '../../web/api.js';
import { SuccessBanner } from '../../web/components/Banner.js';
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
import { getFlash, usePathname } from '../../web/router.js';
import { type Session, useSessionState } from '../../web/session.js';
import { continueSignIn } from './sign-in.js';

const fieldNames = ['email', 'password'] as const;

export function LoginPage() {
  const pathname = usePathname();
  const sessionState = useSessionState();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [sending, setSending] = useState(false);
  const sendingRef = useRef(false);

  const reason = sessionState.status === 'anonymous' ? sessionState.reason : 'none';
  const flash =
    getFlash(pathname) ??
    (reason === 'ended'
      ? { key: 'login.sessionEnded' as const }
      : reason === 'signed-out'
        ? { key: 'login.signedOut' as const }
        : null);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (sendingRef.current) return;
    sendingRef.current = true;
    setSending(true);
    try {
      const session = await api.post<Session>('/api/auth/login', { email, password }, { csrf: false });
      continueSignIn(session);
    } catch (failure) {
      setErrors(loginErrors(toApiError(failure)));
    } finally {
      sendingRef.current = false;
      setSending(false);
    }
  };

  return (
    <Page
      title={t('login.title')}
      hasErrors={errors.summary.length > 0}
      before={
        <>
          {errors.summary.length === 0 ? (
            <SuccessBanner message={flash} variant={reason === 'ended' ? 'information' : 'success'} />
          ) : null}
          <ErrorSummary items={errors.summary} />
        </>
      }
    >
      <form className="form" noValidate onSubmit={(event) => void submit(event)}>
        <TextInput
          name="email"
          label={t('login.email')}
          type="email"
          autoComplete="username"
          spellCheck={false}
          value={email}
          onChange={setEmail}
          error={errors.fields.email}
        />
        <TextInput
          name="password"
          label={t('login.password')}
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={setPassword}
          error={errors.fields.password}
        />
        <SubmitButton sending={sending}>{t('login.submit')}</SubmitButton>
      </form>
    </Page>
  );
}

function loginErrors(error: ApiError): FormErrors {
  const { type, retryAfterSeconds } = error.problem;
  if (type === '/problems/auth/invalid-credentials') {
    return fieldError('email', { key: 'login.error.invalidCredentials' });
  }
  if (type === '/problems/auth/locked') {
    if (typeof retryAfterSeconds !== 'number')
      return fieldError('email', { key: 'login.error.lockedNoTime' });
    const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
    return fieldError('email', { key: 'login.error.locked', params: { minutes } });
  }
  return problemToFormErrors(error, fieldNames);
}
