/**
 * What the tests of two installations in one process share (exchange.routes.test.ts,
 * identity-exchange.routes.test.ts): synthetic people, every plaintext value of them to search
 * for in what crosses, an installation with its key and filed reports, the hub upload.
 * All names are invented; reports are filed on 2026-03-27.
 */
import type { KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from '../../db/sql.js';
import { aTestPalermo, type SignedIn, type TestPalermo } from '../../test-app.js';
import { readPrivateKeyFile, writeKeyPair } from './signature.js';

export type SyntheticPerson = {
  givenName?: string;
  familyName?: string;
  givenNameLatin?: string;
  familyNameLatin?: string;
  sex: 'female' | 'male';
  dateOfBirth: { year: number; month: number; day: number };
  citizenship: string;
  placeOfBirth: string;
  lastSeenPlace: string;
  languages?: string[];
};

/** Every plaintext value of the people, names as written and with diacritics folded, dates as written in several ways. */
export function plaintextValuesOf(people: readonly SyntheticPerson[]): string[] {
  const values = new Set<string>();
  for (const person of people) {
    for (const name of [person.givenName, person.familyName, person.givenNameLatin, person.familyNameLatin])
      if (name !== undefined) {
        values.add(name);
        values.add(name.normalize('NFD').replace(/\p{M}/gu, ''));
      }
    const { year, month, day } = person.dateOfBirth;
    const mm = String(month).padStart(2, '0');
    const dd = String(day).padStart(2, '0');
    for (const date of [`${year}-${mm}-${dd}`, `${dd}.${mm}.${year}`, `${year}${mm}${dd}`, `"year":${year}`])
      values.add(date);
    values.add(person.placeOfBirth);
    values.add(person.lastSeenPlace);
    for (const language of person.languages ?? []) values.add(language);
  }
  return [...values];
}

export type Installation = {
  palermo: TestPalermo;
  coordinator: SignedIn;
  police: SignedIn;
  key: KeyObject;
  keyFile: string;
  publicKeyPem: string;
  /** The filed reports' references (their record numbers in exports) and ids, in filing order. */
  references: string[];
  reportIds: string[];
};

/**
 * An installation sharing the PPRL secret in `secretFile`, with its own Ed25519 key (also its
 * exchange key when `exchangeKey`), a coordinator and a police officer, and the people filed as
 * missing children on a legal basis.
 */
export async function anInstallation(
  folder: string,
  secretFile: string,
  name: string,
  people: readonly SyntheticPerson[],
  options: { exchangeKey?: boolean } = {},
): Promise<Installation> {
  const keyFile = join(folder, `${name}.key`);
  writeKeyPair(keyFile);
  const palermo = await aTestPalermo({
    PALERMO_PPRL_SECRET_FILE: secretFile,
    ...(options.exchangeKey ? { PALERMO_EXCHANGE_KEY_FILE: keyFile } : {}),
  });
  const coordinator = await palermo.signIn(await palermo.aUser(['national_coordinator']));
  const police = await palermo.signIn(await palermo.aUser(['police_investigator']));
  const references: string[] = [];
  const reportIds: string[] = [];
  for (const person of people) {
    const filed = await police.request('POST', '/api/missing-person-reports', {
      isChild: true,
      unaccompaniedOrSeparated: true,
      reportingCountry: person.citizenship,
      reportedOn: '2026-03-27',
      tracingBasis: 'legal_basis',
      legalBasisReference: 'Synthetic Police Act art. 31',
      person,
    });
    if (filed.statusCode !== 201) throw new Error(`filing failed: ${filed.body}`);
    references.push(filed.json().reference);
    reportIds.push(filed.json().id);
  }
  return {
    palermo,
    coordinator,
    police,
    key: readPrivateKeyFile(keyFile),
    keyFile,
    publicKeyPem: readFileSync(`${keyFile}.pub`, 'utf8'),
    references,
    reportIds,
  };
}

/** A signed `.clk` file posted to an installation's hub. */
export const uploadTo = (to: Installation, bytes: Buffer) =>
  to.palermo.app.inject({
    method: 'POST',
    url: '/api/exchange/uploads',
    headers: { 'content-type': 'application/octet-stream' },
    payload: bytes,
  });

export const countRows = async (installation: Installation, table: string) =>
  (
    await installation.palermo.db.query<{ count: number }>(
      sql`select count(*)::int as count from ${sql.raw(`tracing.${table}`)}`,
    )
  ).rows[0]!.count;
