import { z } from 'zod';
import { roles } from './roles.js';

export const RoleSchema = z.enum(roles);
export const Email = z.string().trim().min(3).max(254).email('Enter an email address like name@example.org');

export const LoginRequest = z.strictObject({
  email: z.string().trim().min(1, 'Enter your email address').max(254),
  password: z.string().min(1, 'Enter your password').max(1024),
});

export const SecondFactorCode = z.strictObject({
  code: z
    .string()
    .trim()
    .min(6, 'Enter the 6-digit code or a recovery code')
    .max(64)
    .regex(/^[0-9A-Za-z -]+$/, 'Enter the 6-digit code or a recovery code'),
});

export const SessionView = z.object({
  user: z.object({
    id: z.uuid(),
    email: z.string(),
    displayName: z.string(),
    organisationId: z.uuid(),
    organisationName: z.string().nullable(),
    roles: z.array(RoleSchema),
  }),
  secondFactor: z.object({ required: z.boolean(), enrolled: z.boolean(), verified: z.boolean() }),
  csrfToken: z.string(),
  permissions: z.array(z.string()),
});
export type SessionView = z.infer<typeof SessionView>;

export const EnrolmentView = z.object({ secret: z.string(), otpauthUrl: z.string(), qrCodeSvg: z.string() });
export const EnrolmentConfirmation = z.object({ recoveryCodes: z.array(z.string()), session: SessionView });
