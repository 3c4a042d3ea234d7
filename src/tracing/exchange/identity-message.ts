/**
 * The signed messages of the identity exchange between installations, and the encryption of the
 * identity to the requesting installation (docs/decisions/0026; docs/pprl-schema.md, "Identity
 * exchange messages").
 *
 * A message is JSON text signed as it is, byte for byte, with the installation's Ed25519 key (the
 * same key that signs its encoding files, trusted because a person registered it as a partner's):
 * `{ message, signature: { algorithm: 'ed25519', publicKey, value } }`. Nothing is re-serialised
 * before verifying, so no canonical form is needed.
 *
 * The identity is encrypted end to end, beyond TLS: the requester sends a one-time X25519 public
 * key in its signed request; the releasing side makes its own one-time X25519 key, derives an
 * AES-256-GCM key by HKDF-SHA-256 from the shared secret, and binds the ciphertext to the request
 * and both record numbers as associated data. Only the requester's one-time private key opens it.
 */
import {
  createCipheriv,
  createDecipheriv,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  hkdfSync,
  type KeyObject,
  randomBytes,
  sign,
  verify,
} from 'node:crypto';
import { z } from 'zod';
import { exchangeBasisKinds, identityFieldGroups } from './identity-exchange.js';
import { publicKeyFingerprint } from './signature.js';

export const MESSAGE_FORMAT = 'palermo-identity-exchange';
export const MESSAGE_VERSION = 1;
/** How far a message's `sentAt` may be from the receiver's clock. */
export const MESSAGE_WINDOW_MS = 15 * 60 * 1000;

const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64');
const fingerprint = z.string().regex(/^[0-9a-f]{64}$/);
const recordNumber = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[0-9A-Za-z:._-]+$/);

export const SignedEnvelope = z.strictObject({
  message: z
    .string()
    .min(2)
    .max(64 * 1024),
  signature: z.strictObject({
    algorithm: z.literal('ed25519'),
    publicKey: base64.max(200),
    value: base64.max(200),
  }),
});
export type SignedEnvelope = z.infer<typeof SignedEnvelope>;

const common = {
  format: z.literal(MESSAGE_FORMAT),
  version: z.literal(MESSAGE_VERSION),
  requestId: z.uuid(),
  /** The fingerprint of the receiving installation's key: a message is for one installation. */
  to: fingerprint,
  sentAt: z.iso.datetime(),
};

export const IdentityRequestMessage = z.strictObject({
  ...common,
  type: z.literal('identity-request'),
  /** The requester's record number (its report reference). */
  fromRecord: recordNumber,
  /** The receiver's record number, as its hub gave it. */
  toRecord: recordNumber,
  basis: z.enum(exchangeBasisKinds),
  fields: z.array(z.enum(identityFieldGroups)).min(1).max(identityFieldGroups.length),
  /** One-time X25519 public key (SPKI DER, base64) the identity is to be encrypted to. */
  answerKey: base64.max(200),
});
export const IdentityPollMessage = z.strictObject({ ...common, type: z.literal('identity-poll') });
export const IdentityWithdrawMessage = z.strictObject({ ...common, type: z.literal('identity-withdraw') });

export const SealedIdentity = z.strictObject({
  ephemeralKey: base64.max(200),
  iv: base64.max(40),
  ciphertext: base64.max(200_000),
  tag: base64.max(40),
});
export type SealedIdentity = z.infer<typeof SealedIdentity>;

export const IdentityReleaseMessage = z.strictObject({
  ...common,
  type: z.literal('identity-release'),
  /** The releasing side's record number, and the requester's. */
  fromRecord: recordNumber,
  toRecord: recordNumber,
  basis: z.enum(exchangeBasisKinds),
  fields: z.array(z.enum(identityFieldGroups)).min(1).max(identityFieldGroups.length),
  sealed: SealedIdentity,
});

export type IdentityRequestMessage = z.infer<typeof IdentityRequestMessage>;
export type IdentityPollMessage = z.infer<typeof IdentityPollMessage>;
export type IdentityWithdrawMessage = z.infer<typeof IdentityWithdrawMessage>;
export type IdentityReleaseMessage = z.infer<typeof IdentityReleaseMessage>;

/** Signs the message as JSON text. */
export function signMessage(message: object, privateKey: KeyObject): SignedEnvelope {
  const text = JSON.stringify(message);
  return {
    message: text,
    signature: {
      algorithm: 'ed25519',
      publicKey: createPublicKey(privateKey).export({ type: 'spki', format: 'der' }).toString('base64'),
      value: sign(null, Buffer.from(text, 'utf8'), privateKey).toString('base64'),
    },
  };
}

export type EnvelopeRefusal = 'unsigned' | 'unknown-key' | 'bad-signature';

/**
 * Verifies the envelope against keys by fingerprint. Refuses an envelope that is not one, a signer
 * not among the keys, a signature that does not verify; answers the signer's fingerprint and the
 * message text (still to be parsed against its schema).
 */
export function verifyEnvelope(
  body: unknown,
  keys: ReadonlyMap<string, KeyObject>,
):
  | { ok: true; text: string; signerFingerprint: string }
  | { ok: false; refusal: EnvelopeRefusal; detail: string } {
  const parsed = SignedEnvelope.safeParse(body);
  if (!parsed.success)
    return { ok: false, refusal: 'unsigned', detail: 'the body is not a signed identity-exchange message' };
  const { message, signature } = parsed.data;
  let signer: KeyObject;
  try {
    signer = createPublicKey({
      key: Buffer.from(signature.publicKey, 'base64'),
      format: 'der',
      type: 'spki',
    });
  } catch {
    return { ok: false, refusal: 'unsigned', detail: 'the signer’s public key cannot be read' };
  }
  const signerFingerprint = publicKeyFingerprint(signer);
  const key = keys.get(signerFingerprint);
  if (key === undefined)
    return {
      ok: false,
      refusal: 'unknown-key',
      detail: `signed by an unknown key (fingerprint ${signerFingerprint.slice(0, 16)}…)`,
    };
  let valid = false;
  try {
    const value = Buffer.from(signature.value, 'base64');
    valid = value.length === 64 && verify(null, Buffer.from(message, 'utf8'), key, value);
  } catch {
    valid = false;
  }
  if (!valid) return { ok: false, refusal: 'bad-signature', detail: 'the signature does not verify' };
  return { ok: true, text: message, signerFingerprint };
}

/** Parses verified message text against a schema; null when it is not that message. */
export function parseMessage<Schema extends z.ZodType>(schema: Schema, text: string): z.infer<Schema> | null {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = schema.safeParse(json);
  return parsed.success ? parsed.data : null;
}

/** Whether `sentAt` is close enough to the receiver's clock (a replayed old message is refused). */
export const isTimely = (sentAt: string, now: Date): boolean =>
  Math.abs(new Date(sentAt).getTime() - now.getTime()) <= MESSAGE_WINDOW_MS;

// ---- End-to-end encryption of the identity ---------------------------------------------------------

/** A one-time X25519 key pair for one request's answer: the public half (base64 DER) and the private PEM. */
export function newAnswerKey(): { publicKey: string; privateKeyPem: string } {
  const { publicKey, privateKey } = generateKeyPairSync('x25519');
  return {
    publicKey: publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}

const HKDF_INFO = 'palermo identity exchange v1';

/** The request and both record numbers, bound to the ciphertext as associated data. */
export const sealingContext = (
  requestId: string,
  releasingRecord: string,
  requestingRecord: string,
): string => `${MESSAGE_FORMAT}/${MESSAGE_VERSION}|${requestId}|${releasingRecord}|${requestingRecord}`;

function aesKey(shared: Buffer, ephemeral: Buffer, recipient: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', shared, Buffer.concat([ephemeral, recipient]), HKDF_INFO, 32));
}

function x25519Key(base64Der: string): KeyObject | null {
  try {
    const key = createPublicKey({ key: Buffer.from(base64Der, 'base64'), format: 'der', type: 'spki' });
    return key.asymmetricKeyType === 'x25519' ? key : null;
  } catch {
    return null;
  }
}

export const isAnswerKey = (base64Der: string): boolean => x25519Key(base64Der) !== null;

/** Encrypts the identity (JSON text) to the requester's one-time key. */
export function sealForRequester(plaintext: string, answerKey: string, context: string): SealedIdentity {
  const recipient = x25519Key(answerKey);
  if (recipient === null) throw new Error('the answer key is not an X25519 public key');
  const ephemeral = generateKeyPairSync('x25519');
  const ephemeralDer = ephemeral.publicKey.export({ type: 'spki', format: 'der' });
  const recipientDer = recipient.export({ type: 'spki', format: 'der' });
  const shared = diffieHellman({ privateKey: ephemeral.privateKey, publicKey: recipient });
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', aesKey(shared, ephemeralDer, recipientDer), iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return {
    ephemeralKey: ephemeralDer.toString('base64'),
    iv: iv.toString('base64'),
    ciphertext: ciphertext.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
  };
}

/** Opens an identity sealed to this installation's one-time key; null when it does not open. */
export function openSealedIdentity(
  sealed: SealedIdentity,
  privateKeyPem: string,
  context: string,
): string | null {
  try {
    const ephemeral = x25519Key(sealed.ephemeralKey);
    if (ephemeral === null) return null;
    const privateKey = createPrivateKey(privateKeyPem);
    const recipientDer = createPublicKey(privateKey).export({ type: 'spki', format: 'der' });
    const shared = diffieHellman({ privateKey, publicKey: ephemeral });
    const decipher = createDecipheriv(
      'aes-256-gcm',
      aesKey(shared, ephemeral.export({ type: 'spki', format: 'der' }), recipientDer),
      Buffer.from(sealed.iv, 'base64'),
    );
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
    return Buffer.concat([
      decipher.update(Buffer.from(sealed.ciphertext, 'base64')),
      decipher.final(),
    ]).toString('utf8');
  } catch {
    return null;
  }
}
