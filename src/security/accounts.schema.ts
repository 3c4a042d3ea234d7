import { z } from 'zod';
import { Email, RoleSchema } from './auth.schema.js';
import { MIN_PASSWORD_LENGTH } from './passwords.js';

const DisplayName = z.string().trim().min(1, 'Enter the full name').max(200);
const Roles = z.array(RoleSchema).min(1, 'Choose at least one role').max(12);

export const NewPassword = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `Choose a password of at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(1024);

export const UserAccountInput = z.strictObject({
  email: Email,
  displayName: DisplayName,
  organisationId: z.uuid('Choose the organisation'),
  roles: Roles,
  password: NewPassword,
});

export const UserAccountChange = z.strictObject({
  displayName: DisplayName.optional(),
  roles: Roles.optional(),
  disabled: z.boolean().optional(),
});

export const UserAccountView = z.object({
  id: z.uuid(),
  email: z.string(),
  displayName: z.string(),
  organisationId: z.uuid(),
  organisationName: z.string().nullable(),
  roles: z.array(RoleSchema),
  secondFactorEnrolled: z.boolean(),
  lockedUntil: z.string().nullable(),
  disabled: z.boolean(),
  allowedActions: z.array(z.string()),
});

export const UserAccountParams = z.strictObject({ userId: z.uuid('Not a user id') });
