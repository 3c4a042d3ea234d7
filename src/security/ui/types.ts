import type { Session } from '../../web/session.js';
import type { Role } from './roles.js';

export type UserAccount = {
  id: string;
  email: string;
  displayName: string;
  organisationId: string;
  organisationName: string;
  roles: Role[];
  secondFactorEnrolled: boolean;
  lockedUntil: string | null;
  disabled: boolean;
  allowedActions: string[];
};

export type AuditEntry = {
  seq: number;
  occurredAt: string;
  actorKind: string;
  actorId: string | null;
  actorLabel: string | null;
  organisationId: string | null;
  action: string;
  subjectType: string | null;
  subjectId: string | null;
  outcome: string;
  requestId: string | null;
};

export type AuditPage = { entries: AuditEntry[]; nextBefore: number | null };

export type ChainVerification =
  | { valid: true; entries: number }
  | { valid: false; entries: number; firstBadSeq: number; reason: string };

export type Enrolment = { secret: string; otpauthUrl: string; qrCodeSvg: string };

export type EnrolmentConfirmation = { recoveryCodes: string[]; session: Session };

export const userActions = { update: 'user.update' } as const;
