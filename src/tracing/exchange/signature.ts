/**
 * Ed25519 signatures of `.clk` files (issue 5, acceptance 4: "exchange between installations as
 * signed files (Ed25519)"). The signature covers the header and every record: it is made over the
 * file exactly as `serialiseClk` writes it with `signature: null`, i.e. the header re-serialised by
 * JSON.stringify in its own key order with the signature set to null, a newline, then the records
 * byte for byte. The signed header carries the signer's public key (SPKI DER, base64) so a reader
 * can tell which partner signed; the key is trusted only when it was registered beforehand.
 * docs/pprl-schema.md ("Signature"), docs/decisions/0025-exchange-between-installations.md.
 */
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  sign,
  verify,
} from 'node:crypto';
import { closeSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { basename } from 'node:path';
import { LinkageInputError } from '../linkage-file.js';
import { CLK_FORMAT, type ClkFile, type ClkHeader, parseClk } from '../pprl-file.js';

export type SignatureRefusal = 'unsigned' | 'unknown-key' | 'bad-signature' | 'malformed-signature';

/** A signature fault; `reason` lets the hub answer each with its own problem type. */
export class ClkSignatureError extends LinkageInputError {
  constructor(
    readonly reason: SignatureRefusal,
    message: string,
  ) {
    super(message);
  }
}

/** SHA-256 of the key's SPKI DER, hex: how a partner's key is named in messages and the database. */
export function publicKeyFingerprint(key: KeyObject): string {
  return createHash('sha256')
    .update(key.export({ type: 'spki', format: 'der' }))
    .digest('hex');
}

/** A public key from PEM text (a `.pub` file or the form on the partners page); null if it is not Ed25519. */
export function parsePublicKeyPem(pem: string): KeyObject | null {
  try {
    const key = createPublicKey(pem);
    return key.asymmetricKeyType === 'ed25519' ? key : null;
  } catch {
    return null;
  }
}

export const publicKeyPem = (key: KeyObject): string =>
  key.export({ type: 'spki', format: 'pem' }).toString();

function fsCode(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? 'error';
}

/** Writes a new key pair: `out` (PKCS#8 PEM, mode 0600, never overwritten) and `out.pub`. */
export function writeKeyPair(out: string): { publicKeyFile: string; fingerprint: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const publicKeyFile = `${out}.pub`;
  for (const [path, content, mode] of [
    [out, privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), 0o600],
    [publicKeyFile, publicKeyPem(publicKey), 0o644],
  ] as const) {
    let descriptor: number | undefined;
    try {
      descriptor = openSync(path, 'wx', mode);
      writeSync(descriptor, content);
    } catch (error) {
      if (fsCode(error) === 'EEXIST')
        throw new LinkageInputError(`${basename(path)} exists already; a key is never overwritten`);
      throw new LinkageInputError(`${path}: cannot be written (${fsCode(error)})`);
    } finally {
      if (descriptor !== undefined) closeSync(descriptor);
    }
  }
  return { publicKeyFile, fingerprint: publicKeyFingerprint(publicKey) };
}

/** The installation's private key; refused when group or others may read it. */
export function readPrivateKeyFile(file: string): KeyObject {
  let text: string;
  try {
    if ((statSync(file).mode & 0o077) !== 0)
      throw new LinkageInputError(
        `${basename(file)}: the private key may be read by group or others; run: chmod 600 ${file}`,
      );
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if (error instanceof LinkageInputError) throw error;
    throw new LinkageInputError(`${file}: the key file cannot be read (${fsCode(error)})`);
  }
  try {
    const key = createPrivateKey(text);
    if (key.asymmetricKeyType === 'ed25519') return key;
  } catch {
    // Reported below with the file's name.
  }
  throw new LinkageInputError(`${basename(file)}: not an Ed25519 private key (PEM)`);
}

export function readPublicKeyFile(file: string): KeyObject {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new LinkageInputError(`${file}: the public key file cannot be read (${fsCode(error)})`);
  }
  const key = parsePublicKeyPem(text);
  if (key === null) throw new LinkageInputError(`${basename(file)}: not an Ed25519 public key (PEM)`);
  return key;
}

/** The header line and the records of a file, without checking more than the container. */
function splitClk(bytes: Uint8Array, name: string): { header: ClkHeader; body: Buffer } {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const newline = buffer.indexOf(0x0a);
  if (newline <= 0 || newline > 65536)
    throw new LinkageInputError(`${name}: not a ${CLK_FORMAT} file (no header line)`);
  let header: unknown;
  try {
    header = JSON.parse(buffer.subarray(0, newline).toString('utf8'));
  } catch {
    throw new LinkageInputError(`${name}: not a ${CLK_FORMAT} file (the header is not JSON)`);
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header))
    throw new LinkageInputError(`${name}: not a ${CLK_FORMAT} file (the header is not a JSON object)`);
  return { header: header as ClkHeader, body: buffer.subarray(newline + 1) };
}

/** What is signed: the file as written unsigned (header with `signature: null`, newline, records). */
export function signingInput(header: ClkHeader, body: Uint8Array): Buffer {
  return Buffer.concat([Buffer.from(`${JSON.stringify({ ...header, signature: null })}\n`, 'utf8'), body]);
}

/**
 * Signs a `.clk` file. The file is checked whole first (a broken file is never signed) and must
 * not be signed already.
 */
export function signClk(bytes: Uint8Array, file: string, privateKey: KeyObject): Buffer {
  const name = basename(file);
  parseClk(bytes, file);
  const { header, body } = splitClk(bytes, name);
  const value = sign(null, signingInput(header, body), privateKey).toString('base64');
  const signed: ClkHeader = {
    ...header,
    signature: {
      algorithm: 'ed25519',
      publicKey: createPublicKey(privateKey).export({ type: 'spki', format: 'der' }).toString('base64'),
      value,
    },
  };
  return Buffer.concat([Buffer.from(`${JSON.stringify(signed)}\n`, 'utf8'), body]);
}

export type VerifiedClk = { file: ClkFile; signerFingerprint: string | null };

/**
 * Reads a `.clk` file and verifies its signature against the trusted keys (by fingerprint).
 * A signed file whose key is not trusted, or whose signature does not verify, is refused with a
 * message naming the file; an unsigned file is refused when `requireSignature`.
 */
export function readVerifiedClk(
  bytes: Uint8Array,
  file: string,
  trusted: ReadonlyMap<string, KeyObject>,
  options: { requireSignature: boolean },
): VerifiedClk {
  const name = basename(file);
  const { header, body } = splitClk(bytes, name);
  const signature = header.signature as unknown;
  if (signature === null || signature === undefined) {
    if (options.requireSignature)
      throw new ClkSignatureError(
        'unsigned',
        `${name}: the file is not signed; sign it with \`palermo pprl sign\``,
      );
    return { file: parseClk(bytes, file), signerFingerprint: null };
  }
  const claimed = signature as Partial<NonNullable<ClkHeader['signature']>>;
  if (
    claimed.algorithm !== 'ed25519' ||
    typeof claimed.publicKey !== 'string' ||
    typeof claimed.value !== 'string'
  )
    throw new ClkSignatureError(
      'malformed-signature',
      `${name}: the signature is not an Ed25519 signature (algorithm, publicKey, value)`,
    );
  let signer: KeyObject;
  try {
    signer = createPublicKey({ key: Buffer.from(claimed.publicKey, 'base64'), format: 'der', type: 'spki' });
  } catch {
    throw new ClkSignatureError('malformed-signature', `${name}: the signer's public key cannot be read`);
  }
  const fingerprint = publicKeyFingerprint(signer);
  if (trusted.size === 0)
    throw new ClkSignatureError(
      'unknown-key',
      `${name}: the file is signed and no partner’s public key was given to verify it (--partner-key)`,
    );
  const trustedKey = trusted.get(fingerprint);
  if (trustedKey === undefined)
    throw new ClkSignatureError(
      'unknown-key',
      `${name}: signed by an unknown key (fingerprint ${fingerprint.slice(0, 16)}…); only files of registered partners are read`,
    );
  const value = Buffer.from(claimed.value, 'base64');
  let valid = false;
  try {
    valid = value.length === 64 && verify(null, signingInput(header, body), trustedKey, value);
  } catch {
    valid = false;
  }
  if (!valid)
    throw new ClkSignatureError(
      'bad-signature',
      `${name}: the signature does not verify (the file was changed after it was signed, or signed with another key)`,
    );
  return { file: parseClk(bytes, file, { signatureVerified: true }), signerFingerprint: fingerprint };
}

/** Trusted keys by fingerprint. */
export function trustedKeys(keys: readonly KeyObject[]): Map<string, KeyObject> {
  return new Map(keys.map((key) => [publicKeyFingerprint(key), key]));
}
