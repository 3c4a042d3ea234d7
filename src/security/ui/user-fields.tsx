import { Checkboxes } from '../../web/components/fields.js';
import type { Text } from '../../web/components/text.js';
import { t } from '../../web/i18n.js';
import { roleKey, roles } from './roles.js';

export function roleLabel(role: string): string {
  const key = roleKey(role);
  return key ? t(key) : role;
}

/** The roles checkboxes, in the order the server lists them (falling back to the known order). */
export function RolesField({
  available,
  values,
  onChange,
  error,
}: {
  available: readonly string[];
  values: readonly string[];
  onChange: (values: string[]) => void;
  error: Text | undefined;
}) {
  const options = (available.length > 0 ? available : roles).map((role) => ({
    value: role,
    label: roleLabel(role),
  }));
  return (
    <Checkboxes
      name="roles"
      label={t('user.field.roles')}
      hint={t('user.field.rolesHint')}
      options={options}
      values={values}
      onChange={onChange}
      error={error}
    />
  );
}

/** The account's status in words (never colour alone). */
export function userStatusText(
  user: { disabled: boolean; lockedUntil: string | null },
  now = Date.now(),
): string {
  if (user.disabled) return t('user.status.disabled');
  if (user.lockedUntil && Date.parse(user.lockedUntil) > now) return t('user.status.locked');
  return t('user.status.active');
}
