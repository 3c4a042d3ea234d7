import { type FormEvent, useRef, useState } from 'react';
import { Radios, TextArea } from '../../../cases/ui/fields.js';
import { announce } from '../../../web/announcer.js';
import { api, toApiError } from '../../../web/api.js';
import { AsyncState } from '../../../web/components/AsyncState.js';
import { SuccessBanner } from '../../../web/components/Banner.js';
import { ErrorSummary } from '../../../web/components/ErrorSummary.js';
import { SubmitButton, TextInput } from '../../../web/components/fields.js';
import { type FormErrors, noErrors, problemToFormErrors } from '../../../web/components/form-errors.js';
import { Page } from '../../../web/components/Page.js';
import type { Text } from '../../../web/components/text.js';
import { formatDateTime, formatNumber, t } from '../../../web/i18n.js';
import { useApi } from '../../../web/resource.js';
import { can, useSession } from '../../../web/session.js';

// Partner installations and the exchange history (issue 5 acceptance 9; docs/decisions/0025 and
// 0026), for the national coordinator and the system administrator: register, suspend, reinstate,
// change a partner's key. Nothing here is personal data: partners are countries and keys, the
// history is counts.

type PartnerKey = {
  publicKeyFingerprint: string;
  registeredAt: string;
  retiresOn: string | null;
  state: 'current' | 'retiring' | 'retired';
};

type Partner = {
  id: string;
  countryCode: string;
  name: string;
  publicKeyFingerprint: string;
  registeredAt: string;
  status: 'active' | 'suspended';
  hubUrl: string | null;
  keys: PartnerKey[];
};

type Upload = {
  id: string;
  countryCode: string;
  partnerName: string;
  uploadedAt: string;
  recordCount: number;
  candidateCount: number;
};

const fieldNames = ['countryCode', 'name', 'publicKey', 'hubUrl'] as const;
type Fields = Record<(typeof fieldNames)[number], string>;
const emptyFields: Fields = { countryCode: '', name: '', publicKey: '', hubUrl: '' };

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
        ...(fields.hubUrl.trim() === '' ? {} : { hubUrl: fields.hubUrl.trim() }),
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
      <TextInput
        name="hubUrl"
        label={t('exchange.field.hubUrl')}
        hint={t('exchange.field.hubUrlHint')}
        optional
        value={fields.hubUrl}
        onChange={set('hubUrl')}
        error={errors.fields.hubUrl}
      />
      <SubmitButton sending={sending}>{t('exchange.register.submit')}</SubmitButton>
    </form>
  );
}

/** A partner's new key, and when its previous key stops being accepted (docs/decisions/0026). */
function RotateKeyForm({
  partner,
  onRotated,
  onCancel,
}: {
  partner: Partner;
  onRotated: (partner: Partner) => void;
  onCancel: () => void;
}) {
  const [publicKey, setPublicKey] = useState('');
  const [oldKey, setOldKey] = useState<'' | 'now' | 'later'>('');
  const [retiresOn, setRetiresOn] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [sending, setSending] = useState(false);
  const sendingRef = useRef(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (sendingRef.current) return;
    sendingRef.current = true;
    setSending(true);
    try {
      const rotated = await api.post<Partner>(
        `/api/exchange/partners/${encodeURIComponent(partner.id)}/keys`,
        {
          publicKey,
          ...(oldKey === 'later' ? { oldKeyRetiresOn: retiresOn.trim() } : {}),
        },
      );
      setErrors(noErrors);
      onRotated(rotated);
    } catch (failure) {
      const problem = problemToFormErrors(toApiError(failure), ['publicKey', 'oldKeyRetiresOn']);
      // The server names the key `publicKey`; on this form it is the new one.
      const fields = { ...problem.fields };
      if (fields.publicKey) fields.newPublicKey = fields.publicKey;
      setErrors({
        summary: problem.summary.map((item) =>
          item.field === 'publicKey' ? { ...item, field: 'newPublicKey' } : item,
        ),
        fields,
      });
    } finally {
      sendingRef.current = false;
      setSending(false);
    }
  };

  return (
    <form className="form" noValidate onSubmit={(event) => void submit(event)}>
      <h2 className="heading-m">{t('exchange.rotate.heading', { name: partner.name })}</h2>
      <p className="hint">{t('exchange.rotate.hint')}</p>
      <ErrorSummary items={errors.summary} />
      <TextArea
        name="newPublicKey"
        legend={t('exchange.field.newPublicKey')}
        hint={t('exchange.field.publicKeyHint')}
        rows={4}
        value={publicKey}
        onChange={setPublicKey}
        error={errors.fields.newPublicKey}
      />
      <Radios
        name="oldKey"
        legend={t('exchange.field.oldKey')}
        options={[
          { value: 'now', label: t('exchange.field.oldKey.now') },
          { value: 'later', label: t('exchange.field.oldKey.later') },
        ]}
        value={oldKey}
        onChange={(value) => setOldKey(value as 'now' | 'later')}
        error={errors.fields.oldKey}
      />
      {oldKey === 'later' ? (
        <TextInput
          name="oldKeyRetiresOn"
          label={t('exchange.field.oldKeyRetiresOn')}
          hint={t('exchange.field.oldKeyRetiresOnHint')}
          width="short"
          value={retiresOn}
          onChange={setRetiresOn}
          error={errors.fields.oldKeyRetiresOn}
        />
      ) : null}
      <SubmitButton
        sending={sending}
        secondary={
          <button className="button button--secondary" type="button" onClick={onCancel}>
            {t('exchange.rotate.cancel')}
          </button>
        }
      >
        {t('exchange.rotate.submit')}
      </SubmitButton>
    </form>
  );
}

/** The current key's fingerprint, and any previous key still accepted or recently retired. */
function PartnerKeys({ partner }: { partner: Partner }) {
  const previous = partner.keys.filter((key) => key.state !== 'current');
  return (
    <>
      <code className="code">{shortFingerprint(partner.publicKeyFingerprint)}</code>
      {previous.map((key) => (
        <div key={key.publicKeyFingerprint} className="hint">
          <code className="code">{shortFingerprint(key.publicKeyFingerprint)}</code>{' '}
          {t(key.state === 'retiring' ? 'exchange.partners.key.retiring' : 'exchange.partners.key.retired', {
            date: key.retiresOn ?? '',
          })}
        </div>
      ))}
    </>
  );
}

export function ExchangePage() {
  const session = useSession();
  const partners = useApi<{ partners: Partner[] }>('/api/exchange/partners');
  const mayViewHistory = can(session, 'exchange.history.view');
  const maySuspend = can(session, 'exchange.partner.suspend');
  const mayRotate = can(session, 'exchange.partner.rotate-key');
  const history = useApi<{ uploads: Upload[] }>(mayViewHistory ? '/api/exchange/uploads' : null);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [done, setDone] = useState<Text | null>(null);
  const [rotating, setRotating] = useState<Partner | null>(null);
  const actingRef = useRef(false);

  const changeStatus = async (partner: Partner, verb: 'suspend' | 'reinstate') => {
    if (actingRef.current) return;
    actingRef.current = true;
    try {
      await api.post<Partner>(`/api/exchange/partners/${encodeURIComponent(partner.id)}/${verb}`, {});
      setErrors(noErrors);
      setDone({
        key: verb === 'suspend' ? 'exchange.partners.suspended' : 'exchange.partners.reinstated',
        params: { name: partner.name },
      });
      partners.reload();
    } catch (failure) {
      setErrors(problemToFormErrors(toApiError(failure), []));
    } finally {
      actingRef.current = false;
    }
  };

  return (
    <Page
      title={t('exchange.title')}
      hasErrors={errors.summary.length > 0}
      before={
        <>
          <SuccessBanner message={done} />
          <ErrorSummary items={errors.summary} />
        </>
      }
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
                <th scope="col">{t('exchange.partners.column.hub')}</th>
                {maySuspend || mayRotate ? (
                  <th scope="col">{t('exchange.partners.column.actions')}</th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {list.map((partner) => (
                <tr key={partner.id}>
                  <td>{partner.countryCode}</td>
                  <td id={`partner-${partner.id}-name`}>{partner.name}</td>
                  <td>
                    <PartnerKeys partner={partner} />
                  </td>
                  <td>{formatDateTime(partner.registeredAt)}</td>
                  <td>
                    <span className={partner.status === 'active' ? 'tag' : 'tag tag--grey'}>
                      {t(`exchange.partners.status.${partner.status}`)}
                    </span>
                  </td>
                  <td>{partner.hubUrl ?? t('exchange.partners.noHub')}</td>
                  {maySuspend || mayRotate ? (
                    <td>
                      <div className="button-group">
                        {maySuspend ? (
                          <button
                            className="button button--secondary"
                            type="button"
                            aria-describedby={`partner-${partner.id}-name`}
                            onClick={() =>
                              void changeStatus(
                                partner,
                                partner.status === 'active' ? 'suspend' : 'reinstate',
                              )
                            }
                          >
                            {t(
                              partner.status === 'active'
                                ? 'exchange.partners.suspend'
                                : 'exchange.partners.reinstate',
                            )}
                          </button>
                        ) : null}
                        {mayRotate ? (
                          <button
                            className="button button--secondary"
                            type="button"
                            aria-describedby={`partner-${partner.id}-name`}
                            onClick={() => setRotating(partner)}
                          >
                            {t('exchange.partners.rotate')}
                          </button>
                        ) : null}
                      </div>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </AsyncState>
      {rotating !== null ? (
        <RotateKeyForm
          partner={rotating}
          onCancel={() => setRotating(null)}
          onRotated={(rotated) => {
            setRotating(null);
            setDone({ key: 'exchange.rotated', params: { name: rotated.name } });
            partners.reload();
          }}
        />
      ) : null}
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
