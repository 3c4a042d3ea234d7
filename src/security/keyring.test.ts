import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  addMasterKeyVersion,
  type Keyring,
  KeyringError,
  openKeyring,
  retireMasterKeyVersions,
} from './keyring.js';

const scratch = mkdtempSync(join(tmpdir(), 'palermo-keyring-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

let files = 0;
const aKeyFilePath = () => join(scratch, `installation-${++files}`, 'secrets', 'master.key');
const quietly = { warn: () => undefined };
const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8'));
const modeOf = (path: string) => statSync(path).mode & 0o777;

function aKeyringFile(): { path: string; keyring: Keyring } {
  const path = aKeyFilePath();
  return { path, keyring: openKeyring(path, quietly) };
}

describe('openKeyring', () => {
  it('creates a missing key file and its folder readable by the owner only, and warns to back it up', () => {
    const path = aKeyFilePath();
    const warnings: string[] = [];
    const keyring = openKeyring(path, { warn: (message) => warnings.push(message) });

    expect(modeOf(path)).toBe(0o600);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/new master key/i);
    expect(warnings[0]).toMatch(/back it up/i);
    expect(warnings[0]).toMatch(/separately from the database/i);
    expect(warnings[0]).toMatch(/unreadable/i);
    const file = readJson(path);
    expect(file).toMatchObject({ format: 1, current: 1 });
    expect(Buffer.from(file.masterKeys['1'], 'base64')).toHaveLength(32);
    expect(Buffer.from(file.blindIndexKey, 'base64')).toHaveLength(32);
    expect(keyring.currentVersion()).toBe(1);
    expect(keyring.masterKey(1)).toEqual(Buffer.from(file.masterKeys['1'], 'base64'));
    expect(keyring.blindIndexKey).toEqual(Buffer.from(file.blindIndexKey, 'base64'));
  });

  it('opens an existing key file without creating a new key or warning', () => {
    const { path, keyring: first } = aKeyringFile();
    const warnings: string[] = [];
    const second = openKeyring(path, { warn: (message) => warnings.push(message) });
    expect(warnings).toEqual([]);
    expect(second.masterKey(1)).toEqual(first.masterKey(1));
    expect(second.blindIndexKey).toEqual(first.blindIndexKey);
  });

  it.each([0o644, 0o640, 0o604, 0o660])(
    'refuses a key file that group or others may read (mode %o)',
    (mode) => {
      const { path } = aKeyringFile();
      chmodSync(path, mode);
      expect(() => openKeyring(path, quietly)).toThrow(/group or others.*chmod 600/);
    },
  );

  it.each([
    ['is not JSON', () => 'not json'],
    [
      'has a master key of the wrong length',
      (file: KeyFile) => ({ ...file, masterKeys: { '1': 'c2hvcnQ=' } }),
    ],
    ['names a current version it has no key for', (file: KeyFile) => ({ ...file, current: 2 })],
    ['lacks the blind index key', ({ blindIndexKey: _, ...file }: KeyFile) => file],
    ['has an unknown format', (file: KeyFile) => ({ ...file, format: 2 })],
    ['has an unknown field', (file: KeyFile) => ({ ...file, comment: 'x' })],
  ])('refuses a key file that %s', (_problem, spoil) => {
    const { path } = aKeyringFile();
    const spoilt = spoil(readJson(path));
    writeFileSync(path, typeof spoilt === 'string' ? spoilt : JSON.stringify(spoilt), { mode: 0o600 });
    expect(() => openKeyring(path, quietly)).toThrow(KeyringError);
  });

  it('never repeats key material in its refusals', () => {
    const { path } = aKeyringFile();
    const file = readJson(path);
    writeFileSync(path, JSON.stringify({ ...file, current: 7 }), { mode: 0o600 });
    try {
      openKeyring(path, quietly);
      expect.unreachable();
    } catch (error) {
      expect(String(error)).not.toContain(file.masterKeys['1']);
      expect(String(error)).not.toContain(file.blindIndexKey);
    }
  });

  it('refuses a master key version the file does not hold', () => {
    const { keyring } = aKeyringFile();
    expect(() => keyring.masterKey(9)).toThrow(/master key version 9 is not in/);
  });
});

type KeyFile = { format: number; current: number; masterKeys: Record<string, string>; blindIndexKey: string };

describe('master key rotation in the key file', () => {
  it('adds a new current version, keeps the file owner-only and leaves no temporary file behind', () => {
    const { path } = aKeyringFile();
    expect(addMasterKeyVersion(path)).toBe(2);
    expect(readJson(path)).toMatchObject({ current: 2 });
    expect(Object.keys(readJson(path).masterKeys)).toEqual(['1', '2']);
    expect(modeOf(path)).toBe(0o600);
    expect(readdirSync(join(path, '..'))).toEqual(['master.key']);
  });

  it('lets a running keyring pick up a version added by another process, without restart', () => {
    const { path, keyring } = aKeyringFile();
    const version = addMasterKeyVersion(path);
    expect(keyring.masterKey(version)).toEqual(
      Buffer.from(readJson(path).masterKeys[String(version)], 'base64'),
    );
    expect(keyring.currentVersion()).toBe(version);
  });

  it('retires old versions but always keeps the current one', () => {
    const { path } = aKeyringFile();
    addMasterKeyVersion(path);
    addMasterKeyVersion(path);
    expect(retireMasterKeyVersions(path, [])).toEqual([1, 2]);
    expect(Object.keys(readJson(path).masterKeys)).toEqual(['3']);
    expect(openKeyring(path, quietly).currentVersion()).toBe(3);
    expect(modeOf(path)).toBe(0o600);
  });

  it('never changes the blind index key, so exact look-ups keep working after rotation', () => {
    const { path, keyring } = aKeyringFile();
    addMasterKeyVersion(path);
    retireMasterKeyVersions(path, []);
    const reopened = openKeyring(path, quietly);
    expect(reopened.blindIndexKey).toEqual(keyring.blindIndexKey);
    keyring.reload();
    expect(keyring.blindIndexKey).toEqual(reopened.blindIndexKey);
  });

  it('refuses to go on when the blind index key was swapped under a running keyring', () => {
    const { path, keyring } = aKeyringFile();
    const other = readJson(aKeyringFile().path);
    writeFileSync(path, JSON.stringify({ ...readJson(path), blindIndexKey: other.blindIndexKey }), {
      mode: 0o600,
    });
    expect(() => keyring.reload()).toThrow(/blind index key .* changed/);
  });
});
