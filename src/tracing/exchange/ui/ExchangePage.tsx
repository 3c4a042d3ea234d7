import { type FormEvent, useRef, useState } from 'react';
import { TextArea } from '../../../cases/ui/fields.js';
import { announce } from '../../../web/announcer.js';
import { api, toApiError } from '../../../web/api.js';
import { AsyncState } from '../../../web/components/AsyncState.js';
import { ErrorSummary } from '../../../web/components/ErrorSummary.js';
import { SubmitButton, TextInput } from '../../../web/components/fields.js';
import { type FormErrors, noErrors, problemToFormErrors } from '../../../web/components/form-errors.js';
import { Page } from '../../../web/components/Page.js';
import { formatDateTime, formatNumber, t } from '../../../web/i18n.js';
import { useApi } from '../../../web/resource.js';
import { can, useSession } from '../../../web/session.js';

// Partner installations and the exchange history (issue 5 acceptance 9; docs/decisions/0025), for
// the national coordinator and the system administrator. Nothing here is personal data: partners
// are countries and keys, the history is counts.

type Partner = {
  id: string;
  countryCode: string;
  name: string;
  publicKeyFingerprint: string;
  registeredAt: string;
  status: 'active' | 'suspended';
};

type Upload = {
  id: string;
  countryCode: string;
  partnerName: string;
  uploadedAt: string;
  recordCount: number;
  candidateCount: number;
};

const fieldNames = ['countryCode', 'name', 'publicKey'] as const;
type Fields = Record<(typeof fieldNames)[number], string>;
const emptyFields: Fields = { countryCode: '', name: '', publicKey: '' };

/** The first 16 hex digits, in groups of four: enough to read out over the telephone. */
const shortFingerprint = (fingerprint: string) => fingerprint.slice(0, 16).replace(/(.{4})(?!$)/g, '$1 ');

function RegisterPartnerForm({
  errors,
  onErrors,
  onRegistered,
}: {
  errors: FormErrors;
  onErrors: (errors: FormErrors) => void;
  onRegistered: () => void;
}) {
  const [fields, setFields] = useState<Fields>(emptyFields);
  const [sending, setSending] = useState(false);
  const sendingRef = useRef(false);
  const set = (key: keyof Fields) => (value: string) =>
    setFields((current) => ({ ...current, [key]: value }));

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (sendingRef.current) return;
    sendingRef.current = true;
    setSending(true);
    try {
      const partner = await api.post<Partner>('/api/exchange/partners', {
        countryCode: fields.countryCode.trim(),
        name: fields.name,
        publicKey: fields.publicKey,
      });
      onErrors(noErrors);
      setFields(emptyFields);
      announce(t('exchange.registered', { name: partner.name }));
      onRegistered();
    } catch (failure) {
      onErrors(problemToFormErrors(toApiError(failure), fieldNames));
    } finally {
      sendingRef.current = false;
      setSending(false);
    }
  };

  return (
    <form className="form" noValidate onSubmit={(event) => void submit(event)}>
      <h2 className="heading-m">{t('exchange.register.heading')}</h2>
      <p className="hint">{t('exchange.register.hint')}</p>
      <TextInput
        name="countryCode"
        label={t('exchange.field.countryCode')}
        hint={t('exchange.field.countryCodeHint')}
        width="short"
        value={fields.countryCode}
        onChange={set('countryCode')}
        error={errors.fields.countryCode}
      />
      <TextInput
        name="name"
        label={t('exchange.field.name')}
        value={fields.name}
        onChange={set('name')}
        error={errors.fields.name}
      />
      <TextArea
        name="publicKey"
        legend={t('exchange.field.publicKey')}
        hint={t('exchange.field.publicKeyHint')}
        rows={4}
        value={fields.publicKey}
        onChange={set('publicKey')}
        error={errors.fields.publicKey}
      />
      <SubmitButton sending={sending}>{t('exchange.register.submit')}</SubmitButton>
    </form>
  );
}

export function ExchangePage() {
  const session = useSession();
  const partners = useApi<{ partners: Partner[] }>('/api/exchange/partners');
  const mayViewHistory = can(session, 'exchange.history.view');
  const history = useApi<{ uploads: Upload[] }>(mayViewHistory ? '/api/exchange/uploads' : null);
  const [errors, setErrors] = useState<FormErrors>(noErrors);

  return (
    <Page
      title={t('exchange.title')}
      hasErrors={errors.summary.length > 0}
      before={<ErrorSummary items={errors.summary} />}
    >
      <p className="body">{t('exchange.intro')}</p>
      <h2 className="heading-l">{t('exchange.partners.heading')}</h2>
      <AsyncState
        resource={partners}
        isEmpty={({ partners: list }) => list.length === 0}
        empty={<p className="body">{t('exchange.partners.empty')}</p>}
      >
        {({ partners: list }) => (
          <table className="table">
            <caption className="table__caption">
              {t('exchange.partners.count', { count: list.length })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('exchange.partners.column.country')}</th>
                <th scope="col">{t('exchange.partners.column.name')}</th>
                <th scope="col">{t('exchange.partners.column.fingerprint')}</th>
                <th scope="col">{t('exchange.partners.column.registeredAt')}</th>
                <th scope="col">{t('exchange.partners.column.status')}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((partner) => (
                <tr key={partner.id}>
                  <td>{partner.countryCode}</td>
                  <td>{partner.name}</td>
                  <td>
                    <code className="code">{shortFingerprint(partner.publicKeyFingerprint)}</code>
                  </td>
                  <td>{formatDateTime(partner.registeredAt)}</td>
                  <td>
                    <span className={partner.status === 'active' ? 'tag' : 'tag tag--grey'}>
                      {t(`exchange.partners.status.${partner.status}`)}
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </AsyncState>
      {can(session, 'exchange.partner.register') ? (
        <RegisterPartnerForm errors={errors} onErrors={setErrors} onRegistered={partners.reload} />
      ) : null}
      {mayViewHistory ? (
        <>
          <h2 className="heading-l">{t('exchange.history.heading')}</h2>
          <AsyncState
            resource={history}
            isEmpty={({ uploads }) => uploads.length === 0}
            empty={<p className="body">{t('exchange.history.empty')}</p>}
          >
            {({ uploads }) => (
              <table className="table">
                <caption className="table__caption">
                  {t('exchange.history.count', { count: uploads.length })}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{t('exchange.history.column.uploadedAt')}</th>
                    <th scope="col">{t('exchange.history.column.partner')}</th>
                    <th scope="col" className="table__numeric">
                      {t('exchange.history.column.records')}
                    </th>
                    <th scope="col" className="table__numeric">
                      {t('exchange.history.column.candidates')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {uploads.map((upload) => (
                    <tr key={upload.id}>
                      <td>{formatDateTime(upload.uploadedAt)}</td>
                      <td>
                        {upload.countryCode} · {upload.partnerName}
                      </td>
                      <td className="table__numeric">{formatNumber(upload.recordCount)}</td>
                      <td className="table__numeric">{formatNumber(upload.candidateCount)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </AsyncState>
        </>
      ) : null}
    </Page>
  );
}
