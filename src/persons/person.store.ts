import type { Queryable } from '../db/database.js';
import { type SqlFragment, sql } from '../db/sql.js';
import { newId, newReference } from '../kernel/ids.js';
import { blindIndex, SubjectErased, UnreadableCiphertext } from '../security/field-encryption.js';
import { decryptField, encryptField } from '../security/field-encryption.store.js';
import type { Keyring } from '../security/keyring.js';
import {
  DOCUMENT_NUMBER_PURPOSE,
  documentNumberForLookup,
  identityLocation,
  mainIdentityDocument,
  type Person,
  REFERENCE_PREFIX,
} from './person.js';
import type { Identity } from './person.schema.js';

/** The only code that touches persons.person, and the one that seals and opens identities. */

/** The identity as stored: a ciphertext only field encryption opens. */
export type SealedIdentity = Buffer & { readonly __sealed: 'identity' };

type PersonRow = Person & { identity?: Buffer | null };

const columns = sql`id, reference, owner_organisation_id as "ownerOrganisationId", created_at as "registeredAt",
  erased_at as "erasedAt"`;

const toPerson = ({ identity: _identity, ...person }: PersonRow): Person => person;

export type NewPerson = {
  id: string;
  reference: string;
  ownerOrganisationId: string;
  identity: Buffer;
  documentIndex: Buffer | null;
};

/** Inserts a person; returns null when the reference is already taken (draw another). */
export async function insertPerson(db: Queryable, person: NewPerson, at: Date): Promise<Person | null> {
  const inserted = await db.query<PersonRow>(sql`
    insert into persons.person
      (id, reference, owner_organisation_id, identity, document_index, created_at, updated_at)
    values (${person.id}, ${person.reference}, ${person.ownerOrganisationId}, ${person.identity},
            ${person.documentIndex}, ${at}, ${at})
    on conflict (reference) do nothing
    returning ${columns}`);
  return inserted.rows[0] ? toPerson(inserted.rows[0]) : null;
}

export async function findPerson(
  db: Queryable,
  id: string,
  visible: SqlFragment = sql.true,
): Promise<Person | null> {
  const found = await db.query<PersonRow>(
    sql`select ${columns} from persons.person where id = ${id} and ${visible}`,
  );
  return found.rows[0] ? toPerson(found.rows[0]) : null;
}

/** The person and their sealed identity in one read (null identity: erased). */
export async function findPersonWithIdentity(
  db: Queryable,
  id: string,
  visible: SqlFragment,
): Promise<{ person: Person; sealedIdentity: SealedIdentity | null } | null> {
  const found = await db.query<PersonRow>(
    sql`select ${columns}, identity from persons.person where id = ${id} and ${visible}`,
  );
  const row = found.rows[0];
  if (!row) return null;
  return { person: toPerson(row), sealedIdentity: (row.identity ?? null) as SealedIdentity | null };
}

/** Persons whose main identity document has this blind index, oldest first, at most `limit`. */
export async function listPersonsByDocumentIndex(
  db: Queryable,
  documentIndex: Buffer,
  visible: SqlFragment,
  limit: number,
): Promise<Person[]> {
  const found = await db.query<PersonRow>(sql`
    select ${columns} from persons.person
    where document_index = ${documentIndex} and ${visible}
    order by created_at, id
    limit ${limit}`);
  return found.rows.map(toPerson);
}

/** Encrypts an identity under the person's data key (made now if they have none). */
export async function sealIdentity(
  tx: Queryable,
  keyring: Keyring,
  personId: string,
  identity: Identity,
): Promise<SealedIdentity> {
  const sealed = await encryptField(tx, keyring, identityLocation(personId), JSON.stringify(identity));
  return sealed as SealedIdentity;
}

/**
 * Decrypts a person's identity. Throws `SubjectErased` when their data key was destroyed, and
 * `UnreadableCiphertext` when the stored bytes were changed or moved (never a wrong identity).
 */
export async function openIdentity(
  tx: Queryable,
  keyring: Keyring,
  personId: string,
  sealed: SealedIdentity,
): Promise<Identity> {
  const text = await decryptField(tx, keyring, identityLocation(personId), sealed);
  // Checked against the schema when it was sealed; authenticated encryption proves it is unchanged.
  return JSON.parse(text!) as Identity;
}

const REFERENCE_ATTEMPTS = 5;

/**
 * Registers a person inside the caller's transaction (e.g. opening a case): seals their identity
 * and draws a free pseudonymous reference. The caller audits what it does with the person.
 */
export async function registerPerson(
  tx: Queryable,
  keyring: Keyring,
  registration: { identity: Identity; ownerOrganisationId: string; at: Date },
): Promise<{ id: string; reference: string }> {
  const id = newId();
  const mainDocument = mainIdentityDocument(registration.identity);
  const documentIndex = mainDocument
    ? blindIndex(keyring, DOCUMENT_NUMBER_PURPOSE, documentNumberForLookup(mainDocument.number))
    : null;
  const sealed = await sealIdentity(tx, keyring, id, registration.identity);
  for (let attempt = 1; attempt <= REFERENCE_ATTEMPTS; attempt++) {
    const reference = newReference(REFERENCE_PREFIX);
    const inserted = await insertPerson(
      tx,
      {
        id,
        reference,
        ownerOrganisationId: registration.ownerOrganisationId,
        identity: sealed,
        documentIndex,
      },
      registration.at,
    );
    if (inserted) return { id: inserted.id, reference: inserted.reference };
  }
  throw new Error(`no free person reference after ${REFERENCE_ATTEMPTS} attempts`);
}

const erasedAsNull = (error: unknown): null => {
  if (error instanceof SubjectErased) return null;
  throw error;
};

/**
 * A found person's identity, opened; null once erased (no identity left, or its data key destroyed).
 * The caller has decided access already: this opens what it is given.
 */
export async function openIdentityUnlessErased(
  tx: Queryable,
  keyring: Keyring,
  found: { person: Person; sealedIdentity: SealedIdentity | null },
): Promise<Identity | null> {
  if (found.sealedIdentity === null || found.person.erasedAt !== null) return null;
  return openIdentity(tx, keyring, found.person.id, found.sealedIdentity).catch(erasedAsNull);
}

/**
 * A person and their opened identity, inside the caller's transaction (which writes the audit
 * entry of the read). `identity: null`: the identity was erased (crypto-shredded); null: no such
 * person within `visible`. Callers check access first: this opens whatever it finds.
 */
export async function readPersonIdentity(
  tx: Queryable,
  keyring: Keyring,
  personId: string,
  visible: SqlFragment = sql.true,
): Promise<{ person: Person; identity: Identity | null } | null> {
  const found = await findPersonWithIdentity(tx, personId, visible);
  if (!found) return null;
  return { person: found.person, identity: await openIdentityUnlessErased(tx, keyring, found) };
}

/**
 * Opens the identities of many persons at once (record linkage inside one installation): one query
 * for the sealed identities, then each opened with its own data key. Erased or absent persons are
 * left out; a damaged ciphertext is left out and counted, so one bad record never stops a search.
 * Callers decide access and audit; this opens what it is asked for.
 */
export async function readPersonIdentities(
  tx: Queryable,
  keyring: Keyring,
  personIds: readonly string[],
): Promise<{ identities: Map<string, Identity>; unreadable: number }> {
  const identities = new Map<string, Identity>();
  let unreadable = 0;
  if (personIds.length === 0) return { identities, unreadable };
  const found = await tx.query<{ id: string; identity: Buffer }>(sql`
    select id, identity from persons.person
    where id = any(${[...personIds]}::uuid[]) and identity is not null and erased_at is null`);
  for (const row of found.rows) {
    try {
      const identity = await openIdentity(tx, keyring, row.id, row.identity as SealedIdentity).catch(
        erasedAsNull,
      );
      if (identity) identities.set(row.id, identity);
    } catch (error) {
      if (!(error instanceof UnreadableCiphertext)) throw error;
      unreadable += 1;
    }
  }
  return { identities, unreadable };
}
