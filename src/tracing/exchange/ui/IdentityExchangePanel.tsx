import { type FormEvent, useRef, useState } from 'react';
import { Radios, TextArea } from '../../../cases/ui/fields.js';
import { announce } from '../../../web/announcer.js';
import { api, toApiError } from '../../../web/api.js';
import { AsyncState } from '../../../web/components/AsyncState.js';
import { SuccessBanner } from '../../../web/components/Banner.js';
import { ErrorSummary } from '../../../web/components/ErrorSummary.js';
import { Checkboxes, SubmitButton, TextInput } from '../../../web/components/fields.js';
import { type FormErrors, noErrors, problemToFormErrors } from '../../../web/components/form-errors.js';
import { SummaryList } from '../../../web/components/SummaryList.js';
import type { Text } from '../../../web/components/text.js';
import { formatDateTime, type MessageKey, t } from '../../../web/i18n.js';
import { useApi } from '../../../web/resource.js';
import type { Candidate, MissingPersonDetails } from '../../register/ui/types.js';

// The identity exchange on the review screen of a partner candidate (issue 5 acceptance 5 and 9;
// docs/decisions/0026): ask the partner, with the consent or legal basis; check for its answer;
// withdraw; open the identity received (an audited read). And the partner's requests for this
// record: release with this side's basis, or refuse.

const basisKinds = ['consent_of_person', 'consent_of_guardian', 'legal_basis'] as const;
const fieldGroups = ['names', 'sex', 'birth', 'citizenship', 'parents', 'languages'] as const;
type FieldGroup = (typeof fieldGroups)[number];
type BasisKind = (typeof basisKinds)[number];

type Outgoing = {
  id: string;
  partnerRecord: string;
  basisKind: BasisKind;
  basisReference: string;
  basisExpiresOn: string | null;
  requestedFields: FieldGroup[];
  status: 'sent' | 'received' | 'refused' | 'withdrawn';
  releasedFields: FieldGroup[] | null;
  requestedAt: string;
  answeredAt: string | null;
  identityReadable: boolean;
};

type Incoming = {
  id: string;
  partnerRecord: string;
  partnerBasisKind: BasisKind;
  requestedFields: FieldGroup[];
  status: 'pending' | 'released' | 'refused' | 'withdrawn';
  receivedAt: string;
  basisKind: BasisKind | null;
  basisReference: string | null;
  releasedFields: FieldGroup[] | null;
  refusalReason: string | null;
};

type Exchanges = { outgoing: Outgoing[]; incoming: Incoming[] };

type ReceivedIdentity = { fields: FieldGroup[]; person: Partial<MissingPersonDetails> };

const basisFieldNames = ['basisKind', 'basisReference', 'basisExpiresOn', 'fields'] as const;
type BasisValues = { basisKind: string; basisReference: string; basisExpiresOn: string; fields: string[] };
const emptyBasis: BasisValues = { basisKind: '', basisReference: '', basisExpiresOn: '', fields: [] };

const basisBody = (values: BasisValues) => ({
  basisKind: values.basisKind,
  basisReference: values.basisReference,
  ...(values.basisExpiresOn.trim() === '' ? {} : { basisExpiresOn: values.basisExpiresOn.trim() }),
  fields: values.fields,
});

const groupsText = (groups: readonly FieldGroup[] | null) =>
  (groups ?? []).map((group) => t(`exchange.identity.group.${group}`)).join(', ');

/** Field errors named for a form whose controls carry a prefix (several forms on one page). */
function prefixed(errors: FormErrors, prefix: string): FormErrors {
  return {
    summary: errors.summary.map((item) =>
      item.field === undefined ? item : { ...item, field: `${prefix}${item.field}` },
    ),
    fields: Object.fromEntries(
      Object.entries(errors.fields).map(([field, text]) => [`${prefix}${field}`, text]),
    ),
  };
}

/** One action at a time per form, with its errors and the "Sending…" state. */
function useSending() {
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [sending, setSending] = useState(false);
  const sendingRef = useRef(false);
  const send = async (work: () => Promise<void>, fieldNames: readonly string[], prefix = '') => {
    if (sendingRef.current) return;
    sendingRef.current = true;
    setSending(true);
    try {
      await work();
      setErrors(noErrors);
    } catch (failure) {
      setErrors(prefixed(problemToFormErrors(toApiError(failure), fieldNames), prefix));
    } finally {
      sendingRef.current = false;
      setSending(false);
    }
  };
  return { errors, sending, send };
}

function BasisFields({
  prefix,
  kindLegend,
  values,
  onChange,
  errors,
}: {
  prefix: string;
  kindLegend: string;
  values: BasisValues;
  onChange: (values: BasisValues) => void;
  errors: FormErrors;
}) {
  const set =
    <Key extends keyof BasisValues>(key: Key) =>
    (value: BasisValues[Key]) =>
      onChange({ ...values, [key]: value });
  return (
    <>
      <Radios
        name={`${prefix}basisKind`}
        legend={kindLegend}
        options={basisKinds.map((kind) => ({ value: kind, label: t(`tracing.basis.${kind}`) }))}
        value={values.basisKind}
        onChange={set('basisKind')}
        error={errors.fields[`${prefix}basisKind`]}
      />
      <TextInput
        name={`${prefix}basisReference`}
        label={t('exchange.identity.field.basisReference')}
        hint={t('exchange.identity.field.basisReferenceHint')}
        value={values.basisReference}
        onChange={set('basisReference')}
        error={errors.fields[`${prefix}basisReference`]}
      />
      <TextInput
        name={`${prefix}basisExpiresOn`}
        label={t('exchange.identity.field.basisExpiresOn')}
        hint={t('exchange.identity.field.basisExpiresOnHint')}
        optional
        width="short"
        value={values.basisExpiresOn}
        onChange={set('basisExpiresOn')}
        error={errors.fields[`${prefix}basisExpiresOn`]}
      />
      <Checkboxes
        name={`${prefix}fields`}
        label={t('exchange.identity.field.fields')}
        hint={t('exchange.identity.field.fieldsHint')}
        options={fieldGroups.map((group) => ({ value: group, label: t(`exchange.identity.group.${group}`) }))}
        values={values.fields}
        onChange={set('fields')}
        error={errors.fields[`${prefix}fields`]}
      />
    </>
  );
}

function RequestForm({ candidate, onDone }: { candidate: Candidate; onDone: (message: Text) => void }) {
  const [values, setValues] = useState<BasisValues>(emptyBasis);
  const { errors, sending, send } = useSending();
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    void send(async () => {
      await api.post(
        `/api/exchange/candidates/${encodeURIComponent(candidate.id)}/identity-exchanges`,
        basisBody(values),
      );
      setValues(emptyBasis);
      onDone({ key: 'exchange.identity.requested' });
    }, basisFieldNames);
  };
  return (
    <form className="form" noValidate onSubmit={submit}>
      <h3 className="heading-s">{t('exchange.identity.request.heading')}</h3>
      <ErrorSummary items={errors.summary} />
      <BasisFields
        prefix=""
        kindLegend={t('exchange.identity.field.basisKind')}
        values={values}
        onChange={setValues}
        errors={errors}
      />
      <SubmitButton sending={sending}>{t('exchange.identity.request.submit')}</SubmitButton>
    </form>
  );
}

const dateOfBirthText = (date: MissingPersonDetails['dateOfBirth']) =>
  date === undefined
    ? ''
    : [date.year, date.month, date.day]
        .filter((part) => part !== undefined)
        .map((part, index) => (index === 0 ? String(part) : String(part).padStart(2, '0')))
        .join('-');

/** The identity received, as the register shows a report's details. */
function IdentityReceived({ identity }: { identity: ReceivedIdentity }) {
  const { person } = identity;
  const rows: { key: keyof MissingPersonDetails; label: MessageKey; value: string | undefined }[] = [
    { key: 'givenName', label: 'tracing.field.givenName', value: person.givenName },
    { key: 'familyName', label: 'tracing.field.familyName', value: person.familyName },
    { key: 'givenNameLatin', label: 'tracing.field.givenNameLatin', value: person.givenNameLatin },
    { key: 'familyNameLatin', label: 'tracing.field.familyNameLatin', value: person.familyNameLatin },
    { key: 'aliases', label: 'tracing.field.aliases', value: person.aliases?.join(', ') },
    {
      key: 'sex',
      label: 'tracing.field.sex',
      value: person.sex ? t(`tracing.sex.${person.sex}`) : undefined,
    },
    {
      key: 'dateOfBirth',
      label: 'tracing.field.dateOfBirth',
      value: dateOfBirthText(person.dateOfBirth) || undefined,
    },
    {
      key: 'ageEstimate',
      label: 'tracing.field.ageEstimate',
      value: person.ageEstimate === undefined ? undefined : String(person.ageEstimate),
    },
    { key: 'placeOfBirth', label: 'tracing.field.placeOfBirth', value: person.placeOfBirth },
    { key: 'citizenship', label: 'tracing.field.citizenship', value: person.citizenship },
    { key: 'parentNames', label: 'tracing.field.parentNames', value: person.parentNames?.join(', ') },
    { key: 'languages', label: 'tracing.field.languages', value: person.languages?.join(', ') },
  ];
  return (
    <section aria-labelledby="identity-received-heading">
      <h4 className="heading-s" id="identity-received-heading">
        {t('exchange.identity.shown')}
      </h4>
      <SummaryList
        rows={rows
          .filter((row) => row.value !== undefined)
          .map((row) => ({ key: row.key, label: t(row.label), value: row.value }))}
      />
    </section>
  );
}

function OutgoingExchange({
  exchange,
  mayAct,
  onChanged,
}: {
  exchange: Outgoing;
  mayAct: boolean;
  onChanged: (message: Text) => void;
}) {
  const { errors, sending, send } = useSending();
  const [identity, setIdentity] = useState<ReceivedIdentity | null>(null);
  const base = `/api/exchange/identity-exchanges/${encodeURIComponent(exchange.id)}`;
  const check = () =>
    send(async () => {
      const checked = await api.post<Outgoing>(`${base}/check`, {});
      onChanged({
        key: 'exchange.identity.checked',
        params: { status: t(`exchange.identity.status.${checked.status}`) },
      });
    }, []);
  const withdraw = () =>
    send(async () => {
      await api.post(`${base}/withdraw`, {});
      setIdentity(null);
      onChanged({ key: 'exchange.identity.withdrawn' });
    }, []);
  const show = () =>
    send(async () => {
      setIdentity(await api.get<ReceivedIdentity>(`${base}/identity`));
      announce(t('exchange.identity.shown'));
    }, []);
  return (
    <li>
      <ErrorSummary items={errors.summary} />
      <SummaryList
        rows={[
          {
            key: 'status',
            label: t('exchange.identity.label.status'),
            value: <strong className="tag">{t(`exchange.identity.status.${exchange.status}`)}</strong>,
          },
          {
            key: 'partnerRecord',
            label: t('exchange.identity.label.partnerRecord'),
            value: exchange.partnerRecord,
          },
          {
            key: 'basis',
            label: t('exchange.identity.label.basis'),
            value: `${t(`tracing.basis.${exchange.basisKind}`)} · ${exchange.basisReference}`,
          },
          {
            key: 'asked',
            label: t('exchange.identity.label.asked'),
            value: groupsText(exchange.requestedFields),
          },
          ...(exchange.releasedFields
            ? [
                {
                  key: 'released',
                  label: t('exchange.identity.label.released'),
                  value: groupsText(exchange.releasedFields),
                },
              ]
            : []),
          {
            key: 'requestedAt',
            label: t('exchange.identity.label.requestedAt'),
            value: formatDateTime(exchange.requestedAt),
          },
        ]}
      />
      {mayAct ? (
        <div className="button-group">
          {exchange.status === 'sent' ? (
            <button
              className="button"
              type="button"
              onClick={() => void check()}
              aria-disabled={sending || undefined}
            >
              {t('exchange.identity.check')}
            </button>
          ) : null}
          {exchange.status === 'received' && exchange.identityReadable && identity === null ? (
            <button
              className="button"
              type="button"
              onClick={() => void show()}
              aria-disabled={sending || undefined}
            >
              {t('exchange.identity.show')}
            </button>
          ) : null}
          {exchange.status === 'sent' || exchange.status === 'received' ? (
            <button
              className="button button--secondary"
              type="button"
              onClick={() => void withdraw()}
              aria-disabled={sending || undefined}
            >
              {t('exchange.identity.withdraw')}
            </button>
          ) : null}
          {sending ? <span className="sending">{t('form.sending')}</span> : null}
        </div>
      ) : null}
      {identity !== null ? <IdentityReceived identity={identity} /> : null}
    </li>
  );
}

function IncomingRequest({
  incoming,
  mayDecide,
  onChanged,
}: {
  incoming: Incoming;
  mayDecide: boolean;
  onChanged: (message: Text) => void;
}) {
  const releasePrefix = `release-${incoming.id}-`;
  const refusePrefix = `refuse-${incoming.id}-`;
  const [values, setValues] = useState<BasisValues>(emptyBasis);
  const [reason, setReason] = useState('');
  const release = useSending();
  const refuse = useSending();
  const base = `/api/exchange/incoming-identity-requests/${encodeURIComponent(incoming.id)}`;
  const submitRelease = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    void release.send(
      async () => {
        await api.post(`${base}/release`, basisBody(values));
        onChanged({ key: 'exchange.identity.released' });
      },
      basisFieldNames,
      releasePrefix,
    );
  };
  const submitRefusal = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    void refuse.send(
      async () => {
        await api.post(`${base}/refuse`, { reason });
        onChanged({ key: 'exchange.identity.refused' });
      },
      ['reason'],
      refusePrefix,
    );
  };
  return (
    <li>
      <SummaryList
        rows={[
          {
            key: 'status',
            label: t('exchange.identity.label.status'),
            value: <strong className="tag">{t(`exchange.identity.status.${incoming.status}`)}</strong>,
          },
          {
            key: 'partnerRecord',
            label: t('exchange.identity.label.partnerRecord'),
            value: incoming.partnerRecord,
          },
          {
            key: 'partnerBasis',
            label: t('exchange.identity.label.partnerBasis'),
            value: t(`tracing.basis.${incoming.partnerBasisKind}`),
          },
          {
            key: 'asked',
            label: t('exchange.identity.label.asked'),
            value: groupsText(incoming.requestedFields),
          },
          {
            key: 'receivedAt',
            label: t('exchange.identity.label.receivedAt'),
            value: formatDateTime(incoming.receivedAt),
          },
          ...(incoming.basisKind
            ? [
                {
                  key: 'basis',
                  label: t('exchange.identity.label.basis'),
                  value: `${t(`tracing.basis.${incoming.basisKind}`)} · ${incoming.basisReference ?? ''}`,
                },
              ]
            : []),
          ...(incoming.releasedFields
            ? [
                {
                  key: 'released',
                  label: t('exchange.identity.label.released'),
                  value: groupsText(incoming.releasedFields),
                },
              ]
            : []),
          ...(incoming.refusalReason
            ? [
                {
                  key: 'reason',
                  label: t('exchange.identity.label.refusalReason'),
                  value: incoming.refusalReason,
                },
              ]
            : []),
        ]}
      />
      {mayDecide && incoming.status === 'pending' ? (
        <>
          <form className="form" noValidate onSubmit={submitRelease}>
            <h4 className="heading-s">{t('exchange.identity.release.heading')}</h4>
            <p className="hint">{t('exchange.identity.release.hint')}</p>
            <ErrorSummary items={release.errors.summary} />
            <BasisFields
              prefix={releasePrefix}
              kindLegend={t('exchange.identity.field.basisKindRelease')}
              values={values}
              onChange={setValues}
              errors={release.errors}
            />
            <SubmitButton sending={release.sending}>{t('exchange.identity.release.submit')}</SubmitButton>
          </form>
          <form className="form" noValidate onSubmit={submitRefusal}>
            <h4 className="heading-s">{t('exchange.identity.refuse.heading')}</h4>
            <ErrorSummary items={refuse.errors.summary} />
            <TextArea
              name={`${refusePrefix}reason`}
              legend={t('exchange.identity.field.refusalReason')}
              hint={t('exchange.identity.field.refusalReasonHint')}
              rows={3}
              value={reason}
              onChange={setReason}
              error={refuse.errors.fields[`${refusePrefix}reason`]}
            />
            <SubmitButton sending={refuse.sending}>{t('exchange.identity.refuse.submit')}</SubmitButton>
          </form>
        </>
      ) : null}
    </li>
  );
}

/** The identity exchange of a partner candidate: shown on its review screen. */
export function IdentityExchangePanel({ candidate }: { candidate: Candidate }) {
  const mayView = candidate.allowedActions.includes('exchange.identity.view');
  const mayRequest = candidate.allowedActions.includes('exchange.identity.request');
  const mayRelease = candidate.allowedActions.includes('exchange.identity.release');
  const exchanges = useApi<Exchanges>(
    mayView ? `/api/exchange/candidates/${encodeURIComponent(candidate.id)}/identity-exchanges` : null,
  );
  const [done, setDone] = useState<Text | null>(null);
  if (!mayView) return null;
  const onChanged = (message: Text) => {
    setDone(message);
    exchanges.reload();
  };
  return (
    <section aria-labelledby="identity-exchange-heading">
      <h2 className="heading-m" id="identity-exchange-heading">
        {t('exchange.identity.heading')}
      </h2>
      <p className="body">{t('exchange.identity.intro')}</p>
      <SuccessBanner message={done} />
      <AsyncState resource={exchanges}>
        {({ outgoing, incoming }) => {
          const live = outgoing.some(
            (exchange) => exchange.status === 'sent' || exchange.status === 'received',
          );
          return (
            <>
              {outgoing.length > 0 ? (
                <>
                  <h3 className="heading-s">{t('exchange.identity.outgoing.heading')}</h3>
                  <ul className="list">
                    {outgoing.map((exchange) => (
                      <OutgoingExchange
                        key={exchange.id}
                        exchange={exchange}
                        mayAct={mayRequest}
                        onChanged={onChanged}
                      />
                    ))}
                  </ul>
                </>
              ) : null}
              {mayRequest && !live ? (
                candidate.status === 'confirmed' ? (
                  <RequestForm candidate={candidate} onDone={onChanged} />
                ) : candidate.status === 'open' ? (
                  <p className="hint">{t('exchange.identity.notConfirmed')}</p>
                ) : null
              ) : null}
              <h3 className="heading-s">{t('exchange.identity.incoming.heading')}</h3>
              {incoming.length === 0 ? (
                <p className="body">{t('exchange.identity.incoming.empty')}</p>
              ) : (
                <ul className="list">
                  {incoming.map((request) => (
                    <IncomingRequest
                      key={request.id}
                      incoming={request}
                      mayDecide={mayRelease}
                      onChanged={onChanged}
                    />
                  ))}
                </ul>
              )}
            </>
          );
        }}
      </AsyncState>
    </section>
  );
}
