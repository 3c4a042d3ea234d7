import { type FormEvent, useRef, useState } from 'react';
import type { OrganisationList } from '../../directory/ui/types.js';
import { api, toApiError } from '../../web/api.js';
import { AsyncState } from '../../web/components/AsyncState.js';
import { ErrorSummary } from '../../web/components/ErrorSummary.js';
import { Select, SubmitButton, TextInput } from '../../web/components/fields.js';
import { type FormErrors, noErrors, problemToFormErrors } from '../../web/components/form-errors.js';
import { Page } from '../../web/components/Page.js';
import { compareText, t } from '../../web/i18n.js';
import { type Meta, useMeta } from '../../web/meta.js';
import { combine, useApi } from '../../web/resource.js';
import { Link, navigate } from '../../web/router.js';
import type { UserAccount } from './types.js';
import { RolesField } from './user-fields.js';

const fieldNames = ['email', 'displayName', 'organisationId', 'roles', 'password'] as const;

type NewUserFields = {
  email: string;
  displayName: string;
  organisationId: string;
  roles: string[];
  password: string;
};

export function NewUserPage() {
  const meta = useMeta();
  const organisations = useApi<OrganisationList>('/api/organisations');
  const [errors, setErrors] = useState<FormErrors>(noErrors);

  return (
    <Page
      title={t('user.new.title')}
      hasErrors={errors.summary.length > 0}
      before={
        <>
          <Link className="back-link" href="/users">
            {t('user.backToList')}
          </Link>
          <ErrorSummary items={errors.summary} />
        </>
      }
    >
      <AsyncState resource={combine(meta, organisations)}>
        {([loadedMeta, loadedOrganisations]) => (
          <NewUserForm
            meta={loadedMeta}
            organisations={loadedOrganisations}
            errors={errors}
            onErrors={setErrors}
          />
        )}
      </AsyncState>
    </Page>
  );
}

function NewUserForm({
  meta,
  organisations,
  errors,
  onErrors,
}: {
  meta: Meta;
  organisations: OrganisationList;
  errors: FormErrors;
  onErrors: (errors: FormErrors) => void;
}) {
  const [fields, setFields] = useState<NewUserFields>({
    email: '',
    displayName: '',
    organisationId: '',
    roles: [],
    password: '',
  });
  const [sending, setSending] = useState(false);
  const sendingRef = useRef(false);

  const set =
    <K extends keyof NewUserFields>(key: K) =>
    (value: NewUserFields[K]) =>
      setFields((current) => ({ ...current, [key]: value }));

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (sendingRef.current) return;
    sendingRef.current = true;
    setSending(true);
    try {
      const user = await api.post<UserAccount>('/api/users', {
        email: fields.email.trim(),
        displayName: fields.displayName.trim(),
        organisationId: fields.organisationId,
        roles: fields.roles,
        password: fields.password,
      });
      navigate(`/users/${encodeURIComponent(user.id)}`, { flash: { key: 'user.created' } });
    } catch (failure) {
      onErrors(problemToFormErrors(toApiError(failure), fieldNames));
    } finally {
      sendingRef.current = false;
      setSending(false);
    }
  };

  const organisationOptions = organisations.organisations
    .map((organisation) => ({ value: organisation.id, label: organisation.name }))
    .sort((a, b) => compareText(a.label, b.label));

  return (
    <form className="form" noValidate onSubmit={(event) => void submit(event)}>
      <TextInput
        name="email"
        label={t('user.field.email')}
        hint={t('user.field.emailHint')}
        type="email"
        spellCheck={false}
        value={fields.email}
        onChange={set('email')}
        error={errors.fields.email}
      />
      <TextInput
        name="displayName"
        label={t('user.field.displayName')}
        spellCheck={false}
        value={fields.displayName}
        onChange={set('displayName')}
        error={errors.fields.displayName}
      />
      <Select
        name="organisationId"
        label={t('user.field.organisationId')}
        placeholder={t('user.field.organisationPlaceholder')}
        options={organisationOptions}
        value={fields.organisationId}
        onChange={set('organisationId')}
        error={errors.fields.organisationId}
      />
      <RolesField
        available={meta.roles}
        values={fields.roles}
        onChange={set('roles')}
        error={errors.fields.roles}
      />
      <TextInput
        name="password"
        label={t('user.field.password')}
        hint={t('user.field.passwordHint')}
        type="password"
        autoComplete="new-password"
        value={fields.password}
        onChange={set('password')}
        error={errors.fields.password}
      />
      <SubmitButton sending={sending}>{t('user.new.submit')}</SubmitButton>
    </form>
  );
}
