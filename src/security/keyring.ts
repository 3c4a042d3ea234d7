import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  type Stats,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { z } from 'zod';

/**
 * The master key file (PALERMO_MASTER_KEY_FILE). It lives outside the database and outside its
 * backups: whoever holds both can read every encrypted field.
 *
 * ```json
 * { "format": 1, "current": 2, "masterKeys": { "1": "<base64>", "2": "<base64>" }, "blindIndexKey": "<base64>" }
 * ```
 *
 * Master keys wrap the per-subject data keys and rotate (`addMasterKeyVersion`, then
 * `retireMasterKeyVersions` once nothing is wrapped under the old ones). The blind index key
 * never rotates with them: exact look-ups over existing rows must keep working.
 */
export interface Keyring {
  readonly path: string;
  /**
   * The version new data keys are wrapped with. Checks whether the file changed on disk first
   * (one `stat`), so a rotation done by the CLI is picked up by a running server.
   */
  currentVersion(): number;
  /** The master key of `version`; re-reads the file once if the version is unknown. */
  masterKey(version: number): Buffer;
  readonly blindIndexKey: Buffer;
  /** Re-reads the file now. */
  reload(): void;
}

export class KeyringError extends Error {
  override readonly name = 'KeyringError';
}

export const KEY_BYTES = 32;
const FILE_MODE = 0o600;
const FOLDER_MODE = 0o700;

const base64Key = z
  .string()
  .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'is not base64')
  .refine((text) => Buffer.from(text, 'base64').length === KEY_BYTES, `is not ${KEY_BYTES} bytes`);

const KeyringFileSchema = z
  .object({
    format: z.literal(1),
    current: z.number().int().positive(),
    masterKeys: z.record(z.string().regex(/^[1-9][0-9]*$/, 'versions are positive integers'), base64Key),
    blindIndexKey: base64Key,
  })
  .strict()
  .refine((file) => String(file.current) in file.masterKeys, 'the current version has no master key');

type KeyringFile = z.infer<typeof KeyringFileSchema>;
type KeyMaterial = { current: number; masterKeys: Map<number, Buffer>; blindIndexKey: Buffer };

const newKeyText = () => randomBytes(KEY_BYTES).toString('base64');

/**
 * Opens the key file at `path`. When absent, creates it (and its folder) with mode 0600 and a first
 * master key and blind index key, and calls `warn`. Refuses a file that group or others may access
 * or that is malformed.
 */
export function openKeyring(path: string, options: { warn(message: string): void }): Keyring {
  if (createKeyFileIfAbsent(path))
    options.warn(
      `A new master key file was created at ${path}. Back it up now, separately from the database ` +
        'and its backups: losing it makes every encrypted field unreadable, and anyone holding both ' +
        'it and a database copy can read them.',
    );
  // Stat before reading: a change between the two is then seen (and re-read) at the next check.
  let seen = fingerprint(statKeyFile(path));
  let material = readKeyFile(path);
  const blindIndexKey = material.blindIndexKey;

  const reload = () => {
    const stats = statKeyFile(path);
    const next = readKeyFile(path);
    if (!next.blindIndexKey.equals(blindIndexKey))
      throw new KeyringError(
        `the blind index key in ${path} changed while the server was running; restore the previous file`,
      );
    material = next;
    seen = fingerprint(stats);
  };
  const reloadIfChanged = () => {
    if (fingerprint(statKeyFile(path)) !== seen) reload();
  };

  return {
    path,
    blindIndexKey,
    currentVersion: () => {
      reloadIfChanged();
      return material.current;
    },
    masterKey: (version) => {
      let key = material.masterKeys.get(version);
      if (!key) {
        reload();
        key = material.masterKeys.get(version);
      }
      if (!key)
        throw new KeyringError(
          `master key version ${version} is not in ${path}: it was retired, or the file belongs to another installation`,
        );
      return key;
    },
    reload,
  };
}

/** Adds a fresh master key and makes it current. Returns its version. */
export function addMasterKeyVersion(path: string): number {
  const file = readKeyFileText(path);
  const version = Math.max(...Object.keys(file.masterKeys).map(Number)) + 1;
  writeKeyFileAtomically(path, {
    ...file,
    current: version,
    masterKeys: { ...file.masterKeys, [version]: newKeyText() },
  });
  return version;
}

/**
 * Removes every master key version not in `keep` (the current version is always kept). Only do
 * this once no data key is wrapped under them: `rotateMasterKey` checks that first. Returns the
 * retired versions.
 */
export function retireMasterKeyVersions(path: string, keep: readonly number[]): number[] {
  const file = readKeyFileText(path);
  const kept = new Set([...keep, file.current]);
  const retired = Object.keys(file.masterKeys)
    .map(Number)
    .filter((version) => !kept.has(version));
  if (retired.length === 0) return [];
  const masterKeys = Object.fromEntries(
    Object.entries(file.masterKeys).filter(([version]) => kept.has(Number(version))),
  );
  writeKeyFileAtomically(path, { ...file, masterKeys });
  return retired.sort((a, b) => a - b);
}

function createKeyFileIfAbsent(path: string): boolean {
  mkdirSync(dirname(path), { recursive: true, mode: FOLDER_MODE });
  const file: KeyringFile = {
    format: 1,
    current: 1,
    masterKeys: { '1': newKeyText() },
    blindIndexKey: newKeyText(),
  };
  let descriptor: number;
  try {
    // 'wx': when two processes start at once, one creates the file and the other reads it.
    descriptor = openSync(path, 'wx', FILE_MODE);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw new KeyringError(`cannot create the master key file ${path}: ${describe(error)}`);
  }
  try {
    writeSync(descriptor, `${JSON.stringify(file, null, 2)}\n`);
    fsyncSync(descriptor);
  } finally {
    closeSync(descriptor);
  }
  return true;
}

function statKeyFile(path: string): Stats {
  try {
    return statSync(path);
  } catch (error) {
    throw new KeyringError(`cannot read the master key file ${path}: ${describe(error)}`);
  }
}

function readKeyFileText(path: string): KeyringFile {
  const stats = statKeyFile(path);
  if (!stats.isFile()) throw new KeyringError(`the master key file ${path} is not a regular file`);
  if ((stats.mode & 0o077) !== 0)
    throw new KeyringError(
      `the master key file ${path} may be read by group or others (mode ${(stats.mode & 0o777).toString(8)}); ` +
        `run: chmod 600 ${path}`,
    );
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    throw new KeyringError(`the master key file ${path} is not valid JSON`);
  }
  const outcome = KeyringFileSchema.safeParse(parsed);
  if (!outcome.success) {
    // Issue paths and messages only: never echo key material.
    const problems = outcome.error.issues
      .map((issue) => `${issue.path.join('.') || '(file)'} ${issue.message}`)
      .join('; ');
    throw new KeyringError(`the master key file ${path} is malformed: ${problems}`);
  }
  return outcome.data;
}

function readKeyFile(path: string): KeyMaterial {
  const file = readKeyFileText(path);
  return {
    current: file.current,
    masterKeys: new Map(
      Object.entries(file.masterKeys).map(([version, key]) => [Number(version), Buffer.from(key, 'base64')]),
    ),
    blindIndexKey: Buffer.from(file.blindIndexKey, 'base64'),
  };
}

/** Writes a temporary file with mode 0600 beside the key file, then renames it over the key file. */
function writeKeyFileAtomically(path: string, file: KeyringFile): void {
  const checked = KeyringFileSchema.parse(file);
  const temporary = join(
    dirname(path),
    `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
  );
  const descriptor = openSync(temporary, 'wx', FILE_MODE);
  try {
    writeSync(descriptor, `${JSON.stringify(checked, null, 2)}\n`);
    fsyncSync(descriptor);
  } catch (error) {
    closeSync(descriptor);
    unlinkSync(temporary);
    throw error;
  }
  closeSync(descriptor);
  renameSync(temporary, path);
  try {
    const folder = openSync(dirname(path), 'r');
    fsyncSync(folder);
    closeSync(folder);
  } catch {
    // Some file systems cannot fsync a folder; the rename itself is still atomic.
  }
}

const fingerprint = (stats: Stats) => `${stats.ino}:${stats.size}:${stats.mtimeMs}:${stats.ctimeMs}`;
const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));
