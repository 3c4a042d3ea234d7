import { type FormEvent, useRef, useState } from 'react';
import { api, toApiError } from '../../web/api.js';
import { AsyncState } from '../../web/components/AsyncState.js';
import { SuccessBanner } from '../../web/components/Banner.js';
import { ErrorSummary } from '../../web/components/ErrorSummary.js';
import { Checkbox, SubmitButton, TextInput } from '../../web/components/fields.js';
import { type FormErrors, noErrors, problemToFormErrors } from '../../web/components/form-errors.js';
import { Page } from '../../web/components/Page.js';
import { SummaryList } from '../../web/components/SummaryList.js';
import type { Text } from '../../web/components/text.js';
import { formatDateTime, t } from '../../web/i18n.js';
import { type Meta, useMeta } from '../../web/meta.js';
import { NotFoundPage } from '../../web/pages/NotFoundPage.js';
import { combine, useApi } from '../../web/resource.js';
import { getFlash, Link, usePathname } from '../../web/router.js';
import { type UserAccount, userActions } from './types.js';
import { RolesField, roleLabel, userStatusText } from './user-fields.js';

const editFieldNames = ['displayName', 'roles', 'disabled'] as const;

/** One user account. The h1 names the person; document.title never does. */
export function UserPage({ id }: { id: string }) {
  const pathname = usePathname();
  const user = useApi<UserAccount>(`/api/users/${encodeURIComponent(id)}`);
  const meta = useMeta();
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState<Text | null>(null);
  const [errors, setErrors] = useState<FormErrors>(noErrors);

  if (user.error?.status === 404) return <NotFoundPage />;

  if (editing && user.data && meta.data) {
    const stopEditing = (message: Text | null) => {
      setErrors(noErrors);
      setSaved(message);
      setEditing(false);
    };
    return (
      <Page
        key="edit"
        title={t('user.edit.title')}
        heading={t('user.edit.title')}
        caption={user.data.displayName}
        hasErrors={errors.summary.length > 0}
        focusOnMount
        before={<ErrorSummary items={errors.summary} />}
      >
        <EditUserForm
          id={id}
          user={user.data}
          meta={meta.data}
          errors={errors}
          onErrors={setErrors}
          onSaved={(updated) => {
            user.update(updated);
            stopEditing({ key: 'user.saved' });
          }}
          onCancel={() => stopEditing(null)}
        />
      </Page>
    );
  }

  return (
    <Page
      key="view"
      title={t('user.title')}
      heading={user.data ? <span dir="auto">{user.data.displayName}</span> : t('user.title')}
      caption={t('user.title')}
      focusOnMount={saved !== null}
      before={
        <>
          <Link className="back-link" href="/users">
            {t('user.backToList')}
          </Link>
          <SuccessBanner message={saved ?? getFlash(pathname)} />
        </>
      }
    >
      <AsyncState resource={combine(user, meta)}>
        {([loaded]) => (
          <>
            <UserDetails user={loaded} />
            {loaded.allowedActions.includes(userActions.update) ? (
              <button
                className="button button--secondary"
                type="button"
                onClick={() => {
                  setSaved(null);
                  setEditing(true);
                }}
              >
                {t('user.change')}
              </button>
            ) : null}
          </>
        )}
      </AsyncState>
    </Page>
  );
}

function UserDetails({ user }: { user: UserAccount }) {
  const locked = user.lockedUntil !== null && Date.parse(user.lockedUntil) > Date.now();
  return (
    <SummaryList
      rows={[
        { key: 'email', label: t('user.field.email'), value: user.email },
        { key: 'organisation', label: t('user.field.organisationId'), value: user.organisationName },
        {
          key: 'roles',
          label: t('user.field.roles'),
          value:
            user.roles.length > 0 ? (
              <ul className="list">
                {user.roles.map((role) => (
                  <li key={role}>{roleLabel(role)}</li>
                ))}
              </ul>
            ) : (
              t('user.noRoles')
            ),
        },
        {
          key: 'status',
          label: t('user.field.status'),
          value:
            locked && !user.disabled && user.lockedUntil
              ? t('user.status.lockedUntil', { time: formatDateTime(user.lockedUntil) })
              : userStatusText(user),
        },
        {
          key: 'secondFactor',
          label: t('user.field.secondFactor'),
          value: user.secondFactorEnrolled
            ? t('user.secondFactor.enrolled')
            : t('user.secondFactor.notEnrolled'),
        },
      ]}
    />
  );
}

type EditUserFormProps = {
  id: string;
  user: UserAccount;
  meta: Meta;
  errors: FormErrors;
  onErrors: (errors: FormErrors) => void;
  onSaved: (user: UserAccount) => void;
  onCancel: () => void;
};

function EditUserForm({ id, user, meta, errors, onErrors, onSaved, onCancel }: EditUserFormProps) {
  const [displayName, setDisplayName] = useState(user.displayName);
  const [roles, setRoles] = useState<string[]>(user.roles);
  const [disabled, setDisabled] = useState(user.disabled);
  const [sending, setSending] = useState(false);
  const sendingRef = useRef(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (sendingRef.current) return;
    sendingRef.current = true;
    setSending(true);
    try {
      const updated = await api.patch<UserAccount>(`/api/users/${encodeURIComponent(id)}`, {
        displayName: displayName.trim(),
        roles,
        disabled,
      });
      onSaved(updated);
    } catch (failure) {
      onErrors(problemToFormErrors(toApiError(failure), editFieldNames));
    } finally {
      sendingRef.current = false;
      setSending(false);
    }
  };

  return (
    <form className="form" noValidate onSubmit={(event) => void submit(event)}>
      <TextInput
        name="displayName"
        label={t('user.field.displayName')}
        spellCheck={false}
        value={displayName}
        onChange={setDisplayName}
        error={errors.fields.displayName}
      />
      <RolesField available={meta.roles} values={roles} onChange={setRoles} error={errors.fields.roles} />
      <Checkbox
        name="disabled"
        label={t('user.field.disabled')}
        hint={t('user.field.disabledHint')}
        checked={disabled}
        onChange={setDisabled}
        error={errors.fields.disabled}
      />
      <SubmitButton
        sending={sending}
        secondary={
          <button className="button button--secondary" type="button" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        }
      >
        {t('common.saveChanges')}
      </SubmitButton>
    </form>
  );
}
