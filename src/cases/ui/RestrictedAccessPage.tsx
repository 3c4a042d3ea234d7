// Access requests for people under a restricted notice (002 l. 827; ADR 0023): another authority
// asks by case number — the only thing it knows — and the designated officer alone grants (the data
// asked for or less, until a date, after the police or witness protection office examined the
// request) or refuses with a reason. The server audits every request and decision.

import { type FormEvent, type ReactNode, useRef, useState } from 'react';
import { api, toApiError } from '../../web/api.js';
import { AsyncState } from '../../web/components/AsyncState.js';
import { SuccessBanner } from '../../web/components/Banner.js';
import { ErrorSummary } from '../../web/components/ErrorSummary.js';
import { Checkboxes, SubmitButton, TextInput } from '../../web/components/fields.js';
import { errorsInPageOrder } from '../../web/components/form-checks.js';
import { type FormErrors, noErrors, problemToFormErrors } from '../../web/components/form-errors.js';
import { Page } from '../../web/components/Page.js';
import { SummaryList } from '../../web/components/SummaryList.js';
import type { Text } from '../../web/components/text.js';
import { type MessageKey, t } from '../../web/i18n.js';
import { useApi } from '../../web/resource.js';
import { getFlash, Link, navigate, usePathname } from '../../web/router.js';
import { can, useSession } from '../../web/session.js';
import { type DateParts, emptyDate, formatDate, isEmptyDate, todayParts, toIsoDate } from './dates.js';
import { DateInput, Radios, TextArea, useErrorTitle } from './fields.js';
import { type DirectoryOrganisation, organisationName, useOrganisations } from './organisations.js';
import { dataCategories, label } from './types.js';

/** GET /api/restricted-access-requests (restricted-notice.schema.ts AccessRequestView). */
export type AccessRequest = {
  id: string;
  caseReference: string;
  requestingOrganisationId: string;
  purpose: string;
  categories: string[];
  requestedOn: string;
  status: 'pending' | 'granted' | 'refused';
  decidedOn: string | null;
  refusalReason: string | null;
  decidedByActor: boolean;
};

const requestsPath = '/api/restricted-access-requests';
const useAccessRequests = () => useApi<{ requests: AccessRequest[] }>(requestsPath);

/** Requests the user decides and that wait for them first, then the newest. */
const byUrgency = (a: AccessRequest, b: AccessRequest) =>
  Number(b.decidedByActor && b.status === 'pending') - Number(a.decidedByActor && a.status === 'pending') ||
  b.requestedOn.localeCompare(a.requestedOn);

export function RestrictedAccessPage() {
  const session = useSession();
  const pathname = usePathname();
  const requests = useAccessRequests();
  const organisations = useOrganisations();
  const [filed, setFiled] = useState<Text | null>(null);
  const isOfficer = session?.user.roles.includes('restricted_notice_officer') ?? false;
  return (
    <Page title={t('access.title')} before={<SuccessBanner message={filed ?? getFlash(pathname)} />}>
      <p className="body">{t('access.intro')}</p>
      {isOfficer && session ? (
        <p className="body">
          {t('access.officerNumber')} <code style={{ overflowWrap: 'anywhere' }}>{session.user.id}</code>
        </p>
      ) : null}
      {can(session, 'restricted-access.request') ? (
        <FileRequestForm
          onFiled={(reference) => {
            setFiled({ key: 'access.filed', params: { reference } });
            requests.reload();
          }}
        />
      ) : null}
      <section aria-labelledby="access-list">
        <h2 className="heading-m" id="access-list">
          {t('access.listTitle')}
        </h2>
        <AsyncState
          resource={requests}
          isEmpty={(data) => data.requests.length === 0}
          empty={<p className="body">{t('access.empty')}</p>}
        >
          {(data) => (
            <ul className="list" style={{ paddingLeft: 0, listStyle: 'none' }}>
              {[...data.requests].sort(byUrgency).map((request) => (
                <RequestCard
                  key={request.id}
                  request={request}
                  organisations={organisations.data?.organisations}
                >
                  {request.decidedByActor && request.status === 'pending' ? (
                    <Link href={`/restricted-access/${encodeURIComponent(request.id)}`}>
                      {t('access.decide')}
                      <span className="visually-hidden">
                        {' '}
                        {t('access.requestTitle', { reference: request.caseReference })}
                      </span>
                    </Link>
                  ) : null}
                </RequestCard>
              ))}
            </ul>
          )}
        </AsyncState>
      </section>
    </Page>
  );
}

function RequestCard({
  request,
  organisations,
  children,
}: {
  request: AccessRequest;
  organisations: readonly DirectoryOrganisation[] | undefined;
  children?: ReactNode;
}) {
  const categories = (list: readonly string[]) =>
    list.map((category) => label('dataCategory', category)).join(', ');
  return (
    <li className="card" style={{ marginBottom: '1.5rem' }}>
      <h3 className="heading-s">{t('access.requestTitle', { reference: request.caseReference })}</h3>
      <SummaryList
        rows={[
          {
            key: 'status',
            label: t('access.field.status'),
            value: (
              <strong className={request.status === 'pending' ? 'tag' : 'tag tag--grey'}>
                {t(`access.status.${request.status}` as MessageKey)}
              </strong>
            ),
          },
          ...(request.decidedByActor
            ? [
                {
                  key: 'from',
                  label: t('access.field.from'),
                  value: organisationName(
                    organisations,
                    request.requestingOrganisationId,
                    t('consent.unknownOrganisation'),
                  ),
                },
              ]
            : []),
          {
            key: 'requestedOn',
            label: t('access.field.requestedOn'),
            value: formatDate(request.requestedOn),
          },
          { key: 'purpose', label: t('access.field.purpose'), value: request.purpose },
          { key: 'categories', label: t('access.field.categories'), value: categories(request.categories) },
          ...(request.decidedOn
            ? [{ key: 'decidedOn', label: t('access.field.decidedOn'), value: formatDate(request.decidedOn) }]
            : []),
          ...(request.refusalReason
            ? [{ key: 'refusalReason', label: t('access.field.refusalReason'), value: request.refusalReason }]
            : []),
        ]}
      />
      {children}
    </li>
  );
}

const fileOrder = ['caseReference', 'purpose', 'categories'] as const;
type FileField = (typeof fileOrder)[number];

function FileRequestForm({ onFiled }: { onFiled: (reference: string) => void }) {
  const [caseReference, setCaseReference] = useState('');
  const [purpose, setPurpose] = useState('');
  const [categories, setCategories] = useState<string[]>([]);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [sending, setSending] = useState(false);
  const sendingRef = useRef(false);
  useErrorTitle(errors.summary.length > 0);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (sendingRef.current) return;
    const reference = caseReference.trim().toUpperCase();
    const problems: Partial<Record<FileField, Text>> = {};
    if (!reference) problems.caseReference = { key: 'access.error.caseReference' };
    if (!purpose.trim()) problems.purpose = { key: 'access.error.purpose' };
    if (categories.length === 0) problems.categories = { key: 'access.error.categories' };
    if (Object.keys(problems).length > 0) {
      setErrors(errorsInPageOrder(fileOrder, problems));
      return;
    }
    sendingRef.current = true;
    setSending(true);
    try {
      const created = await api.post<AccessRequest>(requestsPath, {
        caseReference: reference,
        purpose: purpose.trim(),
        categories,
      });
      setErrors(noErrors);
      setCaseReference('');
      setPurpose('');
      setCategories([]);
      onFiled(created.caseReference);
    } catch (failure) {
      const error = toApiError(failure);
      const kind = error.problem.type.replace('/problems/restricted-access/', '');
      // A number without a notice in force answers 404, exactly like an unknown number.
      if (error.status === 404)
        setErrors(errorsInPageOrder(fileOrder, { caseReference: { key: 'access.error.caseUnknown' } }));
      else if (kind === 'purpose-missing')
        setErrors(errorsInPageOrder(fileOrder, { purpose: { key: 'access.error.purpose' } }));
      else if (kind === 'no-categories')
        setErrors(errorsInPageOrder(fileOrder, { categories: { key: 'access.error.categories' } }));
      else setErrors(problemToFormErrors(error, fileOrder));
    } finally {
      sendingRef.current = false;
      setSending(false);
    }
  };

  return (
    <section aria-labelledby="access-file">
      <form className="form" noValidate onSubmit={(event) => void submit(event)}>
        <ErrorSummary items={errors.summary} />
        <h2 className="heading-m" id="access-file">
          {t('access.fileTitle')}
        </h2>
        <TextInput
          name="caseReference"
          label={t('access.caseReference')}
          hint={t('access.caseReferenceHint')}
          value={caseReference}
          onChange={setCaseReference}
          error={errors.fields.caseReference}
          autoComplete="off"
          spellCheck={false}
          width="medium"
        />
        <TextArea
          name="purpose"
          legend={t('access.purpose')}
          hint={t('access.purposeHint')}
          value={purpose}
          onChange={setPurpose}
          error={errors.fields.purpose}
        />
        <Checkboxes
          name="categories"
          label={t('access.categories')}
          hint={t('access.categoriesHint')}
          options={dataCategories
            .filter((category) => category !== 'statistics')
            .map((value) => ({ value, label: label('dataCategory', value) }))}
          values={categories}
          onChange={setCategories}
          error={errors.fields.categories}
        />
        <SubmitButton sending={sending}>{t('access.fileSubmit')}</SubmitButton>
      </form>
    </section>
  );
}

/** One request and, for its designated officer while it waits, the decision. */
export function AccessDecisionPage({ requestId }: { requestId: string }) {
  const requests = useAccessRequests();
  const organisations = useOrganisations();
  return (
    <Page
      title={t('access.decideTitle')}
      before={
        <Link className="back-link" href="/restricted-access">
          {t('access.back')}
        </Link>
      }
    >
      <AsyncState resource={requests}>
        {(data) => {
          const request = data.requests.find((candidate) => candidate.id === requestId);
          if (!request) return <p className="body">{t('access.notFound')}</p>;
          return (
            <>
              <ul className="list" style={{ paddingLeft: 0, listStyle: 'none' }}>
                <RequestCard request={request} organisations={organisations.data?.organisations} />
              </ul>
              {request.decidedByActor && request.status === 'pending' ? (
                <DecisionForm request={request} />
              ) : null}
            </>
          );
        }}
      </AsyncState>
    </Page>
  );
}

const decisionOrder = [
  'decision',
  'purpose',
  'categories',
  'endsOn',
  'protectionOfficeExaminedOn',
  'reason',
] as const;
type DecisionField = (typeof decisionOrder)[number];

/** Where the server's refusal belongs (restricted-notice.routes.ts decisionProblems). */
const decisionRefusals: Record<string, { field: DecisionField | null; message: MessageKey }> = {
  'refusal-needs-reason': { field: 'reason', message: 'access.error.refusalReason' },
  'grant-needs-purpose': { field: 'purpose', message: 'access.error.grantPurpose' },
  'grant-needs-categories': { field: 'categories', message: 'access.error.categories' },
  'grant-wider-than-request': { field: 'categories', message: 'access.error.grantWider' },
  'grant-ends-before-today': { field: 'endsOn', message: 'access.error.endsOn' },
  'protection-office-not-consulted': {
    field: 'protectionOfficeExaminedOn',
    message: 'access.error.examinedOn',
  },
  'already-decided': { field: null, message: 'access.error.alreadyDecided' },
  'not-designated-officer': { field: null, message: 'access.error.notOfficer' },
};

function DecisionForm({ request }: { request: AccessRequest }) {
  const [decision, setDecision] = useState('');
  const [purpose, setPurpose] = useState(request.purpose);
  const [categories, setCategories] = useState<string[]>(request.categories);
  const [endsOn, setEndsOn] = useState<DateParts>(emptyDate);
  const [examinedOn, setExaminedOn] = useState<DateParts>(todayParts());
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [sending, setSending] = useState(false);
  const sendingRef = useRef(false);
  useErrorTitle(errors.summary.length > 0);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (sendingRef.current) return;
    const problems: Partial<Record<DecisionField, Text>> = {};
    const ends = isEmptyDate(endsOn) ? null : toIsoDate(endsOn);
    const examined = isEmptyDate(examinedOn) ? null : toIsoDate(examinedOn);
    if (!decision) problems.decision = { key: 'access.error.decision' };
    if (decision === 'grant') {
      if (!purpose.trim()) problems.purpose = { key: 'access.error.grantPurpose' };
      if (categories.length === 0) problems.categories = { key: 'access.error.categories' };
      if (!ends) problems.endsOn = { key: 'access.error.endsOn' };
      if (!examined) problems.protectionOfficeExaminedOn = { key: 'access.error.examinedOn' };
    }
    if (decision === 'refuse' && !reason.trim()) problems.reason = { key: 'access.error.refusalReason' };
    if (Object.keys(problems).length > 0) {
      setErrors(errorsInPageOrder(decisionOrder, problems));
      return;
    }
    sendingRef.current = true;
    setSending(true);
    try {
      await api.post(
        `${requestsPath}/${encodeURIComponent(request.id)}/decision`,
        decision === 'grant'
          ? {
              decision,
              purpose: purpose.trim(),
              categories,
              endsOn: ends,
              protectionOfficeExaminedOn: examined,
            }
          : { decision, reason: reason.trim() },
      );
      navigate('/restricted-access', {
        flash: {
          key: decision === 'grant' ? 'access.granted' : 'access.refused',
          params: { reference: request.caseReference },
        },
      });
    } catch (failure) {
      const error = toApiError(failure);
      const refusal = decisionRefusals[error.problem.type.replace('/problems/restricted-access/', '')];
      if (refusal?.field)
        setErrors(errorsInPageOrder(decisionOrder, { [refusal.field]: { key: refusal.message } }));
      else if (refusal) setErrors({ summary: [{ message: { key: refusal.message } }], fields: {} });
      else setErrors(problemToFormErrors(error, decisionOrder));
    } finally {
      sendingRef.current = false;
      setSending(false);
    }
  };

  return (
    <form className="form" noValidate onSubmit={(event) => void submit(event)}>
      <ErrorSummary items={errors.summary} />
      <Radios
        name="decision"
        legend={t('access.decision')}
        options={[
          { value: 'grant', label: t('access.decision.grant') },
          { value: 'refuse', label: t('access.decision.refuse') },
        ]}
        value={decision}
        onChange={setDecision}
        error={errors.fields.decision}
      />
      {decision === 'grant' ? (
        <>
          <TextArea
            name="purpose"
            legend={t('access.grantPurpose')}
            hint={t('access.grantPurposeHint')}
            value={purpose}
            onChange={setPurpose}
            error={errors.fields.purpose}
          />
          <Checkboxes
            name="categories"
            label={t('access.grantCategories')}
            hint={t('access.grantCategoriesHint')}
            options={request.categories.map((value) => ({ value, label: label('dataCategory', value) }))}
            values={categories}
            onChange={setCategories}
            error={errors.fields.categories}
          />
          <DateInput
            name="endsOn"
            legend={t('access.endsOn')}
            hint={t('access.endsOnHint')}
            value={endsOn}
            onChange={setEndsOn}
            error={errors.fields.endsOn}
          />
          <DateInput
            name="protectionOfficeExaminedOn"
            legend={t('access.examinedOn')}
            hint={t('access.examinedOnHint')}
            value={examinedOn}
            onChange={setExaminedOn}
            error={errors.fields.protectionOfficeExaminedOn}
          />
        </>
      ) : null}
      {decision === 'refuse' ? (
        <TextArea
          name="reason"
          legend={t('access.refusalReason')}
          hint={t('access.refusalReasonHint')}
          value={reason}
          onChange={setReason}
          error={errors.fields.reason}
        />
      ) : null}
      <SubmitButton sending={sending}>{t('access.decideSubmit')}</SubmitButton>
    </form>
  );
}
