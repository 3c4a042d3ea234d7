import { afterAll, describe, expect, it } from 'vitest';
import type { PersonRecord } from '../fellegi-sunter.js';
import { type ClkFile, headerFor } from '../pprl-file.js';
import { encodePersons, pprlEncodingSchema } from '../pprl-linkage.js';
import { HUB_POOL_THRESHOLD_PAIRS, HubMatcher, usesWorkers } from './hub.js';

// The hub scores large meetings on worker threads, off the request thread, and finds the same
// pairs as in the thread. Synthetic names only.

const secret = Buffer.alloc(32, 7);
const givenNames = [
  'Synthia',
  'Mockela',
  'Testana',
  'Fictivia',
  'Exemplara',
  'Placida',
  'Dummira',
  'Stubena',
];
const familyNames = ['Testerova', 'Mockenko', 'Fakescu', 'Samplevic', 'Dummyova', 'Exemplaru'];

function fileOf(prefix: string, count: number, spelling: (name: string) => string): ClkFile {
  const records: PersonRecord[] = [];
  for (let index = 0; index < count; index += 1)
    records.push({
      id: `${prefix}-${index}`,
      givenName: spelling(givenNames[index % givenNames.length]!),
      familyName: spelling(familyNames[Math.floor(index / givenNames.length) % familyNames.length]!),
      sex: 'F',
      birth: { year: 1990 + (index % 20), month: 1 + (index % 12), day: 1 + (index % 28) },
      nationality: 'MDA',
    });
  return {
    header: headerFor(pprlEncodingSchema, records.length, secret),
    ids: records.map((record) => record.id),
    encodings: encodePersons(records, pprlEncodingSchema, secret),
  };
}

const matcher = new HubMatcher({ thresholdPairs: 1, workers: 1 });
afterAll(() => matcher.close());

describe('the hub’s matching', () => {
  it('scores small meetings in the thread and large ones on workers', () => {
    const small = fileOf('S', 10, (name) => name);
    expect(usesWorkers(small, small)).toBe(false);
    const big = { ...small, ids: new Array(3000).fill('x') };
    expect(usesWorkers(big, big)).toBe(3000 * 3000 >= HUB_POOL_THRESHOLD_PAIRS);
    expect(usesWorkers(big, { ...small, ids: new Array(2000).fill('x') })).toBe(true);
  });

  it('finds on worker threads the same pairs as in the thread', async () => {
    const left = fileOf('L', 120, (name) => name);
    const right = fileOf('R', 120, (name) => name.replace(/a$/, 'ah'));
    const inThread = await new HubMatcher({ thresholdPairs: Number.POSITIVE_INFINITY }).match(
      left,
      right,
      0.9,
    );
    const onWorkers = await matcher.match(left, right, 0.9);
    expect(matcher.pooledMeetings).toBe(1);
    expect(onWorkers.matches).toEqual(inThread.matches);
    expect(onWorkers.matches.length).toBeGreaterThan(50);
  }, 60_000);

  it('stops its workers when closed, and starts them again on the next large meeting', async () => {
    const left = fileOf('L', 20, (name) => name);
    await matcher.close();
    const again = await matcher.match(left, left, 0.9);
    expect(again.matches.length).toBe(20);
    expect(matcher.pooledMeetings).toBe(2);
  }, 60_000);
});
