import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type AuditEntryInput,
  type AuditRecord,
  auditEntryDigest,
  auditFieldsOf,
  CHAIN_START,
  canonicalAuditEncoding,
  chainHash,
  checkChainSegment,
  GENESIS_HASH,
  InvalidAuditEntry,
} from './audit.js';

const aCaseView = (overrides: Partial<AuditEntryInput> = {}): AuditEntryInput => ({
  occurredAt: new Date('2025-04-02T09:15:00.123Z'),
  actor: {
    kind: 'user',
    id: '6c1f0e1e-9b0a-4c57-9d1e-0d2f3c4b5a69',
    organisationId: '0b9d3c1e-2f4a-4e5b-8c6d-7e8f9a0b1c2d',
  },
  action: 'case.view',
  subject: { type: 'case', id: 'a3e5c7d9-1b2f-4a6c-8e0d-2f4b6d8a0c1e' },
  outcome: 'success',
  requestId: 'req-7',
  details: { referralId: 'r-1', attempt: 2, restricted: false },
  ...overrides,
});

/** Builds a chain in memory exactly as the database trigger does. */
function chainOf(entries: readonly AuditEntryInput[]): AuditRecord[] {
  let prevHash = GENESIS_HASH;
  return entries.map((entry, index) => {
    const fields = auditFieldsOf(entry);
    const entryDigest = auditEntryDigest(fields);
    const hash = chainHash(prevHash, entryDigest);
    const record = { ...fields, seq: index + 1, entryDigest, prevHash, hash };
    prevHash = hash;
    return record;
  });
}

const anyEntry: fc.Arbitrary<AuditEntryInput> = fc.record({
  occurredAt: fc.date({ min: new Date('2020-01-01'), max: new Date('2040-01-01'), noInvalidDate: true }),
  actor: fc.oneof(
    fc.record({ kind: fc.constant('user' as const), id: fc.uuid(), organisationId: fc.uuid() }),
    fc.record({ kind: fc.constant('system' as const), id: fc.constantFrom('cli', 'scheduler') }),
    fc.constant({ kind: 'anonymous' as const }),
  ),
  action: fc.constantFrom('case.view', 'referral.create', 'auth.login'),
  subject: fc.option(fc.record({ type: fc.constantFrom('case', 'referral'), id: fc.uuid() }), {
    nil: undefined,
  }),
  outcome: fc.constantFrom('success' as const, 'denied' as const, 'failure' as const),
  requestId: fc.option(fc.string({ maxLength: 12 }), { nil: undefined }),
  details: fc.option(
    fc.dictionary(
      fc.stringMatching(/^[a-z][a-zA-Z0-9]{0,8}$/),
      fc.oneof(fc.string({ maxLength: 8 }), fc.integer(), fc.boolean(), fc.constant(null)),
      { maxKeys: 4 },
    ),
    { nil: undefined },
  ),
});

describe('canonical encoding of an audit entry', () => {
  it('is JSON with sorted keys and the instant in UTC with milliseconds', () => {
    expect(canonicalAuditEncoding(auditFieldsOf(aCaseView()))).toBe(
      '{"action":"case.view","actorId":"6c1f0e1e-9b0a-4c57-9d1e-0d2f3c4b5a69","actorKind":"user",' +
        '"details":{"attempt":2,"referralId":"r-1","restricted":false},"format":1,' +
        '"occurredAt":"2025-04-02T09:15:00.123Z","organisationId":"0b9d3c1e-2f4a-4e5b-8c6d-7e8f9a0b1c2d",' +
        '"outcome":"success","requestId":"req-7","subjectId":"a3e5c7d9-1b2f-4a6c-8e0d-2f4b6d8a0c1e",' +
        '"subjectType":"case"}',
    );
  });

  it('does not depend on the order details were written in', () => {
    const one = aCaseView({ details: { b: 1, a: 'x' } });
    const other = aCaseView({ details: { a: 'x', b: 1 } });
    expect(auditEntryDigest(auditFieldsOf(one))).toEqual(auditEntryDigest(auditFieldsOf(other)));
  });

  it('writes absent values as null, distinct from empty text', () => {
    const absent = auditFieldsOf(aCaseView({ requestId: undefined }));
    const empty = auditFieldsOf(aCaseView({ requestId: '' }));
    expect(canonicalAuditEncoding(absent)).toContain('"requestId":null');
    expect(auditEntryDigest(absent)).not.toEqual(auditEntryDigest(empty));
  });

  it('spells an organisation id in lower case, as the database returns it', () => {
    const upper = aCaseView({
      actor: { kind: 'user', id: 'u-1', organisationId: '0B9D3C1E-2F4A-4E5B-8C6D-7E8F9A0B1C2D' },
    });
    expect(auditFieldsOf(upper).organisationId).toBe('0b9d3c1e-2f4a-4e5b-8c6d-7e8f9a0b1c2d');
  });

  it('gives a different digest when any field changes', () => {
    fc.assert(
      fc.property(anyEntry, anyEntry, (one, other) => {
        const a = canonicalAuditEncoding(auditFieldsOf(one));
        const b = canonicalAuditEncoding(auditFieldsOf(other));
        expect(auditEntryDigest(auditFieldsOf(one)).equals(auditEntryDigest(auditFieldsOf(other)))).toBe(
          a === b,
        );
      }),
    );
  });
});

describe('an audit entry', () => {
  it.each<[string, Partial<AuditEntryInput>]>([
    ['an invalid instant', { occurredAt: new Date(Number.NaN) }],
    ['an action not like case.view', { action: 'view' }],
    ['an organisation id that is not a uuid', { actor: { kind: 'user', id: 'u', organisationId: 'org-1' } }],
    ['a NUL character', { requestId: 'a\u0000b' }],
    ['a lone surrogate', { subject: { type: 'case', id: '\ud800' } }],
    ['a detail that is not a finite number', { details: { count: Number.POSITIVE_INFINITY } }],
    ['a detail that is an object', { details: { nested: {} as unknown as string } }],
    ['a long free-text detail', { details: { note: 'x'.repeat(257) } }],
    ['a details key that is not an identifier', { details: { 'the name': 'x' } }],
    [
      'more than 32 details',
      { details: Object.fromEntries([...Array(33).keys()].map((key) => [`k${key}`, key])) },
    ],
  ])('is refused with %s', (_problem, overrides) => {
    expect(() => auditFieldsOf(aCaseView(overrides))).toThrow(InvalidAuditEntry);
  });
});

describe('checkChainSegment', () => {
  it('accepts any chain built the way the database builds it', () => {
    fc.assert(
      fc.property(fc.array(anyEntry, { maxLength: 20 }), (entries) => {
        const chain = chainOf(entries);
        const check = checkChainSegment(CHAIN_START, chain);
        expect(check).toMatchObject({
          intact: true,
          checked: entries.length,
          position: { seq: entries.length },
        });
      }),
    );
  });

  it('accepts a chain checked page by page', () => {
    fc.assert(
      fc.property(fc.array(anyEntry, { minLength: 1, maxLength: 20 }), fc.nat(), (entries, cut) => {
        const chain = chainOf(entries);
        const at = cut % chain.length;
        const first = checkChainSegment(CHAIN_START, chain.slice(0, at));
        if (!first.intact) throw new Error('first page refused');
        expect(checkChainSegment(first.position, chain.slice(at))).toMatchObject({ intact: true });
      }),
    );
  });

  it('names the altered entry when a field was changed', () => {
    const chain = chainOf([aCaseView(), aCaseView(), aCaseView()]);
    chain[1] = { ...chain[1]!, action: 'case.delete' };
    expect(checkChainSegment(CHAIN_START, chain)).toMatchObject({
      intact: false,
      firstBadSeq: 2,
      reason: 'digest-mismatch',
      checked: 1,
    });
  });

  it('names the missing seq when an entry was removed', () => {
    const chain = chainOf([aCaseView(), aCaseView(), aCaseView()]);
    expect(checkChainSegment(CHAIN_START, [chain[0]!, chain[2]!])).toMatchObject({
      firstBadSeq: 2,
      reason: 'sequence-gap',
    });
  });

  it('names the first moved entry when two entries swapped places', () => {
    const chain = chainOf([
      aCaseView(),
      aCaseView({ action: 'case.update' }),
      aCaseView({ outcome: 'denied' }),
    ]);
    const swapped = [chain[0]!, { ...chain[2]!, seq: 2 }, { ...chain[1]!, seq: 3 }];
    expect(checkChainSegment(CHAIN_START, swapped)).toMatchObject({ firstBadSeq: 2, reason: 'chain-broken' });
  });

  it('refuses a stored hash that does not follow from its prev_hash and digest', () => {
    const chain = chainOf([aCaseView(), aCaseView()]);
    chain[1] = { ...chain[1]!, hash: Buffer.alloc(32, 7) };
    expect(checkChainSegment(CHAIN_START, chain)).toMatchObject({ firstBadSeq: 2, reason: 'hash-mismatch' });
  });

  it('refuses a first entry that does not start from 32 zero bytes', () => {
    const chain = chainOf([aCaseView()]);
    chain[0] = { ...chain[0]!, prevHash: Buffer.alloc(32, 1) };
    expect(checkChainSegment(CHAIN_START, chain)).toMatchObject({ firstBadSeq: 1, reason: 'chain-broken' });
  });
});
