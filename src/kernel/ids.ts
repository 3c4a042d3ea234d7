import { randomBytes, randomUUID } from 'node:crypto';

export const newId = (): string => randomUUID();

// Crockford base32 without I, L, O, U: easy to read aloud over a phone line.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * A random pseudonymous reference such as `P-7K3M-QX9D`: never sequential, so it reveals neither
 * how many records exist nor when one was made.
 */
export function newReference(prefix: string, groups = 2): string {
  const bytes = randomBytes(groups * 4);
  const chars = [...bytes].map((byte) => ALPHABET[byte & 31]).join('');
  const parts = chars.match(/.{4}/g) ?? [];
  return [prefix, ...parts].join('-');
}
