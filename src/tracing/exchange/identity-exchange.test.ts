import { generateKeyPairSync } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  commonFields,
  decideIdentityRequest,
  decideIncomingRequest,
  decideRelease,
  type ExchangeBasis,
  type IdentityRequestSituation,
  identityFieldGroups,
  pickIdentity,
  type ReleaseSituation,
} from './identity-exchange.js';
import {
  IdentityRequestMessage,
  isTimely,
  newAnswerKey,
  openSealedIdentity,
  parseMessage,
  sealForRequester,
  sealingContext,
  signMessage,
  verifyEnvelope,
} from './identity-message.js';
import { trustedKeys } from './signature.js';

// The rules of the identity exchange (docs/decisions/0026) and its message crypto. Synthetic data.

const aBasis = (overrides: Partial<ExchangeBasis> = {}): ExchangeBasis => ({
  kind: 'consent_of_guardian',
  reference: 'Consent form CF-1',
  expiresOn: null,
  fields: ['names', 'birth'],
  ...overrides,
});

const aRequestSituation = (overrides: Partial<IdentityRequestSituation> = {}): IdentityRequestSituation => ({
  candidate: { kind: 'partner', status: 'confirmed' },
  partner: { status: 'active', hubUrl: 'https://hub.example.org' },
  basis: aBasis(),
  hasLiveRequest: false,
  today: '2026-03-27',
  ...overrides,
});

const aReleaseSituation = (overrides: Partial<ReleaseSituation> = {}): ReleaseSituation => ({
  request: { status: 'pending', requestedFields: ['names', 'sex', 'birth'] },
  candidate: { kind: 'partner', status: 'confirmed' },
  partner: { status: 'active', hubUrl: null },
  basis: aBasis({ kind: 'legal_basis', fields: ['names', 'citizenship'] }),
  reportErased: false,
  today: '2026-03-27',
  ...overrides,
});

const anyFields = fc.subarray([...identityFieldGroups]);

describe('decideIdentityRequest', () => {
  it('asks for the groups the basis allows once the partner match is confirmed', () => {
    expect(decideIdentityRequest(aRequestSituation())).toEqual({
      outcome: 'ask',
      fields: ['names', 'birth'],
    });
  });

  it.each([
    [{ candidate: { kind: 'case', status: 'confirmed' } }, { kind: 'not-partner-candidate' }],
    [{ candidate: { kind: 'partner', status: 'open' } }, { kind: 'match-not-confirmed', status: 'open' }],
    [
      { candidate: { kind: 'partner', status: 'rejected' } },
      { kind: 'match-not-confirmed', status: 'rejected' },
    ],
    [{ partner: { status: 'suspended', hubUrl: 'https://x.example' } }, { kind: 'partner-suspended' }],
    [{ partner: { status: 'active', hubUrl: null } }, { kind: 'partner-without-hub' }],
    [{ basis: aBasis({ expiresOn: '2026-03-26' }) }, { kind: 'basis-not-in-force', expiresOn: '2026-03-26' }],
    [{ basis: aBasis({ fields: [] }) }, { kind: 'no-fields' }],
    [{ hasLiveRequest: true }, { kind: 'already-requested' }],
  ] as [Partial<IdentityRequestSituation>, unknown][])('refuses %j', (overrides, refusal) => {
    expect(decideIdentityRequest(aRequestSituation(overrides))).toEqual({ outcome: 'refuse', refusal });
  });

  it('still asks on the last day a consent is in force', () => {
    expect(
      decideIdentityRequest(aRequestSituation({ basis: aBasis({ expiresOn: '2026-03-27' }) })).outcome,
    ).toBe('ask');
  });
});

describe('decideIncomingRequest', () => {
  it('keeps a request for a pair this installation found, confirmed or still open', () => {
    for (const status of ['open', 'confirmed'] as const)
      expect(
        decideIncomingRequest({ report: { erased: false }, candidate: { kind: 'partner', status } }),
      ).toEqual({
        outcome: 'keep',
      });
  });

  it('refuses an unknown record, an erased one, a pair never found and a rejected pair', () => {
    expect(decideIncomingRequest({ report: null, candidate: null })).toMatchObject({
      refusal: { kind: 'unknown-record' },
    });
    expect(decideIncomingRequest({ report: { erased: true }, candidate: null })).toMatchObject({
      refusal: { kind: 'record-erased' },
    });
    expect(decideIncomingRequest({ report: { erased: false }, candidate: null })).toMatchObject({
      refusal: { kind: 'no-candidate' },
    });
    expect(
      decideIncomingRequest({
        report: { erased: false },
        candidate: { kind: 'partner', status: 'rejected' },
      }),
    ).toMatchObject({ refusal: { kind: 'match-rejected' } });
  });
});

describe('decideRelease', () => {
  it('releases only the groups both bases allow', () => {
    expect(decideRelease(aReleaseSituation())).toEqual({ outcome: 'release', fields: ['names'] });
  });

  it.each([
    [{ request: { status: 'withdrawn', requestedFields: ['names'] } }, { kind: 'request-withdrawn' }],
    [
      { request: { status: 'released', requestedFields: ['names'] } },
      { kind: 'request-decided', status: 'released' },
    ],
    [{ candidate: { kind: 'partner', status: 'open' } }, { kind: 'match-not-confirmed', status: 'open' }],
    [{ partner: { status: 'suspended', hubUrl: null } }, { kind: 'partner-suspended' }],
    [{ reportErased: true }, { kind: 'record-erased' }],
    [
      { basis: aBasis({ expiresOn: '2026-01-01', fields: ['names'] }) },
      { kind: 'basis-not-in-force', expiresOn: '2026-01-01' },
    ],
    [{ basis: aBasis({ fields: ['parents'] }) }, { kind: 'no-fields-in-common' }],
  ] as [Partial<ReleaseSituation>, unknown][])('refuses %j', (overrides, refusal) => {
    expect(decideRelease(aReleaseSituation(overrides))).toEqual({ outcome: 'refuse', refusal });
  });

  it('never releases a group that one side’s basis does not allow', () => {
    fc.assert(
      fc.property(anyFields, anyFields, (requested, allowed) => {
        const decision = decideRelease(
          aReleaseSituation({
            request: { status: 'pending', requestedFields: requested },
            basis: aBasis({ fields: allowed }),
          }),
        );
        if (decision.outcome === 'release')
          for (const group of decision.fields) {
            expect(requested).toContain(group);
            expect(allowed).toContain(group);
          }
        else expect(commonFields(requested, allowed)).toEqual([]);
      }),
    );
  });

  it('never releases unless the match is confirmed on this side', () => {
    fc.assert(
      fc.property(fc.constantFrom('open', 'confirmed', 'rejected' as const), (status) => {
        const decision = decideRelease(aReleaseSituation({ candidate: { kind: 'partner', status } }));
        expect(decision.outcome === 'release').toBe(status === 'confirmed');
      }),
    );
  });
});

describe('pickIdentity', () => {
  it('keeps the fields of the released groups only, and never circumstances or places last seen', () => {
    const picked = pickIdentity(
      {
        givenName: 'Synthia',
        familyName: 'Testerova',
        sex: 'female',
        dateOfBirth: { year: 2010 },
        citizenship: 'MDA',
        lastSeenPlace: 'Fictional station',
        circumstances: 'Left with an invented person',
        parentNames: ['Mock Parent'],
      },
      ['names', 'birth'],
    );
    expect(picked).toEqual({ givenName: 'Synthia', familyName: 'Testerova', dateOfBirth: { year: 2010 } });
  });
});

describe('identity-exchange messages', () => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const message = {
    format: 'palermo-identity-exchange',
    version: 1,
    type: 'identity-request',
    requestId: '00000000-0000-4000-8000-000000000001',
    to: 'a'.repeat(64),
    sentAt: '2026-03-27T09:00:00.000Z',
    fromRecord: 'M-AAAA-BBBB',
    toRecord: 'M-CCCC-DDDD',
    basis: 'legal_basis',
    fields: ['names'],
    answerKey: newAnswerKey().publicKey,
  };

  it('verifies a signed message against the registered key, and refuses any change', () => {
    const envelope = signMessage(message, privateKey);
    const verified = verifyEnvelope(envelope, trustedKeys([publicKey]));
    expect(verified.ok).toBe(true);
    if (verified.ok) expect(parseMessage(IdentityRequestMessage, verified.text)).toEqual(message);
    const changed = { ...envelope, message: envelope.message.replace('M-AAAA', 'M-ZZZZ') };
    expect(verifyEnvelope(changed, trustedKeys([publicKey]))).toMatchObject({
      ok: false,
      refusal: 'bad-signature',
    });
    expect(verifyEnvelope(envelope, new Map())).toMatchObject({ ok: false, refusal: 'unknown-key' });
    expect(verifyEnvelope({ message: 'x' }, trustedKeys([publicKey]))).toMatchObject({ refusal: 'unsigned' });
  });

  it('refuses a message that is not the expected kind', () => {
    expect(parseMessage(IdentityRequestMessage, JSON.stringify({ ...message, name: 'extra' }))).toBeNull();
    expect(parseMessage(IdentityRequestMessage, '{not json')).toBeNull();
  });

  it('accepts a message sent within the window only', () => {
    const now = new Date('2026-03-27T09:10:00Z');
    expect(isTimely('2026-03-27T09:00:00.000Z', now)).toBe(true);
    expect(isTimely('2026-03-27T08:40:00.000Z', now)).toBe(false);
  });

  it('opens the identity with the requester’s one-time key only, and only for the same request and records', () => {
    const answerKey = newAnswerKey();
    const context = sealingContext('00000000-0000-4000-8000-000000000001', 'M-CCCC-DDDD', 'M-AAAA-BBBB');
    const sealed = sealForRequester('{"givenName":"Synthia"}', answerKey.publicKey, context);
    expect(Buffer.from(sealed.ciphertext, 'base64').toString('latin1')).not.toContain('Synthia');
    expect(openSealedIdentity(sealed, answerKey.privateKeyPem, context)).toBe('{"givenName":"Synthia"}');
    expect(openSealedIdentity(sealed, newAnswerKey().privateKeyPem, context)).toBeNull();
    expect(openSealedIdentity(sealed, answerKey.privateKeyPem, `${context}x`)).toBeNull();
    const tampered = { ...sealed, ciphertext: Buffer.from('x'.repeat(20)).toString('base64') };
    expect(openSealedIdentity(tampered, answerKey.privateKeyPem, context)).toBeNull();
  });
});
