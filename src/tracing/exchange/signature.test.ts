import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { PersonRecord } from '../fellegi-sunter.js';
import { headerFor, parseClk, serialiseClk } from '../pprl-file.js';
import { encodePersons, pprlEncodingSchema } from '../pprl-linkage.js';
import {
  ClkSignatureError,
  publicKeyFingerprint,
  readVerifiedClk,
  signClk,
  trustedKeys,
} from './signature.js';

// The signature of `.clk` files on its own (docs/pprl-schema.md, "Signature"). Invented records.

const secret = Buffer.alloc(32, 5);
const records: PersonRecord[] = [
  { id: 'R-1', givenName: 'Synthia', familyName: 'Testerova', sex: 'F', birth: { year: 2010 } },
  { id: 'R-2', givenName: 'Examplo', familyName: 'Mockenko', sex: 'M' },
];
const unsigned = Buffer.from(
  serialiseClk(
    headerFor(pprlEncodingSchema, records.length, secret),
    records.map((record) => record.id),
    encodePersons(records, pprlEncodingSchema, secret),
  ),
);
const signer = generateKeyPairSync('ed25519');
const stranger = generateKeyPairSync('ed25519');
const signed = signClk(unsigned, 'a.clk', signer.privateKey);

function refusal(bytes: Buffer, keys = [signer.publicKey], requireSignature = true) {
  try {
    readVerifiedClk(bytes, 'a.clk', trustedKeys(keys), { requireSignature });
  } catch (error) {
    if (error instanceof ClkSignatureError) return error.reason;
    throw error;
  }
  return 'accepted';
}

describe('signed .clk files', () => {
  it('carry the signer’s key, verify against it, and read as the unsigned file does', () => {
    const verified = readVerifiedClk(signed, 'a.clk', trustedKeys([signer.publicKey]), {
      requireSignature: true,
    });
    expect(verified.signerFingerprint).toBe(publicKeyFingerprint(signer.publicKey));
    const plain = parseClk(unsigned, 'a.clk');
    expect(verified.file.ids).toEqual(plain.ids);
    expect(verified.file.encodings).toEqual(plain.encodings);
    expect(verified.file.header.signature).toMatchObject({ algorithm: 'ed25519' });
  });

  it('are refused when a record byte or a header field changed after signing', () => {
    const body = Buffer.from(signed);
    body[body.length - 5] = body[body.length - 5]! ^ 0x10;
    expect(refusal(body)).toBe('bad-signature');
    const header = Buffer.from(signed.toString('latin1').replace('"count":2', '"count":1'), 'latin1');
    expect(refusal(header)).toBe('bad-signature');
  });

  it('are refused when signed by a key not trusted, or unsigned where a signature is required', () => {
    expect(refusal(signed, [stranger.publicKey])).toBe('unknown-key');
    expect(refusal(signed, [])).toBe('unknown-key');
    expect(refusal(unsigned)).toBe('unsigned');
    expect(refusal(unsigned, [], false)).toBe('accepted');
  });

  it('are never read by the plain reader, and a signed file is not signed twice', () => {
    expect(() => parseClk(signed, 'a.clk')).toThrow(/a\.clk: the file is signed/);
    expect(() => signClk(signed, 'a.clk', signer.privateKey)).toThrow(/a\.clk: the file is signed/);
  });
});
