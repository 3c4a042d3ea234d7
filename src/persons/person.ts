import type { Identity, IdentityDocument } from './person.schema.js';

// The person register's rules, without I/O (DESIGN §3 "Pseudonyms"). Everywhere outside the
// encrypted identity a person is an id and a random reference; the reference reveals neither a
// name nor how many people are registered.

/** A registered person as every capability sees them: pseudonymous, never a name. */
export type Person = {
  id: string;
  /** Random, e.g. P-7K3M-QX9D: what people quote on the phone and write on paper. */
  reference: string;
  /** The organisation that registered the person and answers for their data. */
  ownerOrganisationId: string;
  registeredAt: Date;
  /** When the identity was erased (crypto-shredded); the pseudonymous record stays. */
  erasedAt: Date | null;
};

export const REFERENCE_PREFIX = 'P';

/** Where the identity ciphertext lives; its associated data binds it to this row and this person. */
export const identityLocation = (personId: string) => ({
  table: 'persons.person',
  column: 'identity',
  rowId: personId,
  subjectId: personId,
});

/** The blind index purpose of identity document numbers: digests of other values never match. */
export const DOCUMENT_NUMBER_PURPOSE = 'person.document';

/** The document a person is looked up by: the first one given (usually a passport or identity card). */
export const mainIdentityDocument = (identity: Identity): IdentityDocument | null =>
  identity.documents?.[0] ?? null;

/**
 * A document number as it is compared in look-ups: without spaces and dashes, which people type
 * in some places and not others ("AB 123-456" finds "AB123456"). Case and Unicode forms are folded
 * by the blind index itself.
 */
export const documentNumberForLookup = (number: string): string => number.replace(/[\s\p{Pd}]/gu, '');

/** The identity without its contact details, for readers allowed the identity but not contacts. */
export function identityWithoutContacts(identity: Identity): Identity {
  const { contacts: _contacts, ...rest } = identity;
  return rest;
}
