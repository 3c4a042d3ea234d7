import { type KeyObject, sign } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../../db/sql.js';
import { listAudit } from '../../security/audit.store.js';
import type { PersonRecord } from '../fellegi-sunter.js';
import { type ClkHeader, headerFor, serialiseClk } from '../pprl-file.js';
import { encodePersons, pprlEncodingSchema } from '../pprl-linkage.js';
import { exportOpenReports } from './exchange.cli.js';
import { readPrivateKeyFile, readPublicKeyFile, signClk, signingInput, writeKeyPair } from './signature.js';
import {
  anInstallation,
  countRows,
  type Installation,
  plaintextValuesOf,
  type SyntheticPerson,
  uploadTo,
} from './two-installations.testing.js';

// Two installations in one process (issue 5 acceptance 4): each files its own missing-person
// reports, exports them signed, registers the other as a partner, and uploads to the other's hub.
// Everything that crosses between them is captured and searched for every plaintext value of both
// registers. All names are invented; the clock reads 2026-03-27.

// Installation A (the hub, country XV) and installation B: two synthetic pairs that are the same
// child (different transliterations; a dropped diacritic), and one person on each side with no match.
const registerA: SyntheticPerson[] = [
  {
    givenName: 'Олена',
    familyName: 'Шевченко',
    givenNameLatin: 'Olena',
    familyNameLatin: 'Shevchenko',
    sex: 'female',
    dateOfBirth: { year: 2011, month: 6, day: 20 },
    citizenship: 'UKR',
    placeOfBirth: 'Synthetichiv',
    lastSeenPlace: 'Testovo bus station',
  },
  {
    givenName: 'Ionela',
    familyName: 'Mărgineanu',
    sex: 'female',
    dateOfBirth: { year: 2009, month: 2, day: 3 },
    citizenship: 'ROU',
    placeOfBirth: 'Exampleni',
    lastSeenPlace: 'Fictiva market',
  },
  {
    givenName: 'Veridiana',
    familyName: 'Quillfeather',
    sex: 'female',
    dateOfBirth: { year: 2013, month: 11, day: 8 },
    citizenship: 'MDA',
    placeOfBirth: 'Mockgrad',
    lastSeenPlace: 'Placeholder square',
  },
];
const registerB: SyntheticPerson[] = [
  {
    givenName: 'Olena',
    familyName: 'Szewczenko',
    sex: 'female',
    dateOfBirth: { year: 2011, month: 6, day: 20 },
    citizenship: 'UKR',
    placeOfBirth: 'Synthetichiv',
    lastSeenPlace: 'Dummyport ferry',
  },
  {
    givenName: 'Ionela',
    familyName: 'Margineanu',
    sex: 'female',
    dateOfBirth: { year: 2009, month: 2, day: 3 },
    citizenship: 'ROU',
    placeOfBirth: 'Exampleni',
    lastSeenPlace: 'Samplebridge',
  },
  {
    givenName: 'Bogdanel',
    familyName: 'Petrakovich',
    sex: 'male',
    dateOfBirth: { year: 2006, month: 10, day: 14 },
    citizenship: 'BLR',
    placeOfBirth: 'Stubovsk',
    lastSeenPlace: 'Imaginary station',
  },
];

let folder: string;
let secretFile: string;
let a: Installation;
let b: Installation;
/** Everything that crossed between the installations, as text (binary as latin1 and UTF-8). */
const crossed: { what: string; text: string }[] = [];
const capture = (what: string, bytes: Buffer | string) => {
  const buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes, 'utf8');
  crossed.push(
    { what, text: buffer.toString('utf8') },
    { what: `${what} (latin1)`, text: buffer.toString('latin1') },
  );
};

let exportA: Buffer;
let exportB: Buffer;

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'palermo-exchange-'));
  secretFile = join(folder, 'shared.secret');
  writeFileSync(secretFile, Buffer.alloc(32, 42));
  a = await anInstallation(folder, secretFile, 'a', registerA);
  b = await anInstallation(folder, secretFile, 'b', registerB);
  const secret = readFileSync(secretFile);
  await exportOpenReports(a.palermo.platform, secret, a.key, join(folder, 'a.signed.clk'));
  await exportOpenReports(b.palermo.platform, secret, b.key, join(folder, 'b.signed.clk'));
  exportA = readFileSync(join(folder, 'a.signed.clk'));
  exportB = readFileSync(join(folder, 'b.signed.clk'));
  // Each registers the other as a partner (the public key crosses, on paper or by e-mail).
  capture('public key of A', a.publicKeyPem);
  capture('public key of B', b.publicKeyPem);
  for (const [registering, partner, countryCode] of [
    [a, b, 'XB'],
    [b, a, 'XV'],
  ] as const) {
    const registered = await registering.coordinator.request('POST', '/api/exchange/partners', {
      countryCode,
      name: `Palermo of ${countryCode}`,
      publicKey: partner.publicKeyPem,
    });
    if (registered.statusCode !== 201) throw new Error(`registering failed: ${registered.body}`);
  }
}, 120_000);
afterAll(async () => {
  await a?.palermo.close();
  await b?.palermo.close();
  rmSync(folder, { recursive: true, force: true });
});

describe('exchange between two installations', () => {
  it('returns the synthetic pairs as candidates by record number, and proposes them for review', async () => {
    capture('export of B', exportB);
    const response = await uploadTo(a, exportB);
    expect(response.statusCode, response.body).toBe(200);
    capture('hub A answer', response.body);
    const answer = response.json() as {
      records: number;
      candidates: { left_id: string; right_id: string; right_country: string; similarity: number }[];
    };
    expect(answer.records).toBe(3);
    const pairs = answer.candidates.map((candidate) => [candidate.left_id, candidate.right_id]);
    expect(pairs).toEqual(
      expect.arrayContaining([
        [b.references[0], a.references[0]],
        [b.references[1], a.references[1]],
      ]),
    );
    expect(pairs.some(([left]) => left === b.references[2])).toBe(false);
    expect(answer.candidates.every((candidate) => candidate.right_country === 'XV')).toBe(true);

    // At A, each pair waits in the review queue as a partner candidate (no identity, a number).
    const queue = await a.coordinator.request('GET', '/api/match-candidates?status=open');
    expect(queue.statusCode, queue.body).toBe(200);
    const partnerCandidates = (
      queue.json().candidates as { otherKind: string; otherReference: string; otherId: string | null }[]
    ).filter((candidate) => candidate.otherKind === 'partner');
    expect(partnerCandidates.map((candidate) => candidate.otherReference).sort()).toEqual(
      [`XB:${b.references[0]}`, `XB:${b.references[1]}`].sort(),
    );
    expect(partnerCandidates.every((candidate) => candidate.otherId === null)).toBe(true);
  });

  it('works the other way round: A uploads its export to B’s hub', async () => {
    capture('export of A', exportA);
    const response = await uploadTo(b, exportA);
    expect(response.statusCode, response.body).toBe(200);
    capture('hub B answer', response.body);
    const pairs = (response.json().candidates as { left_id: string; right_id: string }[]).map((c) => [
      c.left_id,
      c.right_id,
    ]);
    expect(pairs).toEqual(
      expect.arrayContaining([
        [a.references[0], b.references[0]],
        [a.references[1], b.references[1]],
      ]),
    );
  });

  it('a partner reviewer confirms a cross-border candidate; nothing of the identity is exchanged', async () => {
    const queue = await a.coordinator.request('GET', '/api/match-candidates?status=open');
    const candidate = (queue.json().candidates as { id: string; otherKind: string }[]).find(
      (c) => c.otherKind === 'partner',
    )!;
    const confirmed = await a.coordinator.request('POST', `/api/match-candidates/${candidate.id}/confirm`, {
      reason: 'Same child; identity exchange to be agreed with the partner under the legal basis',
    });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json()).toMatchObject({ status: 'confirmed', otherKind: 'partner', otherId: null });
  });

  it('shows the coordinator the exchange history: who uploaded when, records and candidates', async () => {
    const history = await a.coordinator.request('GET', '/api/exchange/uploads');
    expect(history.statusCode, history.body).toBe(200);
    expect(history.json().uploads).toEqual([
      expect.objectContaining({ countryCode: 'XB', recordCount: 3, candidateCount: 2 }),
    ]);
    const partners = await a.coordinator.request('GET', '/api/exchange/partners');
    expect(partners.json().partners).toEqual([
      expect.objectContaining({ countryCode: 'XB', name: 'Palermo of XB', status: 'active' }),
    ]);
    // The police officer holds neither action.
    expect((await a.police.request('GET', '/api/exchange/uploads')).statusCode).toBe(403);
    expect((await a.police.request('GET', '/api/exchange/partners')).statusCode).toBe(403);
  });

  it('audits uploads with ids and counts only', async () => {
    const entries = await listAudit(a.palermo.db, { limit: 1000 });
    const uploads = entries.filter((entry) => entry.action === 'exchange.upload');
    expect(uploads).toEqual([
      expect.objectContaining({
        outcome: 'success',
        details: expect.objectContaining({ records: 3, candidates: 2, proposedForReview: 2 }),
      }),
    ]);
    expect(entries.filter((entry) => entry.action === 'exchange.partner.register')).toEqual([
      expect.objectContaining({ outcome: 'success', details: { countryCode: 'XB' } }),
    ]);
    capture('audit of A', JSON.stringify(entries));
    capture('audit of B', JSON.stringify(await listAudit(b.palermo.db, { limit: 1000 })));
  });

  it('lets no name, date or place of either register cross, nor be stored by a hub', async () => {
    for (const installation of [a, b]) {
      const uploads = await installation.palermo.db.query<{ content: Buffer }>(
        sql`select content from tracing.exchange_upload`,
      );
      expect(uploads.rows.length).toBeGreaterThan(0);
      for (const row of uploads.rows) capture('stored upload', row.content);
      for (const table of ['exchange_upload', 'exchange_candidate', 'exchange_partner', 'match_candidate'])
        capture(
          `stored ${table}`,
          JSON.stringify(
            (await installation.palermo.db.query(sql`select * from ${sql.raw(`tracing.${table}`)}`)).rows,
          ),
        );
    }
    expect(crossed.length).toBeGreaterThan(10);
    // What does cross: the pseudonymous record numbers (the captures are not empty).
    for (const reference of [...a.references, ...b.references])
      expect(
        crossed.some(({ text }) => text.includes(reference)),
        reference,
      ).toBe(true);
    const values = plaintextValuesOf([...registerA, ...registerB]);
    expect(values).toContain('Szewczenko');
    expect(values).toContain('2011-06-20');
    for (const { what, text } of crossed)
      for (const value of values)
        expect(text.toLowerCase(), `${value} in ${what}`).not.toContain(value.toLowerCase());
  });
});

describe('partner to partner', () => {
  it('matches a third partner’s upload with the latest upload of B, as well as with A’s register', async () => {
    const keyFile = join(folder, 'c.key');
    writeKeyPair(keyFile);
    const registered = await a.coordinator.request('POST', '/api/exchange/partners', {
      countryCode: 'XC',
      name: 'Palermo of XC',
      publicKey: readFileSync(`${keyFile}.pub`, 'utf8'),
    });
    expect(registered.statusCode, registered.body).toBe(201);
    // C's own register holds the child B registered (as B wrote her name), under C's number.
    const fileOfC = aFileOf(
      [
        {
          id: 'C-0001',
          givenName: 'Olena',
          familyName: 'Szewczenko',
          sex: 'F',
          birth: { year: 2011, month: 6, day: 20 },
          nationality: 'UKR',
        },
      ],
      readFileSync(secretFile),
    );
    const response = await uploadTo(a, signClk(fileOfC, 'c.clk', readPrivateKeyFile(keyFile)));
    expect(response.statusCode, response.body).toBe(200);
    const candidates = response.json().candidates as {
      left_id: string;
      right_id: string;
      right_country: string;
    }[];
    expect(candidates).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ left_id: 'C-0001', right_id: b.references[0], right_country: 'XB' }),
        expect.objectContaining({ left_id: 'C-0001', right_id: a.references[0], right_country: 'XV' }),
      ]),
    );
  });
});

/** Signs arbitrary header and body, as a partner with a broken encoder would (signClk refuses them). */
function signedRaw(header: ClkHeader, body: Buffer, key: KeyObject): Buffer {
  const value = sign(null, signingInput(header, body), key).toString('base64');
  const publicKey = readPublicKeyFile(`${b.keyFile}.pub`)
    .export({ type: 'spki', format: 'der' })
    .toString('base64');
  return Buffer.concat([
    Buffer.from(`${JSON.stringify({ ...header, signature: { algorithm: 'ed25519', publicKey, value } })}\n`),
    body,
  ]);
}

function aFileOf(records: PersonRecord[], secret: Buffer) {
  const header = headerFor(pprlEncodingSchema, records.length, secret);
  return Buffer.from(
    serialiseClk(
      header,
      records.map((record) => record.id),
      encodePersons(records, pprlEncodingSchema, secret),
    ),
  );
}

describe('the hub refuses, naming the problem, and stores nothing', () => {
  const records: PersonRecord[] = [{ id: 'P-1', givenName: 'Synthia', familyName: 'Testerova', sex: 'F' }];

  async function expectRefused(bytes: Buffer, status: number, type: string, detail: RegExp) {
    const before = await countRows(a, 'exchange_upload');
    const candidatesBefore = await countRows(a, 'exchange_candidate');
    const response = await uploadTo(a, bytes);
    expect(response.statusCode, response.body).toBe(status);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(response.json().type).toBe(`/problems/exchange/${type}`);
    expect(response.json().detail).toMatch(detail);
    expect(await countRows(a, 'exchange_upload')).toBe(before);
    expect(await countRows(a, 'exchange_candidate')).toBe(candidatesBefore);
  }

  it('an unsigned file', async () => {
    await expectRefused(
      aFileOf(records, readFileSync(secretFile)),
      401,
      'unsigned',
      /upload\.clk: the file is not signed/,
    );
  });

  it('a file signed by a key no partner registered', async () => {
    const strangerKey = join(folder, 'stranger.key');
    writeKeyPair(strangerKey);
    const bytes = signClk(
      aFileOf(records, readFileSync(secretFile)),
      'x.clk',
      readPrivateKeyFile(strangerKey),
    );
    await expectRefused(bytes, 403, 'unknown-partner', /upload\.clk: signed by an unknown key/);
  });

  it('a file whose records or header were changed after signing', async () => {
    const bytes = signClk(aFileOf(records, readFileSync(secretFile)), 'x.clk', b.key);
    const body = Buffer.from(bytes);
    body[body.length - 1] = body[body.length - 1]! ^ 0x01;
    await expectRefused(body, 403, 'bad-signature', /upload\.clk: the signature does not verify/);
    const text = bytes.toString('latin1').replace('"hardening":"balance"', '"hardening":"none"');
    await expectRefused(Buffer.from(text, 'latin1'), 403, 'bad-signature', /the signature does not verify/);
  });

  it('a file of another schema version, or encodings of the wrong length (even when signed)', async () => {
    const file = aFileOf(records, readFileSync(secretFile));
    const newline = file.indexOf(0x0a);
    const header = JSON.parse(file.subarray(0, newline).toString('utf8')) as ClkHeader;
    const body = file.subarray(newline + 1);
    await expectRefused(
      signedRaw({ ...header, schema: { ...header.schema, version: 1 } }, body, b.key),
      422,
      'invalid-file',
      /upload\.clk: encoding schema version 1 is not supported/,
    );
    await expectRefused(
      signedRaw({ ...header, encodingBytes: 128 }, body, b.key),
      422,
      'invalid-file',
      /upload\.clk: encodings of 128 bytes do not fit the schema/,
    );
  });

  it('a file encoded under another secret than the partners share', async () => {
    const bytes = signClk(aFileOf(records, Buffer.alloc(32, 1)), 'x.clk', b.key);
    await expectRefused(bytes, 422, 'different-secret', /upload\.clk: the key check/);
  });

  it('a body that is not a file', async () => {
    const response = await a.palermo.app.inject({
      method: 'POST',
      url: '/api/exchange/uploads',
      payload: { not: 'a file' },
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().type).toBe('/problems/exchange/invalid-file');
  });

  it('audits every refusal with its reason only', async () => {
    const refused = (await listAudit(a.palermo.db, { limit: 1000 })).filter(
      (entry) => entry.action === 'exchange.upload' && entry.outcome === 'denied',
    );
    expect(refused.map((entry) => entry.details.reason)).toEqual(
      expect.arrayContaining([
        'unsigned',
        'unknown-partner',
        'bad-signature',
        'invalid-file',
        'different-secret',
      ]),
    );
  });
});

describe('registering a partner', () => {
  it('refuses what is not an Ed25519 public key, naming the field', async () => {
    const response = await a.coordinator.request('POST', '/api/exchange/partners', {
      countryCode: 'XC',
      name: 'Palermo of XC',
      publicKey: '-----BEGIN PUBLIC KEY-----\nnot a key\n-----END PUBLIC KEY-----\n',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([expect.objectContaining({ pointer: '/body/publicKey' })]);
  });

  it('refuses a key registered already, and a country code that is not one', async () => {
    const again = await a.coordinator.request('POST', '/api/exchange/partners', {
      countryCode: 'XB',
      name: 'Palermo of XB again',
      publicKey: b.publicKeyPem,
    });
    expect(again.statusCode).toBe(409);
    const badCountry = await a.coordinator.request('POST', '/api/exchange/partners', {
      countryCode: 'xb1',
      name: 'Palermo',
      publicKey: b.publicKeyPem,
    });
    expect(badCountry.statusCode).toBe(400);
    expect(badCountry.json().errors).toEqual([expect.objectContaining({ pointer: '/body/countryCode' })]);
  });

  it('is for the coordinator or the system administrator only', async () => {
    const response = await a.police.request('POST', '/api/exchange/partners', {
      countryCode: 'XC',
      name: 'Palermo of XC',
      publicKey: b.publicKeyPem,
    });
    expect(response.statusCode).toBe(403);
    const partners = await a.coordinator.request('GET', '/api/exchange/partners');
    expect(partners.json().partners.map((partner: { countryCode: string }) => partner.countryCode)).toEqual([
      'XB',
      'XC',
    ]);
  });
});
