import type { MessageKey } from '../../web/i18n.js';

// One list of roles for server and screens: src/security/roles.ts is pure and bundles as is.
import { type Role, roles } from '../roles.js';

export { type Role, roles };

export function isRole(value: string): value is Role {
  return (roles as readonly string[]).includes(value);
}

/** The message key naming a role; unknown roles from a newer server fall back to their code. */
export function roleKey(role: string): MessageKey | null {
  return isRole(role) ? `role.${role}` : null;
}
