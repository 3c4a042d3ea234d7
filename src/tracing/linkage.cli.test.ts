import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateLinkage, linkageQuality, toCsv } from '../../bench/linkage/generate.js';

// `palermo link` and `palermo pprl` as an evaluator runs them: real processes on small files.

const palermoBin = new URL('../../bin/palermo.js', import.meta.url).pathname;
const repositoryRoot = new URL('../..', import.meta.url).pathname;
type Outcome = { code: number; stdout: string; stderr: string };

const palermo = (...args: string[]) =>
  new Promise<Outcome>((resolve) => {
    execFile(process.execPath, [palermoBin, ...args], { cwd: repositoryRoot }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });

const header = 'id,given_name,family_name,sex,birth_date,age_estimate,nationality,birth_place';
let folder: string;
const file = (name: string) => join(folder, name);
const generated = generateLinkage({ seed: 11, persons: 300 });

beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), 'palermo-linkage-'));
  writeFileSync(file('left.csv'), toCsv(generated.left));
  writeFileSync(file('right.csv'), toCsv(generated.right));
  writeFileSync(file('secret'), Buffer.alloc(32, 9));
  writeFileSync(file('other-secret'), Buffer.alloc(32, 10));
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function readMatches(name: string): { leftId: string; rightId: string; score: number }[] {
  const [, ...lines] = readFileSync(file(name), 'utf8').trim().split('\n');
  return lines.map((line) => {
    const [leftId, rightId, score] = line.split(',');
    return { leftId: leftId!, rightId: rightId!, score: Number(score) };
  });
}

describe('palermo link', () => {
  it('writes the one-to-one matches of two person files with their probability', async () => {
    const outcome = await palermo(
      'link',
      '--left',
      file('left.csv'),
      '--right',
      file('right.csv'),
      '--out',
      file('matches.csv'),
      '--reference-date',
      generated.referenceDate,
    );
    expect(outcome.code, outcome.stderr).toBe(0);
    expect(outcome.stdout).toMatch(/matches written to matches\.csv/);
    expect(readFileSync(file('matches.csv'), 'utf8').split('\n')[0]).toBe('left_id,right_id,probability');
    const matches = readMatches('matches.csv');
    expect(new Set(matches.map((match) => match.leftId)).size).toBe(matches.length);
    expect(new Set(matches.map((match) => match.rightId)).size).toBe(matches.length);
    for (const match of matches) expect(match.score).toBeGreaterThanOrEqual(0.9);
    expect(linkageQuality(matches, generated.truth).f1).toBeGreaterThan(0.85);
  }, 60_000);

  it('refuses a malformed row, naming the file and the line, and writes nothing', async () => {
    writeFileSync(
      file('malformed.csv'),
      `${header}\na1,Olena,Shevchenko,F,2008-04-12,,UKR,Odesa\na2,Ion,Popescu,M\n`,
    );
    const outcome = await palermo(
      'link',
      '--left',
      file('malformed.csv'),
      '--right',
      file('right.csv'),
      '--out',
      file('never.csv'),
    );
    expect(outcome.code).toBe(1);
    expect(outcome.stderr).toContain('malformed.csv, line 3: malformed row: 4 fields where the header has 8');
    expect(outcome.stderr).toContain('nothing was written');
    expect(existsSync(file('never.csv'))).toBe(false);
  }, 30_000);

  it('refuses an unknown column, an impossible date and a bad code, all listed', async () => {
    writeFileSync(file('extra-column.csv'), `${header},passport_number\n`);
    const unknown = await palermo(
      'link',
      '--left',
      file('extra-column.csv'),
      '--right',
      file('right.csv'),
      '--out',
      file('never.csv'),
    );
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('extra-column.csv, line 1: unknown column "passport_number"');

    writeFileSync(
      file('bad-values.csv'),
      `${header}\nb1,Ana,Pop,F,2023-02-30,,ROU,Iasi\nb2,Ion,Pop,X,2001,,Romania,\nb3,Dan,Pop,M,,about 16,,\n`,
    );
    const values = await palermo(
      'link',
      '--left',
      file('right.csv'),
      '--right',
      file('bad-values.csv'),
      '--out',
      file('never.csv'),
    );
    expect(values.code).toBe(1);
    expect(values.stderr).toContain(
      'bad-values.csv, line 2: birth_date "2023-02-30" is not a date that exists',
    );
    expect(values.stderr).toContain('bad-values.csv, line 3: sex "X" is not M, F or empty');
    expect(values.stderr).toContain(
      'bad-values.csv, line 3: nationality "Romania" is not an ISO 3166-1 alpha-3 code',
    );
    expect(values.stderr).toContain('bad-values.csv, line 4: age_estimate "about 16" is not whole years');
    expect(existsSync(file('never.csv'))).toBe(false);
  }, 30_000);
});

describe('palermo pprl', () => {
  it('encodes without plaintext and matches the encodings one to one', async () => {
    for (const side of ['left', 'right']) {
      const encoded = await palermo(
        'pprl',
        'encode',
        '--in',
        file(`${side}.csv`),
        '--secret-file',
        file('secret'),
        '--out',
        file(`${side}.clk`),
      );
      expect(encoded.code, encoded.stderr).toBe(0);
    }
    const clk = readFileSync(file('left.clk'));
    const text = clk.toString('latin1');
    for (const row of generated.left.slice(0, 50)) {
      for (const value of [row.family_name, row.given_name, row.birth_date, row.birth_place])
        if (value.length >= 4 && /^[\x20-\x7e]+$/.test(value)) expect(text).not.toContain(value);
    }
    const headerLine = JSON.parse(clk.subarray(0, clk.indexOf(0x0a)).toString('utf8'));
    expect(headerLine).toMatchObject({
      format: 'palermo-clk',
      formatVersion: 1,
      schema: { id: 'palermo/tracing/clk', version: 2, bits: 1024, hardening: 'balance' },
      encodingBytes: 256,
      count: generated.left.length,
      signature: null,
    });

    const matched = await palermo(
      'pprl',
      'match',
      '--left',
      file('left.clk'),
      '--right',
      file('right.clk'),
      '--out',
      file('pprl.csv'),
    );
    expect(matched.code, matched.stderr).toBe(0);
    expect(readFileSync(file('pprl.csv'), 'utf8').split('\n')[0]).toBe('left_id,right_id,similarity');
    const matches = readMatches('pprl.csv');
    expect(new Set(matches.map((match) => match.rightId)).size).toBe(matches.length);
    expect(linkageQuality(matches, generated.truth).f1).toBeGreaterThan(0.8);
  }, 60_000);

  it('refuses encodings of another schema version, of the wrong length or under another secret', async () => {
    const clk = readFileSync(file('left.clk'));
    const newline = clk.indexOf(0x0a);
    const headerLine = JSON.parse(clk.subarray(0, newline).toString('utf8'));
    const withHeader = (changed: object) =>
      Buffer.concat([
        Buffer.from(`${JSON.stringify({ ...headerLine, ...changed })}\n`),
        clk.subarray(newline + 1),
      ]);
    writeFileSync(file('v1.clk'), withHeader({ schema: { ...headerLine.schema, version: 1 } }));
    writeFileSync(file('long.clk'), withHeader({ encodingBytes: 128 }));
    writeFileSync(file('short.clk'), clk.subarray(0, clk.length - 100));
    await palermo(
      'pprl',
      'encode',
      '--in',
      file('right.csv'),
      '--secret-file',
      file('other-secret'),
      '--out',
      file('other.clk'),
    );

    const match = (left: string, right = 'right.clk') =>
      palermo('pprl', 'match', '--left', file(left), '--right', file(right), '--out', file('never.csv'));
    const version = await match('v1.clk');
    expect(version.code).toBe(1);
    expect(version.stderr).toContain('v1.clk: encoding schema version 1 is not supported');
    const length = await match('long.clk');
    expect(length.stderr).toContain(
      'long.clk: encodings of 128 bytes do not fit the schema (balance: 256 bytes)',
    );
    const short = await match('short.clk');
    expect(short.stderr).toMatch(/short\.clk: record \d+ of \d+ is cut short/);
    const secret = await match('left.clk', 'other.clk');
    expect(secret.stderr).toContain('left.clk and other.clk were encoded with different secrets');
    expect(existsSync(file('never.csv'))).toBe(false);
  }, 60_000);

  it('refuses a secret too short to be one', async () => {
    writeFileSync(file('weak-secret'), 'password');
    const outcome = await palermo(
      'pprl',
      'encode',
      '--in',
      file('left.csv'),
      '--secret-file',
      file('weak-secret'),
      '--out',
      file('weak.clk'),
    );
    expect(outcome.code).toBe(1);
    expect(outcome.stderr).toContain('weak-secret: the secret must be at least 16 bytes');
    expect(existsSync(file('weak.clk'))).toBe(false);
  }, 30_000);
});
