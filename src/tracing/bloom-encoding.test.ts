import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  defaultEncodingSchema,
  deriveFeatureKeys,
  diceSimilarity,
  type EncodingSchema,
  encodedLength,
  encodeRecord,
  type Hardening,
  validateEncoding,
} from './bloom-encoding.js';
import type { PersonRecord } from './fellegi-sunter.js';

const sharedSecret = Buffer.from('a secret the two installations agreed on, 32+ bytes long', 'utf8');

function aPerson(overrides: Partial<PersonRecord> = {}): PersonRecord {
  return {
    id: 'p1',
    givenName: 'Olena',
    familyName: 'Shevchenko',
    sex: 'F',
    birth: { year: 2006, month: 4, day: 12 },
    nationality: 'UKR',
    ...overrides,
  };
}

function aSchema(hardening: Hardening = 'none'): EncodingSchema {
  return { ...defaultEncodingSchema, hardening };
}

function encode(record: PersonRecord, schema = aSchema(), secret = sharedSecret): Uint8Array {
  return encodeRecord(record, schema, deriveFeatureKeys(secret, schema));
}

function contains(haystack: Uint8Array, needle: Uint8Array): boolean {
  return Buffer.from(haystack).indexOf(Buffer.from(needle)) !== -1;
}

describe('encodeRecord', () => {
  it('encodes into 1024 bits, 2048 balanced or 512 folded', () => {
    expect(encode(aPerson()).byteLength).toBe(128);
    expect(encode(aPerson(), aSchema('balance')).byteLength).toBe(256);
    expect(encode(aPerson(), aSchema('xorFold')).byteLength).toBe(64);
    for (const hardening of ['none', 'balance', 'xorFold'] as const)
      expect(encode(aPerson(), aSchema(hardening)).byteLength).toBe(encodedLength(aSchema(hardening)));
  });

  it('gives the same person the same encoding: Dice 1', () => {
    for (const hardening of ['none', 'balance', 'xorFold'] as const)
      expect(
        diceSimilarity(encode(aPerson(), aSchema(hardening)), encode(aPerson(), aSchema(hardening))),
      ).toBe(1);
  });

  it('keeps a typo in the family name highly similar and different people far apart', () => {
    const typo = diceSimilarity(encode(aPerson()), encode(aPerson({ familyName: 'Shevcheko' })));
    const transliterated = diceSimilarity(encode(aPerson()), encode(aPerson({ familyName: 'Шевченко' })));
    const otherPerson = diceSimilarity(
      encode(aPerson()),
      encode(
        aPerson({
          givenName: 'Mihai',
          familyName: 'Popescu',
          sex: 'M',
          birth: { year: 1991, month: 8, day: 30 },
          nationality: 'MDA',
        }),
      ),
    );
    expect(typo).toBeGreaterThan(0.8);
    expect(transliterated).toBe(1);
    expect(otherPerson).toBeLessThan(0.3);
  });

  it('keeps the order typo > different person under every hardening', () => {
    for (const hardening of ['balance', 'xorFold'] as const) {
      const schema = aSchema(hardening);
      const typo = diceSimilarity(
        encode(aPerson(), schema),
        encode(aPerson({ familyName: 'Shevcheko' }), schema),
      );
      const other = diceSimilarity(
        encode(aPerson(), schema),
        encode(aPerson({ givenName: 'Mihai', familyName: 'Popescu', sex: 'M', nationality: 'MDA' }), schema),
      );
      expect(typo).toBeGreaterThan(other);
    }
  });

  it('carries no plaintext of the record', () => {
    const record = aPerson({ givenName: 'Olena', familyName: 'Shevchenko', nationality: 'UKR' });
    for (const hardening of ['none', 'balance', 'xorFold'] as const) {
      const encoding = encode(record, aSchema(hardening));
      for (const plaintext of ['Olena', 'olena', 'Shevchenko', 'shevchenko', 'UKR', '2006'])
        expect(contains(encoding, Buffer.from(plaintext, 'utf8'))).toBe(false);
    }
  });

  it('gives unrelated encodings under different secrets', () => {
    const other = Buffer.from('another installation pair, another secret entirely', 'utf8');
    const similarity = diceSimilarity(encode(aPerson()), encode(aPerson(), aSchema(), other));
    expect(similarity).toBeLessThan(0.4);
  });

  it('refuses to encode a feature it has no key for', () => {
    expect(() => encodeRecord(aPerson(), aSchema(), new Map())).toThrow(/no key/);
  });
});

describe('deriveFeatureKeys', () => {
  it('derives a different 32-byte key for each feature', () => {
    const keys = deriveFeatureKeys(sharedSecret, aSchema());
    const hex = [...keys.values()].map((key) => key.toString('hex'));
    expect(keys.size).toBe(5);
    expect(new Set(hex).size).toBe(5);
    for (const key of keys.values()) expect(key.byteLength).toBe(32);
  });

  it('derives the same keys from the same secret on both sides', () => {
    expect(deriveFeatureKeys(sharedSecret, aSchema()).get('familyName')).toEqual(
      deriveFeatureKeys(Buffer.from(sharedSecret), aSchema()).get('familyName'),
    );
  });
});

describe('diceSimilarity', () => {
  const anyEncoding = fc.uint8Array({ minLength: 128, maxLength: 128 });

  it('agrees with a bit-by-bit count', () => {
    fc.assert(
      fc.property(anyEncoding, anyEncoding, (left, right) => {
        let common = 0;
        let total = 0;
        for (let bit = 0; bit < 1024; bit += 1) {
          const leftBit = (left[bit >> 3]! >> (bit & 7)) & 1;
          const rightBit = (right[bit >> 3]! >> (bit & 7)) & 1;
          common += leftBit & rightBit;
          total += leftBit + rightBit;
        }
        expect(diceSimilarity(left, right)).toBeCloseTo(total === 0 ? 0 : (2 * common) / total, 12);
      }),
    );
  });

  it('is symmetric and works on unaligned views', () => {
    const left = encode(aPerson());
    const buffer = new Uint8Array(129);
    buffer.set(encode(aPerson({ givenName: 'Olha' })), 1);
    const right = buffer.subarray(1);
    expect(diceSimilarity(left, right)).toBe(diceSimilarity(right, left));
    expect(diceSimilarity(left, right)).toBeGreaterThan(0.5);
  });

  it('refuses to compare encodings of different lengths', () => {
    expect(() => diceSimilarity(new Uint8Array(128), new Uint8Array(64))).toThrow();
  });
});

describe('validateEncoding', () => {
  it('accepts an encoding made under the same schema', () => {
    for (const hardening of ['none', 'balance', 'xorFold'] as const)
      expect(validateEncoding(encode(aPerson(), aSchema(hardening)), aSchema(hardening))).toEqual({
        valid: true,
      });
  });

  it('refuses an encoding of the wrong length', () => {
    expect(validateEncoding(new Uint8Array(127), aSchema())).toEqual({
      valid: false,
      refusal: 'wrong-length',
    });
    expect(validateEncoding(encode(aPerson()), aSchema('balance'))).toEqual({
      valid: false,
      refusal: 'wrong-length',
    });
  });

  it('refuses a schema version it does not know', () => {
    const future = { ...aSchema(), version: 2 } as unknown as EncodingSchema;
    expect(validateEncoding(encode(aPerson()), future)).toEqual({
      valid: false,
      refusal: 'unsupported-version',
    });
  });

  it('refuses a balanced encoding that is not balanced', () => {
    expect(validateEncoding(new Uint8Array(256), aSchema('balance'))).toEqual({
      valid: false,
      refusal: 'not-balanced',
    });
  });
});
