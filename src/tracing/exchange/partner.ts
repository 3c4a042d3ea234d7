import type { IsoDate } from '../../kernel/dates.js';

// Partner installations: suspension and key rotation (issue 5 acceptance 4 and 9; docs/decisions/0026).
// Pure rules; `today` is this installation's calendar date.

export type PartnerStatus = 'active' | 'suspended';

/** Whether a signature by this key is accepted today, and if not, why. */
export type KeyStanding = 'accepted' | 'key-retired' | 'partner-suspended';

/**
 * A key is accepted while its partner is active and until its retirement day (the first day it is
 * refused). Suspension comes first: a suspended partner is refused whichever key it signs with.
 */
export function keyStanding(
  key: { retiresOn: IsoDate | null },
  partnerStatus: PartnerStatus,
  today: IsoDate,
): KeyStanding {
  if (partnerStatus !== 'active') return 'partner-suspended';
  if (key.retiresOn !== null && today >= key.retiresOn) return 'key-retired';
  return 'accepted';
}

/** The three states a key shows on the partners page. */
export const keyState = (
  key: { retiresOn: IsoDate | null },
  today: IsoDate,
): 'current' | 'retiring' | 'retired' =>
  key.retiresOn === null ? 'current' : today >= key.retiresOn ? 'retired' : 'retiring';

export type StatusChangeRefusal = { kind: 'already-in-status'; status: PartnerStatus };

export function decidePartnerStatusChange(
  current: PartnerStatus,
  to: PartnerStatus,
):
  | { outcome: 'change'; from: PartnerStatus; to: PartnerStatus }
  | { outcome: 'refuse'; refusal: StatusChangeRefusal } {
  if (current === to) return { outcome: 'refuse', refusal: { kind: 'already-in-status', status: current } };
  return { outcome: 'change', from: current, to };
}

/** The longest an old key may stay valid after a rotation: long enough to reach every partner. */
export const MAX_OVERLAP_DAYS = 90;

export type KeyRotationRefusal =
  | { kind: 'retirement-in-the-past'; retiresOn: IsoDate; today: IsoDate }
  | { kind: 'overlap-too-long'; retiresOn: IsoDate; latest: IsoDate };

/**
 * When the old keys are retired: today (at once) when no day is given, else the day given, which
 * may not be in the past nor more than MAX_OVERLAP_DAYS away.
 */
export function decideKeyRotation(
  oldKeyRetiresOn: IsoDate | null,
  today: IsoDate,
): { outcome: 'rotate'; oldKeysRetireOn: IsoDate } | { outcome: 'refuse'; refusal: KeyRotationRefusal } {
  if (oldKeyRetiresOn === null) return { outcome: 'rotate', oldKeysRetireOn: today };
  if (oldKeyRetiresOn < today)
    return {
      outcome: 'refuse',
      refusal: { kind: 'retirement-in-the-past', retiresOn: oldKeyRetiresOn, today },
    };
  const latest = addDays(today, MAX_OVERLAP_DAYS);
  if (oldKeyRetiresOn > latest)
    return { outcome: 'refuse', refusal: { kind: 'overlap-too-long', retiresOn: oldKeyRetiresOn, latest } };
  return { outcome: 'rotate', oldKeysRetireOn: oldKeyRetiresOn };
}

function addDays(day: IsoDate, days: number): IsoDate {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10) as IsoDate;
}
