import { type FormEvent, useRef, useState } from 'react';
import { api, toApiError } from '../../web/api.js';
import { AsyncState } from '../../web/components/AsyncState.js';
import { ErrorSummary } from '../../web/components/ErrorSummary.js';
import { SubmitButton, TextInput } from '../../web/components/fields.js';
import { type FormErrors, noErrors } from '../../web/components/form-errors.js';
import { Page } from '../../web/components/Page.js';
import { t } from '../../web/i18n.js';
import { useResource } from '../../web/resource.js';
import { codeErrors } from './SecondFactorPage.js';
import { continueSignIn } from './sign-in.js';
import type { Enrolment, EnrolmentConfirmation } from './types.js';

/**
 * Setting up the authenticator app: QR code and secret, then a code to confirm, then the recovery
 * codes. The confirmed session is kept back until the user has seen the codes, so that the route
 * guard does not move them on before they have saved them.
 */
export function EnrolPage() {
  const [confirmation, setConfirmation] = useState<EnrolmentConfirmation | null>(null);
  if (confirmation) return <RecoveryCodes confirmation={confirmation} />;
  return <SetUpAuthenticator onConfirmed={setConfirmation} />;
}

let enrolmentRequest: Promise<Enrolment> | null = null;

/** One enrolment request per visit, even when React runs effects twice in development. */
function startEnrolment(): Promise<Enrolment> {
  enrolmentRequest ??= api.post<Enrolment>('/api/auth/second-factor/enrolment').finally(() => {
    setTimeout(() => {
      enrolmentRequest = null;
    }, 0);
  });
  return enrolmentRequest;
}

function SetUpAuthenticator({ onConfirmed }: { onConfirmed: (confirmation: EnrolmentConfirmation) => void }) {
  const enrolment = useResource('enrolment', startEnrolment);
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
      const confirmation = await api.post<EnrolmentConfirmation>(
        '/api/auth/second-factor/enrolment/confirm',
        {
          code: code.trim(),
        },
      );
      onConfirmed(confirmation);
    } catch (failure) {
      setErrors(codeErrors(toApiError(failure), 'enrol.error.invalidCode'));
    } finally {
      sendingRef.current = false;
      setSending(false);
    }
  };

  return (
    <Page
      title={t('enrol.title')}
      hasErrors={errors.summary.length > 0}
      before={<ErrorSummary items={errors.summary} />}
    >
      <p className="body">{t('enrol.intro')}</p>
      <AsyncState resource={enrolment}>
        {({ secret, qrCodeSvg }) => (
          <>
            <ol className="list list--number">
              <li>{t('enrol.step.install')}</li>
              <li>
                {t('enrol.step.scan')}
                <div className="qr-code">
                  <img src={svgDataUri(qrCodeSvg)} alt={t('enrol.qrAlt')} width="200" height="200" />
                </div>
              </li>
              <li>
                {t('enrol.step.typeSecret')}
                <p className="secret">
                  <code id="secret" className="secret__value">
                    {secret}
                  </code>
                </p>
              </li>
              <li>{t('enrol.step.enterCode')}</li>
            </ol>
            <form className="form" noValidate onSubmit={(event) => void submit(event)}>
              <TextInput
                name="code"
                label={t('enrol.code')}
                hint={t('enrol.codeHint')}
                autoComplete="one-time-code"
                inputMode="numeric"
                spellCheck={false}
                width="short"
                value={code}
                onChange={setCode}
                error={errors.fields.code}
              />
              <SubmitButton sending={sending}>{t('enrol.submit')}</SubmitButton>
            </form>
          </>
        )}
      </AsyncState>
    </Page>
  );
}

function RecoveryCodes({ confirmation }: { confirmation: EnrolmentConfirmation }) {
  return (
    <Page title={t('recoveryCodes.title')} focusOnMount>
      <p className="body">{t('recoveryCodes.intro')}</p>
      <p className="body">{t('recoveryCodes.once')}</p>
      <ul className="recovery-codes" aria-label={t('recoveryCodes.listLabel')}>
        {confirmation.recoveryCodes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ul>
      <p className="body">{t('recoveryCodes.keepSafe')}</p>
      <div className="button-group">
        <button className="button" type="button" onClick={() => continueSignIn(confirmation.session)}>
          {t('recoveryCodes.continue')}
        </button>
        <button className="button button--secondary" type="button" onClick={() => window.print()}>
          {t('recoveryCodes.print')}
        </button>
      </div>
    </Page>
  );
}

/** The server's SVG as an <img> source: never inserted as markup. */
function svgDataUri(svg: string): string {
  const bytes = new TextEncoder().encode(svg);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return `data:image/svg+xml;base64,${btoa(binary)}`;
}
