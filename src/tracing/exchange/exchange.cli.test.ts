import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// `palermo pprl keygen | sign` and `pprl match --partner-key` as an installation runs them: real
// processes on small synthetic files (invented names).

const palermoBin = new URL('../../../bin/palermo.js', import.meta.url).pathname;
const repositoryRoot = new URL('../../..', import.meta.url).pathname;
type Outcome = { code: number; stdout: string; stderr: string };

const palermo = (...args: string[]) =>
  new Promise<Outcome>((resolve) => {
    execFile(process.execPath, [palermoBin, ...args], { cwd: repositoryRoot }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });

const csv = (rows: string[]) =>
  `id,given_name,family_name,sex,birth_date,age_estimate,nationality,birth_place\n${rows.join('\n')}\n`;

let folder: string;
const file = (name: string) => join(folder, name);

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'palermo-exchange-cli-'));
  writeFileSync(file('secret'), Buffer.alloc(32, 7));
  writeFileSync(
    file('left.csv'),
    csv(['L-1,Olena,Shevchenko,F,2011-06-20,,UKR,', 'L-2,Ionela,Marinescu,F,2009-02-03,,ROU,']),
  );
  writeFileSync(
    file('right.csv'),
    csv(['R-1,Olena,Szewczenko,F,2011-06-20,,UKR,', 'R-2,Bogdan,Petrenko,M,2005-10-10,,UKR,']),
  );
  for (const side of ['left', 'right'])
    expect(
      (
        await palermo(
          'pprl',
          'encode',
          '--in',
          file(`${side}.csv`),
          '--secret-file',
          file('secret'),
          '--out',
          file(`${side}.clk`),
        )
      ).code,
    ).toBe(0);
}, 60_000);
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('palermo pprl keygen', () => {
  it('writes a private key readable by its owner only, and a public key', async () => {
    const outcome = await palermo('pprl', 'keygen', '--out', file('left.key'));
    expect(outcome.code, outcome.stderr).toBe(0);
    expect(statSync(file('left.key')).mode & 0o777).toBe(0o600);
    expect(readFileSync(file('left.key.pub'), 'utf8')).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    expect(outcome.stdout).toMatch(/Fingerprint [0-9a-f]{64}/);
    expect((await palermo('pprl', 'keygen', '--out', file('other.key'))).code).toBe(0);
  });

  it('never overwrites a key', async () => {
    const before = readFileSync(file('left.key'), 'utf8');
    const outcome = await palermo('pprl', 'keygen', '--out', file('left.key'));
    expect(outcome.code).toBe(1);
    expect(outcome.stderr).toMatch(/left\.key exists already/);
    expect(readFileSync(file('left.key'), 'utf8')).toBe(before);
  });
});

describe('palermo pprl sign and match --partner-key', () => {
  it('signs a file, and match reads it only against the signer’s public key', async () => {
    const signed = await palermo(
      'pprl',
      'sign',
      '--in',
      file('left.clk'),
      '--key-file',
      file('left.key'),
      '--out',
      file('left.signed.clk'),
    );
    expect(signed.code, signed.stderr).toBe(0);
    const header = JSON.parse(readFileSync(file('left.signed.clk'), 'utf8').split('\n')[0]!);
    expect(header.signature.algorithm).toBe('ed25519');

    const matched = await palermo(
      'pprl',
      'match',
      '--left',
      file('left.signed.clk'),
      '--right',
      file('right.clk'),
      '--partner-key',
      file('left.key.pub'),
      '--out',
      file('matches.csv'),
    );
    expect(matched.code, matched.stderr).toBe(0);
    expect(readFileSync(file('matches.csv'), 'utf8')).toMatch(/^left_id,right_id,similarity\nL-1,R-1,/);
  }, 60_000);

  it('refuses a signed file without the signer’s key, naming the file, and writes nothing', async () => {
    for (const keys of [[], ['--partner-key', file('other.key.pub')]]) {
      const outcome = await palermo(
        'pprl',
        'match',
        '--left',
        file('left.signed.clk'),
        '--right',
        file('right.clk'),
        ...keys,
        '--out',
        file('refused.csv'),
      );
      expect(outcome.code).toBe(1);
      expect(outcome.stderr).toMatch(
        keys.length === 0
          ? /left\.signed\.clk: the file is signed/
          : /left\.signed\.clk: signed by an unknown key/,
      );
      expect(outcome.stderr).toMatch(/nothing was written/);
      expect(existsSync(file('refused.csv'))).toBe(false);
    }
  }, 60_000);

  it('refuses a file changed after it was signed', async () => {
    const bytes = readFileSync(file('left.signed.clk'));
    bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 0x01;
    writeFileSync(file('tampered.clk'), bytes);
    const outcome = await palermo(
      'pprl',
      'match',
      '--left',
      file('tampered.clk'),
      '--right',
      file('right.clk'),
      '--partner-key',
      file('left.key.pub'),
      '--out',
      file('refused.csv'),
    );
    expect(outcome.code).toBe(1);
    expect(outcome.stderr).toMatch(/tampered\.clk: the signature does not verify/);
    expect(existsSync(file('refused.csv'))).toBe(false);
  }, 30_000);

  it('refuses to sign with a key others may read, or a broken file', async () => {
    writeFileSync(file('open.key'), readFileSync(file('left.key')), { mode: 0o644 });
    const open = await palermo(
      'pprl',
      'sign',
      '--in',
      file('left.clk'),
      '--key-file',
      file('open.key'),
      '--out',
      file('x.clk'),
    );
    expect(open.code).toBe(1);
    expect(open.stderr).toMatch(/open\.key: the private key may be read by group or others/);
    writeFileSync(file('broken.clk'), readFileSync(file('left.clk')).subarray(0, -3));
    const broken = await palermo(
      'pprl',
      'sign',
      '--in',
      file('broken.clk'),
      '--key-file',
      file('left.key'),
      '--out',
      file('x.clk'),
    );
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/broken\.clk: record 2 of 2 is cut short/);
    expect(existsSync(file('x.clk'))).toBe(false);
  }, 30_000);
});
