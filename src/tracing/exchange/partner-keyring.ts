import type { KeyObject } from 'node:crypto';
import type { Queryable } from '../../db/database.js';
import type { IsoDate } from '../../kernel/dates.js';
import { listPartnerKeys, type PartnerKeyOfPartner } from './exchange.store.js';
import { type KeyStanding, keyStanding } from './partner.js';
import { parsePublicKeyPem } from './signature.js';

/**
 * Every registered key of every partner, suspended or retired included: a signature is verified
 * first, and only a proven signer is then refused for its standing (a stranger cannot make the hub
 * say that a partner is suspended).
 */
export type PartnerKeyring = {
  trusted: Map<string, KeyObject>;
  keyOf: Map<string, PartnerKeyOfPartner>;
};

export async function loadPartnerKeyring(db: Queryable, partnerId?: string): Promise<PartnerKeyring> {
  const keys = await listPartnerKeys(db, partnerId);
  const trusted = new Map<string, KeyObject>();
  const keyOf = new Map<string, PartnerKeyOfPartner>();
  for (const key of keys) {
    const parsed = parsePublicKeyPem(key.publicKey);
    if (parsed === null) continue;
    trusted.set(key.publicKeyFingerprint, parsed);
    keyOf.set(key.publicKeyFingerprint, key);
  }
  return { trusted, keyOf };
}

/** The signer's key and whether it is accepted today. */
export function standingOf(
  keyring: PartnerKeyring,
  fingerprint: string,
  today: IsoDate,
): { key: PartnerKeyOfPartner; standing: KeyStanding } {
  const key = keyring.keyOf.get(fingerprint)!;
  return { key, standing: keyStanding(key, key.partnerStatus, today) };
}
