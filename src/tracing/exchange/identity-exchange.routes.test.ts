import type { KeyObject } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sql } from '../../db/sql.js';
import { listAudit } from '../../security/audit.store.js';
import { exportOpenReports } from './exchange.cli.js';
import { hubPaths } from './hub-client.js';
import { MESSAGE_FORMAT, MESSAGE_VERSION, newAnswerKey, signMessage } from './identity-message.js';
import { publicKeyFingerprint, readPrivateKeyFile, readPublicKeyFile, writeKeyPair } from './signature.js';
import {
  anInstallation,
  countRows,
  plaintextValuesOf,
  type SyntheticPerson,
  type Installation as TwoInstallations,
  uploadTo,
} from './two-installations.testing.js';

// The identity exchange after a confirmed cross-border match (issue 5 acceptance 5; docs/decisions/
// 0026), between two installations in one process: A (country XV) asks, B (country XB) releases.
// Their hubs talk through a stand-in for fetch that hands each message to the other app and keeps
// a copy of everything that crosses. All names are invented; the clocks read 2026-03-27.

const registerA: SyntheticPerson[] = [
  {
    givenName: 'Олена',
    familyName: 'Шевченко',
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
    languages: ['Ukrainian'],
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

type Installation = TwoInstallations & {
  /** This installation's id of the other installation, as a partner. */
  partnerId: string;
};

let folder: string;
let secretFile: string;
let a: Installation;
let b: Installation;
const origins = new Map<string, () => Installation>();
const crossed: { what: string; text: string }[] = [];
const capture = (what: string, text: string) => crossed.push({ what, text });

const postToHub = (to: Installation, path: string, body: unknown) =>
  to.palermo.app.inject({ method: 'POST', url: path, payload: body as object });

type CandidateListEntry = { id: string; otherKind: string; otherReference: string; status: string };

/** The installation's partner candidate pairing its report `index` with the other's record. */
async function partnerCandidate(
  installation: Installation,
  other: Installation,
  otherCountry: string,
  index: number,
): Promise<CandidateListEntry> {
  const response = await installation.police.request(
    'GET',
    `/api/missing-person-reports/${installation.reportIds[index]}/candidates`,
  );
  const found = (response.json().candidates as CandidateListEntry[]).find(
    (candidate) =>
      candidate.otherKind === 'partner' &&
      candidate.otherReference === `${otherCountry}:${other.references[index]}`,
  );
  if (!found) throw new Error(`no partner candidate for report ${index}: ${response.body}`);
  return found;
}

const guardianConsent = {
  basisKind: 'consent_of_guardian',
  basisReference: 'Consent form CF-2026-0114',
  fields: ['names', 'sex', 'birth', 'citizenship'],
};
const legalBasis = {
  basisKind: 'legal_basis',
  basisReference: 'Synthetic Child Protection Act art. 12',
  fields: ['names', 'birth', 'languages'],
};

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'palermo-identity-'));
  secretFile = join(folder, 'shared.secret');
  writeFileSync(secretFile, Buffer.alloc(32, 42));
  a = { ...(await anInstallation(folder, secretFile, 'a', registerA, { exchangeKey: true })), partnerId: '' };
  b = { ...(await anInstallation(folder, secretFile, 'b', registerB, { exchangeKey: true })), partnerId: '' };
  origins.set('https://hub.xv.test', () => a);
  origins.set('https://hub.xb.test', () => b);
  vi.stubGlobal('fetch', async (input: URL | string, init?: RequestInit) => {
    const url = new URL(String(input));
    const target = origins.get(url.origin);
    if (target === undefined) throw new TypeError('fetch failed');
    const body = String(init?.body ?? '');
    capture(`message to ${url.origin}${url.pathname}`, body);
    const response = await target().palermo.app.inject({
      method: 'POST',
      url: url.pathname,
      headers: { 'content-type': 'application/json' },
      payload: body,
    });
    capture(`answer of ${url.origin}${url.pathname}`, response.body);
    return new Response(response.body, {
      status: response.statusCode,
      headers: { 'content-type': String(response.headers['content-type'] ?? 'application/json') },
    });
  });
  for (const [registering, partner, countryCode, hubUrl] of [
    [a, b, 'XB', 'https://hub.xb.test'],
    [b, a, 'XV', 'https://hub.xv.test'],
  ] as const) {
    const registered = await registering.coordinator.request('POST', '/api/exchange/partners', {
      countryCode,
      name: `Palermo of ${countryCode}`,
      publicKey: partner.publicKeyPem,
      hubUrl,
    });
    if (registered.statusCode !== 201) throw new Error(`registering failed: ${registered.body}`);
    registering.partnerId = registered.json().id;
  }
  // Each uploads its signed export to the other's hub: both sides then hold partner candidates.
  const secret = readFileSync(secretFile);
  for (const [from, to] of [
    [a, b],
    [b, a],
  ] as const) {
    const file = join(folder, `${from === a ? 'a' : 'b'}.signed.clk`);
    await exportOpenReports(from.palermo.platform, secret, from.key, file);
    const uploaded = await uploadTo(to, readFileSync(file));
    if (uploaded.statusCode !== 200) throw new Error(`upload failed: ${uploaded.body}`);
  }
}, 120_000);

afterAll(async () => {
  vi.unstubAllGlobals();
  await a?.palermo.close();
  await b?.palermo.close();
  rmSync(folder, { recursive: true, force: true });
});

describe('identity exchange between two installations', () => {
  let requestId: string;
  let incomingId: string;

  it('refuses to ask before the match is confirmed here, and sends nothing', async () => {
    const candidate = await partnerCandidate(a, b, 'XB', 0);
    expect(candidate.status).toBe('open');
    const response = await a.police.request(
      'POST',
      `/api/exchange/candidates/${candidate.id}/identity-exchanges`,
      guardianConsent,
    );
    expect(response.statusCode, response.body).toBe(409);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(response.json().type).toBe('/problems/exchange/match-not-confirmed');
    expect(crossed).toEqual([]);
  });

  it('refuses a request without a consent or legal basis, naming every field', async () => {
    const candidate = await partnerCandidate(a, b, 'XB', 0);
    const confirmed = await a.police.request('POST', `/api/match-candidates/${candidate.id}/confirm`, {
      reason: 'Same child: dates of birth equal, name transliterated',
    });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    const response = await a.police.request(
      'POST',
      `/api/exchange/candidates/${candidate.id}/identity-exchanges`,
      {},
    );
    expect(response.statusCode).toBe(400);
    expect(
      response
        .json()
        .errors.map((error: { pointer: string }) => error.pointer)
        .sort(),
    ).toEqual(['/body/basisKind', '/body/basisReference', '/body/fields']);
    const expired = await a.police.request(
      'POST',
      `/api/exchange/candidates/${candidate.id}/identity-exchanges`,
      {
        ...guardianConsent,
        basisExpiresOn: '2026-03-01',
      },
    );
    expect(expired.statusCode, expired.body).toBe(422);
    expect(expired.json().type).toBe('/problems/exchange/basis-not-in-force');
    expect(crossed).toEqual([]);
  });

  it('asks the partner once confirmed here, naming record numbers and codes only; the partner keeps it pending on its matching record', async () => {
    const candidate = await partnerCandidate(a, b, 'XB', 0);
    const response = await a.police.request(
      'POST',
      `/api/exchange/candidates/${candidate.id}/identity-exchanges`,
      guardianConsent,
    );
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({
      status: 'sent',
      ownRecord: a.references[0],
      partnerRecord: b.references[0],
      basisKind: 'consent_of_guardian',
      requestedFields: ['names', 'sex', 'birth', 'citizenship'],
      identityReadable: false,
    });
    requestId = response.json().id;
    const message = JSON.parse(JSON.parse(crossed[0]!.text).message);
    expect(Object.keys(message).sort()).toEqual(
      [
        'answerKey',
        'basis',
        'fields',
        'format',
        'fromRecord',
        'requestId',
        'sentAt',
        'to',
        'toRecord',
        'type',
        'version',
      ].sort(),
    );
    expect(JSON.stringify(message)).not.toContain('CF-2026-0114');

    // At B, the request waits on B's candidate for the same pair.
    const atB = await partnerCandidate(b, a, 'XV', 0);
    const exchanges = await b.police.request('GET', `/api/exchange/candidates/${atB.id}/identity-exchanges`);
    expect(exchanges.statusCode, exchanges.body).toBe(200);
    expect(exchanges.json().incoming).toEqual([
      expect.objectContaining({
        status: 'pending',
        partnerId: b.partnerId,
        partnerRecord: a.references[0],
        partnerBasisKind: 'consent_of_guardian',
        requestedFields: ['names', 'sex', 'birth', 'citizenship'],
      }),
    ]);
    incomingId = exchanges.json().incoming[0].id;

    // A checks: still waiting.
    const check = await a.police.request('POST', `/api/exchange/identity-exchanges/${requestId}/check`);
    expect(check.statusCode, check.body).toBe(200);
    expect(check.json().status).toBe('sent');
  });

  it('the partner cannot release before it confirms the same pair, nor without its own basis', async () => {
    const early = await b.police.request(
      'POST',
      `/api/exchange/incoming-identity-requests/${incomingId}/release`,
      legalBasis,
    );
    expect(early.statusCode, early.body).toBe(409);
    expect(early.json().type).toBe('/problems/exchange/match-not-confirmed');
    const atB = await partnerCandidate(b, a, 'XV', 0);
    const confirmed = await b.police.request('POST', `/api/match-candidates/${atB.id}/confirm`, {
      reason: 'Same child as the partner’s record',
    });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    const noBasis = await b.police.request(
      'POST',
      `/api/exchange/incoming-identity-requests/${incomingId}/release`,
      {
        fields: ['names'],
      },
    );
    expect(noBasis.statusCode).toBe(400);
    expect(
      noBasis
        .json()
        .errors.map((error: { pointer: string }) => error.pointer)
        .sort(),
    ).toEqual(['/body/basisKind', '/body/basisReference']);
  });

  it('releases only the details both bases allow; nothing personal has crossed yet', async () => {
    const released = await b.police.request(
      'POST',
      `/api/exchange/incoming-identity-requests/${incomingId}/release`,
      legalBasis,
    );
    expect(released.statusCode, released.body).toBe(200);
    expect(released.json()).toMatchObject({
      status: 'released',
      basisKind: 'legal_basis',
      releasedFields: ['names', 'birth'],
    });
    const values = plaintextValuesOf([...registerA, ...registerB]);
    for (const { what, text } of crossed)
      for (const value of values)
        expect(text.toLowerCase(), `${value} in ${what}`).not.toContain(value.toLowerCase());
  });

  it('the identity arrives at the next check, encrypted in transit, and is read through an audited read', async () => {
    const before = crossed.length;
    const check = await a.police.request('POST', `/api/exchange/identity-exchanges/${requestId}/check`);
    expect(check.statusCode, check.body).toBe(200);
    expect(check.json()).toMatchObject({
      status: 'received',
      releasedFields: ['names', 'birth'],
      identityReadable: true,
    });
    // The answer crossed as a signed envelope holding a ciphertext, not the identity.
    const answer = crossed.slice(before).find(({ what }) => what.startsWith('answer of'))!;
    expect(JSON.parse(answer.text)).toMatchObject({
      status: 'released',
      answer: { message: expect.any(String) },
    });
    expect(JSON.parse(JSON.parse(answer.text).answer.message).sealed).toEqual(
      expect.objectContaining({ ciphertext: expect.any(String), ephemeralKey: expect.any(String) }),
    );

    const identity = await a.police.request('GET', `/api/exchange/identity-exchanges/${requestId}/identity`);
    expect(identity.statusCode, identity.body).toBe(200);
    expect(identity.json()).toEqual({
      id: requestId,
      reportId: a.reportIds[0],
      partnerRecord: b.references[0],
      fields: ['names', 'birth'],
      person: {
        givenName: 'Olena',
        familyName: 'Szewczenko',
        dateOfBirth: { year: 2011, month: 6, day: 20 },
        placeOfBirth: 'Synthetichiv',
      },
    });
    // Stored sealed, like every identity.
    const stored = await a.palermo.db.query<{ identity: Buffer }>(
      sql`select identity from tracing.identity_exchange_request where id = ${requestId}`,
    );
    expect(stored.rows[0]!.identity.toString('latin1')).not.toContain('Szewczenko');
    // The coordinator may not read identities.
    const coordinator = await a.coordinator.request(
      'GET',
      `/api/exchange/identity-exchanges/${requestId}/identity`,
    );
    expect(coordinator.statusCode).toBe(403);
  });

  it('lets no name, date or place cross in the clear, and keeps them out of both audits', async () => {
    expect(crossed.length).toBeGreaterThanOrEqual(6);
    const values = plaintextValuesOf([...registerA, ...registerB]);
    const audits = [
      { what: 'audit of A', text: JSON.stringify(await listAudit(a.palermo.db, { limit: 1000 })) },
      { what: 'audit of B', text: JSON.stringify(await listAudit(b.palermo.db, { limit: 1000 })) },
    ];
    for (const { what, text } of [...crossed, ...audits])
      for (const value of values)
        expect(text.toLowerCase(), `${value} in ${what}`).not.toContain(value.toLowerCase());
    for (const { text } of audits) {
      expect(text).not.toContain('CF-2026-0114');
      expect(text).not.toContain('Child Protection Act');
    }
  });

  it('audits both sides with ids and codes', async () => {
    const actionsOf = async (installation: Installation) =>
      (await listAudit(installation.palermo.db, { limit: 1000 }))
        .filter((entry) => entry.action.startsWith('exchange.identity'))
        .map((entry) => `${entry.action} ${entry.outcome}`);
    expect(await actionsOf(a)).toEqual(
      expect.arrayContaining([
        'exchange.identity.request denied',
        'exchange.identity.request success',
        'exchange.identity.receive success',
        'exchange.identity.read success',
      ]),
    );
    expect(await actionsOf(b)).toEqual(
      expect.arrayContaining([
        'exchange.identity.incoming success',
        'exchange.identity.release denied',
        'exchange.identity.release success',
        'exchange.identity.deliver success',
      ]),
    );
    const release = (await listAudit(b.palermo.db, { action: 'exchange.identity.release', limit: 10 })).find(
      (entry) => entry.outcome === 'success',
    )!;
    expect(release.details).toEqual({
      reportId: b.reportIds[0],
      candidateId: expect.any(String),
      partnerId: b.partnerId,
      basis: 'legal_basis',
      partnerBasis: 'consent_of_guardian',
      fields: 'names,birth',
    });
  });

  it('withdrawing the consent erases the identity received and tells the partner', async () => {
    const withdrawn = await a.police.request(
      'POST',
      `/api/exchange/identity-exchanges/${requestId}/withdraw`,
    );
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expect(withdrawn.json()).toMatchObject({ status: 'withdrawn', partnerTold: true });
    const read = await a.police.request('GET', `/api/exchange/identity-exchanges/${requestId}/identity`);
    expect(read.statusCode).toBe(410);
    expect(read.json().type).toBe('/problems/exchange/identity-erased');
    const atB = await b.palermo.db.query<{ status: string; sealed: unknown }>(
      sql`select status, sealed_answer as sealed from tracing.identity_exchange_incoming where id = ${incomingId}`,
    );
    expect(atB.rows[0]).toEqual({ status: 'withdrawn', sealed: null });
  });

  it('a request withdrawn before release cannot be released', async () => {
    const candidate = await partnerCandidate(a, b, 'XB', 1);
    await a.police.request('POST', `/api/match-candidates/${candidate.id}/confirm`, { reason: 'Same girl' });
    const asked = await a.police.request(
      'POST',
      `/api/exchange/candidates/${candidate.id}/identity-exchanges`,
      {
        ...guardianConsent,
        basisExpiresOn: '2026-12-31',
      },
    );
    expect(asked.statusCode, asked.body).toBe(201);
    const again = await a.police.request(
      'POST',
      `/api/exchange/candidates/${candidate.id}/identity-exchanges`,
      guardianConsent,
    );
    expect(again.statusCode).toBe(409);
    expect(again.json().type).toBe('/problems/exchange/already-requested');
    expect(
      (await a.police.request('POST', `/api/exchange/identity-exchanges/${asked.json().id}/withdraw`))
        .statusCode,
    ).toBe(200);
    const atB = await partnerCandidate(b, a, 'XV', 1);
    await b.police.request('POST', `/api/match-candidates/${atB.id}/confirm`, { reason: 'Same girl' });
    const incoming = (
      await b.police.request('GET', `/api/exchange/candidates/${atB.id}/identity-exchanges`)
    ).json().incoming[0];
    expect(incoming.status).toBe('withdrawn');
    const release = await b.police.request(
      'POST',
      `/api/exchange/incoming-identity-requests/${incoming.id}/release`,
      legalBasis,
    );
    expect(release.statusCode).toBe(409);
    expect(release.json().type).toBe('/problems/exchange/request-withdrawn');
  });

  it('the partner may refuse; the requester learns that it was refused, not why', async () => {
    const candidate = await partnerCandidate(a, b, 'XB', 1);
    const asked = await a.police.request(
      'POST',
      `/api/exchange/candidates/${candidate.id}/identity-exchanges`,
      guardianConsent,
    );
    expect(asked.statusCode, asked.body).toBe(201);
    const atB = await partnerCandidate(b, a, 'XV', 1);
    const pending = (await b.police.request('GET', `/api/exchange/candidates/${atB.id}/identity-exchanges`))
      .json()
      .incoming.find((incoming: { status: string }) => incoming.status === 'pending');
    const refused = await b.police.request(
      'POST',
      `/api/exchange/incoming-identity-requests/${pending.id}/refuse`,
      {
        reason: 'The synthetic guardian asked us to wait',
      },
    );
    expect(refused.statusCode, refused.body).toBe(200);
    expect(refused.json()).toMatchObject({ status: 'refused' });
    const check = await a.police.request('POST', `/api/exchange/identity-exchanges/${asked.json().id}/check`);
    expect(check.json().status).toBe('refused');
    expect(crossed.some(({ text }) => text.includes('synthetic guardian'))).toBe(false);
  });

  it('shows the partner’s requests only to those who may see the candidate', async () => {
    const atB = await partnerCandidate(b, a, 'XV', 0);
    const stranger = await b.palermo.signIn(await b.palermo.aUser(['police_investigator']));
    const seen = await stranger.request('GET', `/api/exchange/candidates/${atB.id}/identity-exchanges`);
    expect(seen.statusCode).toBe(404);
    const release = await stranger.request(
      'POST',
      `/api/exchange/incoming-identity-requests/${incomingId}/release`,
      legalBasis,
    );
    expect(release.statusCode).toBe(404);
  });
});

describe('the hub refuses identity messages, naming the problem, and stores nothing', () => {
  const message = (overrides: Record<string, unknown> = {}) => ({
    format: MESSAGE_FORMAT,
    version: MESSAGE_VERSION,
    type: 'identity-request',
    requestId: '00000000-0000-4000-8000-000000000001',
    to: publicKeyFingerprint(readPublicKeyFile(`${b.keyFile}.pub`)),
    sentAt: b.palermo.clock.now().toISOString(),
    fromRecord: a.references[2],
    toRecord: b.references[2],
    basis: 'legal_basis',
    fields: ['names'],
    answerKey: newAnswerKey().publicKey,
    ...overrides,
  });

  async function expectRefused(body: unknown, status: number, type: string) {
    const before = await countRows(b, 'identity_exchange_incoming');
    const response = await postToHub(b, hubPaths.request, body);
    expect(response.statusCode, response.body).toBe(status);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(response.json().type).toBe(`/problems/exchange/${type}`);
    expect(await countRows(b, 'identity_exchange_incoming')).toBe(before);
  }

  it('an unsigned message', async () => {
    await expectRefused(message(), 401, 'unsigned');
  });

  it('a message signed by a key no partner registered', async () => {
    writeKeyPair(join(folder, 'stranger.key'));
    await expectRefused(
      signMessage(message(), readPrivateKeyFile(join(folder, 'stranger.key'))),
      403,
      'unknown-partner',
    );
  });

  it('a message changed after signing', async () => {
    const envelope = signMessage(message(), a.key);
    await expectRefused(
      { ...envelope, message: envelope.message.replace('legal_basis', 'consent_of_person') },
      403,
      'bad-signature',
    );
  });

  it('a message for another installation, or too old', async () => {
    await expectRefused(
      signMessage(message({ to: 'f'.repeat(64) }), a.key),
      422,
      'not-for-this-installation',
    );
    await expectRefused(
      signMessage(message({ sentAt: '2026-03-26T09:00:00.000Z' }), a.key),
      422,
      'stale-message',
    );
  });

  it('an unknown record, and a pair this installation never found', async () => {
    await expectRefused(signMessage(message({ toRecord: 'M-0000-0000' }), a.key), 404, 'unknown-record');
    await expectRefused(signMessage(message(), a.key), 409, 'no-candidate');
  });

  it('a poll for a request the partner never sent', async () => {
    const response = await postToHub(
      b,
      hubPaths.answer,
      signMessage(
        {
          format: MESSAGE_FORMAT,
          version: MESSAGE_VERSION,
          type: 'identity-poll',
          requestId: '00000000-0000-4000-8000-000000000009',
          to: publicKeyFingerprint(readPublicKeyFile(`${b.keyFile}.pub`)),
          sentAt: b.palermo.clock.now().toISOString(),
        },
        a.key,
      ),
    );
    expect(response.statusCode).toBe(404);
    expect(response.json().type).toBe('/problems/exchange/unknown-request');
  });

  it('audits every refusal with its reason only', async () => {
    const refused = (
      await listAudit(b.palermo.db, { action: 'exchange.identity.incoming', limit: 100 })
    ).filter((entry) => entry.outcome === 'denied');
    expect(refused.map((entry) => entry.details.reason)).toEqual(
      expect.arrayContaining([
        'unsigned',
        'unknown-partner',
        'bad-signature',
        'not-for-this-installation',
        'stale-message',
        'unknown-record',
        'no-candidate',
      ]),
    );
  });
});

describe('suspending a partner', () => {
  it('refuses its uploads and identity messages (403, audited) until it is reinstated', async () => {
    expect((await b.police.request('POST', `/api/exchange/partners/${b.partnerId}/suspend`)).statusCode).toBe(
      403,
    );
    const suspended = await b.coordinator.request('POST', `/api/exchange/partners/${b.partnerId}/suspend`);
    expect(suspended.statusCode, suspended.body).toBe(200);
    expect(suspended.json().status).toBe('suspended');
    const again = await b.coordinator.request('POST', `/api/exchange/partners/${b.partnerId}/suspend`);
    expect(again.statusCode).toBe(409);

    const uploadsBefore = await countRows(b, 'exchange_upload');
    const file = join(folder, 'a.suspended.clk');
    await exportOpenReports(a.palermo.platform, readFileSync(secretFile), a.key, file);
    const refusedUpload = await uploadTo(b, readFileSync(file));
    expect(refusedUpload.statusCode).toBe(403);
    expect(refusedUpload.json().type).toBe('/problems/exchange/partner-suspended');
    expect(await countRows(b, 'exchange_upload')).toBe(uploadsBefore);

    // A asks B about the third pair's numbers: B's hub refuses before looking at the record.
    const candidate = await partnerCandidate(a, b, 'XB', 1);
    const asked = await a.police.request(
      'POST',
      `/api/exchange/candidates/${candidate.id}/identity-exchanges`,
      guardianConsent,
    );
    expect(asked.statusCode, asked.body).toBe(409);
    expect(asked.json()).toMatchObject({
      type: '/problems/exchange/partner-refused',
      partnerProblem: '/problems/exchange/partner-suspended',
    });
    const denied = (await listAudit(b.palermo.db, { limit: 1000 })).filter(
      (entry) => entry.outcome === 'denied' && entry.details.reason === 'partner-suspended',
    );
    expect(denied.map((entry) => entry.action).sort()).toEqual([
      'exchange.identity.incoming',
      'exchange.upload',
    ]);

    const reinstated = await b.coordinator.request('POST', `/api/exchange/partners/${b.partnerId}/reinstate`);
    expect(reinstated.json().status).toBe('active');
    expect((await uploadTo(b, readFileSync(file))).statusCode).toBe(200);
  });

  it('on the asking side, nothing is sent to a suspended partner', async () => {
    await a.coordinator.request('POST', `/api/exchange/partners/${a.partnerId}/suspend`);
    const before = crossed.length;
    const candidate = await partnerCandidate(a, b, 'XB', 1);
    const asked = await a.police.request(
      'POST',
      `/api/exchange/candidates/${candidate.id}/identity-exchanges`,
      guardianConsent,
    );
    expect(asked.statusCode).toBe(409);
    expect(asked.json().type).toBe('/problems/exchange/partner-suspended');
    expect(crossed.length).toBe(before);
    await a.coordinator.request('POST', `/api/exchange/partners/${a.partnerId}/reinstate`);
  });
});

describe('rotating a partner’s key', () => {
  let exports = 0;
  const signedExport = async (key: KeyObject) => {
    exports += 1;
    const file = join(folder, `a.rotation-${exports}.clk`);
    await exportOpenReports(a.palermo.platform, readFileSync(secretFile), key, file);
    return readFileSync(file);
  };

  it('refuses a retirement day in the past, naming the field', async () => {
    writeKeyPair(join(folder, 'a2.key'));
    const response = await b.coordinator.request('POST', `/api/exchange/partners/${b.partnerId}/keys`, {
      publicKey: readFileSync(join(folder, 'a2.key.pub'), 'utf8'),
      oldKeyRetiresOn: '2026-03-01',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([expect.objectContaining({ pointer: '/body/oldKeyRetiresOn' })]);
  });

  it('retires the old key at once: uploads signed with it are refused, the new key is accepted', async () => {
    const rotated = await b.coordinator.request('POST', `/api/exchange/partners/${b.partnerId}/keys`, {
      publicKey: readFileSync(join(folder, 'a2.key.pub'), 'utf8'),
    });
    expect(rotated.statusCode, rotated.body).toBe(201);
    expect(
      rotated
        .json()
        .keys.map((key: { state: string }) => key.state)
        .sort(),
    ).toEqual(['current', 'retired']);
    const old = await uploadTo(b, await signedExport(a.key));
    expect(old.statusCode).toBe(403);
    expect(old.json().type).toBe('/problems/exchange/key-retired');
    const fresh = await uploadTo(b, await signedExport(readPrivateKeyFile(join(folder, 'a2.key'))));
    expect(fresh.statusCode, fresh.body).toBe(200);
  });

  it('keeps the old key valid until the stated day, and refuses it from that day on', async () => {
    writeKeyPair(join(folder, 'a3.key'));
    const rotated = await b.coordinator.request('POST', `/api/exchange/partners/${b.partnerId}/keys`, {
      publicKey: readFileSync(join(folder, 'a3.key.pub'), 'utf8'),
      oldKeyRetiresOn: '2026-04-06',
    });
    expect(rotated.statusCode, rotated.body).toBe(201);
    expect(
      rotated
        .json()
        .keys.map((key: { state: string; retiresOn: string | null }) => `${key.state} ${key.retiresOn}`)
        .sort(),
    ).toEqual(['current null', 'retired 2026-03-27', 'retiring 2026-04-06']);
    const second = readPrivateKeyFile(join(folder, 'a2.key'));
    expect((await uploadTo(b, await signedExport(second))).statusCode).toBe(200);
    b.palermo.clock.advance(10 * 24 * 3600 * 1000);
    const late = await uploadTo(b, await signedExport(second));
    expect(late.statusCode).toBe(403);
    expect(late.json().type).toBe('/problems/exchange/key-retired');
    expect(
      (await uploadTo(b, await signedExport(readPrivateKeyFile(join(folder, 'a3.key'))))).statusCode,
    ).toBe(200);
    const rotations = await listAudit(b.palermo.db, { action: 'exchange.partner.rotate-key', limit: 10 });
    expect(rotations).toHaveLength(2);
    expect(Object.keys(rotations[0]!.details).sort()).toEqual(['countryCode', 'newKey', 'oldKeysRetireOn']);
  });
});
