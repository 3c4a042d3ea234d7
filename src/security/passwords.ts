import argon2 from 'argon2';

// argon2id at OWASP's recommended minimum (19 MiB, 2 passes, 1 lane): strong against GPUs,
// cheap enough that a login costs tens of milliseconds on this class of server.
const ARGON2_OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const MIN_PASSWORD_LENGTH = 12;

export const hashPassword = (password: string): Promise<string> => argon2.hash(password, ARGON2_OPTIONS);

// Verifying against this when no account matches keeps the reply time the same, so timing
// does not tell which e-mail addresses have accounts.
let decoy: Promise<string> | null = null;

export async function verifyPassword(hash: string | null, password: string): Promise<boolean> {
  if (hash === null) {
    decoy ??= hashPassword('decoy password that matches nothing');
    await argon2.verify(await decoy, password);
    return false;
  }
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}
