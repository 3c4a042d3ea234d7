import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { newId } from '../kernel/ids.js';
import {
  blindIndex,
  FIELD_OVERHEAD_BYTES,
  type FieldLocation,
  newDataKey,
  normaliseForBlindIndex,
  openField,
  sealField,
  UnreadableCiphertext,
  unwrapDataKey,
  wrapDataKey,
} from './field-encryption.js';

const aLocation = (overrides: Partial<FieldLocation> = {}): FieldLocation => ({
  table: 'people.person',
  column: 'given_name',
  rowId: newId(),
  subjectId: newId(),
  ...overrides,
});
const anyText = fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), fc.constant(''));
const keyring = { blindIndexKey: randomBytes(32) };

function refusal(read: () => unknown): UnreadableCiphertext {
  try {
    read();
  } catch (error) {
    if (error instanceof UnreadableCiphertext) return error;
    throw error;
  }
  throw new Error('the ciphertext was read');
}

describe('sealing a field', () => {
  it('gives back exactly the text that was sealed, for any text including the empty one', () => {
    fc.assert(
      fc.property(anyText, (plaintext) => {
        const dataKey = newDataKey();
        const location = aLocation();
        expect(openField(dataKey, 1, location, sealField(dataKey, 1, location, plaintext))).toBe(plaintext);
      }),
    );
  });

  it('is self-describing: format byte, key version, 12-byte IV, 16-byte tag, then the ciphertext', () => {
    const sealed = sealField(newDataKey(), 258, aLocation(), 'Ana');
    expect(sealed[0]).toBe(1);
    expect(sealed.readUInt32BE(1)).toBe(258);
    expect(sealed).toHaveLength(FIELD_OVERHEAD_BYTES + 3);
  });

  it('never seals the same text twice into the same bytes', () => {
    const dataKey = newDataKey();
    const location = aLocation();
    expect(sealField(dataKey, 1, location, 'Ana')).not.toEqual(sealField(dataKey, 1, location, 'Ana'));
  });

  it('refuses a ciphertext with any single byte changed', () => {
    const dataKey = newDataKey();
    const location = aLocation();
    fc.assert(
      fc.property(anyText, fc.nat(), fc.integer({ min: 1, max: 255 }), (plaintext, position, flip) => {
        const sealed = sealField(dataKey, 1, location, plaintext);
        const changed = Buffer.from(sealed);
        const index = position % changed.length;
        changed[index] = changed[index]! ^ flip;
        expect(refusal(() => openField(dataKey, 1, location, changed))).toBeInstanceOf(UnreadableCiphertext);
      }),
    );
  });

  it('refuses a ciphertext cut short or lengthened', () => {
    const dataKey = newDataKey();
    const location = aLocation();
    const sealed = sealField(dataKey, 1, location, 'Ana Pop');
    for (let length = 0; length < sealed.length; length++)
      expect(refusal(() => openField(dataKey, 1, location, sealed.subarray(0, length)))).toBeDefined();
    const lengthened = Buffer.concat([sealed, Buffer.from([0])]);
    expect(refusal(() => openField(dataKey, 1, location, lengthened)).reason).toBe('authentication-failed');
  });

  it.each([
    ['another row', { rowId: newId() }],
    ['another column', { column: 'family_name' }],
    ['another table', { table: 'people.guardian' }],
    ['another subject', { subjectId: newId() }],
  ])('refuses a ciphertext moved to %s', (_where, moved) => {
    const dataKey = newDataKey();
    const location = aLocation();
    const sealed = sealField(dataKey, 1, location, 'Ana Pop');
    expect(refusal(() => openField(dataKey, 1, { ...location, ...moved }, sealed)).reason).toBe(
      'authentication-failed',
    );
  });

  it('refuses a ciphertext whose key version was rewritten', () => {
    const dataKey = newDataKey();
    const location = aLocation();
    const sealed = sealField(dataKey, 1, location, 'Ana Pop');
    sealed.writeUInt32BE(2, 1);
    expect(refusal(() => openField(dataKey, 1, location, sealed)).reason).toBe('key-version-mismatch');
    expect(refusal(() => openField(dataKey, 2, location, sealed)).reason).toBe('authentication-failed');
  });

  it('refuses a ciphertext under another key', () => {
    const location = aLocation();
    const sealed = sealField(newDataKey(), 1, location, 'Ana Pop');
    expect(refusal(() => openField(newDataKey(), 1, location, sealed)).reason).toBe('authentication-failed');
  });

  it('refuses text with a lone surrogate rather than storing something else', () => {
    expect(() => sealField(newDataKey(), 1, aLocation(), 'Ana \ud800')).toThrow(/lone surrogate/);
  });

  it('names the place, never the text, when it refuses', () => {
    const dataKey = newDataKey();
    const location = aLocation();
    const sealed = sealField(dataKey, 1, location, 'Ana Pop');
    const error = refusal(() => openField(newDataKey(), 1, location, sealed));
    expect(error.message).toContain(location.rowId);
    expect(error.message).not.toContain('Ana');
  });
});

describe('wrapping a data key', () => {
  it('unwraps to the same key only for the same subject, key version and master key version', () => {
    const masterKey = randomBytes(32);
    const subjectId = newId();
    const dataKey = newDataKey();
    const wrapped = wrapDataKey(masterKey, 1, subjectId, 1, dataKey);
    expect(unwrapDataKey(masterKey, 1, subjectId.toUpperCase(), 1, wrapped)).toEqual(dataKey);
    expect(() => unwrapDataKey(masterKey, 1, newId(), 1, wrapped)).toThrow(UnreadableCiphertext);
    expect(() => unwrapDataKey(masterKey, 2, subjectId, 1, wrapped)).toThrow(UnreadableCiphertext);
    expect(() => unwrapDataKey(masterKey, 1, subjectId, 2, wrapped)).toThrow(UnreadableCiphertext);
    expect(() => unwrapDataKey(randomBytes(32), 1, subjectId, 1, wrapped)).toThrow(UnreadableCiphertext);
  });
});

describe('blindIndex', () => {
  it('finds an e-mail address whatever its case and surrounding spaces', () => {
    expect(blindIndex(keyring, 'user.email', 'Ana.Pop@Example.org ')).toEqual(
      blindIndex(keyring, 'user.email', 'ana.pop@example.org'),
    );
  });

  it('gives different digests for the same value under different purposes', () => {
    expect(blindIndex(keyring, 'user.email', 'ana.pop@example.org')).not.toEqual(
      blindIndex(keyring, 'person.document', 'ana.pop@example.org'),
    );
  });

  it('gives different digests under different blind index keys', () => {
    expect(blindIndex(keyring, 'user.email', 'ana.pop@example.org')).not.toEqual(
      blindIndex({ blindIndexKey: randomBytes(32) }, 'user.email', 'ana.pop@example.org'),
    );
  });

  it('treats compatibility forms and case variants as the same value', () => {
    expect(normaliseForBlindIndex('\u00a0ＡＢ１２３４５６\t')).toBe('ab123456'); // full-width, no-break space
    expect(normaliseForBlindIndex('STRASSE')).toBe(normaliseForBlindIndex('straße'));
    expect(normaliseForBlindIndex('Cafe\u0301')).toBe(normaliseForBlindIndex('Café'));
  });

  it('tells different values apart', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (one, other) => {
        fc.pre(normaliseForBlindIndex(one) !== normaliseForBlindIndex(other));
        expect(blindIndex(keyring, 'person.document', one)).not.toEqual(
          blindIndex(keyring, 'person.document', other),
        );
      }),
    );
  });

  it('is stable under its own normalisation', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (value) => {
        expect(normaliseForBlindIndex(normaliseForBlindIndex(value))).toBe(normaliseForBlindIndex(value));
      }),
    );
  });

  it('refuses a purpose that is not like user.email', () => {
    expect(() => blindIndex(keyring, 'email', 'ana.pop@example.org')).toThrow(/purpose/);
  });
});
