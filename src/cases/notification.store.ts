import type { Queryable } from '../db/database.js';
import { sql } from '../db/sql.js';
import type { IsoDate } from '../kernel/dates.js';
import { newId } from '../kernel/ids.js';
import type { Role } from '../security/roles.js';

/** The only code that touches cases.notification and cases.ownership_transfer. */

export const notificationKinds = [
  'consent_withdrawn',
  'override_without_consent',
  'defendant_released',
  'ownership_transferred',
] as const;
export type NotificationKind = (typeof notificationKinds)[number];

export type Notification = {
  id: string;
  kind: NotificationKind;
  organisationId: string | null;
  addressedRole: Role | null;
  caseId: string;
  caseReference: string;
  details: Record<string, string>;
  createdOn: IsoDate;
  acknowledgedAt: Date | null;
};

export type NewNotification = {
  kind: NotificationKind;
  to: { organisationId: string } | { role: Role };
  caseId: string;
  /** Ids and codes only. */
  details?: Record<string, string>;
};

export async function insertNotifications(
  tx: Queryable,
  notifications: readonly NewNotification[],
  when: { on: IsoDate; at: Date },
): Promise<void> {
  if (notifications.length === 0) return;
  await tx.query(sql`
    insert into cases.notification (id, kind, organisation_id, addressed_role, case_id, details, created_on, created_at)
    values ${sql.join(
      notifications.map(
        (notification) => sql`(${newId()}, ${notification.kind},
          ${'organisationId' in notification.to ? notification.to.organisationId : null},
          ${'role' in notification.to ? notification.to.role : null}, ${notification.caseId},
          ${JSON.stringify(notification.details ?? {})}::jsonb, ${when.on}, ${when.at})`,
      ),
    )}`);
}

const columns = sql`notification.id, notification.kind, notification.organisation_id as "organisationId",
  notification.addressed_role as "addressedRole", notification.case_id as "caseId",
  case_file.reference as "caseReference", notification.details,
  to_char(notification.created_on, 'YYYY-MM-DD') as "createdOn", notification.acknowledged_at as "acknowledgedAt"`;

/** Addressed to the reader: to their organisation, or to a role they hold. */
const addressedTo = (reader: { organisationId: string; roles: readonly Role[] }) =>
  sql`(notification.organisation_id = ${reader.organisationId}
       or notification.addressed_role = any(${[...reader.roles]}::text[]))`;

export async function listNotificationsFor(
  db: Queryable,
  reader: { organisationId: string; roles: readonly Role[] },
  options: { unacknowledgedOnly: boolean; limit: number },
): Promise<Notification[]> {
  const found = await db.query<Notification>(sql`
    select ${columns} from cases.notification notification
    join cases.case_file case_file on case_file.id = notification.case_id
    where ${addressedTo(reader)} ${options.unacknowledgedOnly ? sql`and notification.acknowledged_at is null` : sql``}
    order by notification.created_at desc, notification.id
    limit ${options.limit}`);
  return found.rows;
}

/** False when no such notification is addressed to the reader (or it was acknowledged already). */
export async function acknowledgeNotification(
  tx: Queryable,
  id: string,
  reader: { organisationId: string; roles: readonly Role[]; userId: string },
  at: Date,
): Promise<boolean> {
  const updated = await tx.query(sql`
    update cases.notification set acknowledged_at = ${at}, acknowledged_by = ${reader.userId}
    where id = ${id} and acknowledged_at is null and ${addressedTo(reader)}`);
  return updated.rowCount > 0;
}

export async function recordOwnershipTransfer(
  tx: Queryable,
  transfer: {
    caseId: string;
    fromOrganisationId: string;
    toOrganisationId: string;
    on: IsoDate;
    reason: string;
    by: string;
    at: Date;
  },
): Promise<void> {
  await tx.query(sql`
    insert into cases.ownership_transfer
      (id, case_id, from_organisation_id, to_organisation_id, transferred_on, reason, transferred_by, created_at)
    values (${newId()}, ${transfer.caseId}, ${transfer.fromOrganisationId}, ${transfer.toOrganisationId},
            ${transfer.on}, ${transfer.reason}, ${transfer.by}, ${transfer.at})`);
  await tx.query(sql`update cases.case_file set owner_organisation_id = ${transfer.toOrganisationId},
    updated_at = ${transfer.at} where id = ${transfer.caseId}`);
  // The owner's deadlines are the new owner's to act on.
  await tx.query(sql`update cases.deadline set organisation_id = ${transfer.toOrganisationId}
    where case_id = ${transfer.caseId} and organisation_id = ${transfer.fromOrganisationId}`);
}
